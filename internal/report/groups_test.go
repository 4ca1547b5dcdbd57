package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// An after-sales desk's October, worked out by hand per department and per
// handler. October 2026: 1–7 National Day, Saturday the 10th a make-up
// working day.
func TestMonthlyByDepartmentAndHandler(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "aftersales"})
	if err != nil {
		t.Fatal(err)
	}
	now := at("2026-10-12 09:00")
	d.Now = func() time.Time { return now }
	cs, zhang, li, mgr := desk.Actor{Name: "小王", Role: "cs"}, desk.Actor{Name: "张工", Role: "handler"},
		desk.Actor{Name: "李工", Role: "handler"}, desk.Actor{Name: "刘经理", Role: "manager"}
	for _, a := range []desk.Actor{cs, zhang, li, mgr} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	reg := func(when, cat string, injury bool) string {
		t.Helper()
		now = at(when)
		c, _, err := d.Register(ctx, cs, desk.Registration{Category: cat, Name: "赵六", Phone: "13812345678",
			Content: "洗衣机脱水时异响", ReceivedAt: now, Circumstances: map[string]bool{"injury": injury}})
		if err != nil {
			t.Fatalf("register %s: %v", when, err)
		}
		return c.Number
	}
	do := func(when string, a desk.Actor, n, step string, fill func(*desk.Action)) {
		t.Helper()
		now = at(when)
		act := desk.Action{Number: n, Name: step, At: now}
		if fill != nil {
			fill(&act)
		}
		if _, err := d.Apply(ctx, a, act); err != nil {
			t.Fatalf("%s %s at %s: %v", step, n, when, err)
		}
	}
	sent := func(a *desk.Action) { a.ContactKind, a.ContactOutcome = "letter", "sent" }
	verified := func(a *desk.Action) { a.ComplainantVerified, a.ItemVerified, a.ItemProduct = true, true, "XQB80" }
	resolved := func(a *desk.Action) { a.Resolution = "上门更换轴承" }
	told := func(a *desk.Action) {
		a.Agreement, a.Fields = "agreed", map[string]string{"informed_via": "phone"}
	}
	// P: a product complaint, general, all in time: receipt after 1 h,
	// verified and resolved by 张工, told, closed, revisited 5.
	p := reg("2026-10-12 10:00", "product.defect", false)
	do("2026-10-12 11:00", cs, p, "contact", sent)
	do("2026-10-13 09:00", zhang, p, "assign", func(a *desk.Action) { a.Handler = "张工" })
	do("2026-10-13 10:00", zhang, p, "verify", verified)
	do("2026-10-14 10:00", zhang, p, "resolve", resolved)
	do("2026-10-14 11:00", cs, p, "inform_customer", told)
	do("2026-10-14 12:00", cs, p, "close", nil)
	do("2026-10-15 10:00", cs, p, "revisit", func(a *desk.Action) { a.Satisfaction = 5 })
	// S: a service complaint with an injury: 重大. The receipt 26 h late;
	// verified the next day by 李工 (in time); resolved on the 19th, past
	// the 3 working days (due the 15th 24:00); the customer, dissatisfied
	// (2), reopens it.
	s := reg("2026-10-12 10:00", "service.attitude", true)
	do("2026-10-13 12:00", cs, s, "contact", sent)
	do("2026-10-13 13:00", li, s, "assign", func(a *desk.Action) { a.Handler = "李工" })
	do("2026-10-13 14:00", li, s, "verify", verified)
	do("2026-10-19 10:00", li, s, "resolve", resolved)
	do("2026-10-19 11:00", cs, s, "inform_customer", told)
	do("2026-10-19 12:00", cs, s, "close", nil)
	do("2026-10-20 10:00", cs, s, "revisit", func(a *desk.Action) { a.Satisfaction = 2 })
	// Q: a product complaint nobody took: every clock breached by November.
	q := reg("2026-10-20 10:00", "product.return", false)
	_ = q

	now = at("2026-11-01 09:00")
	m, err := d.MonthlyReport(ctx, mgr, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	group := func(gs []report.Group, key string) report.Group {
		t.Helper()
		i := slices.IndexFunc(gs, func(g report.Group) bool { return g.Key == key })
		if i < 0 {
			t.Fatalf("no group %q in %+v", key, gs)
		}
		return gs[i]
	}
	rate := func(met, breached, pending int) report.Rate {
		return report.Rate{Met: met, Breached: breached, Pending: pending}
	}
	quality, service := group(m.Cur.ByDepartment, "quality"), group(m.Cur.ByDepartment, "service")
	if quality.Received != 2 || quality.Closed != 1 || quality.Reopened != 0 || quality.Revisits != 1 || *quality.SatisfactionAvg != 5 {
		t.Errorf("quality: %+v", quality)
	}
	for id, want := range map[string]report.Rate{"receipt": rate(1, 1, 0), "verification": rate(1, 1, 0), "resolution": rate(1, 1, 0)} {
		if got := quality.Clocks[id]; got != want {
			t.Errorf("quality %s: %+v; want %+v", id, got, want)
		}
	}
	if service.Received != 1 || service.Closed != 0 || service.Reopened != 1 || service.Revisits != 1 || *service.SatisfactionAvg != 2 {
		t.Errorf("service: %+v", service)
	}
	for id, want := range map[string]report.Rate{"receipt": rate(0, 1, 0), "verification": rate(1, 0, 0), "resolution_major": rate(0, 1, 0)} {
		if got := service.Clocks[id]; got != want {
			t.Errorf("service %s: %+v; want %+v", id, got, want)
		}
	}
	if _, ok := service.Clocks["resolution"]; ok {
		t.Error("the major complaint has the general resolution clock")
	}
	if keys := []string{m.Cur.ByDepartment[0].Key, m.Cur.ByDepartment[1].Key}; keys[0] != "quality" || keys[1] != "service" || len(m.Cur.ByDepartment) != 2 {
		t.Errorf("departments in policy order: %+v", m.Cur.ByDepartment)
	}
	if z, l, none := group(m.Cur.ByHandler, "张工"), group(m.Cur.ByHandler, "李工"), group(m.Cur.ByHandler, ""); z.Received != 1 || z.Closed != 1 ||
		l.Received != 1 || l.Reopened != 1 || none.Received != 1 || none.Clocks["receipt"] != rate(0, 1, 0) {
		t.Errorf("handlers: %+v", m.Cur.ByHandler)
	}
	// As of the 13th at 12:30, before 李工 took it, S was nobody's (as Q
	// is, received later but in the month).
	now = at("2026-10-13 12:30")
	early, err := d.MonthlyReport(ctx, mgr, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	if none := group(early.Cur.ByHandler, ""); none.Received != 2 || len(early.Cur.ByHandler) != 2 {
		t.Errorf("as of the 13th, unassigned: %+v", early.Cur.ByHandler)
	}

	// The tables, the JSON and the XLSX sheet.
	now = at("2026-11-01 09:00")
	var ids []string
	for _, tb := range m.Tables(d.Policy(), "zh") {
		ids = append(ids, tb.ID)
		if tb.ID == "on_time_by_department" && !slices.ContainsFunc(tb.Rows, func(r []report.Cell) bool {
			return r[0].Text == "售后服务部" && r[1].Text == "重大投诉解决时限" && r[3].Text == "1" && r[5].Text == "0.0%"
		}) {
			t.Errorf("on time by department lacks the service department's late major resolution: %+v", tb.Rows)
		}
	}
	for _, tb := range m.Tables(d.Policy(), "zh") {
		if len(tb.Rows) == 0 {
			continue
		}
		last := tb.Rows[len(tb.Rows)-1]
		switch tb.ID {
		case "by_department": // 合计: 3 received, 1 closed, 1 reopened, revisits 5 and 2
			if last[0].Text != "合计" || last[1].Text != "3" || last[2].Text != "1" || last[3].Text != "1" || last[5].Text != "3.50" {
				t.Errorf("the departments' total: %+v", last)
			}
		case "on_time_by_department": // the last clock's total: Q breached, P met, S has the major one
			if last[0].Text != "合计" || last[1].Text != "一般投诉解决时限" || last[2].Text != "1" || last[3].Text != "1" || last[5].Text != "50.0%" {
				t.Errorf("the departments' on-time total: %+v", last)
			}
		case "by_handler":
			if last[0].Text != "未分派" {
				t.Errorf("handlers end with the unassigned, no total: %+v", last)
			}
		}
	}
	for _, want := range []string{"by_department", "on_time_by_department", "by_handler", "on_time_by_handler"} {
		if !slices.Contains(ids, want) {
			t.Errorf("no table %s in %v", want, ids)
		}
	}
	var js bytes.Buffer
	if err := report.WriteMonthly(&js, m, d.Policy(), "json", "zh"); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Current struct {
			ByHandler []struct {
				Key    string                 `json:"key"`
				Clocks map[string]report.Rate `json:"clocks"`
			} `json:"by_handler"`
		} `json:"current"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Current.ByHandler) != 3 {
		t.Errorf("json by_handler: %+v %v", back, err)
	}
	var xb bytes.Buffer
	if err := report.WriteMonthly(&xb, m, d.Policy(), "xlsx", "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.StaffSheet("zh"))
	if err != nil {
		t.Fatalf("no staff sheet: %v (sheets %v)", err, f.GetSheetList())
	}
	found := false
	for _, r := range rows {
		if len(r) >= 3 && r[0] == "张工" && r[1] == "1" && r[2] == "1" {
			found = true
		}
	}
	if !found {
		t.Errorf("the staff sheet lacks 张工's row:\n%v", rows)
	}
	summary, _ := f.GetRows(report.SheetName("zh"))
	for _, r := range summary {
		if len(r) > 0 && r[0] == "张工" {
			t.Error("the per-person table is on the summary sheet too")
		}
	}
}

// The staff assessment's quality figures (004 第十一条, 第十二条): each
// handler's inspected cases and their average score (a case's last
// inspection counts), and the late entries (补录) of whoever entered them.
func TestStaffAssessmentQAScoreAndLateEntries(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := at("2026-10-12 09:00")
	d.Now = func() time.Time { return now }
	agent, wang, li, qa, sup := desk.Actor{Name: "小周", Role: "agent"}, desk.Actor{Name: "王工", Role: "agent"},
		desk.Actor{Name: "李娜", Role: "agent"}, desk.Actor{Name: "质检孙", Role: "qa"}, desk.Actor{Name: "陈主管", Role: "supervisor"}
	for _, a := range []desk.Actor{agent, wang, li, qa, sup} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	do := func(a desk.Actor, act desk.Action) {
		t.Helper()
		if _, err := d.Apply(ctx, a, act); err != nil {
			t.Fatalf("%s %s: %v", act.Name, act.Number, err)
		}
	}
	handled := func(handler string) string {
		t.Helper()
		c, _, err := d.Register(ctx, agent, desk.Registration{Name: "赵六", Phone: "13812345678", Content: "冰箱不制冷", Category: "product.defect"})
		if err != nil {
			t.Fatal(err)
		}
		do(agent, desk.Action{Number: c.Number, Name: "acknowledge", ExpectedBy: now.Add(48 * time.Hour)})
		do(agent, desk.Action{Number: c.Number, Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "BCD-200"})
		do(agent, desk.Action{Number: c.Number, Name: "assign", Handler: handler})
		return c.Number
	}
	w1, w2, l1 := handled("王工"), handled("王工"), handled("李娜")
	now = now.Add(3 * time.Hour)
	// 王工 writes up yesterday's call three hours late, twice; 陈主管 once.
	do(wang, desk.Action{Number: w1, Name: "note", Note: "已电话安抚客户", At: now.Add(-3 * time.Hour), Late: "外出上门，回来补录"})
	do(wang, desk.Action{Number: w2, Name: "note", Note: "约定上门时间", At: now.Add(-2 * time.Hour), Late: "外出上门，回来补录"})
	do(sup, desk.Action{Number: l1, Name: "note", Note: "主管已过问", At: now.Add(-2 * time.Hour), Late: "会后补录"})
	do(wang, desk.Action{Number: w1, Name: "note", Note: "当场记录，不是补录"})
	// the inspector scores w1 twice (the last counts), w2 once; l1 never
	inspect := func(n, score string) {
		do(qa, desk.Action{Number: n, Name: "inspect", Score: score, Findings: "答复及时", Items: map[string]string{"reply": "pass"}})
	}
	inspect(w1, "60")
	now = now.Add(time.Hour)
	inspect(w1, "80")
	inspect(w2, "90")

	now = at("2026-11-01 09:00")
	m, err := d.MonthlyReport(ctx, sup, report.Month{Year: 2026, Month: time.October})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]report.Group{}
	for _, g := range m.Cur.ByHandler {
		byKey[g.Key] = g
	}
	w, l, s := byKey["王工"], byKey["李娜"], byKey["陈主管"]
	if w.Inspected != 2 || w.QAScore == nil || *w.QAScore != 85 || w.LateEntries != 2 {
		t.Errorf("王工: inspected %d, score %v, late %d; want 2, 85, 2", w.Inspected, w.QAScore, w.LateEntries)
	}
	if l.Inspected != 0 || l.QAScore != nil || l.LateEntries != 0 {
		t.Errorf("李娜: inspected %d, score %v, late %d; want 0, none, 0", l.Inspected, l.QAScore, l.LateEntries)
	}
	if s.Received != 0 || s.LateEntries != 1 {
		t.Errorf("陈主管 (no cases, one late note): %+v", s)
	}
	var dep report.Group
	for _, g := range m.Cur.ByDepartment {
		dep.LateEntries += g.LateEntries
	}
	if dep.LateEntries != 3 {
		t.Errorf("late entries over the departments: %d, want 3", dep.LateEntries)
	}
	// the same figures in the JSON and the tables
	var buf bytes.Buffer
	if err := report.WriteMonthly(&buf, m, d.Policy(), "json", "zh"); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Cur struct {
			ByHandler []struct {
				Key         string   `json:"key"`
				Inspected   int      `json:"inspected"`
				QAScore     *float64 `json:"qa_score"`
				LateEntries int      `json:"late_entries"`
			} `json:"by_handler"`
		} `json:"current"`
	}
	if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range js.Cur.ByHandler {
		if g.Key == "王工" {
			found = g.Inspected == 2 && g.QAScore != nil && *g.QAScore == 85 && g.LateEntries == 2
		}
	}
	if !found {
		t.Errorf("the JSON's by_handler lacks 王工's figures:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.WriteMonthly(&buf, m, d.Policy(), "text", "zh"); err != nil {
		t.Fatal(err)
	}
	if txt := buf.String(); !strings.Contains(txt, "质检平均分") || !strings.Contains(txt, "85.00") || !strings.Contains(txt, "补录") {
		t.Errorf("the text report's per-handler table:\n%s", txt)
	}
}
