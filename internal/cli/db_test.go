package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

// inStore runs fn in a write transaction on the test's database: records
// no command makes on the default policy (a notice, a station log entry).
func (c *cliDesk) inStore(fn func(tx store.Tx) error) {
	c.t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, c.env["DESK_DB"])
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	if err := db.Write(ctx, fn); err != nil {
		c.t.Fatal(err)
	}
}

// A desk with every kind of record is copied whole into a new database:
// the copy says what it copied, checks counts, reports and chains itself,
// and the copy then reads, audits and numbers like the original.
func TestDBCopyCopiesAWholeDesk(t *testing.T) {
	src := newCLIDesk(t)
	admin := strings.Split(src.ok("init"), "\t")[2]
	admin = strings.TrimSpace(admin)
	src.ok("demo", "--count", "300", "--seed", "7")
	imp := src.ok("import", repoFile(t, "..", "shared", "data", "car-complaints-zh-600.csv"), "--map", repoFile(t, "examples", "import", "car-complaints-zh.toml"))
	if !strings.HasPrefix(imp, "imported 600") {
		t.Fatalf("import: %s", imp)
	}
	src.ok("calendar", "load", repoFile(t, "examples", "calendar", "2026.toml"))
	line, fp := newKeyLine(t, "chen@laptop")
	src.ok("users", "add", "陈主管", "--role", "supervisor", "--key", line)
	src.ok("users", "add", "李娜", "--role", "agent")
	src.ok("users", "add", "王质检", "--role", "qa")
	a := src.newCase("--name", "张三", "--phone", "13800138000", "--content", "退款未到账", "--grade", "C")
	b := src.newCase("--name", "李四", "--phone", "13900139000", "--content", "退款未到账，同一批", "--grade", "C")
	src.ok("cases", "link", a, "--with", b, "--reason", "同一批次", "--as", "李娜")
	month := prevMonth(t).Format("2006-01")
	src.ok("report", "revisit-sample", "--month", month, "--seed", "3", "--as", "陈主管")
	src.ok("report", "inspection-sample", "--month", month, "--seed", "4", "--as", "陈主管")
	src.ok("report", "file", "--month", month, "--as", "陈主管")
	src.backfill(func(ctx context.Context, d *desk.Desk) error {
		if _, err := d.Reveal(ctx, desk.Actor{Name: "王质检", Role: "qa"}, a, "客户来电核实身份"); err != nil {
			return err
		}
		if err := d.SetPIN(ctx, desk.Actor{Name: admin, Role: "admin"}, "李娜", "482913"); err != nil {
			return err
		}
		return d.SaveDraft(ctx, "李娜", "intake", `{"name":"王五"}`)
	})
	src.inStore(func(tx store.Tx) error {
		c, err := tx.CaseByNumber(a)
		if err != nil {
			return err
		}
		evs, err := tx.Events(c.ID)
		if err != nil {
			return err
		}
		if err := tx.AddNotice(&store.Notice{CaseID: c.ID, EventID: evs[0].ID, Role: "supervisor", Action: "register", Actor: admin, At: time.Now()}); err != nil {
			return err
		}
		return tx.LogSwitch(&store.StationSwitch{At: time.Now(), From: admin, To: "李娜", OK: false, Why: "wrong PIN"})
	})

	target := filepath.Join(t.TempDir(), "copy.db")
	out, errs, code := src.run("db", "copy", "--from", src.env["DESK_DB"], "--to", target)
	if code != 0 {
		t.Fatalf("db copy: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"cases\t902\n", "users\t5\n", "SSH keys\t1\n", "PINs\t1\n", "policy\t1\n", "calendar years\t1\n",
		"case links\t1\n", "samples\t2\n", "report filings\t1\n", "notices\t1\n", "unread notices\t1\n", "station log entries\t1\n", "drafts\t1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the copy's counts lack %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"counts match on both sides", "the monthly reports of", "identical on both sides", "history chains are intact"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the copy does not say %q:\n%s", want, errs)
		}
	}

	dst := &cliDesk{t: t, env: map[string]string{"DESK_DB": target, "LANG": "en_US.UTF-8", "HOME": t.TempDir()}}
	if got := dst.ok("check"); got != "ok\n" {
		t.Errorf("desk check on the copy: %q", got)
	}
	// What the desk shows reads the same on both sides.
	for _, args := range [][]string{
		{"cases", "show", a, "--as", "陈主管"},
		{"audit", "--case", a, "--as", admin},
		{"users", "keys", "list"},
		{"users", "list"},
		{"notices", "--as", "陈主管"},
		{"station", "log", "--as", admin},
		{"report", "filings", "--month", month, "--as", "陈主管"},
		{"report", "revisit-sample", "--month", month, "--as", "陈主管"},
		{"calendar", "years"},
		{"policy", "show"},
	} {
		if x, y := src.ok(args...), dst.ok(args...); x != y {
			t.Errorf("desk %s differs:\nsource:\n%s\ncopy:\n%s", strings.Join(args, " "), x, y)
		}
	}
	if got := dst.ok("users", "keys", "list"); !strings.Contains(got, fp) {
		t.Errorf("the key is not copied:\n%s", got)
	}
	if got := dst.ok("audit", "--case", a, "--as", admin); !strings.Contains(got, "客户来电核实身份") {
		t.Errorf("the reveal is not in the copy's audit:\n%s", got)
	}
	// Numbering continues where the source's did: a case registered on
	// each side now gets the same number.
	x := src.newCase("--name", "赵六", "--phone", "13700137000", "--content", "复制后登记", "--grade", "C")
	y := dst.newCase("--name", "赵六", "--phone", "13700137000", "--content", "复制后登记", "--grade", "C")
	if x != y {
		t.Errorf("after the copy the source numbers %s and the copy %s", x, y)
	}
	// The copy's search index is whole: a search finds the same cases.
	if x, y := src.ok("cases", "list", "--search", "退款未到账", "--format", "json"), dst.ok("cases", "list", "--search", "退款未到账", "--format", "json"); !strings.Contains(y, a) || len(x) != len(y) {
		t.Errorf("search after the copy:\nsource %d bytes, copy %d bytes:\n%s", len(x), len(y), y)
	}

	// A target that holds a desk is refused and left as it was.
	before := dst.ok("cases", "list", "--limit", "2000", "--format", "json")
	_, errs, code = src.run("db", "copy", "--from", src.env["DESK_DB"], "--to", target)
	if code == 0 || !strings.Contains(errs, "is not empty") || !strings.Contains(errs, "copy only into an empty database") {
		t.Errorf("a copy into a desk: exit %d\n%s", code, errs)
	}
	if after := dst.ok("cases", "list", "--limit", "2000", "--format", "json"); after != before {
		t.Error("the refused copy changed the target")
	}
	// In Chinese too.
	_, errs, _ = src.run("--lang", "zh", "db", "copy", "--from", src.env["DESK_DB"], "--to", target)
	if !strings.Contains(errs, "只能复制到空数据库") {
		t.Errorf("the refusal in Chinese: %s", errs)
	}
}

func TestDBCopyRefusals(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init")
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"db", "copy", "--from", c.env["DESK_DB"]}, "give --from and --to"},
		{[]string{"db", "copy", "--from", c.env["DESK_DB"], "--to", c.env["DESK_DB"]}, "are the same database"},
		// A mistyped source is not made (empty) and copied.
		{[]string{"db", "copy", "--from", filepath.Join(dir, "typo.db"), "--to", filepath.Join(dir, "new.db")}, "holds no desk to copy"},
		// A URL target in a build without PostgreSQL: said, no file made.
		{[]string{"db", "copy", "--from", c.env["DESK_DB"], "--to", "postgres://desk:hunter2@127.0.0.1:1/desk"}, "PostgreSQL support is not built in"},
		{[]string{"db", "copy", "--from", "postgres://desk:hunter2@127.0.0.1:1/desk", "--to", filepath.Join(dir, "new.db")}, "postgres://desk:xxxxx@127.0.0.1:1/desk"},
	} {
		out, errs, code := c.run(tc.args...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("desk %s: exit %d, want %q:\n%s%s", strings.Join(tc.args, " "), code, tc.want, out, errs)
		}
		if strings.Contains(out+errs, "hunter2") {
			t.Errorf("desk %s shows the password:\n%s%s", strings.Join(tc.args, " "), out, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a refused copy made %v", entries)
	}
}

// desk db and desk db copy explain themselves in both languages.
func TestDBHelp(t *testing.T) {
	c := newCLIDesk(t)
	for lang, want := range map[string][]string{
		"en": {"Copy a whole desk into an empty database", "--from", "the target database (must be empty)", "pg_dump"},
		"zh": {"把整个投诉台从一个数据库复制到另一个空数据库", "--from", "目标数据库（必须是空的）", "pg_dump"},
	} {
		got := c.ok("--lang", lang, "db", "--help") + c.ok("--lang", lang, "db", "copy", "--help") + c.ok("--lang", lang, "backup", "--help")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s help lacks %q:\n%s", lang, w, got)
			}
		}
	}
}
