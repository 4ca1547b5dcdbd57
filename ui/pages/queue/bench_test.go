package queue

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/uitest"
)

// BenchmarkView draws the queue at 120×40 with a full page of Chinese rows:
// what runs every second (the countdown tick) and after every key.
func BenchmarkView(b *testing.B) {
	d, a := uitest.Desk(b)
	if _, err := demo.Fill(context.Background(), d, a, 120, 7); err != nil {
		b.Fatal(err)
	}
	c := uitest.Common(d, a, "zh", 120, 40)
	m := New(c)
	m.SetSize(120, 37)
	uitest.Run(m.Init(), func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
	if len(m.rows) < 30 {
		b.Fatalf("only %d rows loaded", len(m.rows))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// bigDesk opens the million-case database the store benchmarks build
// (go test ./store/sqlite -run '^$' -bench Queue1M makes it), or
// $DESK_BENCH_DB.
func bigDesk(b *testing.B) (*desk.Desk, desk.Actor) {
	path := os.Getenv("DESK_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "complaintdesk-bench-1m-v2.db")
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no million-case database at %s: run go test ./store/sqlite -run '^$' -bench Queue1M first", path)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return d, desk.Actor{Name: "bench-agent", Role: "agent"}
}

// BenchmarkFilterKeystroke1M measures one keystroke of the / filter with a
// million cases, two ways: "frame" is the key to the frame that shows it
// (the query runs in the background and never holds the screen); "results"
// adds the query it starts, the page it brings back and the frame drawn
// with it.
func BenchmarkFilterKeystroke1M(b *testing.B) {
	b.Run("frame", func(b *testing.B) { benchKeystroke(b, false) })
	b.Run("results", func(b *testing.B) { benchKeystroke(b, true) })
}

func benchKeystroke(b *testing.B, withResults bool) {
	d, a := bigDesk(b)
	for _, tc := range []struct{ name, text string }{
		{"chinese-2", "退款"},
		{"chinese-4", "无法加热"},
		{"phone-4", "5678"},
		{"english", "refund"},
		{"number", "TS2026"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := uitest.Common(d, a, "zh", 120, 40)
			m := New(c)
			m.SetSize(120, 37)
			m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
			runes := []rune(tc.text)
			last := runes[len(runes)-1]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				// All but the last character are typed; the measured key completes the query.
				m.input.SetValue(string(runes[:len(runes)-1]))
				m.input.CursorEnd()
				m.filter.Search = ""
				b.StartTimer()
				m.Update(tea.KeyPressMsg{Code: last, Text: string(last)})
				if withResults {
					// The query starts searchDelay after the last key (by
					// design: a typist's keys don't each query); measured
					// here is everything after that pause.
					_, cmd := m.Update(searchDueMsg{seq: m.searchSeq})
					if cmd == nil {
						b.Fatal("no query started")
					}
					m.Update(cmd())
					if m.filter.Search != tc.text || m.total == 0 {
						b.Fatalf("search %q found %d", m.filter.Search, m.total)
					}
				}
				_ = m.View()
			}
		})
	}
}
