package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/importer"
	"complaintdesk/store/sqlite"
)

var benchTexts = []string{
	"上周在门店购买的电饭煲使用三次后无法加热，指示灯不亮，要求退货。",
	"客服人员在电话里态度恶劣，多次打断我说话并直接挂断电话。",
	"本月账单多扣了 58 元的增值业务费，我从未订购过该业务。",
	"订单显示已发货七天仍未收到，物流信息一直没有更新，快递延误严重。",
	"空调维修后第二天又不制冷，师傅上门两次都没修好。",
	"快递送到时外包装破损，里面的玻璃杯碎了两个。",
}

// writeRegister writes n rows of a generated 投诉登记表 (UTF-8 CSV, the
// shape of testdata/register.toml): as a register is kept, in the order
// complaints came in, over 2024-2025 whatever n is; nine in ten closed with
// a closing date, the rest open.
func writeRegister(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintln(bw, "编号,受理时间,渠道,投诉人,联系电话,投诉内容,诉求,分类,状态,结案日期,处理结果")
	channels := []string{"电话", "网站", "来访", "来函"}
	cats := []string{"质量", "服务", "价格", "物流"}
	start := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		recv := start.Add(time.Duration(float64(i)/float64(n)*730*24*60)*time.Minute + time.Duration(r.IntN(60))*time.Second)
		status, closed, result := "已结案", recv.AddDate(0, 0, r.IntN(5)).Format("2006/1/2"), "已退款并致歉"
		if r.IntN(10) == 0 {
			status, closed, result = "处理中", "", ""
		}
		fmt.Fprintf(bw, "DJ%07d,%s,%s,%s,1%d%09d,\"%s\",退款,%s,%s,%s,%s\n", i+1,
			recv.Format("2006-01-02 15:04"), channels[r.IntN(4)], "张三", 3+r.IntN(7), r.IntN(1e9),
			benchTexts[r.IntN(len(benchTexts))], cats[r.IntN(4)], status, closed, result)
	}
	return bw.Flush()
}

// TestWriteBenchRegister writes the benchmark's register to the file named
// by $IMPORT_BENCH_FILE ($IMPORT_BENCH_ROWS rows, default 1,000,000), for
// measuring `desk import` itself (/usr/bin/time -v, docs/benchmarks.md).
func TestWriteBenchRegister(t *testing.T) {
	path := os.Getenv("IMPORT_BENCH_FILE")
	if path == "" {
		t.Skip("set IMPORT_BENCH_FILE to write the benchmark's register")
	}
	n := 1_000_000
	if s := os.Getenv("IMPORT_BENCH_ROWS"); s != "" {
		fmt.Sscan(s, &n)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeRegister(f, n); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImport1M imports a generated register of a million rows into a
// new database, through the whole path (reader, mapping, desk, SQLite in
// batches of 1000), and reports rows/s and the peak Go heap.
//
//	go test ./internal/importer -run '^$' -bench Import1M -benchtime 1x
func BenchmarkImport1M(b *testing.B) { benchImport(b, 1_000_000) }

// BenchmarkImport50k is the same at 50,000 rows, for quick comparisons.
func BenchmarkImport50k(b *testing.B) { benchImport(b, 50_000) }

// BenchmarkImport200k is the same at 200,000 rows.
func BenchmarkImport200k(b *testing.B) { benchImport(b, 200_000) }

// BenchmarkImportInto imports $IMPORT_BENCH_ROWS rows (default 200,000)
// of the generated register into a copy of the desk $IMPORT_BENCH_BASE
// (one that already holds a million cases, docs/benchmarks.md), as
// another source, and reports rows/s and the peak Go heap.
//
//	IMPORT_BENCH_BASE=/tmp/base-1m.db go test ./internal/importer -run '^$' -bench ImportInto -benchtime 1x
func BenchmarkImportInto(b *testing.B) {
	base := os.Getenv("IMPORT_BENCH_BASE")
	if base == "" {
		b.Skip("set IMPORT_BENCH_BASE to a desk database to import into (a copy is used)")
	}
	n := 200_000
	if s := os.Getenv("IMPORT_BENCH_ROWS"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(dir, fmt.Sprintf("desk%d.db", i))
		if err := copyFile(base, db); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		benchImportFile(b, dir, db, n, fmt.Sprintf("bench-%d", time.Now().UnixNano()))
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// benchBatch is $IMPORT_BENCH_BATCH, else the default batch.
func benchBatch() int {
	n := importer.DefaultBatch
	if s := os.Getenv("IMPORT_BENCH_BATCH"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

func benchImport(b *testing.B, n int) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		benchImportFile(b, dir, filepath.Join(dir, fmt.Sprintf("desk%d.db", i)), n, "")
	}
}

// benchImportFile imports n generated rows into the desk at dbPath (as
// source when given) and reports rows/s and the peak Go heap.
func benchImportFile(b *testing.B, dir, dbPath string, n int, source string) {
	b.StopTimer()
	file := filepath.Join(dir, fmt.Sprintf("register-%d.csv", n))
	if _, err := os.Stat(file); err != nil {
		f, err := os.Create(file)
		if err != nil {
			b.Fatal(err)
		}
		if err := writeRegister(f, n); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	m, err := importer.LoadMapping(filepath.Join("testdata", "register.toml"))
	if err != nil {
		b.Fatal(err)
	}
	if source != "" {
		m.Source = source
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	d, err := desk.Open(ctx, db, desk.Options{By: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the heap while the import runs
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	b.StartTimer()
	start := time.Now()
	sum, err := importer.Run(ctx, importer.Options{File: file, Mapping: m, Desk: d, Actor: desk.Actor{Name: "bench", Role: "admin"}, Batch: benchBatch()})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	if sum.Imported != n {
		b.Fatalf("imported %d of %d (rejected %d)", sum.Imported, n, sum.Rejected)
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.StartTimer()
}
