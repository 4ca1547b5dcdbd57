package forms

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/deadline"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

const lateReason = "系统故障，按纸质记录补录"

// lateCase is a case whose every step was entered three days after it
// happened, with the reason (补录); each step happened at its own hour.
func lateCase(t *testing.T) (Input, map[string]store.Event) {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 9, 25, 9, 0, 0, 0, loc)
	steps := []string{"acknowledge", "verify", "forward", "accept", "issue_notice", "escalate", "visit", "findings",
		"qm_review", "report_back", "approve", "review_report", "resolve", "request_approval", "revoke", "close", "revisit"}
	evs := []store.Event{{At: received, Entered: received, Actor: "李娜", Action: "register"}}
	by := map[string]store.Event{}
	for i, act := range steps {
		at := received.Add(time.Duration(i+1) * time.Hour)
		e := store.Event{At: at, Entered: at.Add(72 * time.Hour), Late: lateReason, Actor: "李娜", Action: act,
			After: map[string]string{}}
		switch act {
		case "revisit":
			e.After["satisfaction"] = "4"
		case "visit":
			e.After = map[string]string{"visit_by": "王经理", "visit_role": "project_manager", "visit_at": at.Format(time.RFC3339)}
		}
		evs = append(evs, e)
		by[act] = e
	}
	ack := by["acknowledge"]
	c := &store.Case{Number: "TS20260925-0001", ReceivedAt: received, RegisteredAt: received, Channel: "phone",
		Nature: "complaint", Grade: "A", Status: "closed", Content: "快递延误三天，包装破损", Demand: "退款",
		Handler: "李娜", Department: "service", Resolution: "已退款", Reply: "已书面答复",
		AcknowledgedAt: ack.At, ResolvedAt: by["resolve"].At, ClosedAt: by["close"].At,
		Fields:       map[string]string{"notice_no": "TZ-0001", "conclusion": "justified"},
		Complainants: []store.Complainant{{Name: "张三", Phone: "13812349342"}}}
	// The first response clock, met by the late acknowledgement.
	first := deadline.Clock{ID: "first_response", Label: policy.Label{ZH: "首次响应", EN: "first response"}, Unit: "hours", Amount: 24,
		Start: received, Due: received.Add(24 * time.Hour), Stopped: ack.At, State: deadline.Met}
	return Input{Case: c, Events: evs, Clocks: []deadline.Clock{first}, Policy: policy.Default(), Loc: loc,
		Now: received.Add(30 * 24 * time.Hour)}, by
}

// mark is how a form says a step was entered late: when it happened,
// when it was entered and why (the words of cases show).
func mark(e store.Event, loc *time.Location) string {
	return fmt.Sprintf("（补录：录入于 %s，补录原因：%s）", e.Entered.In(loc).Format("2006-01-02 15:04"), lateReason)
}

// Every form that prints the history or a step's time marks a late entry
// 补录 with both times and the reason, in text and in Markdown.
func TestFormsMarkLateEntriesWithBothTimes(t *testing.T) {
	in, by := lateCase(t)
	hm := func(e store.Event) string { return e.At.In(in.Loc).Format("2006-01-02 15:04") }
	for _, tc := range []struct {
		form string
		step string // the late step the form must show
		// happened: the form prints the step's own time right before the mark.
		happened bool
	}{
		{"opinion", "acknowledge", true},  // the history
		{"opinion", "close", true},        // 结案时间
		{"grade-a", "acknowledge", false}, // the first response clock it stopped
		{"grade-a", "close", false},       // 审批与结案: the time is the row's label
		{"grade-a", "escalate", false},
		{"investigation", "findings", true},
		{"quality-intake", "forward", true},
		{"record-card", "accept", true},
		{"record-card", "issue_notice", true},
		{"record-card", "close", true},
		{"handling-notice", "issue_notice", true},
		{"handling-notice", "acknowledge", false},
		{"receipt", "acknowledge", true},
		{"acceptance", "acknowledge", true},
		{"acceptance", "approve", true},
		{"acceptance", "revoke", true},
		{"feedback", "revisit", true},
		{"feedback", "resolve", true}, // 答复日期
		{"handling-register", "resolve", true},
	} {
		e := by[tc.step]
		want := mark(e, in.Loc)
		if tc.happened {
			want = hm(e) + want
		}
		for _, format := range Formats {
			out, err := Render(tc.form, format, in)
			if err != nil {
				t.Fatal(err)
			}
			// The text form wraps long lines: compare without the breaks.
			flat := strings.Join(strings.Fields(out), "")
			if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
				t.Errorf("%s (%s): the late %s is not marked %q:\n%s", tc.form, format, tc.step, want, out)
			}
			if !strings.Contains(out, hm(e)) {
				t.Errorf("%s (%s): the time the %s happened (%s) is not printed", tc.form, format, tc.step, hm(e))
			}
		}
	}
}

// A step entered in time carries no mark.
func TestFormsDoNotMarkTimelyEntries(t *testing.T) {
	in, _ := lateCase(t)
	for i := range in.Events {
		in.Events[i].Late, in.Events[i].Entered = "", in.Events[i].At
	}
	for _, form := range Names {
		out, err := Render(form, "text", in)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "补录") {
			t.Errorf("%s marks a timely entry:\n%s", form, out)
		}
	}
}
