package complaint

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNormalizePhoneAccepts(t *testing.T) {
	cases := []struct {
		in   string
		want string
		kind PhoneKind
	}{
		// mobiles, bare and with the country code in its usual spellings
		{"13812345678", "13812345678", PhoneMobile},
		{"138 1234 5678", "13812345678", PhoneMobile},
		{"138-1234-5678", "13812345678", PhoneMobile},
		{" 19912345678 ", "19912345678", PhoneMobile},
		{"+8613812345678", "13812345678", PhoneMobile},
		{"+86 138 1234 5678", "13812345678", PhoneMobile},
		{"+86-138-1234-5678", "13812345678", PhoneMobile},
		{"008613812345678", "13812345678", PhoneMobile},
		{"0086 138 1234 5678", "13812345678", PhoneMobile},
		{"86 13812345678", "13812345678", PhoneMobile},
		// typed with a Chinese input method in full-width mode
		{"１３８１２３４５６７８", "13812345678", PhoneMobile},
		{"＋８６　１３８－１２３４－５６７８", "13812345678", PhoneMobile},
		// landlines: 3-digit area codes (010, 02x) and 4-digit ones
		{"010-12345678", "010-12345678", PhoneLandline},
		{"01012345678", "010-12345678", PhoneLandline},
		{"(010) 1234 5678", "010-12345678", PhoneLandline},
		{"021-87654321", "021-87654321", PhoneLandline},
		{"02087654321", "020-87654321", PhoneLandline},
		{"0755-12345678", "0755-12345678", PhoneLandline},
		{"075512345678", "0755-12345678", PhoneLandline},
		{"0755-1234567", "0755-1234567", PhoneLandline},
		{"0311 1234567", "0311-1234567", PhoneLandline},
		// service numbers
		{"400-123-4567", "4001234567", PhoneService},
		{"4001234567", "4001234567", PhoneService},
		{"800 123 4567", "8001234567", PhoneService},
		{"95588", "95588", PhoneService},
		{"955 88", "95588", PhoneService},
		{"10086", "10086", PhoneService},
	}
	for _, c := range cases {
		got, kind, err := NormalizePhone(c.in)
		if err != nil {
			t.Errorf("NormalizePhone(%q): unexpected error %v", c.in, err)
			continue
		}
		if got != c.want || kind != c.kind {
			t.Errorf("NormalizePhone(%q) = %q, kind %d; want %q, kind %d", c.in, got, kind, c.want, c.kind)
		}
		// the stored form is itself accepted and unchanged
		again, kind2, err := NormalizePhone(got)
		if err != nil || again != got || kind2 != kind {
			t.Errorf("NormalizePhone(%q) (normalised form of %q) = %q, %d, %v; want it unchanged", got, c.in, again, kind2, err)
		}
	}
}

func TestNormalizePhoneRefuses(t *testing.T) {
	for _, in := range []string{
		"",
		"12345",            // not a mobile, not a service number
		"abc",              // letters
		"138abc45678",      // letters inside
		"+1 555 123 4567",  // another country
		"+44 20 7946 0958", // another country
		"1381234567",       // mobile one digit short
		"138123456789",     // mobile one digit long
		"12812345678",      // 12x is not a mobile prefix
		"010-123456",       // local number too short
		"010-123456789",    // local number too long
		"0755-123456",      // local number too short
		"0755-123456789",   // local number too long
		"075-1234567",      // 07x area codes have 4 digits
		"0751234567",       // ...so this is 0751-234567, too short
		"400123456",        // service number too short
		"40012345678",      // service number too long
		"138 1234 5678 ext 9",
		"13812345678+",            // '+' only leads
		"+86 1381234567",          // +86 with a short mobile
		"0086",                    // prefix alone
		"１２３４５",                   // full-width, still not a number
		"138\x1b[2J12345678",      // control characters are not separators
		"138\u00a012345678\u0000", // neither is NUL
	} {
		got, kind, err := NormalizePhone(in)
		if err == nil {
			t.Errorf("NormalizePhone(%q) = %q, kind %d; want it refused", in, got, kind)
			continue
		}
		if !errors.Is(err, ErrPhone) || got != "" || kind != PhoneInvalid {
			t.Errorf("NormalizePhone(%q) = %q, %d, %v; want \"\", PhoneInvalid, ErrPhone", in, got, kind, err)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"zhang.san@example.com":   "zhang.san@example.com",
		"  li_si+desk@mail.cn  ":  "li_si+desk@mail.cn",
		"wang@sub.example.com.cn": "wang@sub.example.com.cn",
	} {
		got, err := NormalizeEmail(in)
		if err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"", "zhang", "zhang@", "@example.com", "zhang@localhost", "zhang@example.", "zhang@@example.com",
		"张三 <zhang@example.com>", "zhang@example.com, li@example.com", "zhang @example.com",
		"a@b.cn\u200b", "zh\u200bang@example.com", "zhang@exa\ufeffmple.com", // invisible characters (finding 10)
	} {
		if got, err := NormalizeEmail(in); !errors.Is(err, ErrEmail) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want ErrEmail", in, got, err)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"13812345678":   "138****5678",
		"010-12345678":  "010-****5678",
		"0755-1234567":  "0755-***4567",
		"4001234567":    "400***4567",
		"":              "",
		"5678":          "****",
		"95588":         "*5588",
		"0311-12345678": "0311-****5678",
	} {
		got := MaskPhone(in)
		if got != want {
			t.Errorf("MaskPhone(%q) = %q; want %q", in, got, want)
		}
		if len(in) > 4 && strings.Contains(got, in) {
			t.Errorf("MaskPhone(%q) = %q shows the whole number", in, got)
		}
		if len(got) != len(in) {
			t.Errorf("MaskPhone(%q) = %q changed the length", in, got)
		}
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{
		"张三":         "张*",
		"欧阳娜娜":       "欧***",
		"张":          "*", // one character: nothing of it shows
		"W":          "*",
		"  李四  ":     "李*",
		"":           "",
		"Zhang San":  "Z**** ***",
		"司马相如 (代理人)": "司*** *****",
	} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestMaskEmail(t *testing.T) {
	for in, want := range map[string]string{
		"zhang@example.com": "z****@example.com",
		"li@mail.cn":        "l*@mail.cn",
		"a@b.cn":            "a*@b.cn", // a one-letter name is not shown in full
		"张三@例子.中国":          "张*@例子.中国",
	} {
		got := MaskEmail(in)
		if got != want {
			t.Errorf("MaskEmail(%q) = %q; want %q", in, got, want)
		}
		if got == in {
			t.Errorf("MaskEmail(%q) hides nothing", in)
		}
	}
	// not an address: masked like a name rather than shown
	if got := MaskEmail("zhangsan"); got != "z*******" {
		t.Errorf("MaskEmail(no @) = %q", got)
	}
}

func TestNumber(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	day := time.Date(2026, 11, 22, 23, 59, 0, 0, loc)
	for seq, want := range map[int]string{
		1:     "TS20261122-0001",
		7:     "TS20261122-0007",
		42:    "TS20261122-0042",
		9999:  "TS20261122-9999",
		10000: "TS20261122-10000", // a busy day keeps counting, never wraps
	} {
		got := Number(day, seq)
		if got != want {
			t.Errorf("Number(%v, %d) = %q; want %q", day, seq, got, want)
		}
		if !ValidNumber(got) {
			t.Errorf("ValidNumber(%q) = false for a number Number made", got)
		}
	}
	if got := NumberDay(day); got != "20261122" {
		t.Errorf("NumberDay = %q", got)
	}
	// the day is the one of the time given (the caller passes the desk's zone)
	if got := Number(day.UTC(), 1); got != "TS20261122-0001" {
		// 23:59 +08:00 is 15:59 UTC on the same day
		t.Errorf("Number(UTC) = %q", got)
	}
	if got := Number(time.Date(2026, 11, 23, 1, 0, 0, 0, loc).UTC(), 1); got != "TS20261122-0001" {
		// 01:00 +08:00 on the 23rd is still the 22nd in UTC
		t.Errorf("Number(UTC across midnight) = %q", got)
	}
	for _, bad := range []string{"", "TS2026112-0001", "TS20261122-001", "ts20261122-0001", "TS20261122_0001", "XTS20261122-0001", "TS20261122-0001 "} {
		if ValidNumber(bad) {
			t.Errorf("ValidNumber(%q) = true", bad)
		}
	}
}
