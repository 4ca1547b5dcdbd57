// Package desktest reads a desk as the desk itself sees it, for tests that
// check what was stored: the use cases return what an actor may see.
package desktest

import (
	"context"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

// List reads a page of the queue as stored.
func List(d *desk.Desk, ctx context.Context, q store.Query) ([]store.Case, error) {
	p, err := d.Queue(ctx, desk.System, q)
	return p.Cases, err
}

// Relations reads a case's linked cases and its caller's other cases.
func Relations(d *desk.Desk, ctx context.Context, c *store.Case) (desk.Related, error) {
	v, err := d.CaseView(ctx, desk.System, c.Number)
	if err != nil {
		return desk.Related{}, err
	}
	return v.Related, nil
}

// Hire adds the actors as desk users in their roles: a case is assigned
// only to an existing, active user whose role handles cases. Users that
// exist already are left as they are.
func Hire(ctx context.Context, d *desk.Desk, actors ...desk.Actor) error {
	users, err := d.Users(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, u := range users {
		have[u.Name] = true
	}
	for _, a := range actors {
		if have[a.Name] {
			continue
		}
		if err := d.AddUser(ctx, store.User{Name: a.Name, Role: a.Role}); err != nil {
			return err
		}
		have[a.Name] = true
	}
	return nil
}

// Verify is the 三核实 step (002 5.3) the default policy wants before a
// case is assigned: the complainant and the item, with the product.
func Verify(number string) desk.Action {
	return desk.Action{Number: number, Name: "verify", ComplainantVerified: true, ItemVerified: true,
		ItemProduct: "订单 5512 所购商品"}
}

// Implement is the step that records the solution carried out, which
// closing a resolved case needs (004 第九条 处理与执行).
func Implement(number string) desk.Action {
	return desk.Action{Number: number, Name: "implement", Implementation: "已按处理方案执行完毕，客户已确认"}
}
