package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/input"
)

// Problem is one thing wrong with a row: the column and why.
type Problem struct {
	Column string // "" when it is the row as a whole
	Reason string
	// ReasonZH is the reason in Chinese, where there is one (the input
	// rules' and the desk's problems).
	ReasonZH string
}

// In is the reason in lang ("zh" or anything else for English).
func (p Problem) In(lang string) string {
	if strings.HasPrefix(lang, "zh") && p.ReasonZH != "" {
		return p.ReasonZH
	}
	return p.Reason
}

// RowError is a row that cannot be imported, with every problem found.
type RowError struct {
	Line     int
	Problems []Problem
}

func rowErr(line int, column, reason string) *RowError {
	return &RowError{Line: line, Problems: []Problem{{Column: column, Reason: reason}}}
}

// Reason is the problems as one line: `column "phone": reason; ...`.
func (e *RowError) Reason() string { return e.reasonIn("en") }

func (e *RowError) reasonIn(lang string) string {
	zh := strings.HasPrefix(lang, "zh")
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		switch {
		case p.Column == "":
			parts[i] = p.In(lang)
		case zh:
			parts[i] = fmt.Sprintf("“%s”列：%s", p.Column, p.In(lang))
		default:
			parts[i] = fmt.Sprintf("column %q: %s", p.Column, p.Reason)
		}
	}
	if zh {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}

// Format is the error with its place: "line 12, column ...".
func (e *RowError) Format(unit string) string { return e.FormatIn(unit, "en") }

// FormatIn is the error with its place in lang: "第 12 行，“电话”列：…"
// in Chinese (for a line of a CSV file and a row of a sheet alike), else
// as Format. Reasons without a Chinese text stay in English.
func (e *RowError) FormatIn(unit, lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return fmt.Sprintf("第 %d 行，%s", e.Line, e.reasonIn(lang))
	}
	return fmt.Sprintf("%s %d, %s", unit, e.Line, e.reasonIn(lang))
}

func (e *RowError) Error() string { return e.Format("line") }

func (e *RowError) add(column, reason string) {
	e.Problems = append(e.Problems, Problem{Column: column, Reason: reason})
}

// issue is a problem with a text, by the input rules, in both languages.
func (e *RowError) issue(column string, is *input.Issue) {
	e.Problems = append(e.Problems, Problem{Column: column, Reason: is.EN, ReasonZH: is.ZH})
}

// text is the trimmed values of the columns, the non-empty ones joined.
func (b *Binding) text(row Row, cols []int) string {
	if len(cols) == 1 {
		return strings.TrimSpace(row.Cells[cols[0]])
	}
	var parts []string
	for _, i := range cols {
		if s := strings.TrimSpace(row.Cells[i]); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, b.join)
}

func (b *Binding) colName(cols []int) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = b.header[c]
		if names[i] == "" {
			names[i] = fmt.Sprintf("#%d", c+1)
		}
	}
	return strings.Join(names, "+")
}

// skipReason says why a row is not a complaint to import (skipRow), or "".
func (b *Binding) skipReason(row Row) string { return skipRow(row.Cells, b.header, b.id) }

// dateColumns are the columns of the mapping's date fields.
func (b *Binding) dateColumns() []int {
	var out []int
	for _, f := range b.fields {
		if f.kind == kindDate {
			out = append(out, f.cols...)
		}
	}
	return out
}

// Source is the source name the binding imports as.
func (b *Binding) Source() string { return b.source }

// Convert turns a row into a history case, or says what is wrong with it.
func (b *Binding) Convert(row Row) (desk.HistoryCase, *RowError) {
	re := &RowError{Line: row.Line}
	h := desk.HistoryCase{Source: b.source, ContactOptional: b.m.ContactOptional}
	h.SourceID = strings.TrimSpace(b.joinID(row))
	if h.SourceID == "" && len(b.id) > 0 {
		re.add(b.colName(b.id), "no id: every row needs its original id, which keeps a second import from adding it again")
	}
	var notes []string
	set := map[string]bool{}
	for _, f := range b.fields {
		raw := b.text(row, f.cols)
		col := b.colName(f.cols)
		if raw == "" {
			continue // a default below, if any
		}
		set[f.name] = true
		if vm := b.values[f.name]; vm != nil {
			if to, ok := vm.lookup(raw); ok && to == "" {
				delete(set, f.name) // mapped to nothing: as if empty
				continue
			} else if ok {
				raw = to
			} else if f.kind == kindPolicy && !policyHas(b.policy, f.name, raw) {
				re.add(col, fmt.Sprintf("%q is not in the mapping's [values.%s]: add a line %q = \"…\" (%s)", raw, f.name, raw, policyIDs(b.policy, f.name)))
				continue
			}
		}
		shownTimed := false
		for _, c := range f.cols {
			shownTimed = shownTimed || row.timed(c)
		}
		if err := b.setField(&h, f.name, f.kind, raw, shownTimed, &notes); err != nil {
			re.add(col, err.Error())
		}
	}
	for _, name := range b.defaultOrder {
		v := b.defaults[name]
		if set[name] {
			continue
		}
		kind := caseFields[name]
		if kind == kindDate {
			d := b.dateDefs[name]
			b.setDate(&h, name, d.t, !d.timed)
			notes = append(notes, fmt.Sprintf("no %s date in the source: the mapping's default %s is used", name, v))
			continue
		}
		if err := b.setField(&h, name, kind, v, false, &notes); err != nil {
			re.add("", fmt.Sprintf("[defaults] %s: %v", name, err))
		}
	}
	for _, x := range b.extra {
		if v := b.text(row, x.cols); v != "" {
			if h.Fields == nil {
				h.Fields = map[string]string{}
			}
			h.Fields[x.name] = v
		}
	}
	if steps, ok := b.m.Steps[h.Status]; ok {
		h.Path = steps
	}
	if h.Note != "" {
		notes = append([]string{"note in the source: " + h.Note}, notes...)
	}
	h.Note = strings.Join(notes, "; ")
	if len(re.Problems) > 0 {
		return desk.HistoryCase{}, re
	}
	return h, nil
}

func (b *Binding) joinID(row Row) string {
	if len(b.id) == 1 {
		return row.Cells[b.id[0]]
	}
	parts := make([]string, len(b.id))
	empty := true
	for i, c := range b.id {
		parts[i] = strings.TrimSpace(row.Cells[c])
		empty = empty && parts[i] == ""
	}
	if empty {
		return ""
	}
	return strings.Join(parts, "|")
}

// setDate sets a date field; dayOnly: the source gives its day alone,
// which the desk reads as "some time that day" (desk.HistoryCase.DayOnly).
func (b *Binding) setDate(h *desk.HistoryCase, name string, t time.Time, dayOnly bool) {
	key := "received"
	if name == "received" {
		h.ReceivedAt = t
	} else {
		key = stepFields[name]
		if h.Steps == nil {
			h.Steps = map[string]time.Time{}
		}
		h.Steps[key] = t
	}
	if dayOnly {
		if h.DayOnly == nil {
			h.DayOnly = map[string]bool{}
		}
		h.DayOnly[key] = true
	}
}

// setField sets a field from a cell's text; shownTimed: the cell is a
// workbook's number shown with a time of day (00:00 is a time then).
func (b *Binding) setField(h *desk.HistoryCase, name string, kind fieldKind, v string, shownTimed bool, notes *[]string) error {
	switch kind {
	case kindDate:
		t, timed, err := ParseDateTime(v, b.formats, b.loc, b.date1904)
		if err != nil {
			return err
		}
		b.setDate(h, name, t, !timed && !shownTimed)
		return nil
	case kindInt:
		n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		switch name {
		case "collective":
			h.CollectiveSize = n
		case "satisfaction":
			h.Satisfaction = n
		}
		return nil
	case kindBool:
		switch strings.ToLower(v) {
		case "1", "true", "yes", "y", "是", "匿名":
			h.Anonymous = true
		case "0", "false", "no", "n", "否", "":
		default:
			return fmt.Errorf("%q is not yes or no", v)
		}
		return nil
	}
	switch name {
	case "channel":
		h.Channel = v
	case "nature":
		h.Nature = v
	case "category":
		h.Category = v
	case "grade":
		h.Grade = v
	case "status":
		h.Status = v
	case "grade_reason":
		h.GradeReason = v
	case "name":
		h.Name = v
	case "phone":
		p, err := ParsePhone(v)
		if err != nil {
			if b.m.BadContact != "note" {
				return err
			}
			b.keepRaw(h, "phone_raw", v)
			*notes = append(*notes, fmt.Sprintf("the phone %q is not one the desk takes: kept as text (field phone_raw)", v))
			return nil
		}
		h.Phone = p.Number
		if p.Rest != "" {
			b.keepRaw(h, "phone_other", p.Rest)
		}
	case "email":
		e, err := complaint.NormalizeEmail(v)
		if err != nil {
			if b.m.BadContact != "note" {
				return fmt.Errorf("%q is %w", v, err)
			}
			b.keepRaw(h, "email_raw", v)
			*notes = append(*notes, fmt.Sprintf("the email %q is not valid: kept as text (field email_raw)", v))
			return nil
		}
		h.Email = e
	case "address":
		h.Address = v
	case "org":
		h.Org = v
	case "content":
		h.Content = v
	case "demand":
		h.Demand = v
	case "subject":
		h.Subject = v
	case "department":
		h.Department = v
	case "handler":
		h.Handler = v
	case "resolution":
		h.Resolution = v
	case "reply":
		h.Reply = v
	case "note":
		h.Note = v
	}
	return nil
}

func (b *Binding) keepRaw(h *desk.HistoryCase, k, v string) {
	if h.Fields == nil {
		h.Fields = map[string]string{}
	}
	h.Fields[k] = v
}

// DeskProblems turns the desk's objections to a history case into the
// row's problems, under the columns the fields came from.
func (b *Binding) DeskProblems(line int, ve *desk.ValidationError) *RowError {
	re := &RowError{Line: line}
	for _, p := range ve.Problems {
		col := b.fieldCol[p.Field]
		if col == "" && p.Field == "phone" {
			col = b.fieldCol["email"]
		}
		re.Problems = append(re.Problems, Problem{Column: col, Reason: p.EN, ReasonZH: p.ZH})
	}
	return re
}
