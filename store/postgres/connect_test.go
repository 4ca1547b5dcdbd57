package postgres

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
)

// A server that takes the connection and never answers (a firewall that
// swallows packets, a host that hangs) is an error within the default
// connect timeout when the URL gives none, saying so, not a desk that
// waits for minutes. Without the default the Open below would wait for
// ever: the test would fail by the go test timeout.
func TestSilentServerFailsWithinTheDefaultConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // read nothing, say nothing
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	addr := ln.Addr().String()
	u := "postgres://desk:s3cret-pw@" + addr + "/desk?sslmode=disable"
	db, err := Open(context.Background(), u)
	if err == nil {
		db.Close()
		t.Fatal("opened a server that never answered")
	}
	msg := err.Error()
	for _, want := range []string{"cannot connect", "no answer from " + addr + " within 5s", "connect_timeout"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "s3cret-pw") {
		t.Errorf("the error shows the password: %s", msg)
	}
}
