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
