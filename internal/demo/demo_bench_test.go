package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/store/sqlite"
)

// BenchmarkDemo makes $DEMO_BENCH_CASES cases (default 100,000) in a new
// desk, as `desk demo --count N` does, and reports cases/s.
//
//	DEMO_BENCH_CASES=1000000 go test ./internal/demo -run '^$' -bench Demo -benchtime 1x
func BenchmarkDemo(b *testing.B) {
	n := 100_000
	if s := os.Getenv("DEMO_BENCH_CASES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "demo.db"))
		if err != nil {
			b.Fatal(err)
		}
		d, err := desk.Open(ctx, db, desk.Options{By: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		made, err := demo.Generate(ctx, d, desk.Actor{Name: "bench", Role: "admin"}, demo.Options{Count: n, Seed: 1})
		elapsed := time.Since(start)
		b.StopTimer()
		if err != nil || made != n {
			b.Fatalf("%d of %d: %v", made, n, err)
		}
		b.ReportMetric(float64(n)/elapsed.Seconds(), "cases/s")
		db.Close()
	}
}
