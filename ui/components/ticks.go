package components

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/safetext"
	"complaintdesk/ui/styles"
)

// TickItem is one box of a Ticks.
type TickItem struct {
	ID, Label string
	// Amount: ticked, the item takes an amount (a compensation, a refund).
	Amount bool
}

// Ticks is a line of tick boxes, several of which may be ticked, each that
// needs one with its amount: ←/→ move, space ticks, digits type the
// amount of the ticked box under the cursor. Its value is the ticked ids
// in order, an amount after "=": "repair,compensation=500,apology".
type Ticks struct {
	items  []TickItem
	on     map[string]bool
	amount map[string]string
	at     int
}

// NewTicks offers items, ticked as value says.
func NewTicks(items []TickItem, value string) Ticks {
	t := Ticks{items: items}
	t.SetValue(value)
	return t
}

// SetValue ticks what value says ("a,b=5"); the rest are unticked.
func (t *Ticks) SetValue(value string) {
	t.on, t.amount = map[string]bool{}, map[string]string{}
	for _, part := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		id, amt, _ := strings.Cut(part, "=")
		t.on[id] = true
		if amt != "" {
			t.amount[id] = amt
		}
	}
}

// Value is the ticked ids in the items' order, each amount after "=".
func (t *Ticks) Value() string {
	var parts []string
	for _, it := range t.items {
		if !t.on[it.ID] {
			continue
		}
		if a := t.amount[it.ID]; a != "" {
			parts = append(parts, it.ID+"="+a)
		} else {
			parts = append(parts, it.ID)
		}
	}
	return strings.Join(parts, ",")
}

// At is the id of the box under the cursor.
func (t *Ticks) At() string {
	if t.at < len(t.items) {
		return t.items[t.at].ID
	}
	return ""
}

// On says whether the box id is ticked.
func (t *Ticks) On(id string) bool { return t.on[id] }

// Ticked are the ticked ids in order.
func (t *Ticks) Ticked() []string {
	var out []string
	for _, it := range t.items {
		if t.on[it.ID] {
			out = append(out, it.ID)
		}
	}
	return out
}

// Update handles a key; false when the ticks have no use for it.
func (t *Ticks) Update(k tea.KeyPressMsg) bool {
	n := len(t.items)
	if n == 0 {
		return false
	}
	cur := t.items[t.at]
	switch s := k.String(); {
	case s == "left":
		t.at = (t.at - 1 + n) % n
	case s == "right":
		t.at = (t.at + 1) % n
	case s == "space" || s == "x":
		t.on[cur.ID] = !t.on[cur.ID]
	case s == "backspace":
		a := t.amount[cur.ID]
		if a == "" {
			return false
		}
		t.amount[cur.ID] = a[:len(a)-1]
	case len(k.Text) == 1 && strings.ContainsAny(k.Text, "0123456789.") && cur.Amount:
		t.on[cur.ID] = true
		t.amount[cur.ID] += k.Text
	default:
		return false
	}
	return true
}

// Lines draws the boxes in w cells, wrapped between boxes so no label is
// cut: "[x]维修 [x]赔偿=500 [ ]道歉", the one under the cursor marked > and
// highlighted while focused; a ticked box that needs an amount and has
// none shows "=?" in the error style.
func (t *Ticks) Lines(st *styles.Styles, w int, focused bool) []string {
	w = max(w, 4)
	var out []string
	line, lineW := "", 0
	for i, it := range t.items {
		box := "[ ]"
		if t.on[it.ID] {
			box = "[x]"
		}
		label := safetext.Line(it.Label)
		amt := ""
		if t.on[it.ID] && it.Amount {
			if a := t.amount[it.ID]; a != "" {
				amt = "=" + safetext.Line(a)
			} else {
				amt = "=?"
			}
		}
		mark := " "
		if focused && i == t.at {
			mark = ">"
		}
		plain := mark + box + label + amt
		var item string
		switch {
		case focused && i == t.at:
			item = st.Focused.Render(mark) + st.Focused.Reverse(true).Render(box+label+amt)
		case amt == "=?":
			item = mark + st.Warn.Render(box+label) + st.Error.Render(amt)
		case t.on[it.ID]:
			item = mark + st.Warn.Render(box+label+amt)
		default:
			item = plain
		}
		iw := ansi.StringWidth(plain)
		if lineW > 0 && lineW+1+iw > w {
			out = append(out, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += " "
			lineW++
		}
		if iw > w {
			item = ansi.Truncate(plain, w, "~")
			iw = w
		}
		line += item
		lineW += iw
	}
	return append(out, line)
}
