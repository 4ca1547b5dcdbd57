package detail

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/ui/keys"
)

// No step takes a key of every page or one of the page's own; the lab's
// keys survive (M is the reports' key on the queue only), and every key
// of the page is listed once, each step with the desk's reason when it is
// unavailable.
func TestKeysOfTheLabCasePage(t *testing.T) {
	e, _ := labEnv(t, labQM, 3, toApproved(t))
	own := map[string]bool{}
	for _, b := range append(keys.App.Everywhere(), keys.Detail.Up, keys.Detail.Down, keys.Detail.PageUp, keys.Detail.PageDown,
		keys.Detail.Home, keys.Detail.End, keys.Detail.More, keys.Detail.Reveal, keys.Detail.Reload) {
		for _, k := range b.Keys {
			own[k] = true
		}
	}
	var stepKeys []string
	for _, d := range keyed(e.c) {
		if own[d.Key] {
			t.Errorf("step %s has the key %q of the page", d.ID, d.Key)
		}
		stepKeys = append(stepKeys, d.Key)
	}
	for _, k := range []string{"T", "M", "V", "O"} {
		if !slices.Contains(stepKeys, k) {
			t.Errorf("the lab's key %s is lost: %v", k, stepKeys)
		}
	}
	seen := map[string]bool{}
	for _, b := range e.m.Keys() {
		for _, k := range b.Keys {
			if seen[k] {
				t.Errorf("%q is listed twice", k)
			}
			seen[k] = true
		}
		if b.Group == keys.Actions && b.Label != "." {
			if got, want := b.Reason(), whyNot(e.c, actionForKey(e.c, b.Label), e.m.cs); got != want {
				t.Errorf("%s: reason %q, want %q", b.Label, got, want)
			}
		}
	}
	for _, k := range []string{"q", "?", "ctrl+c", "U"} {
		if seen[k] {
			t.Errorf("the page binds %s", k)
		}
	}
	// Before a re-test the quality manager keeps the report (K) only with
	// the override (000 §2.2.5): K says so before any form; reception may
	// not keep it at all: K says why.
	if r := reasonOf(e.m.Keys(), "K"); !strings.Contains(r, "复检确认原检验结果正确后才能维持原报告") {
		t.Errorf("K for the quality manager before the re-test: %q", r)
	}
	r, _ := labEnv(t, labRecept, 3, toApproved(t))
	why := reasonOf(r.m.Keys(), "K")
	if why == "" || !strings.Contains(why, "质量负责人") {
		t.Errorf("K for reception: %q", why)
	}
	r.key(tea.KeyPressMsg{Code: 'K', Text: "K"})
	if r.m.form != nil || len(r.status) == 0 || r.status[len(r.status)-1].Text != why || !r.status[len(r.status)-1].Error {
		t.Errorf("K for reception: form %v, status %+v", r.m.form != nil, r.status)
	}
}

func reasonOf(bs []keys.Binding, k string) string {
	for _, b := range bs {
		if slices.Contains(b.Keys, k) {
			return b.Reason()
		}
	}
	return "?"
}
