package actions

import (
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/policy"
)

// binding reads and writes a field's value in an Input, as typed text.
type binding struct {
	get func(in *Input) string
	set func(in *Input, v string, loc *time.Location) *policy.Label // a problem, or nil
}

func str(p func(in *Input) *string) binding {
	return binding{
		get: func(in *Input) string { return *p(in) },
		set: func(in *Input, v string, _ *time.Location) *policy.Label { *p(in) = v; return nil },
	}
}

// TimeLayout is how a moment is written in forms and commands.
const TimeLayout = "2006-01-02 15:04"

// timeLayouts are the ways a person may type a moment, in the desk's zone.
var timeLayouts = []string{TimeLayout, "2006-1-2 15:04", "2006/01/02 15:04", "2006/1/2 15:04",
	"2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

// ParseTime reads a moment typed by a person, in loc; RFC 3339 with a zone
// is accepted too.
func ParseTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var badTime = policy.Label{ZH: "时间格式应为 2026-05-03 18:00", EN: "write the time as 2026-05-03 18:00"}

func moment(p func(in *Input) *time.Time) binding {
	return binding{
		get: func(in *Input) string {
			if t := *p(in); !t.IsZero() {
				return t.Format(TimeLayout)
			}
			return ""
		},
		set: func(in *Input, v string, loc *time.Location) *policy.Label {
			if strings.TrimSpace(v) == "" {
				*p(in) = time.Time{}
				return nil
			}
			t, ok := ParseTime(v, loc)
			if !ok {
				return &badTime
			}
			*p(in) = t
			return nil
		},
	}
}

func number(p func(in *Input) *int, offset int) binding {
	return binding{
		get: func(in *Input) string {
			if n := *p(in); n != 0 || offset != 0 {
				return strconv.Itoa(n + offset)
			}
			return ""
		},
		set: func(in *Input, v string, _ *time.Location) *policy.Label {
			v = strings.TrimSpace(v)
			if v == "" {
				*p(in) = 0
				return nil
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return &policy.Label{ZH: "应为数字", EN: "must be a number"}
			}
			*p(in) = n - offset
			return nil
		},
	}
}

func tick(p func(in *Input) *bool) binding {
	return binding{
		get: func(in *Input) string {
			if *p(in) {
				return "yes"
			}
			return ""
		},
		set: func(in *Input, v string, _ *time.Location) *policy.Label {
			b, ok := yesNo(v)
			if !ok {
				return &policy.Label{ZH: "应为 yes 或 no", EN: "must be yes or no"}
			}
			*p(in) = b
			return nil
		},
	}
}

func yesNo(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "y", "true", "1", "是":
		return true, true
	case "", "no", "n", "false", "0", "否":
		return false, true
	}
	return false, false
}

// circumstanceBinding sets or clears one circumstance; "" leaves it alone.
func circumstanceBinding(id string) binding {
	return binding{
		get: func(in *Input) string {
			on, ok := in.Circumstances[id]
			switch {
			case !ok:
				return ""
			case on:
				return "yes"
			}
			return "no"
		},
		set: func(in *Input, v string, _ *time.Location) *policy.Label {
			if strings.TrimSpace(v) == "" {
				delete(in.Circumstances, id)
				return nil
			}
			b, ok := yesNo(v)
			if !ok {
				return &policy.Label{ZH: "应为 yes 或 no", EN: "must be yes or no"}
			}
			if in.Circumstances == nil {
				in.Circumstances = map[string]bool{}
			}
			in.Circumstances[id] = b
			return nil
		},
	}
}

// policyField binds a [[field]] of the policy (Input.Fields).
func policyField(id string) binding {
	return binding{
		get: func(in *Input) string { return in.Fields[id] },
		set: func(in *Input, v string, _ *time.Location) *policy.Label {
			if v == "" {
				delete(in.Fields, id)
				return nil
			}
			if in.Fields == nil {
				in.Fields = map[string]string{}
			}
			in.Fields[id] = v
			return nil
		},
	}
}
