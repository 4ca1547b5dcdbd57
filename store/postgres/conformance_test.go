package postgres

import (
	"context"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/storetest"
)

// TestConformance runs the suite every store passes (store/storetest), each
// test in a fresh schema of the database DESK_TEST_PG names.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	storetest.Run(t, func(t *testing.T) store.Store {
		u := testURL(t)
		db, err := Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return harness{db, u}
	})
}

// harness gives the suite a second handle on the schema and a way round
// the store to it.
type harness struct {
	*DB
	url string
}

func (h harness) Again(t *testing.T) store.Store {
	db, err := Open(context.Background(), h.url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func (h harness) Exec(ctx context.Context, query string, args ...any) error {
	_, err := h.pool.Exec(ctx, query, args...)
	return err
}

func (h harness) DropHistoryGuards(ctx context.Context) error {
	for _, q := range []string{`DROP TRIGGER events_no_update ON events`, `DROP TRIGGER events_no_delete ON events`} {
		if err := h.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
