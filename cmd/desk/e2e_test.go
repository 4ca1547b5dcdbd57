package main

// End-to-end tests: the real binary in tmux, driven by keystrokes and read
// back from the captured screen, as a person at a terminal would use it.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // reads the drafts table
)

// patience bounds every wait of these tests: a guard against a hang, far
// above what the awaited screen takes even on a busy CI machine. The tests
// wait for what they need to see, never for a fixed time.
const patience = 30 * time.Second

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// deskBinary builds the desk once per test run (with the race detector
// when the tests run with it: see race_test.go).
func deskBinary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is needed for the end-to-end tests (apt-get install tmux)")
	}
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "desk-e2e-"); buildErr != nil {
			return
		}
		builtBin = filepath.Join(binDir, "desk")
		args := []string{"build", "-o", builtBin}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// term is one tmux session running the desk.
type term struct {
	t    *testing.T
	name string
	env  []string
	bin  string
}

// newEnv is the environment of a desk on a new database. A desk built with
// the race detector writes its reports into the test's directory; the test
// fails if there are any.
func newEnv(t *testing.T) []string {
	dir := t.TempDir()
	env := []string{
		"DESK_DB=" + filepath.Join(dir, "desk.db"),
		"HOME=" + dir,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"LANG=zh_CN.UTF-8",
		"TERM=xterm-256color",
		"PATH=" + os.Getenv("PATH"),
	}
	if raceEnabled {
		reports := filepath.Join(dir, "race")
		env = append(env, "GORACE=log_path="+reports+" halt_on_error=0")
		t.Cleanup(func() { failOnRaceReports(t, reports) })
	}
	return env
}

// failOnRaceReports fails the test with what the race detector found in the
// desk processes it ran (files log_path.PID).
func failOnRaceReports(t *testing.T, prefix string) {
	files, _ := filepath.Glob(prefix + ".*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && len(b) > 0 {
			t.Errorf("the desk process had a data race (%s):\n%s", f, b)
		}
	}
}

// runCLI runs a desk sub-command with the environment and returns its stdout.
func runCLI(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("desk %v: %v\n%s%s", args, err, out, stderr)
	}
	return string(out)
}

// startTerm runs the desk in a new tmux session; deskArgs are the desk's
// own arguments (e.g. --as NAME).
func startTerm(t *testing.T, bin string, env []string, name string, deskArgs ...string) *term {
	t.Helper()
	name = sessionName(name)
	tm := &term{t: t, name: name, env: env, bin: bin}
	args := append([]string{"new-session", "-d", "-s", name, "-x", "120", "-y", "40", "env"}, env...)
	args = append(args, bin)
	args = append(args, deskArgs...)
	newSession(t, name, args)
	// A desk that ends (or crashes) leaves its last screen to be read.
	exec.Command("tmux", "set-option", "-t", "="+name+":", "remain-on-exit", "on").Run()
	return tm
}

// newSession runs tmux new-session with args and kills the session when the
// test ends. The tmux server is shared and exits with its last session: a
// new session asked for while it shuts down fails ("server exited
// unexpectedly"), and asking again starts a new server.
func newSession(t *testing.T, name string, args []string) {
	t.Helper()
	for try := 0; ; try++ {
		out, err := exec.Command("tmux", args...).CombinedOutput()
		if err == nil {
			break
		}
		if try == 4 || !strings.Contains(string(out), "server exited unexpectedly") {
			t.Fatalf("tmux: %v %s", err, out)
		}
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", "="+name).Run() })
}

// registerByKeys registers a complaint on the intake form as an agent does
// on a call (n, phone, name, content, ctrl+s) and returns its number.
func registerByKeys(t *testing.T, tm *term, phone, name, content string) string {
	t.Helper()
	tm.keys("n")
	tm.waitFor("登记新投诉")
	tm.keys("Tab", "Tab") // channel → received → phone
	tm.text(phone)
	tm.keys("Tab", "Tab") // → email → name
	tm.text(name)
	tm.keys("Tab")
	tm.text(content)
	tm.keys("C-s")
	s := tm.waitFor("已登记 TS")
	num := numberRE.FindString(s[strings.Index(s, "已登记 TS"):])
	if num == "" {
		t.Fatalf("no case number after saving:\n%s", s)
	}
	return num
}

// sessionName makes a tmux session name unique on the machine: the tmux
// server is shared by every test run, and tmux takes "-t NAME" as a prefix
// when no session is called NAME exactly, so a name must not begin with
// another run's.
func sessionName(name string) string { return fmt.Sprintf("desk%d-%s", os.Getpid(), name) }

// target names the session's pane exactly (=NAME:), never by prefix.
func (tm *term) target() string { return "=" + tm.name + ":" }

func (tm *term) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", tm.target()).Output()
	return string(out)
}

// body is the screen without its first line, whose clock moves every second.
func (tm *term) body() string {
	_, rest, _ := strings.Cut(tm.screen(), "\n")
	return rest
}

// keys sends tmux key names (e.g. "Tab", "C-s", "Enter") at once: the desk
// reads them in order. Escape is the exception: a key read together with
// it would be alt+key, so it goes alone and the next key waits until the
// screen shows that the desk took it.
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	for len(keys) > 0 {
		i := slices.Index(keys, "Escape")
		switch {
		case i < 0:
			tm.send(keys...)
			return
		case i > 0:
			tm.send(keys[:i]...)
		}
		before := tm.body()
		tm.send("Escape")
		tm.until("the screen to change after Escape", func() bool { return tm.body() != before })
		keys = keys[i+1:]
	}
}

func (tm *term) send(keys ...string) {
	tm.t.Helper()
	args := append([]string{"send-keys", "-t", tm.target()}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

// text types s literally.
func (tm *term) text(s string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", "send-keys", "-t", tm.target(), "-l", s).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys -l: %v %s", err, out)
	}
}

// until polls cond until it holds; after patience the test fails.
func (tm *term) until(what string, cond func() bool) {
	tm.t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s; the screen:\n%s", patience, what, tm.screen())
		}
		time.Sleep(50 * time.Millisecond) // between polls of the screen
	}
}

// waitFor polls the screen until it contains want and returns it.
func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	var s string
	tm.until(fmt.Sprintf("%q on the screen", want), func() bool {
		s = tm.screen()
		return strings.Contains(s, want)
	})
	return s
}

// waitGone polls the screen until it no longer contains text.
func (tm *term) waitGone(text string) {
	tm.t.Helper()
	tm.until(fmt.Sprintf("%q to leave the screen", text), func() bool { return !strings.Contains(tm.screen(), text) })
}

// waitEnded polls until the program in the session has ended.
func (tm *term) waitEnded() {
	tm.t.Helper()
	tm.until("the desk to end", func() bool {
		out, err := exec.Command("tmux", "display-message", "-p", "-t", tm.target(), "#{pane_dead}").Output()
		return err != nil || strings.TrimSpace(string(out)) == "1"
	})
}

// search filters the queue by what is typed and waits until it shows that
// one case alone, selected, so that enter opens it.
func (tm *term) search(number string) {
	tm.t.Helper()
	tm.keys("/")
	tm.text(number)
	tm.keys("Enter")
	tm.until(number+" found alone", func() bool {
		s := tm.screen()
		return strings.Contains(s, " 1 件") && strings.Contains(s, ">"+number)
	})
}

func (tm *term) pid() string {
	out, err := exec.Command("tmux", "list-panes", "-t", tm.target(), "-F", "#{pane_pid}").Output()
	if err != nil {
		tm.t.Fatalf("pane pid: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// dead says whether process pid has ended: gone, or a zombie its parent (the
// tmux server) has not reaped yet, whose files and locks are released.
func dead(pid string) bool {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return true
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return strings.HasPrefix(after, "Z") || strings.HasPrefix(after, "X")
}

// waitDraft polls the database until a draft holds want: the intake form
// saves one shortly after the last key.
func waitDraft(t *testing.T, env []string, want string) {
	t.Helper()
	waitDrafts(t, env, fmt.Sprintf("a draft with %q", want), `SELECT count(*) > 0 FROM drafts WHERE instr(data, $1) > 0`, want)
}

// waitDrafts polls the desk's database until query (a count of drafts,
// true or false) holds.
func waitDrafts(t *testing.T, env []string, what, query string, args ...any) {
	t.Helper()
	path := strings.TrimPrefix(env[0], "DESK_DB=")
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(patience)
	for {
		var ok bool
		err := db.QueryRow(query, args...).Scan(&ok)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s (%v)", what, patience, err)
		}
		time.Sleep(50 * time.Millisecond) // between polls of the database
	}
}

var numberRE = regexp.MustCompile(`TS\d{8}-\d{4}`)

func TestQueueShowsCLICaseAndHelp(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	num := strings.TrimSpace(runCLI(t, bin, env, "cases", "new", "--channel", "phone", "--name", "张三", "--phone", "13800138000", "--content", "楼道灯坏了三天无人维修", "--grade", "B"))
	tm := startTerm(t, bin, env, "e2e-queue")
	s := tm.waitFor(num)
	if !strings.Contains(s, "已登记") || !strings.Contains(s, "23h") {
		t.Errorf("the queue row lacks the status or the countdown:\n%s", s)
	}
	tm.keys("?")
	s = tm.waitFor("帮助（按 ?、esc 或 q 关闭）")
	if !strings.Contains(s, "搜索") {
		t.Errorf("the help does not list the search key:\n%s", s)
	}
	tm.keys("Escape")
	tm.waitGone("帮助（按 ?、esc 或 q 关闭）")
	tm.keys("q")
	tm.waitEnded() // the session ends with the program
}

func TestEscapeSequencesInContentStayText(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	evil := "坏人\x1b[2J\x1b[H\x1b]0;pwned\x07\x07\u009b31m 内容"
	// Typed, control characters are refused and nothing is stored...
	cmd := exec.Command(bin, "cases", "new", "--name", "黑客\x1b[31m", "--phone", "13800138000", "--content", evil, "--grade", "C")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "U+001B") {
		t.Fatalf("a name and content with escapes: %v\n%s", err, out)
	}
	if out := runCLI(t, bin, env, "cases", "list", "--format", "json"); strings.Contains(out, "13800138000") {
		t.Fatalf("the refused case was stored:\n%s", out)
	}
	// ...and text that came in before the input rules (or round them, into
	// the file) is shown as text, never obeyed.
	num := strings.TrimSpace(runCLI(t, bin, env, "cases", "new", "--name", "黑客", "--phone", "13800138000", "--content", "坏人内容", "--grade", "C"))
	db, err := sql.Open("sqlite", strings.TrimPrefix(env[0], "DESK_DB="))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE cases SET content = $1 WHERE number = $2`, evil, num); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE complainants SET name = $1`, "黑客\x1b[31m"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tm := startTerm(t, bin, env, "e2e-escape")
	s := tm.waitFor(num)
	if !strings.Contains(s, "投诉受理台") {
		t.Fatalf("the title line is gone: the screen was cleared or moved:\n%s", s)
	}
	tm.keys("Enter")
	s = tm.waitFor("坏人")
	if !strings.Contains(s, "投诉受理台") || !strings.Contains(s, num) {
		t.Fatalf("the detail page was disturbed by the content:\n%s", s)
	}
	title, _ := exec.Command("tmux", "display-message", "-p", "-t", tm.target(), "#{pane_title}").Output()
	if strings.Contains(string(title), "pwned") {
		t.Errorf("the content changed the terminal title to %q", title)
	}
	if !strings.Contains(s, "␛") {
		t.Errorf("the escape character is not shown as a visible symbol:\n%s", s)
	}
}

func TestRegisterByKeysAcknowledgeAndDraftSurvivesKill(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent") // the administrator takes no step of the handling
	tm := startTerm(t, bin, env, "e2e-intake", "--as", "李娜")
	tm.waitFor("没有投诉单")

	// Register a complaint as an agent does on a call: n, phone, name, content, ctrl+s.
	num := registerByKeys(t, tm, "13912345678", "王小明", "冰箱买回来三天就不制冷了")
	// The queue shows it, selected, with a running first-response countdown.
	tm.waitFor(">" + num)
	tm.waitFor("23h 5")

	// Open it and acknowledge (first response).
	tm.keys("Enter")
	tm.waitFor("冰箱买回来三天就不制冷了")
	tm.keys("a")
	tm.waitFor("预计解决时间")
	tm.keys("Enter")
	s := tm.waitFor("已响应")
	if !strings.Contains(s, "已达成") {
		t.Errorf("the first-response clock does not show as met:\n%s", s)
	}
	out := runCLI(t, bin, env, "cases", "show", num, "--format", "json")
	if !strings.Contains(out, `"status": "acknowledged"`) {
		t.Fatalf("the database does not have the acknowledgement:\n%s", out)
	}

	// Start a second form and kill the desk in the middle of it.
	tm.keys("Escape")
	tm.waitFor(num)
	tm.keys("n")
	tm.waitFor("登记新投诉")
	tm.keys("Tab", "Tab")
	tm.text("13700001111")
	tm.keys("Tab", "Tab")
	tm.text("李雷")
	tm.keys("Tab")
	tm.text("快递丢件")
	waitDraft(t, env, "快递丢件")
	pid := tm.pid()
	if out, err := exec.Command("kill", "-9", pid).CombinedOutput(); err != nil {
		t.Fatalf("kill: %v %s", err, out)
	}
	tm.until("the killed desk to be gone", func() bool { return dead(pid) })
	exec.Command("tmux", "kill-session", "-t", "="+tm.name).Run()

	// On restart the desk offers the draft, with what was typed.
	tm2 := startTerm(t, bin, env, "e2e-intake-2", "--as", "李娜")
	tm2.waitFor("未完成的投诉登记草稿")
	tm2.keys("y")
	s = tm2.waitFor("登记新投诉")
	for _, want := range []string{"13700001111", "李雷", "快递丢件"} {
		if !strings.Contains(s, want) {
			t.Errorf("the resumed draft lacks %q:\n%s", want, s)
		}
	}
}

// One complaint from intake to revisit, by keystrokes, as an agent does it
// (001 五, 004 第九条; docs/regulations.md): registered on the call, the
// customer called back (first response met), acknowledged, verified
// (三核实, 002 GSP 5.3) and then assigned, the investigation report (003
// 第十七条), resolved with a written reply, the solution carried out
// (004 第九条), closed and revisited by the supervisor (001 五.5.A).
func TestFullCaseByKeysFromIntakeToRevisit(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	runCLI(t, bin, env, "users", "add", "李娜", "--role", "agent")
	runCLI(t, bin, env, "users", "add", "陈主管", "--role", "supervisor")
	tm := startTerm(t, bin, env, "e2e-full", "--as", "李娜")
	tm.waitFor("没有投诉单")

	tm.keys("n")
	tm.waitFor("登记新投诉")
	tm.keys("Tab", "Tab") // channel → received → phone
	tm.text("13912345678")
	tm.keys("Tab", "Tab") // → email → name
	tm.text("王小明")
	tm.keys("Tab")
	tm.text("冰箱买回来三天就不制冷了，要求换货")
	tm.keys("Tab", "Tab", "Tab") // → demand → nature → category
	tm.keys("Right", "Right")    // 产品质量 / 质量缺陷/故障
	tm.waitFor("质量缺陷/故障")
	tm.keys("C-s")
	s := tm.waitFor("已登记 TS")
	num := numberRE.FindString(s[strings.Index(s, "已登记 TS"):])
	if num == "" {
		t.Fatalf("no case number after saving:\n%s", s)
	}
	tm.waitFor(">" + num) // the queue has reloaded: enter opens the new case
	tm.keys("Enter")
	tm.waitFor("冰箱买回来三天就不制冷了")

	step := func(want string, keys ...string) string {
		t.Helper()
		for _, k := range keys {
			if strings.HasPrefix(k, "=") {
				tm.text(k[1:])
			} else {
				tm.keys(k)
			}
		}
		return tm.waitFor(want)
	}
	// a call that reaches the customer stops the first-response clock
	step("联系客户（去电、信函、上门）", "t")
	step("已达成", "Tab", "Right", "Tab", "Tab", "=已致歉，明天上门检查", "Enter")
	step("预计解决时间", "a")
	step("[已响应]", "Enter")
	// 三核实 before the case is assigned
	step("三核实（投诉人、投诉事项）", "y")
	step("投诉人已核实；事项已核实", "Right", "Tab", "Right", "Tab", "=11月20日", "Enter")
	step("分派处理人", "s")
	step("[处理中]", "=李娜", "Enter", "Enter") // typing narrows the handlers: enter keeps 李娜, enter again submits
	step("查明的事实", "d")
	step("调查结论       投诉成立", "=压缩机继电器故障", "Tab", "=出厂批次质量问题", "Tab", "=供应商", "Tab", "Right", "C-s")
	step("处理结果 *", "r") // category, result, resolution types (none), reply template (none), written reply
	step("[已解决]", "Tab", "=上门更换新冰箱", "Tab", "Tab", "Tab", "=王先生您好：已为您更换新冰箱，给您带来不便深表歉意。", "C-s")
	// the solution carried out, a step of its own before closing
	step("落实处理方案", "z")
	step("已落实处理方案", "=已上门更换新冰箱，客户签收", "C-s")
	step("结案  "+num, "c")
	s = step("[已结案]", "C-s")
	if !strings.Contains(s, "回访时限") || !strings.Contains(s, "剩余") {
		t.Errorf("the revisit clock does not run after closure:\n%s", s)
	}
	// the revisit is the supervisor's (001 五.5), in a session of their own
	tm = startTerm(t, bin, env, "e2e-full-sup", "--as", "陈主管")
	tm.waitFor(num)
	tm.keys("Enter")
	tm.waitFor("冰箱买回来三天就不制冷了")
	step("（请选择）", "v") // the revisit form's satisfaction, not chosen yet
	s = step("[已回访]", "Right", "Right", "Right", "Right", "Right", "Tab", "=很满意", "Enter")
	if !regexp.MustCompile(`回访满意度\s+5/5`).MatchString(s) {
		t.Errorf("the satisfaction is not shown:\n%s", s)
	}

	out := runCLI(t, bin, env, "cases", "show", num, "--format", "json")
	for _, want := range []string{`"status": "revisited"`, `"satisfaction": 5`, `"action": "contact"`, `"action": "verify"`,
		`"action": "findings"`, `"action": "resolve"`, `"action": "implement"`, `"action": "close"`, `"action": "revisit"`, `"conclusion": "justified"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the database lacks %s:\n%s", want, out)
		}
	}
}

// One station at a testing laboratory (000 §1–§2.2.5, the lab preset): the
// receptionist registers an appeal against a test report on the intake
// form, accepts it and submits the preliminary opinion; the station is
// handed to the quality manager with a PIN, who approves and arranges the
// blind re-test; the testers record that the original result was wrong;
// the authorised signatory takes the station with a PIN and approves
// revoking the report. Every event records who acted; no PIN is stored.
func TestLabStationReceptionQualityManagerSignatory(t *testing.T) {
	bin := deskBinary(t)
	env := newEnv(t)
	runCLI(t, bin, env, "init", "--profile", "lab")
	for _, u := range [][2]string{{"王芳", "lab-reception"}, {"张敏", "quality-manager"}, {"刘签", "signatory"}, {"检测甲", "tester"}, {"检测乙", "tester"}} {
		runCLI(t, bin, env, "users", "add", u[0], "--role", u[1])
	}
	pins := map[string]string{"张敏": "73519", "刘签": "86420"}
	for name, pin := range pins {
		cmd := exec.Command(bin, "users", "pin", name)
		cmd.Env, cmd.Stdin = env, strings.NewReader(pin+"\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("users pin %s: %v %s", name, err, out)
		}
	}
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	received := time.Now().In(shanghai).AddDate(0, 0, -3).Format("2006-01-02")

	tm := startTerm(t, bin, env, "e2e-lab", "--as", "王芳")
	tm.waitFor("王芳 (前台接待)")
	tm.keys("n")
	tm.waitFor("检测报告编号*")
	tm.keys("Tab", "Tab")
	tm.text("13912345678")
	tm.keys("Tab", "Tab")
	tm.text("赵六")
	tm.keys("Tab")
	tm.text("对检测报告中铅含量超标的结论有异议")
	tm.keys("Tab", "Tab", "Tab")
	tm.text("R2026-0101")
	tm.keys("Tab")
	tm.text(received)
	tm.keys("Tab", "Tab")
	tm.text("第三方检测合格，附报告两份")
	tm.waitFor("未逾期")
	tm.keys("C-s")
	s := tm.waitFor("已登记 TS")
	num := numberRE.FindString(s[strings.Index(s, "已登记 TS"):])

	tm.waitFor(">" + num) // the queue has reloaded: enter opens the new case
	tm.keys("Enter")
	tm.waitFor("检测报告编号 R2026-0101")
	tm.keys("a")
	tm.waitFor("预计解决时间")
	tm.keys("Enter")
	tm.waitFor("[已受理]")
	tm.keys("i")
	tm.waitFor("开始审查  TS")
	tm.keys("Enter")
	tm.waitFor("[审查中]")
	tm.keys("u")
	tm.waitFor("初步处理意见报批  " + num)
	tm.text("原始记录、仪器校准均正常")
	tm.keys("Tab")
	tm.text("建议用原样复检铅")
	tm.keys("C-s")
	tm.waitFor("[意见待批]")
	// The receptionist may not approve: the page says who may.
	tm.keys("Y")
	tm.waitFor("允许：质量负责人")

	// The quality manager takes the station with a PIN.
	tm.keys("U")
	tm.waitFor("换人操作")
	tm.keys("Down")
	tm.text("00000")
	tm.keys("Enter")
	tm.waitFor("用户名或 PIN 不正确")
	tm.text(pins["张敏"])
	tm.keys("Enter")
	s = tm.waitFor("张敏 (质量负责人)")
	if strings.Contains(s, pins["张敏"]) {
		t.Errorf("the PIN is on the screen:\n%s", s)
	}
	tm.keys("Y")
	tm.waitFor("批准初步处理意见  " + num)
	tm.keys("Enter")
	tm.waitFor("[意见已批]")
	tm.keys("T")
	tm.waitFor("安排复检（原样）  " + num)
	tm.text("MB-2026-001")
	tm.keys("Tab", "Tab")
	tm.text("检测甲,检测乙")
	tm.keys("Enter")
	tm.waitFor("[复检中]")

	// The testers record the result (elsewhere), both of them: the station sees it.
	runCLI(t, bin, env, "--as", "检测甲", "cases", "record-retest", num, "--result", "铅 0.08 mg/kg，原报告计算有误", "--conclusion", "wrong")
	runCLI(t, bin, env, "--as", "检测乙", "cases", "record-retest", num, "--result", "铅 0.08 mg/kg，原报告计算有误", "--conclusion", "wrong")
	tm.waitFor("[已复检]")

	// The authorised signatory takes the station and approves the revocation.
	tm.keys("U")
	tm.waitFor("换人操作")
	tm.text(pins["刘签"])
	tm.keys("Enter")
	tm.waitFor("刘签 (授权签字人)")
	tm.keys("V")
	tm.waitFor("批准作废并更正报告  " + num)
	tm.keys("Tab")
	tm.text("R2026-0101-G1")
	tm.keys("Enter")
	s = tm.waitFor("[报告已更正]")
	if !strings.Contains(s, "原报告作废") || !strings.Contains(s, "更改(g)") {
		t.Errorf("the page does not show the revocation:\n%s", s)
	}

	// Every event records who acted.
	var view struct {
		History []struct{ Actor, Action string }
	}
	if err := json.Unmarshal([]byte(runCLI(t, bin, append(env, "DESK_PIN="+pins["张敏"]), "--as", "张敏", "cases", "show", num, "--format", "json")), &view); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"register": "王芳", "acknowledge": "王芳", "investigate": "王芳", "request_approval": "王芳",
		"approve": "张敏", "retest": "张敏", "record_retest": "检测甲", "revoke": "刘签"}
	for _, h := range view.History {
		if w, ok := want[h.Action]; ok && h.Actor != w {
			t.Errorf("%s recorded as %s, want %s", h.Action, h.Actor, w)
		}
		delete(want, h.Action)
	}
	if len(want) > 0 {
		t.Errorf("missing from the history: %v", want)
	}
	form := runCLI(t, bin, append(env, "DESK_PIN="+pins["张敏"]), "--as", "张敏", "cases", "print", num, "--form", "acceptance")
	for _, w := range []string{"抱怨受理登记表", "R2026-0101-G1", "刘签", "检测甲、检测乙", "原检验结果有误"} {
		if !strings.Contains(form, w) {
			t.Errorf("the acceptance register lacks %q:\n%s", w, form)
		}
	}
	// The PINs are nowhere in the database or its journal.
	dbPath := strings.TrimPrefix(env[0], "DESK_DB=")
	for _, f := range []string{dbPath, dbPath + "-wal"} {
		data, _ := os.ReadFile(f)
		for _, pin := range pins {
			if strings.Contains(string(data), pin) {
				t.Errorf("%s holds a PIN in clear", f)
			}
		}
	}
}
