package text

// CLI is the command line's human output (its JSON keeps English keys).
var CLI = struct {
	Filed, NotFiled, NotFiledNotOver, Due T
	// Cases follows a count of exported cases.
	Cases T
	// Sample: month, seed, ratio in percent, drawn, closed cases, how
	// (SampleDrawn or SampleExisting), who drew it, when.
	Sample, SampleDrawn, SampleExisting T
}{
	Filed:           T{"已归档", "filed"},
	NotFiled:        T{"未归档", "not filed"},
	NotFiledNotOver: T{"未归档：本月尚未结束", "not filed: the month is not over"},
	Due:             T{"截止", "due"},
	Cases:           T{"件", "cases"},
	Sample: T{"%s 回访抽样：种子 %d  比例 %.0f%%  %d/%d 件已结案投诉（%s，%s %s）\n",
		"%s revisit sample: seed %d  ratio %.0f%%  %d of %d closed cases (%s, %s %s)\n"},
	SampleDrawn:    T{"新抽样", "drawn"},
	SampleExisting: T{"已有抽样", "existing sample"},
}
