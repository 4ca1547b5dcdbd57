package cli_test

import (
	"context"

	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

// testOpen opens the stores of these tests as the desk's main does, with
// the SQLite store only (a URL fails as in a build without PostgreSQL).
var testOpen = storeurl.Openers{
	SQLite: func(ctx context.Context, path string) (store.Store, error) { return sqlite.Open(ctx, path) },
}.Open
