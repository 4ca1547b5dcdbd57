package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"complaintdesk/internal/cli"
)

// importDesk runs desk commands on one database, in a working directory of
// its own (the reject file's default place).
type importDesk struct {
	t   *testing.T
	dir string
	env map[string]string
}

func newImportDesk(t *testing.T) *importDesk {
	dir := t.TempDir()
	t.Chdir(dir) // the reject file's default place
	return &importDesk{t: t, dir: dir, env: map[string]string{"DESK_DB": filepath.Join(dir, "desk.db"), "LANG": "en_US.UTF-8", "HOME": dir}}
}

func (d *importDesk) run(args ...string) (string, string, int) {
	d.t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return d.env[k] }, Open: testOpen})
	return out.String(), errb.String(), code
}

func repoFile(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"..", ".."}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is missing (../shared must be beside the repository): %v", p, err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	data := repoFile(t, "..", "shared", "data", "car-complaints-zh-600.csv")
	mapping := repoFile(t, "examples", "import", "car-complaints-zh.toml")
	d := newImportDesk(t)

	out, errs, code := d.run("import", data, "--map", mapping, "--dry-run")
	if code != 0 || !strings.Contains(out, "dry run: would import 600, skipped as duplicate 0, rejected 0") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "UTF-8 with BOM") {
		t.Errorf("the detected encoding is not said: %s", errs)
	}
	out, errs, code = d.run("import", data, "--map", mapping)
	if code != 0 || !strings.HasPrefix(out, "imported 600, skipped as duplicate 0, rejected 0") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	out, _, code = d.run("import", data, "--map", mapping)
	if code != 0 || !strings.HasPrefix(out, "imported 0, skipped as duplicate 600, rejected 0") {
		t.Fatalf("second import: %d %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(d.dir, "car-complaints-zh-600.rejects.csv")); err == nil {
		t.Error("a reject file was written with nothing rejected")
	}

	// The original id, date and text, in cases list and show.
	out, _, _ = d.run("cases", "list", "--search", "天窗异响", "--format", "json")
	var list []struct {
		Number     string `json:"number"`
		ReceivedAt string `json:"received_at"`
		Content    string `json:"content"`
		NextDue    string `json:"next_due"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) == 0 {
		t.Fatalf("search: %v %s", err, out)
	}
	for _, c := range list {
		if !strings.Contains(c.Content, "天窗异响") || c.NextDue != "" || !strings.HasPrefix(c.ReceivedAt, "2020-06-0") {
			t.Errorf("listed %+v", c)
		}
	}
	out, _, _ = d.run("cases", "show", "TS20200608-0001")
	for _, want := range []string{"imported:     car-complaints-zh 482028", "received:     2020-06-08 00:00", "一汽马自达阿特兹B柱异响 车内异响严重", "site_status:  信息审核"} {
		if !strings.Contains(out, want) {
			t.Errorf("cases show lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = d.run("cases", "show", "TS20200608-0001", "--format", "json")
	var v struct {
		Source   string `json:"source"`
		SourceID string `json:"source_id"`
	}
	json.Unmarshal([]byte(out), &v)
	if v.Source != "car-complaints-zh" || v.SourceID != "482028" {
		t.Errorf("show json source %+v", v)
	}
}

func TestImportCommandRejects(t *testing.T) {
	d := newImportDesk(t)
	mapping := filepath.Join(d.dir, "m.toml")
	os.WriteFile(mapping, []byte(`
source = "register"
id = "no"
[dates]
formats = ["YYYY-MM-DD"]
[columns]
received = "date"
content = "text"
phone = "phone"
[defaults]
status = "closed"
`), 0o600)
	file := filepath.Join(d.dir, "register.csv")
	os.WriteFile(file, []byte("no,date,text,phone\n1,2026-01-05,ok,13800138000\n2,2026-01-45,bad date,13800138001\n3,2026-01-06,bad phone,+1 202 555 0100\n"), 0o600)
	out, errs, code := d.run("import", file, "--map", mapping)
	if code == 0 || !strings.HasPrefix(out, "imported 1, skipped as duplicate 0, rejected 2") {
		t.Fatalf("%d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{`rejected: line 3, column "date": "2026-01-45" is not a day of the calendar`,
		`rejected: line 4, column "phone": "+1 202 555 0100" is not a phone number the desk takes`,
		"2 rows were rejected: fix them in register.rejects.csv"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	rej, err := os.ReadFile(filepath.Join(d.dir, "register.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.NewReplacer("2026-01-45", "2026-01-15", "+1 202 555 0100", "13800138002").Replace(string(rej))
	os.WriteFile(filepath.Join(d.dir, "fixed.csv"), []byte(fixed), 0o600)
	out, errs, code = d.run("import", "fixed.csv", "--map", mapping)
	if code != 0 || !strings.HasPrefix(out, "imported 2, skipped as duplicate 0, rejected 0") {
		t.Fatalf("fixed: %d\n%s\n%s", code, out, errs)
	}

	// --suggest-map drafts a mapping; without --map an incomplete one is refused.
	out, _, code = d.run("import", file, "--suggest-map")
	if code != 0 || !strings.Contains(out, `id = "no"`) || !strings.Contains(out, `phone = "phone"`) {
		t.Errorf("suggest-map: %d\n%s", code, out)
	}
	_, errs, code = d.run("import", filepath.Join(d.dir, "m.toml"))
	if code == 0 {
		t.Errorf("importing a TOML file as a register: %s", errs)
	}
}

// A register with a title, a 填报单位 row and footer rows: the suggested
// mapping, saved and given unedited, imports every complaint, skips the
// footers and exits 0.
func TestImportSuggestedMappingSkipsFootersAndExitsZero(t *testing.T) {
	file := repoFile(t, "internal", "importer", "testdata", "register-zh.xlsx")
	nyc := repoFile(t, "internal", "importer", "testdata", "nyc311.csv")
	d := newImportDesk(t)
	out, errs, code := d.run("import", file, "--suggest-map")
	if code != 0 || !strings.Contains(out, `id = "工单编号"`) || !strings.Contains(out, "header_row = 3") {
		t.Fatalf("suggest-map: %d\n%s\n%s", code, out, errs)
	}
	mapping := filepath.Join(d.dir, "map.toml")
	os.WriteFile(mapping, []byte(out), 0o600)
	out, errs, code = d.run("import", file, "--map", mapping)
	if code != 0 || !strings.HasPrefix(out, "imported 30, skipped as duplicate 0, rejected 0") ||
		!strings.Contains(out, "skipped 3 rows that are not complaints: 3 totals and signatures") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(d.dir, "register-zh.rejects.csv")); err == nil {
		t.Error("a reject file was written with nothing rejected")
	}
	// Without --map, a suggestion with guesses to check is not used.
	_, errs, code = d.run("import", nyc)
	if code == 0 || !strings.Contains(errs, `guesses to check`) {
		t.Errorf("import without --map: %d\n%s", code, errs)
	}
}
