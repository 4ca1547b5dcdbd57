package alerts

import (
	"context"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/uitest"
)

// alertsDesk is the supervisor's desk with a crisis (media coverage) and a
// case escalated to the supervisors, beside its breach and warning.
func alertsDesk(t *testing.T) (*desk.Desk, desk.Actor) {
	t.Helper()
	d, sup := uitest.SupervisorDesk(t)
	ctx := context.Background()
	list, err := d.Queue(ctx, sup, store.Query{Tab: store.TabAll, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, c := range list.Cases {
		if c.Open {
			open = append(open, c.Number)
		}
	}
	if len(open) < 2 {
		t.Fatalf("%d open cases", len(open))
	}
	for _, a := range []desk.Action{
		{Number: open[0], Name: "flags", Circumstances: map[string]bool{"media": true}},
		{Number: open[1], Name: "escalate", Level: "supervisor", Reason: "客户要求主管处理"},
	} {
		if _, err := d.Apply(ctx, sup, a); err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
	}
	return d, sup
}

// TestGoldenAlerts draws the list in both languages at 80×24 and 120×40:
// crises first, then escalations, breaches and warnings.
func TestGoldenAlerts(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			d, sup := alertsDesk(t)
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
