package input

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// gbk is 中文 in GBK: what a Chinese Windows program writes; its first
// byte pair is already invalid UTF-8.
const gbk = "\xd6\xd0\xce\xc4"

// Each rule refused: the issue names the problem (in both languages) and,
// where a character is at fault, its byte offset in the text as given.
func TestCheckRefusesWithTheProblemAndWhere(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		kind   Kind
		max    int
		zh, en string // what both languages must say
	}{
		{"invalid bytes", "abc\xff\xfedef", Lines, 0, "第 3 个字节", "byte offset 3"},
		{"invalid after Chinese", "退款" + "\xff", Lines, 0, "第 6 个字节", "byte offset 6"},
		{"GBK bytes", gbk, Line, 0, "第 0 个字节", "not valid UTF-8"},
		{"GBK inside UTF-8", "客户" + gbk, Name, 0, "第 6 个字节", "byte offset 6"},
		{"a cut-off character", "王五"[:5], Name, 0, "第 3 个字节", "byte offset 3"},
		{"a surrogate half", "a\xed\xa0\x80b", Lines, 0, "第 1 个字节", "byte offset 1"},
		{"NUL in content", "快递\x00延误", Lines, 0, "U+0000（第 6 个字节）", "U+0000 (byte offset 6)"},
		{"NUL in a name", "张\x00三", Name, 0, "U+0000", "byte offset 3"},
		{"ESC in content", "退款\x1b[2J", Lines, 0, "U+001B", "byte offset 6"},
		{"BEL in a line", "地址\a", Line, 0, "U+0007", "byte offset 6"},
		{"DEL", "ab\x7f", Line, 0, "U+007F", "byte offset 2"},
		{"C1 control", "ab\u009bc", Lines, 0, "U+009B", "byte offset 2"},
		{"tab in a name", "王\t五", Name, 0, "U+0009（第 3 个字节）", "U+0009 (byte offset 3)"},
		{"CR in a name", "王\r五", Name, 0, "U+000D", "byte offset 3"},
		{"line feed in a name", "王\n五", Name, 0, "U+000A", "byte offset 3"},
		{"line feed in one line", "北京市\n朝阳区", Line, 0, "U+000A", "byte offset 9"},
		{"tab in one line", "订单\t5512", Line, 0, "U+0009", "byte offset 6"},
		{"offset counts leading spaces", "  \x01张三", Name, 0, "第 2 个字节", "byte offset 2"},
		{"offset counts CR LF before", "第一行\r\n第二行\x00", Lines, 0, "第 20 个字节", "byte offset 20"},
		{"zero-width space in a name", "王\u200b五", Name, 0, "U+200B（第 3 个字节）", "U+200B (byte offset 3)"},
		{"zero-width joiner in a name", "王\u200d五", Name, 0, "U+200D", "invisible"},
		{"byte-order mark in a name", "王\ufeff五", Name, 0, "U+FEFF", "invisible"},
		{"soft hyphen in a name", "Zhang\u00adSan", Name, 0, "U+00AD", "invisible"},
		{"Hangul filler in a name", "王\u3164", Name, 0, "U+3164", "invisible"},
		{"bidi override in a name", "王\u202e五", Name, 0, "U+202E", "text-direction"},
		{"bidi override in content", "退款\u202e金额", Lines, 0, "U+202E", "byte offset 6"},
		{"bidi isolate in a line", "a\u2066b", Line, 0, "U+2066", "text-direction"},
		{"line separator in a name", "王\u2028五", Name, 0, "U+2028", "one line"},
		{"replacement character", "abc\ufffddef", Lines, 0, "U+FFFD（第 3 个字节）", "bytes of the original were lost"},
		{"51-character name", strings.Repeat("王", 51), Name, 0, "51 字，最多 50 字", "51 characters, 50 at most"},
		{"60-character name", strings.Repeat("张", 60), Name, 0, "最多 50 字", "60 characters"},
		{"10,000-character name", strings.Repeat("x", 10000), Name, 0, "最多 50 字", "10000 characters, 50 at most"},
		{"content over 20000", strings.Repeat("退", ContentMax+1), Lines, ContentMax, "20001 字，最多 20000 字", "20001 characters, 20000 at most"},
		{"one line over 500", strings.Repeat("a", LineMax+1), Line, 0, "最多 500 字", "500 at most"},
		{"several lines over 5000", strings.Repeat("a\n", 2600), Lines, 0, "最多 5000 字", "5000 at most"},
		{"a tab counts as the four spaces it becomes", "a\tb", Lines, 5, "6 字，最多 5 字", "6 characters, 5 at most"},
		{"a trailing tab is trimmed, not counted", strings.Repeat("a", 9) + "\t", Lines, 9, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, is := Check(tc.text, tc.kind, tc.max)
			if tc.zh == "" { // the control case of the table: accepted
				if is != nil {
					t.Fatalf("refused: %v", is.EN)
				}
				return
			}
			if is == nil {
				t.Fatalf("accepted %q as %q", tc.text, got)
			}
			if got != "" {
				t.Errorf("a refusal returned text %q", got)
			}
			if !strings.Contains(is.ZH, tc.zh) || !strings.Contains(is.EN, tc.en) {
				t.Errorf("issue\n zh %s\n en %s\nwant %q and %q", is.ZH, is.EN, tc.zh, tc.en)
			}
			if is.In("zh_CN.UTF-8") != is.ZH || is.In("en") != is.EN {
				t.Error("Issue.In does not pick the language")
			}
		})
	}
}

// What the rules let through, and how it is stored.
func TestCheckAcceptsAndNormalises(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		kind       Kind
		max        int
		want       string
	}{
		{"a Chinese name", "王五", Name, 0, "王五"},
		{"outer spaces and tabs are trimmed", " \t王五 \r\n", Name, 0, "王五"},
		{"a name with a space and a dot", "Zhang San", Name, 0, "Zhang San"},
		{"a minority name's middle dot", "买买提·艾力", Name, 0, "买买提·艾力"},
		{"50 characters is a name", strings.Repeat("王", 50), Name, 0, strings.Repeat("王", 50)},
		{"line feeds in content", "第一行\n第二行", Lines, 0, "第一行\n第二行"},
		{"CR LF becomes LF", "第一行\r\n第二行\r\n", Lines, 0, "第一行\n第二行"},
		{"a lone CR becomes LF", "第一行\r第二行", Lines, 0, "第一行\n第二行"},
		{"a tab in content is four spaces", "金额：\t500 元", Lines, 0, "金额：    500 元"},
		{"zero-width joiner in content (an emoji family)", "谢谢👨\u200d👩\u200d👧", Lines, 0, "谢谢👨\u200d👩\u200d👧"},
		{"zero-width space in an address", "朝阳区\u200b", Line, 0, "朝阳区\u200b"},
		{"content of exactly 20000", strings.Repeat("退", ContentMax), Lines, ContentMax, strings.Repeat("退", ContentMax)},
		{"an explicit limit", "ab", Line, 2, "ab"},
		{"empty", "", Name, 0, ""},
		{"spaces only", " \n\t ", Lines, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, is := Check(tc.text, tc.kind, tc.max)
			if is != nil {
				t.Fatalf("refused: %s", is.EN)
			}
			if got != tc.want {
				t.Errorf("Check(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestUTF8(t *testing.T) {
	if is := UTF8("王五 abc"); is != nil {
		t.Errorf("valid text refused: %s", is.EN)
	}
	if is := UTF8("abc" + gbk); is == nil || !strings.Contains(is.EN, "byte offset 3") || !strings.Contains(is.ZH, "第 3 个字节") {
		t.Errorf("GBK after three bytes: %+v", is)
	}
}

// The fuzz tests state what every text either is or is told: anything
// accepted is valid UTF-8, holds no character its kind forbids, is within
// its length and is stored as it would be checked again; anything refused
// says what is wrong, and where when a character or byte is at fault.
// `go test` runs the seeds; `go test -fuzz FuzzCheckName ./internal/input`
// explores.

var fuzzSeeds = []string{
	"", "王五", " 张三 ", "王\u200b五", "王\u200d五", "王\u202e五", "abc\xff\xfedef", gbk, "客户" + gbk,
	"快递\x00延误", "a\tb", "a\r\nb", "a\rb", "a\nb", "\x1b[2J", "a\u009bb", "\ufeff王", "abc\ufffd",
	"王\u2028五", "退款\u2066", strings.Repeat("王", 50), strings.Repeat("王", 51), strings.Repeat("x", 10000),
	"  \x01", "\xed\xa0\x80", "买买提·艾力", "谢谢👨\u200d👩\u200d👧", "\u3164", " \u0085王\u0085 ",
}

func FuzzCheckName(f *testing.F)    { fuzzKind(f, Name, 0, NameMax) }
func FuzzCheckLine(f *testing.F)    { fuzzKind(f, Line, 0, LineMax) }
func FuzzCheckLines(f *testing.F)   { fuzzKind(f, Lines, 0, LinesMax) }
func FuzzCheckContent(f *testing.F) { fuzzKind(f, Lines, ContentMax, ContentMax) }

func fuzzKind(f *testing.F, kind Kind, max, limit int) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, is := Check(s, kind, max)
		if is != nil {
			checkIssue(t, s, kind, limit, is)
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("accepted invalid UTF-8: %q", out)
		}
		if n := utf8.RuneCountInString(out); n > limit {
			t.Fatalf("accepted %d characters, limit %d", n, limit)
		}
		if out != strings.TrimSpace(out) {
			t.Fatalf("accepted with outer spaces: %q", out)
		}
		for i, r := range out {
			if forbidden(r, kind) {
				t.Fatalf("accepted %U at byte %d of %q (kind %d)", r, i, out, kind)
			}
		}
		if again, is := Check(out, kind, max); is != nil || again != out {
			t.Fatalf("stored %q checks again as %q, %v", out, again, is)
		}
	})
}

// forbidden is, written apart from the rules, what a stored text of kind
// may not hold.
func forbidden(r rune, kind Kind) bool {
	switch {
	case r == '\n':
		return kind != Lines
	case unicode.IsControl(r), r == utf8.RuneError:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x2028 || r == 0x2029:
		return kind != Lines
	case kind == Name:
		return unicode.Is(unicode.Cf, r) || r == 0x200b || r == 0x200d || r == 0x3164
	}
	return false
}

// checkIssue checks a refusal: both languages, and the offset it names is
// where the text really goes wrong.
func checkIssue(t *testing.T, s string, kind Kind, limit int, is *Issue) {
	t.Helper()
	if is.ZH == "" || is.EN == "" {
		t.Fatalf("an issue without its text: %+v", is)
	}
	if !utf8.ValidString(s) {
		i := strings.Index(is.EN, "byte offset ")
		if i < 0 {
			t.Fatalf("invalid UTF-8 %q refused without the offset: %s", s, is.EN)
		}
		var off int
		if _, err := fmt.Sscanf(is.EN[i+len("byte offset "):], "%d", &off); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(s[off:]) || !utf8.ValidString(s[:off]) {
			t.Fatalf("%q: offset %d is not where the invalid bytes start (%s)", s, off, is.EN)
		}
		return
	}
	if strings.Contains(is.EN, "too long") {
		stored := strings.TrimSpace(s)
		if utf8.RuneCountInString(stored) <= limit && !strings.ContainsAny(stored, "\t") {
			t.Fatalf("%q (%d characters) refused as too long, limit %d", s, utf8.RuneCountInString(stored), limit)
		}
		return
	}
	i := strings.Index(is.EN, "byte offset ")
	if i < 0 {
		t.Fatalf("a character refused without its offset: %s", is.EN)
	}
	var off int
	if _, err := fmt.Sscanf(is.EN[i+len("byte offset "):], "%d", &off); err != nil {
		t.Fatal(err)
	}
	r, _ := utf8.DecodeRuneInString(s[off:])
	if !forbidden(r, kind) && !(kind == Name && (r == 0x115f || r == 0x1160 || r == 0xffa0)) {
		t.Fatalf("%q: refused %U at byte %d, which its kind allows (%s)", s, r, off, is.EN)
	}
	if !strings.Contains(is.EN, fmt.Sprintf("%U", r)) {
		t.Fatalf("%q: the issue does not name %U: %s", s, r, is.EN)
	}
}

// A text that shows nothing is as empty as spaces: each blank-looking
// character alone, or several, checks to "" (finding 10); one visible
// character among them keeps the text.
func TestInvisibleOnlyTextIsEmpty(t *testing.T) {
	for _, s := range []string{"\u200b", "\u2800", "\u3164", "\u115f", "\uffa0", "\u200b\u2800 \u3164", "\u034f", "\U000E0041", "\ufe0f", "\u3000"} {
		if Visible(s) {
			t.Errorf("Visible(%q) = true", s)
		}
		if got, is := Check(s, Line, 0); got != "" || is != nil {
			t.Errorf("Check(%q) = %q, %v; want empty", s, got, is)
		}
	}
	for _, s := range []string{"补", "a", "\u200b补", "é"} {
		if !Visible(s) {
			t.Errorf("Visible(%q) = false", s)
		}
	}
}
