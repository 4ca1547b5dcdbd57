package postgres

import (
	"context"
	"testing"
	"time"

	"complaintdesk/store"
)

func TestSmoke(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	now := time.Now()
	c := &store.Case{Number: "TS20261122-0001", Version: 1, ReceivedAt: now, RegisteredAt: now, UpdatedAt: now,
		CreatedBy: "a", Channel: "phone", Nature: "complaint", Grade: "C", Status: "registered", Open: true,
		Content: "快递延误三天，退款", CollectiveSize: 1, Complainants: []store.Complainant{{Name: "张三", Phone: "13812345678"}}}
	err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.InsertCase(c); err != nil {
			return err
		}
		return tx.AppendEvent(&store.Event{CaseID: c.ID, At: now, Actor: "a", Action: "register"})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		for _, s := range []string{"退款", "5678", "延误三", "TS20261122"} {
			cs, err := tx.ListCases(store.Query{Search: s, SearchPII: true})
			if err != nil {
				return err
			}
			if len(cs) != 1 {
				t.Errorf("%s: %d", s, len(cs))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
