package desk_test

import (
	"testing"

	"complaintdesk/internal/desk"
)

// A field that is none of the policy's is refused with the fields the step
// records (finding 16: status=closed or grade=D showed as a second, false
// 状态 / 等级); the step without it goes through.
func TestOnlyThePolicysFieldsAreRecorded(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	n := e.register(ucAgent, ucReg()).Number
	for _, k := range []string{"status", "grade", "phone", "colour"} {
		e.refuseSays(ucAgent, desk.Action{Number: n, Name: "note", Note: "hi", Fields: map[string]string{k: "x"}},
			"」没有字段「"+k+"」：此操作不记录其他字段", "has no field \""+k+"\": it records no other fields")
	}
	_, _, err := e.d.Register(e.ctx, ucAgent, ucReg(func(r *desk.Registration) { r.Fields = map[string]string{"status": "closed"} }))
	if zh, en := messages(t, err); zh == "" || en == "" {
		t.Errorf("a registration with a made-up field: %v", err)
	}
	if c := e.apply(ucAgent, desk.Action{Number: n, Name: "note", Note: "hi"}); c.Fields["status"] != "" || c.Fields["colour"] != "" {
		t.Errorf("made-up fields stored: %v", c.Fields)
	}
}

// On the after-sales desk the refusal lists the fields the step records.
func TestUnknownFieldNamesTheStepsFields(t *testing.T) {
	cs := desk.Actor{Name: "小王", Role: "cs"}
	zhang := desk.Actor{Name: "张工", Role: "handler"}
	e := presetOpen(t, "aftersales", cs, zhang)
	n := e.register(cs, ucReg(func(r *desk.Registration) { r.Category = "product.defect" })).Number
	e.apply(zhang, desk.Action{Number: n, Name: "assign", Handler: zhang.Name})
	e.apply(zhang, desk.Action{Number: n, Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "冰箱"})
	e.apply(zhang, desk.Action{Number: n, Name: "resolve", Category: "product.defect", Resolution: "已修", Reply: "已修好"})
	act := desk.Action{Number: n, Name: "inform_customer", Agreement: "agreed", Fields: map[string]string{"informed_via": "phone", "colour": "red"}}
	e.refuseSays(cs, act, "没有字段「colour」（可填：informed_via", `has no field "colour" (one of: informed_via`)
	delete(act.Fields, "colour")
	if c := e.apply(cs, act); c.Fields["informed_via"] != "phone" {
		t.Errorf("inform_customer with its own fields: %v", c.Fields)
	}
}
