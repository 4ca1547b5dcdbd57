package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// presetOpen is a desk with the preset's policy and the users given.
func presetOpen(t *testing.T, preset string, users ...desk.Actor) *ucEnv {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: preset, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	now := ucAt(2026, 11, 25, 10, 0)
	e := &ucEnv{t: t, ctx: ctx, db: db, d: d, now: now}
	d.Now = func() time.Time { return e.now }
	for _, a := range users {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// Registering with a grade below the grading rules' is refused with the
// rule's reason in every preset; the rules' grade or a higher one is
// registered (finding 6: an injury registered as D got the 2-day clock
// with no reason and no approval).
func TestIntakeMayNotLowerTheRulesGrade(t *testing.T) {
	for _, tc := range []struct {
		preset, role, low, nature, category string
	}{
		{"default", "agent", "D", "complaint", ""},
		{"aftersales", "cs", "C", "", "product.defect"},
		{"gsp", "receiver", "D", "", ""},
		{"company", "sales", "D", "", ""},
		{"lab", "lab-reception", "D", "complaint", ""},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			who := desk.Actor{Name: "登记员", Role: tc.role}
			e := presetOpen(t, tc.preset, who)
			reg := func(grade string) desk.Registration {
				return ucReg(func(r *desk.Registration) {
					r.Nature, r.Category, r.Grade = tc.nature, tc.category, grade
					r.Content = "产品爆炸致人受伤"
					r.Circumstances = map[string]bool{"injury": true}
					r.CollectiveSize = 12
				})
			}
			for _, lang := range []string{"zh", "en"} {
				_, _, err := e.d.Register(e.ctx, who, reg(tc.low))
				if err == nil {
					t.Fatalf("grade %s over the rules' A was registered", tc.low)
				}
				zh, en := messages(t, err)
				want := map[string]string{"zh": "按定级规则应为 A 级（", "en": "the grading rules give grade A ("}[lang]
				if got := map[string]string{"zh": zh, "en": en}[lang]; !strings.Contains(got, want) {
					t.Errorf("%s refusal %q does not say %q", lang, got, want)
				}
			}
			if n := e.count(); n != 0 {
				t.Errorf("%d cases written by refused registrations", n)
			}
			c := e.register(who, reg("A"))
			if c.Grade != "A" {
				t.Errorf("registered as A, stored grade %q", c.Grade)
			}
		})
	}
}
