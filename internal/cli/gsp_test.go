package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gspReviewed takes a registered gsp complaint through 三核实, quality
// management's investigation and the report's review: ready to decide.
func (c *cliDesk) gspReviewed(n, product, facts, conclusion string) {
	c.t.Helper()
	c.ok("cases", "verify", n, "--as", "门店小王", "--complainant", "--item", "--product", product)
	c.ok("cases", "forward", n, "--as", "门店小王")
	c.ok("cases", "dispatch", n, "--as", "质管张工", "--department", "qm", "--handler", "质管张工")
	c.ok("cases", "findings", n, "--as", "质管张工", "--facts", facts, "--cause", "待生产企业确认", "--conclusion", conclusion)
	c.ok("cases", "submit-report", n, "--as", "质管张工")
	c.ok("cases", "accept-report", n, "--as", "质管部李经理")
}

// The parts of 002 GSP that TestCLIGSPRules (an adverse reaction confirmed
// by the manufacturer) leaves out: an intrinsic-quality complaint decided
// only after the manufacturer's confirmation, the customer's physical
// sample, the 质量投诉受理卡 and the 顾客投诉档案, and the crisis team told
// at once.
func TestGSPConfirmationSampleFormsAndCrisis(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	d.ok("init", "--profile", "gsp")
	d.users("门店小王:receiver", "质管张工:qm", "质管部李经理:qm_manager", "业务刘经理:business_manager", "采购小赵:purchasing")
	sh := mustShanghai(t)
	day := func(offset int) string { return time.Now().In(sh).AddDate(0, 0, offset).Format("2006-01-02") }

	n := d.newCase("--as", "门店小王", "--nature", "quality_nonclinical", "--category", "testing", "--phone", "13812345678",
		"--name", "陈女士", "--content", "片剂表面有黑点，怀疑变质", "--demand", "退货")
	other := d.newCase("--as", "门店小王", "--nature", "general_inquiry", "--phone", "13812345678", "--name", "陈女士", "--content", "门店营业时间")
	stranger := d.newCase("--as", "门店小王", "--nature", "general_inquiry", "--phone", "13900001111", "--name", "李先生", "--content", "会员积分")

	// 5.4.1: the receiver asks for the physical sample; it arrives with its batch
	d.refuses(n, []string{"此操作需要填写：索取实物样品日期"}, "cases", "request-sample", n, "--as", "门店小王")
	d.refuses(n, []string{"不能晚于今天"}, "cases", "request-sample", n, "--as", "门店小王", "--sample-requested-at", day(1))
	d.refuses(n, []string{"索取实物样品日期", "早于"}, "cases", "request-sample", n, "--as", "门店小王", "--sample-requested-at", day(-3))
	d.ok("cases", "request-sample", n, "--as", "门店小王", "--sample-requested-at", day(0))
	d.refuses(n, []string{"此操作需要填写：样品批号"}, "cases", "receive-sample", n, "--as", "门店小王", "--sample-received-at", day(0))
	d.refuses(n, []string{"收到实物样品日期", "早于"}, "cases", "receive-sample", n, "--as", "门店小王",
		"--sample-received-at", day(-1), "--sample-batch", "20260815")
	d.refuses(n, []string{"不能登记收到样品"}, "cases", "receive-sample", n, "--as", "采购小赵", "--sample-received-at", day(0), "--sample-batch", "20260815")
	d.ok("cases", "receive-sample", n, "--as", "门店小王", "--sample-received-at", day(0), "--sample-batch", "20260815")

	d.gspReviewed(n, "维生素B2片 5mg 批号 20260815 某药厂", "留样同批次亦见黑点", "defect")

	// 5.5.4: an intrinsic-quality problem is decided once the manufacturer confirmed it
	decide := []string{"cases", "decide", n, "--as", "业务刘经理", "--resolution", "退货退款", "--type", "refund", "--amount", "12"}
	needConfirm := []string{"内在质量问题须先有生产企业的确认", "002 GSP 5.4"}
	d.refuses(n, needConfirm, decide...)
	d.refuses(n, []string{"须先「函询生产企业」"}, "cases", "record-confirmation", n, "--as", "质管张工",
		"--confirmation-received-at", day(0), "--confirmation-conclusion", "confirmed")
	d.refuses(n, []string{"此操作需要填写：生产企业"}, "cases", "request-confirmation", n, "--as", "质管张工", "--confirmation-requested-at", day(0))
	d.refuses(n, []string{"您的角色（门店/首接受理人）不能函询生产企业"}, "cases", "request-confirmation", n, "--as", "门店小王",
		"--manufacturer", "某药厂", "--confirmation-requested-at", day(0))
	d.ok("cases", "request-confirmation", n, "--as", "质管张工", "--manufacturer", "某药厂", "--confirmation-requested-at", day(0))
	// asked, not answered: still not decided
	d.refuses(n, needConfirm, decide...)
	d.refuses(n, []string{"生产企业回复日期", "早于"}, "cases", "record-confirmation", n, "--as", "质管张工",
		"--confirmation-received-at", day(-2), "--confirmation-conclusion", "confirmed")
	d.refuses(n, []string{"应为 confirmed"}, "cases", "record-confirmation", n, "--as", "质管张工",
		"--confirmation-received-at", day(0), "--confirmation-conclusion", "maybe")
	d.ok("cases", "record-confirmation", n, "--as", "质管张工", "--confirmation-received-at", day(0), "--confirmation-conclusion", "confirmed")
	d.ok(decide...)

	// the intake card: the receiver, 三核实 (5.3.3), the sample, the confirmation
	card := d.ok("cases", "print", n, "--form", "quality-intake", "--as", "质管张工")
	for _, want := range []string{"质量投诉受理卡", n, "陈女士，电话 13812345678", "片剂表面有黑点", "退货",
		"已索取 " + day(0) + "，已收到 " + day(0) + "，批号 20260815",
		"某药厂，已函询 " + day(0) + "，已回复 " + day(0) + "，结论：确认存在问题",
		"转质管部  门店小王"} {
		if !strings.Contains(card, want) {
			t.Errorf("the quality intake card lacks %q:\n%s", want, card)
		}
	}
	if got := value(part(t, card, "【受理】"), "受理人"); got != "门店小王" {
		t.Errorf("the card's receiver (首接受理人, 5.1.1) is %q:\n%s", got, card)
	}
	v3 := part(t, card, "【三核实】")
	if value(v3, "核实投诉人") != "已核实" || value(v3, "核实投诉事项") != "已核实" || !strings.Contains(value(v3, "涉及产品/批号/报告"), "批号 20260815") ||
		!strings.HasPrefix(value(v3, "核实人"), "门店小王") {
		t.Errorf("the card's 三核实 (5.3.3):\n%s", v3)
	}
	if md := d.ok("cases", "print", n, "--form", "quality-intake", "--format", "md", "--as", "质管张工"); !strings.Contains(md, "# 质量投诉受理卡") ||
		!strings.Contains(md, "| 核实投诉事项 | 已核实 |") {
		t.Errorf("the Markdown intake card:\n%s", md)
	}

	// the customer's file: every complaint of the phone, no one else's
	file := d.ok("cases", "print", other, "--form", "complaint-file", "--as", "质管张工")
	if !strings.Contains(file, "顾客投诉档案  陈女士 13812345678") || !strings.Contains(file, "投诉记录（2 件）") ||
		!strings.Contains(file, n) || !strings.Contains(file, other) || strings.Contains(file, stranger) {
		t.Errorf("陈女士's complaint file:\n%s", file)
	}
	// a role that sees phones masked learns no phone from it
	masked := d.ok("cases", "print", other, "--form", "complaint-file", "--as", "采购小赵")
	if strings.Contains(masked, "13812345678") || strings.Contains(masked, "陈女士") || !strings.Contains(masked, "138****5678") {
		t.Errorf("the complaint file printed for a masked role:\n%s", masked)
	}
	if md := d.ok("cases", "print", other, "--form", "complaint-file", "--format", "md", "--as", "采购小赵"); strings.Contains(md, "13812345678") {
		t.Errorf("the Markdown complaint file shows the phone to a masked role:\n%s", md)
	}

	// 5.7: a crisis tells the crisis team at once, nobody else
	if out := d.ok("notices", "--as", "质管部李经理"); strings.Contains(out, stranger) {
		t.Fatalf("a notice before the crisis:\n%s", out)
	}
	d.ok("cases", "flags", stranger, "--as", "门店小王", "--media")
	for _, u := range []string{"质管部李经理", "业务刘经理"} {
		if out := d.ok("notices", "--as", u); !strings.Contains(out, stranger) {
			t.Errorf("%s of the crisis team was not told:\n%s", u, out)
		}
	}
	if out := d.ok("notices", "--as", "质管张工"); strings.Contains(out, stranger) {
		t.Errorf("a quality officer outside the crisis team got the crisis notice:\n%s", out)
	}
	d.refuses(stranger, []string{"您的角色（门店/首接受理人）不能登记危机处理措施"}, "cases", "crisis-measures", stranger, "--as", "门店小王",
		"--crisis-measures", "联系媒体说明")
	d.ok("cases", "crisis-measures", stranger, "--as", "业务刘经理", "--crisis-measures", "成立危机小组，当日联系媒体与顾客说明情况")
	if v := d.caseAs(stranger, "业务刘经理"); !strings.Contains(v.Fields["crisis_measures"], "成立危机小组") {
		t.Errorf("the crisis measures are not recorded: %v", v.Fields)
	}
}

// 5.5.4: an adverse reaction is confirmed by the manufacturer whatever
// nature the receiver chose: a complaint classed 不良反应 is one.
func TestGSPAdverseReactionByClassNeedsTheManufacturer(t *testing.T) {
	d := newCLIDesk(t)
	d.ok("init", "--profile", "gsp")
	d.users("门店小王:receiver", "质管张工:qm", "质管部李经理:qm_manager", "业务刘经理:business_manager")
	n := d.newCase("--as", "门店小王", "--nature", "quality_nonclinical", "--category", "adr", "--phone", "13812345678",
		"--name", "陈女士", "--content", "服药后头晕")
	d.gspReviewed(n, "某药 批号 20260815", "顾客自述头晕", "justified")
	decide := []string{"cases", "decide", n, "--as", "业务刘经理", "--resolution", "退款", "--type", "refund", "--amount", "20"}
	d.refuses(n, []string{"须先有生产企业的确认", "002 GSP 5.4"}, decide...)
	today := time.Now().In(mustShanghai(t)).Format("2006-01-02")
	d.ok("cases", "request-confirmation", n, "--as", "质管张工", "--manufacturer", "某药厂", "--confirmation-requested-at", today)
	d.ok("cases", "record-confirmation", n, "--as", "质管张工", "--confirmation-received-at", today, "--confirmation-conclusion", "denied")
	d.ok(decide...)
}

// A policy's not_before names the receipt or another date field; anything
// else is caught by desk policy check, at its line.
func TestPolicyCheckNotBefore(t *testing.T) {
	d := newCLIDesk(t)
	text := d.ok("policy", "show", "--preset", "gsp")
	lines := strings.Split(text, "\n")
	broken := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "not_before = ") {
			lines[i], broken = `not_before = ["received", "manufacturer"]`, i+1
			break
		}
	}
	if broken < 0 {
		t.Fatal("the gsp preset has no not_before")
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := d.run("policy", "check", bad)
	if code != 1 || !strings.Contains(errs, `not_before "manufacturer"`) || !strings.Contains(errs, fmt.Sprintf(":%d", broken)) {
		t.Errorf("policy check of a not_before naming a text field: exit %d\n%s", code, errs)
	}
}
