package main

import (
	"os/exec"
	"strings"
	"testing"
)

// A note half typed on a case survives the desk being killed: opening the
// case again offers it back (有未保存的草稿… 恢复/丢弃), restoring puts
// the text into the form, and saving it records the note and deletes the
// draft.
func TestCaseFormDraftSurvivesKill(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	out := runCLI(t, bin, env, "cases", "new", "--channel", "phone", "--name", "赵六", "--phone", "13600001111",
		"--content", "热水器安装后漏水", "--grade", "C")
	num := numberRE.FindString(out)
	if num == "" {
		t.Fatalf("no case number: %s", out)
	}

	tm := startTerm(t, bin, env, "e2e-casedraft")
	tm.waitFor(num)
	tm.search(num)
	tm.keys("Enter")
	tm.waitFor("热水器安装后漏水")
	tm.keys("n")
	tm.waitFor("添加备注")
	tm.text("客户下午三点再来电，要求上门时间")
	waitDraft(t, env, "要求上门时间")
	tm.waitFor("草稿已保存")
	pid := tm.pid()
	if out, err := exec.Command("kill", "-9", pid).CombinedOutput(); err != nil {
		t.Fatalf("kill: %v %s", err, out)
	}
	tm.until("the killed desk to be gone", func() bool { return dead(pid) })
	exec.Command("tmux", "kill-session", "-t", "="+tm.name).Run()

	tm2 := startTerm(t, bin, env, "e2e-casedraft-2")
	tm2.waitFor(num)
	tm2.search(num)
	tm2.keys("Enter")
	s := tm2.waitFor("有未保存的草稿")
	for _, want := range []string{"要求上门时间", "恢复", "丢弃"} {
		if !strings.Contains(s, want) {
			t.Errorf("the offer lacks %q:\n%s", want, s)
		}
	}
	tm2.keys("Enter")
	s = tm2.waitFor("已恢复草稿")
	if !strings.Contains(s, "客户下午三点再来电，要求上门时间") {
		t.Fatalf("the restored form lacks the text:\n%s", s)
	}
	tm2.keys("C-s")
	tm2.waitGone("已恢复草稿")
	if show := runCLI(t, bin, env, "cases", "show", num); !strings.Contains(show, "要求上门时间") {
		t.Errorf("the note is not on the case:\n%s", show)
	}
	waitNoDraft(t, env)
}

// waitNoDraft polls the database until it keeps no draft.
func waitNoDraft(t *testing.T, env []string) {
	t.Helper()
	waitDrafts(t, env, "empty drafts table", `SELECT count(*) = 0 FROM drafts`)
}
