package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// Helpers of the tests that walk a regulation's procedure step by step.

// stepCase is what the procedure tests read of `desk cases show --format json`.
type stepCase struct {
	Number     string            `json:"number"`
	Version    int64             `json:"version"`
	Status     string            `json:"status"`
	Grade      string            `json:"grade"`
	Department string            `json:"department"`
	Handler    string            `json:"handler"`
	Phone      string            `json:"phone"`
	Fields     map[string]string `json:"fields"`
	History    []struct {
		Actor  string            `json:"actor"`
		Action string            `json:"action"`
		After  map[string]string `json:"after"`
	} `json:"history"`
}

// caseAs is the case as user sees it.
func (c *cliDesk) caseAs(n, user string) stepCase {
	c.t.Helper()
	var v stepCase
	out := c.ok("cases", "show", n, "--format", "json", "--as", user)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		c.t.Fatalf("cases show %s --format json: %v\n%s", n, err, out)
	}
	return v
}

// refuses runs a step that must be refused in Chinese (rules_test.go's
// refused asks for one phrase in both languages; these ask for several in
// Chinese): exit 1, each of wants in the message, the case n as it was.
func (c *cliDesk) refuses(n string, wants []string, args ...string) {
	c.t.Helper()
	before := c.show(n)
	out, errs, code := c.run(append([]string{"--lang", "zh"}, args...)...)
	if code != 1 {
		c.t.Errorf("desk %s: exit %d (want 1)\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	for _, w := range wants {
		if !strings.Contains(errs, w) {
			c.t.Errorf("desk %s: the refusal lacks %q:\n%s", strings.Join(args, " "), w, errs)
		}
	}
	after := c.show(n)
	if after.Version != before.Version || after.Status != before.Status || len(after.History) != len(before.History) {
		c.t.Errorf("desk %s was refused but changed the case: version %d→%d, status %s→%s, %d→%d events",
			strings.Join(args, " "), before.Version, after.Version, before.Status, after.Status, len(before.History), len(after.History))
	}
}

// part is one part of a printed text form: from the line holding title
// to the next 【…】 heading (or the end).
func part(t *testing.T, form, title string) string {
	t.Helper()
	i := strings.Index(form, title)
	if i < 0 {
		t.Fatalf("the form has no part %q:\n%s", title, form)
	}
	rest := form[i+len(title):]
	if j := strings.Index(rest, "【"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// value is what a text form's part shows beside label ("" when the label
// is not there).
func value(part, label string) string {
	for _, line := range strings.Split(part, "\n") {
		if rest, ok := strings.CutPrefix(line, label); ok && (rest == "" || rest[0] == ' ') {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}
