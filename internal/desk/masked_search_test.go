package desk_test

// Masked means unsearchable (issue 13): a role that sees a phone masked
// (qa: 138****9342) cannot rebuild it by searching fragments — the attack
// that brought the number back in 26 searches — through the queue, the
// exports or an error message; only the whole number finds the case, and
// that look-up is audited like a reveal.

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/store"
)

const (
	attackPhone  = "13812349342"
	attackMasked = "138****9342"
	attackName   = "欧阳娜娜"
)

var ucAdmin = desk.Actor{Name: "admin", Role: "admin"}

// attackDesk registers the target and two decoys: one whose content holds
// a fragment of the target's phone (a masked role may find it by what it
// sees), one with the same visible suffix.
func attackDesk(t *testing.T) (e *ucEnv, target, byContent, sameSuffix string) {
	e = ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	target = e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Name, r.Phone, r.Content, r.Demand = attackName, "138 1234 9342", "电热水器漏水，把楼下邻居家的天花板泡坏了", "赔偿"
	})).Number
	byContent = e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Name, r.Phone, r.Content = "张三", "139 0000 1111", "订单 49342 的退款还没到账，客服说娜娜会回电"
	})).Number
	sameSuffix = e.register(ucAgent, ucReg(func(r *desk.Registration) {
		r.Name, r.Phone, r.Content = "李四", "137 0000 9342", "客服态度差"
	})).Number
	return e, target, byContent, sameSuffix
}

// search is the queue's search as the actor, the numbers it finds.
func (e *ucEnv) search(a desk.Actor, q string) []string {
	e.t.Helper()
	page, err := e.d.Queue(e.ctx, a, store.Query{Tab: store.TabAll, Search: q, Limit: 50})
	if err != nil {
		e.t.Fatalf("search %q as %s: %v", q, a.Role, err)
	}
	var out []string
	for _, c := range page.Cases {
		out = append(out, c.Number)
	}
	return out
}

// seen is everything of a case the actor sees, as one text.
func (e *ucEnv) seen(a desk.Actor, number string) string {
	e.t.Helper()
	v, err := e.d.CaseView(e.ctx, a, number)
	if err != nil {
		e.t.Fatal(err)
	}
	c := v.Case
	parts := []string{c.Number, c.Content, c.Demand, c.Subject}
	for _, p := range c.Complainants {
		parts = append(parts, p.Name, p.Phone, p.Email, p.Org)
	}
	return strings.Join(parts, "\n")
}

// lookups are the audited look-ups of a case.
func (e *ucEnv) lookups(number string) []store.AuditEntry {
	e.t.Helper()
	all, err := e.d.Audit(e.ctx, ucAdmin, desk.AuditFilter{Number: number})
	if err != nil {
		e.t.Fatal(err)
	}
	return slices.DeleteFunc(all, func(a store.AuditEntry) bool { return a.Action != desk.LookupAction })
}

func TestMaskedSearchCannotRebuildAPhoneOrName(t *testing.T) {
	e, target, byContent, sameSuffix := attackDesk(t)
	seen := map[string]string{}
	for _, n := range []string{target, byContent, sameSuffix} {
		seen[n] = e.seen(ucQA, n)
		if strings.Contains(seen[n], attackPhone) || strings.Contains(seen[n], attackName) {
			t.Fatalf("qa sees %s unmasked:\n%s", n, seen[n])
		}
	}
	if !strings.Contains(seen[target], attackMasked) || !strings.Contains(seen[target], "欧***") {
		t.Fatalf("the target is not shown masked:\n%s", seen[target])
	}

	// Unmasked, the fragments would find the target: the attack is real.
	if got := e.search(ucAgent, attackPhone[len(attackPhone)-6:]); !slices.Contains(got, target) {
		t.Fatalf("an agent's search by a phone fragment does not find the case (%v): the test proves nothing", got)
	}
	if got := e.search(ucAgent, "阳娜"); !slices.Contains(got, target) {
		t.Fatalf("an agent's search by a name fragment does not find the case (%v)", got)
	}

	attack := append(desktest.PhoneAttack(attackPhone), desktest.NameAttack(attackName)...)
	if len(attack) < 26 {
		t.Fatalf("the attack has %d searches", len(attack))
	}
	foundByContent := false
	for _, q := range attack {
		e.advance(3 * time.Minute) // at most 20 whole-value look-ups an hour (lookupLimit)
		for _, n := range e.search(ucQA, q) {
			if n == target || !desktest.Visible(seen[n], q) {
				t.Errorf("qa's search %q finds %s, whose visible text does not hold it:\n%s", q, n, seen[n])
			}
			foundByContent = foundByContent || n == byContent
		}
	}
	if !foundByContent {
		t.Error("no fragment found the case whose content holds it: a masked role's search finds nothing at all")
	}
	for _, n := range []string{target, byContent, sameSuffix} {
		if l := e.lookups(n); len(l) != 0 {
			t.Errorf("fragments left look-up events on %s: %+v", n, l)
		}
	}

	// The whole number, however typed, finds the case, and only it; the
	// look-up is audited: who, when, which case, the value masked — once a
	// day for the same person on the same case, however often it is read.
	for i, q := range []string{attackPhone, "138 1234 9342", "138-1234-9342"} {
		if got := e.search(ucQA, q); !slices.Equal(got, []string{target}) {
			t.Errorf("qa's search by the whole number %q finds %v, want only %s", q, got, target)
		}
		l := e.lookups(target)
		if len(l) != 1 {
			t.Fatalf("after %d whole-number searches, %d look-ups audited, want the day's one", i+1, len(l))
		}
		last := l[len(l)-1]
		if last.Actor != ucQA.Name || !last.At.Equal(e.now) || last.Number != target || last.After["value"] != attackMasked {
			t.Errorf("look-up audited as %+v; want qa1 at %v on %s, value %s", last, e.now, target, attackMasked)
		}
	}
	if got := e.search(ucQA, attackName); !slices.Equal(got, []string{target}) {
		t.Errorf("the whole name finds %v", got)
	}
	if l := e.lookups(target); len(l) != 2 || l[1].After["value"] != "欧***" {
		t.Errorf("the whole name's look-up: %+v", l)
	}
	// Nothing the audit or the history keeps holds the number or the name.
	_, evs := e.load(target)
	for _, ev := range evs {
		if ev.Action != desk.LookupAction {
			continue
		}
		if !ev.Entered.Equal(e.now) || ev.Late != "" {
			t.Errorf("a look-up is recorded as entered at %v (late %q), not when it was made", ev.Entered, ev.Late)
		}
		all := ev.Reason + ev.Note + strings.Join(mapValues(ev.After), "|") + strings.Join(mapValues(ev.Before), "|")
		if strings.Contains(all, "12349342") || strings.Contains(all, "阳娜") {
			t.Errorf("a look-up event holds the value unmasked: %+v", ev)
		}
	}
	if l := e.lookups(sameSuffix); len(l) != 0 {
		t.Errorf("the case with the same visible suffix got look-ups: %+v", l)
	}
	// A role that sees personal data searches without being audited.
	e.search(ucAgent, attackPhone)
	if l := e.lookups(target); len(l) != 2 {
		t.Errorf("an agent's search was audited as a look-up: %+v", l)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// Exports search as the queue does: fragments find nothing of the
// target, the output has the phone masked, and a whole-number export is
// an audited look-up.
func TestMaskedExportsLeakNothing(t *testing.T) {
	e, target, _, _ := attackDesk(t)
	export := func(q string) string {
		t.Helper()
		var b bytes.Buffer
		if _, err := e.d.ExportCases(e.ctx, ucQA, store.ExportQuery{Query: store.Query{Search: q}}, &b, "csv", "zh"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, q := range append(desktest.PhoneAttack(attackPhone), desktest.NameAttack(attackName)...) {
		e.advance(3 * time.Minute) // at most 20 whole-value look-ups an hour (lookupLimit)
		if out := export(q); strings.Contains(out, target) {
			t.Errorf("qa's export --search %q lists the target:\n%s", q, out)
		}
	}
	all := export("")
	if !strings.Contains(all, target) || !strings.Contains(all, attackMasked) || strings.Contains(all, attackPhone) || strings.Contains(all, attackName) {
		t.Errorf("qa's export of every case does not mask the target:\n%s", all)
	}
	if l := e.lookups(target); len(l) != 0 {
		t.Errorf("exports by fragments left look-ups: %+v", l)
	}
	out := export(attackPhone)
	if !strings.Contains(out, target) || strings.Contains(out, attackPhone) {
		t.Errorf("qa's export by the whole number:\n%s", out)
	}
	if l := e.lookups(target); len(l) != 1 || l[0].Actor != ucQA.Name || l[0].After["value"] != attackMasked {
		t.Errorf("an export by the whole number is not audited as a look-up: %+v", l)
	}
}

// What a masked role is refused says nothing of the personal data.
func TestMaskedRefusalsLeakNothing(t *testing.T) {
	e, target, _, _ := attackDesk(t)
	e.hire(ucAgent)
	var errs []error
	_, err := e.d.Reveal(e.ctx, ucQA, target, "") // no reason
	errs = append(errs, err)
	_, err = e.d.Apply(e.ctx, ucQA, desk.Action{Number: target, Name: "grade", Grade: "A", Reason: "媒体报道"})
	errs = append(errs, err)
	_, err = e.d.Apply(e.ctx, ucQA, desk.Action{Number: target, Name: "close"})
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil {
			t.Errorf("refusal %d was not refused", i)
			continue
		}
		msg := err.Error()
		var m interface{ Message(string) string }
		if errors.As(err, &m) {
			msg += m.Message("zh")
		}
		if strings.Contains(msg, "12349342") || strings.Contains(msg, "阳娜") {
			t.Errorf("a refusal tells qa the personal data: %s", msg)
		}
	}
}
