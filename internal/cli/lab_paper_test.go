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

// The laboratory's paper trail that TestLabAppealOnTheCommandLine and
// TestLabDepartmentHeadHandlesAGeneralComplaint leave out: appeals only in
// writing (000 §1.1) and never before the report was received, the
// confidentiality agreement (模版二 第五条3), and what the registers show.
func TestLabWrittenAppealsConfidentialityAndRegisters(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	d.ok("init", "--profile", "lab")
	d.users("王芳:lab-reception", "张敏:quality-manager", "赵主任:department-head")
	sh := mustShanghai(t)
	day := func(offset int) string { return time.Now().In(sh).AddDate(0, 0, offset).Format("2006-01-02") }
	appeal := func(extra ...string) []string {
		return append([]string{"--as", "王芳", "--nature", "appeal", "--report", "R2026-0101",
			"--name", "赵六", "--phone", "13912345678", "--content", "对铅含量结论有异议", "--grounds", "第三方检测合格", "--sample", "大米"}, extra...)
	}
	registerRefused := func(wants []string, args ...string) {
		t.Helper()
		before := len(d.list())
		_, errs, code := d.run(append([]string{"--lang", "zh", "cases", "new"}, args...)...)
		if code != 1 {
			t.Errorf("desk %s: exit %d, want 1: %s", strings.Join(args, " "), code, errs)
		}
		for _, w := range wants {
			if !strings.Contains(errs, w) {
				t.Errorf("desk %s: the refusal lacks %q:\n%s", strings.Join(args, " "), w, errs)
			}
		}
		if after := len(d.list()); after != before {
			t.Errorf("a refused registration wrote a case: %d → %d", before, after)
		}
	}

	// 000 §1.1: in writing; by phone only with the reason, which the register shows
	registerRefused([]string{"申诉须以书面形式提出", "电话申诉须填写非书面申诉的理由", "000 §1.1"},
		appeal("--channel", "phone", "--report-received", day(-3))...)
	byPhone := d.newCase(appeal("--channel", "phone", "--report-received", day(-3), "--field", "written_exception=客户行动不便，电话申诉后补交书面材料")...)
	form := d.ok("cases", "print", byPhone, "--form", "appeal", "--as", "王芳")
	if got := value(part(t, form, "【申述登记】"), "方式"); got != "电话（非书面申诉的理由：客户行动不便，电话申诉后补交书面材料）" {
		t.Errorf("the appeal register's channel for a phone appeal: %q\n%s", got, form)
	}
	for _, ch := range []string{"letter", "email", "web", "walk-in"} {
		d.newCase(appeal("--channel", ch, "--report-received", day(-3))...)
	}
	// ...and not before the customer had the report
	registerRefused([]string{"报告接收日期晚于本次投诉的受理日期"},
		appeal("--channel", "letter", "--report-received", day(0), "--received", day(-2)+" 10:00")...)

	// 模版二 第五条3: a sensitive complaint is accepted once the agreement is signed
	s := d.newCase(appeal("--channel", "letter", "--report-received", day(-3), "--field", "sensitive=yes")...)
	expected := stamp(t, time.Now().AddDate(0, 0, 5))
	d.refuses(s, []string{"涉及保密信息的投诉须先签订保密协议", "000 模版二 第五条"}, "cases", "acknowledge", s, "--as", "王芳", "--expected", expected)
	blank := d.ok("cases", "print", s, "--form", "confidentiality", "--as", "王芳")
	if got := value(part(t, blank, "【签订】"), "签订日期"); got != "____年__月__日" || !strings.Contains(blank, "投诉保密协议") || !strings.Contains(blank, "赵六") {
		t.Errorf("the unsigned agreement:\n%s", blank)
	}
	d.refuses(s, []string{"此操作需要填写：保密协议签订日期"}, "cases", "sign-confidentiality", s, "--as", "王芳")
	d.refuses(s, []string{"保密协议签订日期（" + day(-30) + "）早于本次投诉的受理日期"}, "cases", "sign-confidentiality", s, "--as", "王芳",
		"--confidentiality-signed", day(-30))
	d.refuses(s, []string{"不能晚于今天"}, "cases", "sign-confidentiality", s, "--as", "王芳", "--confidentiality-signed", day(1))
	d.ok("cases", "sign-confidentiality", s, "--as", "王芳", "--confidentiality-signed", day(0))
	d.ok("cases", "acknowledge", s, "--as", "王芳", "--expected", expected)
	signed := d.ok("cases", "print", s, "--form", "confidentiality", "--format", "md", "--as", "王芳")
	if !strings.Contains(signed, "| 签订日期 | "+day(0)+" |") || !strings.Contains(signed, "# 投诉保密协议") {
		t.Errorf("the signed agreement in Markdown:\n%s", signed)
	}
	// a complaint that is not sensitive needs none
	plain := d.newCase(appeal("--channel", "letter", "--report-received", day(-3))...)
	d.ok("cases", "acknowledge", plain, "--as", "王芳", "--expected", expected)

	// 000 §2.1.1: the general complaint's handling register; the head's view
	// of the customer's file lists only what the head may open
	g := d.newCase("--as", "王芳", "--channel", "letter", "--nature", "complaint", "--category", "sampling",
		"--name", "赵六", "--phone", "13912345678", "--content", "采样人员未按约定时间到场")
	d.ok("cases", "acknowledge", g, "--as", "王芳", "--expected", expected)
	d.ok("cases", "assign", g, "--as", "王芳", "--handler", "赵主任", "--department", "sampling")
	file := d.ok("cases", "print", g, "--form", "complaint-file", "--as", "赵主任")
	if !strings.Contains(file, g) || strings.Contains(file, byPhone) || strings.Contains(file, "对铅含量") || !strings.Contains(file, "投诉记录（1 件）") {
		t.Errorf("the head's complaint file shows appeals the head cannot open:\n%s", file)
	}
	if _, errs, code := d.run("cases", "show", byPhone, "--as", "赵主任"); code == 0 {
		t.Errorf("the head opened an appeal: %s", errs)
	}
	if all := d.ok("cases", "print", g, "--form", "complaint-file", "--as", "王芳"); !strings.Contains(all, byPhone) || !strings.Contains(all, g) {
		t.Errorf("reception's complaint file of 赵六 lacks a case:\n%s", all)
	}
	reg := d.ok("cases", "print", g, "--form", "handling-register", "--format", "md", "--as", "赵主任")
	if !strings.Contains(reg, "# 客户投诉处理登记表") || !strings.Contains(reg, "采样人员未按约定时间到场") || !strings.Contains(reg, "赵主任") {
		t.Errorf("the Markdown handling register:\n%s", reg)
	}
	path := filepath.Join(t.TempDir(), "处理登记.csv")
	d.ok("export", "register", "--register", "handling-register", "--out", path, "--as", "张敏")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != g {
		t.Errorf("the handling register lists the general complaints only: %v %v", rows, err)
	}
}
