package desk_test

// Issue 14's paper trail at the use cases: the dates a step records keep
// their order (002 GSP 5.4: a sample is received after it was asked for,
// the manufacturer answers after it was asked, nothing before the
// complaint), and a case's other cases by phone are only those the actor
// may open (000 §2.1.1: a department head sees their complaints only).

import (
	"slices"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

func TestStepDatesNotBeforeTheComplaintNorTheirQuestion(t *testing.T) {
	e := gspOpen(t, ucAt(2026, 11, 23, 9, 30))
	n := gspForwarded(e, "quality_clinical")
	act := func(name string, fields map[string]string) desk.Action {
		return desk.Action{Number: n, Name: name, Fields: fields}
	}
	e.refuseSays(gspStore, act("request_sample", map[string]string{"sample_requested_at": "2026-11-22"}),
		"索取实物样品日期（2026-11-22）早于本次投诉的受理日期（2026-11-23）", "Sample asked for on (2026-11-22) is before the day this complaint was received (2026-11-23)")
	e.advance(24 * time.Hour)
	e.apply(gspStore, act("request_sample", map[string]string{"sample_requested_at": "2026-11-24"}))
	e.refuseSays(gspStore, act("receive_sample", map[string]string{"sample_received_at": "2026-11-23", "sample_batch": "20260815"}),
		"收到实物样品日期（2026-11-23）早于索取实物样品日期（2026-11-24）", "is before sample asked for on (2026-11-24)")
	e.apply(gspStore, act("receive_sample", map[string]string{"sample_received_at": "2026-11-24", "sample_batch": "20260815"}))

	e.apply(gspQM, act("request_confirmation", map[string]string{"manufacturer": "某制药厂", "confirmation_requested_at": "2026-11-24"}))
	e.refuseSays(gspQM, act("record_confirmation", map[string]string{"confirmation_received_at": "2026-11-23", "confirmation_conclusion": "confirmed"}),
		"生产企业回复日期（2026-11-23）早于函询生产企业日期（2026-11-24）", "Confirmation received on (2026-11-23) is before confirmation asked on")
	got := e.apply(gspQM, act("record_confirmation", map[string]string{"confirmation_received_at": "2026-11-24", "confirmation_conclusion": "confirmed"}))
	if got.Fields["confirmation_conclusion"] != "confirmed" || got.Fields["sample_batch"] != "20260815" {
		t.Errorf("recorded: %v", got.Fields)
	}

	// a sample the customer brought unasked has no request to follow
	m := gspForwarded(e, "quality_nonclinical")
	e.apply(gspStore, desk.Action{Number: m, Name: "receive_sample", Fields: map[string]string{"sample_received_at": "2026-11-24", "sample_batch": "20260901"}})
}

func TestCallersOtherCasesAreOnlyThoseTheActorMayOpen(t *testing.T) {
	e := labOpen(t, ucAt(2026, 11, 23, 9, 30))
	head := desk.Actor{Name: "赵主任", Role: "department-head"}
	if err := e.d.AddUser(e.ctx, store.User{Name: head.Name, Role: head.Role, CreatedAt: e.now}); err != nil {
		t.Fatal(err)
	}
	a := e.register(labReception, appeal("2026-11-20"))
	g := e.register(labReception, desk.Registration{Channel: "letter", Nature: "complaint", Category: "sampling",
		Name: "赵六", Phone: "13912345678", Content: "采样人员未按约定时间到场"})
	e.advance(10 * time.Minute)
	e.apply(labReception, desk.Action{Number: g.Number, Name: "acknowledge", ExpectedBy: e.now.Add(48 * time.Hour)})
	e.apply(labReception, desk.Action{Number: g.Number, Name: "assign", Handler: head.Name, Department: "sampling"})

	numbers := func(cs []store.Case) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Number)
		}
		return out
	}
	v, err := e.d.CaseView(e.ctx, head, g.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got := numbers(v.Related.SamePhone); len(got) != 0 {
		t.Errorf("the head sees the caller's appeal %v, which the head may not open", got)
	}
	if _, err := e.d.CaseView(e.ctx, head, a.Number); err == nil {
		t.Errorf("the head opened the appeal %s", a.Number)
	}
	v, err = e.d.CaseView(e.ctx, labReception, g.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got := numbers(v.Related.SamePhone); !slices.Contains(got, a.Number) {
		t.Errorf("reception does not see the caller's appeal: %v", got)
	}
}
