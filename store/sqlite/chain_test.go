package sqlite

import (
	"strings"
	"testing"
	"time"

	"complaintdesk/store"
)

// The stored history is a hash chain: each event carries the hash of the
// case's event before it. The database refuses edits and deletions; one
// who goes round it (drops the triggers, edits the file) is found by
// store.CheckChain, which names the first event that no longer follows.
func TestEventChainFindsAChangedOrRemovedEvent(t *testing.T) {
	db, ctx := stOpen(t)
	c := stCase("TS20261123-0001", nil)
	stInsert(t, db, ctx, c)
	at := c.RegisteredAt
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, a := range []string{"acknowledge", "note", "resolve", "close"} {
			ev := store.Event{CaseID: c.ID, At: at.Add(time.Duration(i+1) * time.Hour), Entered: stNow, Actor: "李娜", Action: a,
				Note: "处理记录：" + a, After: map[string]string{"step": a}}
			if a == "acknowledge" {
				ev.Late = "按纸质记录补录"
			}
			if err := tx.AppendEvent(&ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	events := func() []store.Event {
		t.Helper()
		var evs []store.Event
		if err := db.Read(ctx, func(tx store.Tx) error {
			var err error
			evs, err = tx.Events(c.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return evs
	}
	evs := events()
	if len(evs) != 5 {
		t.Fatalf("%d events", len(evs))
	}
	if br := store.CheckChain(evs); br != nil {
		t.Fatalf("a fresh history does not chain: %+v", br)
	}
	if evs[0].Prev != "" || evs[1].Prev != evs[0].Hash || evs[1].Late != "按纸质记录补录" || !evs[1].Entered.Equal(stNow) || !evs[1].At.Equal(at.Add(time.Hour)) {
		t.Errorf("the acknowledgement read back: %+v", evs[1])
	}

	// the database refuses to change or remove an event
	if _, err := db.writer.ExecContext(ctx, `UPDATE events SET note = '改过' WHERE id = $1`, evs[2].ID); err == nil {
		t.Fatal("an event was updated")
	}
	if _, err := db.writer.ExecContext(ctx, `DELETE FROM events WHERE id = $1`, evs[2].ID); err == nil {
		t.Fatal("an event was deleted")
	}

	// going round the triggers is found
	for _, q := range []string{`DROP TRIGGER events_no_update`, `DROP TRIGGER events_no_delete`} {
		if _, err := db.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.writer.ExecContext(ctx, `UPDATE events SET note = '改过的备注' WHERE id = $1`, evs[2].ID); err != nil {
		t.Fatal(err)
	}
	br := store.CheckChain(events())
	if br == nil || br.EventID != evs[2].ID || br.CaseID != c.ID || !strings.Contains(br.Why, "changed") {
		t.Errorf("a changed note: %+v; want event %d named", br, evs[2].ID)
	}
	if _, err := db.writer.ExecContext(ctx, `UPDATE events SET note = $1 WHERE id = $2`, evs[2].Note, evs[2].ID); err != nil {
		t.Fatal(err)
	}
	if br := store.CheckChain(events()); br != nil {
		t.Fatalf("put back, the chain still breaks: %+v", br)
	}
	// a late entry's times are in the hash too
	if _, err := db.writer.ExecContext(ctx, `UPDATE events SET at = at + 3600000 WHERE id = $1`, evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if br := store.CheckChain(events()); br == nil || br.EventID != evs[1].ID {
		t.Errorf("a moved time: %+v; want event %d named", br, evs[1].ID)
	}
	if _, err := db.writer.ExecContext(ctx, `UPDATE events SET at = at - 3600000 WHERE id = $1`, evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.ExecContext(ctx, `DELETE FROM events WHERE id = $1`, evs[3].ID); err != nil {
		t.Fatal(err)
	}
	br = store.CheckChain(events())
	if br == nil || br.EventID != evs[4].ID || !strings.Contains(br.Why, "removed") {
		t.Errorf("a removed event: %+v; want the event after it, %d, named", br, evs[4].ID)
	}
}
