package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A case handled from the command line, start to end: contact, verify,
// the investigation report, the resolution, a refused close with the
// terminal's words, approval, closure, the forms printed.
func TestHandlingFromTheCommandLine(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	d.ok("users", "add", "李娜", "--role", "agent")
	d.ok("users", "add", "陈主管", "--role", "supervisor")
	n := d.newCase("--as", "李娜", "--phone", "13812345678", "--name", "张三", "--content", "电水壶漏电，手被电伤",
		"--category", "product.safety", "--subject", "HK-15 电水壶", "--injury", "--other", "李四 13900001111")
	v := d.show(n)
	if v.Grade != "A" {
		t.Fatalf("registered with an injury: grade %s", v.Grade)
	}
	// a refusal is in the user's language, the same words as the terminal's, and writes nothing
	_, errs, code := d.run("cases", "close", n, "--as", "李娜")
	if code != 1 || !strings.Contains(errs, "当前状态（已登记）不能结案；需先：") {
		t.Errorf("close a registered case: exit %d %q", code, errs)
	}
	d.ok("cases", "contact", n, "--as", "李娜", "--outcome", "reached", "--note", "已回电")
	d.ok("cases", "contact", n, "--as", "李娜", "--who", "2", "--outcome", "no_answer")
	// a promise later than the grade A closure needs the reason
	d.ok("cases", "acknowledge", n, "--as", "李娜", "--expected", "2099-01-01 18:00", "--reason", "需送第三方检测，客户同意")
	// 三核实 before the case is assigned
	d.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "HK-15 批号 2611")
	d.ok("cases", "assign", n, "--as", "陈主管", "--handler", "李娜", "--department", "质量管理部")
	d.ok("cases", "escalate", n, "--as", "李娜", "--reason", "人身伤害")
	d.ok("cases", "resolve", n, "--as", "李娜", "--resolution", "退款并赔偿医药费", "--reply", "您好，已为您退款并赔偿。",
		"--type", "compensation", "--amount", "500", "--agreement", "agreed")
	_, errs, code = d.run("cases", "close", n, "--as", "李娜")
	if code != 1 || !strings.Contains(errs, "A 级投诉结案需要主管") || !strings.Contains(errs, "提交审批") {
		t.Errorf("an agent closing grade A: exit %d %q", code, errs)
	}
	_, errs, code = d.run("cases", "request-approval", n, "--as", "李娜")
	if code != 1 || !strings.Contains(errs, "调查报告") {
		t.Errorf("approval without a report: exit %d %q", code, errs)
	}
	d.ok("cases", "findings", n, "--as", "李娜", "--facts", "底座绝缘老化", "--cause", "批次质量", "--responsible", "供应商",
		"--conclusion", "justified", "--corrective", "下架", "--preventive", "来料检验")
	d.ok("cases", "request-approval", n, "--as", "李娜")
	d.ok("cases", "approve", n, "--as", "陈主管", "--note", "同意")
	d.ok("cases", "implement", n, "--as", "李娜", "--implementation", "已退款500元，医药费已赔付")
	out := d.ok("cases", "close", n, "--as", "李娜")
	if !strings.Contains(out, "closed") {
		t.Errorf("close printed %q", out)
	}
	text := d.ok("cases", "show", n, "--as", "李娜")
	for _, want := range []string{"升级至：         主管", "投诉人 2：       李四 13900001111  回访：无人接听", "责任部门：       质量管理部",
		"处理方式：       赔偿", "首次响应         已达成      截止 ", "（提前 23小时", "状态：\"处理中\" → \"已解决\""} {
		if !strings.Contains(text, want) {
			t.Errorf("show lacks %q:\n%s", want, text)
		}
	}

	// the forms
	opinion := d.ok("cases", "print", n, "--as", "李娜")
	for _, want := range []string{"客户投诉意见表", n, "张三", "13812345678", "三核实", "已核实", "赔偿 500.00 元", "回访", "处理经过"} {
		if !strings.Contains(opinion, want) {
			t.Errorf("the opinion form lacks %q:\n%s", want, opinion)
		}
	}
	a := d.ok("cases", "print", n, "--as", "李娜", "--form", "grade-a")
	for _, want := range []string{"A级投诉处理表", "人身伤害", "升级至 主管", "提交审批", "批准", "20个工作日", "培训案例"} {
		if !strings.Contains(a, want) {
			t.Errorf("the grade A form lacks %q:\n%s", want, a)
		}
	}
	file := filepath.Join(t.TempDir(), "report.md")
	d.ok("cases", "print", n, "--as", "李娜", "--form", "investigation", "--out", file)
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# 投诉调查报告", "| 发生原因 | 批次质量 |", "| 投诉内容是否属实 | 属实 / 投诉理由成立 |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, md)
		}
	}
	// an administrator prints with names and phones masked
	if admin := d.ok("cases", "print", n); strings.Contains(admin, "13812345678") || !strings.Contains(admin, "138****5678") {
		t.Errorf("the administrator's form is not masked:\n%s", admin)
	}
	if _, errs, code := d.run("cases", "print", n, "--form", "nonesuch"); code != 1 || !strings.Contains(errs, "opinion") {
		t.Errorf("an unknown form: exit %d %q", code, errs)
	}

	// the department's queue
	d.newCase("--as", "李娜", "--phone", "13700000000", "--content", "别的部门")
	if got := d.list("--department", "quality"); len(got) != 1 || got[0].Number != n {
		t.Errorf("the quality department's queue: %+v", got)
	}
	if got := d.list("--department", "质量管理部", "--handler", "李娜"); len(got) != 1 {
		t.Errorf("by department name and handler: %+v", got)
	}
}

// The gsp preset: a new desk with `desk init --profile gsp`, its own
// actions through `desk cases act`.
func TestGSPProfile(t *testing.T) {
	d := newCLIDesk(t)
	out := d.ok("init", "--profile", "gsp")
	if !strings.Contains(out, "GSP") {
		t.Errorf("init --profile gsp printed %q", out)
	}
	d.ok("users", "add", "qm1", "--role", "qm")
	n := d.newCase("--as", "qm1", "--nature", "adverse_reaction", "--phone", "13812345678", "--content", "服药后皮疹")
	if _, errs, code := d.run("cases", "act", n, "forward", "--as", "qm1"); code != 1 || !strings.Contains(errs, "verification") {
		t.Errorf("forward before 三核实: exit %d %q", code, errs)
	}
	d.ok("cases", "verify", n, "--as", "qm1", "--complainant", "--item", "--product", "阿莫西林 批号 20260815")
	d.ok("cases", "act", n, "forward", "--as", "qm1")
	d.ok("cases", "act", n, "dispatch", "--as", "qm1", "--department", "qm", "--handler", "qm1")
	if v := d.show(n); v.Status != "investigating" {
		t.Errorf("after dispatch: %s", v.Status)
	}
	if text := d.ok("cases", "show", n); !strings.Contains(text, "regulator_report") {
		t.Errorf("the adverse reaction is not flagged:\n%s", text)
	}
	if p := d.ok("policy", "show", "--preset", "gsp"); !strings.Contains(p, `id = "adverse_reaction"`) {
		t.Error("policy show --preset gsp does not print the preset")
	}
}
