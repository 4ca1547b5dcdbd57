package desk

import (
	"context"
	"errors"
	"testing"
)

// A shared read answered with the cancellation of the caller who asked it
// first (a search typed over, a session closed) is asked again for a caller
// still waiting; a caller that went away itself gets its cancellation.
func TestSharedReadOutlivesTheFirstCallersCancellation(t *testing.T) {
	var d Desk
	calls := 0
	read := func() (any, error) {
		calls++
		if calls == 1 {
			return nil, context.Canceled // the first caller's context, gone
		}
		return 42, nil
	}
	v, err := d.shared(context.Background(), "k", read)
	if err != nil || v != 42 || calls != 2 {
		t.Fatalf("a live caller: %v, %v after %d reads; want 42 after asking again", v, err, calls)
	}

	gone, cancel := context.WithCancel(context.Background())
	cancel()
	calls = 0
	if _, err := d.shared(gone, "other", read); !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("a caller that went away: %v after %d reads; want its cancellation, asked once", err, calls)
	}
}
