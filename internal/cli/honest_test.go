package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A late acknowledgement (补录) shows in the printed forms with both times
// and the reason, as cases show gives them (issue 13).
func TestCLIPrintedFormsShowALateAcknowledgement(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	now := time.Now()
	n := c.newCase("--as", "李娜", "--name", "张三", "--phone", "13812345678", "--content", "快递延误三天，包装破损", "--grade", "C",
		"--received", stamp(t, now.Add(-5*time.Hour)), "--field", "late_reason=系统故障，按通话记录补录")
	happened := stamp(t, now.Add(-3*time.Hour))
	const reason = "系统故障，按通话记录补录"
	c.ok("cases", "acknowledge", n, "--as", "李娜", "--at", happened, "--late", reason, "--expected", stamp(t, now.Add(24*time.Hour)))
	var v struct {
		History []struct {
			Action  string    `json:"action"`
			Entered time.Time `json:"entered_at"`
			Late    string    `json:"late_reason"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("cases", "show", n, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	ack := v.History[len(v.History)-1]
	if ack.Action != "acknowledge" || ack.Late != reason {
		t.Fatalf("the last event is %+v, not the late acknowledgement", ack)
	}
	entered := stamp(t, ack.Entered)
	want := happened + "（补录：录入于 " + entered + "，补录原因：" + reason + "）"
	for _, form := range []string{"opinion", "receipt"} {
		for _, format := range []string{"text", "md"} {
			out := c.ok("cases", "print", n, "--form", form, "--format", format)
			if flat := strings.Join(strings.Fields(out), ""); !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
				t.Errorf("cases print --form %s --format %s lacks %q:\n%s", form, format, want, out)
			}
		}
	}
}

// An import's rejected rows say why in the user's language: on the
// terminal and in the reject file (issue 13: the input rules for imports).
func TestCLIImportRejectsBadTextInTheUsersLanguage(t *testing.T) {
	d := newImportDesk(t)
	mapping := filepath.Join(d.dir, "m.toml")
	os.WriteFile(mapping, []byte(`
source = "register"
id = "no"
[dates]
formats = ["YYYY-MM-DD"]
[columns]
received = "date"
name = "name"
content = "text"
phone = "phone"
[defaults]
status = "closed"
`), 0o600)
	file := filepath.Join(d.dir, "register.csv")
	os.WriteFile(file, []byte("no,date,name,text,phone\n"+
		"1,2026-01-05,张三,快递延误三天,13800138000\n"+
		"2,2026-01-05,王\u200b五,名字里有零宽空格,13800138001\n"+
		"3,2026-01-05,李四,abc\xff\xfedef,13800138002\n"+
		"4,2026-01-05,"+strings.Repeat("欧阳", 30)+",名字太长,13800138003\n"), 0o600)
	out, errs, code := d.run("--lang", "zh", "import", file, "--map", mapping)
	if code == 0 || !strings.HasPrefix(out, "已导入 1 行，重复跳过 0 行，拒绝 3 行") { // in the user's language (red team 20)
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{
		"第 3 行，“name”列：姓名含有不可见字符 U+200B（第 3 个字节）",
		"第 4 行，“text”列：单元格不是有效的 UTF-8 文本（第 3 个字节起）",
		"第 5 行，“name”列：姓名过长：60 字，最多 50 字",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	rej, err := os.ReadFile(filepath.Join(d.dir, "register.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rej), "U+200B（第 3 个字节）") || !strings.Contains(string(rej), "最多 50 字") {
		t.Errorf("the reject file does not give the reasons in Chinese:\n%s", rej)
	}
	// In English the same reasons, in English.
	d.env["DESK_DB"] = filepath.Join(d.dir, "en.db")
	_, errs, _ = d.run("--lang", "en", "import", file, "--map", mapping, "--rejects", filepath.Join(d.dir, "en.rejects.csv"))
	if !strings.Contains(errs, `line 3, column "name": the name contains the invisible character U+200B (byte offset 3)`) {
		t.Errorf("English stderr:\n%s", errs)
	}
}
