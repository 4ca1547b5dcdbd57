package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPresetsParseAndValidate(t *testing.T) {
	for _, name := range append(PresetNames(), "call-centre", " Default ") {
		p, err := Preset(name)
		if err != nil {
			t.Fatalf("preset %q: %v", name, err)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("preset %q: Validate: %v", name, err)
		}
		if p.Location == nil || p.Location.String() != "Asia/Shanghai" {
			t.Errorf("preset %q: location %v", name, p.Location)
		}
		if !p.HolidayShift || p.WarnAt != 0.75 {
			t.Errorf("preset %q: holiday_shift %v warn_at %v", name, p.HolidayShift, p.WarnAt)
		}
		if p.InitialStatus() != "registered" {
			t.Errorf("preset %q: initial status %q", name, p.InitialStatus())
		}
		if !strings.Contains(p.Text(), "[[transition]]") || p.Text() != string(p.Source) {
			t.Errorf("preset %q: Text() is not the source", name)
		}
	}
	if _, err := Preset("nope"); err == nil || !strings.Contains(err.Error(), "default, lab") {
		t.Errorf("unknown preset: %v", err)
	}

	d := Default()
	if d.Profile != "default" || Lab().Profile != "lab" {
		t.Errorf("profiles %q %q", d.Profile, Lab().Profile)
	}
	// a fresh copy each time: changing one does not change the next
	d.Roles[0].ID = "changed"
	if Default().Roles[0].ID == "changed" {
		t.Error("Default() shares state between calls")
	}

	d = Default()
	for _, id := range []string{"email", "web", "social"} {
		if c := d.Channel(id); c == nil || !c.Online {
			t.Errorf("channel %s should be online: %+v", id, c)
		}
	}
	for _, id := range []string{"phone", "walk-in", "letter", "other"} {
		if c := d.Channel(id); c == nil || c.Online {
			t.Errorf("channel %s should exist and be offline: %+v", id, c)
		}
	}
	if d.Grade("A") == nil || !d.Grade("A").Training || !d.Grade("B").Training || d.Grade("C").Training {
		t.Error("grades A and B are training material, C is not")
	}
	if r := d.Role("agent"); r == nil || !r.SeePII || r.Supervisor {
		t.Errorf("agent: %+v", r)
	}
	if r := d.Role("qa"); r == nil || r.SeePII || !r.RevealPII {
		t.Errorf("qa: %+v", r)
	}
	if r := d.Role("supervisor"); r == nil || !r.Supervisor || !r.SeePII {
		t.Errorf("supervisor: %+v", r)
	}
	for id, open := range map[string]bool{"registered": true, "resolved": true, "rejected": true, "closed": false, "revisited": false} {
		if s := d.Status(id); s == nil || s.Open != open {
			t.Errorf("status %s: %+v, want open=%v", id, s, open)
		}
	}
	if d.Channel("fax") != nil || d.Nature("x") != nil || d.Grade("E") != nil || d.Category("x") != nil ||
		d.Status("x") != nil || d.Role("x") != nil {
		t.Error("unknown ids must give nil")
	}

	l := Lab()
	if r := l.Role("tester"); r == nil || r.SeePII {
		t.Errorf("lab tester must not see PII: %+v", r)
	}
	if r := l.Role("quality-manager"); r == nil || !r.Supervisor {
		t.Errorf("lab quality manager: %+v", r)
	}
	if c := l.Clock("appeal_window"); c == nil || c.Amount != 10 || c.Unit != "days" || c.Start != "report_received" ||
		!reflect.DeepEqual(c.Stop, []string{"register"}) {
		t.Errorf("lab appeal window: %+v", c)
	}
	if c := l.Clock("urgent_reply"); c == nil || c.Amount != 3 || c.Unit != "workdays" {
		t.Errorf("lab urgent reply: %+v", c)
	}
}

func TestLabelsAndCategories(t *testing.T) {
	l := Label{ZH: "电话", EN: "Phone"}
	for lang, want := range map[string]string{"zh": "电话", "zh-CN": "电话", "en": "Phone", "": "Phone", "fr": "Phone"} {
		if got := l.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
	if (Label{ZH: "仅中文"}).In("en") != "仅中文" || (Label{EN: "only"}).In("zh") != "only" {
		t.Error("empty label must fall back to the other language")
	}

	d := Default()
	if got := d.CategoryPath("product.packaging", "zh"); got != "产品质量 / 包装破损" {
		t.Errorf("CategoryPath zh = %q", got)
	}
	if got := d.CategoryPath("product.packaging", "en"); got != "Product quality / Damaged packaging" {
		t.Errorf("CategoryPath en = %q", got)
	}
	if got := d.CategoryPath("service", "zh"); got != "服务态度" {
		t.Errorf("root path = %q", got)
	}
	if got := d.CategoryPath("gone", "zh"); got != "gone" {
		t.Errorf("unknown category path = %q", got)
	}
	if got := d.CategoryPath("", "zh"); got != "" {
		t.Errorf("empty category path = %q", got)
	}
	if n := len(d.Children("property")); n != 9 {
		t.Errorf("property classes A–I: %d children", n)
	}
}

func TestTransition(t *testing.T) {
	p := Default()
	ok := []struct{ action, from, role, to string }{
		{"register", "", "agent", "registered"},
		{"acknowledge", "registered", "agent", "acknowledged"},
		{"assign", "acknowledged", "supervisor", "investigating"},
		{"assign", "registered", "agent", ""},
		{"assign", "investigating", "dept_head", ""},
		{"note", "closed", "qa", ""},
		{"note", "revisited", "admin", ""},
		{"grade", "investigating", "supervisor", ""},
		{"resolve", "investigating", "agent", "resolved"},
		{"reject", "acknowledged", "agent", "rejected"},
		{"close", "rejected", "agent", "closed"},
		{"revisit", "closed", "qa", "revisited"},
		{"reopen", "revisited", "agent", "investigating"},
	}
	for _, c := range ok {
		tr, err := p.Transition(c.action, c.from, c.role)
		if err != nil {
			t.Errorf("%s from %q as %s: %v", c.action, c.from, c.role, err)
			continue
		}
		if tr.Action != c.action || tr.To != c.to {
			t.Errorf("%s from %q: got %+v, want to %q", c.action, c.from, tr, c.to)
		}
	}
	if tr, _ := p.Transition("resolve", "investigating", "agent"); !reflect.DeepEqual(tr.Require, []string{"handler", "category", "resolution", "reply"}) {
		t.Errorf("resolve requires %v", tr.Require)
	}

	bad := []struct {
		action, from, role string
		kind               error
		msg                string
	}{
		{"fly", "registered", "agent", ErrUnknownAction, `unknown action "fly"`},
		{"close", "investigating", "agent", ErrNotAllowedFrom, "action close is not allowed from status investigating (allowed from: resolved, rejected, approved); first: resolve"},
		{"acknowledge", "closed", "agent", ErrNotAllowedFrom, "allowed from: registered"},
		{"register", "registered", "agent", ErrNotAllowedFrom, "not allowed from status registered"},
		{"resolve", "", "agent", ErrNotAllowedFrom, "not allowed from status (new case)"},
		{"close", "resolved", "qa", ErrRoleForbidden, "role qa may not close (allowed: agent, supervisor)"},
		{"grade", "registered", "admin", ErrRoleForbidden, "role admin may not grade (allowed: agent, supervisor)"},
		// the quality inspector takes no step of the handling (finding 14)
		{"acknowledge", "registered", "qa", ErrRoleForbidden, "role qa may not acknowledge"},
		{"verify", "registered", "qa", ErrRoleForbidden, "role qa may not verify"},
		{"assign", "acknowledged", "qa", ErrRoleForbidden, "role qa may not assign"},
		{"resolve", "investigating", "qa", ErrRoleForbidden, "role qa may not resolve"},
	}
	kinds := []error{ErrUnknownAction, ErrNotAllowedFrom, ErrRoleForbidden}
	for _, c := range bad {
		tr, err := p.Transition(c.action, c.from, c.role)
		if err == nil || tr != nil {
			t.Errorf("%s from %q as %s: want error, got %+v", c.action, c.from, c.role, tr)
			continue
		}
		for _, k := range kinds {
			if errors.Is(err, k) != (k == c.kind) {
				t.Errorf("%s from %q as %s: errors.Is(%v) = %v; err %v", c.action, c.from, c.role, k, errors.Is(err, k), err)
			}
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s from %q as %s: %q does not contain %q", c.action, c.from, c.role, err, c.msg)
		}
	}

	// grade A closure needs a supervisor
	if _, err := p.TransitionFor("close", "resolved", "agent", "A"); !errors.Is(err, ErrRoleForbidden) ||
		!strings.Contains(err.Error(), "grade A") {
		t.Errorf("agent closing grade A: %v", err)
	}
	if _, err := p.TransitionFor("close", "resolved", "supervisor", "A"); err != nil {
		t.Errorf("supervisor closing grade A: %v", err)
	}
	if _, err := p.TransitionFor("close", "resolved", "agent", "C"); err != nil {
		t.Errorf("agent closing grade C: %v", err)
	}

	if got := p.Actions("registered", "agent"); !reflect.DeepEqual(got, []string{"acknowledge", "assign", "visit", "note", "grade", "escalate",
		"contact", "verify", "flags", "link", "unlink", "complainant"}) {
		t.Errorf("Actions(registered, agent) = %v", got)
	}
	// the quality inspector supervises the handling and takes no step of it (004 第十一条)
	if got := p.Actions("resolved", "qa"); !reflect.DeepEqual(got, []string{"inspect", "note", "escalate", "contact"}) {
		t.Errorf("Actions(resolved, qa) = %v", got)
	}
	if got := p.Actions("", "agent"); !reflect.DeepEqual(got, []string{"register"}) {
		t.Errorf("Actions(\"\", agent) = %v", got)
	}

	// lab: testers record re-test results but may not resolve
	l := Lab()
	if _, err := l.Transition("record_retest", "retesting", "tester"); err != nil {
		t.Errorf("lab tester record_retest: %v", err)
	}
	if _, err := l.Transition("uphold", "retested", "tester"); !errors.Is(err, ErrRoleForbidden) {
		t.Errorf("lab tester uphold: %v", err)
	}
	if tr, err := l.Transition("revoke", "retested", "signatory"); err != nil ||
		!reflect.DeepEqual(tr.Require, []string{"revoked_report", "corrected_report"}) {
		t.Errorf("lab revoke: %+v %v", tr, err)
	}
}

// mutate replaces the first occurrence of old after the line containing
// anchor, and returns the new text and the 1-based line of the replacement.
func mutate(t *testing.T, src, anchor, old, repl string) (string, int) {
	t.Helper()
	a := strings.Index(src, anchor)
	if a < 0 {
		t.Fatalf("anchor %q not found", anchor)
	}
	i := strings.Index(src[a:], old)
	if i < 0 {
		t.Fatalf("%q not found after %q", old, anchor)
	}
	i += a
	return src[:i] + repl + src[i+len(old):], strings.Count(src[:i], "\n") + 1
}

func TestBrokenFiles(t *testing.T) {
	src := Default().Text()
	cases := []struct {
		name, anchor, old, repl, want string
	}{
		{"syntax", `id = "first_response"`, `amount = 24`, `amount = 24 24`, ""},
		{"unknown status", `action = "investigate"`, `to = "investigating"`, `to = "investigatin"`, `to status "investigatin" is not a status`},
		{"unknown from status", `action = "revisit"`, `from = ["closed"]`, `from = ["clsoed"]`, `from status "clsoed" is not a status`},
		{"weeks", `id = "closure_a"`, `unit = "workdays"`, `unit = "weeks"`, `clock "closure_a": unit "weeks" is not one of: hours, days, workdays`},
		{"amount", `id = "revisit"`, `amount = 7`, `amount = 0`, `amount 0 must be greater than 0`},
		{"start", `id = "revisit"`, `start = "closed"`, `start = "close"`, `start "close" is not one of`},
		{"stop", `id = "first_response"`, `stop = ["acknowledge", "contact"]`, `stop = ["ack", "contact"]`, `stop action "ack" is not an action`},
		{"restart", `id = "closure_a"`, `restart_on = ["reopen"]`, `restart_on = ["reopened"]`, `restart_on action "reopened"`},
		{"role", `action = "close"`, `roles = ["agent", "supervisor"]`, `roles = ["agent", "boss"]`, `role "boss" is not a role`},
		{"require", `action = "revisit"`, `require = ["satisfaction"]`, `require = ["happiness"]`, `required field "happiness" is unknown`},
		{"grade filter", `id = "closure_a"`, `grades = ["A"]`, `grades = ["E"]`, `grade "E" is not a grade`},
		{"channel filter", `id = "online_accept"`, `"social"]`, `"wechat"]`, `channel "wechat" is not a channel`},
		{"duplicate id", `id = "letter"`, `id = "letter"`, `id = "phone"`, `duplicate channel id "phone"`},
		{"parent", `id = "product.expired"`, `parent = "product"`, `parent = "produce"`, `parent "produce" is not a category`},
		{"cycle", `id = "product"`, "id = \"product\"\n", "parent = \"product.defect\"\nid = \"product\"\n", `category cycle: product -> product.defect -> product`},
		{"warn_at", `warn_at`, `warn_at = 0.75`, `warn_at = 1.5`, `warn_at 1.5 must be between 0 and 1`},
		{"time zone", `time_zone`, `"Asia/Shanghai"`, `"Asia/Beijing"`, `time_zone "Asia/Beijing" cannot be loaded`},
		{"default channel", `default_channel`, `"phone"`, `"pager"`, `default_channel "pager" is not a channel`},
		{"unknown key", `id = "revisit"`, `restart_on = ["close"]`, `restart_in = ["close"]`, `unknown key "clock.restart_in"`},
		{"type", `[grading]`, `collective_a = 10`, `collective_a = "ten"`, `collective_a`},
		{"second register", `action = "investigate"`, `action = "investigate"`, `action = "register"`, `more than one "register"`},
		{"d natures", `[grading]`, `d_natures = ["inquiry", "suggestion"]`, `d_natures = ["inquiry", "opinion"]`, `"opinion" is not a nature`},
		{"default grade", `[grading]`, `default_grade = "C"`, `default_grade = "X"`, `default_grade "X" is not a grade`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, line := mutate(t, src, c.anchor, c.old, c.repl)
			p, err := Parse("site.toml", []byte(text))
			if err == nil {
				t.Fatalf("accepted: %+v", p.Name)
			}
			prefix := fmt.Sprintf("site.toml:%d: ", line)
			found := false
			for _, l := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(l, prefix) && strings.Contains(l, c.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no line of\n%v\nstarts with %q and contains %q", err, prefix, c.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || ve.Problems[0].Line == 0 {
				t.Errorf("want a *ValidationError with lines, got %#v", err)
			}
		})
	}

	// a cycle is reported once, not once per member
	text, _ := mutate(t, src, `id = "product"`, "id = \"product\"\n", "parent = \"product.defect\"\nid = \"product\"\n")
	if _, err := Parse("c.toml", []byte(text)); err == nil || strings.Count(err.Error(), "category cycle") != 1 {
		t.Errorf("cycle: %v", err)
	}

	// every problem is listed, each with its own line, in line order
	text, l1 := mutate(t, src, `id = "closure_a"`, `unit = "workdays"`, `unit = "weeks"`)
	text, l2 := mutate(t, text, `action = "investigate"`, `to = "investigating"`, `to = "nowhere"`)
	_, err := Parse("two.toml", []byte(text))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], fmt.Sprintf("two.toml:%d: ", l2)) ||
		!strings.HasPrefix(lines[1], fmt.Sprintf("two.toml:%d: ", l1)) {
		t.Errorf("problems out of order or without lines:\n%v", err)
	}

	// an inline-table entry is still located by its id
	inline := "profile = \"default\"\n" +
		"role = [{id = \"agent\", zh = \"坐席\"}]\n" +
		"channel = [{id = \"phone\", zh = \"电话\"}]\n" +
		"nature = [{id = \"complaint\", zh = \"投诉\"}]\n" +
		"grade = [{id = \"A\", zh = \"重大\"}, {id = \"B\", zh = \"重要\"}, {id = \"C\", zh = \"一般\"}, {id = \"D\", zh = \"咨询\"}]\n" +
		"category = [{id = \"other\", zh = \"其他\"}]\n" +
		"status = [{id = \"registered\", zh = \"已登记\", open = true}]\n" +
		"transition = [{action = \"register\", to = \"registered\"}]\n" +
		"clock = [{id = \"first\", zh = \"首次\", amount = 1, unit = \"weeks\", start = \"received\", stop = [\"register\"]}]\n" +
		"[grading]\nd_natures = []\n"
	if _, err := Parse("inline.toml", []byte(inline)); err == nil || !strings.Contains(err.Error(), "inline.toml:9: clock \"first\": unit \"weeks\"") {
		t.Errorf("inline clock: %v", err)
	}
}

func TestSyntaxErrorLine(t *testing.T) {
	text := "name = \"x\"\nprofile = \"default\"\n\n[[role]\nid = \"agent\"\n"
	_, err := Parse("bad.toml", []byte(text))
	if err == nil || !strings.HasPrefix(err.Error(), "bad.toml:4: ") {
		t.Errorf("syntax error: %v", err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.toml")
	text, line := mutate(t, Lab().Text(), `id = "appeal_window"`, `unit = "days"`, `unit = "weeks"`)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%s:%d: ", path, line)) {
		t.Errorf("LoadFile: %v", err)
	}
	if err := os.WriteFile(path, []byte(Lab().Text()), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadFile(path)
	if err != nil || p.Profile != "lab" {
		t.Fatalf("LoadFile lab: %v", err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.toml")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestDefaults(t *testing.T) {
	// a minimal file: everything left out takes the documented default
	text := `
[[role]]
id = "agent"
en = "Agent"
[[channel]]
id = "phone"
en = "Phone"
[[nature]]
id = "complaint"
en = "Complaint"
[[nature]]
id = "inquiry"
en = "Inquiry"
[[nature]]
id = "suggestion"
en = "Suggestion"
[[grade]]
id = "A"
en = "Major"
[[grade]]
id = "B"
en = "Important"
[[grade]]
id = "C"
en = "General"
[[grade]]
id = "D"
en = "Opinion"
[[category]]
id = "other"
en = "Other"
[[status]]
id = "registered"
en = "Registered"
open = true
[[transition]]
action = "register"
to = "registered"
`
	p, err := Parse("min.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if p.TimeZone != "Asia/Shanghai" || p.Location == nil || !p.HolidayShift || p.WarnAt != 0.75 ||
		p.DefaultChannel != "phone" || p.Profile != "default" {
		t.Errorf("defaults: %+v", p)
	}
	want := Grading{CollectiveA: 10, CollectiveB: 3, RepeatB: 3, RepeatWindowDays: 30,
		DNatures: []string{"inquiry", "suggestion"}, DefaultGrade: "C", UnresolvedDays: 30}
	if !reflect.DeepEqual(p.Grading, want) {
		t.Errorf("grading defaults %+v", p.Grading)
	}
	// holiday_shift = false is honoured, not defaulted back to true
	p, err = Parse("min.toml", []byte("holiday_shift = false\n"+text))
	if err != nil || p.HolidayShift {
		t.Errorf("holiday_shift false: %v %v", err, p)
	}
}

func TestSuggestGrade(t *testing.T) {
	p := Default()
	cases := []struct {
		name  string
		in    GradeInput
		grade string
		rules []string
	}{
		{"default C", GradeInput{Nature: "complaint"}, "C", []string{"default"}},
		{"inquiry D", GradeInput{Nature: "inquiry"}, "D", []string{"D-nature"}},
		{"suggestion D", GradeInput{Nature: "suggestion"}, "D", []string{"D-nature"}},
		{"repair C", GradeInput{Nature: "repair"}, "C", []string{"default"}},
		{"collective 10 A", GradeInput{Nature: "complaint", CollectiveSize: 10}, "A", []string{"A5-collective"}},
		{"collective 25 A", GradeInput{Nature: "complaint", CollectiveSize: 25}, "A", []string{"A5-collective"}},
		{"collective 9 B", GradeInput{Nature: "complaint", CollectiveSize: 9}, "B", []string{"B1-collective"}},
		{"collective 3 B", GradeInput{Nature: "complaint", CollectiveSize: 3}, "B", []string{"B1-collective"}},
		{"collective 2 C", GradeInput{Nature: "complaint", CollectiveSize: 2}, "C", []string{"default"}},
		{"3 similar B", GradeInput{Nature: "complaint", SimilarComplainants: 3}, "B", []string{"B2-repeat"}},
		{"2 others + this one B", GradeInput{Nature: "complaint", SimilarComplainants: 2}, "B", []string{"B2-repeat"}},
		{"1 other C", GradeInput{Nature: "complaint", SimilarComplainants: 1}, "C", []string{"default"}},
		{"lawsuit A", GradeInput{Nature: "complaint", Lawsuit: true}, "A", []string{"A4-lawsuit"}},
		{"media A", GradeInput{Nature: "complaint", Media: true}, "A", []string{"A4-media"}},
		{"media possible B", GradeInput{Nature: "complaint", MediaPossible: true}, "B", []string{"B4-media-possible"}},
		{"injury A", GradeInput{Nature: "complaint", Injury: true}, "A", []string{"A2-injury"}},
		{"serious loss A", GradeInput{Nature: "claim", SeriousLoss: true}, "A", []string{"A2-loss"}},
		{"contract A", GradeInput{Nature: "complaint", ContractUnmetAskedTwice: true}, "A", []string{"A1-contract"}},
		{"unresolved month A", GradeInput{Nature: "complaint", UnresolvedMonth: true}, "A", []string{"A3-unresolved-month"}},
		{"inquiry with media A", GradeInput{Nature: "inquiry", Media: true}, "A", []string{"A4-media"}},
		{"most severe wins, all reasons kept", GradeInput{Nature: "complaint", CollectiveSize: 5, Injury: true},
			"A", []string{"A2-injury", "B1-collective"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, rs := p.SuggestGrade(c.in)
			if g != c.grade {
				t.Errorf("grade %q, want %q (%+v)", g, c.grade, rs)
			}
			var rules []string
			for _, r := range rs {
				rules = append(rules, r.Rule)
				if r.ZH == "" || r.EN == "" || r.Grade == "" {
					t.Errorf("reason without text: %+v", r)
				}
			}
			if !reflect.DeepEqual(rules, c.rules) {
				t.Errorf("rules %v, want %v", rules, c.rules)
			}
			if rs[0].Grade != g {
				t.Errorf("first reason is for grade %q, suggested %q", rs[0].Grade, g)
			}
		})
	}
	_, rs := p.SuggestGrade(GradeInput{CollectiveSize: 12})
	if !strings.Contains(rs[0].ZH, "12人") || !strings.Contains(rs[0].EN, "12 people") {
		t.Errorf("collective reason: %+v", rs[0])
	}
	_, rs = p.SuggestGrade(GradeInput{Nature: "inquiry"})
	if !strings.Contains(rs[0].ZH, "咨询") || rs[0].In("zh") != rs[0].ZH || rs[0].In("en") != rs[0].EN {
		t.Errorf("inquiry reason: %+v", rs[0])
	}
}

func TestClocksFor(t *testing.T) {
	p := Default()
	ids := func(cs []Clock) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if got := ids(p.ClocksFor("A", "web", "complaint")); !reflect.DeepEqual(got, []string{"first_response", "online_accept", "closure_a", "revisit"}) {
		t.Errorf("A/web: %v", got)
	}
	if got := ids(p.ClocksFor("C", "phone", "complaint")); !reflect.DeepEqual(got, []string{"first_response", "closure", "revisit"}) {
		t.Errorf("C/phone: %v", got)
	}
	// ungraded counts as the default grade, so it still has a closure clock
	if got := ids(p.ClocksFor("", "", "complaint")); !reflect.DeepEqual(got, []string{"first_response", "closure", "revisit"}) {
		t.Errorf("ungraded: %v", got)
	}
	c := p.Clock("closure_a")
	if c.Amount != 20 || c.Unit != "workdays" || !reflect.DeepEqual(c.RestartOn, []string{"reopen"}) {
		t.Errorf("closure_a %+v", c)
	}

	l := Lab()
	if got := ids(l.ClocksFor("A", "walk-in", "appeal")); !reflect.DeepEqual(got, []string{"appeal_window", "first_response", "urgent_reply", "closure", "revisit"}) {
		t.Errorf("lab urgent appeal: %v", got)
	}
	if got := ids(l.ClocksFor("C", "walk-in", "complaint")); !reflect.DeepEqual(got, []string{"first_response", "reply", "closure", "revisit"}) {
		t.Errorf("lab complaint: %v", got)
	}
}

func TestValidateInCode(t *testing.T) {
	p := Default()
	p.Clocks = append(p.Clocks, Clock{ID: "weekly", Label: Label{EN: "Weekly"}, Amount: 1, Unit: "weeks", Start: "received", Stop: []string{"close"}})
	p.Transitions[1].Roles = []string{"nobody"}
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), `unit "weeks"`) || !strings.Contains(err.Error(), `role "nobody"`) {
		t.Errorf("Validate: %v", err)
	}
	if err := Lab().Validate(); err != nil {
		t.Errorf("lab: %v", err)
	}
}
