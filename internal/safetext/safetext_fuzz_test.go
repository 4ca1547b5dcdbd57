package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Plain go test runs the seeds; go test -fuzz=FuzzLine ./internal/safetext
// looks for more.
func addSeeds(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"张三投诉：快递延误三天，要求退款¥199.00！",
		"第一行\n第二行\r\n第三行\t结束",
		"（全角括号）“引号”…—·①↑ emoji 😀",
		"\u00a0\u2028\ufeff\ufffd",
		"\xc2\x9b\xe2\x80\xae\xd8\x9c\xef\xbf\xbd",
		"\x1b[31m红色\x1b[0m\x1b]8;;http://x\x07链接\x1b]8;;\x07",
	} {
		f.Add(s)
	}
}

func FuzzLine(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		got := Line(in)
		if d := dangerous(got, false); d != "" {
			t.Fatalf("Line(%q) = %q still has a %s", in, got, d)
		}
		if strings.ContainsAny(got, "\n\r\t") {
			t.Fatalf("Line(%q) = %q is more than one line", in, got)
		}
		if again := Line(got); again != got {
			t.Fatalf("Line is not idempotent: %q then %q", got, again)
		}
		// Text that was already safe is shown exactly as typed.
		if dangerous(in, false) == "" && got != in {
			t.Fatalf("Line changed safe text %q into %q", in, got)
		}
		// Nothing the customer wrote disappears but bidi controls: every
		// other character stays one character.
		if n, m := utf8.RuneCountInString(got), runesKept(in); n != m {
			t.Fatalf("Line(%q) = %q has %d characters; want %d", in, got, n, m)
		}
	})
}

func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		got := Text(in)
		if d := dangerous(got, true); d != "" {
			t.Fatalf("Text(%q) = %q still has a %s", in, got, d)
		}
		if again := Text(got); again != got {
			t.Fatalf("Text is not idempotent: %q then %q", got, again)
		}
		if a, b := strings.Count(in, "\n"), strings.Count(got, "\n"); a != b {
			t.Fatalf("Text(%q) = %q has %d line breaks; want %d", in, got, b, a)
		}
		if dangerous(in, true) == "" && !strings.ContainsAny(in, "\t") && got != in {
			t.Fatalf("Text changed safe text %q into %q", in, got)
		}
	})
}

// runesKept is how many characters Line shows for in: all but the bidi
// controls it drops (an invalid byte shows as one �).
func runesKept(in string) int {
	n := 0
	for _, r := range in {
		if !isBidiControl(r) {
			n++
		}
	}
	return n
}
