package search

import (
	"strings"
	"testing"

	"complaintdesk/store"
)

// Every case has the token "ts" (from its number), so a case number is
// searched by its digits alone; the prefix "ts"* would list every case first.
func TestCaseNumbersLeaveOutTheNumberPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"TS20261122-0007": `"20261122"* AND "0007"*`,
		"TS":              `("ts"*) OR "~xts"`,
		"tsinghua":        `("tsinghua"*) OR "~xtsinghua"`,
	} {
		if got := Parse(in, Masked).FTS5(); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
}

// A role that sees personal data masked matches the case's texts and a
// whole phone or name, never a fragment of them; a role that sees them
// matches fragments too.
func TestPersonalDataMatchesOnlyWholeWhenMasked(t *testing.T) {
	c := &store.Case{Number: "TS20261122-0007", Content: "冰箱不制冷，要求退款",
		Complainants: []store.Complainant{{Name: "王小明", Phone: "13812349342", Email: "wang@example.com"}}}
	idx := " " + Case(c) + " "
	has := func(tok string) bool { return strings.Contains(idx, " "+tok+" ") }
	for _, tok := range []string{"退款", "~n小明", "~p9342", "~p13812349342", "~x13812349342", "~x王小明"} {
		if !has(tok) {
			t.Errorf("token %q missing from %s", tok, idx)
		}
	}
	if has("9342") || has("小明") {
		t.Errorf("personal data indexed outside its namespace: %s", idx)
	}
	if q := Parse("9342", Masked).FTS5(); strings.Contains(q, "~p") {
		t.Errorf("a masked search for a phone fragment reaches the phones: %s", q)
	}
	if q := Parse("29342", Full).FTS5(); !strings.Contains(q, `"~p29342"*`) {
		t.Errorf("a full search for a phone fragment misses the phones: %s", q)
	}
	if q := Parse("138 1234 9342", Masked).FTS5(); !strings.Contains(q, `"~x13812349342"`) {
		t.Errorf("a whole phone number does not look the phone up: %s", q)
	}
	if q := Parse("王小明", Masked).FTS5(); !strings.Contains(q, `"~x王小明"`) || strings.Contains(q, "~n") {
		t.Errorf("a whole name: %s", q)
	}
	if !IsWholeLookup("13812349342") || IsWholeLookup("TS20261122-0007") || IsWholeLookup("退款 9342") {
		t.Error("IsWholeLookup")
	}
}
