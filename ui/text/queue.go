package text

// Queue is the home page: the tabs of cases and their filters.
var Queue = struct {
	// Tabs; the short names fit 80 columns.
	TabMine, TabUnassigned, TabDueToday, TabOverdue, TabRevisit, TabSample, TabApprovals, TabAll T
	// Responded: the status of a registered case a contact reached.
	Responded                                                                             T
	TabTodayShort, TabRevisitShort, TabSampleShort, TabApprovalsShort, TabUnassignedShort T
	// Sort orders.
	SortDeadline, SortReceived, SortNumber, SortGrade T
	// Columns.
	ColNumber, ColReceived, ColComplainant, ColCategory, ColGrade, ColStatus, ColHandler, ColDeadline T
	// The filter line.
	Placeholder, SearchHint, ShortDigits                                 T
	FilterStatus, FilterGrade, FilterCategory, FilterChannel, FilterDept T
	// Count: the number of cases (a number, or "10000+").
	Count T
	Empty T
	// EmptyFiltered: no case of the tab matches the filters; the tab's count.
	EmptyFiltered T
	// ReadFailed: the error.
	ReadFailed T
	// Why a key does nothing now.
	WhyNoCase, WhyNoFilter, WhyNoDepartments T
}{
	TabMine:            T{"我的", "Mine"},
	TabUnassigned:      T{"未分派", "Unassigned"},
	TabDueToday:        T{"今日到期", "Due today"},
	TabOverdue:         T{"已超时", "Overdue"},
	TabRevisit:         T{"待回访", "Awaiting revisit"},
	TabSample:          T{"回访抽样", "Revisit sample"},
	TabApprovals:       T{"待审批", "Approvals"},
	Responded:          T{"已响应", "Responded"},
	TabAll:             T{"全部", "All"},
	TabTodayShort:      T{"今日", "Today"},
	TabRevisitShort:    T{"回访", "Revisit"},
	TabSampleShort:     T{"抽样", "Sample"},
	TabApprovalsShort:  T{"审批", "Appr"},
	TabUnassignedShort: T{"未分派", "Unasgd"},

	SortDeadline: T{"按最近时限", "by nearest deadline"},
	SortReceived: T{"按受理时间", "by received"},
	SortNumber:   T{"按编号", "by number"},
	SortGrade:    T{"按等级", "by grade"},

	ColNumber:      T{"编号", "Number"},
	ColReceived:    T{"受理", "Received"},
	ColComplainant: T{"投诉人", "Complainant"},
	ColCategory:    T{"分类", "Category"},
	ColGrade:       T{"级", "Gr"},
	ColStatus:      T{"状态", "Status"},
	ColHandler:     T{"处理人", "Handler"},
	ColDeadline:    T{"时限", "Deadline"},

	Placeholder:    T{"编号、姓名、电话或内容", "number, name, phone or content"},
	SearchHint:     T{"/ 搜索", "/ search"},
	ShortDigits:    T{"（至少输入 3 位数字）", "(at least 3 digits)"},
	FilterStatus:   T{"状态:", "status:"},
	FilterGrade:    T{"等级:", "grade:"},
	FilterCategory: T{"分类:", "category:"},
	FilterChannel:  T{"渠道:", "channel:"},
	FilterDept:     T{"部门:", "dept:"},

	Count:         T{"%s 件", "%s cases"},
	Empty:         T{"没有投诉单。按 n 登记新投诉。", "No cases here. Press n to register a complaint."},
	EmptyFiltered: T{"此标签的 %s 件投诉单中没有符合筛选的。按 x 清除筛选。", "None of this tab's %s cases matches the filter. Press x to clear it."},
	ReadFailed:    T{"读取队列失败：%s", "could not read the queue: %s"},

	WhyNoCase:        T{"没有选中的投诉单", "no case is selected"},
	WhyNoFilter:      T{"没有在用的筛选", "no filter is on"},
	WhyNoDepartments: T{"方针里没有部门", "the policy has no departments"},
}
