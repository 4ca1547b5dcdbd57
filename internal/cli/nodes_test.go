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
	reads   *atomic.Int64 // how often this node read the version
}

func (n nodeStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	if err := n.Store.Write(ctx, fn); err != nil {
		return err
	}
	n.version.Add(1)
	return nil
}

func (n nodeStore) DataVersion(context.Context) (int64, error) {
	v := n.version.Load()
	n.reads.Add(1)
	return v, nil
}

// waitReads waits until a node's watchers have read the version they
// compare with (each reads it once when it starts).
func waitReads(t *testing.T, reads *atomic.Int64, n int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // a guard against a hang
	for reads.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the watchers read the data version %d times, want %d", reads.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

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
	node := func(name string, reads *atomic.Int64) (*desk.Desk, *sshserver.Server) {
		db, err := sqlite.Open(ctx, c.env["DESK_DB"])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		d, err := desk.Open(ctx, nodeStore{Store: db, version: &version, reads: reads}, desk.Options{By: "test"})
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
	var readsB atomic.Int64
	d1, _ := node("a", &atomic.Int64{})
	d2, srv2 := node("b", &readsB)
	changes, unsubscribe := srv2.Hub().Subscribe()
	defer unsubscribe()
	waitReads(t, &readsB, 2) // node b's watcher and the relay to its sessions

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

// feedStore is a nodeStore whose database tells of commits as they happen
// (store.ChangeFeed, as LISTEN/NOTIFY does).
type feedStore struct {
	nodeStore
	feed chan struct{}
}

func (f feedStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	if err := f.nodeStore.Write(ctx, fn); err != nil {
		return err
	}
	select {
	case f.feed <- struct{}{}:
	default: // one pending is enough
	}
	return nil
}

func (f feedStore) Changes(context.Context) <-chan struct{} { return f.feed }

// With a change feed a node hears of another's commit without waiting for
// its poll: the watcher here polls once an hour.
func TestAChangeFeedWakesTheWatcher(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init")
	c.ok("users", "add", "李娜", "--role", "agent")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var version atomic.Int64
	feed := make(chan struct{}, 1)
	open := func(st func(*sqlite.DB) store.Store) *desk.Desk {
		db, err := sqlite.Open(ctx, c.env["DESK_DB"])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		d, err := desk.Open(ctx, st(db), desk.Options{By: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	var reads atomic.Int64
	writer := open(func(db *sqlite.DB) store.Store { return feedStore{nodeStore{db, &version, &atomic.Int64{}}, feed} })
	watcher := open(func(db *sqlite.DB) store.Store { return feedStore{nodeStore{db, &version, &reads}, feed} })
	changes, unsubscribe := watcher.Hub().Subscribe()
	defer unsubscribe()
	go watcher.Watch(ctx, time.Hour)
	waitReads(t, &reads, 1)

	agent := desk.Actor{Name: "李娜", Role: "agent"}
	if _, _, err := writer.Register(ctx, agent, desk.Registration{Channel: "phone", Nature: "complaint", Grade: "C",
		Name: "张三", Phone: "13800138000", Content: "有通知的数据库"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(30 * time.Second): // a guard against a hang: the poll is an hour away
		t.Fatal("the change feed did not wake the watcher")
	}
}
