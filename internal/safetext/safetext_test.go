package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is text a customer could have typed or pasted into a complaint,
// each trying to act on the terminal of the agent who reads it.
var hostile = map[string]string{
	"clear screen":     "退款\x1b[2J\x1b[H请处理",
	"osc title":        "\x1b]0;pwned\x07张三",
	"osc title st":     "\x1b]2;pwned\x1b\\张三",
	"osc 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
	"osc 8 hyperlink":  "\x1b]8;;http://evil.example/\x1b\\点我\x1b]8;;\x1b\\",
	"bell":             "ding\x07\x07",
	"cursor move":      "first\x1b[10;1Hoverwrite",
	"c1 csi":           "\u009b2J清屏",
	"c1 osc":           "\u009d0;pwned\u009c",
	"raw 8-bit csi":    "\x9b2J",
	"raw 8-bit osc":    "\x9d0;pwned\x9c",
	"invalid utf8":     "\xff\xfe退款",
	"backspace":        "paid\b\b\b\bunpaid",
	"carriage return":  "投诉已解决\r投诉未解决",
	"delete":           "abc\x7f",
	"nul":              "a\x00b",
	"bidi override":    "refund \u202eRLO\u202c done",
	"bidi isolate":     "\u2066abc\u2069\u2067def\u2068",
	"bidi marks":       "\u200e\u200f\u061c",
	"vertical tab":     "a\x0bb\x0cc",
	"escape alone":     "\x1b",
}

// dangerous reports the first thing in s a terminal could obey.
func dangerous(s string, newlineOK bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' && newlineOK:
		case r < 0x20 || r == 0x7f:
			return "C0 control " + string(rune('0'+r%10))
		case r >= 0x80 && r <= 0x9f:
			return "C1 control"
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			return "bidi control"
		}
	}
	return ""
}

func TestNothingHostileSurvives(t *testing.T) {
	for name, in := range hostile {
		if got := Line(in); dangerous(got, false) != "" {
			t.Errorf("%s: Line(%q) = %q still has a %s", name, in, got, dangerous(got, false))
		}
		if got := Text(in); dangerous(got, true) != "" {
			t.Errorf("%s: Text(%q) = %q still has a %s", name, in, got, dangerous(got, true))
		}
		// a second pass finds nothing more to do
		if once := Line(in); Line(once) != once {
			t.Errorf("%s: Line is not idempotent: %q then %q", name, once, Line(once))
		}
	}
}

func TestControlsAreShownNotDropped(t *testing.T) {
	// The agent sees that something was there: ESC and BEL are shown as
	// their control pictures and the rest of the text is kept.
	got := Line("\x1b]0;pwned\x07张三")
	if !strings.Contains(got, "␛") || !strings.Contains(got, "␇") || !strings.Contains(got, "pwned") || !strings.Contains(got, "张三") {
		t.Errorf("Line(OSC title) = %q; want ␛ and ␇ shown and the text kept", got)
	}
	if got := Line("\u009b2J"); !strings.Contains(got, "2J") || strings.ContainsRune(got, 0x9b) {
		t.Errorf("Line(C1 CSI) = %q", got)
	}
	// bidi overrides are removed outright (they reorder what is read)
	if got := Line("refund \u202eRLO\u202c done"); got != "refund RLO done" {
		t.Errorf("Line(bidi) = %q; want %q", got, "refund RLO done")
	}
}

func TestChineseAndPlainTextUnchanged(t *testing.T) {
	for _, in := range []string{
		"",
		"hello, world",
		"张三投诉：快递延误三天，要求退款¥199.00！",
		"（全角括号）“引号”…—·①↑",
		"電話番号 と 한국어 text",
		"emoji 😀 ok",
		"Ünïcödé naïve café",
		"\u00a0non-breaking space", // U+00A0 is not a C1 control
		"Ā ā ŀ Ÿ",                  // UTF-8 lead byte C2/C4/C5 followed by non-C1 bytes
	} {
		if got := Line(in); got != in {
			t.Errorf("Line(%q) = %q; want unchanged", in, got)
		}
		if got := Text(in); got != in {
			t.Errorf("Text(%q) = %q; want unchanged", in, got)
		}
	}
}

func TestNewlines(t *testing.T) {
	in := "第一行\n第二行\r\n第三行\t结束"
	line := Line(in)
	if strings.ContainsAny(line, "\n\r\t") {
		t.Errorf("Line(%q) = %q keeps a line break or tab", in, line)
	}
	if !strings.Contains(line, "第一行 第二行") || !strings.Contains(line, "第三行 结束") {
		t.Errorf("Line(%q) = %q; want breaks and tabs as spaces", in, line)
	}
	text := Text(in)
	if want := "第一行\n第二行\n第三行    结束"; text != want {
		t.Errorf("Text(%q) = %q; want %q (newlines kept, CR dropped, tab as spaces)", in, text, want)
	}
	if n := strings.Count(Text("a\nb\nc\n"), "\n"); n != 3 {
		t.Errorf("Text kept %d newlines of 3", n)
	}
}

func TestUnsafeFindsWhatLineWouldChange(t *testing.T) {
	for s, want := range map[string]int{"元旦": 0, "lina@laptop": 0, "元旦\x1b[2J": 3, "a\u202eb": 2, "ab\u009b": 3, "x\ty": 2, "ok\xff": 3} {
		_, pos, found := Unsafe(s)
		if found != (want > 0) || pos != want {
			t.Errorf("Unsafe(%q) = %d, %v; want position %d", s, pos, found, want)
		}
		if !found && Line(s) != s {
			t.Errorf("Unsafe(%q) found nothing but Line changes it", s)
		}
	}
}
