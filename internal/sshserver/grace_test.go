package sshserver

import (
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// closedByServer reports whether the server closed c: a read ends with EOF
// (or a reset) rather than waiting. The read deadline only guards a test
// that would otherwise hang.
func closedByServer(t *testing.T, c net.Conn) bool {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(patience))
	buf := make([]byte, 256)
	for {
		_, err := c.Read(buf) // the server's version line comes first
		if err == nil {
			continue
		}
		return errors.Is(err, io.EOF) || strings.Contains(err.Error(), "reset") && !errors.Is(err, os.ErrDeadlineExceeded)
	}
}

// A connection that opens no session within the login grace is closed; one
// that opens a session is no longer on the clock.
func TestSilentConnectionIsClosedAfterTheGrace(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil, func(s *Server) { s.grace.grace = 300 * time.Millisecond })
	silent, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	if !closedByServer(t, silent) {
		t.Fatal("a connection that never logged in was kept")
	}
	waitUntil(t, "nothing pending", func() bool { return ts.srv.grace.pendingCount() == 0 })

	u := ts.addUser("李娜", "agent")
	ts.connect(u).waitFor("hello 李娜")
	if n := ts.srv.grace.pendingCount(); n != 0 {
		t.Errorf("a connection with a session is still on the login clock (%d pending)", n)
	}
	if !strings.Contains(ts.logs.String(), "no session within the login grace") {
		t.Errorf("the closed connection is not logged:\n%s", ts.logs.String())
	}
}

// At most maxPendingPerIP connections from one address wait without a
// session: the next is closed at once, and a real login still gets in once
// they are gone.
func TestTooManyConnectionsWithoutASessionAreRefused(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range maxPendingPerIP {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	waitUntil(t, "the connections accepted", func() bool { return ts.srv.grace.pendingCount() == maxPendingPerIP })
	extra, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	if !closedByServer(t, extra) {
		t.Fatal("one connection too many was kept")
	}
	for _, c := range held {
		c.Close()
	}
	held = nil
	waitUntil(t, "the held connections gone", func() bool { return ts.srv.grace.pendingCount() == 0 })
	u := ts.addUser("李娜", "agent")
	ts.connect(u).waitFor("hello 李娜")
}
