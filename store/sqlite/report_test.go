package sqlite

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"complaintdesk/store"
)

// EachCase hands every case over once, in id order, with its own
// complainants and events, across many batches, and keeps to the filters.
func TestEachCaseStreamsWithEvents(t *testing.T) {
	db, ctx := stOpen(t)
	const n = 3*256 + 17
	var cases []*store.Case
	for i := 0; i < n; i++ {
		i := i
		cases = append(cases, stCase(fmt.Sprintf("TS20261101-%04d", i+1), func(c *store.Case) {
			c.ReceivedAt = stNow.Add(-time.Duration(n-i) * time.Hour)
			c.Complainants = []store.Complainant{{Name: fmt.Sprintf("人%d", i), Phone: fmt.Sprintf("1390000%04d", i)}}
			if i%2 == 0 {
				c.Content = "退款问题"
			}
		}))
	}
	stInsert(t, db, ctx, cases...) // one "register" event each
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, c := range cases {
			for k := 0; k < i%3; k++ {
				e := store.Event{CaseID: c.ID, At: c.RegisteredAt.Add(time.Duration(k+1) * time.Minute), Actor: "agent1",
					Action: "note", Note: fmt.Sprintf("%s-%d", c.Number, k), After: map[string]string{"k": fmt.Sprint(k)}}
				if err := tx.AppendEvent(&e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	var last int64
	err = db.Read(ctx, func(tx store.Tx) error {
		return tx.EachCase(store.ExportQuery{Events: true}, func(c *store.Case, evs []store.Event) error {
			i := seen
			seen++
			if c.ID <= last {
				t.Errorf("case %d after %d", c.ID, last)
			}
			last = c.ID
			if c.Number != cases[i].Number || len(c.Complainants) != 1 || c.Complainants[0].Name != fmt.Sprintf("人%d", i) {
				t.Errorf("case %d: %s %+v", i, c.Number, c.Complainants)
			}
			if len(evs) != 1+i%3 || evs[0].Action != "register" {
				t.Fatalf("case %s has %d events, want %d", c.Number, len(evs), 1+i%3)
			}
			for k, e := range evs[1:] {
				if e.CaseID != c.ID || e.Note != fmt.Sprintf("%s-%d", c.Number, k) || e.After["k"] != fmt.Sprint(k) {
					t.Errorf("case %s event %d: %+v", c.Number, k, e)
				}
			}
			return nil
		})
	})
	if err != nil || seen != n {
		t.Fatalf("walked %d of %d: %v", seen, n, err)
	}

	count := func(q store.ExportQuery) int {
		k := 0
		if err := db.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(*store.Case, []store.Event) error { k++; return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return k
	}
	if got := count(store.ExportQuery{ReceivedFrom: stNow.Add(-100 * time.Hour), ReceivedTo: stNow.Add(-10 * time.Hour)}); got != 90 {
		t.Errorf("received within 100 to 10 hours ago: %d, want 90", got)
	}
	if got := count(store.ExportQuery{Query: store.Query{Search: "退款"}}); got != (n+1)/2 {
		t.Errorf("search: %d, want %d", got, (n+1)/2)
	}
	if got := count(store.ExportQuery{Query: store.Query{Search: "退款"}, ReceivedFrom: stNow.Add(-10 * time.Hour)}); got != 5 {
		t.Errorf("search and receipt: %d, want 5", got)
	}
}

func TestReportFilingsAndSamples(t *testing.T) {
	db, ctx := stOpen(t)
	a, b := stCase("TS20261001-0001", nil), stCase("TS20261001-0002", nil)
	stInsert(t, db, ctx, a, b)
	err := db.Write(ctx, func(tx store.Tx) error {
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-10", Seed: 1<<63 + 5, Ratio: 0.2, Population: 2, DrawnAt: stNow, DrawnBy: "qa", CaseIDs: []int64{b.ID}}); err != nil {
			return err
		}
		// Replacing keeps one sample per month.
		if err := tx.PutRevisitSample(&store.RevisitSample{Month: "2026-10", Seed: 1<<63 + 6, Ratio: 0.5, Population: 2, DrawnAt: stNow, DrawnBy: "qa", CaseIDs: []int64{b.ID, a.ID}}); err != nil {
			return err
		}
		return tx.AddReportFiling(&store.ReportFiling{Month: "2026-10", At: stNow, By: "陈主管", How: "write", Path: "/tmp/x.xlsx", Format: "xlsx", Snapshot: "{}"})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Read(ctx, func(tx store.Tx) error {
		s, err := tx.RevisitSample("2026-10")
		if err != nil {
			return err
		}
		if s.Seed != 1<<63+6 || s.Ratio != 0.5 || len(s.CaseIDs) != 2 || s.CaseIDs[0] != b.ID || s.CaseIDs[1] != a.ID {
			t.Errorf("sample %+v", s)
		}
		if _, err := tx.RevisitSample("2026-09"); err != store.ErrNotFound {
			t.Errorf("no sample: %v", err)
		}
		fs, err := tx.ReportFilings("2026-10")
		if err != nil || len(fs) != 1 || fs[0].By != "陈主管" || !fs[0].At.Equal(stNow) {
			t.Errorf("filings %+v %v", fs, err)
		}
		n, err := tx.CountCases(store.Query{Tab: store.TabSample})
		if err != nil || n != 2 {
			t.Errorf("sample tab count %d %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The dashboard's counts read the small partial indexes of open cases,
// never the cases themselves.
func TestDashboardPlansUseOpenIndexes(t *testing.T) {
	db, ctx := stOpen(t)
	for _, tc := range []struct {
		query, index string
		args         []any
	}{
		{sqlOpenByGradeStatus, "COVERING INDEX cases_open_grade_status", nil},
		{sqlHandlerLoads, "COVERING INDEX cases_open_handler", []any{1, 20}},
		{sqlOldestOpen, "INDEX cases_open_handler", []any{"x"}},
		{`SELECT count(*) FROM cases WHERE next_due >= 1 AND next_due < 2`, "COVERING INDEX cases_due", nil},
		{`SELECT min(next_warn) FROM cases WHERE next_warn > 1 AND next_warn < 2`, "INDEX cases_warn", nil},
	} {
		rows, err := db.reader.QueryContext(ctx, `EXPLAIN QUERY PLAN `+tc.query, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := fmt.Sprint(plan)
		if !contains(joined, tc.index) {
			t.Errorf("%s\nplan %s, want %s", tc.query, joined, tc.index)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestDecodeFields(t *testing.T) {
	for _, s := range []string{`{}`, `{"status":"closed"}`, `{"a":"1","b":"退款 2"}`, `{"a":"x\"y","b":"\u00e9"}`, `{"a":"line\nbreak"}`, `{ "a" : "spaced" }`} {
		got, err := decodeFields([]byte(s))
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		var want map[string]string
		if s != `{}` {
			if err := json.Unmarshal([]byte(s), &want); err != nil {
				t.Fatal(err)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %v, want %v", s, got, want)
		}
	}
	if _, err := decodeFields([]byte(`{"a":`)); err == nil {
		t.Error("broken JSON accepted")
	}
}

func TestPickFields(t *testing.T) {
	keys := []string{"contact_reached", "satisfaction"}
	for _, tc := range []struct{ in, want string }{
		{`{}`, `map[]`},
		{`{"status":"closed"}`, `map[]`},
		{`{"contact_reached":"yes","status":"acknowledged"}`, `map[contact_reached:yes]`},
		{`{"grade":"B","satisfaction":"2"}`, `map[satisfaction:2]`},
		{`{"note":"\"satisfaction\":\"5\"","satisfaction":"3"}`, `map[satisfaction:3]`},
		{`{"note":"x,\"satisfaction\":\"5\""}`, `map[]`},
		{`{"satisfaction":"a\"b"}`, `map[satisfaction:a"b]`},
	} {
		got, err := pickFields([]byte(tc.in), keys)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != tc.want {
			t.Errorf("%s: %v, want %s", tc.in, got, tc.want)
		}
	}
}

// Brief events (read packed, one row per case) are the whole events' id,
// time, action and picked keys, in order, for every case and for a
// filtered walk; values with quotes, escapes and Chinese come through.
func TestEachCaseBriefEventsMatchWholeOnes(t *testing.T) {
	db, ctx := stOpen(t)
	var cases []*store.Case
	for i := range 40 {
		cases = append(cases, stCase(fmt.Sprintf("TS20261102-%04d", i+1), func(c *store.Case) {
			c.ReceivedAt = stNow.Add(-time.Duration(40-i) * time.Hour)
			c.Grade = []string{"A", "B", "C"}[i%3]
		}))
	}
	stInsert(t, db, ctx, cases...)
	values := []string{"reached", `说 "好的"`, "a\\b", "第一行\n第二行", "x\u001ey\u001fz", ""}
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, c := range cases {
			for k := range i % 5 {
				e := store.Event{CaseID: c.ID, At: c.RegisteredAt.Add(time.Duration(k+1) * time.Minute), Actor: []string{"agent1", "李娜"}[(i+k)%2], Action: []string{"contact", "note", "resolve"}[k%3],
					After: map[string]string{"contact_reached": values[(i+k)%len(values)], "status": "调查中", "other": "x"}}
				if k == 2 {
					e.After = nil
				}
				if k == 3 { // entered a day later (补录)
					e.Entered, e.Late = e.At.Add(24*time.Hour), "外出上门，回来补录"
				}
				if err := tx.AppendEvent(&e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"contact_reached", "status"}
	walk := func(q store.ExportQuery) map[string]string {
		out := map[string]string{}
		err := db.Read(ctx, func(tx store.Tx) error {
			return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
				var s []string
				for _, e := range evs {
					picked := map[string]string{}
					for _, k := range keys {
						if v, ok := e.After[k]; ok {
							picked[k] = v
						}
					}
					b, _ := json.Marshal(picked)
					late := int64(0) // brief events tell that an entry was late and when, not why
					if e.Late != "" {
						late = e.Entered.UnixMilli()
					}
					s = append(s, fmt.Sprint(e.ID, e.CaseID, e.At.UnixMilli(), e.Action, e.Actor, late, string(b)))
				}
				out[c.Number] = fmt.Sprint(s)
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, q := range []store.ExportQuery{{}, {Query: store.Query{Grade: "B"}}} {
		whole, brief := q, q
		whole.Events = true
		brief.Events, brief.EventKeys = true, keys
		w, b := walk(whole), walk(brief)
		if len(w) == 0 || fmt.Sprint(w) != fmt.Sprint(b) {
			t.Errorf("grade %q: whole and brief events differ:\n%v\n%v", q.Grade, w, b)
		}
	}
}

// Packed events come back in id order even if SQLite visited them in
// another order.
func TestPackedEventsUnpackInIDOrder(t *testing.T) {
	k := &packedEvents{keys: []string{"status"}, actions: map[string]string{},
		packed: []byte("12\x1f1700000000000\x1fnote\x1f李娜\x1f1700086400000\x1f{}\x1e7\x1f1690000000000\x1fregister\x1fagent1\x1f\x1f{\"status\":\"registered\"}")}
	evs, err := k.unpack(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].ID != 7 || evs[0].Action != "register" || evs[0].After["status"] != "registered" || evs[0].Actor != "agent1" || evs[0].Late != "" ||
		evs[1].ID != 12 || evs[1].At.UnixMilli() != 1700000000000 || evs[1].CaseID != 3 || evs[1].Actor != "李娜" ||
		evs[1].Late == "" || evs[1].Entered.UnixMilli() != 1700086400000 {
		t.Errorf("%+v", evs)
	}
	k.packed = []byte("12\x1fx\x1fnote\x1f{}")
	if _, err := k.unpack(3, nil); err == nil {
		t.Error("a bad time was read")
	}
}
