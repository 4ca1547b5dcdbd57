package importer

import (
	"errors"
	"strings"
	"testing"

	"complaintdesk/internal/complaint"
)

func TestParsePhone(t *testing.T) {
	for _, tc := range []struct{ in, number, rest string }{
		{"", "", ""},
		{"   ", "", ""},
		{"13800138000", "13800138000", ""},
		{"138 0013 8000", "13800138000", ""},
		{"138-0013-8000", "13800138000", ""},
		{"+86 138 0013 8000", "13800138000", ""},
		{"'13800138000", "13800138000", ""},  // Excel's text mark
		{"13800138000.0", "13800138000", ""}, // a number cell
		{"１３８００１３８０００", "13800138000", ""},   // full-width
		{"010-12345678", "010-12345678", ""},
		{"(0755) 8765 4321", "0755-87654321", ""},
		{"010-12345678转123", "010-12345678", "ext 123"},
		{"010-12345678 ext. 12", "010-12345678", "ext 12"},
		{"13800138000/13900139000", "13800138000", "13900139000"},
		{"13800138000、010-12345678", "13800138000", "010-12345678"},
		{"4008123123", "4008123123", ""},
		{"95588", "95588", ""},
	} {
		p, err := ParsePhone(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if p.Number != tc.number || p.Rest != tc.rest {
			t.Errorf("%q = %+v, want %q rest %q", tc.in, p, tc.number, tc.rest)
		}
	}
}

func TestParsePhoneRefuses(t *testing.T) {
	for _, tc := range []struct{ in, why string }{
		{"1.38001380E+10", "scientific notation"},
		{"1.38E+10", "scientific notation"},
		{"+1 202-555-0100", "not a phone number the desk takes"}, // foreign
		{"+44 20 7946 0958", "not a phone number the desk takes"},
		{"1380013800", "not a phone number the desk takes"}, // a digit short
		{"12345", "not a phone number the desk takes"},
		{"phone: unknown", "not a phone number the desk takes"},
		{"/", "no phone number"},
	} {
		_, err := ParsePhone(tc.in)
		if err == nil {
			t.Errorf("%q accepted", tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%q: %v, want it to say %q", tc.in, err, tc.why)
		}
	}
}

// FuzzParsePhone: every cell either gives a number the desk stores (which
// reads back the same) or a clear error; nothing panics.
func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"13800138000", "+86 138 0013 8000", "010-12345678转123", "1.38E+10", "'13800138000",
		"13800138000/13900139000", "+1 202-555-0100", "", "１３８００１３８０００", "13800138000.0", "ext 12", "转", "//,,;;", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePhone(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			if p != (Phone{}) {
				t.Fatalf("%q: error %v with a phone %+v", s, err, p)
			}
			return
		}
		if p.Number == "" {
			if strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "'")) != "" && p.Rest == "" && !isBlankish(s) {
				t.Fatalf("%q: no number and no error", s)
			}
			return
		}
		again, _, err := complaint.NormalizePhone(p.Number)
		if err != nil || again != p.Number {
			t.Fatalf("%q gave %q, which the desk reads as %q, %v", s, p.Number, again, err)
		}
		if errors.Is(err, ErrScientificPhone) {
			t.Fatal("unreachable")
		}
	})
}

func isBlankish(s string) bool {
	return strings.TrimSpace(toHalfWidthDigits(strings.TrimPrefix(strings.TrimSpace(s), "'"))) == ""
}
