package sshserver

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
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

// term is as much of a terminal as the screen uses, for ASCII text: it
// keeps the text of each line and ignores colours and modes.
type term struct {
	w, h      int
	rows      [][]byte
	x, y      int
	top, bot  int // the scrolling region, 0-based, inclusive
	scrolled  int // lines moved by IL and DL
	textBytes int // printable bytes received
}

func newTerm(w, h int) *term {
	t := &term{w: w, h: h, top: 0, bot: h - 1}
	t.rows = make([][]byte, h)
	for i := range t.rows {
		t.rows[i] = bytes.Repeat([]byte{' '}, w)
	}
	return t
}

func (t *term) blank() []byte { return bytes.Repeat([]byte{' '}, t.w) }

func (t *term) Write(p []byte) (int, error) {
	s := string(p)
	for len(s) > 0 {
		if s[0] != ansi.ESC {
			if t.x < t.w {
				t.rows[t.y][t.x] = s[0]
				t.x++
			}
			t.textBytes++
			s = s[1:]
			continue
		}
		if len(s) < 2 || s[1] != '[' {
			panic(fmt.Sprintf("unexpected sequence in %q", s))
		}
		end := strings.IndexFunc(s[2:], func(r rune) bool { return r >= 0x40 && r <= 0x7e }) + 2
		params, final := s[2:end], s[end]
		s = s[end+1:]
		if strings.HasPrefix(params, "?") || strings.HasPrefix(params, ">") || strings.HasPrefix(params, "<") {
			continue // modes, keyboard
		}
		var n []int
		for _, f := range strings.Split(params, ";") {
			v, _ := strconv.Atoi(f)
			n = append(n, v)
		}
		arg := func(i, def int) int {
			if i < len(n) && n[i] > 0 {
				return n[i]
			}
			return def
		}
		switch final {
		case 'm': // colours
		case 'H':
			t.y, t.x = arg(0, 1)-1, arg(1, 1)-1
		case 'J':
			for i := range t.rows {
				t.rows[i] = t.blank()
			}
		case 'K':
			t.rows[t.y] = t.blank()
		case 'r':
			t.top, t.bot = arg(0, 1)-1, arg(1, t.h)-1
			t.x, t.y = 0, 0
		case 'L': // insert lines at the cursor, within the region
			for range arg(0, 1) {
				copy(t.rows[t.y+1:t.bot+1], t.rows[t.y:t.bot])
				t.rows[t.y] = t.blank()
				t.scrolled++
			}
		case 'M': // delete lines at the cursor, within the region
			for range arg(0, 1) {
				copy(t.rows[t.y:t.bot], t.rows[t.y+1:t.bot+1])
				t.rows[t.bot] = t.blank()
				t.scrolled++
			}
		default:
			panic(fmt.Sprintf("unexpected CSI %q%c", params, final))
		}
	}
	return len(p), nil
}

func (t *term) line(y int) string { return strings.TrimRight(string(t.rows[y]), " ") }

func TestScreenShowsEveryFrameAsDrawn(t *testing.T) {
	const w, h = 30, 12
	tm := newTerm(w, h)
	s := newScreen(tm, colorprofile.TrueColor, w, h)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	row := func() string { n++; return fmt.Sprintf("row %d", n) }
	// A header, a list that gains and loses rows anywhere, a footer.
	list := []string{}
	for range 8 {
		list = append(list, row())
	}
	for frame := range 300 {
		switch rng.IntN(6) {
		case 0, 1: // a new row on top: the rest move down
			list = append([]string{row()}, list...)
		case 2: // a row goes: the rest move up
			if len(list) > 0 {
				i := rng.IntN(len(list))
				list = append(list[:i], list[i+1:]...)
			}
		case 3: // two new rows in the middle
			i := rng.IntN(len(list) + 1)
			list = append(list[:i], append([]string{row(), row()}, list[i:]...)...)
		case 4: // one row changes
			if len(list) > 0 {
				list[rng.IntN(len(list))] = row()
			}
		}
		shown := list[:min(len(list), h-3)]
		want := append(append([]string{fmt.Sprintf("header %d", frame%3)}, shown...), "")
		for len(want) < h-1 {
			want = append(want, "")
		}
		want = append(want, "footer")
		if err := s.draw(view(want...)); err != nil {
			t.Fatal(err)
		}
		for y := range h {
			if got := tm.line(y); got != want[y] {
				t.Fatalf("frame %d, line %d: the terminal shows %q; want %q", frame, y, got, want[y])
			}
		}
	}
	if tm.scrolled == 0 {
		t.Error("no frame was scrolled")
	}
}

func TestScreenScrollsANewRowInInsteadOfSendingEveryRow(t *testing.T) {
	const w, h = 30, 12
	tm := newTerm(w, h)
	s := newScreen(tm, colorprofile.TrueColor, w, h)
	rows := []string{"head"}
	for i := range 10 {
		rows = append(rows, fmt.Sprintf("case %d", i))
	}
	s.draw(view(append(rows, "foot")...))
	before := tm.textBytes
	rows = append([]string{"head", "case new"}, rows[1:10]...)
	s.draw(view(append(rows, "foot")...))
	if sent := tm.textBytes - before; sent != len("case new") {
		t.Errorf("a new row on top sent %d bytes of text; want only the new row's %d", sent, len("case new"))
	}
}
