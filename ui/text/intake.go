package text

// Intake is the form an agent fills in while the caller is on the line.
var Intake = struct {
	// Field labels, in the order of a call.
	Channel, Received, Late, Phone, Email, Name, Content, Demand, Nature, Category, Grade, Collective, Others, Subject, Circumstances T
	// Hints shown in empty fields (an e-mail is Form.Optional).
	HintReceived, HintPhone, HintName, HintContent, HintDemand, HintCollective, HintSubject, HintOthers T
	// Choices of the select fields.
	CategoryLater, UseSuggestion T
	// UseSuggestionIs: the grade suggested.
	UseSuggestionIs T
	// Suggested: the grade, the reasons.
	Suggested       T
	NoCircumstances T
	Title, Resumed  T
	Saving          T
	MoreAboveBelow  T
	MoreAbove       T
	MoreBelow       T
	// DraftKeptAt: the time; DraftNotKept: the error.
	DraftKeptAt, DraftNotKept T

	// The caller's earlier cases.
	CallerHistory, CallerPrompt, CallerLooking, CallerNone T
	// CallerFailed: the error.
	CallerFailed T
	// CallerCount, CallerLatest: cases, open cases.
	CallerCount, CallerLatest T
	// CallerMore: cases not listed.
	CallerMore T
	// A repeat caller: why the keys do nothing (no open case, names masked),
	// what ctrl+o / ctrl+n do with the open case (its number), the
	// address taken over (the address, the case).
	NoCallerCase, NoOpenCase, NamesMasked, CallerKeys, TookOver T
	// PastDue: the first response of a complaint received this long ago is
	// already overdue (the clock, when it was due).
	PastDue T
	// The same complaint from others.
	Similar, SimilarPrompt, Counting T
	// CountFailed: the error.
	CountFailed T
	// SimilarCount: days, other complainants.
	SimilarCount T

	DiscardQuestion, DiscardHint T

	// Errors of the fields, and of saving.
	BadTime, BadCollective, NotSaved T
	// AgentChoice is the recorded reason of a grade the agent chose: the
	// suggested grade, the suggestion's reasons.
	AgentChoice T
	// Forbidden, SaveFailed, DraftNotDeleted: the error.
	Forbidden, SaveFailed, DraftNotDeleted T
	// Registered: the case number.
	Registered, SavedBefore, DraftLeft T
	// Why a key does nothing now.
	WhyNotChoice T
}{
	Channel:       T{"渠道", "Channel"},
	Received:      T{"受理时间", "Received"},
	Late:          T{"补录原因", "Why late"},
	Phone:         T{"联系电话", "Phone"},
	Email:         T{"电子邮件", "E-mail"},
	Name:          T{"姓名", "Name"},
	Content:       T{"投诉内容", "Content"},
	Demand:        T{"客户诉求", "Demand"},
	Nature:        T{"性质", "Nature"},
	Category:      T{"分类", "Category"},
	Grade:         T{"等级", "Grade"},
	Collective:    T{"投诉人数", "People"},
	Others:        T{"联名人", "Others"},
	Subject:       T{"产品/报告", "Product/report"},
	Circumstances: T{"情形", "Situation"},

	HintReceived:   T{"年-月-日 时:分", "yyyy-mm-dd hh:mm"},
	HintPhone:      T{"手机 11 位，或 区号-号码，或 400/95xxx", "mobile, area-number landline, or 400 / 95xxx"},
	HintName:       T{"客户姓名", "the customer's name"},
	HintContent:    T{"客户反映的问题：时间、地点、经过、涉及的产品或人员", "what happened: when, where, which product or person"},
	HintDemand:     T{"退款、换货、维修、道歉、赔偿、解释等", "refund, exchange, repair, apology, compensation, explanation"},
	HintCollective: T{"1（单独投诉）", "1 (alone)"},
	HintSubject:    T{"产品型号、批号或报告编号", "product model, batch or report number"},
	HintOthers:     T{"集体投诉：李四 13900001111；王五 13700002222", "collective: Li Si 13900001111; Wang Wu 13700002222"},

	CategoryLater:   T{"（稍后分类）", "(later)"},
	UseSuggestion:   T{"采用建议", "use the suggestion"},
	UseSuggestionIs: T{"采用建议：%s", "use the suggestion: %s"},
	Suggested:       T{"建议 %s：%s", "Suggested %s: %s"},
	NoCircumstances: T{"无（诉讼、媒体、重大损失、人身伤害等，空格勾选）", "none (lawsuit, media, loss, injury...: space ticks)"},
	Title:           T{"登记新投诉", "Register a complaint"},
	Resumed:         T{"（续填草稿）", " (resumed draft)"},
	Saving:          T{"正在保存...", "saving..."},
	MoreAboveBelow:  T{"上下还有内容", "more above and below"},
	MoreAbove:       T{"上方还有内容", "more above"},
	MoreBelow:       T{"下方还有内容", "more below"},
	DraftKeptAt:     T{"草稿已保存 %s", "draft kept %s"},
	DraftNotKept:    T{"草稿未保存：%s", "draft not kept: %s"},

	CallerHistory: T{"来电历史", "Caller history"},
	CallerPrompt:  T{"填写有效的电话号码后，这里显示该来电人的历史投诉", "A valid phone number shows the caller's earlier cases here"},
	CallerLooking: T{"正在查询来电历史...", "Looking up the caller's cases..."},
	CallerNone:    T{"此号码没有历史投诉", "No earlier cases for this number"},
	CallerFailed:  T{"来电历史查询失败：%s", "Could not look up the caller: %s"},
	CallerCount:   T{"此号码已有 %d 件投诉，其中 %d 件未结", "%d earlier case(s) for this number, %d still open"},
	CallerLatest:  T{"此号码最近 %d 件投诉中 %d 件未结", "latest %d cases for this number, %d still open"},
	CallerMore:    T{"另有 %d 件未列出", "and %d more"},
	NoCallerCase:  T{"此号码没有历史投诉", "no earlier case for this number"},
	NoOpenCase:    T{"此号码没有未结投诉", "no open case for this number"},
	NamesMasked:   T{"您的角色看到的姓名和地址是遮蔽的", "your role sees names and addresses masked"},
	CallerKeys:    T{"未结 %s：ctrl+o 打开  ctrl+n 改为添加备注  ctrl+t 沿用姓名地址", "open %s: ctrl+o open  ctrl+n add a note instead  ctrl+t take over name, address"},
	TookOver:      T{"地址（沿用 %[2]s）：%[1]s", "address (from %[2]s): %[1]s"},
	PastDue:       T{"注意：受理时间较早，%s已于 %s 超时；保存后即为超时投诉", "Note: received long ago, %s was due %s and is already overdue once saved"},
	Similar:       T{"同类投诉", "Same complaint from others"},
	SimilarPrompt: T{"选择分类并填写产品/报告后，统计一个月内其他投诉人的相同投诉", "Choose a category and give the product to count the same complaint from others within a month"},
	Counting:      T{"正在统计...", "Counting..."},
	CountFailed:   T{"统计失败：%s", "Could not count: %s"},
	SimilarCount:  T{"%d 天内同一分类和产品有 %d 位其他投诉人", "%[2]d other complainant(s) of this category and product within %[1]d days"},

	DiscardQuestion: T{"放弃这张表单？已填写的内容和草稿都会删除。", "Discard this form? What you typed and its draft will be deleted."},
	DiscardHint:     T{"y 放弃    n 或 esc 返回表单", "y discard    n or esc back to the form"},

	BadTime:         T{"时间格式应为 2026-01-31 14:05（年-月-日 时:分）", "write the time as 2026-01-31 14:05 (year-month-day hour:minute)"},
	BadCollective:   T{"请填写人数（数字，单独投诉为 1）", "give a number of people (1 when alone)"},
	NotSaved:        T{"未保存：请更正标出的字段", "Not saved: correct the marked fields"},
	AgentChoice:     T{"坐席选择（建议为 %s：%s）", "agent's choice (suggested %s: %s)"},
	Forbidden:       T{"您的角色不能登记投诉：%s", "your role may not register complaints: %s"},
	SaveFailed:      T{"保存失败，表单已保留，可再按 ctrl+s 重试：%s", "not saved; the form is kept, press ctrl+s to retry: %s"},
	DraftNotDeleted: T{"草稿未能删除：%s", "the draft could not be deleted: %s"},
	Registered:      T{"已登记 %s", "Registered %s"},
	SavedBefore:     T{"（此前已保存）", " (it had been saved before)"},
	DraftLeft:       T{"；草稿未能删除", "; the draft could not be deleted"},

	WhyNotChoice: T{"光标所在的项要输入，不是选择", "the field with the cursor is typed, not chosen"},
}
