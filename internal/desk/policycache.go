package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"complaintdesk/internal/policy"
)

// parseStored parses the policy stored in the database. Parsing and
// validating its TOML was the largest part of every command's start-up,
// so with a cache directory the parsed policy is kept there as JSON,
// under a hash of the text and of this executable (a rebuilt binary,
// whose Policy may differ, never reads another's file). The cache is only
// a copy: any trouble with it parses the text.
func parseStored(cacheDir, text string) (*policy.Policy, error) {
	const name = "stored policy"
	file := policyCacheFile(cacheDir, text)
	if file != "" {
		if js, err := os.ReadFile(file); err == nil {
			if p, err := policy.FromJSON(name, []byte(text), js); err == nil {
				return p, nil
			}
		}
	}
	p, err := policy.Parse(name, []byte(text))
	if err != nil || file == "" {
		return p, err
	}
	if js, err := json.Marshal(p); err == nil && os.MkdirAll(filepath.Dir(file), 0o700) == nil {
		// Written aside and renamed: another process never reads half a file.
		if tmp, err := os.CreateTemp(filepath.Dir(file), "policy-*.tmp"); err == nil {
			_, werr := tmp.Write(js)
			if cerr := tmp.Close(); werr == nil && cerr == nil {
				werr = os.Rename(tmp.Name(), file)
			}
			if werr != nil {
				os.Remove(tmp.Name())
			}
		}
		prunePolicyCache(filepath.Dir(file))
	}
	return p, nil
}

// policyCacheKeep is how many parsed policies the cache keeps: one per
// policy text per build, so a site that edits its policy or updates the
// desk leaves old files behind.
const policyCacheKeep = 16

// prunePolicyCache removes the oldest files past policyCacheKeep. It runs
// only after a miss (a new file), never on the start-up path that hits.
func prunePolicyCache(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type file struct {
		name string
		mod  time.Time
	}
	var files []file
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" {
			continue
		}
		if fi, err := e.Info(); err == nil {
			files = append(files, file{e.Name(), fi.ModTime()})
		}
	}
	if len(files) <= policyCacheKeep {
		return
	}
	slices.SortFunc(files, func(a, b file) int { return b.mod.Compare(a.mod) })
	for _, f := range files[policyCacheKeep:] {
		os.Remove(filepath.Join(dir, f.name))
	}
}

// policyCacheFile is where the parsed form of text is kept ("" for none).
func policyCacheFile(cacheDir, text string) string {
	if cacheDir == "" {
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", exe, fi.Size(), fi.ModTime().UnixNano())
	h.Write([]byte(text))
	return filepath.Join(cacheDir, "policy", hex.EncodeToString(h.Sum(nil)[:16])+".json")
}
