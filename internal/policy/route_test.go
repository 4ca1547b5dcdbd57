package policy

import (
	"fmt"
	"strings"
	"testing"
)

func TestAfterSalesRoutesAndGrades(t *testing.T) {
	p, err := Preset("aftersales")
	if err != nil {
		t.Fatal(err)
	}
	for cat, want := range map[string]string{
		"product": "quality", "product.defect": "quality", "service.attitude": "service",
		"other.price": "general", "other": "general", "": "",
	} {
		if got := p.RouteFor(cat); got != want {
			t.Errorf("RouteFor(%q) = %q; want %q", cat, got, want)
		}
	}
	if !p.RoutesOn("register") || !p.RoutesOn("reclassify") || p.RoutesOn("transfer") {
		t.Error("register and reclassify route, transfer does not")
	}
	if got := p.RouteClasses("zh"); got != "产品问题 → 产品质量部、服务问题 → 售后服务部、其他 → 综合管理部" {
		t.Errorf("RouteClasses = %q", got)
	}

	// The rules' A and B are 重大, the rest 一般, with the reason.
	g, rs := p.SuggestGrade(GradeInput{Nature: "complaint", Injury: true, MediaPossible: true})
	if g != "A" || len(rs) != 2 || rs[0].Grade != "A" || rs[1].Grade != "A" || !strings.HasSuffix(rs[1].ZH, "→ 重大") ||
		strings.Contains(rs[0].ZH, "→") {
		t.Errorf("injury and media possible: %s %+v", g, rs)
	}
	g, rs = p.SuggestGrade(GradeInput{Nature: "complaint", CollectiveSize: 4})
	if g != "A" || !strings.Contains(rs[0].ZH, "4人的集体投诉") || !strings.HasSuffix(rs[0].ZH, "→ 重大") {
		t.Errorf("4 together (001 grade B): %s %+v", g, rs)
	}
	g, rs = p.SuggestGrade(GradeInput{Nature: "complaint"})
	if g != "C" || len(rs) != 1 || rs[0].ZH != "未触发定为「重大」的情形，按「一般」处理" {
		t.Errorf("nothing: %s %+v", g, rs)
	}
	if g, rs = p.SuggestGrade(GradeInput{Nature: "suggestion"}); g != "C" || !strings.HasSuffix(rs[0].ZH, "→ 一般") {
		t.Errorf("a suggestion: %s %+v", g, rs)
	}
	// Without levels nothing changes.
	if g, _ := Default().SuggestGrade(GradeInput{Nature: "complaint", Injury: true}); g != "A" {
		t.Errorf("default preset: %s", g)
	}
}

func TestAfterSalesBrokenFiles(t *testing.T) {
	p, err := Preset("aftersales")
	if err != nil {
		t.Fatal(err)
	}
	src := p.Text()
	for _, c := range []struct {
		name, anchor, old, repl, want string
	}{
		{"route category", `[[route]]`, `category = "product"`, `category = "products"`, `route #1: category "products" is not a category`},
		{"route department", `[[route]]`, `department = "quality"`, `department = "qa"`, `route #1: department "qa" is not a [[department]]`},
		{"route twice", `category = "service"`, `category = "service"`, `category = "product"`, `route #2: category "product" is routed twice`},
		{"reset_on", `id = "verification"`, `reset_on = ["reclassify"]`, `reset_on = ["reroute"]`, `reset_on action "reroute" is not an action`},
		{"level", `[grading]`, `D = "C"`, `E = "C"`, `grading.levels: "E" is not a level`},
		{"level grade", `[grading]`, `B = "A"`, `B = "urgent"`, `grading.levels: B = "urgent" is not a grade`},
		{"level missing", `[grading]`, `B = "A", `, ``, `grading.levels: give the grade of level B`},
		{"choice set", `action = "resolve"`, `set = { informed_via = "" }`, `set = { informed_via = "fax" }`, `set informed_via = "fax" is not an option`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, line := mutate(t, src, c.anchor, c.old, c.repl)
			_, err := Parse("site.toml", []byte(text))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("site.toml:%d: ", line)) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("want line %d and %q in\n%v", line, c.want, err)
			}
		})
	}
	// Routes and no step that routes.
	text := strings.ReplaceAll(src, "route = true", "route = false")
	if _, err := Parse("x.toml", []byte(text)); err == nil || !strings.Contains(err.Error(), "[[route]] entries but no transition routes") {
		t.Errorf("routes without route = true: %v", err)
	}
	// A route = true with no routes at all.
	text = strings.ReplaceAll(src, "[[route]]", "[[unused_route]]")
	if _, err := Parse("x.toml", []byte(text)); err == nil || !strings.Contains(err.Error(), `transition "register": route = true needs [[route]] entries`) {
		t.Errorf("route = true without routes: %v", err)
	}
}
