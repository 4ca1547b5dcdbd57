package sqlite

import (
	"database/sql"
	"os"
	"testing"
	"time"
)

func TestZZEventsQuery(t *testing.T) {
	q := os.Getenv("ZZ_Q")
	if q == "" {
		t.Skip()
	}
	db, err := sql.Open("sqlite", "file:/tmp/q/demo.db?mode=ro&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var n, bytes int
	var id int64
	var raw sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &raw); err != nil {
			t.Fatal(err)
		}
		n++
		bytes += len(raw)
		if n == 1 {
			t.Logf("%q", raw)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows, %d bytes, %s", n, bytes, time.Since(start))
}
