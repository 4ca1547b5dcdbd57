package sshserver

import (
	"context"

	"complaintdesk/internal/notify"
)

// relay passes the desk's changes on to the sessions, once per commit.
//
// The desk publishes a change right after each of its own writes, and its
// watcher publishes again when it sees the database's data version move,
// which a write of this process moves too: every session would reload
// twice per change. The relay forwards a change only when the data version
// moved since the last one it forwarded. Changes from other processes (the
// CLI) move it as well and go through; two commits that land before the
// relay looks go out as one change, after both.
func (s *Server) relay(ctx context.Context) {
	changes, unsubscribe := s.desk.Hub().Subscribe()
	defer unsubscribe()
	last, _ := s.desk.DataVersion(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-changes:
			v, err := s.desk.DataVersion(ctx)
			if err == nil && v == last {
				s.dropped.Add(1)
				continue
			}
			if err == nil {
				last = v
			}
			s.hub.Publish(c)
		}
	}
}

// Hub is where the sessions hear of changes (see relay).
func (s *Server) Hub() *notify.Hub { return s.hub }
