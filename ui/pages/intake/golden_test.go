package intake

import (
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/ui/uitest"
)

// TestGoldenIntake draws the form half filled, with a repeat caller, in both
// languages at the smallest and the usual size.
func TestGoldenIntake(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			d, a := uitest.Desk(t)
			uitest.Register(t, d, a, desk.Registration{Name: "张三", Phone: "13800138000", Content: "楼道灯坏了三天无人维修", Grade: "B", ReceivedAt: uitest.Now.Add(-50 * 24 * 3600e9)})
			c := uitest.Common(d, a, tc.lang, tc.w, tc.h)
			m := New(c, "")
			m.SetSize(tc.w, tc.h-3)
			run := func(cmd tea.Cmd) {
				uitest.Run(cmd, func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
			}
			run(m.Init())
			keys := func(ks ...tea.KeyPressMsg) {
				for _, k := range ks {
					_, cmd := m.Update(k)
					run(cmd)
				}
			}
			typ := func(s string) {
				for _, r := range s {
					keys(tea.KeyPressMsg{Code: r, Text: string(r)})
				}
			}
			tab := tea.KeyPressMsg{Code: tea.KeyTab}
			keys(tab, tab)
			typ("13800138000")
			keys(tab, tab)
			typ("张三")
			keys(tab)
			typ("又坏了，灯还是不亮")
			view := ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "intake-"+name, view)

			// the category narrowed by typing, the circumstances ticked
			for m.focus != fCategory {
				keys(tab)
			}
			typ(map[string]string{"zh": "sb", "en": "equip"}[tc.lang])
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "intake-pick-"+name, view)
			for m.focus != fCircumstances {
				keys(tab)
			}
			keys(tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "intake-ticks-"+name, view)
		})
	}
}
