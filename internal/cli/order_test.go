package cli_test

import (
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
