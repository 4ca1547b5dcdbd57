package sqlite

import (
	"database/sql"
	"os"
	"testing"
	"time"
)

func TestZZQuery(t *testing.T) {
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
	cols, _ := rows.Columns()
	raw := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range raw {
		dest[i] = &raw[i]
	}
	var n, bytes int
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		n++
		bytes += len(raw[len(raw)-1])
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows, %d bytes, %s", n, bytes, time.Since(start))
}
