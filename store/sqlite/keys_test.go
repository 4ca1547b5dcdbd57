package sqlite

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	"complaintdesk/store"
)

func TestKeysBelongToOneUser(t *testing.T) {
	db, ctx := stOpen(t)
	err := db.Write(ctx, func(tx store.Tx) error {
		for _, u := range []string{"李娜", "王强"} {
			if err := tx.PutUser(&store.User{Name: u, Role: "agent"}); err != nil {
				return err
			}
		}
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:aaa", User: "李娜", Type: "ssh-ed25519", Key: "ssh-ed25519 AAAA", AddedAt: stNow})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:aaa", User: "王强", Type: "ssh-ed25519", Key: "ssh-ed25519 AAAA", AddedAt: stNow})
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("the same key for a second user: %v, want ErrDuplicate", err)
	}
	err = db.Write(ctx, func(tx store.Tx) error {
		return tx.PutKey(&store.UserKey{Fingerprint: "SHA256:bbb", User: "nobody", Type: "ssh-ed25519", Key: "ssh-ed25519 BBBB", AddedAt: stNow})
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a key for no user: %v, want ErrNotFound", err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		k, err := tx.KeyByFingerprint("SHA256:aaa")
		if err != nil {
			return err
		}
		if k.User != "李娜" || !k.AddedAt.Equal(stNow) {
			t.Errorf("key = %+v", k)
		}
		ks, err := tx.Keys("王强")
		if err != nil || len(ks) != 0 {
			t.Errorf("王强's keys = %v, %v", ks, err)
		}
		ks, err = tx.Keys("")
		if err != nil || len(ks) != 1 {
			t.Errorf("all keys = %v, %v", ks, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.DeleteKey("王强", "SHA256:aaa") }); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removing another user's key: %v, want ErrNotFound", err)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.DeleteKey("李娜", "SHA256:aaa") }); err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		_, err := tx.KeyByFingerprint("SHA256:aaa")
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the removed key is still found: %v", err)
	}
}

func TestAuditEventsByCaseAndActor(t *testing.T) {
	db, ctx := stOpen(t)
	a, b := stCase("TS20261122-0001", nil), stCase("TS20261122-0002", nil)
	stInsert(t, db, ctx, a, b)
	err := db.Write(ctx, func(tx store.Tx) error {
		for _, e := range []store.Event{
			{CaseID: a.ID, At: stNow, Actor: "qa1", Action: "reveal", Reason: "公司回访"},
			{CaseID: b.ID, At: stNow, Actor: "qa1", Action: "reveal", Reason: "核实身份"},
			{CaseID: a.ID, At: stNow, Actor: "admin", Action: "reveal", Reason: "投诉升级"},
			{CaseID: a.ID, At: stNow, Actor: "qa1", Action: "note", Note: "not audited"},
		} {
			if err := tx.AppendEvent(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		byCase, err := tx.AuditEvents(store.AuditQuery{CaseID: a.ID, Actions: []string{"reveal"}})
		if err != nil {
			return err
		}
		if len(byCase) != 2 || byCase[0].Actor != "qa1" || byCase[1].Actor != "admin" || byCase[0].Number != a.Number {
			t.Errorf("by case: %+v", byCase)
		}
		byActor, err := tx.AuditEvents(store.AuditQuery{Actor: "qa1", Actions: []string{"reveal"}})
		if err != nil {
			return err
		}
		if len(byActor) != 2 || byActor[0].Number != a.Number || byActor[1].Number != b.Number || byActor[1].Reason != "核实身份" {
			t.Errorf("by actor: %+v", byActor)
		}
		if _, err := tx.AuditEvents(store.AuditQuery{Actor: "qa1", Actions: []string{"x'; DROP TABLE events; --"}}); err == nil {
			t.Error("a bad action name was accepted")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The audit by user reads the partial index of reveals, not every event.
func TestAuditByActorUsesTheRevealIndex(t *testing.T) {
	db, ctx := stOpen(t)
	rows, err := db.reader.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT e.id FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.action = 'reveal' AND e.actor = $1 ORDER BY e.id`, "qa1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail sql.NullString
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail.String)
	}
	if p := strings.Join(plan, "\n"); !strings.Contains(p, "events_reveal_actor") {
		t.Errorf("the plan does not use events_reveal_actor:\n%s", p)
	}
}
