package sqlite

import (
	"context"
	"testing"

	"complaintdesk/store"
	"complaintdesk/store/storetest"
)

// TestConformance runs the suite every store passes (store/storetest).
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, _ := stOpen(t)
		return harness{db}
	})
}

// harness gives the suite a second handle on the file and a way round the
// store to it.
type harness struct{ *DB }

func (h harness) Again(t *testing.T) store.Store {
	db, err := Open(context.Background(), h.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func (h harness) Exec(ctx context.Context, query string, args ...any) error {
	_, err := h.writer.ExecContext(ctx, query, args...)
	return err
}

func (h harness) DropHistoryGuards(ctx context.Context) error {
	for _, q := range []string{`DROP TRIGGER events_no_update`, `DROP TRIGGER events_no_delete`} {
		if err := h.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
