package desk

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"complaintdesk/internal/policy"
)

// The stored policy parsed once is read back from the cache as the same
// policy; a cache file that is not one is parsed over; no directory, no file.
func TestPolicyCache(t *testing.T) {
	p, err := policy.Preset("default")
	if err != nil {
		t.Fatal(err)
	}
	text := p.Text()
	dir := t.TempDir()
	first, err := parseStored(dir, text)
	if err != nil {
		t.Fatal(err)
	}
	file := policyCacheFile(dir, text)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no cache file after the first parse: %v", err)
	}
	again, err := parseStored(dir, text)
	if err != nil {
		t.Fatal(err)
	}
	if again.Location.String() != first.Location.String() {
		t.Errorf("location %v, then %v", first.Location, again.Location)
	}
	a, b := *first, *again
	a.Location, b.Location = nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Error("the policy read from the cache differs from the one parsed")
	}
	if other := policyCacheFile(dir, text+"\n# changed\n"); other == file {
		t.Error("another text, the same cache file")
	}
	if err := os.WriteFile(file, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := parseStored(dir, text); err != nil || p.Name != first.Name {
		t.Errorf("a broken cache file: %v, %v", p, err)
	}
	if _, err := parseStored(dir, "not = [toml"); err == nil {
		t.Error("a text that does not parse: no error")
	}
	if got := policyCacheFile("", text); got != "" {
		t.Errorf("no cache directory, a file %q", got)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "policy"))
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// The cache keeps the newest policyCacheKeep files: old policies and old
// builds do not pile up, and the file just written stays.
func TestPolicyCacheIsPruned(t *testing.T) {
	p, err := policy.Preset("default")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cache := filepath.Join(dir, "policy")
	if err := os.MkdirAll(cache, 0o700); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	for i := range policyCacheKeep + 5 {
		f := filepath.Join(cache, "old"+string(rune('a'+i))+".json")
		if err := os.WriteFile(f, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		stamp := old.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(f, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := parseStored(dir, p.Text()); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != policyCacheKeep {
		t.Errorf("%d files kept, want %d", len(entries), policyCacheKeep)
	}
	if _, err := os.Stat(policyCacheFile(dir, p.Text())); err != nil {
		t.Errorf("the file just written was pruned: %v", err)
	}
	for _, gone := range []string{"olda.json", "oldf.json"} { // the six oldest
		if _, err := os.Stat(filepath.Join(cache, gone)); err == nil {
			t.Errorf("%s, among the oldest, was kept", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(cache, "oldg.json")); err != nil {
		t.Errorf("oldg.json, the newest old file, was pruned: %v", err)
	}
}
