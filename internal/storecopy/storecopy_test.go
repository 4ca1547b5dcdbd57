package storecopy_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"complaintdesk/internal/storecopy"
	"complaintdesk/store"
	"complaintdesk/store/postgres"
	"complaintdesk/store/postgres/pgtest"
	"complaintdesk/store/sqlite"
)

// stores are the store implementations a copy is tested between (every
// pair, both ways). A new store adds its factory here.
var stores = map[string]func(t *testing.T) store.Store{
	"sqlite": func(t *testing.T) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "desk.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	},
	// A fresh schema of the server DESK_TEST_PG names (skipped without it).
	"postgres": func(t *testing.T) store.Store {
		db, err := postgres.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	},
}

var t0 = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

// fill writes one of every kind of record through the store's own
// methods (ids, hashes and counters as the store gives them).
func fill(t *testing.T, st store.Store) {
	t.Helper()
	err := st.Write(context.Background(), func(tx store.Tx) error {
		for _, u := range []store.User{{Name: "陈主管", Role: "supervisor", OSLogin: "chen", CreatedAt: t0}, {Name: "李娜", Role: "agent", Lang: "zh", CreatedAt: t0}} {
			if err := tx.PutUser(&u); err != nil {
				return err
			}
		}
		if err := tx.PutKey(&store.UserKey{Fingerprint: "SHA256:abc", User: "陈主管", Type: "ssh-ed25519", Key: "ssh-ed25519 AAAA", Comment: "laptop", AddedAt: t0, AddedBy: "admin"}); err != nil {
			return err
		}
		if err := tx.PutPIN(&store.UserPIN{User: "李娜", Hash: "$2a$10$x", SetAt: t0, SetBy: "admin", Failures: 2, LockedUntil: t0.Add(time.Hour)}); err != nil {
			return err
		}
		if err := tx.PutPolicy(store.PolicyText{Name: "默认", Text: "name = 'x'", LoadedAt: t0, LoadedBy: "admin"}); err != nil {
			return err
		}
		if err := tx.PutCalendarYear(store.CalendarYear{Year: 2027, Text: "year = 2027", LoadedAt: t0, LoadedBy: "admin"}); err != nil {
			return err
		}
		var ids []int64
		for i, name := range []string{"张三", "李四", "王五"} {
			seq, err := tx.NextCaseSeq("20261122")
			if err != nil {
				return err
			}
			c := &store.Case{Number: "TS20261122-000" + string(rune('0'+seq)), Version: 1, IdemKey: "k" + name, ReceivedAt: t0.Add(time.Duration(i) * time.Hour),
				RegisteredAt: t0, UpdatedAt: t0, CreatedBy: "李娜", Channel: "phone", Nature: "complaint", Category: "delivery.late",
				Grade: "C", Status: "registered", Open: true, Content: name + "的快递延误", Subject: "SF123", CollectiveSize: 1,
				NextDue: t0.Add(24 * time.Hour), NextDueStart: t0, NextClock: "first_response", NextWarn: t0.Add(20 * time.Hour),
				Fields: map[string]string{"report": "R-" + name}, Complainants: []store.Complainant{{Name: name, Phone: "1380013800" + string(rune('0'+i)), CallbackAt: t0, Callback: "reached", Satisfaction: 4}}}
			if err := tx.InsertCase(c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
			for _, e := range []store.Event{
				{CaseID: c.ID, At: t0, Entered: t0, Actor: "李娜", Action: "register", After: map[string]string{"status": "registered"}},
				{CaseID: c.ID, At: t0.Add(time.Minute), Entered: t0.Add(2 * time.Hour), Late: "补录", Actor: "陈主管", Action: "reveal", Reason: "核实身份"},
			} {
				if err := tx.AppendEvent(&e); err != nil {
					return err
				}
				if e.Action == "register" {
					if err := tx.AddNotice(&store.Notice{CaseID: c.ID, EventID: e.ID, Role: "supervisor", Action: "register", Actor: "李娜", At: t0}); err != nil {
						return err
					}
				}
			}
		}
		if _, err := tx.ReadNotices(ids[0], []string{"supervisor"}, "陈主管", t0.Add(time.Hour)); err != nil {
			return err
		}
		if err := tx.LinkCases(store.CaseLink{A: ids[0], B: ids[2], At: t0, By: "陈主管", Reason: "同一批"}); err != nil {
			return err
		}
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-11", Seed: 77, Ratio: 0.2, Population: 3, DrawnAt: t0, DrawnBy: "陈主管", CaseIDs: []int64{ids[2], ids[0]}}); err != nil {
			return err
		}
		if err := tx.AddReportFiling(&store.ReportFiling{Month: "2026-10", At: t0, By: "陈主管", How: "file", Snapshot: `{"a":1}`}); err != nil {
			return err
		}
		if err := tx.LogSwitch(&store.StationSwitch{At: t0, From: "李娜", To: "陈主管", Why: "wrong PIN"}); err != nil {
			return err
		}
		if err := tx.SaveDraft(&store.Draft{User: "李娜", Key: "intake", Data: `{"name":"赵六"}`, UpdatedAt: t0}); err != nil {
			return err
		}
		for _, l := range []store.Lookup{{User: "陈主管", At: t0, Hash: "h1", Masked: "138****0001", Found: 1}, {User: "李娜", At: t0, Masked: "张*"}} {
			if err := tx.RecordLookup(&l); err != nil {
				return err
			}
		}
		return tx.SetSweepMark(t0)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dump is everything a store holds, as comparable JSON (times in UTC).
func dump(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(kind string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var x any
		_ = json.Unmarshal(b, &x)
		out[kind] = utc(x)
	}
	err := st.Read(context.Background(), func(tx store.Tx) error {
		ct := tx.(store.CopyTx)
		var cases []store.Case
		if err := tx.EachCase(store.ExportQuery{}, func(c *store.Case, _ []store.Event) error {
			cases = append(cases, *c)
			return nil
		}); err != nil {
			return err
		}
		put("cases", cases)
		var evs []store.Event
		if err := tx.EachEvent(func(e *store.Event) error { evs = append(evs, *e); return nil }); err != nil {
			return err
		}
		put("events", evs)
		for kind, f := range map[string]func() (any, error){
			"users":   func() (any, error) { return tx.Users() },
			"keys":    func() (any, error) { return tx.Keys("") },
			"pin":     func() (any, error) { return tx.PIN("李娜") },
			"policy":  func() (any, error) { return tx.Policy() },
			"years":   func() (any, error) { return tx.CalendarYears() },
			"seqs":    func() (any, error) { return ct.CaseSeqs() },
			"mark":    func() (any, error) { return tx.SweepMark() },
			"links":   func() (any, error) { return ct.AllCaseLinks() },
			"samples": func() (any, error) { return ct.RevisitSamples() },
			"filings": func() (any, error) { return ct.AllReportFilings() },
			"notices": func() (any, error) { return ct.AllNotices() },
			"station": func() (any, error) { return tx.StationLog(100) },
			"drafts":  func() (any, error) { return ct.AllDrafts() },
			"lookups": func() (any, error) {
				a, err := tx.Lookups(store.LookupQuery{User: "陈主管"})
				b, err2 := tx.Lookups(store.LookupQuery{User: "李娜"})
				return append(a, b...), errors.Join(err, err2)
			},
			"linked":  func() (any, error) { return tx.LinkedCases(cases[0].ID) },
			"byfield": func() (any, error) { return tx.CasesByField("report", "R-李四", 10) },
			"byphone": func() (any, error) { return tx.CasesByPhone("13800138002", 10) },
			"search": func() (any, error) {
				return tx.ListCases(store.Query{Search: "快递延误", SearchPII: true, Limit: 10})
			},
			"reveals": func() (any, error) {
				return tx.AuditEvents(store.AuditQuery{Actor: "陈主管", Actions: []string{"reveal"}})
			},
			"unread":   func() (any, error) { n, _, err := tx.UnreadNotices([]string{"supervisor"}, 10, 0); return n, err },
			"received": func() (any, error) { return tx.CountReceived([]time.Time{t0, t0.Add(24 * time.Hour)}) },
		} {
			v, err := f()
			if err != nil {
				return err
			}
			put(kind, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// utc re-encodes decoded JSON with every RFC 3339 time in UTC: stores
// may hand times back in different zones.
func utc(x any) string {
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				v[k] = walk(e)
			}
		case []any:
			for i, e := range v {
				v[i] = walk(e)
			}
		case string:
			if tm, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return tm.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	}
	b, _ := json.Marshal(walk(x))
	return string(b)
}

// Every record arrives as it was (ids, versions, hashes, times, read
// state), the target's reads answer as the source's do, and the target
// goes on numbering and inserting after the copied records.
func TestCopyKeepsEveryRecordAsItWas(t *testing.T) {
	ctx := context.Background()
	for from, newFrom := range stores {
		for to, newTo := range stores {
			t.Run(from+"→"+to, func(t *testing.T) {
				src, dst := newFrom(t), newTo(t)
				fill(t, src)
				var seen []string
				n, err := storecopy.Copy(ctx, src, dst, storecopy.Options{Batch: 2, Case: func(c *store.Case) { seen = append(seen, c.Number) }})
				if err != nil {
					t.Fatal(err)
				}
				if n[storecopy.Cases] != 3 || n[storecopy.Events] != 6 || n[storecopy.Notices] != 3 || n[storecopy.UnreadNotices] != 2 || n[storecopy.Lookups] != 2 || len(seen) != 3 {
					t.Errorf("copied %v (cases seen %v)", n, seen)
				}
				a, b := dump(t, src), dump(t, dst)
				for kind := range a {
					if a[kind] != b[kind] {
						t.Errorf("%s differ:\nsource %s\ntarget %s", kind, a[kind], b[kind])
					}
				}
				ca, err := storecopy.Census(ctx, src)
				if err != nil {
					t.Fatal(err)
				}
				cb, err := storecopy.Census(ctx, dst)
				if err != nil {
					t.Fatal(err)
				}
				if d := storecopy.Compare(ca, cb); len(d) > 0 || ca[storecopy.Cases] != 3 {
					t.Errorf("census: %v vs %v: %v", ca, cb, d)
				}
				err = dst.Write(ctx, func(tx store.Tx) error {
					seq, err := tx.NextCaseSeq("20261122")
					if err != nil || seq != 4 {
						t.Errorf("the next number of the day on the target: %d %v, want 4", seq, err)
					}
					c := &store.Case{Number: "TS20261122-0004", Version: 1, ReceivedAt: t0, RegisteredAt: t0, UpdatedAt: t0, CreatedBy: "x",
						Channel: "phone", Nature: "complaint", Grade: "C", Status: "registered", Open: true, Content: "新", CollectiveSize: 1,
						Complainants: []store.Complainant{{Name: "新"}}}
					if err := tx.InsertCase(c); err != nil {
						return err
					}
					e := store.Event{CaseID: c.ID, At: t0, Actor: "x", Action: "register"}
					return tx.AppendEvent(&e)
				})
				if err != nil {
					t.Errorf("a new case on the target: %v", err)
				}
				if _, err := storecopy.Copy(ctx, src, dst, storecopy.Options{}); !errors.As(err, new(*storecopy.NotEmptyError)) {
					t.Errorf("a copy into a desk: %v", err)
				}
			})
		}
	}
}
