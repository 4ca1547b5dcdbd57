package text

// Report is the monthly statistics page (客户投诉分类统计汇总表).
var Report = struct {
	// Title: the month.
	Title, Refreshing, Computing T
	// File: the path written.
	File T
	// Filed: when, by whom.
	Filed T
	// NotOver: the last day.
	NotOver, WrittenNote T
	// DueBy: the last day, the time left; Late: the last day, how long ago.
	DueBy, Late T
	Writing     T
	// WrittenNotFiled, WrittenFiled: the path; FiledMonth: the month.
	WrittenNotFiled, WrittenFiled, FiledMonth T
	// Why a key does nothing now.
	WhyCurrentMonth, WhyBusy, WhyNotOver T
}{
	Title:       T{"客户投诉分类统计汇总表 %s", "Monthly complaint statistics %s"},
	Refreshing:  T{"（刷新中…）", " (refreshing…)"},
	Computing:   T{"统计中…", "computing…"},
	File:        T{"文件：%s", "File: %s"},
	Filed:       T{"已归档：%s %s", "Filed %s by %s"},
	NotOver:     T{"本月尚未结束；报表于 %s 前提交", "The month is not over; the report is due by %s"},
	WrittenNote: T{"（已写入，未归档）", " (written, not filed)"},
	DueBy:       T{"未归档：请于 %s 前提交（剩 %s）", "Not filed: due by %s (%s left)"},
	Late:        T{"未归档：已过截止日 %s（超 %s）", "Not filed: was due by %s (%s ago)"},

	Writing:         T{"正在写入报表…", "Writing the report…"},
	WrittenNotFiled: T{"已写入（本月未结束，未归档）：%s", "Written (the month is not over: not filed): %s"},
	WrittenFiled:    T{"已写入并归档：%s", "Written and filed: %s"},
	FiledMonth:      T{"%s 报表已归档", "The %s report is filed"},

	WhyCurrentMonth: T{"已是本月", "this is the current month"},
	WhyBusy:         T{"正在写入或归档", "writing or filing already"},
	WhyNotOver:      T{"本月尚未结束，月底之后才能归档", "the month is not over: it can be filed from the 1st of the next month"},
}
