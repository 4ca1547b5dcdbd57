package desk_test

import (
	"context"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// The intake's caller history by a whole phone number is, for a role that
// sees phones masked, a look-up like a search by it: audited on every case
// it finds (once a day per case, though the form and the queue ask again
// on every change);
// a role that sees the number leaves no look-up.
func TestCallerLookUpByAMaskedRoleIsAudited(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, d.Location())
	d.Now = func() time.Time { return now }
	agent, qa := desk.Actor{Name: "李娜", Role: "agent"}, desk.Actor{Name: "质检孙", Role: "qa"}
	for _, a := range []desk.Actor{agent, qa} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	var numbers []string
	for _, content := range []string{"空调不制冷", "空调噪音大"} {
		c, _, err := d.Register(ctx, agent, desk.Registration{Name: "王五", Phone: "13812349342", Content: content})
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, c.Number)
	}
	lookups := func(n string) (out []store.Event) {
		t.Helper()
		_, evs, err := d.Case(ctx, desk.System, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Action == desk.LookupAction {
				out = append(out, e)
			}
		}
		return out
	}
	if cs, err := d.Caller(ctx, agent, "13812349342", 10); err != nil || len(cs) != 2 {
		t.Fatalf("the agent's caller history: %d %v", len(cs), err)
	}
	if got := lookups(numbers[0]); len(got) != 0 {
		t.Fatalf("the agent, who sees the number, left look-ups: %+v", got)
	}
	cs, err := d.Caller(ctx, qa, "13812349342", 10)
	if err != nil || len(cs) != 2 {
		t.Fatalf("qa's caller history: %d %v", len(cs), err)
	}
	if cs[0].Complainants[0].Phone == "13812349342" {
		t.Error("qa sees the whole number in the caller history")
	}
	now = now.Add(time.Minute)
	if _, err := d.Caller(ctx, qa, "13812349342", 10); err != nil { // the form asks again
		t.Fatal(err)
	}
	for _, n := range numbers {
		got := lookups(n)
		if len(got) != 1 || got[0].Actor != qa.Name || got[0].After["value"] != "138****9342" {
			t.Errorf("%s: look-ups %+v; want one by qa of 138****9342", n, got)
		}
	}
	// The queue reads the search again after every change: the look-up of
	// the same person on the same case is recorded once a day, not once a
	// read (a session left open would fill the history and the audit log).
	for i := 0; i < 30; i++ {
		now = now.Add(7 * time.Minute)
		if _, err := d.Queue(ctx, qa, store.Query{Tab: store.TabAll, Search: "13812349342", Limit: 50}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Caller(ctx, qa, "13812349342", 10); err != nil {
			t.Fatal(err)
		}
	}
	if got := lookups(numbers[0]); len(got) != 1 {
		t.Errorf("after 30 reads over 3.5 hours: %d look-ups, want the day's one", len(got))
	}
	now = now.Add(24 * time.Hour) // the next day it is recorded again
	if _, err := d.Queue(ctx, qa, store.Query{Tab: store.TabAll, Search: "13812349342", Limit: 50}); err != nil {
		t.Fatal(err)
	}
	if got := lookups(numbers[0]); len(got) != 2 {
		t.Errorf("the next day: %d look-ups, want 2", len(got))
	}
}
