// Package sshserver serves the desk over SSH (charm.land/wish/v2): the host
// key in the data directory, public-key authentication that maps a key to
// its desk user, and one Bubble Tea program per session, each with its own
// size, colours, language and user. Every session shares the process's one
// desk, its one data-version watcher and its one change hub; a session
// reads changes from its own buffered channel, so a slow session never
// holds up a writer or another session.
package sshserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/ssh"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/notify"
)

// SessionInfo is what the application of one session is made from.
type SessionInfo struct {
	// Ctx lives until the session ended and its drafts were saved.
	Ctx     context.Context
	Desk    *desk.Desk
	Actor   desk.Actor
	Lang    string // zh or en
	Changes <-chan notify.Change
}

// App is the application of one session.
type App interface {
	tea.Model
	// Shutdown saves what must survive the session (drafts); called when
	// the server ends the session and again after the program ended.
	Shutdown()
}

// NewApp makes the application of a session.
type NewApp func(SessionInfo) App

// Server is the desk's SSH server.
type Server struct {
	cfg    Config
	desk   *desk.Desk
	newApp NewApp
	log    *slog.Logger

	srv *ssh.Server
	ln  net.Listener
	// grace closes connections that open no session in time (grace.go).
	grace *graceListener

	// base outlives every session: their drafts are saved with it after
	// their connections are gone.
	base       context.Context
	cancelBase context.CancelFunc

	// hub fans the desk's changes out to the sessions, once per commit
	// (relay.go).
	hub     *notify.Hub
	dropped atomic.Int64 // duplicate notifications the relay did not pass on

	mu       sync.Mutex
	sessions map[*session]struct{}
	perUser  map[string]int
	closing  bool
	wg       sync.WaitGroup
	// trim hands the memory of ended sessions back to the system, once
	// the sessions stop ending for trimAfter (release).
	trim *time.Timer
}

// trimAfter is how long after the last session ended the server returns
// the memory the ended sessions held: Go's own scavenger gives it back
// slowly, so a server that had a hundred sessions kept their memory for
// minutes.
const trimAfter = 2 * time.Second

// memoryLimit is the soft memory limit the server sets for itself, from
// the most sessions it admits (0: none, counted as 200), unless the
// operator set GOMEMLIMIT (gomemlimit). A session of 120x40 holds about
// 0.3 MiB (docs/benchmarks.md, "SSH server"): a MiB each leaves the
// collector room, so the limit caps a burst of sessions or garbage
// without making the collector run all the time.
func memoryLimit(maxSessions int, gomemlimit string) (int64, bool) {
	if gomemlimit != "" {
		return 0, false
	}
	if maxSessions <= 0 {
		maxSessions = 200
	}
	return int64(memoryBase+maxSessions*memoryPerSession) << 20, true
}

// gcPercent is the server's GOGC unless the operator set one: the
// sessions' heap is small (about 40 MB live at 100 sessions) and churns
// with every frame; twice Go's default headroom took a fifth off the CPU
// per change for about 27 MB more (docs/benchmarks.md, "SSH server"), and
// the memory limit caps it.
const gcPercent = 200

// memoryBase and memoryPerSession (MiB) make the limit: the desk, its
// database and the runtime, and each session.
const (
	memoryBase       = 64
	memoryPerSession = 1
)

// New makes a server; Listen binds it, Serve runs it.
func New(d *desk.Desk, cfg Config, newApp NewApp, log *slog.Logger) (*Server, error) {
	def := DefaultConfig()
	if cfg.FPS == 0 {
		cfg.FPS = def.FPS
	}
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = def.ShutdownGrace
	}
	if cfg.Listen == "" {
		cfg.Listen = def.Listen
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("no host key path")
	}
	if log == nil {
		log = slog.Default()
	}
	s := &Server{cfg: cfg, desk: d, newApp: newApp, log: log, hub: notify.NewHub(),
		sessions: map[*session]struct{}{}, perUser: map[string]int{}}
	s.base, s.cancelBase = context.WithCancel(context.Background())
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		// Into the data directory: without it wish writes id_ed25519 into
		// the working directory.
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithVersion("SSH-2.0-complaintdesk"),
		// Middlewares run last-listed-first; there is one.
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	// Public keys only: no password, no keyboard-interactive.
	srv.PasswordHandler = nil
	srv.KeyboardInteractiveHandler = nil
	// A connection that sends and receives nothing for this long is dead
	// (an open session writes its clock every second).
	srv.IdleTimeout = 5 * time.Minute
	srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
		s.log.Debug("ssh handshake failed", "remote", conn.RemoteAddr().String(), "error", err)
	}
	s.srv = srv
	return s, nil
}

// Listen binds the address; Addr is known afterwards.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Listen, err)
	}
	s.ln = ln
	s.grace = newGraceListener(ln, loginGrace, s.log)
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Sessions is how many sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Serve runs the server until ctx ends, then shuts down gracefully: no new
// connections, every session told and its drafts saved, the remaining
// connections closed after the grace period.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	if limit, ok := memoryLimit(s.cfg.MaxSessions, os.Getenv("GOMEMLIMIT")); ok {
		debug.SetMemoryLimit(limit)
		s.log.Info("memory limit", "MiB", limit>>20, "max_sessions", s.cfg.MaxSessions)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	// One watcher per process: changes by other processes (desk cases ...
	// on the same database) reach every session through the hub.
	go s.desk.Watch(runCtx, 500*time.Millisecond)
	// One sweeper per process too, as in the local desk: breached clocks
	// escalate (policy).
	go s.desk.RunSweeper(runCtx, 30*time.Second)
	go s.relay(runCtx)
	go s.watchAccess(runCtx)
	if s.cfg.IdleTimeout > 0 {
		go s.watchIdle(runCtx)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.grace) }()
	select {
	case err := <-errc:
		s.cancelBase()
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	// Stop accepting, and let the accept loop end before anything else
	// touches the SSH server: its Serve, Shutdown and Close must not run
	// at once (a SIGTERM in the first milliseconds came while Serve was
	// starting: the race detector saw it, and the server, closing only
	// the listeners Serve had begun, accepted for ever). Open connections
	// stay until shutdown has told their sessions.
	s.grace.Close()
	<-errc
	s.shutdown()
	return nil
}

func (s *Server) shutdown() {
	start := time.Now()
	s.mu.Lock()
	s.closing = true
	open := make([]*session, 0, len(s.sessions))
	for se := range s.sessions {
		open = append(open, se)
	}
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", len(open))

	for _, se := range open {
		se.tell(ctlShutdown)
	}
	if !waitTimeout(&s.wg, s.cfg.ShutdownGrace) {
		s.log.Warn("sessions still open after the grace period: closing their connections")
	}
	s.srv.Close()
	// Their programs end with the connections; each saves its drafts.
	if !waitTimeout(&s.wg, 3*time.Second) {
		s.log.Error("sessions did not end after their connections closed")
	}
	s.cancelBase()
	s.log.Info("stopped", "took", time.Since(start).Round(time.Millisecond))
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// authorize is the public-key check: the key must belong to an active desk
// user. A refusal is logged with the key's fingerprint; the client sees
// "Permission denied" before anything is drawn.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	u, err := s.desk.UserForKey(ctx, key)
	if err != nil {
		reason := "unknown key"
		switch {
		case errors.Is(err, desk.ErrUnknownUser):
			reason = "user disabled"
		case !errors.Is(err, desk.ErrUnknownKey):
			reason = err.Error()
		}
		attrs := []any{"fingerprint", desk.Fingerprint(key), "type", key.Type(), "ssh_user", ctx.User(), "remote", ctx.RemoteAddr().String(), "reason", reason}
		if u != nil {
			attrs = append(attrs, "user", u.Name)
		}
		s.log.Warn("refused", attrs...)
		return false
	}
	return true
}

// session is one open session as the server tracks it.
type session struct {
	user        string
	role        string
	fingerprint string
	remote      string
	lang        string
	ctl         chan ctlKind
	lastInput   atomicTime
}

// tell gives the session a control message without waiting; a session
// already told something keeps that.
func (se *session) tell(k ctlKind) {
	select {
	case se.ctl <- k:
	default:
	}
}

// admit registers a session within the limits, or says why not.
func (s *Server) admit(se *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	zh := se.lang == "zh"
	switch {
	case s.closing:
		return tr(zh, "投诉受理台服务器正在关闭，请稍后再连接。", "The desk server is shutting down; connect again in a minute.")
	case s.cfg.MaxSessions > 0 && len(s.sessions) >= s.cfg.MaxSessions:
		return tr(zh,
			fmt.Sprintf("服务器已有 %d 个会话（上限 %d），请稍后再连接。", len(s.sessions), s.cfg.MaxSessions),
			fmt.Sprintf("The desk server has %d sessions open, its limit (max_sessions %d); try again later.", len(s.sessions), s.cfg.MaxSessions))
	case s.cfg.MaxSessionsPerUser > 0 && s.perUser[se.user] >= s.cfg.MaxSessionsPerUser:
		return tr(zh,
			fmt.Sprintf("%s 已有 %d 个会话（每人上限 %d），请先关闭一个再连接。", se.user, s.perUser[se.user], s.cfg.MaxSessionsPerUser),
			fmt.Sprintf("%s already has %d sessions open, the limit per user (max_sessions_per_user %d); close one and connect again.", se.user, s.perUser[se.user], s.cfg.MaxSessionsPerUser))
	}
	s.sessions[se] = struct{}{}
	s.perUser[se.user]++
	s.wg.Add(1)
	return ""
}

func (s *Server) release(se *session) {
	s.mu.Lock()
	delete(s.sessions, se)
	if s.perUser[se.user]--; s.perUser[se.user] <= 0 {
		delete(s.perUser, se.user)
	}
	if s.trim == nil {
		s.trim = time.AfterFunc(trimAfter, debug.FreeOSMemory)
	} else {
		s.trim.Reset(trimAfter)
	}
	s.mu.Unlock()
	s.wg.Done()
}

func (s *Server) open() []*session {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*session, 0, len(s.sessions))
	for se := range s.sessions {
		out = append(out, se)
	}
	return out
}

// programFPS is how often a session's program sends its queries.
const programFPS = 4

// handle runs one session: who it is, the limits, then the program.
func (s *Server) handle(sess ssh.Session) {
	s.grace.started(sess.RemoteAddr().String())
	pk := sess.PublicKey()
	lang := sessionLang("", sess.Environ(), s.cfg.Lang)
	if pk == nil {
		refuse(sess, tr(lang == "zh", "只接受公钥登录。", "Only public-key logins are accepted."))
		return
	}
	u, err := s.desk.UserForKey(sess.Context(), pk)
	if err != nil {
		s.log.Warn("refused", "fingerprint", desk.Fingerprint(pk), "remote", sess.RemoteAddr().String(), "reason", err.Error())
		refuse(sess, tr(lang == "zh", "此密钥不属于可用的受理台用户。", "This key does not belong to an active desk user."))
		return
	}
	lang = sessionLang(u.Lang, sess.Environ(), s.cfg.Lang)
	zh := lang == "zh"
	pty, windows, ok := sess.Pty()
	if !ok {
		refuse(sess, tr(zh, "投诉受理台需要终端：请用 ssh -t 连接。", "The desk is a terminal application: connect with ssh -t."))
		return
	}
	se := &session{user: u.Name, role: u.Role, fingerprint: desk.Fingerprint(pk), remote: sess.RemoteAddr().String(),
		lang: lang, ctl: make(chan ctlKind, 1)}
	se.lastInput.Store(time.Now())
	if why := s.admit(se); why != "" {
		s.log.Warn("session refused", "user", u.Name, "remote", se.remote, "reason", why)
		refuse(sess, why)
		return
	}
	defer s.release(se)
	s.log.Info("session start", "user", u.Name, "role", u.Role, "fingerprint", se.fingerprint, "remote", se.remote,
		"term", pty.Term, "size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height), "lang", lang)
	started := time.Now()

	appCtx, cancelApp := context.WithCancel(s.base)
	defer cancelApp()
	changes, unsubscribe := s.hub.Subscribe()
	defer unsubscribe()
	app := s.newApp(SessionInfo{Ctx: appCtx, Desk: s.desk, Actor: desk.Actor{Name: u.Name, Role: u.Role}, Lang: lang, Changes: changes})
	out := &lockedWriter{w: sess}
	// The colour profile as wish gives it to the program (bm.MakeOptions).
	profile := colorprofile.Env(append(sess.Environ(), "TERM="+pty.Term))
	m := &model{app: app, se: se, ctx: appCtx, zh: zh, every: time.Second / time.Duration(s.cfg.FPS),
		scr: newScreen(out, profile, pty.Window.Width, pty.Window.Height)}
	opts := []tea.ProgramOption{
		// One session's program must never take the process's signals:
		// SIGTERM is the server's, which tells every session.
		tea.WithoutSignalHandler(),
		tea.WithContext(sess.Context()),
		// The session's screen draws (screen.go), at most cfg.FPS frames a
		// second; the program's own ticker only sends its queries to the
		// terminal (the background colour) and wakes every session's
		// goroutine each time.
		tea.WithoutRenderer(),
		tea.WithFPS(programFPS),
	}
	opts = append(opts, bm.MakeOptions(sess)...)
	// After MakeOptions: the program's queries to the terminal go out
	// between the screen's frames, never inside one.
	opts = append(opts, tea.WithOutput(out))
	p := tea.NewProgram(m, opts...)
	go func() {
		for {
			select {
			case <-appCtx.Done():
				return
			case w, ok := <-windows:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		s.log.Error("session program", "user", u.Name, "error", err)
	}
	// The program is over: nothing else touches the model now.
	app.Shutdown()
	_ = m.scr.close()
	reason := m.ended
	if reason != 0 {
		fmt.Fprint(sess, "\r\n"+reason.text(zh)+"\r\n")
	}
	s.log.Info("session end", "user", u.Name, "remote", se.remote, "took", time.Since(started).Round(time.Second), "reason", reason.String())
	_ = sess.Exit(0)
}

func refuse(sess ssh.Session, msg string) {
	fmt.Fprint(sess.Stderr(), "desk: "+msg+"\r\n")
	_ = sess.Exit(1)
}

func tr(zh bool, zhText, enText string) string {
	if zh {
		return zhText
	}
	return enText
}

// sessionLang is the session's UI language: the user's setting, else the
// client's locale variables (ssh SendEnv), else the server's default.
func sessionLang(userLang string, environ []string, fallback string) string {
	if l := langOf(userLang); l != "" {
		return l
	}
	vars := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := vars[k]; v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	if l := langOf(fallback); l != "" {
		return l
	}
	return "en"
}

func langOf(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "zh") || s == "cn":
		return "zh"
	}
	return "en"
}

// watchAccess ends the sessions of users who were disabled, whose role
// changed or whose key was removed (by this process or another), within a
// moment of the change.
func (s *Server) watchAccess(ctx context.Context) {
	changes, unsubscribe := s.desk.Hub().Subscribe()
	defer unsubscribe()
	for {
		select {
		case <-ctx.Done():
			return
		case <-changes:
		}
		open := s.open()
		if len(open) == 0 {
			continue
		}
		users, err := s.desk.Users(ctx)
		if err != nil {
			continue
		}
		keys, err := s.desk.Keys(ctx, "")
		if err != nil {
			continue
		}
		byName := map[string]int{}
		for i, u := range users {
			byName[u.Name] = i
		}
		keyOwner := map[string]string{}
		for _, k := range keys {
			keyOwner[k.Fingerprint] = k.User
		}
		for _, se := range open {
			i, ok := byName[se.user]
			switch {
			case !ok || users[i].Disabled || keyOwner[se.fingerprint] != se.user:
				s.log.Warn("access revoked: ending session", "user", se.user, "fingerprint", se.fingerprint, "remote", se.remote)
				se.tell(ctlRevoked)
			case users[i].Role != se.role:
				s.log.Info("role changed: ending session", "user", se.user, "from", se.role, "to", users[i].Role)
				se.tell(ctlRoleChanged)
			}
		}
	}
}

// watchIdle ends sessions nobody typed in for the idle timeout.
func (s *Server) watchIdle(ctx context.Context) {
	every := min(s.cfg.IdleTimeout/10, 5*time.Second)
	t := time.NewTicker(max(every, 100*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			for _, se := range s.open() {
				if now.Sub(se.lastInput.Load()) >= s.cfg.IdleTimeout {
					se.tell(ctlIdle)
				}
			}
		}
	}
}
