package desk_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/desktest"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// A masked role's look-ups by a whole phone count, misses too: past 20
// distinct values in an hour the next is refused in both languages, while
// a value already looked up (the queue reading it again) still reads; an
// hour later it may look up again. A role that sees the data is not
// counted (finding 8).
func TestMaskedWholeValueLookupsAreLimited(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucQA)
	n := e.register(ucAgent, ucReg(func(r *desk.Registration) { r.Phone = "18875446679" })).Number
	guess := func(i int) string { return fmt.Sprintf("188%04d6679", i) }
	for i := 0; i < 20; i++ {
		if got := e.search(ucQA, guess(i)); len(got) != 0 {
			t.Fatalf("guess %s found %v", guess(i), got)
		}
	}
	_, err := e.d.Queue(e.ctx, ucQA, store.Query{Tab: store.TabAll, Search: "18875446679", Limit: 50})
	if err == nil {
		t.Fatal("the 21st whole phone of the hour was looked up")
	}
	zh, en := messages(t, err)
	if !strings.Contains(zh, "一小时内以完整电话或姓名查找已超过 20 次") || !strings.Contains(en, "more than 20 look-ups by a whole phone or name within an hour") {
		t.Errorf("refusal %q / %q", zh, en)
	}
	if got := e.search(ucQA, guess(3)); len(got) != 0 { // asked before: the queue reads it again
		t.Errorf("a repeated look-up found %v", got)
	}
	if got := e.search(ucAgent, "18875446679"); len(got) != 1 {
		t.Errorf("the agent's search found %v", got)
	}
	e.advance(time.Hour)
	if got := e.search(ucQA, "18875446679"); len(got) != 1 || got[0] != n {
		t.Errorf("an hour later the look-up found %v; want %s", got, n)
	}
}

// Words of the content a masked role searches for look like names (退款,
// 空调) and numbers in it like phones (an order number): they find cases by
// what the role sees and are not counted as look-ups, however many; nor are
// the beginnings of a phone typed digit by digit, which are nobody's phone;
// a whole phone that finds nothing still is.
func TestContentSearchesAreNotLookUps(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 25, 10, 0))
	e.hire(ucAgent, ucQA)
	words := strings.Fields("冰箱 空调 洗衣 电视 热水 烤箱 微波 手机 电脑 音响 吸尘 风扇 灯具 门锁 窗帘 沙发 床垫 餐桌 衣柜 书架 地板 墙纸 水管 电线 暖气")
	for i, w := range words {
		e.register(ucAgent, ucReg(func(r *desk.Registration) {
			r.Phone = fmt.Sprintf("1390000%04d", i)
			r.Content = w + "坏了，订单 " + fmt.Sprintf("7731%02d", i)
		}))
	}
	for i, w := range words {
		if got := e.search(ucQA, w); len(got) == 0 {
			t.Fatalf("qa's search for the content word %s found %v", w, got)
		}
		if got := e.search(ucQA, fmt.Sprintf("7731%02d", i)); len(got) != 1 {
			t.Fatalf("qa's search for order number 7731%02d found %v", i, got)
		}
	}
	// A mobile typed digit by digit searches its beginnings: nobody's
	// phone, they are not look-ups either. (A landline's beginning with a
	// 7-digit local number, 021-6234567, could be someone's and counts.)
	for _, phone := range []string{"13812349342", "15098761234", "18655554321", "13700001111", "17712340000"} {
		for n := 5; n < len(phone); n++ {
			if got := e.search(ucQA, phone[:n]); len(got) != 0 {
				t.Fatalf("the beginning %s of a phone found %v", phone[:n], got)
			}
		}
	}
	for i := 0; i < 20; i++ {
		if got := e.search(ucQA, fmt.Sprintf("1880000%04d", i)); len(got) != 0 {
			t.Fatalf("a guessed phone found %v", got)
		}
	}
	if _, err := e.d.Queue(e.ctx, ucQA, store.Query{Tab: store.TabAll, Search: "13900000003", Limit: 50}); err == nil {
		t.Error("after 20 guessed phones the 21st whole phone was looked up")
	}
}

// The limit is counted in the database, not in a process: two desks on
// one database (two command line runs, two desk serve nodes) share it. A
// value one desk looked up does not count again when the other looks it
// up; the 21st distinct value of the hour is refused whichever desk asks;
// an hour after the first it may be looked up. The tries are kept masked
// (their hashes forgotten after the hour), and desk audit --user lists
// the misses beside the look-ups that found a case.
func TestLookupLimitIsSharedByEveryDeskOnTheDatabase(t *testing.T) {
	ctx := context.Background()
	now := ucAt(2026, 11, 25, 10, 0)
	var desks []*desk.Desk
	dbs := testdb.Handles(t, 2)
	for _, db := range dbs {
		d, err := desk.Open(ctx, db, desk.Options{By: "test", DataDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		d.Now = func() time.Time { return now }
		desks = append(desks, d)
	}
	if err := desktest.Hire(ctx, desks[0], ucAgent, ucQA); err != nil {
		t.Fatal(err)
	}
	c, _, err := desks[0].Register(ctx, ucAgent, ucReg(func(r *desk.Registration) { r.Phone = "18875446679" }))
	if err != nil {
		t.Fatal(err)
	}
	search := func(d *desk.Desk, q string) ([]string, error) {
		t.Helper()
		page, err := d.Queue(ctx, ucQA, store.Query{Tab: store.TabAll, Search: q, Limit: 50})
		var out []string
		for _, c := range page.Cases {
			out = append(out, c.Number)
		}
		return out, err
	}
	guess := func(i int) string { return fmt.Sprintf("188 %04d 6679", i) }
	// The desks take turns: each guess on one, and the guess before it
	// (the other's) again on the same one.
	for i := range 20 {
		d := desks[i%2]
		for _, j := range []int{i, i - 1} {
			if j < 0 {
				continue
			}
			if got, err := search(d, guess(j)); err != nil || len(got) != 0 {
				t.Fatalf("guess %d (%s) on desk %d at %s: %v, %v", j+1, guess(j), i%2+1, now.Format("15:04"), got, err)
			}
		}
		now = now.Add(time.Minute)
	}
	for i, d := range desks {
		_, err := search(d, "18875446679")
		if err == nil {
			t.Fatalf("desk %d looked up a 21st whole phone within the hour", i+1)
		}
		if zh, en := messages(t, err); !strings.Contains(zh, "一小时内以完整电话或姓名查找已超过 20 次") || !strings.Contains(en, "more than 20 look-ups") {
			t.Errorf("desk %d's refusal: %q / %q", i+1, zh, en)
		}
	}
	now = ucAt(2026, 11, 25, 11, 0) // the first guess (10:00) is an hour old
	if got, err := search(desks[1], "18875446679"); err != nil || !slices.Equal(got, []string{c.Number}) {
		t.Fatalf("an hour after the first guess the look-up found %v, %v; want %s", got, err, c.Number)
	}
	if _, err := search(desks[0], guess(99)); err == nil {
		t.Error("a 21st value within the hour of the second guess was looked up")
	}

	var rows []store.Lookup
	if err := dbs[0].Read(ctx, func(tx store.Tx) error {
		var err error
		rows, err = tx.Lookups(store.LookupQuery{User: ucQA.Name})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 21 {
		t.Fatalf("%d look-ups kept; want 21 (20 guesses, 1 found)", len(rows))
	}
	for i, l := range rows {
		if l.Masked != "188****6679" || (i < 20) != (l.Found == 0) || (i == 0) != (l.Hash == "") {
			t.Errorf("look-up %d kept as %+v; want 188****6679, the first's hash forgotten, the last found", i+1, l)
		}
	}

	audit, err := desks[1].Audit(ctx, ucAdmin, desk.AuditFilter{User: ucQA.Name})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range audit {
		got = append(got, fmt.Sprintf("%s %s %s %s", e.At.In(ucShanghai).Format("15:04"), e.Action, e.Number, e.After["value"]))
	}
	var want []string
	for i := range 20 {
		want = append(want, fmt.Sprintf("10:%02d lookup  188****6679", i))
	}
	want = append(want, "11:00 lookup "+c.Number+" 188****6679")
	if !slices.Equal(got, want) {
		t.Errorf("desk audit --user %s:\n%s\nwant:\n%s", ucQA.Name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if byCase, err := desks[1].Audit(ctx, ucAdmin, desk.AuditFilter{Number: c.Number}); err != nil || len(byCase) != 1 {
		t.Errorf("desk audit --case lists %d entries (%v); want the one look-up that found it", len(byCase), err)
	}
}
