package detail

import (
	"errors"
	"slices"
	"sort"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/ui/common"
)

// actionNames are the history's action names in both languages.
var actionNames = map[string][2]string{
	"register":    {"登记", "Registered"},
	"acknowledge": {"首次响应", "Acknowledged"},
	"assign":      {"分派", "Assigned"},
	"note":        {"备注", "Note"},
	"grade":       {"改级", "Grade changed"},
	"investigate": {"开始调查", "Investigation started"},
	"resolve":     {"解决", "Resolved"},
	"reject":      {"不成立", "Not justified"},
	"close":       {"结案", "Closed"},
	"revisit":     {"回访", "Revisited"},
	"reopen":      {"重新处理", "Reopened"},
	"escalate":    {"升级", "Escalated"},
	"reveal":      {"查看个人信息", "Personal data revealed"},
}

// actionName is an event's action as the history shows it.
func actionName(c *common.Common, action string) string {
	if n, ok := actionNames[action]; ok {
		return c.Tr(n[0], n[1])
	}
	return safetext.Line(action)
}

// verbs name an action as something to do (keys, form titles, messages).
var verbs = map[string][2]string{
	"acknowledge": {"首次响应", "acknowledge"},
	"assign":      {"分派", "assign"},
	"note":        {"备注", "add a note"},
	"grade":       {"改级", "change grade"},
	"investigate": {"开始调查", "investigate"},
	"resolve":     {"解决", "resolve"},
	"reject":      {"判定不成立", "reject"},
	"close":       {"结案", "close"},
	"revisit":     {"回访", "revisit"},
	"reopen":      {"重新处理", "reopen"},
	"escalate":    {"升级", "escalate"},
}

// shortVerbs are the English names of the footer and help, where space is short.
var shortVerbs = map[string]string{"note": "note", "grade": "grade"}

// shortVerb names an action in the footer and the help.
func shortVerb(c *common.Common, action string) string {
	if v, ok := shortVerbs[action]; ok && c.Lang != "zh" {
		return v
	}
	return verb(c, action)
}

func verb(c *common.Common, action string) string {
	if v, ok := verbs[action]; ok {
		return c.Tr(v[0], v[1])
	}
	return action
}

// formTitles are the dialogs' titles.
var formTitles = map[string][2]string{
	"acknowledge": {"首次响应（告知客户预计解决时间）", "Acknowledge (tell the customer when to expect a resolution)"},
	"assign":      {"分派处理人", "Assign a handler"},
	"note":        {"添加备注", "Add a note"},
	"grade":       {"改变等级", "Change the grade"},
	"investigate": {"开始调查", "Start the investigation"},
	"resolve":     {"解决", "Resolve"},
	"reject":      {"判定投诉不成立", "Reject as not justified"},
	"close":       {"结案", "Close the case"},
	"revisit":     {"回访", "Revisit"},
	"reopen":      {"重新处理", "Reopen"},
	"escalate":    {"升级", "Escalate"},
}

// actionKeys maps each action the page offers to its key, in the order the
// footer lists them.
var actionKeys = []struct{ key, action string }{
	{"a", "acknowledge"},
	{"s", "assign"},
	{"i", "investigate"},
	{"n", "note"},
	{"g", "grade"},
	{"e", "escalate"},
	{"r", "resolve"},
	{"x", "reject"},
	{"c", "close"},
	{"v", "revisit"},
	{"o", "reopen"},
}

func actionForKey(k string) string {
	for _, ak := range actionKeys {
		if ak.key == k {
			return ak.action
		}
	}
	return ""
}

// fieldNames label the changed fields in the history.
var fieldNames = map[string][2]string{
	"status":       {"状态", "status"},
	"grade":        {"等级", "grade"},
	"grade_reason": {"定级原因", "grade reason"},
	"category":     {"分类", "category"},
	"handler":      {"处理人", "handler"},
	"department":   {"部门", "department"},
	"expected_by":  {"预计解决", "expected by"},
	"resolution":   {"处理结果", "resolution"},
	"reply":        {"书面答复", "reply"},
	"satisfaction": {"满意度", "satisfaction"},
	"reopen_count": {"重开次数", "reopened"},
	"channel":      {"渠道", "channel"},
	"nature":       {"性质", "nature"},
	"received":     {"受理时间", "received"},
}

// fieldOrder is the order changes are listed in; other keys follow sorted.
var fieldOrder = []string{"status", "grade", "grade_reason", "category", "handler", "department",
	"expected_by", "resolution", "reply", "satisfaction", "reopen_count", "channel", "nature", "received"}

func fieldName(c *common.Common, k string) string {
	if n, ok := fieldNames[k]; ok {
		return c.Tr(n[0], n[1])
	}
	return safetext.Line(k)
}

// changedKeys lists the keys of before and after in display order.
func changedKeys(before, after map[string]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range fieldOrder {
		_, b := before[k]
		_, a := after[k]
		if a || b {
			out = append(out, k)
			seen[k] = true
		}
	}
	var rest []string
	for _, m := range []map[string]string{before, after} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				rest = append(rest, k)
			}
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// fieldValue shows a stored value of a history field in the language.
func fieldValue(c *common.Common, k, v string) string {
	if v == "" {
		return "-"
	}
	p := c.Policy()
	switch k {
	case "status":
		return c.StatusName(v)
	case "grade":
		if g := p.Grade(v); g != nil {
			return safetext.Line(v) + " " + g.In(c.Lang)
		}
	case "category":
		return safetext.Line(p.CategoryPath(v, c.Lang))
	case "channel":
		return safetext.Line(c.ChannelName(v))
	case "nature":
		return safetext.Line(c.NatureName(v))
	case "expected_by", "received":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return c.Time(t)
		}
	}
	return safetext.Line(v)
}

// whyNot says, in the language, why action is not possible on a case in
// status with grade for the user's role; "" when it is possible.
func whyNot(c *common.Common, action, status, grade string) string {
	p := c.Policy()
	_, err := p.TransitionFor(action, status, c.Actor.Role, grade)
	if err == nil {
		return ""
	}
	v := verb(c, action)
	switch {
	case errors.Is(err, policy.ErrUnknownAction):
		return c.Tr("本单位的政策没有「"+v+"」这一操作", "this desk's policy has no action "+v)
	case errors.Is(err, policy.ErrNotAllowedFrom):
		st := c.StatusName(status)
		return c.Tr("当前状态（"+st+"）不能"+v, "cannot "+v+": the case is "+st)
	}
	// The role may act from this status but not on this grade: a supervisor must.
	if _, err2 := p.Transition(action, status, c.Actor.Role); err2 == nil {
		return c.Tr(grade+" 级投诉"+v+"需要主管操作", "a grade "+grade+" case needs a supervisor to "+v)
	}
	role := c.Actor.Role
	if r := c.Role(); r != nil {
		role = r.In(c.Lang)
	}
	return c.Tr("您的角色（"+role+"）不能"+v, "your role ("+role+") may not "+v)
}

// allowedActions are the actions with a key the user may take now, in key order.
func allowedActions(c *common.Common, status, grade string) []string {
	offered := c.Policy().Actions(status, c.Actor.Role)
	var out []string
	for _, ak := range actionKeys {
		if !slices.Contains(offered, ak.action) {
			continue
		}
		if _, err := c.Policy().TransitionFor(ak.action, status, c.Actor.Role, grade); err != nil {
			continue
		}
		out = append(out, ak.action)
	}
	return out
}
