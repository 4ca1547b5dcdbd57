package text

// Detail is the case page: its header, clocks, complainant card, the
// scrolling content and history, the steps' forms and the reveal dialog.
// The names of the steps and of their fields are the registry's
// (internal/desk/actions), not texts of this package.
var Detail = struct {
	// Loading: ReloadFailed takes the number and the error.
	ReloadFailed T
	// Forms: Reloaded and Changed are said above a form when the case moved.
	Reloaded, Changed, Conflict T
	// Saved: the step, the number.
	Saved T
	// NotAllowed: the reason. Confirm: the number, the step.
	NotAllowed, Confirm, Saving T
	// ConfirmRules: the grading rules' reasons, prefilled as a grade's reason.
	ConfirmRules T
	// The picker of the steps without a key.
	MoreTitle, MoreField, NoMore T
	// A form's draft: the question when the case is opened (the step,
	// when it was kept), what the form says once it is kept (the time),
	// when it could not be (the error), and a restored form's notice.
	DraftFound, DraftKept, DraftNotKept, DraftRestored, DraftDropped T
	// A reply template's language in the picker; the reply written by hand
	// is kept when another template is picked.
	TemplateZH, TemplateEN, TemplateKept T
	// A handler in the picker: open and overdue cases; the case's own.
	HandlerLoad, HandlerCurrent T

	// The header. Reopened, Collective: a count. Escalated: the level.
	NoGrade, Grade, Training, Reopened, Collective, Crisis, Escalated  T
	NotCategorised, Channel, Nature, Category, Subject                 T
	Unassigned, Received, Registered, Handler, ExpectedBy, GradeReason T
	// Suggested: the grade, the reasons. SuggestedKey: the key that confirms it.
	Suggested, SuggestedKey T
	// Late: when the case came in relative to its window.
	Late, AcceptedByOverride T

	// The complainant card. AndMore: the other complainants; SamePhone
	// count: a number and "+" when there are more.
	Complainant, Phone, Email, Org, Address, AndMore, SamePhoneCount T

	// The page's key bar: where the other keys are.
	AllKeys T

	// The scrolling part. History: the number of events. Reason, Note: the text.
	Content, Demand, Resolution, Reply, Satisfaction, History, Reason, Note T
	// Handling facts. Amount: the amount in yuan. Verification: the
	// complainant's and the item's state (Verified or NotVerified).
	ResolutionType, Amount, AmountTotal, Agreement, Verified, NotVerified, Verification, Verify T
	Facts                                                                                       T
	// The complainants of a collective complaint: Person takes its
	// number; Callback the outcome; PersonSatisfaction the score.
	Person, Callback, NotCalledBack, PersonSatisfaction T
	Related, SameComplaint, SamePhone                   T

	// Revealing personal data.
	RevealTitle, RevealExplain, RevealNoReason, Revealing, Revealed T
	// Why p does nothing.
	WhyNoRevealRole, WhyNoRevealSees, WhyNoRevealHidden, WhyNoRevealDone T
}{
	ReloadFailed: T{"无法重新载入 %s：%s", "Could not reload %s: %s"},
	Reloaded:     T{"已载入最新版本，您填写的内容已保留；核对后再次提交。", "Reloaded the latest version; what you typed is kept. Check and submit again."},
	Changed:      T{"此投诉单刚被修改：按 ctrl+r 载入最新版本后再提交。", "This case was just changed: press ctrl+r to load the latest version before submitting."},
	Conflict: T{"您填写的内容已保留：按 ctrl+r 载入最新版本，核对后按 ctrl+s 再次提交。",
		"What you typed is kept: press ctrl+r to load the latest version, check it, then ctrl+s to submit again."},
	Saved:          T{"已保存：%s %s", "Saved: %s %s"},
	NotAllowed:     T{"不允许：%s", "Not allowed: %s"},
	Confirm:        T{"确认对 %[1]s %[2]s？", "Confirm: %[2]s %[1]s?"},
	Saving:         T{"正在保存...", "saving..."},
	ConfirmRules:   T{"按定级规则确认：%s", "confirming the grading rules: %s"},
	DraftFound:     T{"有未保存的草稿：%s（%s 保存）", "There is an unsaved draft: %s (kept %s)"},
	DraftKept:      T{"草稿已保存 %s", "draft kept %s"},
	DraftNotKept:   T{"草稿未保存：%s", "draft not kept: %s"},
	DraftRestored:  T{"已恢复草稿，核对后提交", "Draft restored: check it, then submit"},
	DraftDropped:   T{"草稿已丢弃", "Draft discarded"},
	TemplateZH:     T{"（中文）", " (Chinese)"},
	TemplateEN:     T{"（英文）", " (English)"},
	TemplateKept:   T{"答复已手工修改，未套用模板；清空答复后再选模板", "The reply was edited by hand and is kept: empty it to use the template"},
	HandlerLoad:    T{"在办 %d，超时 %d", "%d open, %d overdue"},
	HandlerCurrent: T{"当前处理人", "current handler"},
	MoreTitle:      T{"更多操作", "More actions"},
	MoreField:      T{"操作", "Action"},
	NoMore:         T{"当前没有其他可执行的操作", "no other action is possible now"},

	NoGrade:        T{"未定级", "no grade"},
	Grade:          T{"等级", "Grade"},
	Training:       T{"培训案例", "training case"},
	Reopened:       T{"重开 %d 次", "reopened %d times"},
	Collective:     T{"集体投诉 %d 人", "%d complainants"},
	Crisis:         T{"危机", "CRISIS"},
	Escalated:      T{"已升级：%s", "escalated: %s"},
	NotCategorised: T{"未分类", "not categorised"},
	Channel:        T{"渠道", "Channel"},
	Nature:         T{"性质", "Nature"},
	Category:       T{"分类", "Category"},
	Subject:        T{"涉及", "Subject"},
	Unassigned:     T{"未分派", "unassigned"},
	Received:       T{"受理", "Received"},
	Registered:     T{"登记", "Registered"},
	Handler:        T{"处理人", "Handler"},
	ExpectedBy:     T{"预计解决", "Expected by"},
	GradeReason:    T{"定级原因", "Grade reason"},
	Suggested:      T{"建议等级 %s：%s", "Suggested grade %s: %s"},
	SuggestedKey:   T{"（按 %s 确认）", " (%s to confirm)"},
	Late:           T{"逾期：%s", "late: %s"},

	AcceptedByOverride: T{"（已批准受理）", " (accepted by override)"},

	Complainant:    T{"投诉人", "Complainant"},
	Phone:          T{"电话", "Phone"},
	Email:          T{"邮箱", "Email"},
	Org:            T{"单位", "Org"},
	Address:        T{"地址", "Address"},
	AndMore:        T{"另有 %d 人", "and %d more"},
	SamePhoneCount: T{"该号码另有 %d%s 件投诉", "%d%s more case(s) from this phone"},

	AllKeys: T{"全部操作", "all actions"},

	Content:      T{"投诉内容", "Content"},
	Demand:       T{"客户诉求", "Demand"},
	Resolution:   T{"处理结果", "Resolution"},
	Reply:        T{"书面答复", "Reply"},
	Satisfaction: T{"回访满意度", "Satisfaction"},
	History:      T{"处理记录（%d 条，最新在上）", "History (%d, newest first)"},
	Reason:       T{"原因：%s", "Reason: %s"},
	Note:         T{"备注：%s", "Note: %s"},

	ResolutionType: T{"处理方式", "Type"},
	Amount:         T{" %s 元", " %s yuan"},
	AmountTotal:    T{"（合计 %s 元）", " (%s yuan in all)"},
	Agreement:      T{"客户意见", "Customer"},
	Verified:       T{"已核实", "verified"},
	NotVerified:    T{"未核实", "not verified"},
	Verification:   T{"投诉人%s；事项%s", "complainant %s; item %s"},
	Verify:         T{"三核实", "Verified"},
	Facts:          T{"调查事实", "Facts found"},

	Person:             T{"投诉人%d", "Person %d"},
	Callback:           T{"回访：%s", "callback: %s"},
	NotCalledBack:      T{"未回访", "not called back"},
	PersonSatisfaction: T{"满意度 %d/5", "satisfaction %d/5"},
	Related:            T{"相关投诉", "Related"},
	SameComplaint:      T{"同类投诉", "Same complaint"},
	SamePhone:          T{"同一电话", "Same phone"},

	RevealTitle: T{"查看投诉人个人信息", "Reveal the complainant's personal data"},
	RevealExplain: T{"此查看将记入本投诉单的处理记录（谁、何时、原因），可由 desk audit 查询。请填写原因：",
		"This reveal goes into the case history (who, when, why) and shows in desk audit. Give the reason:"},
	RevealNoReason: T{"请填写原因：它会记入处理记录。", "Give the reason: it goes into the case history."},
	Revealing:      T{"正在记录…", "recording…"},
	Revealed:       T{"已显示个人信息，查看记录已写入处理记录", "Personal data shown; the reveal is in the case history"},

	WhyNoRevealRole:   T{"您的角色不能查看个人信息", "your role may not reveal personal data"},
	WhyNoRevealSees:   T{"您的角色已能看到完整的个人信息", "your role sees personal data in full already"},
	WhyNoRevealHidden: T{"您的角色看不到投诉人", "your role does not see the complainant"},
	WhyNoRevealDone:   T{"个人信息已显示", "the personal data is shown already"},
}
