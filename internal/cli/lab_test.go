package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/cli"
)

// runIn runs the desk with standard input.
func (c *cliDesk) runIn(stdin string, args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(context.Background(), args, cli.Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return c.env[k] },
		Open:   testOpen,
	})
	return out.String(), errb.String(), code
}

func TestLabAppealOnTheCommandLine(t *testing.T) {
	c := newCLIDesk(t)
	c.env["LANG"] = "zh_CN.UTF-8"
	c.ok("init", "--profile", "lab")
	for _, u := range [][2]string{{"王芳", "lab-reception"}, {"张敏", "quality-manager"}, {"刘签", "signatory"}, {"检测甲", "tester"}, {"检测乙", "tester"}} {
		c.ok("users", "add", u[0], "--role", u[1])
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	day := func(ago int) string { return time.Now().In(sh).AddDate(0, 0, -ago).Format("2006-01-02") }
	appeal := func(received string, extra ...string) []string {
		return append([]string{"--as", "王芳", "cases", "new", "--nature", "appeal", "--report", "R2026-0101", "--report-received", received,
			"--name", "赵六", "--phone", "13912345678", "--content", "对铅含量结论有异议", "--grounds", "第三方检测合格", "--sample", "大米"}, extra...)
	}

	// No report: refused, nothing written.
	_, errs, code := c.run("--as", "王芳", "cases", "new", "--nature", "appeal", "--name", "赵六", "--phone", "13912345678", "--content", "有异议")
	if code == 0 || !strings.Contains(errs, "请填写检测报告编号") || !strings.Contains(errs, "请填写报告接收日期") {
		t.Errorf("an appeal without its report: %d %s", code, errs)
	}
	// In time (9 days after the report) and late (20 days after).
	num := strings.TrimSpace(c.ok(appeal(day(9))...))
	out, errs, code := c.run(appeal(day(20))...)
	late := strings.TrimSpace(out)
	if code != 0 || !strings.Contains(errs, "已逾期") || !strings.Contains(errs, "批准逾期受理") {
		t.Fatalf("a late appeal: %d %q %s", code, out, errs)
	}
	// The late appeal: refused until the quality manager overrides.
	_, errs, code = c.run("--as", "王芳", "cases", "acknowledge", late, "--expected", time.Now().In(sh).AddDate(0, 0, 7).Format("2006-01-02 15:04"))
	if code == 0 || !strings.Contains(errs, "申诉期限已超时") {
		t.Errorf("a late acceptance: %d %s", code, errs)
	}
	c.ok("--as", "张敏", "cases", "override", late, "--reason", "客户出差，报告由他人代收")
	c.ok("--as", "王芳", "cases", "acknowledge", late, "--expected", time.Now().In(sh).AddDate(0, 0, 7).Format("2006-01-02 15:04"))

	// The re-test procedure, each step by its role.
	exp := time.Now().In(sh).AddDate(0, 0, 7).Format("2006-01-02 15:04")
	c.ok("--as", "王芳", "cases", "acknowledge", num, "--expected", exp)
	c.ok("--as", "王芳", "cases", "investigate", num)
	c.ok("--as", "王芳", "cases", "opinion", num, "--review", "原始记录正常", "--opinion", "建议原样复检")
	c.ok("--as", "张敏", "cases", "approve", num)
	_, errs, code = c.run("--as", "张敏", "cases", "retest", num, "--blind-code", "MB-7", "--testers", "检测甲,检测甲")
	if code == 0 || !strings.Contains(errs, "不同的人") {
		t.Errorf("the same tester twice: %d %s", code, errs)
	}
	c.ok("--as", "张敏", "cases", "retest", num, "--blind-code", "MB-7", "--testers", "检测甲,检测乙", "--items", "铅")
	// both testers sign: the second records the same result
	c.ok("--as", "检测甲", "cases", "record-retest", num, "--result", "铅 0.12 mg/kg", "--conclusion", "confirmed")
	c.ok("--as", "检测乙", "cases", "record-retest", num, "--result", "铅 0.12 mg/kg", "--conclusion", "confirmed")
	if out := c.ok("--as", "张敏", "cases", "uphold", num, "--resolution", "维持原报告", "--reply", "经原样复检，结果与原报告一致。"); !strings.Contains(out, "resolved") {
		t.Errorf("uphold: %s", out)
	}

	// A tester finds the re-test by its blind code and sees nothing of the customer.
	var views []map[string]any
	if err := json.Unmarshal([]byte(c.ok("--as", "检测甲", "cases", "find", "--blind-code", "MB-7", "--format", "json")), &views); err != nil || len(views) != 1 {
		t.Fatalf("find by blind code: %v %v", views, err)
	}
	show := c.ok("--as", "检测甲", "cases", "show", num)
	for _, leak := range []string{"R2026-0101", "赵六", "13912345678", "对铅含量", "第三方检测"} {
		if strings.Contains(show, leak) {
			t.Errorf("a tester sees %q:\n%s", leak, show)
		}
	}
	if !strings.Contains(show, "MB-7") {
		t.Errorf("a tester does not see the blind code:\n%s", show)
	}
	if _, errs, code := c.run("--as", "检测甲", "cases", "find", "--report", "R2026-0101"); code == 0 {
		t.Errorf("a tester found cases by report: %s", errs)
	}
	if out := c.ok("--as", "王芳", "cases", "find", "--report", "R2026-0101"); !strings.Contains(out, num) || !strings.Contains(out, late) {
		t.Errorf("the appeals against the report: %s", out)
	}

	// The registers, printed and exported.
	for form, want := range map[string]string{"appeal": "抱怨申述登记表", "acceptance": "维持原报告", "feedback": "投诉处理结果客户反馈登记表"} {
		if out := c.ok("--as", "张敏", "cases", "print", num, "--form", form); !strings.Contains(out, want) {
			t.Errorf("print --form %s lacks %q:\n%s", form, want, out)
		}
	}
	if out := c.ok("--as", "张敏", "cases", "print", late, "--form", "acceptance"); !strings.Contains(out, "客户出差") {
		t.Errorf("the acceptance register does not say why the late appeal was accepted:\n%s", out)
	}
	path := filepath.Join(t.TempDir(), "受理登记.csv")
	c.ok("--as", "王芳", "export", "register", "--register", "acceptance", "--out", path)
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatalf("the CSV has no BOM: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "编号" {
		t.Fatalf("acceptance register: %v %v", rows, err)
	}
	if _, _, code := c.run("--as", "检测甲", "export", "register", "--out", "-"); code == 0 {
		t.Error("a tester exported a register")
	}

	// PINs: read from standard input, kept as a hash; not settable by others.
	if _, errs, code := c.runIn("2468\n", "--as", "王芳", "users", "pin", "张敏"); code == 0 {
		t.Errorf("the receptionist set the QM's PIN: %s", errs)
	}
	if out, errs, code := c.runIn("2468\n", "users", "pin", "张敏"); code != 0 || !strings.Contains(out, "PIN 已设置") {
		t.Errorf("pin: %d %s %s", code, out, errs)
	}
	c.env["DESK_PIN"] = "2468" // --as a user with a station PIN needs it
	if out := c.ok("--as", "张敏", "notices"); !strings.Contains(out, late) {
		t.Errorf("the quality manager's notices: %s", out)
	}
}
