package actions

import (
	"complaintdesk/internal/input"
)

// Clean applies the input rules (internal/input) to every text the input
// gives for fields: valid UTF-8, no control characters but line feeds in
// multi-line fields, no invisible characters in names, within the length.
// The cleaned values are put back; a text that breaks a rule is a problem
// of its field, and nothing is stored.
func Clean(in *Input, fields []Field) []Problem {
	var ps []Problem
	for i := range fields {
		f := &fields[i]
		if f.bind.get == nil || (f.Kind != Text && f.Kind != Area && f.Kind != Case && f.Kind != Users && f.Kind != Date && f.Kind != Choice) {
			continue
		}
		v := f.Get(in)
		if v == "" {
			continue
		}
		kind := input.Line
		switch {
		case f.Person:
			kind = input.Name
		case f.Kind == Area:
			kind = input.Lines
		}
		clean, issue := input.Check(v, kind, 0)
		if issue != nil {
			ps = append(ps, Problem{Field: f.ID, ZH: f.Label.ZH + issue.ZH, EN: f.Label.EN + " " + issue.EN})
			continue
		}
		_ = f.bind.set(in, clean, nil)
	}
	return ps
}

// CleanText checks one text of a given kind for a field (a registration's).
func CleanText(field string, label L, v string, kind input.Kind, max int) (string, *Problem) {
	if v == "" {
		return "", nil
	}
	clean, issue := input.Check(v, kind, max)
	if issue != nil {
		return "", &Problem{Field: field, ZH: label.ZH + issue.ZH, EN: label.EN + " " + issue.EN}
	}
	return clean, nil
}
