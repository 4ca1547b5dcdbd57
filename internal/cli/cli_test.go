package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"complaintdesk/internal/cli"
	"complaintdesk/internal/complaint"
)

// cliDesk is one database the commands of a test share.
type cliDesk struct {
	t   *testing.T
	env map[string]string
}

func newCLIDesk(t *testing.T) *cliDesk {
	dir := t.TempDir()
	return &cliDesk{t: t, env: map[string]string{
		"DESK_DB": filepath.Join(dir, "desk.db"),
		"LANG":    "en_US.UTF-8",
		"HOME":    dir,
	}}
}

// run runs the desk with args and returns what it printed and its exit code.
func (c *cliDesk) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(context.Background(), args, cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return c.env[k] },
		Open:   testOpen,
	})
	return out.String(), errb.String(), code
}

// ok runs a command that must succeed and returns its output.
func (c *cliDesk) ok(args ...string) string {
	c.t.Helper()
	out, errs, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("desk %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

type listedCase struct {
	Number  string `json:"number"`
	Version int64  `json:"version"`
	Status  string `json:"status"`
	Grade   string `json:"grade"`
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Masked  bool   `json:"masked"`
	Content string `json:"content"`
	Clocks  []struct {
		ID            string `json:"id"`
		State         string `json:"state"`
		DueText       string `json:"due_text"`
		MarginMinutes int64  `json:"margin_minutes"`
	} `json:"clocks"`
	History []struct {
		Actor  string            `json:"actor"`
		Action string            `json:"action"`
		Note   string            `json:"note"`
		Before map[string]string `json:"before"`
		After  map[string]string `json:"after"`
	} `json:"history"`
}

func (c *cliDesk) list(args ...string) []listedCase {
	c.t.Helper()
	out := c.ok(append([]string{"cases", "list", "--format", "json"}, args...)...)
	var cases []listedCase
	if err := json.Unmarshal([]byte(out), &cases); err != nil {
		c.t.Fatalf("cases list --format json is not JSON: %v\n%s", err, out)
	}
	return cases
}

func (c *cliDesk) show(number string) listedCase {
	c.t.Helper()
	out := c.ok("cases", "show", number, "--format", "json")
	var v listedCase
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		c.t.Fatalf("cases show --format json is not JSON: %v\n%s", err, out)
	}
	return v
}

func (c *cliDesk) newCase(args ...string) string {
	c.t.Helper()
	out := c.ok(append([]string{"cases", "new"}, args...)...)
	n := strings.TrimSpace(out)
	if !complaint.ValidNumber(n) {
		c.t.Fatalf("cases new printed %q, not a case number", out)
	}
	return n
}

func TestCalendarCommands(t *testing.T) {
	d := newCLIDesk(t)
	for date, want := range map[string]string{
		"2026-10-10": "makeup-workday National Day",
		"2026-10-01": "holiday National Day",
		"2026-02-14": "makeup-workday Spring Festival",
		"2026-10-11": "weekend",
		"2026-10-12": "workday",
	} {
		if got := strings.TrimSpace(d.ok("calendar", "check", date)); got != want {
			t.Errorf("calendar check %s = %q; want %q", date, got, want)
		}
	}
	// in Chinese the kind of day and the holiday are said in Chinese, after
	// the kind's id that scripts read
	if got := strings.TrimSpace(d.ok("--lang", "zh", "calendar", "check", "2026-10-10")); got != "makeup-workday 调休上班日 国庆节" {
		t.Errorf("calendar check in zh = %q", got)
	}
	if got := strings.TrimSpace(d.ok("calendar", "add-workdays", "2026-09-25", "20")); got != "2026-10-29" {
		t.Errorf("add-workdays 2026-09-25 20 = %q; want 2026-10-29", got)
	}
	if got := strings.TrimSpace(d.ok("calendar", "add-workdays", "2026-02-13", "1")); got != "2026-02-14" {
		t.Errorf("add-workdays 2026-02-13 1 = %q; want the make-up Saturday 2026-02-14", got)
	}
	// a year without data is an error, not a guess
	out, errs, code := d.run("calendar", "check", "2031-05-01")
	if code != 1 || out != "" || !strings.Contains(errs, "2031") {
		t.Errorf("calendar check 2031: exit %d out %q err %q", code, out, errs)
	}
	for _, args := range [][]string{
		{"calendar", "check", "10/10/2026"},
		{"calendar", "add-workdays", "2026-09-25", "zero"},
		{"calendar", "add-workdays", "2026-09-25", "0"},
	} {
		if out, errs, code := d.run(args...); code != 1 || out != "" || !strings.HasPrefix(errs, "desk: error: ") {
			t.Errorf("desk %v: exit %d out %q err %q; want exit 1 with a message", args, code, out, errs)
		}
	}
}

func TestDeadlineCommand(t *testing.T) {
	d := newCLIDesk(t)
	out := d.ok("deadline", "--received", "2026-09-25 10:00", "--grade", "A")
	for _, want := range []string{"2026-10-29 24:00", "2026-09-26 10:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("deadline grade A: no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "online_accept") || strings.Contains(out, "WARNING") {
		t.Errorf("deadline grade A by phone:\n%s", out)
	}
	lineOf := func(out, id string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, id+" ") {
				return l
			}
		}
		return ""
	}
	if l := lineOf(out, "closure_a"); !strings.Contains(l, "2026-10-29 24:00") {
		t.Errorf("closure_a line %q", l)
	}
	if l := lineOf(out, "first_response"); !strings.Contains(l, "2026-09-26 10:00") {
		t.Errorf("first_response line %q", l)
	}
	web := d.ok("deadline", "--received", "2026-09-25 10:00", "--grade", "B", "--channel", "web")
	if l := lineOf(web, "online_accept"); !strings.Contains(l, "2026-09-28 24:00") {
		t.Errorf("online_accept line %q in\n%s", l, web)
	}
	if l := lineOf(web, "closure"); !strings.Contains(l, "2026-09-28 24:00") {
		t.Errorf("grade B closure line %q in\n%s", l, web)
	}
	// a year without calendar data: a due time and a warning
	late := d.ok("deadline", "--received", "2031-12-20 10:00", "--grade", "A")
	if l := lineOf(late, "closure_a"); !strings.Contains(l, "WARNING") || !strings.Contains(l, "2031") || !strings.Contains(l, "24:00") {
		t.Errorf("closure_a in 2031: %q", l)
	}
	for _, args := range [][]string{
		{"deadline", "--grade", "A"},
		{"deadline", "--received", "yesterday", "--grade", "A"},
		{"deadline", "--received", "2026-09-25 10:00", "--grade", "Z"},
		{"deadline", "--received", "2026-09-25 10:00", "--channel", "fax-machine"},
	} {
		if out, _, code := d.run(args...); code != 1 || out != "" {
			t.Errorf("desk %v: exit %d out %q; want exit 1", args, code, out)
		}
	}
}

func TestCasesNewListShowAndAct(t *testing.T) {
	d := newCLIDesk(t)
	n1 := d.newCase("--phone", "+86 138-1234-5678", "--name", "张三", "--content", "快递延误，要求退款", "--grade", "C")
	n2 := d.newCase("--phone", "010-87654321", "--name", "李四", "--content", "客服态度差")
	if n1[:len(n1)-4] != n2[:len(n2)-4] || !strings.HasSuffix(n1, "-0001") || !strings.HasSuffix(n2, "-0002") {
		t.Errorf("numbers %s, %s; want -0001 and -0002 of the same day", n1, n2)
	}

	// refused input: exit 1, a message naming the field, nothing written
	before := len(d.list())
	out, errs, code := d.run("cases", "new", "--phone", "12345", "--content", "x")
	if code != 1 || out != "" || !strings.Contains(errs, "phone") {
		t.Errorf("bad phone: exit %d out %q err %q", code, out, errs)
	}
	if _, errs, code := d.run("cases", "new", "--phone", "13812345678", "--content", "x", "--received", "not a time"); code != 1 || !strings.Contains(errs, "received") {
		t.Errorf("bad received: exit %d err %q", code, errs)
	}
	if after := len(d.list()); after != before {
		t.Errorf("%d cases before the refused registrations, %d after", before, after)
	}

	// the same key twice: one case, its number printed both times
	k1 := d.newCase("--phone", "13900001111", "--content", "重复提交", "--key", "form-42")
	out, errs, code = d.run("cases", "new", "--phone", "13900001111", "--content", "重复提交", "--key", "form-42")
	if code != 0 || strings.TrimSpace(out) != k1 || !strings.Contains(errs, "form-42") {
		t.Errorf("second --key form-42: exit %d out %q err %q; want %s again", code, out, errs, k1)
	}
	cases := d.list()
	if len(cases) != before+1 {
		t.Errorf("%d cases after a keyed registration and its retry; want %d", len(cases), before+1)
	}

	// the first user of a new desk is its administrator, who sees masked data
	var c1 *listedCase
	for i := range cases {
		if cases[i].Number == n1 {
			c1 = &cases[i]
		}
	}
	if c1 == nil {
		t.Fatalf("%s not in the list %+v", n1, cases)
	}
	if !c1.Masked || c1.Phone != "138****5678" || c1.Name != "张*" || c1.Status != "registered" || c1.Grade != "C" {
		t.Errorf("listed %+v", *c1)
	}
	if got := d.list("--search", "延误"); len(got) != 1 || got[0].Number != n1 {
		t.Errorf("search 延误: %+v", got)
	}
	// The administrator sees phones masked: a fragment of one finds nothing
	// (issue 13); an agent, who sees them, finds it.
	if got := d.list("--search", "4321"); len(got) != 0 {
		t.Errorf("search 4321 by a masked role: %+v", got)
	}
	d.ok("users", "add", "李娜", "--role", "agent")
	if got := d.list("--search", "4321", "--as", "李娜"); len(got) != 1 || got[0].Number != n2 {
		t.Errorf("search 4321 by an agent: %+v", got)
	}
	if got := d.list("--tab", "unassigned"); len(got) != 3 {
		t.Errorf("unassigned: %d cases", len(got))
	}

	// acknowledge, then the history has it and the first response is met
	expected := time.Now().Add(48 * time.Hour).In(mustShanghai(t)).Format("2006-01-02 15:04")
	out = d.ok("cases", "acknowledge", n1, "--as", "李娜", "--expected", expected, "--note", "已回电客户", "--version", "1")
	// the next due is the closure clock, a day-based one: it ends at 24:00
	if !regexp.MustCompile(`^` + n1 + `\tacknowledged\tclosure \d{4}-\d\d-\d\d 24:00\n$`).MatchString(out) {
		t.Errorf("acknowledge printed %q; want the number, the status and the closure due at 24:00", out)
	}
	if table := d.ok("cases", "list"); !strings.Contains(table, "closure ") || !strings.Contains(table, " 24:00") {
		t.Errorf("the queue table shows the closure due otherwise than at 24:00:\n%s", table)
	}
	// the history shows the changed fields in a stable order
	text := d.ok("cases", "show", n1)
	if i, j := strings.Index(text, "expected_by:"), strings.Index(text, "status: \"registered\""); i < 0 || j < 0 || i > j {
		t.Errorf("history fields not in order:\n%s", text)
	}
	v := d.show(n1)
	if v.Status != "acknowledged" || v.Version != 2 {
		t.Errorf("after acknowledge: status %q version %d", v.Status, v.Version)
	}
	if len(v.History) != 2 || v.History[1].Action != "acknowledge" || v.History[1].Note != "已回电客户" ||
		v.History[1].Before["status"] != "registered" || v.History[1].After["status"] != "acknowledged" || v.History[1].Actor != "李娜" {
		t.Errorf("history %+v", v.History)
	}
	clocks := map[string]string{}
	for _, c := range v.Clocks {
		clocks[c.ID] = c.State
		if c.ID == "first_response" && (c.MarginMinutes < 23*60 || c.DueText == "") {
			t.Errorf("first_response margin %d min, due %q; want met with almost 24h left", c.MarginMinutes, c.DueText)
		}
	}
	if clocks["first_response"] != "met" || clocks["closure"] != "running" || clocks["revisit"] != "not-started" {
		t.Errorf("clocks after acknowledge: %v", clocks)
	}

	// a stale --version is refused with who changed the case
	out, errs, code = d.run("cases", "assign", n1, "--handler", "王强", "--version", "1")
	if code != 1 || out != "" || !strings.Contains(errs, "acknowledge") || !strings.Contains(errs, v.History[1].Actor) {
		t.Errorf("stale version: exit %d out %q err %q", code, out, errs)
	}
	// a forbidden step is refused and changes nothing
	out, errs, code = d.run("cases", "close", n2, "--reply", "已处理")
	if code != 1 || out != "" || !strings.Contains(errs, "registered") {
		t.Errorf("close a registered case: exit %d out %q err %q", code, out, errs)
	}
	if v := d.show(n2); v.Status != "registered" || len(v.History) != 1 {
		t.Errorf("after the refused close: %s, %d events", v.Status, len(v.History))
	}
	if _, errs, code := d.run("cases", "show", "TS20990101-0001"); code != 1 || !strings.Contains(errs, "TS20990101-0001") {
		t.Errorf("show an unknown case: exit %d err %q", code, errs)
	}
}

func TestCustomerTextCannotControlTheTerminal(t *testing.T) {
	d := newCLIDesk(t)
	// Control characters are refused when typed (the input rules)...
	_, errs, code := d.run("cases", "new", "--phone", "13812345678", "--name", "张\x1b[2J三", "--content", "退款")
	if code != 1 || !strings.Contains(errs, "U+001B") {
		t.Errorf("a name with ESC: exit %d err %q", code, errs)
	}
	if got := d.list(); len(got) != 0 {
		t.Fatalf("the refused case was stored: %+v", got)
	}
	// ...and text that came in before the rules (or round them) is shown,
	// never obeyed.
	n := d.newCase("--phone", "13812345678", "--name", "张三", "--content", "退款")
	raw := "退款\x1b]0;pwned\x07\n第二行\u009b2J\u202e"
	db, err := sql.Open("sqlite", d.env["DESK_DB"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE cases SET content = $1, demand = $2 WHERE number = $3`, raw, "\x07\x07", n); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE complainants SET name = $1`, "张\x1b[2J三"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, args := range [][]string{
		{"cases", "show", n},
		{"cases", "list"},
		{"cases", "list", "--format", "json"},
	} {
		out := d.ok(args...)
		if strings.ContainsAny(out, "\x1b\x07\u009b\u202e") {
			t.Errorf("desk %v printed a control sequence: %q", args, out)
		}
	}
	show := d.ok("cases", "show", n)
	if !strings.Contains(show, "退款") || !strings.Contains(show, "第二行") {
		t.Errorf("the text itself is lost: %q", show)
	}
	// JSON keeps the exact text, escaped
	if v := d.show(n); v.Content != raw {
		t.Errorf("JSON content %q", v.Content)
	}
}

func TestPolicyCheck(t *testing.T) {
	d := newCLIDesk(t)
	dir := t.TempDir()
	text := d.ok("policy", "show", "--preset", "default")
	good := filepath.Join(dir, "good.toml")
	if err := os.WriteFile(good, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := d.ok("policy", "check", good); !strings.Contains(out, "ok") {
		t.Errorf("policy check of the preset: %q", out)
	}

	// break one clock: the message points at its line
	lines := strings.Split(text, "\n")
	broken := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "amount = 24" {
			lines[i], broken = "amount = -24", i+1
			break
		}
	}
	if broken < 0 {
		t.Fatal("the preset has no `amount = 24` line to break")
	}
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := d.run("policy", "check", bad)
	if code != 1 || out != "" {
		t.Errorf("policy check of a broken file: exit %d out %q", code, out)
	}
	m := regexp.MustCompile(regexp.QuoteMeta(bad) + `:(\d+): `).FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("no FILE:LINE in %q", errs)
	}
	if m[1] != strconv.Itoa(broken) {
		t.Errorf("error at line %s; the broken line is %d: %q", m[1], broken, errs)
	}

	// a TOML syntax error also names the file and line
	syntax := filepath.Join(dir, "syntax.toml")
	if err := os.WriteFile(syntax, []byte("name = \"x\"\n[[clock]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := d.run("policy", "check", syntax); code != 1 || !strings.Contains(errs, syntax+":2") {
		t.Errorf("syntax error: exit %d err %q", code, errs)
	}
}

func TestBackupCommand(t *testing.T) {
	d := newCLIDesk(t)
	n := d.newCase("--phone", "13812345678", "--content", "备份测试")
	out := filepath.Join(t.TempDir(), "copy.db")
	if got := d.ok("backup", "--out", out); !strings.Contains(got, "ok") {
		t.Errorf("backup printed %q", got)
	}
	if _, errs, code := d.run("backup", "--out", out); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("backup onto an existing file: exit %d err %q", code, errs)
	}
	// the copy opens as a desk with the case
	restored := &cliDesk{t: t, env: map[string]string{"DESK_DB": out, "LANG": "en_US.UTF-8", "HOME": t.TempDir()}}
	if cases := restored.list(); len(cases) != 1 || cases[0].Number != n {
		t.Errorf("restored desk lists %+v", cases)
	}
	if got := strings.TrimSpace(restored.ok("check")); got != "ok" {
		t.Errorf("check of the copy: %q", got)
	}
}

func mustShanghai(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The step commands are made only for `desk cases` (they come from the
// policy, whose parsing was most of every command's start-up): desk help
// cases and desk cases --help still list them.
func TestCasesHelpListsSteps(t *testing.T) {
	d := newCLIDesk(t)
	for _, args := range [][]string{{"help", "cases"}, {"cases", "--help"}} {
		out := d.ok(args...)
		for _, want := range []string{"assign", "resolve", "list"} {
			if !strings.Contains(out, want) {
				t.Errorf("desk %s lacks %q:\n%s", strings.Join(args, " "), want, out)
			}
		}
	}
}
