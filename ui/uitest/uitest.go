// Package uitest builds desks for the UI's tests, runs Bubble Tea commands
// as a program does (driven by messages, not by time) and compares screens
// with golden files.
package uitest

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
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
	if !r.ReceivedAt.IsZero() && d.Now().Sub(r.ReceivedAt) > time.Hour && r.LateReason == "" {
		r.LateReason = "测试数据：补录" // the fixtures are entered after the calls they record
	}
	c, _, err := d.Register(context.Background(), a, r)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return c
}

// Patience bounds how long Run waits for the commands to finish: a guard
// against a command that never returns, far above what any command takes,
// even under -race on a busy machine. Reaching it fails the test (a panic
// naming the messages seen); it never decides what a test sees.
var Patience = 2 * time.Minute

// Run executes cmd and every command it leads to as a Bubble Tea program
// does — each command on its own goroutine, each message handed to update
// on the caller's goroutine as it arrives — until no command is left
// running. It returns the messages handed to update. Clock ticks
// (common.TickMsg) are waited for but not handed on: each would start the
// next one, forever. A command that waits for ever (a listener for
// changes) keeps Run waiting until Patience: use RunUntil for those.
func Run(cmd tea.Cmd, update func(tea.Msg) tea.Cmd) []tea.Msg {
	return run(cmd, update, nil)
}

// RunUntil is Run that returns as soon as update has handled a message
// for which done is true, leaving commands that still run behind (their
// results are dropped). It panics after Patience if that message never came.
func RunUntil(cmd tea.Cmd, update func(tea.Msg) tea.Cmd, done func(tea.Msg) bool) []tea.Msg {
	return run(cmd, update, done)
}

// Is reports whether msg is an M; with RunUntil it waits for a message type:
//
//	uitest.RunUntil(cmd, update, uitest.Is[common.StatusMsg])
func Is[M tea.Msg](msg tea.Msg) bool {
	_, ok := msg.(M)
	return ok
}

// maxMessages stops a model whose commands lead to each other for ever.
const maxMessages = 10000

func run(cmd tea.Cmd, update func(tea.Msg) tea.Cmd, done func(tea.Msg) bool) []tea.Msg {
	var seen []tea.Msg
	results := make(chan tea.Msg)
	quit := make(chan struct{})
	defer close(quit) // commands still running after we return drop their results
	running := 0
	start := func(c tea.Cmd) {
		if c == nil {
			return
		}
		running++
		go func() {
			msg := c()
			select {
			case results <- msg:
			case <-quit:
			}
		}()
	}
	// handle hands one message on; it says whether the awaited one came.
	var handle func(msg tea.Msg) bool
	handle = func(msg tea.Msg) bool {
		switch m := msg.(type) {
		case nil, common.TickMsg:
			return false
		case tea.BatchMsg:
			for _, c := range m {
				start(c)
			}
			return false
		case ordered:
			for _, msg := range m {
				if handle(msg) {
					return true
				}
			}
			return false
		}
		if cmds, ok := sequence(msg); ok {
			start(inOrder(cmds))
			return false
		}
		seen = append(seen, msg)
		if len(seen) > maxMessages {
			panic(fmt.Sprintf("uitest: more than %d messages: the commands lead to each other for ever (last: %s)", maxMessages, describe(seen[len(seen)-5:])))
		}
		next := update(msg)
		if done != nil && done(msg) {
			return true
		}
		start(next)
		return false
	}
	start(cmd)
	guard := time.NewTimer(Patience)
	defer guard.Stop()
	for running > 0 {
		select {
		case msg := <-results:
			running--
			if handle(msg) {
				return seen
			}
		case <-guard.C:
			panic(fmt.Sprintf("uitest: %d commands still running after %s (seen %d messages: %s); a listener or a tick that never returns? use RunUntil",
				running, Patience, len(seen), describe(seen)))
		}
	}
	if done != nil {
		panic(fmt.Sprintf("uitest: every command returned but the awaited message never came (seen %d messages: %s)", len(seen), describe(seen)))
	}
	return seen
}

// sequence unpacks tea.Sequence's message, whose type is not exported.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// ordered is the messages of a sequence, handed on in their order.
type ordered []tea.Msg

// inOrder runs commands one after the other, as tea.Sequence does.
func inOrder(cmds []tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		var out ordered
		for _, c := range cmds {
			if c != nil {
				out = append(out, c())
			}
		}
		return out
	}
}

func describe(msgs []tea.Msg) string {
	var b strings.Builder
	for i, m := range msgs {
		if i == 20 {
			fmt.Fprintf(&b, " …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%T", m)
	}
	return b.String()
}
