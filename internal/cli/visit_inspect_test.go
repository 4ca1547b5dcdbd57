package cli_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// propertyCase registers a property complaint of grade g received at
// received, acknowledged, verified and assigned to 李娜: ready to resolve.
func (c *cliDesk) propertyCase(g string, received time.Time) string {
	c.t.Helper()
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--name", "张三", "--content", "电梯困人两小时",
		"--category", "property.equipment", "--grade", g, "--grade-reason", "物业设备故障", "--received", stamp(c.t, received), "--field", "late_reason=按现场记录补录")
	c.ok("cases", "acknowledge", n, "--as", "李娜", "--expected", stamp(c.t, time.Now().Add(24*time.Hour)))
	c.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "3 号楼 2 号电梯")
	c.ok("cases", "assign", n, "--as", "陈主管", "--handler", "李娜")
	return n
}

// 001 处理权限: who must attend on site before a property complaint is
// resolved — A the project manager, B the service supervisor, C the area
// manager (or someone above) — and the grade A form shows who went, when.
func TestOnSiteVisitsByGrade(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	d.users("李娜:agent", "陈主管:supervisor", "王经理:project_manager", "赵片区:area_manager", "孙片区:area_manager")
	d.ok("users", "disable", "孙片区")
	now := time.Now()
	resolve := func(n string) []string {
		return []string{"cases", "resolve", n, "--as", "李娜", "--resolution", "电梯已修复", "--reply", "您好，电梯已修复。", "--type", "repair"}
	}

	// ---- Grade A: the project manager ----
	a := d.propertyCase("A", now.Add(-3*time.Hour))
	needPM := []string{"物业 A 级投诉须由项目经理到场处理后才能解决", "登记到场处理", "001 处理权限"}
	d.refuses(a, needPM, resolve(a)...)
	// who went must be an active desk user; when, between receipt and now
	d.refuses(a, []string{"没有名为「钱某」的在岗用户"}, "cases", "visit", a, "--as", "李娜", "--by", "钱某", "--note", "到场")
	d.refuses(a, []string{"没有名为「孙片区」的在岗用户"}, "cases", "visit", a, "--as", "李娜", "--by", "孙片区", "--note", "到场")
	d.refuses(a, []string{"时间不能早于受理时间"}, "cases", "visit", a, "--as", "李娜", "--by", "王经理", "--note", "到场",
		"--at", stamp(t, now.Add(-4*time.Hour)), "--late", "补录")
	d.refuses(a, []string{"时间不能晚于现在"}, "cases", "visit", a, "--as", "李娜", "--by", "王经理", "--note", "到场",
		"--at", stamp(t, now.Add(time.Hour)))
	d.refuses(a, []string{"请写明到场的情况"}, "cases", "visit", a, "--as", "李娜", "--by", "王经理")
	// the area manager and the supervisor went: not enough for grade A
	d.ok("cases", "visit", a, "--as", "李娜", "--by", "赵片区", "--at", stamp(t, now.Add(-50*time.Minute)), "--note", "片区经理到场安抚")
	d.refuses(a, needPM, resolve(a)...)
	d.ok("cases", "visit", a, "--as", "陈主管", "--at", stamp(t, now.Add(-45*time.Minute)), "--note", "主管到场")
	d.refuses(a, needPM, resolve(a)...)
	went := now.Add(-30 * time.Minute)
	d.ok("cases", "visit", a, "--as", "李娜", "--by", "王经理", "--at", stamp(t, went), "--note", "项目经理到场，电梯已恢复运行")
	d.ok(resolve(a)...)
	if v := d.show(a); v.Status != "resolved" {
		t.Errorf("grade A after the project manager's visit: %s", v.Status)
	}
	form := d.ok("cases", "print", a, "--form", "grade-a", "--as", "李娜")
	for _, want := range []string{
		"项目经理：王经理（" + stamp(t, went) + " 到场）",
		stamp(t, went) + "  王经理（项目经理）：项目经理到场，电梯已恢复运行",
		"赵片区（片区经理/管家）：片区经理到场安抚",
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the grade A form lacks %q:\n%s", want, form)
		}
	}
	md := d.ok("cases", "print", a, "--form", "grade-a", "--format", "md", "--as", "李娜")
	if !strings.Contains(md, "王经理（项目经理）") {
		t.Errorf("the Markdown grade A form does not say who went:\n%s", md)
	}
	// without a project manager's visit the line stays blank to sign
	b := d.propertyCase("B", now.Add(-2*time.Hour))
	if form := d.ok("cases", "print", b, "--form", "grade-a", "--as", "李娜"); !strings.Contains(form, "项目经理：____________") {
		t.Errorf("a case no project manager attended shows one:\n%s", form)
	}

	// ---- Grades B and C: who went that does not count, then who does ----
	for _, g := range []struct {
		number, refusal, wrong, right string
	}{
		{b, "物业 B 级投诉须由客服主管到场处理后才能解决", "赵片区", "陈主管"},
		{d.propertyCase("C", now.Add(-time.Hour)), "物业 C 级投诉须由片区经理或管家到场处理后才能解决", "李娜", "赵片区"},
	} {
		d.refuses(g.number, []string{g.refusal}, resolve(g.number)...)
		d.ok("cases", "visit", g.number, "--as", "李娜", "--by", g.wrong, "--note", g.wrong+"到场")
		d.refuses(g.number, []string{g.refusal}, resolve(g.number)...)
		d.ok("cases", "visit", g.number, "--as", "李娜", "--by", g.right, "--note", g.right+"到场")
		d.ok(resolve(g.number)...)
	}

	// ---- Not a property complaint: no visit needed ----
	o := d.acknowledged()
	d.ok("cases", "verify", o, "--as", "李娜", "--complainant", "--item", "--product", "运单 SF1")
	d.ok("cases", "assign", o, "--as", "陈主管", "--handler", "李娜")
	d.ok("cases", "resolve", o, "--as", "李娜", "--resolution", "退运费", "--reply", "您好，已退运费。")
}

// closedC is a grade C delivery complaint handled by handler and closed.
func (c *cliDesk) closedC(handler string) string {
	c.t.Helper()
	n := c.acknowledged()
	c.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "运单 SF1")
	c.ok("cases", "assign", n, "--as", "陈主管", "--handler", handler)
	c.ok("cases", "resolve", n, "--as", handler, "--resolution", "退运费", "--reply", "您好，已退运费。")
	c.ok("cases", "implement", n, "--as", handler, "--implementation", "已退运费 12 元")
	c.ok("cases", "close", n, "--as", handler)
	return n
}

// 004 第十一条 the quality inspection (qa only, against the policy's
// checklist), 第十二条 the staff assessment it feeds, and the month's
// inspection sample, drawn once and kept.
func TestQAInspection(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	d.users("李娜:agent", "王强:agent", "陈主管:supervisor", "质检王:qa")
	var lina, wang []string
	for i := 0; i < 12; i++ {
		if i%3 == 2 {
			wang = append(wang, d.closedC("王强"))
		} else {
			lina = append(lina, d.closedC("李娜"))
		}
	}
	n := lina[0]
	d.refuses(n, []string{"您的角色（主管）不能质检（允许：质检员）"}, "cases", "inspect", n, "--as", "陈主管", "--score", "90", "--findings", "好")
	d.refuses(n, []string{"您的角色（坐席/客服代表）不能质检"}, "cases", "inspect", n, "--as", "李娜", "--score", "90", "--findings", "好")
	for _, s := range []string{"101", "-1", "九十", "85.5"} {
		d.refuses(n, []string{"评分应为 0 到 100 的整数"}, "cases", "inspect", n, "--as", "质检王", "--score", s, "--findings", "好")
	}
	d.refuses(n, []string{"检查项 courtesy 不在政策的质检清单中"}, "cases", "inspect", n, "--as", "质检王", "--score", "90", "--findings", "好", "--item", "courtesy=pass")
	d.refuses(n, []string{"检查项 reply 应为 pass 或 fail"}, "cases", "inspect", n, "--as", "质检王", "--score", "90", "--findings", "好", "--item", "reply=ok")
	d.refuses(n, []string{"请写明质检发现"}, "cases", "inspect", n, "--as", "质检王", "--score", "90")

	d.ok("cases", "inspect", lina[0], "--as", "质检王", "--score", "80", "--findings", "答复完整，未回访",
		"--item", "reply=pass", "--item", "revisit=fail", "--check-registration", "pass")
	d.ok("cases", "inspect", lina[1], "--as", "质检王", "--score", "90", "--findings", "处理及时")
	d.ok("cases", "inspect", wang[0], "--as", "质检王", "--score", "60", "--findings", "未三核实", "--item", "verification=fail")
	v := d.caseAs(lina[0], "陈主管")
	if v.Status != "closed" || v.Fields["inspection_score"] != "80" || v.Fields["inspected_by"] != "质检王" ||
		v.Fields["inspection_items"] != "registration=pass;reply=pass;revisit=fail" {
		t.Errorf("inspected: status %s, fields %v", v.Status, v.Fields)
	}

	// 第十二条: the staff assessment
	month := time.Now().In(mustShanghai(t)).Format("2006-01")
	var rep struct {
		Current struct {
			ByHandler []struct {
				Key       string   `json:"key"`
				Closed    int      `json:"closed"`
				Inspected int      `json:"inspected"`
				QAScore   *float64 `json:"qa_score"`
			} `json:"by_handler"`
		} `json:"current"`
	}
	if err := json.Unmarshal([]byte(d.ok("report", "monthly", "--month", month, "--format", "json", "--as", "陈主管")), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range rep.Current.ByHandler {
		score := "none"
		if h.QAScore != nil {
			score = fmt.Sprintf("%g", *h.QAScore)
		}
		got[h.Key] = fmt.Sprintf("%s/%d/%d", score, h.Inspected, h.Closed)
	}
	if got["李娜"] != "85/2/8" || got["王强"] != "60/1/4" {
		t.Errorf("the staff assessment (QA score/inspected/closed): %v", got)
	}

	// the month's inspection sample: 10 % of 12 closed, rounded up, kept
	d.refuses(n, []string{"只有主管、质检员和管理员可以查看统计、抽样和导出"}, "report", "inspection-sample", "--month", month, "--as", "李娜")
	first := d.ok("report", "inspection-sample", "--month", month, "--seed", "42", "--as", "质检王")
	if !strings.Contains(first, "种子 42") || !strings.Contains(first, "2/12 件已结案投诉") || !strings.Contains(first, "新抽样") {
		t.Errorf("the first inspection sample:\n%s", first)
	}
	again := d.ok("report", "inspection-sample", "--month", month, "--as", "陈主管")
	if !strings.Contains(again, "种子 42") || !strings.Contains(again, "已有抽样，质检王") {
		t.Errorf("the second run does not show the stored sample:\n%s", again)
	}
	numbers := regexp.MustCompile(`TS\d{8}-\d{4}`)
	if a, b := numbers.FindAllString(first, -1), numbers.FindAllString(again, -1); len(a) != 2 || strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("the sample changed between runs: %v then %v", a, b)
	}
	// the sample lists each drawn case's QA score once it is inspected
	drawn := numbers.FindAllString(first, -1)
	d.ok("cases", "inspect", drawn[0], "--as", "质检王", "--score", "75", "--findings", "抽检：答复偏简单")
	if out := d.ok("report", "inspection-sample", "--month", month, "--as", "质检王"); !regexp.MustCompile(drawn[0] + `.*\s75\s*\n`).MatchString(out) {
		t.Errorf("the sample does not show the inspected case's score:\n%s", out)
	}
}
