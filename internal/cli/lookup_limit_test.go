package cli_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Each command line run is a process of its own, and a masked role's
// look-ups by a whole phone are counted in the database: qa's 21st
// distinct whole phone within the hour is refused, in Chinese under
// --lang zh, telling nothing of the number and writing nothing; desk
// audit --user lists the 20 tries that found nothing, masked.
func TestCLIWholePhoneLookupsAreLimitedAcrossRuns(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "qa1:qa", "陈主管:supervisor")
	target := c.newCase("--as", "李娜", "--name", "欧阳娜娜", "--phone", "138 1234 9342", "--content", "电热水器漏水", "--grade", "C")
	for i := range 20 {
		if got := c.list("--search", fmt.Sprintf("138%04d9342", i), "--as", "qa1"); len(got) != 0 {
			t.Fatalf("guess %d found %v", i+1, got)
		}
	}
	before := c.dbSum()
	stdout, stderr, code := c.run("--lang", "zh", "cases", "list", "--search", "138 1234 9342", "--as", "qa1")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "一小时内以完整电话或姓名查找已超过 20 次") {
		t.Errorf("qa's 21st whole phone: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "12349342") || strings.Contains(stdout+stderr, target) {
		t.Errorf("the refusal tells of the case: %s%s", stdout, stderr)
	}
	if c.dbSum() != before {
		t.Error("the refused look-up changed the database")
	}
	// What qa sees is still searched: a word of the content and the
	// beginning of a mobile are no look-ups, past the limit too.
	for _, q := range []string{"漏水", "电热水器", "13812", "1381234934"} {
		want := 0
		if !strings.HasPrefix(q, "138") {
			want = 1
		}
		if got := c.list("--search", q, "--as", "qa1"); len(got) != want {
			t.Errorf("qa's search %q past the limit found %d cases, want %d", q, len(got), want)
		}
	}

	table := c.ok("--lang", "zh", "audit", "--user", "qa1", "--as", "陈主管")
	if n := strings.Count(table, "138****9342"); n != 20 || strings.Count(table, "未找到投诉单") != 20 || strings.Contains(table, "00009342") {
		t.Errorf("desk audit --user qa1 lists %d tries, want the 20 misses masked:\n%s", n, table)
	}
	var entries []struct{ User, Action, Case, Reason, Value string }
	if err := json.Unmarshal([]byte(c.ok("audit", "--user", "qa1", "--format", "json", "--as", "陈主管")), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 20 {
		t.Fatalf("desk audit --user qa1 --format json: %d entries, want 20", len(entries))
	}
	for _, e := range entries {
		if e.User != "qa1" || e.Action != "lookup" || e.Case != "" || e.Value != "138****9342" || e.Reason != "no case found" {
			t.Errorf("a miss listed as %+v", e)
		}
	}
}

// dbSum is a digest of the database's files as they are between runs.
func (c *cliDesk) dbSum() string {
	c.t.Helper()
	h := sha256.New()
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(c.env["DESK_DB"] + suffix)
		if err != nil && !os.IsNotExist(err) {
			c.t.Fatal(err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
