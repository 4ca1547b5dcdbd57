package cli_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A general complaint at the laboratory (000 §2.1.1): reception assigns it
// to the head of the department concerned, who alone of the heads sees it,
// content and customer included, records the cause and the measures and
// answers it; the 客户投诉处理登记表 prints and exports it.
func TestLabDepartmentHeadHandlesAGeneralComplaint(t *testing.T) {
	c := newCLIDesk(t)
	c.env["LANG"] = "zh_CN.UTF-8"
	c.ok("init", "--profile", "lab")
	for _, u := range [][2]string{{"王芳", "lab-reception"}, {"张敏", "quality-manager"}, {"赵主任", "department-head"}, {"钱主任", "department-head"}} {
		c.ok("users", "add", u[0], "--role", u[1])
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	n := strings.TrimSpace(c.ok("--as", "王芳", "cases", "new", "--channel", "letter", "--nature", "complaint", "--category", "sampling",
		"--name", "孙七", "--phone", "13712345678", "--content", "采样人员未按约定时间到场"))
	other := strings.TrimSpace(c.ok("--as", "王芳", "cases", "new", "--channel", "letter", "--nature", "complaint", "--category", "service",
		"--name", "周八", "--phone", "13712340000", "--content", "报告寄送延误"))
	c.ok("--as", "王芳", "cases", "acknowledge", n, "--expected", time.Now().In(sh).AddDate(0, 0, 3).Format("2006-01-02")+" 17:00")
	// the head sees nothing before it is theirs
	if _, errs, code := c.run("--as", "赵主任", "cases", "show", n); code == 0 || !strings.Contains(errs, "没有投诉单 "+n) {
		t.Errorf("the head saw a case not assigned to them: exit %d %s", code, errs)
	}
	c.ok("--as", "王芳", "cases", "assign", n, "--handler", "赵主任", "--department", "sampling")
	c.ok("--as", "王芳", "cases", "investigate", n)

	if out := c.ok("--as", "赵主任", "cases", "show", n); !strings.Contains(out, "采样人员未按约定时间到场") || !strings.Contains(out, "孙七") {
		t.Errorf("the head does not see the complaint given to them:\n%s", out)
	}
	list := c.ok("--as", "赵主任", "cases", "list")
	if !strings.Contains(list, n) || strings.Contains(list, other) {
		t.Errorf("the head's list: %s", list)
	}
	for _, who := range []string{"钱主任"} {
		if _, errs, code := c.run("--as", who, "cases", "show", n); code == 0 || !strings.Contains(errs, "没有投诉单") {
			t.Errorf("another head saw it: exit %d %s", code, errs)
		}
	}
	// a head may not take the reception's or the quality manager's steps
	if _, errs, code := c.run("--as", "赵主任", "cases", "close", n); code == 0 || errs == "" {
		t.Errorf("the head closed the case: exit %d", code)
	}
	c.ok("--as", "赵主任", "cases", "findings", n, "--facts", "采样员路上堵车迟到两小时", "--cause", "排班未留余量", "--corrective", "采样排班预留路程时间")
	c.ok("--as", "赵主任", "cases", "resolve", n, "--resolution", "向客户致歉，调整排班", "--reply", "孙先生您好：因我方排班不周造成采样迟到，深表歉意。")

	form := c.ok("--as", "赵主任", "cases", "print", n, "--form", "handling-register")
	for _, want := range []string{"客户投诉处理登记表", "采样室", "赵主任", "排班未留余量", "采样排班预留路程时间", "深表歉意"} {
		if !strings.Contains(form, want) {
			t.Errorf("the printed register lacks %q:\n%s", want, form)
		}
	}
	path := filepath.Join(t.TempDir(), "处理登记.csv")
	c.ok("--as", "张敏", "export", "register", "--register", "handling-register", "--out", path)
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatalf("the register has no BOM: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("the handling register: %v %v", rows, err)
	}
	var row []string
	for _, r := range rows[1:] {
		if r[0] == n {
			row = r
		}
	}
	if row == nil || !strings.Contains(strings.Join(row, "|"), "排班未留余量") {
		t.Errorf("the exported register's row for %s: %v", n, rows)
	}
}
