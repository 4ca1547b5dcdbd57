package policy

// builtinActions name the actions the desk knows, as something to do.
var builtinActions = map[string]Label{
	"register":         {ZH: "登记", EN: "register"},
	"acknowledge":      {ZH: "首次响应", EN: "acknowledge"},
	"assign":           {ZH: "分派", EN: "assign"},
	"transfer":         {ZH: "转派", EN: "transfer"},
	"note":             {ZH: "备注", EN: "add a note"},
	"contact":          {ZH: "联系客户", EN: "contact the customer"},
	"verify":           {ZH: "核实", EN: "verify"},
	"findings":         {ZH: "填写调查报告", EN: "record the investigation report"},
	"grade":            {ZH: "改级", EN: "change grade"},
	"flags":            {ZH: "登记情形", EN: "set the circumstances"},
	"escalate":         {ZH: "升级", EN: "escalate"},
	"investigate":      {ZH: "开始调查", EN: "investigate"},
	"resolve":          {ZH: "解决", EN: "resolve"},
	"reject":           {ZH: "判定不成立", EN: "reject"},
	"request_approval": {ZH: "提交审批", EN: "request approval"},
	"approve":          {ZH: "批准", EN: "approve"},
	"send_back":        {ZH: "退回", EN: "send back"},
	"close":            {ZH: "结案", EN: "close"},
	"revisit":          {ZH: "回访", EN: "revisit"},
	"reopen":           {ZH: "重新处理", EN: "reopen"},
	"link":             {ZH: "关联", EN: "link"},
	"unlink":           {ZH: "取消关联", EN: "unlink"},
	"complainant":      {ZH: "添加投诉人", EN: "add a complainant"},
	"reveal":           {ZH: "查看个人信息", EN: "reveal"},
}

// ActionName is the action as something to do, in both languages: the
// policy's label when its transitions give one, else the desk's own name
// for it, else the action id.
func (p *Policy) ActionName(action string) Label {
	if l := p.ActionLabel(action); l.ZH != "" || l.EN != "" {
		if l.ZH == "" {
			l.ZH = l.EN
		}
		if l.EN == "" {
			l.EN = action
		}
		return l
	}
	if l, ok := builtinActions[action]; ok {
		return l
	}
	return Label{ZH: action, EN: action}
}
