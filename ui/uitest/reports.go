package uitest

import (
	"context"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

// SupervisorDesk makes a small desk as a supervisor sees it on Monday 2026-11-23
// 10:00: cases at every stage, one breached, one about to, and October's
// report not filed.
func SupervisorDesk(t *testing.T) (*desk.Desk, desk.Actor) {
	t.Helper()
	d, _ := Desk(t)
	ctx := context.Background()
	sup := desk.Actor{Name: "陈主管", Role: "supervisor"}
	// the supervisor and the agents cases are assigned to
	for _, u := range []store.User{{Name: sup.Name, Role: sup.Role}, {Name: "李娜", Role: "agent"}, {Name: "王强", Role: "agent"}} {
		if err := d.AddUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	now := Now
	type step struct {
		name string
		at   time.Duration // before now
		mod  func(*desk.Action)
	}
	reg := func(r desk.Registration, steps ...step) {
		t.Helper()
		cs := Register(t, d, sup, r)
		apply := func(act desk.Action) {
			t.Helper()
			act.Number = cs.Number
			if now.Sub(act.At) > time.Hour {
				act.Late = "按纸质记录补录" // entered now, it happened then
			}
			if _, err := d.Apply(ctx, sup, act); err != nil {
				t.Fatalf("%s %s: %v", act.Name, cs.Number, err)
			}
		}
		assigned := false
		for _, s := range steps {
			at := now.Add(-s.at)
			act := desk.Action{Name: s.name, At: at}
			switch s.name {
			case "acknowledge":
				act.ExpectedBy = at.Add(24 * time.Hour) // within the closure deadline
			case "resolve", "close":
				act.Resolution, act.Reply = "已退款并致歉", "您好，问题已处理。"
			}
			if s.mod != nil {
				s.mod(&act)
			}
			// the steps the policy wants first, at the same time: 三核实
			// before assigning, a handler before resolving, the solution
			// carried out before closing
			switch {
			case s.name == "assign" || (s.name == "resolve" && !assigned):
				apply(desk.Action{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: r.Content, At: at})
				if s.name == "resolve" {
					apply(desk.Action{Name: "assign", Handler: sup.Name, At: at})
				}
				assigned = true
			}
			switch {
			case s.name == "resolve" && (r.Grade == "A" || r.Grade == "B"): // 001 四: the investigation report first
				apply(desk.Action{Name: "findings", Facts: "经核实情况属实", Cause: "处理不及时", Conclusion: "justified", At: at})
			case s.name == "close":
				apply(desk.Action{Name: "implement", Implementation: "已退款", At: at})
			}
			apply(act)
		}
	}
	h := time.Hour
	assign := func(who string) func(*desk.Action) { return func(a *desk.Action) { a.Handler = who } }
	reg(desk.Registration{Name: "欧阳娜娜", Phone: "13812345678", Content: "电热水器漏水，把楼下邻居家的天花板泡坏了", Category: "product.defect", Grade: "A", ReceivedAt: now.Add(-49 * h)},
		step{"acknowledge", 48 * h, nil}, step{"assign", 47 * h, assign("李娜")})
	reg(desk.Registration{Name: "张三", Phone: "13800138000", Content: "楼道灯坏了三天无人维修", Category: "property.equipment", Grade: "B", ReceivedAt: now.Add(-26 * h)},
		step{"assign", 25 * h, assign("王强")})
	reg(desk.Registration{Name: "李四", Phone: "13900001111", Content: "快递延误七天", Category: "delivery.late", Grade: "C", ReceivedAt: now.Add(-30 * time.Minute)})
	reg(desk.Registration{Name: "王五", Phone: "13700002222", Content: "咨询退货流程", Category: "aftersales.return", Grade: "D", Nature: "inquiry", ReceivedAt: now.Add(-23 * h)})
	reg(desk.Registration{Name: "John Smith", Phone: "13600003333", Channel: "web", Content: "Charged twice for one order", Category: "price.overcharge", Grade: "C", ReceivedAt: now.Add(-68 * h)},
		step{"acknowledge", 67 * h, nil}, step{"resolve", 50 * h, nil}, step{"close", 49 * h, nil})
	// October: closed on time and late; its report is not filed.
	oct := time.Date(2026, 10, 15, 10, 0, 0, 0, now.Location())
	reg(desk.Registration{Name: "赵六", Phone: "13500004444", Content: "电饭煲无法加热", Category: "product.defect", Grade: "C", ReceivedAt: oct},
		step{"acknowledge", now.Sub(oct.Add(h)), nil}, step{"resolve", now.Sub(oct.Add(20 * h)), nil}, step{"close", now.Sub(oct.Add(21 * h)), nil})
	reg(desk.Registration{Name: "钱七", Phone: "13400005555", Content: "包裹破损", Category: "delivery.damaged", Grade: "B", ReceivedAt: oct.AddDate(0, 0, 5)},
		step{"acknowledge", now.Sub(oct.AddDate(0, 0, 6)), nil}, step{"resolve", now.Sub(oct.AddDate(0, 0, 9)), nil}, step{"close", now.Sub(oct.AddDate(0, 0, 10)), nil})
	return d, sup
}

// AlarmedDesk is SupervisorDesk with a crisis (media coverage on the first
// open case) and a case escalated to the supervisors, beside its breach
// and warning: every part of the warning line.
func AlarmedDesk(t *testing.T) (*desk.Desk, desk.Actor) {
	t.Helper()
	d, sup := SupervisorDesk(t)
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
