package main

import (
	"context"

	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/store/postgres"
	"complaintdesk/store/sqlite"
)

// stores are the store implementations built into the desk; --db and
// DESK_DB choose one by their form (storeurl.KindOf): a postgres:// URL
// or a keyword connection string is PostgreSQL, anything else a SQLite file.
var stores = storeurl.Openers{
	SQLite:   func(ctx context.Context, path string) (store.Store, error) { return sqlite.Open(ctx, path) },
	Postgres: func(ctx context.Context, url string) (store.Store, error) { return postgres.Open(ctx, url) },
}
