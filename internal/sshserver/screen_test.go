package sshserver

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

func view(lines ...string) tea.View {
	v := tea.NewView(strings.Join(lines, "\n"))
	v.AltScreen = true
	return v
}

func TestScreenSendsOnlyTheLinesThatChanged(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&out, colorprofile.TrueColor, 20, 4)
	if err := s.draw(view("一行", "二行", "三行", "四行")); err != nil {
		t.Fatal(err)
	}
	first := out.String()
	for _, want := range []string{ansi.SetModeAltScreenSaveCursor, "一行", "二行", "三行", "四行"} {
		if !strings.Contains(first, want) {
			t.Errorf("first frame lacks %q: %q", want, first)
		}
	}

	out.Reset()
	s.draw(view("一行", "二行", "3rd", "四行"))
	got := out.String()
	if !strings.Contains(got, ansi.CursorPosition(1, 3)+ansi.ResetStyle+ansi.EraseEntireLine+"3rd") {
		t.Errorf("the changed third line is not drawn in place: %q", got)
	}
	for _, old := range []string{"一行", "二行", "四行", ansi.SetModeAltScreenSaveCursor} {
		if strings.Contains(got, old) {
			t.Errorf("an unchanged line or mode was sent again (%q): %q", old, got)
		}
	}

	out.Reset()
	s.draw(view("一行", "二行", "3rd", "四行"))
	if out.Len() != 0 {
		t.Errorf("the same frame again sent %q", out.String())
	}

	s.resize(30, 4) // the terminal may have reflowed: every line again
	s.draw(view("一行", "二行", "3rd", "四行"))
	for _, want := range []string{ansi.EraseEntireScreen, "一行", "二行", "3rd", "四行"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("after a resize the frame lacks %q: %q", want, out.String())
		}
	}
}

func TestScreenSendsTextAndColoursOnly(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"a\x1b[31mb\x1b[m", "a\x1b[31mb\x1b[m"},
		{"x\x1b]52;c;ZXZpbA==\x07y", "xy"}, // clipboard write
		{"x\x1b]0;title\x1b\\y", "xy"},     // window title
		{"x\x1b[2Jy\x1b[10;10Hz", "xyz"},   // erase, cursor moves
		{"x\x1b[>4;2my", "xy"},             // not SGR: a private m
		{"x\ry\bz\x07\tw\x7f", "xyzw"},     // C0 controls, DEL
		{"x\u009b31my", "x31my"},           // C1 CSI
		{"x\x1b[?1049ly", "xy"},            // leave the alternate screen
		{"张\x1b[38;2;255;0;0m三\x1b[0m", "张\x1b[38;2;255;0;0m三\x1b[0m"},
	} {
		if got := encodeLine(tc.line, 80, colorprofile.TrueColor); got != tc.want {
			t.Errorf("encodeLine(%q) = %q; want %q", tc.line, got, tc.want)
		}
	}
}

func TestScreenCutsLinesAtItsWidth(t *testing.T) {
	if got := encodeLine("中文中文", 5, colorprofile.TrueColor); got != "中文" {
		t.Errorf("cut at 5 cells: %q; want the two characters that fit", got)
	}
	// The style is reset before every line and after the frame.
	if got := encodeLine("abc\x1b[31mdef\x1b[m", 4, colorprofile.TrueColor); got != "abc\x1b[31md" {
		t.Errorf("cut at 4 cells: %q", got)
	}
}

func TestScreenConvertsColoursToTheClientsProfile(t *testing.T) {
	got := encodeLine("\x1b[38;2;248;81;73mX\x1b[m", 80, colorprofile.ANSI256)
	if strings.Contains(got, "38;2;") || !strings.Contains(got, "38;5;") || !strings.Contains(got, "X") {
		t.Errorf("true colour for a 256-colour terminal: %q", got)
	}
	if got := encodeLine("\x1b[38;2;248;81;73mX\x1b[m", 80, colorprofile.Ascii); strings.Contains(got, "38;") {
		t.Errorf("colour for an ASCII terminal: %q", got)
	}
}

func TestScreenPutsTheTerminalBack(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&out, colorprofile.TrueColor, 20, 4)
	v := view("x")
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "desk"
	s.draw(v)
	if !strings.Contains(out.String(), ansi.SetModeMouseButtonEvent) || !strings.Contains(out.String(), ansi.SetWindowTitle("desk")) {
		t.Fatalf("mouse mode or title not set: %q", out.String())
	}
	out.Reset()
	s.close()
	for _, want := range []string{ansi.ResetModeAltScreenSaveCursor, ansi.SetModeTextCursorEnable, ansi.ResetModeBracketedPaste,
		ansi.ResetModeMouseButtonEvent, ansi.PopKittyKeyboard(1), ansi.SetWindowTitle("")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("close does not send %q: %q", want, out.String())
		}
	}
}
