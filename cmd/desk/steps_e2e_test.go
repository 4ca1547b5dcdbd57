package main

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The on-site visit (h) and the quality inspection (Q) by keys, as the
// people whose steps they are: a grade A property complaint cannot be
// resolved before the project manager went (001 处理权限); he records his
// visit on the case page, the grade-A form shows who went and when, and
// the quality inspector scores the handling against the checklist (004
// 第十一条), which the history shows in words.
func TestVisitAndInspectionByKeys(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	shanghai, err := time.LoadLocation("Asia/Shanghai") // the desk's default time zone
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range [][2]string{{"李娜", "agent"}, {"陈主管", "supervisor"}, {"张经理", "project_manager"}, {"周质检", "qa"}} {
		runCLI(t, bin, env, "users", "add", u[0], "--role", u[1])
	}
	num := numberRE.FindString(runCLI(t, bin, env, "cases", "new", "--as", "李娜", "--phone", "13912345678", "--name", "王小明",
		"--content", "3号楼电梯困人四十分钟，老人受伤", "--category", "property.equipment", "--injury"))
	if num == "" {
		t.Fatal("cases new printed no case number")
	}
	if out := runCLI(t, bin, env, "cases", "show", num, "--format", "json"); !strings.Contains(out, `"grade": "A"`) {
		t.Fatalf("an injury is not grade A:\n%s", out)
	}
	runCLI(t, bin, env, "cases", "acknowledge", num, "--as", "李娜", "--expected", time.Now().In(shanghai).AddDate(0, 0, 2).Format("2006-01-02")+" 18:00")
	runCLI(t, bin, env, "cases", "verify", num, "--as", "陈主管", "--complainant", "--item", "--product", "3号楼电梯")
	runCLI(t, bin, env, "cases", "assign", num, "--as", "陈主管", "--handler", "李娜")
	runCLI(t, bin, env, "cases", "findings", num, "--as", "李娜", "--facts", "电梯控制板故障", "--cause", "维保不到位",
		"--responsible", "维保公司", "--conclusion", "justified")

	// Not resolved before the project manager went, in the rule's words.
	cmd := deskCmd(bin, env, "cases", "resolve", num, "--as", "李娜", "--resolution", "更换控制板", "--reply", "已更换控制板")
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "须由项目经理到场处理后才能解决") {
		t.Fatalf("resolving before the visit: exit %d\n%s", cmd.ProcessState.ExitCode(), out)
	}

	pm := startTerm(t, bin, env, "visit-pm", "--as", "张经理")
	pm.waitFor(num)
	pm.search(num)
	pm.keys("Enter")
	pm.waitFor("电梯困人")
	pm.keys("h")
	pm.waitFor("登记到场处理")
	pm.keys("Tab") // who went: left empty, himself
	pm.text("到场查看，已安排维保公司更换控制板，向老人致歉")
	pm.keys("Enter")
	s := pm.waitFor("到场人 张经理")
	if !strings.Contains(s, "到场人角色 项目经理") || !strings.Contains(s, "已到场角色 - -> 项目经理") {
		t.Errorf("the history does not say who went in words:\n%s", s)
	}
	form := runCLI(t, bin, env, "cases", "print", num, "--form", "grade-a")
	if !regexp.MustCompile(`张经理.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}`).MatchString(form) {
		t.Errorf("the grade-A form does not show who went and when:\n%s", form)
	}
	runCLI(t, bin, env, "cases", "resolve", num, "--as", "李娜", "--resolution", "更换控制板", "--reply", "已更换控制板，向您致歉")

	qa := startTerm(t, bin, env, "inspect-qa", "--as", "周质检")
	qa.waitFor(num)
	qa.search(num)
	qa.keys("Enter")
	qa.waitFor("电梯困人")
	qa.keys("Q")
	qa.waitFor("质检（评分、发现、检查项）")
	qa.text("85")
	qa.keys("Tab")
	qa.text("响应及时，三核实记录不全")
	// registration passed, first response passed, verification failed
	qa.keys("Tab", "Right", "Tab", "Right", "Tab", "Left")
	qa.waitFor("< 不合格 >")
	qa.keys("C-s")
	s = qa.waitFor("质检评分 - -> 85")
	for _, want := range []string{"首次响应及时 合格", "三核实到位 不合格", "质检员 - -> 周质检"} {
		if !strings.Contains(squeeze(s), squeeze(want)) { // a long line wraps where it likes
			t.Errorf("the inspection's history lacks %q:\n%s", want, s)
		}
	}
	// Nobody else inspects: the agent's case page has no such step.
	cmd = deskCmd(bin, env, "cases", "inspect", num, "--as", "李娜", "--score", "100", "--findings", "自评")
	if out, _ := cmd.CombinedOutput(); cmd.ProcessState.ExitCode() != 1 {
		t.Errorf("the agent inspected her own case: exit %d\n%s", cmd.ProcessState.ExitCode(), out)
	}
}

// deskCmd is a desk sub-command with the environment, for a test that
// expects it to fail and reads its exit status.
func deskCmd(bin string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	return cmd
}

// squeeze drops every space and line break: what wraps where on a screen
// does not matter to what it says.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}
