package report

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestParallelDeflateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 1000, deflateChunk - 1, deflateChunk, deflateChunk + 1, 5*deflateChunk + 12345} {
		in := make([]byte, size)
		for i := range in {
			in[i] = "投诉退款延误abc <c r=\"A1\">"[r.IntN(20)]
		}
		var out bytes.Buffer
		p := newParallelDeflate(&out, flate.BestSpeed)
		// Odd write sizes, as io.Copy and zip make them.
		for rest := in; len(rest) > 0; {
			n := min(len(rest), 1+r.IntN(70000))
			if _, err := p.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		back, err := io.ReadAll(flate.NewReader(&out))
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if !bytes.Equal(back, in) {
			t.Fatalf("size %d: round trip differs", size)
		}
	}
}

// An export longer than a sheet goes on in the next sheet, header again.
func TestXLSXSheetsSplit(t *testing.T) {
	var buf bytes.Buffer
	x, err := newXLSXRows(&buf, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	x.maxRows = 3 // a header and two rows a sheet
	if err := x.header([]Column{{ID: "n", Title: "N"}}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if err := x.row([]value{{kind: vInt, n: float64(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.close(); err != nil {
		t.Fatal(err)
	}
	f, err := openXLSX(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string][]string{"Cases": {"N", "1", "2"}, "Cases 2": {"N", "3", "4"}, "Cases 3": {"N", "5"}}
	if got := f.GetSheetList(); len(got) != 3 {
		t.Fatalf("sheets %v", got)
	}
	for sheet, cells := range want {
		dim, err := f.GetSheetDimension(sheet)
		if err != nil || dim != "A1:A"+strconv.Itoa(len(cells)) {
			t.Errorf("%s: dimension %s, %v; want A1:A%d", sheet, dim, err, len(cells))
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r[0])
		}
		if len(got) != len(cells) {
			t.Errorf("%s: %v, want %v", sheet, got, cells)
			continue
		}
		for i := range got {
			if got[i] != cells[i] {
				t.Errorf("%s: %v, want %v", sheet, got, cells)
			}
		}
	}
}

func openXLSX(b []byte) (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(b)) }

// Writing behind changes nothing in the file, which may already hold
// something; other writers are taken as they are.
func TestWriteBehindKeepsTheFile(t *testing.T) {
	var buf bytes.Buffer
	if w := writeBehindFile(&buf); w != io.Writer(&buf) {
		t.Errorf("a buffer was wrapped: %T", w)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []byte("before ")
	if _, err := f.Write(want); err != nil {
		t.Fatal(err)
	}
	w := writeBehindFile(f)
	if _, ok := w.(*writeBehind); !ok {
		t.Fatalf("a file was not written behind: %T", w)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for len(want) < 3*writeBehindStep+5000 {
		p := bytes.Repeat([]byte{byte('a' + r.IntN(26))}, 1+r.IntN(300000))
		if _, err := w.Write(p); err != nil {
			t.Fatal(err)
		}
		want = append(want, p...)
	}
	got, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("read back %d bytes, wrote %d", len(got), len(want))
	}
}
