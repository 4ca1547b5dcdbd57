package ui

import (
	"context"
	"time"

	"complaintdesk/internal/notify"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

// NewSession makes the application of one SSH session. Unlike Run it starts
// no watcher of the database: the server runs one for every session and
// hands each session its own channel of changes. The styles start dark and
// follow the client's background once its terminal answers. The clock on
// screen moves once a minute (common.Common.ClockStep).
func NewSession(ctx context.Context, o Options, changes <-chan notify.Change) *App {
	c := &common.Common{Ctx: ctx, Desk: o.Desk, Actor: o.Actor, Lang: o.Lang, Styles: styles.New(true, o.ASCII), Now: o.Desk.Now(),
		ClockStep: time.Minute}
	app := New(c, changes)
	app.ascii = o.ASCII
	app.station.remote = true // over SSH the key says who works: no station switching (station.go)
	return app
}
