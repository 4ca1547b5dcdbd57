package main

import (
	"strings"
	"testing"
)

// A notice crosses sessions (issue: a shift at the desk): the supervisor
// assigns a case by keys in one session; the agent, in another session
// already open on the queue, sees "通知 1：NUMBER 陈主管 分派" on the notice
// line without touching a key, and opening the case reads it.
func TestNoticeReachesAnotherSessionAndOpeningReadsIt(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent")
	runCLI(t, bin, env, "users", "add", "陈主管", "--role", "supervisor")
	num := numberRE.FindString(runCLI(t, bin, env, "cases", "new", "--as", "陈主管",
		"--phone", "13912345678", "--name", "王小明", "--content", "电梯故障困人，要求尽快维修"))
	if num == "" {
		t.Fatal("cases new printed no case number")
	}
	// 三核实 before the case is assigned (004 第九条)
	runCLI(t, bin, env, "cases", "verify", num, "--as", "陈主管", "--complainant", "--item", "--product", "3号楼电梯")

	agent := startTerm(t, bin, env, "notice-agent", "--as", "李娜")
	agent.waitFor(num)
	if strings.Contains(agent.screen(), "通知") {
		t.Fatalf("a notice before anything happened:\n%s", agent.screen())
	}

	sup := startTerm(t, bin, env, "notice-sup", "--as", "陈主管")
	sup.waitFor(">" + num)
	sup.keys("Enter")
	sup.waitFor("电梯故障困人")
	sup.keys("s")
	sup.waitFor("分派处理人")
	sup.text("李娜") // the handler picker narrows to her
	sup.waitFor("> 李娜  在办 0")
	sup.keys("Enter", "Enter") // keep the pick, then submit
	sup.waitFor("处理人 李娜")

	// The agent's session learns of it by itself.
	agent.waitFor("通知 1：" + num + " 陈主管 分派")
	if out := runCLI(t, bin, env, "notices", "--as", "李娜"); !strings.Contains(out, num) {
		t.Errorf("desk notices --as 李娜 does not list the assignment:\n%s", out)
	}

	// Opening the case reads its notice: the line clears in the session and
	// the command line has nothing left for her.
	agent.search(num)
	agent.keys("Enter")
	agent.waitFor("电梯故障困人")
	agent.keys("Escape")
	agent.waitGone("通知 1")
	if out := runCLI(t, bin, env, "notices", "--as", "李娜"); strings.Contains(out, num) {
		t.Errorf("the notice is still unread after the case was opened:\n%s", out)
	}
}
