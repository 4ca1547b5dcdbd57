package cli_test

// Failing on purpose: what the command line still gets wrong about the
// rules of issue 12 and 13 (see the report of the tests branch). Each test
// says what should happen; the lead fixes the code, not these tests.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A step entered more than an hour after it happened needs the reason for
// the late entry (补录原因), given with --late, and the history keeps both
// times (issue 13: "marked 补录 with both times in the history, the
// printed forms and --format json"). Today the refusal asks for the reason
// but no command takes it (internal/cli/steps.go makes flags from the
// step's fields; actions.LateReason, flag "late", is added only to the
// terminal's form in desk.Form), so nothing can be entered late from the
// command line; and the JSON history has neither the entry time nor the
// reason.
func TestCLILateEntryWithItsReason(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	now := time.Now()
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C", "--received", stamp(t, now.Add(-5*time.Hour)),
		"--field", "late_reason=系统故障，按通话记录补录")
	called := stamp(t, now.Add(-3*time.Hour))
	c.refused(n, []string{"cases", "contact", n, "--as", "李娜", "--outcome", "reached", "--at", called}, "补录原因", "reason for the late entry")
	c.ok("cases", "contact", n, "--as", "李娜", "--outcome", "reached", "--at", called, "--late", "系统故障，按通话记录补录")
	var v struct {
		History []struct {
			Action  string `json:"action"`
			At      string `json:"at"`
			Entered string `json:"entered_at"`
			Late    string `json:"late_reason"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("cases", "show", n, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	last := v.History[len(v.History)-1]
	if last.Action != "contact" || last.Late != "系统故障，按通话记录补录" || last.Entered == "" || last.Entered == last.At {
		t.Errorf("the late entry in the JSON history: %+v; want both times and the reason", last)
	}
	if text := c.ok("cases", "show", n); !strings.Contains(text, "补录") && !strings.Contains(text, "late entry") {
		t.Errorf("cases show does not mark the late entry:\n%s", text)
	}
}

// desk check verifies the events' hash chain and names the first broken
// event (issue 13). Today it runs PRAGMA integrity_check only
// (internal/cli/cli.go checkCmd, store/sqlite DB.Check): an edited history
// passes as "ok".
func TestCLICheckFindsAnEditedHistory(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	c.ok("cases", "note", n, "--as", "李娜", "--note", "已联系快递公司")
	c.ok("cases", "note", n, "--as", "李娜", "--note", "快递公司答复明天送达")
	if out := strings.TrimSpace(c.ok("check")); out != "ok" {
		t.Fatalf("check of an untouched desk: %q", out)
	}
	// someone with the file edits a note, going round the triggers
	db, err := sql.Open("sqlite", c.env["DESK_DB"])
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, q := range []string{`DROP TRIGGER events_no_update`, `UPDATE events SET note = '客户同意撤诉' WHERE note = '已联系快递公司'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.QueryRow(`SELECT id FROM events WHERE note = '客户同意撤诉'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errs, code := c.run("check")
	if code == 0 || !strings.Contains(out+errs, n) {
		t.Errorf("check of an edited history: exit %d, %q %q; want it refused, naming %s and event %d", code, out, errs, n, id)
	}
}

// Red team 9: removing a case's last events (a reveal and what followed),
// round the triggers, left a chain that checked: desk check said ok.
func TestCLICheckFindsATruncatedHistory(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	n := c.newCase("--as", "李娜", "--phone", "13812345678", "--content", "快递延误", "--grade", "C")
	c.ok("cases", "note", n, "--as", "李娜", "--note", "已联系快递公司")
	c.ok("cases", "reveal", n, "--as", "质检甲", "--reason", "核对回访电话")
	c.ok("cases", "note", n, "--as", "李娜", "--note", "快递公司答复明天送达")
	db, err := sql.Open("sqlite", c.env["DESK_DB"])
	if err != nil {
		t.Fatal(err)
	}
	var kept int64
	for _, q := range []string{`DROP TRIGGER events_no_delete`, `DELETE FROM events WHERE id >= (SELECT id FROM events WHERE action = 'reveal')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.QueryRow(`SELECT max(id) FROM events`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errs, code := c.run("--lang", "zh", "check")
	if want := fmt.Sprintf("投诉单 %s 的处理记录在第 %d 号记录之后被截断", n, kept); code == 0 || !strings.Contains(out+errs, want) {
		t.Errorf("check of a truncated history: exit %d, %q %q; want it refused saying %q", code, out, errs, want)
	}
}

// The gsp preset decides a refund with its amount (a refund needs one).
// Today `cases decide` has no --amount (policy steps get a generic field
// only when their transition requires it, actions/registry.go
// policyStep), so a refund cannot be decided on the command line:
// "amount: Refund needs the amount".
func TestCLIGSPDecidesARefundWithItsAmount(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init", "--profile", "gsp")
	c.users("门店小王:receiver", "质管张工:qm", "质管部李经理:qm_manager", "业务刘经理:business_manager")
	n := c.newCase("--as", "门店小王", "--nature", "quality_nonclinical", "--phone", "13812345678", "--name", "陈女士", "--content", "包装破损")
	c.ok("cases", "verify", n, "--as", "门店小王", "--complainant", "--item", "--product", "维生素C 批号 20260901")
	c.ok("cases", "forward", n, "--as", "门店小王")
	c.ok("cases", "dispatch", n, "--as", "质管张工", "--department", "qm", "--handler", "质管张工")
	c.ok("cases", "findings", n, "--as", "质管张工", "--facts", "外包装破损", "--cause", "运输挤压", "--conclusion", "justified")
	c.ok("cases", "submit-report", n, "--as", "质管张工")
	c.ok("cases", "accept-report", n, "--as", "质管部李经理")
	c.ok("cases", "decide", n, "--as", "业务刘经理", "--resolution", "退款", "--type", "refund", "--amount", "35")
}
