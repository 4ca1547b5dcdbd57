package desk

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"

	"complaintdesk/internal/forms"
	"complaintdesk/store"
)

// ExportRegister writes one of the laboratory's registers (forms.
// RegisterNames: appeal, acceptance, feedback) for the cases q selects, a
// row per case that belongs in it, as CSV in UTF-8 with a BOM (Excel opens
// the Chinese right), for the archive (regulation 000 §7). The cases are
// streamed: memory does not grow with how many there are. Names and phones
// are masked for roles that see them masked. Those who may see the
// reports and those who fill the registers in (who may register cases)
// export them. It returns how many rows it wrote.
func (d *Desk) ExportRegister(ctx context.Context, a Actor, name string, q store.ExportQuery, w io.Writer) (int, error) {
	p := d.Policy()
	// Those who may report, and those who fill the registers in (who may
	// register cases: the lab's reception).
	if _, err := p.Transition("register", "", a.Role); err != nil {
		if err := d.mayReport(a); err != nil {
			return 0, err
		}
	}
	cols, err := forms.RegisterColumns(name, p)
	if err != nil {
		return 0, err
	}
	v := d.viewOf(a)
	q.SearchPII = v.seePII // as the queue: a masked role matches personal data only whole
	if err := d.auditSearch(ctx, a, v, q.Query); err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(cols); err != nil {
		return 0, err
	}
	q.Events = true
	now := d.Now()
	n, seen := 0, 0
	err = d.st.Read(ctx, func(tx store.Tx) error {
		return tx.EachCase(q, func(c *store.Case, evs []store.Event) error {
			if seen++; seen%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			in := forms.Input{Case: v.kase(c), Events: v.events(evs), Clocks: d.Clocks(c, evs), Policy: p, Loc: d.Location(), Now: now}
			row, ok, err := forms.RegisterRow(name, in)
			if err != nil || !ok {
				return err
			}
			for i := range row {
				row[i] = csvCell(row[i])
			}
			n++
			return cw.Write(row)
		})
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// csvCell keeps a cell from acting as a spreadsheet formula and drops
// control characters (line breaks and tabs stay).
func csvCell(s string) string {
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool {
		return (r < 0x20 && r != '\n' && r != '\t' && r != '\r') || (r >= 0x7f && r <= 0x9f)
	}) >= 0 {
		var b strings.Builder
		for _, r := range s {
			if r == utf8.RuneError || (r < 0x20 && r != '\n' && r != '\t' && r != '\r') || (r >= 0x7f && r <= 0x9f) {
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
