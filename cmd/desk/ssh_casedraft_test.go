package main

import (
	"os/exec"
	"strings"
	"testing"
)

// A note half typed over SSH survives the connection dropping: the next
// session that opens the case is offered it back.
func TestSSHDroppedConnectionKeepsCaseDraft(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Fatal("the OpenSSH client is needed for the SSH end-to-end tests (apt-get install openssh-client)")
	}
	bin := deskBinary(t)
	env := newEnv(t)
	key, _ := sshKey(t, t.TempDir(), "agent")
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent", "--key-file", key+".pub")
	num := numberRE.FindString(runCLI(t, bin, env, "cases", "new", "--channel", "phone", "--name", "孙七", "--phone", "13500002222",
		"--content", "洗衣机脱水时噪音很大", "--grade", "C"))
	srv := startServe(t, bin, env)

	tm := sshTerm(t, env, "e2e-ssh-draft", key, srv.port, 100, 30)
	tm.waitFor(num)
	tm.search(num)
	tm.keys("Enter")
	tm.waitFor("洗衣机脱水时噪音很大")
	tm.keys("n")
	tm.waitFor("添加备注")
	tm.text("客户说明天上午在家")
	tm.waitFor("客户说明天上午在家")
	exec.Command("tmux", "kill-session", "-t", "="+tm.name).Run() // the connection drops
	waitDraft(t, env, "客户说明天上午在家")

	again := sshTerm(t, env, "e2e-ssh-draft-2", key, srv.port, 100, 30)
	again.waitFor(num)
	again.search(num)
	again.keys("Enter")
	s := again.waitFor("有未保存的草稿")
	if !strings.Contains(s, "客户说明天上午在家") {
		t.Errorf("the offer lacks what was typed:\n%s", s)
	}
}
