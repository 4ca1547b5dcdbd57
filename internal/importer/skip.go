package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Rows of a register that are not complaints are skipped, not rejected:
// a register kept in Excel ends with totals and signatures (合计, 制表,
// 审核, 填表人), a printed one repeats its header, a prepared one has
// numbered rows never filled in. The import counts them by reason.
const (
	SkipFooter   = "totals and signatures (合计, 制表, 审核…)"
	SkipHeader   = "the header repeated"
	SkipNumbered = "numbered rows left empty"
)

// footerWords begin the cells of a register's last rows.
var footerWords = []string{"合计", "总计", "小计", "共计", "累计", "制表", "审核", "审批", "复核", "填表", "填报人", "统计人",
	"负责人", "批准", "签字", "签名", "盖章", "注：", "注:", "说明：", "说明:", "备注：", "备注:",
	"total", "grand total", "subtotal", "prepared by", "reviewed by", "approved by", "checked by", "note:", "notes:"}

// skipRow says why a row is not a complaint, or "". idCols are the
// columns of the row's id (nil when not known yet): a row with an id is a
// complaint, whatever its first cell says.
func skipRow(cells, header []string, idCols []int) string {
	n := filled(cells)
	if n == 0 {
		return ""
	}
	hasID := false
	for _, i := range idCols {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			hasID = true
		}
	}
	if n >= 2 && sameCells(cells, header) {
		return SkipHeader
	}
	sparse := n <= max(3, len(header)/2)
	seen := 0
	for i, c := range cells {
		c = strings.ToLower(strings.Join(strings.Fields(c), ""))
		if c == "" {
			continue
		}
		if sparse && (!hasID || slices.Contains(idCols, i)) && footerCell(c) {
			return SkipFooter
		}
		if seen++; seen == 2 {
			break
		}
	}
	if n == 1 && !hasID {
		for _, c := range cells {
			if k, err := strconv.Atoi(strings.TrimSpace(c)); err == nil && k >= 0 {
				return SkipNumbered
			}
		}
	}
	return ""
}

// totalWords begin a totals row whatever follows them.
var totalWords = []string{"合计", "总计", "小计", "共计", "累计", "total", "grandtotal", "subtotal"}

// footerCell reports a cell (lower case, without spaces) that begins a
// footer: a total, or a signature's label ("审核：李四", "填表人"), not
// text that starts with the same word ("审核不通过").
func footerCell(c string) bool {
	for _, w := range footerWords {
		w = strings.ReplaceAll(w, " ", "")
		rest, ok := strings.CutPrefix(c, w)
		if !ok {
			continue
		}
		if rest == "" || slices.Contains(totalWords, w) || strings.HasSuffix(w, ":") || strings.HasSuffix(w, "：") {
			return true
		}
		switch r := []rune(rest)[0]; {
		case r == '：' || r == ':' || r == '人' || r == '(' || r == '（' || (r >= '0' && r <= '9'):
			return true
		}
	}
	return false
}

func sameCells(cells, header []string) bool {
	for i, h := range header {
		c := ""
		if i < len(cells) {
			c = strings.TrimSpace(cells[i])
		}
		if c != h {
			return false
		}
	}
	return true
}

// skippedText is the reasons and counts: " 2 totals and signatures (…), 1 …".
func skippedText(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf(" %d %s", m[k], k))
	}
	return strings.Join(parts, ",")
}

// SkippedText is Summary.Skipped as text: "2 totals and signatures (…), 1 the header repeated".
func SkippedText(m map[string]int) string { return strings.TrimSpace(skippedText(m)) }
