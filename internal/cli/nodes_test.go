package cli_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/sshserver"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

// nodeStore is one desk serve node's view of a shared database known only
// through store.Store: its DataVersion is a counter every node's commits
// move after they commit (as a database server's notifications do), not
// SQLite's data_version, and none of the SQLite store's own abilities
// show through.
type nodeStore struct {
	store.Store
	version *atomic.Int64
}

func (n nodeStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	if err := n.Store.Write(ctx, fn); err != nil {
		return err
	}
	n.version.Add(1)
	return nil
}

func (n nodeStore) DataVersion(context.Context) (int64, error) { return n.version.Load(), nil }

// A case registered through one serve node reaches the sessions of
// another through the store interface alone: the node's watcher sees the
// data version move and its hub tells its sessions, whose next read shows
// the case.
func TestServeNodesHearEachOthersChanges(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init")
	c.ok("users", "add", "李娜", "--role", "agent")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var version atomic.Int64 // the database's: shared by the nodes
	node := func(name string) (*desk.Desk, *sshserver.Server) {
		db, err := sqlite.Open(ctx, c.env["DESK_DB"])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		d, err := desk.Open(ctx, nodeStore{Store: db, version: &version}, desk.Options{By: "test"})
		if err != nil {
			t.Fatal(err)
		}
		cfg := sshserver.DefaultConfig()
		cfg.Listen = "127.0.0.1:0"
		cfg.HostKeyPath = filepath.Join(filepath.Dir(c.env["DESK_DB"]), name+"_host_key")
		srv, err := sshserver.New(d, cfg, func(sshserver.SessionInfo) sshserver.App { return nil }, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Listen(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { defer close(done); _ = srv.Serve(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		return d, srv
	}
	d1, _ := node("a")
	d2, srv2 := node("b")
	changes, unsubscribe := srv2.Hub().Subscribe()
	defer unsubscribe()

	agent := desk.Actor{Name: "李娜", Role: "agent"}
	queue := func(d *desk.Desk) []string {
		page, err := d.Queue(ctx, agent, store.Query{Tab: store.TabAll, Sort: store.SortNumber, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var numbers []string
		for _, c := range page.Cases {
			numbers = append(numbers, c.Number)
		}
		return numbers
	}
	if got := queue(d2); len(got) != 0 { // and the node keeps this read for its sessions
		t.Fatalf("a new desk lists %v", got)
	}
	cs, _, err := d1.Register(ctx, agent, desk.Registration{Channel: "phone", Nature: "complaint", Grade: "C",
		Name: "张三", Phone: "13800138000", Content: "另一个节点登记的投诉"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(30 * time.Second): // a guard against a hang, not a measure
		t.Fatal("the other node's sessions were never told of the change")
	}
	if got := queue(d2); len(got) != 1 || got[0] != cs.Number {
		t.Fatalf("after the change the other node's queue lists %v, want %s", got, cs.Number)
	}
}
