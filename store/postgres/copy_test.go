package postgres

import (
	"context"
	"errors"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/storetest"
)

// Restored records keep their ids (and are in the search index), and the
// desk's next insert continues above the highest restored id, never with
// an id the sequence gave out before (it only moves forward).
func TestRestoredIDsAndTheNextInsertAfterThem(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	restore := func(id int64, number string) {
		t.Helper()
		c := storetest.Case(number, nil)
		c.ID = id
		for i := range c.Complainants {
			c.Complainants[i].ID = id * 10
		}
		err := db.Write(ctx, func(tx store.Tx) error { return tx.(store.CopyTx).RestoreCases([]store.Case{*c}) })
		if err != nil {
			t.Fatal(err)
		}
	}
	restore(50, "TS20261122-0001")
	next := storetest.Case("TS20261122-0003", nil)
	storetest.Insert(t, db, next)
	if next.ID != 51 || next.Complainants[0].ID != 501 {
		t.Errorf("the case inserted after restoring id 50 got id %d, its complainant %d; want 51, 501", next.ID, next.Complainants[0].ID)
	}
	// An insert rolled back still took id 52 of the sequence: restoring
	// a lower id after it must not hand 52 out again.
	failed := errors.New("rolled back")
	if err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.InsertCase(storetest.Case("TS20261122-0004", nil)); err != nil {
			return err
		}
		return failed
	}); !errors.Is(err, failed) {
		t.Fatal(err)
	}
	restore(7, "TS20261122-0002")
	last := storetest.Case("TS20261122-0005", nil)
	storetest.Insert(t, db, last)
	if last.ID != 53 {
		t.Errorf("the case inserted after a rolled-back one (52) and restoring id 7 got id %d; want 53", last.ID)
	}
	err := db.Read(ctx, func(tx store.Tx) error {
		for id, number := range map[int64]string{50: "TS20261122-0001", 7: "TS20261122-0002"} {
			c, err := tx.CaseByID(id)
			if err != nil {
				return err
			}
			if c.Number != number {
				t.Errorf("case %d is %s; want %s", id, c.Number, number)
			}
		}
		// The search index holds the restored cases.
		n, err := tx.CountCases(store.Query{Search: "TS20261122-0002"})
		if err != nil {
			return err
		}
		if n != 1 {
			t.Errorf("a search for a restored case's number finds %d cases; want 1", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
