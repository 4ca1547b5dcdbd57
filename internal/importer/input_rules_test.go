package importer_test

// Imported rows obey the input rules of everything typed at the desk
// (internal/input, issue 13): a row with invalid UTF-8, a NUL or a control
// character, an invisible character in a name, an over-long name or
// content is rejected with the reason and where, in the user's language;
// the other rows are imported.

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"complaintdesk/internal/importer"
	"complaintdesk/store"
)

const rulesMapping = `
source = "柜台登记"
id = "编号"
[dates]
formats = ["YYYY-MM-DD"]
[columns]
received = "受理日期"
name = "姓名"
phone = "电话"
content = "投诉内容"
handler = "处理人"
[defaults]
status = "closed"
`

var rulesHeader = []string{"编号", "受理日期", "姓名", "电话", "投诉内容", "处理人"}

// A rejected row: its id, the column named, and what the reason must say
// in English and in Chinese.
type wantReject struct {
	id, column, en, zh string
}

func rulesRows(t *testing.T, xlsx bool) (good map[string]string, rows [][]string, rejects []wantReject) {
	t.Helper()
	row := func(id, name, content string) []string {
		return []string{id, "2026-01-05", name, "1380013" + strings.Repeat("0", 4-len(id)) + id, content, "李娜"}
	}
	good = map[string]string{
		"1": "快递延误三天，包装破损，要求退款",
		"8": "第一行：订单 5512\n第二行：已联系快递公司", // line feeds in content are allowed
	}
	rows = [][]string{
		row("1", "张三", good["1"]),
		row("2", "李\x00四", "名字里有空字符"),
		row("3", "王五", "abc\xff\xfedef"),
		row("4", "王\u200b五", "名字里有零宽空格"),
		row("5", strings.Repeat("欧阳", 30), "名字有六十个字"),
		row("6", "赵六", strings.Repeat("退", 20001)),
		row("7", "钱七", "快递\x00延误"),
		row("9", "周九", "退款\x1b[2J"),
		row("8", "孙八", "第一行：订单 5512\r\n第二行：已联系快递公司"), // last: its cell spans lines
	}
	rejects = []wantReject{
		{"2", "姓名", "U+0000 (byte offset 3)", "U+0000（第 3 个字节）"},
		{"3", "投诉内容", "byte offset 3", "第 3 个字节"}, // the cell's invalid UTF-8 (CSV) or what Excel kept of it (U+FFFD)
		{"4", "姓名", "U+200B (byte offset 3)", "U+200B（第 3 个字节）"},
		{"5", "姓名", "60 characters, 50 at most", "60 字，最多 50 字"},
		{"6", "投诉内容", "20001 characters, 20000 at most", "20001 字，最多 20000 字"},
		{"7", "投诉内容", "U+0000 (byte offset 6)", "U+0000（第 6 个字节）"},
		{"9", "投诉内容", "U+001B (byte offset 6)", "U+001B（第 6 个字节）"},
	}
	if !xlsx {
		rejects[1].en, rejects[1].zh = "not valid UTF-8 text (from byte offset 3)", "不是有效的 UTF-8 文本（第 3 个字节起）"
	} else {
		rejects[1].en, rejects[1].zh = "U+FFFD (byte offset 3)", "U+FFFD（第 3 个字节）"
	}
	return good, rows, rejects
}

func writeRulesCSV(t *testing.T, rows [][]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(rulesHeader)
	w.WriteAll(rows)
	p := filepath.Join(t.TempDir(), "登记表.csv")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeRulesXLSX writes the rows as a workbook as Excel would: a control
// character as its _xHHHH_ escape (XML cannot hold it), and bytes that are
// not UTF-8 as excelize keeps them (U+FFFD).
func writeRulesXLSX(t *testing.T, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	escapes := map[string]string{}
	for r, cells := range append([][]string{rulesHeader}, rows...) {
		for c, v := range cells {
			if strings.ContainsAny(v, "\x00\x1b") {
				key := "@@ESCAPE" + string(rune('A'+r)) + string(rune('A'+c)) + "@@"
				escapes[key] = strings.NewReplacer("\x00", "_x0000_", "\x1b", "_x001B_").Replace(v)
				v = key
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(sh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wb bytes.Buffer
	if _, err := f.WriteTo(&wb); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(wb.Bytes()), int64(wb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		s := string(data)
		for k, v := range escapes {
			s = strings.ReplaceAll(s, k, v)
		}
		w, _ := zw.Create(e.Name)
		w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "登记表.xlsx")
	if err := os.WriteFile(p, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportRowsObeyTheInputRules(t *testing.T) {
	m, err := importer.ParseMapping([]byte(rulesMapping), "m.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"csv", "xlsx"} {
		t.Run(kind, func(t *testing.T) {
			good, rows, want := rulesRows(t, kind == "xlsx")
			file := writeRulesCSV(t, rows)
			if kind == "xlsx" {
				file = writeRulesXLSX(t, rows)
				// The workbook really holds what the test says it does.
				wb, err := excelize.OpenFile(file)
				if err != nil {
					t.Fatal(err)
				}
				got, _ := wb.GetRows(wb.GetSheetName(0))
				wb.Close()
				if got[2][2] != "李\x00四" || got[3][4] != "abc\ufffd\ufffddef" || got[8][4] != "退款\x1b[2J" {
					t.Fatalf("the workbook holds %q %q %q", got[2][2], got[3][4], got[8][4])
				}
			}
			e := newDesk(t)
			rejectFile := filepath.Join(t.TempDir(), "rejects.csv")
			sum, bad, err := e.run(file, m, func(o *importer.Options) { o.Rejects, o.Lang = rejectFile, "zh" })
			if err != nil {
				t.Fatal(err)
			}
			if sum.Imported != len(good) || sum.Rejected != len(want) {
				t.Fatalf("imported %d rejected %d; want %d and %d (%+v)", sum.Imported, sum.Rejected, len(good), len(want), bad)
			}
			// The good rows are stored as the rules clean them.
			for id, content := range good {
				c, _ := e.bySource("柜台登记", id)
				if c.Content != content || c.Handler != "李娜" {
					t.Errorf("row %s stored %q (handler %q), want %q", id, c.Content, c.Handler, content)
				}
			}
			if n := e.count(store.Query{}); n != len(good) {
				t.Errorf("%d cases stored, want %d", n, len(good))
			}
			// Each bad row: its line, the column, the reason in English
			// (OnReject's error) and in Chinese (the reject file).
			if len(bad) != len(want) {
				t.Fatalf("%d rejects reported: %v", len(bad), bad)
			}
			rej := readRejects(t, rejectFile)
			for i, w := range want {
				line := 0
				for j, r := range rows {
					if r[0] == w.id {
						line = j + 2 // after the header, 1-based
					}
				}
				en := bad[i].Format("line")
				if bad[i].Line != line || !strings.Contains(en, `column "`+w.column+`"`) || !strings.Contains(en, w.en) {
					t.Errorf("row %s: %s; want line %d, column %s, %q", w.id, en, line, w.column, w.en)
				}
				zh := rej[w.id]
				if !strings.HasPrefix(zh, "第 ") || !strings.Contains(zh, "“"+w.column+"”列") || !strings.Contains(zh, w.zh) {
					t.Errorf("row %s in the reject file: %q; want the column %s and %q", w.id, zh, w.column, w.zh)
				}
			}
			// The reject file holds the customers' data: the owner's alone.
			if st, err := os.Stat(rejectFile); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("the reject file: %v %v; want 0600", st.Mode(), err)
			}
		})
	}
}

// readRejects is the reject file's reason by the row's id.
func readRejects(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, rec := range recs[1:] {
		out[rec[0]] = rec[len(rulesHeader)]
	}
	return out
}

// A UTF-8 register with one row of bad bytes is read as UTF-8: that row
// is rejected, and the Chinese of the others is not read as GBK mojibake.
func TestOneBadRowDoesNotMakeAFileGBK(t *testing.T) {
	head := []byte("编号,姓名,投诉内容\n1,张三,快递延误三天\n2,李四,abc\xff\xfedef\n3,王五,客服态度差\n")
	if enc := importer.DetectEncoding(head); enc != importer.EncUTF8 {
		t.Errorf("a UTF-8 file with one bad row is detected as %s", enc)
	}
	gbk := []byte("\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb\n1,\xd5\xc5\xc8\xfd\n") // 编号,姓名 / 1,张三 in GBK
	if enc := importer.DetectEncoding(gbk); enc != importer.EncGB18030 {
		t.Errorf("a GBK file is detected as %s", enc)
	}
}
