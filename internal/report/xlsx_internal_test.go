package report

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCRC32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3000}, {70000, 1 << 20}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(r.IntN(256))
		}
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		want := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Errorf("%d+%d bytes: %08x, want %08x", n[0], n[1], got, want)
		}
	}
}

func TestSpillBufferGoesToAnUnlinkedFile(t *testing.T) {
	var s spillBuffer
	chunk := bytes.Repeat([]byte("投诉内容0123456789"), 1000)
	var want bytes.Buffer
	for want.Len() <= spillAt+len(chunk) {
		if _, err := s.Write(chunk); err != nil {
			t.Fatal(err)
		}
		want.Write(chunk)
	}
	if s.file == nil {
		t.Fatal("more than spillAt bytes stayed in memory")
	}
	if _, err := os.Stat(s.file.Name()); err == nil {
		t.Errorf("the temporary file %s still has a name", s.file.Name())
	}
	if st, err := s.file.Stat(); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("temporary file mode %v, %v; want 0600", st.Mode(), err)
	}
	var got bytes.Buffer
	if err := s.copyTo(&got); err != nil {
		t.Fatal(err)
	}
	if s.Len() != int64(want.Len()) || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("read back %d bytes, wrote %d", got.Len(), want.Len())
	}
	s.Close()
}

func TestAppendXMLText(t *testing.T) {
	for in, want := range map[string]string{
		"退款 & <换货>":             "退款 &amp; &lt;换货&gt;",
		"第一行\n第二行\r\n第三行":       "第一行\n第二行&#13;\n第三行",
		"a\x00b\x1bc\x7fd\te":   "abcd\te",
		"x\u0085y\u009fz":       "xyz",       // C1 controls
		"a\ufffeb\uffffc\ufffd": "abc\ufffd", // not XML characters; U+FFFD is
		"bad \xff\xfe bytes":    "bad  bytes",
		"_x000D_ and _x41_":     "_x005F_x000D_ and _x41_",
		"":                      "",
	} {
		if got := string(appendXMLText(nil, in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// A sheet of many rows (several compressed chunks) reads back whole: the
// ZIP reader checks the combined CRC, and the dimension is the used range.
func TestXLSXWriterLargeSheetReadsBack(t *testing.T) {
	var buf bytes.Buffer
	x := newXLSXWriter(&buf)
	if err := x.sheet("投诉单", true, nil); err != nil {
		t.Fatal(err)
	}
	const rows = 30000
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 11, 20, 10, 30, 15, 0, loc)
	for i := 1; i <= rows; i++ {
		x.beginRow(0)
		x.text("TS20261120-"+strconv.Itoa(i), styleNone)
		x.text(strings.Repeat("客户反映快递延误，要求退款。", 1+i%7), styleNone)
		x.dateTime(at, loc)
		if i%3 == 0 {
			x.int(int64(i), styleNone)
		}
		if err := x.endRow(); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", zr.File[0].Name)
	}
	var sheet []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // a wrong CRC-32 fails here
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			sheet = b
		}
	}
	if m := regexp.MustCompile(`<dimension ref="([^"]*)"/>`).FindSubmatch(sheet); m == nil || string(m[1]) != "A1:D30000" {
		t.Errorf("dimension %q, want A1:D30000", m)
	}
	if n := bytes.Count(sheet, []byte("<row ")); n != rows {
		t.Errorf("%d rows", n)
	}
	if !bytes.Contains(sheet, []byte(`<c s="3"><v>46346.4376736111</v></c>`)) {
		t.Errorf("the date cell is not 2026-11-20 10:30:15 as a serial date: %s", sheet[:600])
	}
}

// excelTime is t's wall clock in loc as an Excel serial date, in floating
// point: what appendExcelTime writes is checked against it.
func excelTime(t time.Time, loc *time.Location) float64 {
	_, off := t.In(loc).Zone()
	secs := t.Unix() + int64(off) - excelEpoch.Unix()
	return (float64(secs) + float64(t.Nanosecond())/1e9) / 86400
}

func TestExcelTime(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		t    time.Time
		want float64
	}{
		{time.Date(1899, 12, 30, 0, 0, 0, 0, sh), 0},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, sh), 46346},
		{time.Date(2026, 11, 19, 18, 0, 0, 0, time.UTC), 46346 + 2.0/24}, // 02:00 next day in Shanghai
		{time.Date(2026, 11, 20, 12, 0, 0, 0, sh), 46346.5},
	} {
		if got := excelTime(tc.t, sh); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%v: %v, want %v", tc.t, got, tc.want)
		}
	}
}

// The serial date written is excelTime to ten decimals.
func TestAppendExcelTime(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		at := time.UnixMilli(r.Int64N(4e12) - 2e12).In(sh)
		if i == 0 {
			at = time.Date(2026, 11, 20, 0, 0, 0, 0, sh)
		}
		got := string(appendExcelTime(nil, at, sh))
		v, err := strconv.ParseFloat(got, 64)
		if err != nil || math.Abs(v-excelTime(at, sh)) > 6e-11 || strings.HasSuffix(got, "0") && strings.Contains(got, ".") {
			t.Fatalf("%v: %s, want %v", at, got, excelTime(at, sh))
		}
	}
	if got := string(appendExcelTime(nil, time.Date(2026, 11, 20, 23, 59, 59, 999999999, sh), sh)); got != "46346.9999999884" {
		t.Errorf("the last millisecond of a day: %s", got)
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 66: "BN", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := columnName(n); got != want {
			t.Errorf("%d: %s, want %s", n, got, want)
		}
	}
}

func TestChangesAreRounded(t *testing.T) {
	for _, tc := range []struct {
		c    Cell
		text string
		num  float64
	}{
		// 74 % against 70 %: 4.0000000000000036 in binary arithmetic.
		{deltaPP(0.74, true, 0.70, true), "+4.0", 4},
		{deltaPP(5.0/7, true, 0.5, true), "+21.4", 21.4},
		{deltaPP(0.5, true, 2.0/3, true), "-16.7", -16.7},
		{deltaPP(0.1, true, 0.1, true), "+0.0", 0},
		{deltaH(30.3, true, 10.1, true), "+20.2", 20.2},
		{deltaH(1.26, true, 1.0, true), "+0.3", 0.3},
		{deltaScore(4.35, true, 4.2, true), "+0.15", 0.15},
		{deltaScore(3.0, true, 4.0/3, true), "+1.67", 1.67},
		{deltaScore(1.0, true, 4.0/3, true), "-0.33", -0.33},
	} {
		if tc.c.Text != tc.text || tc.c.Num != tc.num {
			t.Errorf("%q %v, want %q %v", tc.c.Text, tc.c.Num, tc.text, tc.num)
		}
	}
	if c := deltaPP(0.5, false, 0.5, true); !c.Empty || c.Text != "-" {
		t.Errorf("a change against nothing: %+v", c)
	}
}
