package desk_test

import (
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
)

// The quality inspector supervises the handling and takes no step of it
// (004 第十一条; finding 14): refused in both languages, nothing written;
// an agent takes the same steps.
func TestQualityInspectorTakesNoStepOfTheHandling(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucQA)
	n := e.register(ucAgent, ucReg()).Number
	ack := desk.Action{Number: n, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)}
	e.refuseSays(ucQA, ack, "您的角色（质检员）不能首次响应", "role qa may not acknowledge")
	e.refuseSays(ucQA, desktest.Verify(n), "您的角色（质检员）不能核实", "role qa may not verify")
	e.apply(ucAgent, ack)
	e.apply(ucAgent, desktest.Verify(n))
	e.refuseSays(ucQA, desk.Action{Number: n, Name: "assign", Handler: ucAgent.Name}, "您的角色（质检员）不能分派", "role qa may not assign")
	e.apply(ucAgent, desk.Action{Number: n, Name: "assign", Handler: ucAgent.Name})
	resolve := desk.Action{Number: n, Name: "resolve", Category: "delivery.late", Resolution: "退运费", Reply: "已退运费"}
	e.refuseSays(ucQA, resolve, "您的角色（质检员）不能解决", "role qa may not resolve")
	if c := e.apply(ucAgent, resolve); c.Status != "resolved" {
		t.Errorf("the agent's resolve left status %q", c.Status)
	}
}

// A step of the handling on an assigned case is the handler's or a
// supervisor's (finding 15): another agent's resolve and implement are
// refused in both languages and write nothing.
func TestHandlingStepsAreTheHandlersOrASupervisors(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucAgent2, ucSupervisor)
	n := e.acknowledged()
	e.assignTo(ucAgent, n, ucAgent)
	resolve := desk.Action{Number: n, Name: "resolve", Category: "delivery.late", Resolution: "退运费", Reply: "已退运费"}
	e.refuseSays(ucAgent2, resolve, "此投诉单由 李娜 处理：只有处理人或主管可以解决", "this case is handled by 李娜: only the handler or a supervisor may resolve")
	e.refuseSays(ucAgent2, desktest.Verify(n), "只有处理人或主管可以", "only the handler or a supervisor may")
	e.apply(ucAgent, resolve)
	e.refuseSays(ucAgent2, desktest.Implement(n), "只有处理人或主管可以", "only the handler or a supervisor may")
	if c := e.apply(ucSupervisor, desktest.Implement(n)); c.Fields["implemented_at"] == "" {
		t.Errorf("the supervisor's implement was not recorded: %v", c.Fields)
	}
}

// The same rule on the after-sales desk: a handler does not verify or
// resolve a colleague's case (aftersales README: "by its handler").
func TestAfterSalesHandlerStepsAreTheAssignedHandlers(t *testing.T) {
	cs := desk.Actor{Name: "小王", Role: "cs"}
	zhang, li := desk.Actor{Name: "张工", Role: "handler"}, desk.Actor{Name: "李工", Role: "handler"}
	e := presetOpen(t, "aftersales", cs, zhang, li)
	n := e.register(cs, ucReg(func(r *desk.Registration) { r.Category = "product.defect"; r.Content = "冰箱不制冷" })).Number
	e.apply(zhang, desk.Action{Number: n, Name: "assign", Handler: zhang.Name})
	e.refuseSays(li, desktest.Verify(n), "此投诉单由 张工 处理", "this case is handled by 张工")
	if c := e.apply(zhang, desktest.Verify(n)); c.Fields["complainant_verified"] == "" {
		t.Errorf("the handler's verify was not recorded: %v", c.Fields)
	}
}

// Whoever handled or closed a case does not revisit it (001 五.5): the
// supervisor's revisit of his own case is refused, another supervisor's
// goes through.
func TestRevisitIsNotByWhoHandledTheCase(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucSupervisor, ucSupervisor2)
	c := e.register(ucSupervisor, ucReg())
	n := c.Number
	e.apply(ucSupervisor, desk.Action{Number: n, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	e.assignTo(ucSupervisor, n, ucSupervisor)
	e.apply(ucSupervisor, desk.Action{Number: n, Name: "resolve", Category: "service.rude", Resolution: "道歉", Reply: "抱歉"})
	e.implement(ucSupervisor, n)
	e.apply(ucSupervisor, desk.Action{Number: n, Name: "close"})
	revisit := desk.Action{Number: n, Name: "revisit", Satisfaction: 5}
	e.refuseSays(ucSupervisor, revisit, "处理人或结案人不能回访自己经办的投诉", "its handler or whoever closed it may not revisit it")
	if got := e.apply(ucSupervisor2, revisit); got.Status != "revisited" {
		t.Errorf("another supervisor's revisit left status %q", got.Status)
	}
}
