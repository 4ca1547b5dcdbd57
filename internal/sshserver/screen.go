package sshserver

import (
	"bytes"
	"io"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/memo"
	"complaintdesk/internal/safetext"
)

// screen draws a session's frames, line by line, in place of Bubble Tea's
// renderer (the program runs with tea.WithoutRenderer).
//
// Bubble Tea's renderer keeps two cell buffers of the terminal per
// program (about 110 bytes a cell: 1 MB at 120x40, two thirds of the
// server's heap at 100 sessions), parses every frame into cells, and
// repaints whole every line that holds a wide (Chinese) character, so
// each change cost every session a full-screen repaint in CPU and bytes
// (docs/benchmarks.md, "SSH server"). A screen keeps the frame's lines as
// the strings the view drew and sends only the lines that differ: each one
// whole, from an erased line, as Bubble Tea did with every wide line.
//
// What it sends of a line is the line's text and its colours (SGR),
// converted to the client's colour profile; every other control or escape
// sequence is left out, as Bubble Tea's cell buffer left them out, so
// nothing a view draws can move the cursor or change the terminal's modes.
type screen struct {
	out           io.Writer // the session, shared with the program's own writes (lockedWriter)
	profile       colorprofile.Profile
	width, height int

	started bool
	lines   []string // what the terminal shows, as the view drew it; nil: unknown
	mouse   tea.MouseMode
	title   string
	alt     bool
	buf     bytes.Buffer
}

func newScreen(out io.Writer, profile colorprofile.Profile, width, height int) *screen {
	return &screen{out: out, profile: profile, width: width, height: height}
}

// resize forgets what is on screen: the next frame draws every line.
func (s *screen) resize(width, height int) {
	s.width, s.height = width, height
	s.lines = nil
}

// setProfile changes the colour profile (the terminal said it has true
// colour): every line is drawn again in it.
func (s *screen) setProfile(p colorprofile.Profile) {
	if p != s.profile {
		s.profile = p
		s.lines = nil
	}
}

// kittyFlags is the Kitty keyboard protocol's basic key disambiguation,
// what Bubble Tea asks of the terminal for a view that asks nothing more.
const kittyFlags = 1

// draw sends what changed between the last frame and v.
func (s *screen) draw(v tea.View) error {
	s.buf.Reset()
	b := &s.buf
	if !s.started {
		s.started = true
		b.WriteString(ansi.ResetModeTextCursorEnable)
		if v.AltScreen {
			b.WriteString(ansi.SetModeAltScreenSaveCursor)
			s.alt = true
		}
		b.WriteString(ansi.SetModeBracketedPaste)
		b.WriteString(ansi.SetModifyOtherKeys2 + ansi.PushKittyKeyboard(kittyFlags) + ansi.RequestKittyKeyboard)
		s.lines = nil
	}
	if v.AltScreen != s.alt {
		if v.AltScreen {
			b.WriteString(ansi.SetModeAltScreenSaveCursor)
		} else {
			b.WriteString(ansi.ResetModeAltScreenSaveCursor)
		}
		s.alt = v.AltScreen
		s.lines = nil
	}
	if v.MouseMode != s.mouse {
		b.WriteString(mouseOff)
		switch v.MouseMode {
		case tea.MouseModeCellMotion:
			b.WriteString(ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr)
		case tea.MouseModeAllMotion:
			b.WriteString(ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr)
		}
		s.mouse = v.MouseMode
	}
	if v.WindowTitle != s.title {
		b.WriteString(ansi.SetWindowTitle(safetext.Line(v.WindowTitle)))
		s.title = v.WindowTitle
	}

	lines := make([]string, s.height)
	rest := v.Content
	for y := range lines {
		var line string
		var more bool
		line, rest, more = strings.Cut(rest, "\n")
		lines[y] = line
		if !more {
			break
		}
	}
	// One update: a terminal that knows mode 2026 shows the frame whole;
	// the others ignore it.
	frame := b.Len()
	b.WriteString(ansi.SetModeSynchronizedOutput)
	body := b.Len()
	if s.lines == nil {
		b.WriteString(ansi.ResetStyle + ansi.EraseEntireScreen)
	} else {
		s.scroll(lines)
	}
	for y, line := range lines {
		if s.lines != nil && s.lines[y] == line {
			continue
		}
		b.WriteString(ansi.CursorPosition(1, y+1))
		b.WriteString(ansi.ResetStyle + ansi.EraseEntireLine)
		b.WriteString(s.encoded(line))
	}
	s.lines = lines
	if b.Len() == body {
		b.Truncate(frame)
	} else {
		b.WriteString(ansi.ResetStyle + ansi.ResetModeSynchronizedOutput)
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := s.out.Write(b.Bytes())
	return err
}

// maxScroll is how far a block of lines may have moved for the terminal
// to move it (scroll).
const maxScroll = 3

// minScrollGain is how many lines a scroll must spare sending.
const minScrollGain = 3

// scroll moves a block of lines that moved up or down since the last frame
// (a new case on top of the queue pushes every row down one) within a
// scrolling region, so that only the lines new to the screen are sent; it
// updates s.lines to what the terminal shows after it.
func (s *screen) scroll(lines []string) {
	old := s.lines
	best, bestD, bestFrom, bestTo := 0, 0, 0, 0
	for d := -maxScroll; d <= maxScroll; d++ {
		if d == 0 {
			continue
		}
		// Runs of lines y whose line was at y-d: how many of them the
		// scroll spares (those not already in place).
		run, gain := 0, 0
		for y := range lines {
			o := y - d
			if o >= 0 && o < len(old) && lines[y] == old[o] {
				run++
				if lines[y] != old[y] {
					gain++
				}
				if gain > best {
					best, bestD, bestFrom, bestTo = gain, d, y-run+1, y
				}
				continue
			}
			run, gain = 0, 0
		}
	}
	if best < minScrollGain {
		return
	}
	// The region spans where the block was and where it goes.
	top, bottom := min(bestFrom, bestFrom-bestD), max(bestTo, bestTo-bestD)
	b := &s.buf
	b.WriteString(ansi.ResetStyle + ansi.SetTopBottomMargins(top+1, bottom+1) + ansi.CursorPosition(1, top+1))
	moved := make([]string, len(old))
	copy(moved, old)
	if d := bestD; d > 0 {
		b.WriteString(ansi.InsertLine(d))
		for y := bottom; y >= top+d; y-- {
			moved[y] = old[y-d]
		}
		for y := top; y < top+d; y++ {
			moved[y] = ""
		}
	} else {
		b.WriteString(ansi.DeleteLine(-d))
		for y := top; y <= bottom+d; y++ {
			moved[y] = old[y-d]
		}
		for y := bottom + d + 1; y <= bottom; y++ {
			moved[y] = ""
		}
	}
	b.WriteString(ansi.SetTopBottomMargins(0, 0))
	s.lines = moved
}

const mouseOff = ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr

// close puts the terminal back as it was before the first frame.
func (s *screen) close() error {
	if !s.started {
		return nil
	}
	s.buf.Reset()
	b := &s.buf
	b.WriteString(ansi.ResetStyle)
	b.WriteString(ansi.ResetModifyOtherKeys + ansi.PopKittyKeyboard(1))
	b.WriteString(ansi.CursorPosition(1, max(1, s.height)))
	if s.alt {
		b.WriteString(ansi.ResetModeAltScreenSaveCursor)
	}
	b.WriteString(ansi.SetModeTextCursorEnable + ansi.ResetModeBracketedPaste)
	if s.mouse != tea.MouseModeNone {
		b.WriteString(mouseOff)
	}
	if s.title != "" {
		b.WriteString(ansi.SetWindowTitle(""))
	}
	s.started = false
	_, err := s.out.Write(b.Bytes())
	return err
}

// encoded is a line of a view as the screen sends it (encodeLine). After
// a change most sessions draw the same new lines: each is encoded once.
func (s *screen) encoded(line string) string {
	k := lineKey{s.profile, s.width, line}
	if out, ok := lines.Get(k); ok {
		return out
	}
	out := encodeLine(line, s.width, s.profile)
	k.line = strings.Clone(line) // not the whole view the line is cut from
	lines.Put(k, out)
	return out
}

type lineKey struct {
	profile colorprofile.Profile
	width   int
	line    string
}

// lines are the encoded lines kept: a few screens' worth for every size
// and profile in use.
var lines = memo.Map[lineKey, string]{Max: 4096}

// encodeLine is a line of a view as a screen of width sends it: its text,
// cut at the width, and its colours in the profile; nothing else.
func encodeLine(line string, width int, profile colorprofile.Profile) string {
	var b strings.Builder
	b.Grow(len(line))
	var state byte
	col := 0
	for len(line) > 0 {
		seq, w, n, next := ansi.DecodeSequenceWc(line, state, nil)
		line, state = line[n:], next
		switch {
		case w > 0:
			if col+w > width {
				return b.String()
			}
			col += w
			b.WriteString(seq)
		case isSGR(seq):
			b.WriteString(sgrIn(profile, seq))
		case printable(seq):
			b.WriteString(seq) // a zero-width grapheme
		}
	}
	return b.String()
}

// isSGR: seq is a colour or attribute sequence, CSI digits ; : m.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[0] != ansi.ESC || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		if c := seq[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// printable: seq is text, not a control character or sequence (C0, DEL, C1).
func printable(seq string) bool {
	if seq == "" {
		return false
	}
	c := seq[0]
	if c < 0x20 || c == 0x7f {
		return false
	}
	return !(c == 0xc2 && len(seq) > 1 && seq[1] >= 0x80 && seq[1] <= 0x9f)
}

// sgrs are SGR sequences converted to a colour profile: the views use a
// few dozen, and every session would convert the same ones.
var sgrs = memo.Map[sgrKey, string]{Max: 4096}

type sgrKey struct {
	profile colorprofile.Profile
	seq     string
}

// sgrIn is an SGR sequence as the profile shows it.
func sgrIn(p colorprofile.Profile, seq string) string {
	if p == colorprofile.TrueColor {
		return seq
	}
	k := sgrKey{p, seq}
	if out, ok := sgrs.Get(k); ok {
		return out
	}
	var b bytes.Buffer
	w := colorprofile.Writer{Forward: &b, Profile: p}
	_, _ = w.Write([]byte(seq))
	out := b.String()
	k.seq = strings.Clone(seq) // not the line it is cut from
	sgrs.Put(k, out)
	return out
}

// lockedWriter keeps the program's own writes (its queries to the
// terminal) and the screen's frames whole.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
