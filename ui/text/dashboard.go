package text

// Dashboard is the supervisor's live picture of the desk.
var Dashboard = struct {
	Title T
	// Open, DueHour, DueToday, Overdue: a count.
	Open, DueHour, DueToday, Overdue T
	NoReportDue                      T
	// ReportDue: the month, the last day, the time left.
	ReportDue T
	// ReportLate: the month, the last day, how long ago.
	ReportLate T
	// Rates; Pending: how many are still running.
	FirstResponseRate, ClosureRate, Today, Month, Pending T
	// The open cases by status and grade.
	OpenTable, ColStatus, ColAll, RowTotal, NoOpen T
	// Chart: days, cases, the most in a day.
	Chart, ChartToday T
	// The handlers' load.
	Handlers, ColHandler, ColOpen, ColLate, ColOldest, ColAge, Unassigned T
	// AlertsTitle: breaches, warnings.
	AlertsTitle, NoAlerts T
	// Approvals: what awaits the user's decision (a count).
	Approvals T
	// Why a key does nothing now.
	WhyNoAlert, WhyLoading, WhyNoApprovals T
}{
	Title:       T{"仪表盘", "Dashboard"},
	Open:        T{"在办 %d", "Open %d"},
	DueHour:     T{"1小时内到期 %d", "Due within the hour %d"},
	DueToday:    T{"今日到期 %d", "Due today %d"},
	Overdue:     T{"已超时 %d", "Overdue %d"},
	Approvals:   T{"待审批 %d", "To approve %d"},
	NoReportDue: T{"没有待提交的月度统计报表（M 查看）", "No monthly report due (M to see the statistics)"},
	ReportDue:   T{"%s统计报表未归档：请于 %s 前提交（剩 %s），按 M 查看", "%s report not filed: due by %s, %s left (M)"},
	ReportLate:  T{"%s统计报表未归档：已过截止日 %s（超 %s），按 M 查看", "%s report not filed: was due by %s, %s ago (M)"},

	FirstResponseRate: T{"首次响应按时率", "First response on time"},
	ClosureRate:       T{"结案按时率", "Closure on time"},
	Today:             T{"今日", "today"},
	Month:             T{"本月", "month"},
	Pending:           T{"进行中%d", "+%d pending"},

	OpenTable: T{"在办（状态×等级）", "Open cases by status and grade"},
	ColStatus: T{"状态", "Status"},
	ColAll:    T{"合计", "All"},
	RowTotal:  T{"合计", "Total"},
	NoOpen:    T{"没有在办的投诉", "No open case"},

	Chart:      T{"近%d天受理 %d 件（单日最多 %d）", "Intake, %d days: %d (max %d a day)"},
	ChartToday: T{"今天", "today"},

	Handlers:   T{"处理人负荷", "Handlers' load"},
	ColHandler: T{"处理人", "Handler"},
	ColOpen:    T{"在办", "Open"},
	ColLate:    T{"超时", "Late"},
	ColOldest:  T{"最早在办", "Oldest open"},
	ColAge:     T{"已等", "Age"},
	Unassigned: T{"（未分派）", "(unassigned)"},

	AlertsTitle: T{"超时与预警（超时 %d，预警 %d）", "Overdue %d, warnings %d"},
	NoAlerts:    T{"没有超时或预警", "Nothing overdue or about to be"},

	WhyNoAlert:     T{"列表里没有投诉单", "the list has no case"},
	WhyNoApprovals: T{"您的角色不审批", "your role approves nothing"},
	WhyLoading:     T{"正在读取", "reading already"},
}
