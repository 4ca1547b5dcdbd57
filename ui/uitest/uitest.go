// Package uitest builds desks and runs Bubble Tea commands synchronously for
// the UI's tests.
package uitest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/common"
	"complaintdesk/ui/styles"
)

// Now is the fixed time UI tests run at: 2026-11-23 10:00 in Shanghai (a Monday).
var Now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Desk opens a desk on a new database with its clock fixed at Now, and an
// agent user "agent1" (who sees personal data).
func Desk(t testing.TB) (*desk.Desk, desk.Actor) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return Now }
	if err := d.AddUser(ctx, store.User{Name: "agent1", Role: "agent"}); err != nil {
		t.Fatal(err)
	}
	return d, desk.Actor{Name: "agent1", Role: "agent"}
}

// Common is a session's Common at width×height in lang.
func Common(d *desk.Desk, a desk.Actor, lang string, width, height int) *common.Common {
	return &common.Common{Ctx: context.Background(), Desk: d, Actor: a, Lang: lang,
		Styles: styles.New(true, false), Width: width, Height: height, Now: Now}
}

// Register registers a case or fails the test.
func Register(t testing.TB, d *desk.Desk, a desk.Actor, r desk.Registration) *store.Case {
	t.Helper()
	c, _, err := d.Register(context.Background(), a, r)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return c
}

// Run executes cmd and every command it leads to, feeding each message to
// update, except ticks (they would wait a second). It returns the messages seen.
func Run(cmd tea.Cmd, update func(tea.Msg) tea.Cmd) []tea.Msg {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runWithTimeout(c)
		if msg == nil {
			continue
		}
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		seen = append(seen, msg)
		if next := update(msg); next != nil {
			queue = append(queue, next)
		}
	}
	return seen
}

// runWithTimeout runs a command but gives up on ones that wait (ticks, listeners).
func runWithTimeout(c tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(300 * time.Millisecond):
		return nil
	}
}
