package text

// Keys are the help texts of the keys (ui/keys) and the titles of their groups.
var Keys = struct {
	// Group titles.
	GroupNavigation, GroupTabs, GroupCases, GroupActions, GroupFilter, GroupForm, GroupReports, GroupPage, GroupGlobal T

	// Moving about.
	Up, Down, Select, PageUp, PageDown, First, Last, Top, Bottom T
	// Tabs.
	NextTab, PrevTab, TabNumber T
	// Cases.
	Open, OpenCase, New T
	// The case page: Scroll stands for the scrolling keys in the footer.
	Scroll, Reload, Reveal, MoreActions T
	// Search and filters.
	Search, SearchDone, SearchClear, Sort                                                    T
	FilterStatus, FilterGrade, FilterCategory, FilterChannel, FilterDepartment, ClearFilters T
	// Forms.
	// The question about a case form's draft.
	DraftRestore, DraftDiscard, DraftLater T
	// TypeAmount: digits type the amount of the ticked type under the cursor.
	TypeAmount T
	// Keep, StopFilter: a narrowed choice's enter and esc.
	Keep, StopFilter T
	// A repeat caller on the intake form.
	OpenCaller, NoteCaller, TakeOver T
	// The dashboard's figures and the warning line open their lists.
	ListOpen, ListToday, ListOverdue, ListUnassigned, ListApprovals, Alerts               T
	Choose, ChooseType, Initial, Register, Discard, DiscardYes, DiscardNo, MoveTick, Tick T
	Submit, Cancel, Confirm                                                               T
	// Reports.
	Dashboard, Monthly, Refresh, PrevMonth, NextMonth, WriteXLSX, File T
	// Everywhere.
	Help, Quit, QuitNow, Back, Station T
	// Unavailable: why a key does nothing now (after its help text).
	Unavailable T
}{
	GroupNavigation: T{"移动", "Moving about"},
	GroupTabs:       T{"标签", "Tabs"},
	GroupCases:      T{"投诉单", "Cases"},
	GroupActions:    T{"处理操作", "Actions"},
	GroupFilter:     T{"搜索与筛选", "Search and filters"},
	GroupForm:       T{"表单", "Form"},
	GroupReports:    T{"报表", "Reports"},
	GroupPage:       T{"本页", "This page"},
	GroupGlobal:     T{"任何页面", "Everywhere"},

	Up:       T{"上移", "up"},
	Down:     T{"下移", "down"},
	Select:   T{"选择", "select"},
	PageUp:   T{"上一页", "page up"},
	PageDown: T{"下一页", "page down"},
	First:    T{"第一条", "first"},
	Last:     T{"最后一条", "last"},
	Top:      T{"顶部", "top"},
	Bottom:   T{"底部", "bottom"},

	NextTab:   T{"下一个标签", "next tab"},
	PrevTab:   T{"上一个标签", "previous tab"},
	TabNumber: T{"切换标签", "go to tab"},

	Open:     T{"打开", "open"},
	OpenCase: T{"打开投诉单", "open case"},
	New:      T{"新投诉", "new complaint"},

	Scroll:      T{"滚动", "scroll"},
	Reload:      T{"重新载入", "reload"},
	Reveal:      T{"查看个人信息", "reveal personal data"},
	MoreActions: T{"更多操作", "more actions"},

	Search:           T{"搜索", "search"},
	SearchDone:       T{"完成", "done"},
	SearchClear:      T{"清除搜索", "clear search"},
	Sort:             T{"排序", "sort"},
	FilterStatus:     T{"按状态筛选", "filter by status"},
	FilterGrade:      T{"按等级筛选", "filter by grade"},
	FilterCategory:   T{"按分类筛选", "filter by category"},
	FilterChannel:    T{"按渠道筛选", "filter by channel"},
	FilterDepartment: T{"按部门筛选（部门队列）", "filter by department (its queue)"},
	ClearFilters:     T{"清除筛选", "clear filters"},

	Choose:         T{"选择", "choose"},
	ChooseType:     T{"选择，可输入筛选", "choose, or type to filter"},
	DraftRestore:   T{"恢复", "restore"},
	DraftDiscard:   T{"丢弃", "discard"},
	DraftLater:     T{"稍后", "later"},
	TypeAmount:     T{"填金额", "amount"},
	Keep:           T{"选定", "keep it"},
	StopFilter:     T{"取消筛选", "stop filtering"},
	ListOpen:       T{"列出在办投诉", "list the open cases"},
	ListToday:      T{"列出今日到期", "list those due today"},
	ListOverdue:    T{"列出已超时", "list the overdue ones"},
	ListUnassigned: T{"列出未分派", "list the unassigned ones"},
	ListApprovals:  T{"列出待审批", "list what awaits your approval"},
	Alerts:         T{"超时、升级与危机列表", "the list of crises, escalations, breaches and warnings"},
	OpenCaller:     T{"打开来电人的未结投诉", "open the caller's open case"},
	NoteCaller:     T{"改为给未结投诉添加备注", "add a note to the open case instead"},
	TakeOver:       T{"沿用已知姓名和地址", "take over the known name and address"},
	Initial:        T{"输入文字或拼音首字母筛选", "type to filter the list"},
	Register:       T{"保存登记", "register"},
	Discard:        T{"放弃", "discard"},
	DiscardYes:     T{"放弃表单", "discard"},
	DiscardNo:      T{"返回表单", "back to the form"},
	MoveTick:       T{"移动", "move"},
	Tick:           T{"勾选", "tick"},
	Submit:         T{"提交", "submit"},
	Cancel:         T{"取消", "cancel"},
	Confirm:        T{"确认", "confirm"},

	Dashboard: T{"仪表盘", "dashboard"},
	Monthly:   T{"月度统计", "monthly report"},
	Refresh:   T{"刷新", "refresh"},
	PrevMonth: T{"上个月", "previous month"},
	NextMonth: T{"下个月", "next month"},
	WriteXLSX: T{"写入 XLSX", "write XLSX"},
	File:      T{"归档", "file"},

	Help:    T{"帮助", "help"},
	Quit:    T{"退出", "quit"},
	QuitNow: T{"立即退出（保留草稿）", "quit now (drafts are kept)"},
	Back:    T{"返回", "back"},
	Station: T{"换人（输入 PIN）", "switch user (PIN)"},

	Unavailable: T{"（%s）", " (%s)"},
}
