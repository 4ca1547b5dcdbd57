package alerts

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

// TestGoldenAlerts draws the list in both languages at 80×24 and 120×40:
// crises first, then escalations, breaches and warnings.
func TestGoldenAlerts(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			d, sup := uitest.AlarmedDesk(t)
			m := New(uitest.Common(d, sup, tc.lang, tc.w, tc.h))
			m.SetSize(tc.w, tc.h-3)
			run := func(cmd tea.Cmd) []tea.Msg {
				return uitest.Run(cmd, func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
			}
			run(m.Init())
			view := ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "alerts-"+name, view)
			crisis, esc := strings.Index(view, map[string]string{"zh": "危机", "en": "crisis"}[tc.lang]), strings.Index(view, map[string]string{"zh": "升级", "en": "escalated"}[tc.lang])
			if crisis < 0 || esc < 0 || crisis > esc {
				t.Errorf("crises do not come first, then escalations:\n%s", view)
			}
			// enter opens the selected case (the crisis)
			var opened string
			_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
			for _, msg := range run(cmd) {
				if o, ok := msg.(common.OpenCaseMsg); ok {
					opened = o.Number
				}
			}
			if opened == "" || !strings.Contains(view, ">"+opened) && !strings.Contains(view, "> "+opened) && !strings.Contains(view, " >  "+opened) {
				t.Errorf("enter opened %q:\n%s", opened, view)
			}
		})
	}
}
