package desk_test

import (
	"context"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/testdb"
)

// An imported register goes where the policy routes each class, as a
// registration at the desk does (after-sales: product → quality); a row
// that names its department keeps it.
func TestImportRoutesByClass(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "aftersales"})
	if err != nil {
		t.Fatal(err)
	}
	now := impAt(11, 20, 10)
	d.Now = func() time.Time { return now }
	product := history("p1", impAt(3, 2, 9), "closed", nil)
	product.Category = "product.defect"
	service := history("s1", impAt(3, 3, 9), "closed", nil)
	service.Category, service.Department = "service.attitude", "general"
	res, err := d.ImportHistory(ctx, desk.Actor{Name: "刘经理", Role: "manager"}, []desk.HistoryCase{product, service}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"p1": "quality", "s1": "general"}
	for i, r := range res {
		if r.Outcome != desk.Imported {
			t.Fatalf("row %d: %+v", i, r)
		}
		c, _, err := d.Case(ctx, desk.System, r.Number)
		if err != nil {
			t.Fatal(err)
		}
		if c.Department != want[c.SourceID] {
			t.Errorf("%s (%s): department %q, want %q", c.SourceID, c.Category, c.Department, want[c.SourceID])
		}
	}
}
