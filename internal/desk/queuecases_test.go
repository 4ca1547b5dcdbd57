package desk_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// QueueCases gives the cases Queue gives, as the actor sees them (masked
// for a masked role), without the total and the repeat callers' counts.
func TestQueueCasesAreTheQueuesCases(t *testing.T) {
	ctx := context.Background()
	d, err := desk.Open(ctx, testdb.Open(t), desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, d.Location())
	d.Now = func() time.Time { return now }
	agent, qa := desk.Actor{Name: "李娜", Role: "agent"}, desk.Actor{Name: "质检孙", Role: "qa"}
	for _, a := range []desk.Actor{agent, qa} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	for i, content := range []string{"空调不制冷", "空调噪音大", "冰箱漏水"} {
		phone := "13812349342"
		if i == 2 {
			phone = "13900001111"
		}
		if _, _, err := d.Register(ctx, agent, desk.Registration{Name: "王五", Phone: phone, Content: content}); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []desk.Actor{agent, qa} {
		q := store.Query{Tab: store.TabAll, Limit: 2}
		page, err := d.Queue(ctx, a, q)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := d.QueueCases(ctx, a, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != 2 || !reflect.DeepEqual(cases, page.Cases) {
			t.Errorf("%s: QueueCases %d cases, Queue %d, or not the same", a.Role, len(cases), len(page.Cases))
		}
		if len(page.Repeats) == 0 || page.Total != 3 {
			t.Errorf("%s: Queue's repeats %v, total %d", a.Role, page.Repeats, page.Total)
		}
		if a == qa && cases[0].Complainants[0].Phone == "13812349342" {
			t.Error("qa sees the whole number in QueueCases")
		}
	}
}
