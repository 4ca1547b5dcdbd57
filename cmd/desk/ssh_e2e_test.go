package main

// End-to-end tests of desk serve with the real OpenSSH client in tmux: a
// supervisor and an agent at once, keys that are refused, a reveal with
// its audit, a conflict between two sessions and a graceful shutdown.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// sshKey makes an ed25519 key pair with ssh-keygen and returns the private
// key's path and the public key's fingerprint.
func sshKey(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	out, err := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", path+".pub").Output()
	if err != nil {
		t.Fatalf("ssh-keygen -l: %v", err)
	}
	return path, strings.Fields(string(out))[1]
}

// deskServer is desk serve running on a free loopback port.
type deskServer struct {
	t    *testing.T
	cmd  *exec.Cmd
	port string
	mu   sync.Mutex
	logs bytes.Buffer
	done chan struct{}
}

func (s *deskServer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.Write(p)
}

func (s *deskServer) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

func startServe(t *testing.T, bin string, env []string, extra ...string) *deskServer {
	t.Helper()
	s := &deskServer{t: t, done: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0"}, extra...)...)
	s.cmd.Env = env
	s.cmd.Stderr = s
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "desk serve: listening on "); ok {
				addr <- strings.Fields(rest)[0]
			}
		}
	}()
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.stop(patience) })
	select {
	case a := <-addr:
		s.port = a[strings.LastIndex(a, ":")+1:]
	case <-s.done:
		t.Fatalf("desk serve ended:\n%s", s.log())
	case <-time.After(patience):
		t.Fatalf("desk serve did not say where it listens:\n%s", s.log())
	}
	return s
}

// stop sends SIGTERM and waits; it reports how long the server took.
func (s *deskServer) stop(limit time.Duration) time.Duration {
	select {
	case <-s.done:
		return 0
	default:
	}
	start := time.Now()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return time.Since(start)
	case <-time.After(limit):
		s.cmd.Process.Kill()
		<-s.done
		s.t.Errorf("desk serve did not stop within %s of SIGTERM:\n%s", limit, s.log())
		return limit
	}
}

// sshTerm runs the OpenSSH client in a tmux window of w×h.
func sshTerm(t *testing.T, env []string, name, key, port string, w, h int) *term {
	t.Helper()
	name = sessionName(name)
	args := []string{"new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env"}
	args = append(args, env...)
	// The pane stays a while after ssh ends, so a refusal can be read.
	args = append(args, "sh", "-c", strings.Join([]string{"ssh", "-tt", "-F", "/dev/null", "-i", key, "-p", port,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
		"-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG",
		"desk@127.0.0.1"}, " ")+"; echo SSH-EXIT=$?; sleep 30")
	newSession(t, name, args)
	return &term{t: t, name: name, env: env}
}

func TestSSHServe(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Fatal("the OpenSSH client is needed for the SSH end-to-end tests (apt-get install openssh-client)")
	}
	bin := deskBinary(t)
	env := newEnv(t)
	keys := t.TempDir()
	supKey, _ := sshKey(t, keys, "sup")
	agentKey, _ := sshKey(t, keys, "agent")
	qaKey, _ := sshKey(t, keys, "qa")
	ghostKey, ghostFP := sshKey(t, keys, "ghost")
	strangerKey, strangerFP := sshKey(t, keys, "stranger")
	runCLI(t, bin, env, "users", "add", "陈主管", "--role", "supervisor", "--key-file", supKey+".pub")
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent", "--key-file", agentKey+".pub")
	runCLI(t, bin, env, "users", "add", "小王", "--role", "qa", "--key-file", qaKey+".pub")
	runCLI(t, bin, env, "users", "add", "离职员工", "--role", "agent", "--key-file", ghostKey+".pub")
	runCLI(t, bin, env, "users", "disable", "离职员工")
	old := strings.TrimSpace(runCLI(t, bin, env, "cases", "new", "--channel", "phone", "--name", "张三", "--phone", "13800138000",
		"--content", "物业维修拖延一周", "--grade", "C", "--received", time.Now().Add(-3*time.Hour).Format("2006-01-02 15:04"), "--late", "按来电记录补录"))

	srv := startServe(t, bin, env)

	t.Run("refused keys", func(t *testing.T) {
		for _, k := range []struct{ name, key, fp, why string }{
			{"stranger", strangerKey, strangerFP, `reason="unknown key"`},
			{"ghost", ghostKey, ghostFP, `reason="user disabled"`},
		} {
			tm := sshTerm(t, env, "e2e-ssh-"+k.name, k.key, srv.port, 100, 10)
			s := tm.waitFor("SSH-EXIT=")
			if !strings.Contains(s, "Permission denied (publickey)") || !strings.Contains(s, "SSH-EXIT=255") {
				t.Errorf("the %s key was not refused at login:\n%s", k.name, s)
			}
			if strings.Contains(s, "投诉受理台") {
				t.Errorf("the %s key saw a screen:\n%s", k.name, s)
			}
			if l := srv.log(); !strings.Contains(l, "fingerprint="+k.fp) || !strings.Contains(l, k.why) {
				t.Errorf("the refusal of %s is not logged with its fingerprint %s:\n%s", k.name, k.fp, l)
			}
		}
	})

	sup := sshTerm(t, env, "e2e-ssh-sup", supKey, srv.port, 120, 40)
	agent := sshTerm(t, env, "e2e-ssh-agent", agentKey, srv.port, 100, 30)
	sup.waitFor(old)
	agent.waitFor(old)

	t.Run("a case the agent registers shows in the supervisor's queue", func(t *testing.T) {
		if s := sup.screen(); !strings.Contains(s, "陈主管 (主管)") || !strings.Contains(s, "13800138000") {
			t.Errorf("the supervisor's session is not the supervisor's:\n%s", s)
		}
		num := registerByKeys(t, agent, "13912345678", "王小明", "冰箱买回来三天就不制冷了")
		// How soon is measured by the load test (docs/benchmarks.md), on a
		// quiet machine; here only that it arrives, unasked.
		start := time.Now()
		sup.waitFor(num)
		t.Logf("the supervisor saw %s %s after the agent did", num, time.Since(start).Round(time.Millisecond))
		// A change by another process (the CLI on the same database) too.
		cli := strings.TrimSpace(runCLI(t, bin, env, "cases", "new", "--name", "赵六", "--phone", "13600136000", "--content", "快递延误", "--grade", "C"))
		start = time.Now()
		agent.waitFor(cli)
		t.Logf("a case registered by the CLI reached the agent after %s", time.Since(start).Round(time.Millisecond))
	})

	t.Run("a masked phone revealed with a reason is in the audit", func(t *testing.T) {
		qa := sshTerm(t, env, "e2e-ssh-qa", qaKey, srv.port, 120, 40)
		qa.waitFor("小王 (质检员)")
		if s := qa.waitFor("138****8000"); strings.Contains(s, "13800138000") {
			t.Fatalf("qa's queue does not mask the phone:\n%s", s)
		}
		qa.search(old)
		qa.keys("Enter")
		qa.waitFor("物业维修拖延一周")
		qa.waitFor("p 查看个人信息")
		qa.keys("p")
		qa.waitFor("请填写原因")
		qa.text("公司级回访需要联系客户")
		qa.keys("Enter")
		qa.waitFor("电话 13800138000")
		s := qa.waitFor("原因：公司级回访需要联系客户") // the history comes with the next reload
		if !strings.Contains(s, "投诉人 张三") || !strings.Contains(s, "查看个人信息") || !strings.Contains(s, "原因：公司级回访需要联系客户") {
			t.Errorf("the reveal is not shown or not in the history:\n%s", s)
		}
		for _, args := range [][]string{{"audit", "--case", old}, {"audit", "--user", "小王"}} {
			out := runCLI(t, bin, env, args...)
			if !strings.Contains(out, "小王") || !strings.Contains(out, "查看个人信息") || !strings.Contains(out, old) || !strings.Contains(out, "公司级回访需要联系客户") {
				t.Errorf("desk %s does not list the reveal:\n%s", strings.Join(args, " "), out)
			}
		}
		// The supervisor's open queue keeps working; the agent's detail of the case shows the reveal live.
		qa.keys("Escape")
	})

	t.Run("the second save of the same case is refused, nothing is lost", func(t *testing.T) {
		for _, tm := range []*term{sup, agent} {
			tm.search(old)
			tm.keys("Enter")
			tm.waitFor("物业维修拖延一周")
			tm.keys("n")
			tm.waitFor("添加备注")
		}
		sup.text("主管已致电客户")
		agent.text("坐席补充：客户要求加急")
		sup.keys("C-s")
		sup.waitFor("已保存：备注")
		agent.waitFor("此投诉单刚被修改") // the open form hears of the change at once
		agent.keys("C-s")
		s := agent.waitFor("已被 陈主管 修改")
		if !strings.Contains(s, "坐席补充：客户要求加急") {
			t.Errorf("the refused form lost what was typed:\n%s", s)
		}
		agent.keys("C-r")
		agent.waitFor("已载入最新版本")
		agent.keys("C-s")
		agent.waitFor("已保存：备注")
		var shown struct {
			History []struct{ Actor, Action, Note string }
		}
		if err := json.Unmarshal([]byte(runCLI(t, bin, env, "cases", "show", old, "--format", "json")), &shown); err != nil {
			t.Fatal(err)
		}
		notes := map[string]string{}
		for _, h := range shown.History {
			if h.Action == "note" {
				notes[h.Actor] = h.Note
			}
		}
		if notes["陈主管"] != "主管已致电客户" || notes["李娜"] != "坐席补充：客户要求加急" {
			t.Errorf("notes in the history: %v; want both", notes)
		}
		sup.keys("Escape")
		agent.keys("Escape")
	})

	t.Run("SIGTERM tells every session and keeps the draft", func(t *testing.T) {
		agent.keys("n")
		agent.waitFor("登记新投诉")
		agent.keys("Tab", "Tab")
		agent.text("13700001111")
		agent.keys("Tab", "Tab")
		agent.text("李雷")
		agent.waitFor("李雷") // the session has every key before the server stops
		took := srv.stop(patience)
		t.Logf("desk serve stopped %s after SIGTERM", took.Round(time.Millisecond))
		for _, tm := range []*term{sup, agent} {
			s := tm.waitFor("SSH-EXIT=")
			if !strings.Contains(s, "服务器正在关闭") {
				t.Errorf("%s was not told that the server is shutting down:\n%s", tm.name, s)
			}
		}
		srv2 := startServe(t, bin, env)
		again := sshTerm(t, env, "e2e-ssh-agent-2", agentKey, srv2.port, 100, 30)
		again.waitFor("未完成的投诉登记草稿")
		again.keys("y")
		s := again.waitFor("登记新投诉")
		if !strings.Contains(s, "13700001111") || !strings.Contains(s, "李雷") {
			t.Errorf("the draft lost what was typed:\n%s", s)
		}
	})
}
