package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestHandlingPolicyChecks(t *testing.T) {
	src := Default().Text()
	for _, c := range []struct{ name, anchor, old, repl, want string }{
		{"working hours", `working_hours`, `"09:00-18:00"`, `"18:00-09:00"`, `working_hours "18:00-09:00"`},
		{"level role", `id = "department_head"`, `roles = ["dept_head"]`, `roles = ["boss"]`, `role "boss" is not a role`},
		{"crisis level", `[escalation]`, `crisis_level = "management"`, `crisis_level = "ceo"`, `crisis_level "ceo" is not a [[level]]`},
		{"revisit", `[revisit]`, `dissatisfied_below = 3`, `dissatisfied_below = 9`, `dissatisfied_below 9`},
		{"transition grades", `action = "request_approval"`, `grades = ["A"]`, `grades = ["Z"]`, `grade "Z" is not a grade`},
		{"overlapping grades", `action = "request_approval"`, `grades = ["A"]`, "grades = [\"A\"]\n[[transition]]\naction = \"request_approval\"\nfrom = [\"resolved\"]\nto = \"pending_approval\"", `defined twice`},
		{"conclusion flag", `id = "not_justified"`, `en = "Not justified"`, "en = \"Not justified\"\nflags = [\"nope\"]", `flag "nope" is not a [[flag]]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, _ := mutate(t, src, c.anchor, c.old, c.repl)
			_, err := Parse("site.toml", []byte(text))
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("want a problem with %q, got %v", c.want, err)
			}
		})
	}
	// the same action from the same status for disjoint grades is fine
	text, _ := mutate(t, src, `action = "request_approval"`, `grades = ["A"]`,
		"grades = [\"A\"]\n[[transition]]\naction = \"request_approval\"\nfrom = [\"resolved\"]\nto = \"pending_approval\"\ngrades = [\"B\"]")
	if _, err := Parse("site.toml", []byte(text)); err != nil {
		t.Errorf("disjoint grades refused: %v", err)
	}
	// a clock started by an action needs the actions
	gsp := GSP().Text()
	text, _ = mutate(t, gsp, `id = "decision"`, `start_on = ["accept_report"]`, `start_on = ["accept"]`)
	if _, err := Parse("g.toml", []byte(text)); err == nil || !strings.Contains(err.Error(), `start_on action "accept"`) {
		t.Errorf("bad start_on: %v", err)
	}
}

func TestTransitionsByGradeAndTheirReasons(t *testing.T) {
	p := Default()
	// the desk names its steps (its registry sets Names)
	names := map[string]Label{"request_approval": {ZH: "提交审批", EN: "request approval"}, "approve": {ZH: "批准", EN: "approve"}}
	p.Names = func(a string) Label { return names[a] }
	// grade A goes through approval; grade C does not
	if _, err := p.TransitionFor("request_approval", "resolved", "agent", "A"); err != nil {
		t.Errorf("grade A approval: %v", err)
	}
	_, err := p.TransitionFor("request_approval", "resolved", "agent", "C")
	var te *TransitionError
	if !errors.As(err, &te) || !errors.Is(err, ErrNotAllowedFrom) || !strings.Contains(te.Message("zh"), "C 级投诉") {
		t.Errorf("grade C approval: %v", err)
	}
	// an agent closing grade A is told the way: ask for approval
	_, err = p.TransitionFor("close", "resolved", "agent", "A")
	if !errors.As(err, &te) || !strings.Contains(te.Message("zh"), "需先：提交审批 → 批准（主管等）") ||
		!strings.Contains(te.Error(), "first: request_approval → approve (supervisor, dept_head, management)") {
		t.Errorf("agent closing grade A: %q / %q", te.Message("zh"), te.Error())
	}
	// every refusal has both languages
	for _, c := range []struct{ action, status, role, grade string }{
		{"close", "registered", "agent", "C"}, {"approve", "pending_approval", "agent", "A"}, {"fly", "registered", "agent", "C"},
	} {
		_, err := p.TransitionFor(c.action, c.status, c.role, c.grade)
		if !errors.As(err, &te) || te.Message("zh") == "" || te.Message("en") == "" || te.Message("zh") == te.Message("en") {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if got := p.ActionsFor("resolved", "agent", "A"); strings.Contains(strings.Join(got, ","), "close") {
		t.Errorf("an agent is offered to close grade A: %v", got)
	}
	if got := p.ActionsFor("resolved", "agent", "C"); !strings.Contains(strings.Join(got, ","), "close") || strings.Contains(strings.Join(got, ","), "request_approval") {
		t.Errorf("grade C actions: %v", got)
	}
}

func TestGSPPreset(t *testing.T) {
	p := GSP()
	if p.Profile != "gsp" || p.Nature("adverse_reaction") == nil || len(p.Nature("adverse_reaction").Flags) == 0 {
		t.Fatalf("gsp natures: %+v", p.Natures)
	}
	for _, n := range []string{"general_inquiry", "quality_nonclinical", "quality_clinical", "adverse_reaction", "other_medical"} {
		if p.Nature(n) == nil {
			t.Errorf("nature %s missing", n)
		}
	}
	for id, amount := range map[string]int{"qm_forward": 2, "decision": 3, "execution": 7} {
		if c := p.Clock(id); c == nil || c.Amount != amount || c.Unit != "workdays" {
			t.Errorf("clock %s: %+v", id, c)
		}
	}
	if k := p.Conclusion("defect"); k == nil || k.Flags[0] != "recall" {
		t.Errorf("a confirmed defect is not flagged for recall: %+v", k)
	}
	if p.Grading.DNatures[0] != "general_inquiry" {
		t.Errorf("inquiries are not D: %v", p.Grading.DNatures)
	}
}
