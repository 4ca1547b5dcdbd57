package text

// CLI is the command line's human output (its JSON keeps English keys and
// the policy's ids). The headings of its tables are capitals in English.
var CLI = struct {
	Filed, NotFiled, NotFiledNotOver, Due T
	// Cases follows a count of exported cases; Rows of register rows.
	Cases, Rows T
	// Sample: month, seed, ratio in percent, drawn, closed cases, how
	// (SampleDrawn or SampleExisting), who drew it, when; InspectionSample
	// the same of the quality inspection's sample.
	Sample, InspectionSample, SampleDrawn, SampleExisting T

	// Error and Note begin a message on standard error: the message.
	Error, Note T
	// KeyUsed: the idempotency key.
	KeyUsed T

	// cases list (and find): the table's headings.
	ColNumber, ColReceived, ColName, ColPhone, ColGrade, ColStatus, ColHandler, ColNextDue T

	// cases show: the labels of the lines.
	Number, Status, Grade, GradeReason, Channel, Nature, Category, Received, Registered T
	Imported, Name, Phone, Email, Subject, Complainants, Handler, Department            T
	Escalation, Crisis, CrisisYes, Flags, Suggested, Linked, Version                    T
	Content, Demand, Resolution, Reply, Clocks, History                                 T
	// Complainant: the number. Callback: the outcome. Satisfaction: the score.
	Complainant, Callback, Satisfaction T
	// A clock: Left, Spare and Over take a duration; Warning the warning.
	Met, Breached, Left, Spare, Over, Warning T
	// An event: Reason and Note take the text.
	Reason, EventNote T
	// MadePrivate, OpenToOthers: the files. ChainIntact: how many events.
	MadePrivate, OpenToOthers, ChainIntact T

	// deadline: when a clock starts later than receipt; IfThatWere: the
	// time. A clock's allowance: Hours, Days, Workdays take the amount.
	AfterClosure, AfterReport, IfThatWere, Hours, Days, Workdays T
	// calendar check: the kinds of day.
	Workday, MakeupWorkday, Weekend, Holiday T
	// calendar load: the year, its holidays. policy check: the file, the
	// policy's name, its categories, clocks, transitions. policy load: the name.
	CalendarLoaded, PolicyOK, PolicyLoaded T
	// users list.
	ColUser, ColRole, ColOSUser, ColState, ColKeys, Active, Disabled T
	// users keys: the fingerprint removed; the list's headings.
	KeyRemoved, ColFingerprint, ColType, ColComment, ColAdded, ColBy T
	// users pin.
	PINSet, PIN, PINAgain T
	// notices and station log.
	ColAt, ColAction, ColFrom, ColTo, ColResult, StationOK T
	// StationRefused: why.
	StationRefused T
	// audit. NoCaseFound is the reason of a look-up that found no case.
	ColTime, ColCase, ColReason, NoCaseFound T
	// report filings and the revisit sample.
	ColMonth, ColFiled, ColHow, ColFile, ColClosed, ColCategory, ColQAScore T
}{
	Filed:           T{"已归档", "filed"},
	NotFiled:        T{"未归档", "not filed"},
	NotFiledNotOver: T{"未归档：本月尚未结束", "not filed: the month is not over"},
	Due:             T{"截止", "due"},
	Cases:           T{"件", "cases"},
	Rows:            T{"行", "rows"},
	Sample: T{"%s 回访抽样：种子 %d  比例 %.0f%%  %d/%d 件已结案投诉（%s，%s %s）\n",
		"%s revisit sample: seed %d  ratio %.0f%%  %d of %d closed cases (%s, %s %s)\n"},
	InspectionSample: T{"%s 质检抽样：种子 %d  比例 %.0f%%  %d/%d 件已结案投诉（%s，%s %s）\n",
		"%s inspection sample: seed %d  ratio %.0f%%  %d of %d closed cases (%s, %s %s)\n"},
	SampleDrawn:    T{"新抽样", "drawn"},
	SampleExisting: T{"已有抽样", "existing sample"},

	Error:   T{"desk: 错误：%s", "desk: error: %s"},
	Note:    T{"desk: 注意：%s", "desk: note: %s"},
	KeyUsed: T{"desk: 幂等键 %q 已用过：这是它登记的投诉单", "desk: the key %q was already used: this is the case it registered"},

	ColNumber:   T{"编号", "NUMBER"},
	ColReceived: T{"受理时间", "RECEIVED"},
	ColName:     T{"投诉人", "NAME"},
	ColPhone:    T{"电话", "PHONE"},
	ColGrade:    T{"等级", "GRADE"},
	ColStatus:   T{"状态", "STATUS"},
	ColHandler:  T{"处理人", "HANDLER"},
	ColNextDue:  T{"最近时限", "NEXT DUE"},

	Number:       T{"编号", "number"},
	Status:       T{"状态", "status"},
	Grade:        T{"等级", "grade"},
	GradeReason:  T{"定级原因", "grade reason"},
	Channel:      T{"渠道", "channel"},
	Nature:       T{"性质", "nature"},
	Category:     T{"分类", "category"},
	Received:     T{"受理时间", "received"},
	Registered:   T{"登记时间", "registered"},
	Imported:     T{"导入自", "imported"},
	Name:         T{"投诉人", "name"},
	Phone:        T{"电话", "phone"},
	Email:        T{"邮箱", "email"},
	Subject:      T{"涉及", "subject"},
	Complainants: T{"投诉人数", "complainants"},
	Handler:      T{"处理人", "handler"},
	Department:   T{"责任部门", "department"},
	Escalation:   T{"升级至", "escalation"},
	Crisis:       T{"危机", "crisis"},
	CrisisYes:    T{"是（媒体曝光）", "yes (media coverage)"},
	Flags:        T{"情形", "flags"},
	Suggested:    T{"建议等级", "suggested"},
	Linked:       T{"相关投诉", "linked"},
	Version:      T{"版本", "version"},
	Content:      T{"投诉内容", "content"},
	Demand:       T{"客户诉求", "demand"},
	Resolution:   T{"处理结果", "resolution"},
	Reply:        T{"书面答复", "reply"},
	Clocks:       T{"时限", "clocks"},
	History:      T{"处理记录", "history"},
	Complainant:  T{"投诉人 %d", "complainant %d"},
	Callback:     T{"回访：%s", "callback: %s"},
	Satisfaction: T{"满意度：%d/5", "satisfaction: %d/5"},

	Met:          T{"已达成", "met"},
	Breached:     T{"已超时", "breached"},
	Left:         T{"剩余 %s", "%s left"},
	Spare:        T{"提前 %s", "met with %s to spare"},
	Over:         T{"超时 %s", "breached by %s"},
	Warning:      T{"警告：%s", "WARNING: %s"},
	Reason:       T{"原因：%s", "reason: %s"},
	EventNote:    T{"备注：%s", "note: %s"},
	MadePrivate:  T{"desk: 已将以下文件改为仅所有者可读写（其中有客户的个人信息）：%s", "desk: made these files private to their owner (they hold customers' personal data): %s"},
	OpenToOthers: T{"desk: 警告：以下文件其他用户可读，含有客户个人信息：%s", "desk: warning: others can read these files, which hold customers' personal data: %s"},
	ChainIntact:  T{"desk: 处理记录链完整：%d 条记录", "desk: history chain intact: %d events"},

	AfterClosure:  T{"自结案起", "after closure"},
	AfterReport:   T{"自收到报告起", "after the report was received"},
	IfThatWere:    T{"（假设为 %s）", " (if that were %s)"},
	Hours:         T{"%d 小时", "%d hours"},
	Days:          T{"%d 天", "%d days"},
	Workdays:      T{"%d 个工作日", "%d workdays"},
	Workday:       T{"工作日", "workday"},
	MakeupWorkday: T{"调休上班日", "makeup-workday"},
	Weekend:       T{"周末", "weekend"},
	Holiday:       T{"节假日", "holiday"},

	CalendarLoaded: T{"已载入 %d 年（%d 个节假日）\n", "loaded %d (%d holidays)\n"},
	PolicyOK:       T{"%s：正确（%s：%d 个分类，%d 项时限，%d 条流转）\n", "%s: ok (%s: %d categories, %d clocks, %d transitions)\n"},
	PolicyLoaded:   T{"已启用 %s\n", "loaded %s\n"},

	ColUser:    T{"用户", "NAME"},
	ColRole:    T{"角色", "ROLE"},
	ColOSUser:  T{"系统账号", "OS USER"},
	ColState:   T{"状态", "STATE"},
	ColKeys:    T{"密钥", "KEYS"},
	Active:     T{"在用", "active"},
	Disabled:   T{"已停用", "disabled"},
	KeyRemoved: T{"已停用密钥 %s\n", "removed %s\n"},

	ColFingerprint: T{"指纹", "FINGERPRINT"},
	ColType:        T{"类型", "TYPE"},
	ColComment:     T{"注释", "COMMENT"},
	ColAdded:       T{"添加时间", "ADDED"},
	ColBy:          T{"操作人", "BY"},

	PINSet:   T{"PIN 已设置", "PIN set"},
	PIN:      T{"PIN：", "PIN: "},
	PINAgain: T{"再输一次：", "Again: "},

	ColAt:          T{"时间", "AT"},
	ColAction:      T{"操作", "ACTION"},
	ColFrom:        T{"原用户", "FROM"},
	ColTo:          T{"新用户", "TO"},
	ColResult:      T{"结果", "RESULT"},
	StationOK:      T{"成功", "ok"},
	StationRefused: T{"拒绝：%s", "refused: %s"},

	ColTime:   T{"时间", "TIME"},
	ColCase:   T{"投诉单", "CASE"},
	ColReason: T{"原因", "REASON"},
	// A masked role's look-up by a whole phone or name that found nothing.
	NoCaseFound: T{"未找到投诉单", "no case found"},

	ColMonth:    T{"月份", "MONTH"},
	ColFiled:    T{"归档时间", "FILED"},
	ColHow:      T{"方式", "HOW"},
	ColFile:     T{"文件", "FILE"},
	ColClosed:   T{"结案时间", "CLOSED"},
	ColQAScore:  T{"质检评分", "QA SCORE"},
	ColCategory: T{"分类", "CATEGORY"},
}

// CLIError are the command line's refusals and problems. The cobra ones
// are cobra's and pflag's messages (their English as they write it).
var CLIError = struct {
	NoTUI, NoTUIToServe, NoDataDir T
	// InitExists: the database, the policy's name.
	InitExists, GiveOut, GiveOutCSV, GiveOutFile T
	// IntegrityFailed: the error.
	IntegrityFailed T
	// NotATime, NotADate, NotAMonth, FieldPair: what was typed.
	NotATime, NotADate, NotAMonth, FieldPair T
	// FormatTableJSON; FormatOneOf: the formats.
	FormatTableJSON, FormatOneOf, XLSXNeedsOut T
	// UnknownTab, UnknownSort, UnknownGrade, UnknownChannel: what was typed.
	UnknownTab, UnknownSort, UnknownGrade, UnknownChannel T
	// NoCheckItem: the item's id. Tampered: where the chain breaks.
	NoCheckItem, Tampered              T
	GiveFind, PINsDiffer, GiveReceived T
	// BadN: what was typed. OnlyAdmin: the user, the role. GiveRole: the roles.
	BadN, OnlyAdmin, GiveRole T
	KeyAndFile, GiveKey       T
	// ReadKeyFile: the error.
	ReadKeyFile T
	// DebugLoopback: the address. NoTick: the tick, the command.
	DebugLoopback, NoTick T

	// cobra's and pflag's: a command, its parent; a flag; args counts.
	UnknownCommand, DidYouMean, UnknownFlag, UnknownShorthand, NeedsArgument, InvalidArgument T
	Accepts, AtMost, AtLeast, Between, RequiredFlags                                          T
}{
	NoTUI:           T{"此版本没有终端界面", "this build has no terminal interface"},
	NoTUIToServe:    T{"此版本没有可提供的终端界面", "this build has no terminal interface to serve"},
	NoDataDir:       T{"没有数据目录：请用 --db 或 DESK_DB 指定", "no data directory: set --db or DESK_DB"},
	InitExists:      T{"%s 已存在，使用的政策是 %q；要更换请用 `desk policy load`", "%s already exists with the %q policy; use `desk policy load` to change it"},
	GiveOut:         T{"请给出 --out 文件", "give --out FILE"},
	GiveOutCSV:      T{"请给出 --out 文件.csv（或 --out - 写到标准输出）", "give --out FILE.csv (or --out - for standard output)"},
	GiveOutFile:     T{"请给出 --out 文件（或 --out - 写到标准输出）", "give --out FILE (or --out - for standard output)"},
	IntegrityFailed: T{"完整性检查未通过：%s", "integrity check failed: %s"},
	NotATime:        T{"%q 不是时间：请写成 2026-11-22 09:30", "%q is not a time: write it as 2026-11-22 09:30"},
	NotADate:        T{"%q 不是日期：请写成 2026-10-01", "%q is not a date: write it as 2026-10-01"},
	NotAMonth:       T{"%q 不是月份：请写成 2026-10", "%q is not a month: write it as 2026-10"},
	FieldPair:       T{"--field %q：请写成 名=值", "--field %q: write it as name=value"},
	FormatTableJSON: T{"--format 只能是 table 或 json", "--format must be table or json"},
	FormatOneOf:     T{"--format 只能是 %s 之一", "--format must be one of %s"},
	XLSXNeedsOut:    T{"XLSX 报表需要 --out 文件", "an XLSX report needs --out FILE"},
	UnknownTab:      T{"没有标签 %q（all、mine、unassigned、due-today、overdue、revisit、approvals）", "unknown tab %q (all, mine, unassigned, due-today, overdue, revisit, approvals)"},
	NoCheckItem:     T{"检查项 %s 不在政策的质检清单中", "item %s is not on the policy's checklist"},
	Tampered:        T{"处理记录被篡改：%s", "the history was tampered with: %s"},
	UnknownSort:     T{"没有排序 %q（due、received、number、grade）", "unknown sort %q (due, received, number, grade)"},
	UnknownGrade:    T{"没有等级 %q", "unknown grade %q"},
	UnknownChannel:  T{"没有渠道 %q", "unknown channel %q"},
	GiveFind:        T{"请给出 --report、--blind-code 或 --field 名=值", "give --report, --blind-code or --field NAME=VALUE"},
	PINsDiffer:      T{"两次输入的 PIN 不一致", "the two PINs differ"},
	GiveReceived:    T{"请给出 --received，例如 \"2026-09-25 10:00\"", "give --received, e.g. \"2026-09-25 10:00\""},
	BadN:            T{"N 必须是不小于 1 的整数，而不是 %q", "N must be a whole number of at least 1, not %q"},
	OnlyAdmin:       T{"只有管理员可以这样做（您是 %s，角色 %s）", "only an administrator may do this (you are %s, %s)"},
	GiveRole:        T{"请给出 --role（%s）", "give --role (%s)"},
	KeyAndFile:      T{"--key 和 --key-file 只能给一个", "give --key or --key-file, not both"},
	GiveKey:         T{"请给出 --key \"ssh-ed25519 AAAA...\" 或 --key-file 文件（例如 ~/.ssh/id_ed25519.pub）", "give --key \"ssh-ed25519 AAAA...\" or --key-file FILE (e.g. ~/.ssh/id_ed25519.pub)"},
	ReadKeyFile:     T{"读取密钥文件：%s", "read the key file: %s"},
	DebugLoopback:   T{"--debug-addr %s：只能是回环地址", "--debug-addr %s: only a loopback address"},
	NoTick:          T{"--on/--off %q：%s 没有这一勾选项", "--on/--off %q: %s has no such tick"},

	UnknownCommand:   T{"没有命令 %q（%q 下）", "unknown command %q for %q"},
	DidYouMean:       T{"\n\n您是不是要找：\n", "\n\nDid you mean this?\n"},
	UnknownFlag:      T{"没有选项：%s", "unknown flag: %s"},
	UnknownShorthand: T{"没有短选项 %q（%s）", "unknown shorthand flag: %q in %s"},
	NeedsArgument:    T{"选项需要一个值：%s", "flag needs an argument: %s"},
	InvalidArgument:  T{"选项 %[2]q 的值 %[1]q 无效：%[3]s", "invalid argument %q for %q flag: %s"},
	Accepts:          T{"需要 %s 个参数，收到 %s 个", "accepts %s arg(s), received %s"},
	AtMost:           T{"最多 %s 个参数，收到 %s 个", "accepts at most %s arg(s), received %s"},
	AtLeast:          T{"至少需要 %s 个参数，只收到 %s 个", "requires at least %s arg(s), only received %s"},
	Between:          T{"需要 %s 到 %s 个参数，收到 %s 个", "accepts between %s and %s arg(s), received %s"},
	RequiredFlags:    T{"必须给出选项 %s", "required flag(s) %s not set"},
}
