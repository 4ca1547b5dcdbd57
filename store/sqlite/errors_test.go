package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
)

// The store tells a lock held elsewhere, a duplicate and a missing parent
// apart by SQLite's result codes: the real errors of the driver are each
// recognised as what they are and nothing else.
func TestErrorsAreToldApartByTheirCodes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "e.db")
	open := func() *sql.DB {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(0)")
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	for _, q := range []string{`CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT UNIQUE)`,
		`CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER NOT NULL REFERENCES p(id))`,
		`INSERT INTO p (id, name) VALUES (1, '甲')`} {
		if _, err := a.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	_, dup := a.ExecContext(ctx, `INSERT INTO p (id, name) VALUES (2, '甲')`)
	_, dupKey := a.ExecContext(ctx, `INSERT INTO p (id, name) VALUES (1, '乙')`)
	_, orphan := a.ExecContext(ctx, `INSERT INTO c (id, p) VALUES (1, 99)`)
	tx, err := a.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO p (id, name) VALUES (3, '丙')`); err != nil {
		t.Fatal(err)
	}
	_, busy := b.ExecContext(ctx, `INSERT INTO p (id, name) VALUES (4, '丁')`)
	for _, tc := range []struct {
		name                  string
		err                   error
		unique, fk, wantsBusy bool
	}{
		{"a duplicate name", dup, true, false, false},
		{"a duplicate key", dupKey, true, false, false},
		{"a missing parent", orphan, false, true, false},
		{"a lock held by another connection", busy, false, false, true},
		{"another error", errors.New("UNIQUE constraint failed SQLITE_BUSY FOREIGN KEY"), false, false, false},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if isUnique(tc.err) != tc.unique || isForeignKey(tc.err) != tc.fk || isBusy(tc.err) != tc.wantsBusy {
			t.Errorf("%s (%v): unique %v, foreign key %v, busy %v", tc.name, tc.err, isUnique(tc.err), isForeignKey(tc.err), isBusy(tc.err))
		}
	}
}
