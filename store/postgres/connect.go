package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// defaultConnectTimeout is how long a connection attempt waits for the
// server when neither the URL (connect_timeout) nor PGCONNECT_TIMEOUT
// says: a host that does not answer is an error in seconds, not a desk
// that hangs at start for the system's TCP timeout (minutes).
const defaultConnectTimeout = 5 * time.Second

// withConnectTimeout gives cfg the default connect timeout when it has none.
func withConnectTimeout(cfg *pgxpool.Config) {
	if cfg.ConnConfig.ConnectTimeout <= 0 {
		cfg.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
}

// connectError says why the first connection failed, naming the wait
// when the server did not answer within it.
func connectError(err error, cfg *pgxpool.Config, raw string) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("cannot connect: no answer from %s:%d within %s (connect_timeout in the URL sets the wait): %s",
			cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.ConnectTimeout, scrub(err, raw))
	}
	return fmt.Errorf("cannot connect: %s", scrub(err, raw))
}
