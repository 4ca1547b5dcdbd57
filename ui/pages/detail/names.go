package detail

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
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

	"transfer":         {"转派", "Transferred"},
	"contact":          {"联系客户", "Contacted the customer"},
	"verify":           {"核实", "Verified"},
	"findings":         {"调查报告", "Investigation report"},
	"flags":            {"情形", "Circumstances"},
	"request_approval": {"提交审批", "Approval requested"},
	"approve":          {"批准", "Approved"},
	"send_back":        {"退回", "Sent back"},
	"link":             {"关联", "Linked"},
	"unlink":           {"取消关联", "Unlinked"},
	"complainant":      {"添加投诉人", "Complainant added"},
}

// actionName is an event's action as the history shows it.
func actionName(c *common.Common, action string) string {
	if l := c.Policy().ActionLabel(action); l.ZH != "" || l.EN != "" {
		return safetext.Line(l.In(c.Lang)) // the policy's name for its step
	}
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

	"transfer":         {"转派", "transfer"},
	"contact":          {"联系客户", "contact"},
	"verify":           {"核实", "verify"},
	"findings":         {"调查报告", "report"},
	"flags":            {"情形", "circumstances"},
	"request_approval": {"提交审批", "request approval"},
	"approve":          {"批准", "approve"},
	"send_back":        {"退回", "send back"},
	"link":             {"关联", "link"},
	"unlink":           {"取消关联", "unlink"},
	"complainant":      {"添加投诉人", "add complainant"},
	moreAction:         {"更多操作", "more"},
}

// moreAction is the picker of the policy's actions that have no key.
const moreAction = "more"

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
	if l := c.Policy().ActionLabel(action); l.ZH != "" || l.EN != "" {
		return safetext.Line(l.In(c.Lang)) // the policy's name for its step
	}
	if v, ok := verbs[action]; ok {
		return c.Tr(v[0], v[1])
	}
	return safetext.Line(c.Policy().ActionName(action).In(c.Lang))
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

	"transfer":         {"转派（换处理人或部门）", "Transfer to another handler or department"},
	"contact":          {"联系客户（去电、信函、上门）", "Contact the customer (call, letter, visit)"},
	"verify":           {"三核实（投诉人、投诉事项）", "Verify the complainant and the item"},
	"findings":         {"调查报告", "Investigation report"},
	"flags":            {"登记情形（定级依据）", "Circumstances (for the grading rules)"},
	"request_approval": {"提交主管审批结案", "Ask a supervisor to approve the closure"},
	"approve":          {"批准结案", "Approve the closure"},
	"send_back":        {"退回重新处理", "Send back for more work"},
	"link":             {"关联相关投诉", "Link a related case"},
	"unlink":           {"取消关联", "Unlink a related case"},
	"complainant":      {"添加投诉人（集体投诉）", "Add a complainant (collective complaint)"},
	moreAction:         {"更多操作", "More actions"},
}

// actionKeys maps each action the page offers to its key, in the order the
// footer lists them.
var actionKeys = []struct{ key, action string }{
	{"a", "acknowledge"},
	{"t", "contact"},
	{"s", "assign"},
	{"i", "investigate"},
	{"r", "resolve"},
	{"x", "reject"},
	{"u", "request_approval"},
	{"Y", "approve"},
	{"N", "send_back"},
	{"c", "close"},
	{"v", "revisit"},
	{"o", "reopen"},
	{"y", "verify"},
	{"d", "findings"},
	{"w", "transfer"},
	{"n", "note"},
	{"g", "grade"},
	{"e", "escalate"},
	{"!", "flags"},
	{"l", "link"},
	{"L", "unlink"},
	{"m", "complainant"},
	{".", moreAction},
}

// keyedAction reports whether the action has its own key.
func keyedAction(action string) bool {
	for _, ak := range actionKeys {
		if ak.action == action {
			return true
		}
	}
	return false
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

	"escalation":           {"升级级别", "escalation"},
	"crisis":               {"危机", "crisis"},
	"collective":           {"投诉人数", "complainants"},
	"complainant":          {"新增投诉人", "new complainant"},
	"contact_kind":         {"方式", "by"},
	"contact_outcome":      {"结果", "outcome"},
	"contact_reached":      {"联系上", "reached"},
	"contact_who":          {"投诉人", "complainant"},
	"contact_satisfaction": {"满意度", "satisfaction"},
	"contacted_at":         {"首次联系上", "first reached"},
	"complainant_verified": {"投诉人核实", "complainant verified"},
	"item_verified":        {"事项核实", "item verified"},
	"item_time":            {"事项时间", "when"},
	"item_place":           {"事项地点", "where"},
	"item_product":         {"产品/批号/报告", "product / batch / report"},
	"facts":                {"事实", "facts"},
	"cause":                {"原因", "cause"},
	"responsible":          {"责任方", "responsible"},
	"conclusion":           {"结论", "conclusion"},
	"corrective_action":    {"纠正措施", "corrective action"},
	"preventive_action":    {"预防措施", "preventive action"},
	"resolution_type":      {"处理方式", "resolution type"},
	"amount":               {"金额", "amount"},
	"agreement":            {"客户意见", "customer's agreement"},
	"flags":                {"标记", "flags"},
	"suggested_grade":      {"建议等级", "suggested grade"},
	"suggested_reason":     {"建议原因", "suggestion's reason"},
	"linked":               {"关联", "linked"},
	"unlinked":             {"取消关联", "unlinked"},
	"breach_escalated":     {"超时升级", "escalated for"},
	"lawsuit":              {"已起诉", "lawsuit"},
	"media":                {"媒体曝光", "media coverage"},
	"media_possible":       {"可能诉讼/曝光", "lawsuit or media possible"},
	"serious_loss":         {"重大损失", "serious loss"},
	"injury":               {"人身伤害", "injury"},
	"contract_unmet":       {"两次未兑现", "contract unmet twice"},
}

// fieldOrder is the order changes are listed in; other keys follow sorted.
var fieldOrder = []string{"status", "grade", "grade_reason", "category", "handler", "department",
	"expected_by", "resolution", "reply", "satisfaction", "reopen_count", "channel", "nature", "received"}

func fieldName(c *common.Common, k string) string {
	if n, ok := fieldNames[k]; ok {
		return c.Tr(n[0], n[1])
	}
	if fd := c.Policy().Field(k); fd != nil {
		return safetext.Line(fd.In(c.Lang)) // the policy's own field
	}
	if k == policy.LateField {
		return c.Tr("逾期", "late")
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
	case "expected_by", "received", "contacted_at":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return c.Time(t)
		}
	case "department":
		return safetext.Line(p.DepartmentName(v, c.Lang))
	case "escalation":
		if l := p.Level(v); l != nil {
			return safetext.Line(l.In(c.Lang))
		}
	case "contact_kind":
		if k := p.ContactKind(v); k != nil {
			return safetext.Line(k.In(c.Lang))
		}
	case "contact_outcome":
		if k := p.ContactOutcome(v); k != nil {
			return safetext.Line(k.In(c.Lang))
		}
	case "conclusion":
		if k := p.Conclusion(v); k != nil {
			return safetext.Line(k.In(c.Lang))
		}
	case "resolution_type":
		if k := p.ResolutionType(v); k != nil {
			return safetext.Line(k.In(c.Lang))
		}
	case "agreement":
		return agreementName(c, v)
	case "flags":
		return flagNames(c, strings.Split(v, ","))
	case "crisis", "contact_reached", "complainant_verified", "item_verified",
		"lawsuit", "media", "media_possible", "serious_loss", "injury", "contract_unmet":
		if v == "yes" {
			return c.Tr("是", "yes")
		}
		if v == "no" {
			return c.Tr("否", "no")
		}
	}
	if p.Field(k) != nil || k == policy.LateField {
		return safetext.Line(p.FieldText(k, v, c.Lang, c.Loc())) // the policy's own fields (lab)
	}
	return safetext.Line(v)
}

// agreementName is the customer's agreement in the language.
func agreementName(c *common.Common, v string) string {
	switch v {
	case "agreed":
		return c.Tr("同意", "agreed")
	case "disagreed":
		return c.Tr("不同意", "disagreed")
	case "pending":
		return c.Tr("待确认", "pending")
	}
	return safetext.Line(v)
}

// flagNames are case flags in the language.
func flagNames(c *common.Common, ids []string) string {
	var out []string
	for _, id := range ids {
		if f := c.Policy().Flag(id); f != nil {
			out = append(out, f.In(c.Lang))
		} else if id != "" {
			out = append(out, id)
		}
	}
	return safetext.Line(strings.Join(out, c.Tr("、", ", ")))
}

// whyNot says, in the language, why action is not possible on the case
// for the user now; "" when it is possible. The words are the desk's
// (desk.Check): the command line refuses with the same.
func whyNot(c *common.Common, action string, cs *store.Case) string {
	if action == moreAction {
		if len(moreActions(c, cs)) == 0 {
			return c.Tr("当前没有其他可执行的操作", "no other action is possible now")
		}
		return ""
	}
	err := c.Desk.Check(cs, action, c.Actor)
	if err == nil {
		return ""
	}
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		return safetext.Line(ve.Problems[0].Message(c.Lang))
	}
	return safetext.Line(c.ErrorText(err))
}

// allowedActions are the actions with a key the user may take now, in key
// order ("more" when the policy has actions without a key).
func allowedActions(c *common.Common, cs *store.Case) []string {
	offered := c.Policy().ActionsFor(cs.Status, c.Actor.Role, cs.Grade)
	out := policyKeyed(c, offered) // the policy's own steps with their keys first (lab.go)
	for _, ak := range actionKeys {
		if ak.action == moreAction {
			if len(moreActions(c, cs)) > 0 {
				out = append(out, moreAction)
			}
			continue
		}
		if slices.Contains(offered, ak.action) {
			out = append(out, ak.action)
		}
	}
	return out
}

// moreActions are the policy's actions without a key the user may take now
// (the gsp preset's forward, dispatch, decide, ...).
func moreActions(c *common.Common, cs *store.Case) []string {
	var out []string
	for _, a := range c.Policy().ActionsFor(cs.Status, c.Actor.Role, cs.Grade) {
		if !keyedAction(a) && a != "reveal" && policyKey(c, a) == "" {
			out = append(out, a)
		}
	}
	return out
}
