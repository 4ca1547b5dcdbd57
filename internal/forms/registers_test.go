package forms

import (
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

func TestRegistersListTheirCasesAndMaskByRole(t *testing.T) {
	p := policy.Lab()
	loc, _ := time.LoadLocation("Asia/Shanghai")
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, loc)
	c := &store.Case{Number: "TS20261119-0001", ReceivedAt: at, RegisteredAt: at, Channel: "walk-in", Nature: "appeal",
		Grade: "A", Status: "registered", Content: "对铅含量有异议", CreatedBy: "王芳",
		Fields:       map[string]string{"report": "R2026-0101", "report_received": "2026-11-10T00:00:00+08:00", "grounds": "=HYPERLINK(\"x\")"},
		Complainants: []store.Complainant{{Name: "赵六", Phone: "13912345678", Org: "某某公司"}}}
	in := Input{Case: c, Events: []store.Event{{Action: "register", At: at, Actor: "王芳"}}, Policy: p, Loc: loc, Now: at}

	cols, err := RegisterColumns("appeal", p)
	if err != nil || cols[0] != "编号" || !strings.Contains(strings.Join(cols, ","), "检测报告编号") {
		t.Fatalf("columns %v %v", cols, err)
	}
	row, ok, err := RegisterRow("appeal", in)
	if err != nil || !ok || len(row) != len(cols) {
		t.Fatalf("appeal row %v %v %v", row, ok, err)
	}
	joined := strings.Join(row, "|")
	// The row prints the case as given: the desk masks it for the user first.
	if !strings.Contains(joined, "赵六 某某公司") || !strings.Contains(joined, "13912345678") ||
		!strings.Contains(joined, "2026-11-10") || !strings.Contains(joined, "A 紧急") {
		t.Errorf("appeal row: %s", joined)
	}
	// Not accepted, no feedback: not in those registers.
	for _, name := range []string{"acceptance", "feedback"} {
		if _, ok, err := RegisterRow(name, in); ok || err != nil {
			t.Errorf("%s lists a case just filed (%v)", name, err)
		}
	}
	if _, _, err := RegisterRow("nope", in); err == nil {
		t.Error("an unknown register")
	}
	text, err := Render("appeal", "md", in)
	if err != nil || !strings.Contains(text, "# 抱怨申述登记表") || !strings.Contains(text, "R2026-0101") {
		t.Errorf("appeal form: %v\n%s", err, text)
	}
}
