package cli_test

// The 26-query attack on the command line (issue 13): qa sees phones
// masked (138****9342) and tries to rebuild one with `cases list
// --search` and `export cases --search`; every fragment finds nothing
// beyond what qa sees, the whole number finds the case and is in `desk
// audit`, and neither the outputs nor a refusal holds the number.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"complaintdesk/internal/desk/desktest"
)

func TestCLIMaskedSearchAttack(t *testing.T) {
	const phone, masked, name = "13812349342", "138****9342", "欧阳娜娜"
	c := newCLIDesk(t)
	c.users("李娜:agent", "qa1:qa", "qa2:qa", "qa3:qa", "qa4:qa", "qa5:qa", "陈主管:supervisor")
	target := c.newCase("--as", "李娜", "--name", name, "--phone", "138 1234 9342", "--content", "电热水器漏水，把楼下邻居家的天花板泡坏了", "--grade", "C")
	byContent := c.newCase("--as", "李娜", "--name", "张三", "--phone", "13900001111", "--content", "订单 49342 的退款还没到账，客服说娜娜会回电", "--grade", "C")
	sameSuffix := c.newCase("--as", "李娜", "--name", "李四", "--phone", "13700009342", "--content", "客服态度差", "--grade", "C")

	// What qa sees of each case: `cases show --format json`.
	seen := map[string]string{}
	for _, n := range []string{target, byContent, sameSuffix} {
		out := c.ok("cases", "show", n, "--format", "json", "--as", "qa1")
		if strings.Contains(out, phone) || strings.Contains(out, name) {
			t.Fatalf("cases show as qa shows the personal data:\n%s", out)
		}
		var v struct {
			Number, Name, Phone, Content, Demand, Subject string
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		seen[n] = strings.Join([]string{v.Number, v.Name, v.Phone, v.Content, v.Demand, v.Subject}, "\n")
	}
	if !strings.Contains(seen[target], masked) {
		t.Fatalf("qa does not see the phone masked:\n%s", seen[target])
	}
	numbers := func(cases []listedCase) []string {
		var out []string
		for _, lc := range cases {
			out = append(out, lc.Number)
		}
		return out
	}
	// An agent finds the case by a fragment: masking is what stops qa.
	if got := numbers(c.list("--search", phone[5:], "--as", "李娜")); !slices.Contains(got, target) {
		t.Fatalf("an agent's search %s finds %v", phone[5:], got)
	}

	attack := append(desktest.PhoneAttack(phone), desktest.NameAttack(name)...)
	foundByContent := false
	for i, q := range attack {
		// 51 of the searches are whole values: spread over four other qa
		// users, each under the 20 an hour the desk allows (lookup_limit_test.go).
		qa := fmt.Sprintf("qa%d", 2+i%4)
		for _, n := range numbers(c.list("--search", q, "--as", qa)) {
			if n == target || !desktest.Visible(seen[n], q) {
				t.Errorf("qa's cases list --search %q lists %s, whose visible text does not hold it", q, n)
			}
			foundByContent = foundByContent || n == byContent
		}
	}
	if !foundByContent {
		t.Error("no fragment found the case whose content holds it")
	}
	for _, q := range []string{phone[len(phone)-5:], "阳娜"} {
		out := c.ok("export", "cases", "--search", q, "--format", "csv", "--out", "-", "--as", "qa1")
		if strings.Contains(out, target) || strings.Contains(out, phone) {
			t.Errorf("qa's export --search %q lists the target:\n%s", q, out)
		}
	}
	audit := func() string { return c.ok("audit", "--case", target, "--as", "陈主管") }
	if out := audit(); strings.Contains(out, "lookup") {
		t.Errorf("fragments were audited as look-ups:\n%s", out)
	}

	// The whole number: found in the table and in an export, masked, and
	// the look-up audited with who and the value masked.
	table := c.ok("cases", "list", "--search", "138 1234 9342", "--as", "qa1")
	if !strings.Contains(table, target) || strings.Contains(table, sameSuffix) || !strings.Contains(table, masked) || strings.Contains(table, phone) {
		t.Errorf("qa's search by the whole number:\n%s", table)
	}
	exp := c.ok("export", "cases", "--search", phone, "--format", "csv", "--out", "-", "--as", "qa1")
	if !strings.Contains(exp, target) || strings.Contains(exp, phone) || strings.Contains(exp, name) {
		t.Errorf("qa's export by the whole number:\n%s", exp)
	}
	// Looking the same person up again the same day (the list, then the
	// export) is the day's one look-up of them on this case.
	out := audit()
	if strings.Count(out, "lookup") != 1 || !strings.Contains(out, "qa1") || !strings.Contains(out, masked) || strings.Contains(out, phone) {
		t.Errorf("desk audit after two whole-number look-ups the same day:\n%s", out)
	}
	if out := c.ok("audit", "--case", sameSuffix, "--as", "陈主管"); strings.Contains(out, "lookup") {
		t.Errorf("the case with the same visible suffix has look-ups:\n%s", out)
	}

	// Refusals say nothing of the number or the name.
	for _, args := range [][]string{
		{"cases", "grade", target, "--grade", "A", "--reason", "媒体报道", "--as", "qa1"},
		{"cases", "close", target, "--as", "qa1"},
		{"cases", "show", "TS20200101-0001", "--as", "qa1"},
	} {
		for _, lang := range []string{"zh", "en"} {
			stdout, stderr, code := c.run(append([]string{"--lang", lang}, args...)...)
			if code == 0 {
				t.Errorf("desk %s was not refused", strings.Join(args, " "))
			}
			if all := stdout + stderr; strings.Contains(all, "12349342") || strings.Contains(all, "阳娜") {
				t.Errorf("desk %s tells qa the personal data:\n%s", strings.Join(args, " "), all)
			}
		}
	}
}
