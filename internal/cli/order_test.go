package cli_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// --at before the step the case's status came from is refused in both
// languages and changes nothing; the step at its own time goes through
// (finding 5).
func TestCLIBackdatedStepKeepsTheOrder(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	now := time.Now()
	n := c.newCase("--as", "李娜", "--name", "吴二", "--phone", "13700006667", "--content", "来信投诉", "--grade", "C",
		"--received", stamp(t, now.Add(-50*time.Minute)))
	c.ok("cases", "acknowledge", n, "--as", "李娜", "--at", stamp(t, now.Add(-40*time.Minute)), "--expected", stamp(t, now.Add(24*time.Hour)))
	c.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "X")
	c.ok("cases", "assign", n, "--as", "李娜", "--handler", "李娜")
	resolve := []string{"cases", "resolve", n, "--as", "李娜", "--type", "apology", "--reply", "致歉", "--resolution", "已道歉", "--category", "service.rude"}
	c.refused(n, append(resolve, "--at", stamp(t, now.Add(-30*time.Minute))), "时间不能早于之前的「分派」", "before the earlier step assign")
	c.ok(resolve...)
	if got := c.show(n).Status; got != "resolved" {
		t.Errorf("status %q after resolving now; want resolved", got)
	}
}

// cases new --grade below the grading rules' grade is refused with the
// rule's reason and registers nothing; --grade at the rules' grade is
// registered (finding 6).
func TestCLIIntakeMayNotLowerTheRulesGrade(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	args := []string{"cases", "new", "--as", "李娜", "--channel", "phone", "--name", "伤者", "--phone", "13700003434",
		"--content", "产品爆炸致人受伤", "--injury", "--media", "--collective", "12"}
	for _, lang := range [][2]string{{"zh", "按定级规则应为 A 级（"}, {"en", "the grading rules give grade A ("}} {
		out, errs, code := c.run(append(append([]string{"--lang", lang[0]}, args...), "--grade", "D")...)
		if code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("cases new --grade D (%s): exit %d, stdout %q, stderr %q; want exit 1 saying %q", lang[0], code, out, errs, lang[1])
		}
	}
	if got := c.list(); len(got) != 0 {
		t.Fatalf("refused registrations wrote %d cases", len(got))
	}
	n := c.newCase(append(args[2:], "--grade", "A")...)
	if g := c.show(n).Grade; g != "A" {
		t.Errorf("registered --grade A, shows grade %q", g)
	}
}

// cases new with a --received more than an hour ago needs the late
// reason; given (--field late_reason=…, until cases new has --late) the
// history marks the registration 补录 with both times (finding 7).
func TestCLILateRegistrationNeedsItsReason(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	received := stamp(t, time.Now().AddDate(0, 0, -8))
	args := []string{"cases", "new", "--as", "李娜", "--channel", "letter", "--name", "吴五", "--phone", "13700006670",
		"--content", "来信投诉", "--received", received}
	for _, lang := range [][2]string{{"zh", "现在登记（晚于一小时）：请填写补录原因"}, {"en", "give the reason for the late entry"}} {
		out, errs, code := c.run(append([]string{"--lang", lang[0]}, args...)...)
		if code != 1 || !strings.Contains(errs, lang[1]) {
			t.Errorf("cases new --received 8 days ago (%s): exit %d, stdout %q, stderr %q; want exit 1 saying %q", lang[0], code, out, errs, lang[1])
		}
	}
	if got := c.list(); len(got) != 0 {
		t.Fatalf("refused registrations wrote %d cases", len(got))
	}
	n := c.newCase(append(args[2:], "--field", "late_reason=信件积压")...)
	out := c.ok("--lang", "zh", "cases", "show", n)
	if !regexp.MustCompile(regexp.QuoteMeta(received) + `  登记 .*补录：录入于 \d{4}-\d\d-\d\d \d\d:\d\d，补录原因：信件积压`).MatchString(out) {
		t.Errorf("cases show does not mark the registration 补录 at %s:\n%s", received, out)
	}
}

// On the command line: the quality inspector's acknowledge and another
// agent's resolve are refused in both languages and change nothing; the
// handler resolves; whoever handled and closed the case may not revisit it
// (findings 14, 15).
func TestCLIDutiesAreSeparated(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "王强:agent", "陈主管:supervisor", "周主管:supervisor", "质检甲:qa")
	n := c.newCase("--as", "李娜", "--name", "赵六", "--phone", "13912345678", "--content", "客服态度差", "--grade", "C")
	expected := stamp(t, time.Now().Add(24*time.Hour))
	c.refused(n, []string{"cases", "acknowledge", n, "--as", "质检甲", "--expected", expected},
		"您的角色（质检员）不能首次响应", "role qa may not acknowledge")
	c.ok("cases", "acknowledge", n, "--as", "李娜", "--expected", expected)
	c.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "产品A")
	c.ok("cases", "assign", n, "--as", "李娜", "--handler", "李娜")
	resolve := []string{"cases", "resolve", n, "--type", "apology", "--reply", "抱歉", "--resolution", "道歉", "--category", "service.rude"}
	c.refused(n, append(resolve, "--as", "王强"), "此投诉单由 李娜 处理：只有处理人或主管可以解决", "only the handler or a supervisor may resolve")
	c.ok(append(resolve, "--as", "李娜")...)
	c.ok("cases", "implement", n, "--as", "李娜", "--implementation", "已致歉")
	c.ok("cases", "close", n, "--as", "陈主管")
	c.refused(n, []string{"cases", "revisit", n, "--as", "陈主管", "--satisfaction", "5"},
		"处理人或结案人不能回访自己经办的投诉", "whoever closed it may not revisit it")
	c.ok("cases", "revisit", n, "--as", "周主管", "--satisfaction", "5")
	if got := c.show(n).Status; got != "revisited" {
		t.Errorf("status %q after another supervisor's revisit; want revisited", got)
	}
}

// cases close of a grade A case without the investigation report, or
// with a grade request pending, is refused in both languages and changes
// nothing; with the report and the request decided it closes (finding 11).
func TestCLIGradeAClosureNeedsTheReport(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "陈主管:supervisor", "周主管:supervisor")
	n := c.newCase("--as", "李娜", "--name", "甲A", "--phone", "13700001212", "--content", "人身伤害", "--injury")
	c.ok("cases", "acknowledge", n, "--as", "李娜", "--expected", stamp(t, time.Now().Add(24*time.Hour)))
	c.ok("cases", "verify", n, "--as", "李娜", "--complainant", "--item", "--product", "P")
	c.ok("cases", "assign", n, "--as", "李娜", "--handler", "李娜")
	c.ok("cases", "resolve", n, "--as", "李娜", "--type", "compensation=5000", "--resolution", "赔偿", "--reply", "已赔偿", "--category", "product.defect")
	c.ok("cases", "implement", n, "--as", "李娜", "--implementation", "已付")
	closing := []string{"cases", "close", n, "--as", "陈主管"}
	c.refused(n, closing, "A、B 级投诉结案前须有调查报告", "closed only with its investigation report")
	c.ok("cases", "findings", n, "--as", "李娜", "--facts", "产品漏电", "--cause", "绝缘破损", "--conclusion", "justified")
	c.ok("cases", "grade", n, "--as", "李娜", "--grade", "C", "--reason", "无伤害")
	c.refused(n, closing, "改为 C 级的申请尚未审批", "awaits a decision")
	c.ok("cases", "refuse-grade", n, "--as", "周主管", "--reason", "确有人身伤害")
	c.ok(closing...)
	if got := c.show(n); got.Status != "closed" || got.Grade != "A" {
		t.Errorf("after the report and the decision: %s grade %s; want closed, A", got.Status, got.Grade)
	}
}

// --field with a key that is none of the policy's is refused in both
// languages and changes nothing (finding 16).
func TestCLIFieldOnlyThePolicys(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	n := c.newCase("--as", "李娜", "--name", "孙八", "--phone", "13700002222", "--content", "媒体曝光", "--grade", "C")
	c.refused(n, []string{"cases", "note", n, "--as", "李娜", "--note", "hi", "--field", "status=closed"},
		"没有字段「status」", `has no field "status"`)
	c.ok("cases", "note", n, "--as", "李娜", "--note", "hi")
	if got := c.show(n); got.Status != "registered" || len(got.History) != 2 {
		t.Errorf("after the note: status %s, %d events", got.Status, len(got.History))
	}
}

// A late reason of a zero-width space is no reason (finding 10); a
// one-character name shows as "*" to a masked role (finding 24).
func TestCLIInvisibleReasonAndOneCharacterName(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	now := time.Now()
	n := c.newCase("--as", "李娜", "--name", "王", "--phone", "13800131234", "--content", "x",
		"--received", stamp(t, now.Add(-3*time.Hour)), "--field", "late_reason=按通话记录补录")
	at := stamp(t, now.Add(-2*time.Hour))
	for _, b := range []string{"\u200b", "\u2800", "\u3164"} {
		c.refused(n, []string{"cases", "contact", n, "--as", "李娜", "--note", "回电", "--at", at, "--late", b, "--outcome", "reached"},
			"请填写补录原因", "give the reason for the late entry")
	}
	if got := c.list("--as", "质检甲"); len(got) != 1 || got[0].Name != "*" {
		t.Errorf("the one-character name as qa sees it: %+v", got)
	}
}

// cases complainant by a masked role does not confirm a phone: refused
// alike for the complainant's phone and another (finding 8's second
// oracle).
func TestCLIMaskedComplainantConfirmsNothing(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	n := c.newCase("--as", "李娜", "--name", "邓涵涵", "--phone", "18875446679", "--content", "x")
	for _, phone := range []string{"18875446679", "18875446670"} {
		c.refused(n, []string{"cases", "complainant", n, "--as", "质检甲", "--name", "x", "--phone", phone},
			"您的角色（质检员）不能添加投诉人", "role qa may not")
	}
	c.ok("cases", "complainant", n, "--as", "李娜", "--name", "邓二", "--phone", "18875446670")
}

// cases act takes the late reason as --field late_reason=… (the id its
// refusal names; finding 23) until it has a --late flag.
func TestCLIActTakesTheLateReasonAsAField(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	now := time.Now()
	n := c.newCase("--as", "李娜", "--name", "作用", "--phone", "13700030000", "--content", "x",
		"--received", stamp(t, now.Add(-5*time.Hour)), "--field", "late_reason=按通话记录补录")
	at := stamp(t, now.Add(-3*time.Hour))
	c.refused(n, []string{"cases", "act", n, "note", "--as", "李娜", "--note", "x", "--at", at}, "请填写补录原因", "give the reason for the late entry")
	c.ok("cases", "act", n, "note", "--as", "李娜", "--note", "x", "--at", at, "--field", "late_reason=系统故障")
	if out := c.ok("--lang", "zh", "cases", "show", n); !strings.Contains(out, "补录原因：系统故障") {
		t.Errorf("the late note is not marked with its reason:\n%s", out)
	}
}
