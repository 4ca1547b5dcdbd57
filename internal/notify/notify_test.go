package notify

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// patience guards against a hang; nothing here waits that long when it works.
const patience = 30 * time.Second

// pending returns the change waiting for a subscriber, if any, without waiting.
func pending(ch <-chan Change) (Change, bool) {
	select {
	case c := <-ch:
		return c, true
	default:
		return Change{}, false
	}
}

// within runs f and fails the test if it has not returned after patience:
// Publish must never wait for a subscriber.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(patience):
		t.Fatalf("%s blocked", what)
	}
}

func TestEverySubscriberHearsAChange(t *testing.T) {
	h := NewHub()
	var chans []<-chan Change
	for i := 0; i < 3; i++ {
		ch, unsubscribe := h.Subscribe()
		defer unsubscribe()
		chans = append(chans, ch)
	}
	if n := h.Subscribers(); n != 3 {
		t.Fatalf("Subscribers() = %d; want 3", n)
	}
	h.Publish(Change{CaseID: 7, Number: "TS20261122-0007"})
	for i, ch := range chans {
		if c, ok := pending(ch); !ok || c.CaseID != 7 || c.Number != "TS20261122-0007" {
			t.Errorf("subscriber %d: %+v, %v; want case 7", i, c, ok)
		}
	}
}

// A session that does not read (its program is busy, its connection slow)
// never holds up the writer, and when it reads it learns that it must
// refresh everything: the changes it missed are widened to "many changed".
func TestSlowSubscriberNeverBlocksAndLearnsToRefresh(t *testing.T) {
	h := NewHub()
	slow, unsubscribe := h.Subscribe()
	defer unsubscribe()
	within(t, "publishing to a subscriber that never reads", func() {
		for i := int64(1); i <= 1000; i++ {
			h.Publish(Change{CaseID: i, Number: fmt.Sprintf("TS20261122-%04d", i)})
		}
	})
	c, ok := pending(slow)
	if !ok || c != (Change{}) {
		t.Errorf("the slow subscriber has %+v, %v; want the widened change (CaseID 0)", c, ok)
	}
	if c, ok := pending(slow); ok {
		t.Errorf("a second pending change %+v: changes must coalesce into one", c)
	}
}

// A single change to an idle subscriber keeps its case: a session can
// refresh just that case.
func TestOneChangeKeepsItsCase(t *testing.T) {
	h := NewHub()
	ch, unsubscribe := h.Subscribe()
	defer unsubscribe()
	h.Publish(Change{CaseID: 42, Number: "TS20261122-0042"})
	if c, _ := pending(ch); c.CaseID != 42 {
		t.Errorf("got %+v; want case 42", c)
	}
	h.Publish(Change{CaseID: 43})
	if c, _ := pending(ch); c.CaseID != 43 {
		t.Errorf("after reading, the next change: %+v; want case 43", c)
	}
}

// A fast session hears every change although a slow one hears none.
func TestSlowSubscriberDoesNotDelayOthers(t *testing.T) {
	h := NewHub()
	_, unsubscribeSlow := h.Subscribe() // never read
	defer unsubscribeSlow()
	fast, unsubscribe := h.Subscribe()
	defer unsubscribe()
	for i := int64(1); i <= 100; i++ {
		within(t, "publishing", func() { h.Publish(Change{CaseID: i}) })
		if c, ok := pending(fast); !ok || c.CaseID != i {
			t.Fatalf("change %d: the fast subscriber has %+v, %v", i, c, ok)
		}
	}
}

func TestUnsubscribeStopsDelivery(t *testing.T) {
	h := NewHub()
	gone, unsubscribe := h.Subscribe()
	stays, unsubscribeStays := h.Subscribe()
	defer unsubscribeStays()
	unsubscribe()
	unsubscribe() // twice is harmless (a session ends by more than one path)
	if n := h.Subscribers(); n != 1 {
		t.Fatalf("Subscribers() = %d after one of two left; want 1", n)
	}
	h.Publish(Change{CaseID: 1})
	if c, ok := pending(gone); ok {
		t.Errorf("an unsubscribed channel received %+v", c)
	}
	if _, ok := pending(stays); !ok {
		t.Error("the remaining subscriber heard nothing")
	}
}

// Sessions come and go while writers publish (run with -race).
func TestConcurrentPublishSubscribeUnsubscribe(t *testing.T) {
	h := NewHub()
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 8; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				ch, unsubscribe := h.Subscribe()
				select {
				case <-ch:
					unsubscribe()
				case <-stop:
					unsubscribe()
					return
				}
			}
		}()
	}
	var writers sync.WaitGroup
	for w := 0; w < 4; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; i < 500; i++ {
				h.Publish(Change{CaseID: int64(w*1000 + i)})
			}
		}()
	}
	within(t, "four writers publishing while sessions come and go", writers.Wait)
	close(stop)
	within(t, "sessions ending", readers.Wait)
	if n := h.Subscribers(); n != 0 {
		t.Errorf("Subscribers() = %d after every session left", n)
	}
}
