package sshserver

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

// fakeApp stands in for the desk's UI: it shows who it is and counts the
// changes it hears; Shutdown is counted too.
type fakeApp struct {
	info     SessionInfo
	changes  *atomic.Int64
	shutdown *atomic.Int64
}

type changedMsg struct{}

func (a *fakeApp) listen() tea.Cmd {
	ch, ctx := a.info.Changes, a.info.Ctx
	return func() tea.Msg {
		select {
		case <-ch:
			return changedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func (a *fakeApp) Init() tea.Cmd { return a.listen() }
func (a *fakeApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case changedMsg:
		a.changes.Add(1)
		return a, a.listen()
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return a, tea.Quit
		}
	}
	return a, nil
}
func (a *fakeApp) View() tea.View {
	// A control sequence slipped into the view (it writes the client's
	// clipboard) must never reach the terminal.
	v := tea.NewView(fmt.Sprintf("hello %s (%s) lang=%s", a.info.Actor.Name, a.info.Actor.Role, a.info.Lang) + slipped + "!")
	v.AltScreen = true
	return v
}
func (a *fakeApp) Shutdown() { a.shutdown.Add(1) }

const slipped = "\x1b]52;c;ZXZpbA==\x07"

type testServer struct {
	t        *testing.T
	d        *desk.Desk
	srv      *Server
	addr     string
	logs     *syncBuffer
	changes  atomic.Int64
	shutdown atomic.Int64
	stop     context.CancelFunc
	done     chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs a server on a new desk. mod changes the configuration
// before New validates it; prepare changes the server before it serves (a
// test may set what Validate refuses, never after Serve started: the
// server's goroutines read it).
func startServer(t *testing.T, mod func(*Config), prepare ...func(*Server)) *testServer {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, d: d, logs: &syncBuffer{}, done: make(chan error, 1)}
	cfg := DefaultConfig()
	cfg.Listen = "127.0.0.1:0"
	cfg.HostKeyPath = filepath.Join(dir, HostKeyFile)
	cfg.Lang = "en"
	if mod != nil {
		mod(&cfg)
	}
	newApp := func(info SessionInfo) App {
		return &fakeApp{info: info, changes: &ts.changes, shutdown: &ts.shutdown}
	}
	ts.srv, err = New(d, cfg, newApp, slog.New(slog.NewTextHandler(ts.logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.srv.Listen(); err != nil {
		t.Fatal(err)
	}
	for _, p := range prepare {
		p(ts.srv)
	}
	ts.addr = ts.srv.Addr().String()
	sctx, stop := context.WithCancel(ctx)
	ts.stop = stop
	go func() { ts.done <- ts.srv.Serve(sctx) }()
	t.Cleanup(func() { ts.shutdownNow() })
	return ts
}

func (ts *testServer) shutdownNow() error {
	ts.stop()
	select {
	case err := <-ts.done:
		ts.done <- err
		return err
	case <-time.After(patience):
		ts.t.Errorf("the server did not stop within %s", patience)
		return errors.New("timeout")
	}
}

func newSigner(t *testing.T) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s, string(gossh.MarshalAuthorizedKey(s.PublicKey()))
}

func (ts *testServer) addUser(name, role string) gossh.Signer {
	ts.t.Helper()
	s, pub := newSigner(ts.t)
	if _, err := ts.d.AddUserWithKeys(context.Background(), desk.Actor{Name: "admin", Role: "admin"}, store.User{Name: name, Role: role}, pub); err != nil {
		ts.t.Fatal(err)
	}
	return s
}

// client is one SSH session with a terminal.
type client struct {
	t    *testing.T
	conn *gossh.Client
	sess *gossh.Session
	out  *syncBuffer
	in   io.WriteCloser
	done chan struct{}
}

func dial(addr string, s gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "whoever",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(s)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

func (ts *testServer) connect(s gossh.Signer, env ...string) *client {
	ts.t.Helper()
	conn, err := dial(ts.addr, s)
	if err != nil {
		ts.t.Fatalf("dial: %v", err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			ts.t.Fatal(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		ts.t.Fatal(err)
	}
	c := &client{t: ts.t, conn: conn, sess: sess, out: &syncBuffer{}, done: make(chan struct{})}
	sess.Stdout = c.out
	sess.Stderr = c.out
	if c.in, err = sess.StdinPipe(); err != nil {
		ts.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		ts.t.Fatal(err)
	}
	go func() { sess.Wait(); close(c.done) }()
	ts.t.Cleanup(func() { conn.Close() })
	return c
}

// patience bounds every wait of these tests: a guard against a hang, far
// above what the awaited thing takes even under -race on a busy machine.
const patience = 30 * time.Second

func (c *client) waitFor(want string) {
	c.t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if strings.Contains(c.out.String(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Fatalf("the session never showed %q; it showed:\n%q", want, c.out.String())
}

func (c *client) waitEnd() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(patience):
		c.t.Fatalf("the session did not end; it showed:\n%q", c.out.String())
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: not within %s", what, patience)
}

func TestKeysDecideWhoLogsInAndRefusalsAreLogged(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	sup := ts.addUser("陈主管", "supervisor")
	ghost := ts.addUser("离职员工", "agent")
	if err := ts.d.DisableUser(context.Background(), "离职员工"); err != nil {
		t.Fatal(err)
	}
	stranger, _ := newSigner(t)

	c := ts.connect(sup, "LANG=zh_CN.UTF-8")
	c.waitFor("hello 陈主管 (supervisor) lang=zh")

	for name, s := range map[string]gossh.Signer{"unknown": stranger, "disabled": ghost} {
		if conn, err := dial(ts.addr, s); err == nil {
			conn.Close()
			t.Errorf("the %s key logged in", name)
		} else if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("the %s key: %v", name, err)
		}
	}
	logs := ts.logs.String()
	for _, want := range []string{
		"fingerprint=" + desk.Fingerprint(stranger.PublicKey()) + " type=ssh-ed25519 ssh_user=whoever",
		`reason="unknown key"`,
		"fingerprint=" + desk.Fingerprint(ghost.PublicKey()),
		`reason="user disabled"`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
	// The host key was made in the data directory and is reused.
	if ts.srv.cfg.HostKeyPath == "" {
		t.Fatal("no host key path")
	}
}

func TestHostKeyIsMadeOnceAndReused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, HostKeyFile)
	var first string
	for i := 0; i < 2; i++ {
		ts := startServer(t, func(c *Config) { c.HostKeyPath = path })
		sup := ts.addUser(fmt.Sprintf("u%d", i), "supervisor")
		var got string
		conn, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
			User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(sup)},
			HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
				got = gossh.FingerprintSHA256(k)
				return nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if i == 0 {
			first = got
		} else if got != first {
			t.Errorf("the host key changed between starts: %s then %s", first, got)
		}
		ts.shutdownNow()
	}
}

func TestSessionLimitsSayWhy(t *testing.T) {
	t.Parallel()
	ts := startServer(t, func(c *Config) { c.MaxSessionsPerUser = 1; c.MaxSessions = 2 })
	a := ts.addUser("李娜", "agent")
	b := ts.addUser("王强", "agent")
	c := ts.addUser("陈主管", "supervisor")
	first := ts.connect(a)
	first.waitFor("hello 李娜")
	second := ts.connect(a)
	second.waitFor("李娜 already has 1 sessions open, the limit per user (max_sessions_per_user 1)")
	second.waitEnd()
	ts.connect(b).waitFor("hello 王强")
	third := ts.connect(c, "LANG=zh_CN.UTF-8")
	third.waitFor("服务器已有 2 个会话（上限 2）")
	third.waitEnd()
	waitUntil(t, "two sessions open", func() bool { return ts.srv.Sessions() == 2 })
}

func TestIdleSessionEndsAndKeepsItsDraft(t *testing.T) {
	t.Parallel()
	ts := startServer(t, func(c *Config) { c.IdleTimeout = 10 * time.Second },
		func(s *Server) { s.cfg.IdleTimeout = 300 * time.Millisecond }) // below what Validate allows, for the test
	a := ts.addUser("李娜", "agent")
	c := ts.connect(a)
	c.waitFor("hello 李娜")
	c.waitFor("The session ended after a long time without input")
	c.waitEnd()
	if ts.shutdown.Load() == 0 {
		t.Error("the idle session ended without saving its drafts")
	}
	if !strings.Contains(ts.logs.String(), `reason="idle timeout"`) {
		t.Errorf("the log does not say why:\n%s", ts.logs.String())
	}
}

func TestChangesReachEverySessionAndRevokedUsersAreEnded(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	a := ts.addUser("李娜", "agent")
	s := ts.addUser("陈主管", "supervisor")
	ca := ts.connect(a)
	cs := ts.connect(s)
	ca.waitFor("hello 李娜")
	cs.waitFor("hello 陈主管")
	ca.waitFor("lang=en!") // the view's text on either side of what was left out
	if strings.Contains(ca.out.String(), "\x1b]52") {
		t.Errorf("the view's control sequence reached the client: %q", ca.out.String())
	}
	before := ts.changes.Load()
	if _, _, err := ts.d.Register(context.Background(), desk.Actor{Name: "李娜", Role: "agent"}, desk.Registration{Name: "张三", Phone: "13800138000", Content: "退款"}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "both sessions hear the change", func() bool { return ts.changes.Load() >= before+2 })
	// The watcher sees the same commit again (data version); the relay
	// passes it on once.
	waitUntil(t, "the relay drops the watcher's repeat", func() bool { return ts.srv.dropped.Load() >= 1 })
	if got := ts.changes.Load(); got != before+2 {
		t.Errorf("the sessions heard %d changes for one commit; want 1 each", got-before)
	}

	if err := ts.d.DisableUser(context.Background(), "李娜"); err != nil {
		t.Fatal(err)
	}
	// Another process's write reaches the server through its watcher; the
	// same path ends the session of a disabled user.
	ca.waitFor("An administrator disabled your account or key")
	ca.waitEnd()
	waitUntil(t, "only the supervisor's session is left", func() bool { return ts.srv.Sessions() == 1 })
}

func TestShutdownTellsEverySessionAndSavesDrafts(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	var clients []*client
	for i := 0; i < 3; i++ {
		c := ts.connect(ts.addUser(fmt.Sprintf("agent%d", i), "agent"))
		c.waitFor("hello agent")
		clients = append(clients, c)
	}
	start := time.Now()
	if err := ts.shutdownNow(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("shutdown took %s", took)
	}
	for _, c := range clients {
		c.waitFor("The desk server is shutting down")
		c.waitEnd()
	}
	if n := ts.shutdown.Load(); n < 3 {
		t.Errorf("drafts saved in %d sessions; want 3", n)
	}
}

func TestSessionLanguage(t *testing.T) {
	for _, tc := range []struct {
		user string
		env  []string
		def  string
		want string
	}{
		{"", []string{"LANG=zh_CN.UTF-8"}, "en", "zh"},
		{"", []string{"LANG=zh_CN.UTF-8", "LC_ALL=en_US.UTF-8"}, "zh", "en"},
		{"zh", []string{"LANG=en_US.UTF-8"}, "en", "zh"},
		{"", nil, "zh", "zh"},
		{"", nil, "", "en"},
	} {
		if got := sessionLang(tc.user, tc.env, tc.def); got != tc.want {
			t.Errorf("sessionLang(%q, %v, %q) = %q; want %q", tc.user, tc.env, tc.def, got, tc.want)
		}
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ConfigFile)
	if cfg, err := LoadConfig(path, DefaultConfig()); err != nil || cfg != DefaultConfig() {
		t.Fatalf("a missing file: %+v, %v", cfg, err)
	}
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("listen = \"127.0.0.1:2300\"\nmax_sessions = 50\nmax_sessions_per_user = 2\nidle_timeout = \"15m\"\nlang = \"zh\"\n")
	cfg, err := LoadConfig(path, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != "127.0.0.1:2300" || cfg.MaxSessions != 50 || cfg.MaxSessionsPerUser != 2 || cfg.IdleTimeout != 15*time.Minute || cfg.Lang != "zh" {
		t.Errorf("config %+v", cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Error(err)
	}
	write("max_session = 5\n")
	if _, err := LoadConfig(path, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "max_session") {
		t.Errorf("an unknown key: %v", err)
	}
	bad := DefaultConfig()
	bad.IdleTimeout = time.Second
	bad.Listen = "2222"
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "HOST:PORT") || !strings.Contains(err.Error(), "too short") {
		t.Errorf("Validate: %v", err)
	}
}

func TestMemoryLimitFollowsTheSessionLimitUnlessGOMEMLIMITIsSet(t *testing.T) {
	if got, ok := memoryLimit(100, ""); !ok || got != (64+100)<<20 {
		t.Errorf("100 sessions: %d MiB, %t", got>>20, ok)
	}
	if got, _ := memoryLimit(0, ""); got != (64+200)<<20 {
		t.Errorf("no session limit: %d MiB; want it counted as 200 sessions", got>>20)
	}
	if _, ok := memoryLimit(100, "500MiB"); ok {
		t.Error("the server set a limit over the operator's GOMEMLIMIT")
	}
}

// A shutdown in the server's first moments (SIGTERM right after the start)
// ends it: the listener is closed even if Serve had not begun to accept.
func TestShutdownRightAfterTheStartEndsTheServer(t *testing.T) {
	for range 20 {
		ts := startServer(t, nil)
		if err := ts.shutdownNow(); err != nil {
			t.Fatalf("the server did not stop: %v", err)
		}
	}
}
