package desk_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

// A masked role's look-ups by a whole phone count, misses too: past 20
// distinct values in an hour the next is refused in both languages, while
// a value already looked up (the queue reading it again) still reads; an
// hour later it may look up again. A role that sees the data is not
// counted (finding 8).
func TestMaskedWholeValueLookupsAreLimited(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucQA)
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Phone = "18875446679" })).Number
	guess := func(i int) string { return fmt.Sprintf("188%04d6679", i) }
	for i := 0; i < 20; i++ {
		if got := e.search(ucQA, guess(i)); len(got) != 0 {
			t.Fatalf("guess %s found %v", guess(i), got)
		}
	}
	_, err := e.d.Queue(e.ctx, ucQA, store.Query{Tab: store.TabAll, Search: "18875446679", Limit: 50})
	if err == nil {
		t.Fatal("the 21st whole phone of the hour was looked up")
	}
	zh, en := messages(t, err)
	if !strings.Contains(zh, "一小时内以完整电话或姓名查找已超过 20 次") || !strings.Contains(en, "more than 20 look-ups by a whole phone or name within an hour") {
		t.Errorf("refusal %q / %q", zh, en)
	}
	if got := e.search(ucQA, guess(3)); len(got) != 0 { // asked before: the queue reads it again
		t.Errorf("a repeated look-up found %v", got)
	}
	if got := e.search(ucAgent, "18875446679"); len(got) != 1 {
		t.Errorf("the agent's search found %v", got)
	}
	e.advance(time.Hour)
	if got := e.search(ucQA, "18875446679"); len(got) != 1 || got[0] != n {
		t.Errorf("an hour later the look-up found %v; want %s", got, n)
	}
}
