package cli_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// goDuration is how Go writes a duration ("1614h15m0s"): never for people.
var goDuration = regexp.MustCompile(`\d+h\d+m\d+s`)

// Under LANG=zh the human output is Chinese: the tables' headings and
// labels, the names of statuses and clocks, durations in days and hours,
// the help's headings and the errors, cobra's included. --lang zh does the
// same under another locale; --format json keeps its English keys and ids.
func TestTheCommandLineSpeaksChinese(t *testing.T) {
	d := newCLIDesk(t)
	received := time.Now().Add(-(3*24 + 5) * time.Hour).In(mustShanghai(t)).Format("2006-01-02 15:04")
	n := d.newCase("--phone", "13812345678", "--name", "张三", "--content", "快递延误三天，包裹破损", "--received", received, "--field", "late_reason=按通话记录补录")
	d.env["LANG"] = "zh_CN.UTF-8"

	table := d.ok("cases", "list")
	for _, want := range []string{"编号", "受理时间", "投诉人", "状态", "最近时限", "已登记", "首次响应 ", "（超时 2天"} {
		if !strings.Contains(table, want) {
			t.Errorf("cases list lacks %q:\n%s", want, table)
		}
	}
	show := d.ok("cases", "show", n)
	for _, want := range []string{"状态：", "已登记", "渠道：", "时限：", "处理记录：", "投诉内容：\n  快递延误三天，包裹破损",
		"首次响应", "已超时", "（超时 2天", "登记"} {
		if !strings.Contains(show, want) {
			t.Errorf("cases show lacks %q:\n%s", want, show)
		}
	}
	for name, out := range map[string]string{"list": table, "show": show} {
		if goDuration.MatchString(out) || strings.Contains(out, "status:") || strings.Contains(out, "NEXT DUE") {
			t.Errorf("cases %s in zh has English or a Go duration:\n%s", name, out)
		}
	}

	// JSON is for programs: English keys, the policy's ids.
	var v map[string]any
	if err := json.Unmarshal([]byte(d.ok("cases", "show", n, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	if v["status"] != "registered" || v["channel"] != "phone" {
		t.Errorf("JSON under zh: status %v channel %v", v["status"], v["channel"])
	}
	clocks, _ := v["clocks"].([]any)
	if len(clocks) == 0 || clocks[0].(map[string]any)["state"] != "breached" {
		t.Errorf("JSON clocks under zh: %v", clocks)
	}

	help := d.ok("--help")
	for _, want := range []string{"用法：", "可用命令：", "选项：", "登记、列出、查看和处理投诉单", "help        任一命令的帮助", "desk 的帮助"} {
		if !strings.Contains(help, want) {
			t.Errorf("desk --help lacks %q:\n%s", want, help)
		}
	}
	sub := d.ok("cases", "list", "--help")
	for _, want := range []string{"desk cases list [选项]", "全局选项：", "（默认 50）", "只要此状态"} {
		if !strings.Contains(sub, want) {
			t.Errorf("desk cases list --help lacks %q:\n%s", want, sub)
		}
	}
	for _, out := range []string{help, sub} {
		for _, english := range []string{"Usage:", "Flags:", "Available Commands:", "Global Flags:", "(default", "help for"} {
			if strings.Contains(out, english) {
				t.Errorf("the help in zh says %q:\n%s", english, out)
			}
		}
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"cases", "list", "--bogus"}, "desk: 错误：没有选项：--bogus\n"},
		{[]string{"cases", "show"}, "desk: 错误：需要 1 个参数，收到 0 个\n"},
		{[]string{"cases", "list", "--tab", "foo"}, "desk: 错误：没有标签 \"foo\"（all、mine、unassigned、due-today、overdue、revisit、approvals）\n"},
		{[]string{"cases", "list", "--limit", "x"}, "desk: 错误：选项 \"--limit\" 的值 \"x\" 无效"},
		{[]string{"calendar", "bogus"}, ""}, // a command group prints its help
		{[]string{"bogus"}, "desk: 错误：没有命令 \"bogus\"（\"desk\" 下）"},
	} {
		out, errs, code := d.run(tc.args...)
		if tc.want == "" {
			if code != 0 || !strings.Contains(out, "可用命令：") {
				t.Errorf("desk %v: exit %d, %q", tc.args, code, out)
			}
			continue
		}
		if code != 1 || !strings.HasPrefix(errs, tc.want) {
			t.Errorf("desk %v: exit %d, stderr %q; want %q", tc.args, code, errs, tc.want)
		}
	}

	// --lang zh under an English locale; English under LANG=en.
	d.env["LANG"] = "en_US.UTF-8"
	if got := d.ok("--lang", "zh", "cases", "list"); got != table {
		t.Errorf("--lang zh differs from LANG=zh:\n%s\n%s", got, table)
	}
	en := d.ok("cases", "show", n)
	if !regexp.MustCompile(`first_response +breached +due .* \(breached by 2d \d+h\)`).MatchString(en) || goDuration.MatchString(en) {
		t.Errorf("cases show in English:\n%s", en)
	}
	if _, errs, _ := d.run("cases", "list", "--bogus"); errs != "desk: error: unknown flag: --bogus\n" {
		t.Errorf("an English error: %q", errs)
	}
}
