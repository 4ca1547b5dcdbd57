package detail

import (
	"context"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/ui/uitest"
)

// TestGoldenDetail draws an acknowledged and assigned case with a Chinese
// and an English complainant, in both languages, at 80×24 and 120×40.
func TestGoldenDetail(t *testing.T) {
	for _, tc := range []struct {
		lang string
		w, h int
	}{{"zh", 80, 24}, {"zh", 120, 40}, {"en", 80, 24}, {"en", 120, 40}} {
		name := tc.lang + "-" + strconv.Itoa(tc.w) + "x" + strconv.Itoa(tc.h)
		t.Run(name, func(t *testing.T) {
			d, a := uitest.Desk(t)
			ctx := context.Background()
			who, content := "欧阳娜娜", "电热水器漏水，把楼下邻居家的天花板泡坏了，要求赔偿损失。"
			if tc.lang == "en" {
				who, content = "John Smith", "Charged twice for order 55120; the refund has not arrived after ten days."
			}
			cs := uitest.Register(t, d, a, desk.Registration{Name: who, Phone: "13812345678", Content: content, Demand: "赔偿", Category: "product.defect", Grade: "B", ReceivedAt: uitest.Now.Add(-20 * time.Hour)})
			if err := d.AddUser(ctx, store.User{Name: "李娜", Role: "agent"}); err != nil {
				t.Fatal(err)
			}
			// entered late (the desk's clock is uitest.Now), so each says why
			for _, act := range []desk.Action{
				{Name: "acknowledge", At: uitest.Now.Add(-19 * time.Hour), Late: "系统故障后补录", ExpectedBy: uitest.Now.Add(24 * time.Hour), Note: "已电话联系客户"},
				{Name: "verify", At: uitest.Now.Add(-18*time.Hour - 30*time.Minute), Late: "系统故障后补录", ComplainantVerified: true, ItemVerified: true, ItemProduct: "电热水器 DSZF-60"},
				{Name: "assign", At: uitest.Now.Add(-18 * time.Hour), Late: "系统故障后补录", Handler: "李娜", Department: "客户服务部"},
			} {
				act.Number = cs.Number
				if _, err := d.Apply(ctx, a, act); err != nil {
					t.Fatal(err)
				}
			}
			c := uitest.Common(d, desk.Actor{Name: "李娜", Role: "agent"}, tc.lang, tc.w, tc.h) // the handler's page
			m := New(c, cs.Number)
			m.SetSize(tc.w, tc.h-3)
			uitest.Run(m.Init(), func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
			view := ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "detail-"+name, view)

			// assigning again: the handlers with their cases, narrowed by typing
			key := func(k tea.KeyPressMsg) {
				_, cmd := m.Update(k)
				uitest.Run(cmd, func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
			}
			key(tea.KeyPressMsg{Code: 's', Text: "s"})
			key(tea.KeyPressMsg{Code: 'l', Text: "l"})
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "detail-assign-"+name, view)

			// resolving: several types, an amount, a template in the form's language
			key(tea.KeyPressMsg{Code: tea.KeyEscape}) // the filter
			key(tea.KeyPressMsg{Code: tea.KeyEscape}) // the form
			key(tea.KeyPressMsg{Code: 'r', Text: "r"})
			for m.form.focused().name != "resolution_type" {
				key(tea.KeyPressMsg{Code: tea.KeyTab})
			}
			key(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) // the first type
			for m.form.focused().ticks.At() != "compensation" {
				key(tea.KeyPressMsg{Code: tea.KeyRight})
			}
			for _, r := range "300" {
				key(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			for m.form.focused().name != "template" {
				key(tea.KeyPressMsg{Code: tea.KeyTab})
			}
			for _, r := range map[string]string{"zh": "tk", "en": "refund"}[tc.lang] {
				key(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			if tc.lang == "en" {
				key(tea.KeyPressMsg{Code: tea.KeyDown}) // the English text
			}
			key(tea.KeyPressMsg{Code: tea.KeyEnter})
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "detail-resolve-"+name, view)

			// the draft of the form, offered when the case is opened again
			m.FlushDraft(ctx)
			m = New(c, cs.Number)
			m.SetSize(tc.w, tc.h-3)
			uitest.Run(m.Init(), func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
			view = ansi.Strip(m.View())
			uitest.Fits(t, view, tc.w, tc.h-3)
			uitest.Golden(t, "detail-draft-"+name, view)
		})
	}
}
