package policy

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLabPresetFieldsRulesAndRoles(t *testing.T) {
	p := Lab()
	// the categories and roles of seed 000
	for _, id := range []string{"test-result", "sampling", "transport", "report-content", "service", "other"} {
		if p.Category(id) == nil {
			t.Errorf("category %s missing", id)
		}
	}
	for _, id := range []string{"lab-reception", "quality-manager", "signatory", "tester"} {
		if p.Role(id) == nil {
			t.Errorf("role %s missing", id)
		}
	}
	// the appeal asks for the report, its date and the grounds, and requires
	// them; why it is not in writing and whether it is sensitive are asked too
	var ids []string
	optional := []string{"sample", "written_exception", "sensitive"}
	for _, f := range p.IntakeFields("appeal") {
		ids = append(ids, f.ID)
		if !slices.Contains(optional, f.ID) && !f.Required {
			t.Errorf("intake field %s is not required", f.ID)
		}
	}
	if !slices.Equal(ids, []string{"report", "report_received", "sample", "grounds", "written_exception", "sensitive"}) {
		t.Errorf("appeal intake fields %v", ids)
	}
	var general []string
	for _, f := range p.IntakeFields("complaint") {
		general = append(general, f.ID)
	}
	if !slices.Equal(general, []string{"sensitive"}) {
		t.Errorf("a general complaint asks for %v", general)
	}
	if f := p.Field("testers"); f == nil || f.Kind != "users" || f.Min != 2 || f.Role != "tester" {
		t.Errorf("testers: %+v", f)
	}
	// the late rule: a breached appeal window makes acceptance need the override
	if rules := p.LateRules("acknowledge"); len(rules) != 1 || rules[0].ID != "appeal_window" || !slices.Equal(rules[0].LateRequires, []string{"override_reason"}) {
		t.Errorf("late rules: %+v", rules)
	}
	// keys, fixed values and notices
	if p.ActionForKey("V") != "revoke" || p.ActionKey("retest") != "T" {
		t.Errorf("keys: V=%s retest=%s", p.ActionForKey("V"), p.ActionKey("retest"))
	}
	tr, err := p.Transition("uphold", "retested", "quality-manager")
	if err != nil || tr.Set["report_status"] != "kept" {
		t.Errorf("uphold: %+v %v", tr, err)
	}
	if tr, _ := p.Transition("acknowledge", "registered", "lab-reception"); !slices.Contains(tr.Notify, "quality-manager") {
		t.Errorf("acceptance does not tell the quality manager: %v", tr.Notify)
	}
	if tr, _ := p.Transition("request_approval", "reviewing", "lab-reception"); !slices.Equal(p.ActionFields(tr), []string{"review", "preliminary_opinion"}) {
		t.Errorf("opinion fields %v", p.ActionFields(tr))
	}
	// testers see the blind code, not who appealed against which report
	for _, part := range []string{"complainant", "content", "report", "report_received", "sample", "grounds", "notes"} {
		if !p.Hides("tester", part) {
			t.Errorf("a tester sees %s", part)
		}
	}
	if p.Hides("tester", "blind_code") || p.Hides("quality-manager", "report") || !p.Blind("tester") || p.Blind("signatory") {
		t.Error("hide is wrong")
	}
	// shown values
	loc, _ := time.LoadLocation("Asia/Shanghai")
	if got := p.FieldText("report_received", "2026-11-10T00:00:00+08:00", "zh", loc); got != "2026-11-10" {
		t.Errorf("date %q", got)
	}
	if got := p.FieldText("retest_conclusion", "wrong", "zh", loc); got != "原检验结果有误" {
		t.Errorf("choice %q", got)
	}
	if got := p.FieldText("testers", "甲,乙", "zh", loc); got != "甲、乙" {
		t.Errorf("users %q", got)
	}
	if got := p.FieldText(LateField, "appeal_window", "en", loc); got != "Appeal window" {
		t.Errorf("late %q", got)
	}
}

func TestLabPolicyChecks(t *testing.T) {
	src := Lab().Text()
	for _, c := range []struct{ name, anchor, old, repl, want string }{
		{"field kind", `id = "report_received"`, `kind = "date"`, `kind = "day"`, `kind "day" is not one of`},
		{"field nature", `id = "report"`, `natures = ["appeal"]`, `natures = ["apeal"]`, `nature "apeal" is not a nature`},
		{"reserved id", `id = "sample"`, `id = "sample"`, `id = "category"`, `field id "category" is the case's own`},
		{"required without intake", `id = "override_reason"`, `kind = "area"`, "kind = \"area\"\nrequired = true", `required = true needs intake = true`},
		{"users role", `id = "testers"`, `role = "tester"`, `role = "testers"`, `role "testers" is not a role`},
		{"choice without options", `id = "report_status"`, "[[field.option]]\nid = \"kept\"\nzh = \"维持原报告\"\nen = \"Kept\"\n[[field.option]]\nid = \"revoked\"\nzh = \"原报告作废\"\nen = \"Revoked\"\n", "", `a choice needs [[field.option]]`},
		{"default_from", `id = "revoked_report"`, `default_from = "report"`, `default_from = "reprot"`, `default_from "reprot" is not a [[field]]`},
		{"transition fields", `action = "retest"`, `fields = ["retest_items"]`, `fields = ["retest_item"]`, `field "retest_item" is not a [[field]]`},
		{"set option", `action = "uphold"`, `set = { report_status = "kept" }`, `set = { report_status = "keep" }`, `report_status = "keep" is not an option`},
		{"set unknown", `action = "uphold"`, `set = { report_status = "kept" }`, `set = { outcome = "kept" }`, `set "outcome" is not a [[field]]`},
		{"notify", `action = "acknowledge"`, `notify = ["quality-manager"]`, `notify = ["qm"]`, `notify role "qm" is not a role`},
		{"key twice", `action = "resample"`, `key = "S"`, `key = "T"`, `key "T" is already the key of "retest"`},
		{"key length", `action = "resample"`, `key = "S"`, `key = "SS"`, `must be one character`},
		{"late_for", `id = "appeal_window"`, `late_for = ["acknowledge"]`, `late_for = ["accept"]`, `late_for action "accept" is not an action`},
		{"late_requires", `id = "appeal_window"`, `late_requires = ["override_reason"]`, `late_requires = ["why"]`, `late_requires field "why" is unknown`},
		{"late without fields", `id = "appeal_window"`, `late_requires = ["override_reason"]`, ``, `late_for needs late_requires`},
		{"hide", `id = "tester"`, `hide = ["complainant",`, `hide = ["complainants",`, `hide "complainants" is not a field`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, _ := mutate(t, src, c.anchor, c.old, c.repl)
			_, err := Parse("lab.toml", []byte(text))
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("want a problem with %q, got %v", c.want, err)
			}
		})
	}
	// a transition may require a policy field that is not one of the desk's own
	text, _ := mutate(t, src, `action = "compensate"`, `require = ["amount", "agreement"]`, `require = ["amount", "agreement", "retest_items"]`)
	if _, err := Parse("lab.toml", []byte(text)); err != nil {
		t.Errorf("a policy field required: %v", err)
	}
}
