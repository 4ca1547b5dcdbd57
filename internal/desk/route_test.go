package desk_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/testdb"
	"complaintdesk/store"
)

// Routing by class under the after-sales preset: registering puts the case
// in its class's department and the history says so; a registration no
// route takes is refused with its other problems; reclassifying sends the
// case on and leaves the old department's handler behind.
func TestRoutingByClass(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "aftersales"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 10, 12, 10, 0, 0, 0, d.Location())
	d.Now = func() time.Time { return now }
	cs, zhang := desk.Actor{Name: "小王", Role: "cs"}, desk.Actor{Name: "张工", Role: "handler"}
	for _, a := range []desk.Actor{cs, zhang} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}

	// No class and no content: both told at once, nothing written.
	_, _, err = d.Register(ctx, cs, desk.Registration{Phone: "13812345678"})
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.For("category") == nil || ve.For("content") == nil {
		t.Fatalf("no class, no content: %v", err)
	}
	if !strings.Contains(ve.For("category").ZH, "产品问题 → 产品质量部") {
		t.Errorf("the refusal does not say where classes go: %s", ve.For("category").ZH)
	}

	c, _, err := d.Register(ctx, cs, desk.Registration{Category: "product.return", Phone: "13812345678", Content: "冰箱要求退货"})
	if err != nil {
		t.Fatal(err)
	}
	cv, err := d.CaseView(ctx, desk.Actor{Name: "小王", Role: "cs"}, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Case.Department != "quality" || cv.Events[0].After["department"] != "quality" {
		t.Errorf("registered: department %q, first event %v", cv.Case.Department, cv.Events[0].After)
	}

	now = now.Add(time.Hour)
	if _, err := d.Apply(ctx, zhang, desk.Action{Number: c.Number, Name: "assign", Handler: "张工"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	c2, err := d.Apply(ctx, zhang, desk.Action{Number: c.Number, Name: "reclassify", Category: "other.delivery", Reason: "运输途中损坏，属物流问题"})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Department != "general" || c2.Handler != "" || c2.Category != "other.delivery" {
		t.Errorf("reclassified: department %q handler %q category %q", c2.Department, c2.Handler, c2.Category)
	}
	// The new department gets its own 3 working days of verification from
	// the reclassification; the same department keeps the days it had.
	verification := func() time.Time {
		t.Helper()
		cv, err := d.CaseView(ctx, zhang, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cv.Clocks {
			if k.ID == "verification" {
				return k.Start
			}
		}
		t.Fatal("no verification clock")
		return time.Time{}
	}
	if got := verification(); !got.Equal(now) {
		t.Errorf("verification after reclassifying to another department starts %v, want %v", got, now)
	}
	moved := now
	now = now.Add(time.Hour)
	// Reclassifying within the class keeps the department and the handler.
	if _, err := d.Apply(ctx, zhang, desk.Action{Number: c.Number, Name: "assign", Handler: "张工"}); err != nil {
		t.Fatal(err)
	}
	c3, err := d.Apply(ctx, zhang, desk.Action{Number: c.Number, Name: "reclassify", Category: "other.price", Reason: "运费争议"})
	if err != nil || c3.Department != "general" || c3.Handler != "张工" {
		t.Errorf("within the class: %v %+v", err, c3)
	}
	if got := verification(); !got.Equal(moved) {
		t.Errorf("reclassifying within the department restarted verification at %v, want it kept from %v", got, moved)
	}
}

// A step a rule refuses for want of another step's record says so before
// any form is filled (the case page's key), in the rule's words: closing
// an after-sales case customer service has not told about the result.
func TestCheckRefusesWhatTheFormCannotGive(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	d, err := desk.Open(ctx, db, desk.Options{Preset: "aftersales"})
	if err != nil {
		t.Fatal(err)
	}
	cs, zhang := desk.Actor{Name: "小王", Role: "cs"}, desk.Actor{Name: "张工", Role: "handler"}
	for _, a := range []desk.Actor{cs, zhang} {
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	c, _, err := d.Register(ctx, cs, desk.Registration{Category: "product.return", Phone: "13812345678", Content: "冰箱要求退货"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []desk.Action{
		{Name: "assign", Handler: "张工"},
		{Name: "verify", ComplainantVerified: true, ItemVerified: true, ItemProduct: "BCD-200"},
		{Name: "resolve", Resolution: "上门更换轴承", ResolutionType: "repair"},
	} {
		a.Number = c.Number
		if _, err := d.Apply(ctx, zhang, a); err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
	}
	got, _, err := d.Case(ctx, desk.System, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Check(got, "close", cs)
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Error()+ve.Problems[0].ZH, "告知客户") {
		t.Fatalf("close before the customer was told: %v; want the rule's refusal", err)
	}
	if err := d.Check(got, "inform_customer", cs); err != nil {
		t.Errorf("informing the customer: %v", err)
	}
}
