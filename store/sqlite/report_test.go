package sqlite

import (
	"encoding/json"
	"fmt"
	"testing"
)

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

// Packed events come back in id order even if SQLite visited them in
// another order.
func TestPackedEventsUnpackInIDOrder(t *testing.T) {
	k := &packedEvents{keys: []string{"status"}, actions: map[string]string{},
		packed: []byte("12\x1f1700000000000\x1fnote\x1f1700086400000\x1f2\x1f{}6\x1f李娜\x1e" +
			"7\x1f1690000000000\x1fregister\x1f\x1f23\x1f{\"status\":\"registered\"}6\x1fagent1")}
	evs, err := k.unpack(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].ID != 7 || evs[0].Action != "register" || evs[0].After["status"] != "registered" || evs[0].Actor != "agent1" || evs[0].Late != "" ||
		evs[1].ID != 12 || evs[1].At.UnixMilli() != 1700000000000 || evs[1].CaseID != 3 || evs[1].Actor != "李娜" ||
		evs[1].Late == "" || evs[1].Entered.UnixMilli() != 1700086400000 {
		t.Errorf("%+v", evs)
	}
	for _, bad := range []string{
		"12\x1fx\x1fnote\x1f\x1f2\x1f{}1\x1fa",  // a bad time
		"12\x1f1\x1fnote\x1f\x1f9\x1f{}1\x1fa",  // after's length past the end
		"12\x1f1\x1fnote\x1f\x1f2\x1f{}1\x1fab", // an actor longer than its length
		"12\x1f1\x1fnote\x1f\x1f2\x1f{}",        // no actor
	} {
		k.packed = []byte(bad)
		if _, err := k.unpack(3, nil); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}
