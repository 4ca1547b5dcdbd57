package cli_test

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Red team finding 2: every --out refuses an existing file unless --force,
// and never writes over the database, its -wal/-shm/-journal or the SSH
// host key, whatever --force says.
func TestOutRefusesExistingFilesAndTheDesksOwn(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	db := c.env["DESK_DB"]
	dir := filepath.Dir(db)
	hostKey := filepath.Join(dir, "ssh_host_ed25519_key")
	if err := os.WriteFile(hostKey, []byte("KEY"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "old.txt")
	if err := os.WriteFile(other, []byte("OLD"), 0o600); err != nil {
		t.Fatal(err)
	}
	outs := [][]string{
		{"--as", "李娜", "cases", "print", n, "--form", "opinion", "--out"},
		{"export", "cases", "--format", "csv", "--out"},
		{"report", "monthly", "--format", "csv", "--out"},
	}
	for _, cmd := range outs {
		for _, target := range []string{db, db + "-wal", hostKey} {
			for _, force := range []bool{false, true} {
				args := append(append([]string{}, cmd...), target)
				if force {
					args = append(args, "--force")
				}
				for _, lang := range [][2]string{{"zh", "本投诉台自己的文件"}, {"en", "this desk's own files"}} {
					_, errs, code := c.run(append([]string{"--lang", lang[0]}, args...)...)
					if code != 1 || !strings.Contains(errs, lang[1]) {
						t.Errorf("desk %s (%s): exit %d, %q; want refused saying %q", strings.Join(args, " "), lang[0], code, errs, lang[1])
					}
				}
			}
		}
		// an existing file: refused without --force, kept as it was
		args := append(append([]string{}, cmd...), other)
		for _, lang := range [][2]string{{"zh", "已存在"}, {"en", "already exists"}} {
			if _, errs, code := c.run(append([]string{"--lang", lang[0]}, args...)...); code != 1 || !strings.Contains(errs, lang[1]) || !strings.Contains(errs, "--force") {
				t.Errorf("desk %s (%s): exit %d, %q; want refused naming --force", strings.Join(args, " "), lang[0], code, errs)
			}
		}
		if b, _ := os.ReadFile(other); string(b) != "OLD" {
			t.Fatalf("desk %s changed the existing file without --force", strings.Join(args, " "))
		}
		// done right: a new file, or --force over the old one
		fresh := filepath.Join(t.TempDir(), "new.txt")
		c.ok(append(append([]string{}, cmd...), fresh)...)
		if st, err := os.Stat(fresh); err != nil || st.Size() == 0 {
			t.Errorf("desk %s did not write the new file: %v", strings.Join(cmd, " "), err)
		}
		c.ok(append(args, "--force")...)
		if b, _ := os.ReadFile(other); string(b) == "OLD" {
			t.Errorf("desk %s --force did not write over the file", strings.Join(cmd, " "))
		}
		if err := os.WriteFile(other, []byte("OLD"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// the desk still works and the host key is untouched
	if got := c.show(n); got.Number != n {
		t.Fatalf("the desk no longer shows %s", n)
	}
	if b, _ := os.ReadFile(hostKey); string(b) != "KEY" {
		t.Errorf("the host key was written over")
	}
	// backup: the database itself is refused like any existing file
	if _, errs, code := c.run("--lang", "zh", "backup", "--out", db); code != 1 || !strings.Contains(errs, "本投诉台自己的文件") {
		t.Errorf("backup --out the database: exit %d %q", code, errs)
	}
}

// Red team finding 4: a database in a shared directory (sticky, like
// /tmp) leaves the directory as it is and warns, in the user's language.
func TestADatabaseInASharedDirectoryOnlyWarns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sh")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	c := newCLIDesk(t)
	c.env["DESK_DB"] = filepath.Join(dir, "desk.db")
	c.env["LANG"] = "zh_CN.UTF-8"
	_, errs, code := c.run("init")
	if code != 0 || !strings.Contains(errs, "其他用户可读") || !strings.Contains(errs, "1777") {
		t.Errorf("init in a sticky directory: exit %d, %q; want a warning naming the directory", code, errs)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&os.ModeSticky == 0 || st.Mode().Perm() != 0o777 {
		t.Errorf("the shared directory became %v", st.Mode())
	}
	if st, _ := os.Stat(c.env["DESK_DB"]); st == nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the database is not private: %v", st)
	}
	// the desk's own directory (made by it) gets no warning
	own := newCLIDesk(t)
	own.env["DESK_DB"] = filepath.Join(t.TempDir(), "made", "desk.db")
	if _, errs, code := own.run("init"); code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("init in a directory of its own: exit %d, %q", code, errs)
	}
}

// Red team finding 3: a masked role does not copy the whole database, and
// an agent does not fill a working desk with demo cases.
func TestBackupAndDemoAreTheAdministrators(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	out := filepath.Join(t.TempDir(), "qa.db")
	for _, lang := range [][2]string{{"zh", "只有管理员"}, {"en", "only an administrator"}} {
		if _, errs, code := c.run("--lang", lang[0], "--as", "质检甲", "backup", "--out", out); code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("backup by qa (%s): exit %d %q", lang[0], code, errs)
		}
		if _, errs, code := c.run("--lang", lang[0], "--as", "李娜", "demo", "--count", "3"); code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("demo by an agent (%s): exit %d %q", lang[0], code, errs)
		}
	}
	// the role is named as the policy names it, not by its id
	if _, errs, _ := c.run("--lang", "zh", "--as", "质检甲", "backup", "--out", out); !strings.Contains(errs, "质检") || strings.Contains(errs, "qa)") {
		t.Errorf("the refusal names the role by its id: %q", errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("qa's backup was written")
	}
	if _, errs, code := c.run("demo", "--count", "-5"); code != 1 || !strings.Contains(errs, "-5") {
		t.Errorf("demo --count -5: exit %d %q", code, errs)
	}
	// done right: the administrator's backup; demo on a new desk
	c.ok("backup", "--out", out)
	c.ok("demo", "--count", "3", "--seed", "1")
	// a desk with real cases: demo only with --force
	c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	n := len(c.list())
	for _, lang := range [][2]string{{"zh", "--force"}, {"en", "--force"}} {
		if _, errs, code := c.run("--lang", lang[0], "demo", "--count", "3"); code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("demo on a desk with cases (%s): exit %d %q", lang[0], code, errs)
		}
	}
	if got := len(c.list()); got != n {
		t.Fatalf("a refused demo made cases: %d → %d", n, got)
	}
	c.ok("demo", "--count", "3", "--force")
	if got := len(c.list()); got != n+3 {
		t.Errorf("demo --force made %d cases; want 3", got-n)
	}
}

// Red team finding 3a: --as a user with a station PIN needs the PIN (from
// DESK_PIN here), counts a wrong one toward the station's lock-out and
// logs the hand-over; --as a user without a PIN works as before.
func TestAsAUserWithAStationPINNeedsThePIN(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init", "--profile", "lab")
	c.users("王芳:lab-reception", "张敏:quality-manager")
	if _, errs, code := c.runIn("2580\n", "users", "pin", "张敏"); code != 0 {
		t.Fatalf("users pin: %s", errs)
	}
	// no PIN given (standard input is not a terminal): refused, said why
	for _, lang := range [][2]string{{"zh", "设有工位 PIN"}, {"en", "has a station PIN"}} {
		if _, errs, code := c.run("--lang", lang[0], "--as", "张敏", "notices"); code != 1 || !strings.Contains(errs, lang[1]) || !strings.Contains(errs, "DESK_PIN") {
			t.Errorf("--as 张敏 without the PIN (%s): exit %d %q", lang[0], code, errs)
		}
	}
	// a wrong PIN: refused, logged; for a step command too (opened early)
	c.env["DESK_PIN"] = "0000"
	for _, lang := range [][2]string{{"zh", "PIN 不正确"}, {"en", "wrong user or PIN"}} {
		if _, errs, code := c.run("--lang", lang[0], "--as", "张敏", "cases", "list"); code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("--as 张敏 with a wrong PIN (%s): exit %d %q", lang[0], code, errs)
		}
	}
	// the right PIN: acts as 张敏, and the station log has the hand-over
	c.env["DESK_PIN"] = "2580"
	c.ok("--as", "张敏", "cases", "list")
	delete(c.env, "DESK_PIN")
	log := c.ok("--lang", "zh", "station", "log")
	if strings.Count(log, "张敏") != 3 || !strings.Contains(log, "成功") || strings.Count(log, "PIN 错误") != 2 {
		t.Errorf("the station log after two wrong PINs and a right one:\n%s", log)
	}
	// a user without a PIN: --as as before
	c.ok("--as", "王芳", "cases", "list")
	// five wrong tries in a row lock 张敏 out, also with the right PIN
	c.env["DESK_PIN"] = "1111"
	for range 5 {
		c.run("--as", "张敏", "cases", "list")
	}
	c.env["DESK_PIN"] = "2580"
	if _, errs, code := c.run("--lang", "zh", "--as", "张敏", "cases", "list"); code != 1 || !strings.Contains(errs, "锁定") {
		t.Errorf("after five wrong PINs: exit %d %q; want locked", code, errs)
	}
}

// Red team finding 22: a station PIN is not trivial, and a lock-out says
// until when and ends when an administrator unlocks.
func TestStationPINsAreNotTrivialAndALockOutEnds(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init", "--profile", "lab")
	c.users("王芳:lab-reception", "张敏:quality-manager")
	for pin, why := range map[string][2]string{
		"1234": {"连续", "run of consecutive"}, "4321": {"连续", "run of consecutive"}, "56789": {"连续", "run of consecutive"},
		"1212": {"重复", "repeated"}, "9999": {"同一个字符", "one character repeated"}, "123": {"至少 4 位", "at least 4"},
		"张敏": {"", ""}, // too short, or the name: refused either way
	} {
		for i, lang := range []string{"zh", "en"} {
			_, errs, code := c.runIn(pin+"\n", "--lang", lang, "users", "pin", "张敏")
			if code != 1 || !strings.Contains(errs, why[i]) {
				t.Errorf("users pin %s (%s): exit %d %q; want refused saying %q", pin, lang, code, errs, why[i])
			}
		}
	}
	if _, errs, code := c.runIn("zhangmin\n", "users", "pin", "zhangmin"); code != 1 {
		t.Errorf("a PIN that is the user's name: exit %d %q", code, errs)
	}
	if _, errs, code := c.runIn("2580\n", "users", "pin", "张敏"); code != 0 {
		t.Fatalf("a good PIN refused: %s", errs)
	}
	c.env["DESK_PIN"] = "1111"
	var errs string
	for range 5 {
		_, errs, _ = c.run("--lang", "zh", "--as", "张敏", "notices")
	}
	if !strings.Contains(errs, "已锁定至 ") || !strings.Contains(errs, "desk users unlock 张敏") {
		t.Errorf("the fifth wrong PIN: %q; want locked until a time, and how to unlock", errs)
	}
	c.env["DESK_PIN"] = "2580"
	if _, errs, code := c.run("--as", "张敏", "notices"); code != 1 || !strings.Contains(errs, "locked until") {
		t.Errorf("the right PIN while locked: exit %d %q", code, errs)
	}
	// only an administrator unlocks
	delete(c.env, "DESK_PIN")
	if _, errs, code := c.run("--as", "王芳", "users", "unlock", "张敏"); code != 1 || !strings.Contains(errs, "only an administrator") {
		t.Errorf("unlock by the receptionist: exit %d %q", code, errs)
	}
	if out := c.ok("--lang", "zh", "users", "unlock", "张敏"); !strings.Contains(out, "已解除锁定") {
		t.Errorf("users unlock printed %q", out)
	}
	c.env["DESK_PIN"] = "2580"
	c.ok("--as", "张敏", "notices")
	delete(c.env, "DESK_PIN")
	if log := c.ok("--lang", "zh", "station", "log"); !strings.Contains(log, "已解除锁定") {
		t.Errorf("the station log does not show the unlocking:\n%s", log)
	}
}

// Red team finding 17: what administrators load (SSH key comments, holiday
// names, the policy's labels) never reaches the terminal as control
// sequences; a key comment or a holiday name with one is refused.
func TestAdminInputsCannotControlTheTerminal(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "陈主管:supervisor")
	line, _ := newKeyLine(t, "evil\x1b]0;owned\x07\x1b[2Jcomment")
	for _, lang := range [][2]string{{"zh", "控制字符"}, {"en", "control character"}} {
		if out, errs, code := c.run("--lang", lang[0], "users", "keys", "add", "李娜", "--key", line); code != 1 || !strings.Contains(errs, lang[1]) || strings.Contains(out+errs, "\x1b") {
			t.Errorf("a key comment with ESC (%s): exit %d %q %q", lang[0], code, out, errs)
		}
	}
	if out := c.ok("users", "keys", "list"); strings.Contains(out, "evil") {
		t.Fatalf("the refused key was stored:\n%s", out)
	}
	good, _ := newKeyLine(t, "lina@laptop")
	if out := c.ok("users", "keys", "add", "李娜", "--key", good); !strings.Contains(out, "lina@laptop") {
		t.Errorf("keys add printed %q", out)
	}
	// a comment stored before this rule is shown, not obeyed
	db, err := sql.Open("sqlite", c.env["DESK_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE user_keys SET comment = $1`, "evil\x1b[2J"); err != nil {
		t.Fatal(err)
	}
	if out := c.ok("users", "keys", "list"); strings.Contains(out, "\x1b") || !strings.Contains(out, "evil") {
		t.Errorf("keys list prints the comment raw:\n%q", out)
	}

	// the calendar: a holiday name with ESC is refused at load...
	bad := filepath.Join(t.TempDir(), "2027.toml")
	year := "year = 2027\nsource = \"test\"\n[[holiday]]\nname = \"元旦%s\"\nen = \"New Year\"\nfrom = 2027-01-01\nto = 2027-01-01\n"
	if err := os.WriteFile(bad, []byte(strings.Replace(year, "%s", `\u001b[2J\u001b[31m`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, lang := range [][2]string{{"zh", "控制字符"}, {"en", "control character"}} {
		if out, errs, code := c.run("--lang", lang[0], "calendar", "load", bad); code != 1 || !strings.Contains(errs, lang[1]) || strings.Contains(out+errs, "\x1b") {
			t.Errorf("calendar load of a name with ESC (%s): exit %d %q %q", lang[0], code, out, errs)
		}
	}
	// ...and shown, not obeyed, when it is in the database already
	if err := os.WriteFile(bad, []byte(strings.Replace(year, "%s", "", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("calendar", "load", bad)
	if _, err := db.Exec(`UPDATE calendar_years SET text = replace(text, '元旦', $1) WHERE year = 2027`, `元旦\u001b[2J`); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"calendar", "check", "2027-01-01"}, {"calendar", "show", "2027-01"}} {
		if out := c.ok(append([]string{"--lang", "zh"}, args...)...); strings.Contains(out, "\x1b") || !strings.Contains(out, "元旦") {
			t.Errorf("desk %s prints the holiday raw:\n%q", strings.Join(args, " "), out)
		}
	}

	// the policy's label of a role, in a refusal
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	if _, err := db.Exec(`UPDATE policy SET text = replace(text, '"坐席/客服代表"', $1)`, `"坐席\u001b]0;owned\u0007"`); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := c.run("--lang", "zh", "--as", "李娜", "cases", "approve-grade", n); !strings.Contains(errs, "坐席␛") || code != 1 || strings.Contains(errs, "\x1b") || strings.Contains(errs, "\x07") {
		t.Errorf("a refusal naming the role: exit %d %q", code, errs)
	}
}

// Red team findings 20 and 21: refusals in Chinese under LANG=zh (times in
// the desk's time zone), and bad flag values refused, not ignored.
func TestRefusalsInChineseAndBadValuesRefused(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	c.env["LANG"] = "zh_CN.UTF-8"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--as", "不存在", "cases", "list"}, "不是本投诉台的用户"},
		{[]string{"calendar", "check", "2031-05-01"}, "没有 2031 年的节假日数据"},
		{[]string{"--as", "李娜", "audit", "--user", "质检甲"}, "只有管理员和主管可以查看他人的审计记录（您是 李娜，角色 坐席"},
		{[]string{"--as", "李娜", "station", "log"}, "只有管理员和主管可以查看工位记录"},
		{[]string{"report", "monthly", "--month", "2026-13"}, "不是月份"},
		{[]string{"report", "monthly", "--month", "2099-01"}, "2099-01 还没有到"},
		{[]string{"--as", "李娜", "cases", "list", "--status", "nope"}, "没有状态 \"nope\""},
		{[]string{"--as", "李娜", "cases", "list", "--grade", "Z"}, "没有等级 \"Z\""},
		{[]string{"--as", "李娜", "cases", "list", "--limit", "-1"}, "--limit 不能是负数"},
		{[]string{"export", "cases", "--status", "nope", "--format", "csv", "--out", "-"}, "没有状态"},
		{[]string{"demo", "--count", "-5"}, "不小于 1"},
		{[]string{"--as", "李娜", "cases", "note", n, "--note", "x", "--version", "99"}, "没有这个版本（当前版本 1）"},
		{[]string{"--as", "李娜", "cases", "note", n, "--note", "x", "--version", "-1"}, "--version 不能是负数"},
	} {
		out, errs, code := c.run(tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("desk %s: exit %d, stdout %q, stderr %q; want exit 1 saying %q", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
	if got := c.show(n); got.Version != 1 || len(got.History) != 1 {
		t.Errorf("a refused note changed the case: %+v", got)
	}
	// done right: the current version, a known status
	c.ok("--as", "李娜", "cases", "note", n, "--note", "已联系", "--version", "1")
	if got := c.list("--as", "李娜", "--status", "registered"); len(got) != 1 {
		t.Errorf("--status registered lists %d cases", len(got))
	}
	// a stale version: who changed it, the step's name and the time in
	// the desk's time zone
	_, errs, _ := c.run("--as", "李娜", "cases", "note", n, "--note", "x", "--version", "1")
	var v struct {
		History []struct {
			At time.Time `json:"at"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("cases", "show", n, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	at := v.History[len(v.History)-1].At
	if want := at.In(mustShanghai(t)).Format("2006-01-02 15:04:05"); !strings.Contains(errs, "已被 李娜 修改") || !strings.Contains(errs, want) || strings.Contains(errs, "note，") {
		t.Errorf("a stale version: %q; want 李娜, the step's name and %s (Shanghai)", errs, want)
	}
}

// Red team finding 23: desk cases act takes --late like the step commands.
func TestCasesActTakesLate(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	now := time.Now()
	received := now.Add(-5 * time.Hour)
	reg := []string{"--as", "李娜", "cases", "new", "--phone", "13812345678", "--content", "快递延误", "--grade", "C", "--received", stamp(t, received)}
	for _, lang := range [][2]string{{"zh", "补录原因"}, {"en", "late entry"}} { // registered five hours after the call: why?
		if out, errs, code := c.run(append([]string{"--lang", lang[0]}, reg...)...); code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("a late registration without a reason (%s): exit %d, stdout %q, stderr %q", lang[0], code, out, errs)
		}
	}
	if l := c.list(); len(l) != 0 {
		t.Fatalf("the refused registration wrote %d cases", len(l))
	}
	n := c.newCase(append(reg[4:], "--as", "李娜", "--late", "来电时系统故障")...)
	var reg0 struct {
		History []struct {
			Action     string    `json:"action"`
			At         time.Time `json:"at"`
			EnteredAt  time.Time `json:"entered_at"`
			LateReason string    `json:"late_reason"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("cases", "show", n, "--format", "json")), &reg0); err != nil {
		t.Fatal(err)
	}
	if h := reg0.History[0]; h.Action != "register" || h.LateReason != "来电时系统故障" || !h.At.Equal(received.Truncate(time.Minute)) || h.EnteredAt.Sub(h.At) < 4*time.Hour {
		t.Errorf("the late registration is not marked with both times: %+v", h)
	}
	at := stamp(t, now.Add(-3*time.Hour))
	c.refused(n, []string{"--as", "李娜", "cases", "act", n, "note", "--note", "x", "--at", at}, "补录原因", "late entry")
	c.ok("--as", "李娜", "cases", "act", n, "note", "--note", "x", "--at", at, "--late", "系统故障，按记录补录")
	if h := c.show(n).History; h[len(h)-1].Action != "note" {
		t.Errorf("the late note is not in the history: %+v", h[len(h)-1])
	}
}

// Red team finding 20: key, user and form refusals in Chinese.
func TestKeyUserAndFormRefusalsInChinese(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "陈主管:supervisor")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	line, _ := newKeyLine(t, "chen@pc")
	c.ok("users", "keys", "add", "陈主管", "--key", line)
	c.env["LANG"] = "zh_CN.UTF-8"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "keys", "add", "李娜", "--key", line}, "已属于 陈主管"},
		{[]string{"users", "add", "王五", "--role", "agent", "--key", line}, "已属于 陈主管"},
		{[]string{"users", "keys", "add", "李娜", "--key", "ssh-rsa AAAA"}, "第 1 行不是 SSH 公钥"},
		{[]string{"users", "add", "王五", "--role", "god"}, "没有角色 \"god\""},
		{[]string{"cases", "print", n, "--form", "xxx"}, "没有表单 \"xxx\""},
	} {
		out, errs, code := c.run(tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("desk %s: exit %d, stdout %q, stderr %q; want exit 1 saying %q", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
	if out := c.ok("users", "list"); strings.Contains(out, "王五") {
		t.Errorf("a refused user was added:\n%s", out)
	}
	// done right: a key of one's own again is no refusal of another's
	other, _ := newKeyLine(t, "lina@pc")
	c.ok("users", "keys", "add", "李娜", "--key", other)
	c.ok("cases", "print", n, "--form", "opinion")
}

// Red team finding 20: desk --help says what demo and import do in Chinese.
func TestHelpOfDemoAndImportInChinese(t *testing.T) {
	c := newCLIDesk(t)
	out := c.ok("--lang", "zh", "--help")
	for _, want := range []string{"演示投诉单", "导入投诉登记表"} {
		if !strings.Contains(out, want) {
			t.Errorf("desk --help in Chinese lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Fill the desk") || strings.Contains(out, "Import a complaint register") || strings.Contains(out, "default 或 lab") {
		t.Errorf("desk --help in Chinese has English or a stale list of presets:\n%s", out)
	}
	if out := c.ok("--lang", "en", "import", "--help"); !strings.Contains(out, "Import the complaints of a register") {
		t.Errorf("desk import --help in English:\n%s", out)
	}
}
