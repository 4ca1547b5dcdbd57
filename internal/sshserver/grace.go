package sshserver

import (
	"log/slog"
	"net"
	"sync"
	"time"
)

// Before a connection has a session it costs the server a file and a
// goroutine while the peer may send nothing at all. Like OpenSSH's
// LoginGraceTime and MaxStartups, a connection that has not opened a
// session within loginGrace is closed, and at most maxPendingPerIP (from one
// address) and maxPending (in all) wait at once: more are closed as they come
// (red team 19: 400 silent connections were each kept for five minutes).
// A login takes well under a second, so 30 from one address leaves room for
// a shift behind one NAT logging in together.
const (
	loginGrace      = 2 * time.Minute
	maxPendingPerIP = 30
	maxPending      = 200
)

// graceListener hands out connections that close themselves after the
// grace unless started (a session was opened on them).
type graceListener struct {
	net.Listener
	grace time.Duration
	log   *slog.Logger

	mu      sync.Mutex
	pending map[string]*graceConn // by remote address, until started or closed
	perIP   map[string]int
}

func newGraceListener(ln net.Listener, grace time.Duration, log *slog.Logger) *graceListener {
	return &graceListener{Listener: ln, grace: grace, log: log, pending: map[string]*graceConn{}, perIP: map[string]int{}}
}

func (l *graceListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		key := c.RemoteAddr().String()
		ip, _, _ := net.SplitHostPort(key)
		l.mu.Lock()
		full := l.perIP[ip] >= maxPendingPerIP || len(l.pending) >= maxPending
		var gc *graceConn
		if !full {
			gc = &graceConn{Conn: c, l: l, key: key, ip: ip}
			l.pending[key] = gc
			l.perIP[ip]++
			gc.timer = time.AfterFunc(l.grace, func() {
				if l.settle(gc) {
					l.log.Info("ssh connection closed: no session within the login grace", "remote", key, "grace", l.grace.String())
					c.Close()
				}
			})
		}
		l.mu.Unlock()
		if full {
			l.log.Warn("ssh connection refused: too many connections without a session", "remote", key)
			c.Close()
			continue
		}
		return gc, nil
	}
}

// started marks the connection from remote as having a session: the grace
// no longer applies to it.
func (l *graceListener) started(remote string) {
	l.mu.Lock()
	gc := l.pending[remote]
	l.mu.Unlock()
	if gc != nil {
		l.settle(gc)
	}
}

// settle takes gc off the pending list; it reports whether gc was on it.
func (l *graceListener) settle(gc *graceConn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pending[gc.key] != gc {
		return false
	}
	delete(l.pending, gc.key)
	if l.perIP[gc.ip]--; l.perIP[gc.ip] <= 0 {
		delete(l.perIP, gc.ip)
	}
	gc.timer.Stop()
	return true
}

// pendingCount is how many connections wait for a session.
func (l *graceListener) pendingCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.pending)
}

type graceConn struct {
	net.Conn
	l       *graceListener
	key, ip string
	timer   *time.Timer
}

func (c *graceConn) Close() error {
	c.l.settle(c)
	return c.Conn.Close()
}
