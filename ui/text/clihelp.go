package text

// CLIHelp is the command line's help: what each command does and what
// each flag means, and the headings of the usage (cobra's words, in the
// language). A step's command and its flags take their words from the
// registry of steps (internal/desk/actions).
var CLIHelp = struct {
	// Usage is the usage template (cobra's default, its headings in the
	// language); HelpFor: a command's name; HelpCmd and HelpCmdLong: the
	// help command (HelpCmdLong: the program's name).
	Usage, HelpFor, HelpCmd, HelpCmdLong T
	// Completion, CompletionLong (the program's name); CompletionShell: a shell's name.
	Completion, CompletionLong, CompletionShell, NoDescriptions T

	// The commands.
	Root, Init, Backup, Check                                                                        T
	Cases, CasesNew, CasesList, CasesShow, CasesFind, CasesPrint, CasesReveal, FlagRevealReason, Act T
	Deadline, Calendar, CalendarCheck, CalendarAddWorkdays, CalendarShow                             T
	CalendarLoad, CalendarYears, Policy, PolicyShow, PolicyCheck, PolicyLoad                         T
	Users, UsersAdd, UsersList, UsersDisable, UsersPin, UsersPinLong                                 T
	Keys, KeysAdd, KeysRemove, KeysList, Notices, Station, StationLog, Audit                         T
	Report, ReportMonthly, ReportMonthlyLong, ReportFile, ReportFilings                              T
	ReportSample, ReportSampleLong                                                                   T
	InspectionSample, InspectionSampleLong                                                           T
	Export, ExportCases, ExportCasesLong, ExportRegister, ExportRegisterLong                         T
	// Serve, ServeLong: the host key's and the config's file names.
	Serve, ServeLong T

	// Global flags.
	FlagDB, FlagLang, FlagAs, FlagASCII T
	// FlagProfile: the presets.
	FlagProfile, FlagBackupOut T
	// A complaint's facts (cases new).
	FlagChannel, FlagNature, FlagCategory, FlagGrade, FlagGradeReason, FlagReceived              T
	FlagName, FlagPhone, FlagEmail, FlagAddress, FlagOrg, FlagAnonymous, FlagContent, FlagDemand T
	FlagSubject, FlagCollective, FlagIdemKey, FlagField, FlagOther, FlagItem                     T
	Sweep, SweepLong                                                                             T
	// FlagCircumstance: the circumstance's name.
	FlagCircumstance                                                   T
	FlagAppealReport, FlagAppealReceived, FlagAppealSample, FlagAppeal T
	// Filters of lists and exports.
	FlagStatus, FlagGradeOnly, FlagCategoryOnly, FlagChannelOnly, FlagHandler, FlagDepartment T
	FlagOverdue, FlagSearch, FlagTab, FlagSort, FlagLimit, FlagOffset, FlagHowMany            T
	FlagMonthOnly, FlagReceivedFrom, FlagReceivedTo                                           T
	FlagTableJSON, FlagTextJSON                                                               T
	// Finding and printing. FlagForm: the forms.
	FlagFindReport, FlagFindBlind, FlagFindField, FlagForm, FlagPrintFormat, FlagPrintOut T
	// Steps.
	FlagAt, FlagVersion, FlagOn, FlagOff T
	// deadline.
	FlagDeadlineReceived, FlagDeadlineGrade, FlagDeadlineChannel, FlagDeadlineNature T
	// policy show: the presets.
	FlagPreset T
	// users.
	FlagRole, FlagOSUser, FlagUserLang, FlagSSHKey, FlagKeyFile, FlagPublicKey, FlagPublicKeyFile T
	// audit.
	FlagAuditCase, FlagAuditUser T
	// Reports and exports.
	FlagMonth, FlagReportFormat, FlagReportOut, FlagSampleMonth, FlagRatio, FlagSeed, FlagRedraw T
	FlagExportFormat, FlagExportOut, FlagRegister, FlagRegisterOut                               T
	// serve. FlagConfig: the config's file name.
	FlagListen, FlagMaxSessions, FlagMaxPerUser, FlagIdle, FlagConfig, FlagVerbose, FlagDebugAddr T
}{
	Usage: T{`用法：{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

可用命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

其他帮助主题：{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

使用 "{{.CommandPath}} [命令] --help" 查看命令的详细说明。{{end}}
`, `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Available Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Additional help topics:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`},
	HelpFor:         T{"%s 的帮助", "help for %s"},
	HelpCmd:         T{"任一命令的帮助", "Help about any command"},
	HelpCmdLong:     T{"显示任一命令的帮助：%[1]s help [命令路径]。", "Help provides help for any command in the application.\nSimply type %[1]s help [path to command] for full details."},
	Completion:      T{"生成指定 shell 的自动补全脚本", "Generate the autocompletion script for the specified shell"},
	CompletionLong:  T{"为 %[1]s 生成指定 shell 的自动补全脚本。\n各子命令的帮助说明如何使用生成的脚本。", "Generate the autocompletion script for %[1]s for the specified shell.\nSee each sub-command's help for details on how to use the generated script."},
	CompletionShell: T{"生成 %s 的自动补全脚本", "Generate the autocompletion script for %s"},
	NoDescriptions:  T{"补全时不显示说明", "disable completion descriptions"},

	Root:   T{"客户投诉台：登记、处理和跟踪客户投诉，各项时限实时倒计时", "Complaint desk: register, handle and track customer complaints with live deadlines"},
	Init:   T{"用政策预设创建投诉台的数据库（预设见 --profile）", "Create the desk's database with a policy preset (see --profile)"},
	Backup: T{"写出在用 SQLite 数据库的一致副本并检查（恢复：--db 副本文件；PostgreSQL 数据库用 pg_dump 备份）", "Write a consistent copy of the live SQLite database and check it (restore with --db FILE; back up a PostgreSQL database with pg_dump)"},
	Check:  T{"检查在用数据库的完整性", "Check the live database's integrity"},

	Cases:     T{"登记、列出、查看和处理投诉单", "Register, list, show and handle cases"},
	CasesNew:  T{"登记一件投诉并打印其编号", "Register a complaint and print its number"},
	CasesList: T{"列出投诉单，最近的时限在前", "List cases, nearest running deadline first"},
	CasesShow: T{"查看一件投诉单的全部时限和处理记录", "Show a case with all its clocks and its history"},
	CasesReveal: T{"显示投诉人的完整个人信息（姓名、电话、地址），并记入处理记录（谁、何时、原因）",
		"Show the complainants' personal data in full (name, phone, address); the reveal goes into the case history (who, when, why)"},
	FlagRevealReason: T{"为何需要查看（必填，记入处理记录）", "why you need it (required; it goes into the history)"},
	CasesFind:        T{"按政策字段的值查找投诉单：针对某份报告的申诉、某个盲样编号的复检", "Find the cases with a policy field's value: the appeals against a report, the re-test of a blind code"},
	CasesPrint: T{"把投诉单打印成表单（--form 列出全部）：客户投诉意见表、A级投诉处理表、调查报告、记录卡、投诉处理通知、质量投诉受理卡、顾客投诉档案、回执、保密协议，或实验室登记表",
		"Print a case as a form (--form lists them all): the complaint opinion form (客户投诉意见表), the grade A handling form, the investigation report, the record card (记录卡), the handling notice, the quality intake card, the customer's complaint file, the receipt, the confidentiality agreement, or a lab register"},
	Act: T{"执行政策中的任一操作：desk cases act 编号 操作 [--field 名=值]", "Take any step of the policy: desk cases act NUMBER STEP [--field name=value]"},

	Deadline:            T{"打印在某时受理的投诉的每项时限及其截止时间", "Print every clock of a case received at TIME and its due time"},
	Calendar:            T{"官方工作日日历（节假日和调休上班日）", "The official working-day calendar (holidays and make-up working days)"},
	CalendarCheck:       T{"打印某日是工作日（workday）、调休上班（makeup-workday）、周末（weekend）还是节假日（holiday）及节日名称", "Print workday, makeup-workday, weekend or holiday (and the holiday's name)"},
	CalendarAddWorkdays: T{"打印某日之后的第 N 个工作日（不计当日）", "Print the N-th working day after DATE (DATE itself is not counted)"},
	CalendarShow:        T{"打印一个月的日历，标出节假日（休）和调休上班日（班）", "Print the month with holidays (休) and make-up working days (班) marked"},
	CalendarLoad:        T{"载入某年的官方安排（管理员）；截止时间随之重算", "Load a year's official schedule (administrators); due times are recomputed"},
	CalendarYears:       T{"列出日历已有数据的年份", "List the years the calendar has data for"},
	Policy:              T{"政策：分类、等级、时限、流转和角色", "The policy: categories, grades, clocks, transitions, roles"},
	PolicyShow:          T{"打印在用的政策（或用 --preset 打印某个预设）", "Print the policy in force (or a preset with --preset)"},
	PolicyCheck:         T{"检查政策文件；问题按 文件:行: 原因 打印", "Check a policy file; problems are printed as FILE:LINE: reason"},
	PolicyLoad:          T{"检查并启用政策（管理员）；文件有误时拒绝，原政策不变", "Check and install a policy (administrators); a bad file is refused and the old policy stays"},

	Users:        T{"投诉台的用户及其角色", "Desk users and their roles"},
	UsersAdd:     T{"添加或修改用户（管理员）", "Add or change a user (administrators)"},
	UsersList:    T{"列出用户", "List users"},
	UsersDisable: T{"停用用户（管理员）；其处理记录保留", "Disable a user (administrators); their history stays"},
	UsersPin:     T{"设置用户的工位 PIN 或密码（从终端读取，或取标准输入的第一行）；只保存加盐散列", "Set a user's station PIN or password (read from the terminal, or the first line of standard input); kept only as a salted hash"},
	UsersPinLong: T{"工位用此 PIN 切换当前用户（接待、质量负责人、授权签字人）：在终端按 U（或 F2）并输入 PIN。\n管理员可设置任何人的 PIN，用户只能设置自己的。",
		"The station switches the acting user (reception, quality manager, signatory) with this PIN: in the\nterminal press U (or F2) and type it. Administrators set anyone's PIN, users their own."},
	Keys:       T{"用户登录用的 SSH 公钥（desk serve）", "SSH public keys users log in with (desk serve)"},
	KeysAdd:    T{"允许用户用公钥通过 SSH 登录（管理员）", "Let a user log in over SSH with a public key (administrators)"},
	KeysRemove: T{"停用一把公钥（管理员）；用户用它打开的会话随之结束", "Stop a key logging in (administrators); the user's open sessions with it end"},
	KeysList:   T{"列出用户的公钥及其指纹", "List the users' keys with their fingerprints"},
	Notices:    T{"列出您的角色未读的通知（如质量负责人收到的已受理申诉）；打开投诉单即视为已读", "List the unread notices of your role (e.g. appeals accepted, for the quality manager); opening a case reads its notices"},
	Station:    T{"单一工位：谁在何时接手（从不记录 PIN）", "The single station: who took it over, when (never the PIN)"},
	StationLog: T{"列出最近切换工位用户的尝试（管理员和主管）", "List the latest attempts to switch the station's user (administrators and supervisors)"},
	Audit:      T{"谁查看了投诉人的个人信息：何时、哪件投诉、为什么", "Who revealed complainants' personal data: when, on which case, and why"},

	Report:        T{"月度统计（客户投诉分类统计汇总表）、报表归档和回访抽样", "Monthly statistics (客户投诉分类统计汇总表), their filing and the revisit sample"},
	ReportMonthly: T{"本月统计与上月对照；写入文件即视为归档", "The month's statistics beside the previous month's; writing them to a file files the report"},
	ReportMonthlyLong: T{"月内受理投诉的月度统计（客户投诉分类统计汇总表，默认为上个月）：按分类和等级、渠道、性质的件数；\n" +
		"首次响应及时率和结案及时率；处理时长（平均、90 百分位；日历时间和工作时间）；重开率；回访满意度；\n" +
		"重复问题；每项都与上月对照。用 --out 时把报表写入文件（格式按扩展名），月份结束后记为已归档\n" +
		"（仪表盘的提醒随之消失）。",
		"The monthly statistics report (客户投诉分类统计汇总表) of the cases received in the month (default: the\n" +
			"previous month): counts by category and grade, channel and nature; first-response and closure on-time\n" +
			"rates; handling time (average, 90th percentile; calendar and working time); reopen rate; revisit\n" +
			"satisfaction; repeated issues; each beside the previous month's. With --out the report is written to\n" +
			"FILE (format from its extension) and, once the month is over, recorded as filed (the dashboard's\n" +
			"reminder goes away)."},
	ReportFile:    T{"记录本月统计报表已归档（已报送），连同当时的数字", "Record that the month's statistics report was filed (submitted), with its figures as they stand"},
	ReportFilings: T{"本月报表何时由谁归档（以及写到了哪里）", "When and by whom the month's report was filed (and where it was written)"},
	ReportSample:  T{"从本月已结案投诉中抽取至少 20%% 供公司级回访，可复现（打印并保存种子）", "Draw at least 20 %% of the month's closed cases for the company-level revisit, reproducibly (the seed is printed and kept)"},
	ReportSampleLong: T{"按比例（默认为政策的 report.revisit_sample，即 20%%；不能更低）向上取整，随机抽取当月结案的投诉。\n" +
		"种子会打印并保存：同一种子从同样的已结案投诉中抽出同样的投诉单。再次运行显示本月的抽样；\n" +
		"抽样一经抽取即保留：另一种子、比例或 --redraw 均被拒绝，并说明何时由谁抽取。抽样就是队列里回访人员的「抽样」标签。",
		"Draws ratio (default: the policy's report.revisit_sample, 20 %%; never less), rounded up, of the cases\n" +
			"closed in the month, at random. The seed is printed and stored: the same seed draws the same cases from\n" +
			"the same closed cases. Running it again shows the month's sample; once drawn it is kept: another seed or\n" +
			"ratio, or --redraw, is refused, saying when and by whom it was drawn. The sample is the queue's Sample\n" +
			"tab for the people doing the revisits."},
	InspectionSample: T{"从本月已结案投诉中抽取质检样本（默认 10%%），可复现（打印并保存种子）", "Draw the month's quality inspection sample of closed cases (10 %% by default), reproducibly (the seed is printed and kept)"},
	InspectionSampleLong: T{"按比例（默认为政策的 report.inspection_sample，即 10%%；不能更低）向上取整，随机抽取当月结案的投诉，\n" +
		"供质检员按质检清单检查（desk cases inspect）。种子会打印并保存；再次运行显示本月的抽样及每件的质检评分；\n" +
		"抽样一经抽取即保留，不能重抽。与回访抽样互不影响（004 第十一条）。",
		"Draws ratio (default: the policy's report.inspection_sample, 10 %%; never less), rounded up, of the cases\n" +
			"closed in the month, at random, for the quality inspector to check against the checklist (desk cases\n" +
			"inspect). The seed is printed and stored; running it again shows the month's sample with each case's\n" +
			"score; once drawn it is kept and cannot be redrawn. It is apart from the revisit sample (004 第十一条)."},
	Export:      T{"把投诉单导出为 CSV、XLSX 或 JSON", "Export cases to CSV, XLSX or JSON"},
	ExportCases: T{"导出所选投诉单的全部字段及其时限和结果，流式写出（不限行数）", "Export every field of the selected cases, with their clocks and outcome, streamed (no row limit)"},
	ExportCasesLong: T{"按编号顺序写出筛选条件选中的每件投诉单（无条件则为全部），含全部字段、每项时限的状态、\n" +
		"截止、结束和余量，以及处理结果。投诉单流式写出：一百万件也无需全部放进内存。CSV 为带 BOM 的\n" +
		"UTF-8（Excel 能正确打开中文）；XLSX 满 1,048,575 件后续写到新工作表。对看到掩码的角色，姓名\n" +
		"和电话保持掩码。通过 SSH 运行时文件写在服务器上。",
		"Writes every case the filters select (all cases without filters), in case-number order, with every\n" +
			"field, each clock's state, due time, end and margin, and the outcome. The cases are streamed: a million\n" +
			"cases export without being held in memory. CSV is UTF-8 with a BOM (Excel opens Chinese correctly);\n" +
			"XLSX goes on in a new sheet after 1,048,575 cases. Names and phones are masked for roles that see\n" +
			"them masked. Over SSH the file is written on the server."},
	ExportRegister: T{"把实验室登记表（抱怨申述登记表、抱怨受理登记表、投诉处理结果客户反馈登记表、客户投诉处理登记表）导出为 CSV 存档", "Export a laboratory register (抱怨申述登记表, 抱怨受理登记表, 投诉处理结果客户反馈登记表, 客户投诉处理登记表) as CSV for the archive"},
	ExportRegisterLong: T{"每件应入登记表的投诉写一行（全部已登记的申诉；已受理的；有客户反馈的），按编号顺序，\n" +
		"写成带 BOM 的 UTF-8 CSV。投诉单流式写出。对看到掩码的角色，姓名和电话保持掩码。",
		"Writes a row per case that belongs in the register (every filed appeal; the accepted ones; those with the\n" +
			"customer's feedback), in case-number order, as CSV in UTF-8 with a BOM. The cases are streamed. Names and\n" +
			"phones are masked for roles that see them masked."},
	Serve: T{"通过 SSH 提供投诉台：每个用户用自己的密钥登录（desk users keys add）", "Serve the desk over SSH: each user logs in with their key (desk users keys add)"},
	ServeLong: T{`通过 SSH 提供投诉台。用户用管理员添加的公钥登录（desk users add 姓名 --role 角色
--key-file KEY.pub）；未知的密钥和已停用的用户被拒绝。主机密钥在首次启动时生成在数据库旁
（%[1]s）并一直沿用。设置取自选项，否则取数据库旁的 %[2]s，例如

    listen = "0.0.0.0:2222"
    max_sessions = 200
    max_sessions_per_user = 5
    idle_timeout = "30m"
    lang = "zh"

SIGTERM 或 SIGINT 平稳结束：通知每个会话，草稿保留。`, `Serve the desk over SSH. Users log in with the public key an administrator
added (desk users add NAME --role ROLE --key-file KEY.pub); unknown keys and
disabled users are refused. The host key is made on the first start next to
the database (%[1]s) and reused. Settings come from the
flags, else from %[2]s next to the database, e.g.

    listen = "0.0.0.0:2222"
    max_sessions = 200
    max_sessions_per_user = 5
    idle_timeout = "30m"
    lang = "zh"

SIGTERM or SIGINT ends it gracefully: every session is told, drafts are kept.`},

	FlagDB:        T{"数据库：SQLite 文件或 PostgreSQL 地址 postgres://…（默认 $DESK_DB，否则 $XDG_DATA_HOME/complaintdesk/desk.db）", "database: a SQLite file or a PostgreSQL URL postgres://… (default $DESK_DB, else $XDG_DATA_HOME/complaintdesk/desk.db)"},
	FlagLang:      T{"提示语言：zh 或 en（默认按 LANG）", "language of messages: zh or en (default from LANG)"},
	FlagAs:        T{"以此投诉台用户的身份操作（默认：与您的系统账号对应的用户）", "act as this desk user (default: the user mapped to your OS account)"},
	FlagASCII:     T{"用 ASCII 画边框（适用于把制表线画成两格宽的终端）", "draw borders with ASCII (for terminals that draw box lines two cells wide)"},
	FlagProfile:   T{"政策预设：%s", "policy preset: %s"},
	FlagBackupOut: T{"要写入的备份文件（不能已存在）", "the backup file to write (must not exist)"},

	FlagChannel:      T{"渠道：本台政策的渠道代码之一（desk policy show；默认政策为 phone、email、web、walk-in、letter、social、other；不填为政策的默认渠道）", "the channel, one of the policy's ids (desk policy show; the default policy's: phone, email, web, walk-in, letter, social, other; default: the policy's)"},
	FlagNature:       T{"性质：本台政策的性质代码之一（desk policy show；默认政策为 complaint、inquiry、suggestion、repair、claim）", "the nature, one of the policy's ids (desk policy show; the default policy's: complaint, inquiry, suggestion, repair, claim)"},
	FlagCategory:     T{"政策中的分类代码（可以稍后再定）", "category id from the policy (may be left for later)"},
	FlagGrade:        T{"等级：本台政策的等级之一（默认政策为 A、B、C、D；不填按定级规则建议）", "the grade, one of the policy's (the default policy's: A, B, C, D; default: suggested by the grading rules)"},
	FlagGradeReason:  T{"定级原因", "why this grade"},
	FlagReceived:     T{"客户投诉的时间，例如 \"2026-11-22 09:30\"（默认现在）", "when the customer complained, e.g. \"2026-11-22 09:30\" (default now)"},
	FlagName:         T{"投诉人姓名", "complainant's name"},
	FlagPhone:        T{"投诉人电话：手机（+86 可有可无）、带区号的座机或服务号码", "complainant's phone: mobile (+86 optional), landline with area code or service number"},
	FlagEmail:        T{"投诉人邮箱", "complainant's email"},
	FlagAddress:      T{"投诉人地址", "complainant's address"},
	FlagOrg:          T{"投诉人单位", "complainant's organisation"},
	FlagAnonymous:    T{"投诉人匿名", "the complainant stays anonymous"},
	FlagContent:      T{"客户投诉的内容", "what the customer complains about"},
	FlagDemand:       T{"客户的诉求", "what the customer asks for"},
	FlagSubject:      T{"涉及的产品、订单或报告编号", "product, order or report reference"},
	FlagCollective:   T{"一起投诉的人数", "how many people complain together"},
	FlagIdemKey:      T{"幂等键：同一个键只登记一件投诉，重复使用时再次打印其编号", "idempotency key: the same key registers one case, and prints its number again"},
	FlagField:        T{"政策字段 名=值（可重复）", "a policy field name=value (repeatable)"},
	FlagOther:        T{"集体投诉的另一位投诉人：\"姓名 电话\" 或 \"姓名 邮箱\"（可重复）", "another complainant of a collective complaint: \"NAME PHONE\" or \"NAME EMAIL\" (repeatable)"},
	FlagCircumstance: T{"定级规则的情形：%s", "circumstance for the grading rules: %s"},

	FlagAppealReport:   T{"实验室申诉：被申诉的检测报告，例如 R2026-0101", "lab appeal: the test report appealed against, e.g. R2026-0101"},
	FlagAppealReceived: T{"实验室申诉：客户收到报告的日期，例如 2026-11-10", "lab appeal: the day the customer received the report, e.g. 2026-11-10"},
	FlagAppealSample:   T{"实验室申诉：样品名称和编号", "lab appeal: the sample's name and number"},
	FlagAppeal:         T{"实验室申诉：理由和证据", "lab appeal: the grounds and evidence"},

	FlagStatus:       T{"只要此状态", "only this status"},
	FlagGradeOnly:    T{"只要此等级", "only this grade"},
	FlagCategoryOnly: T{"只要此分类（含其子分类）", "only this category (and its sub-categories)"},
	FlagChannelOnly:  T{"只要此渠道", "only this channel"},
	FlagHandler:      T{"只要此处理人的投诉单（处理人的队列）", "only this handler's cases (the handler's queue)"},
	FlagDepartment:   T{"只要此部门的投诉单（代码或名称；部门的队列）", "only this department's cases (id or name; the department's queue)"},
	FlagOverdue:      T{"只要有时限已超时的投诉单", "only cases with a running clock past due"},
	FlagSearch:       T{"编号、姓名、电话或内容中的文字（可搜中文片段）", "text in the number, name, phone or content (Chinese substrings work)"},
	FlagTab:          T{"all、mine、unassigned、due-today、overdue、revisit、approvals（待审批）", "all, mine, unassigned, due-today, overdue, revisit, approvals"},
	Sweep:            T{"将上次扫描以来时限超时的投诉单升级（供 cron 或 systemd 定时器使用）", "Escalate the cases whose clocks breached since the last sweep (for cron or a systemd timer)"},
	SweepLong: T{"desk sweep 将上次任一进程扫描以来、最近时限已超时的投诉单升级一级（政策 [escalation] auto_on_breach），每次超时只升级一次。\ndesk serve 和终端界面每 30 秒自动扫描；只用命令行的投诉台需要定时执行，例如 crontab：* * * * * desk sweep",
		"desk sweep escalates, one level up, every case whose nearest running clock breached since the last sweep of any\nprocess (policy [escalation] auto_on_breach), each breach once. desk serve and the terminal sweep every 30 seconds by\nthemselves; a desk only the command line uses needs a timer, e.g. in crontab: * * * * * desk sweep"},
	FlagItem:         T{"质检项 编号=pass|fail（可重复）", "a checklist item ID=pass|fail (repeatable)"},
	FlagSort:         T{"due、received、number、grade", "due, received, number, grade"},
	FlagLimit:        T{"多少件", "how many cases"},
	FlagOffset:       T{"跳过多少件", "skip this many"},
	FlagHowMany:      T{"多少条", "how many"},
	FlagMonthOnly:    T{"只要此月受理的投诉单，YYYY-MM", "only cases received in this month, YYYY-MM"},
	FlagReceivedFrom: T{"只要此时或之后受理的投诉单（2026-10-01 或 2026-10-01 08:00）", "only cases received at or after this time (2026-10-01 or 2026-10-01 08:00)"},
	FlagReceivedTo:   T{"只要此时之前受理的投诉单", "only cases received before this time"},
	FlagTableJSON:    T{"table 或 json", "table or json"},
	FlagTextJSON:     T{"text 或 json", "text or json"},

	FlagFindReport:  T{"检测报告编号", "the test report's number"},
	FlagFindBlind:   T{"复检样品的盲样编号", "the re-test sample's blind code"},
	FlagFindField:   T{"任一政策字段：名=值", "any policy field: name=value"},
	FlagForm:        T{"哪种表单：%s", "which form: %s"},
	FlagPrintFormat: T{"text 或 md（默认：--out 文件以 .md 结尾时为 md，否则为 text）", "text or md (default: md for an --out file ending in .md, else text)"},
	FlagPrintOut:    T{"写到此文件，而不是标准输出", "write to this file instead of standard output"},

	FlagAt:      T{"发生的时间（默认现在），例如 \"2026-11-22 09:30\"", "when it happened (default now), e.g. \"2026-11-22 09:30\""},
	FlagVersion: T{"仅当投诉单仍是此版本时执行（见 cases show）", "refuse unless the case is still at this version (as shown by cases show)"},
	FlagOn:      T{"勾选一项（可重复）：%s", "tick one (repeatable): %s"},
	FlagOff:     T{"取消一项（可重复）", "untick one (repeatable)"},

	FlagDeadlineReceived: T{"投诉受理的时间，例如 \"2026-09-25 10:00\"", "when the complaint was received, e.g. \"2026-09-25 10:00\""},
	FlagDeadlineGrade:    T{"等级 A-D", "grade A-D"},
	FlagDeadlineChannel:  T{"渠道（web、email 和 social 有网上受理时限）", "channel (web, email and social have the online acceptance clock)"},
	FlagDeadlineNature:   T{"性质", "nature"},
	FlagPreset:           T{"改为打印内置预设：%s", "print a built-in preset instead: %s"},

	FlagRole:          T{"用户的角色", "the user's role"},
	FlagOSUser:        T{"在本机终端上作为此用户操作的系统账号", "the OS account that acts as this user at a local terminal"},
	FlagUserLang:      T{"用户的界面语言（zh 或 en）", "the user's UI language (zh or en)"},
	FlagSSHKey:        T{"用户登录用的 SSH 公钥（desk serve）", "an SSH public key the user logs in with (desk serve)"},
	FlagKeyFile:       T{"用户公钥的 .pub 或 authorized_keys 文件（- 读标准输入）", "a .pub or authorized_keys file of the user's keys (- reads standard input)"},
	FlagPublicKey:     T{"公钥，与 .pub 文件中的写法相同", "the public key, as in a .pub file"},
	FlagPublicKeyFile: T{".pub 或 authorized_keys 文件（- 读标准输入）", "a .pub or authorized_keys file (- reads standard input)"},
	FlagAuditCase:     T{"投诉单编号", "the case number"},
	FlagAuditUser:     T{"投诉台用户", "the desk user"},
	FlagMonth:         T{"月份，YYYY-MM（默认：上个月）", "the month, YYYY-MM (default: the previous month)"},
	FlagReportFormat:  T{"table、csv、xlsx 或 json（默认：按 --out 的扩展名，否则为 table）", "table, csv, xlsx or json (default: from --out's extension, else table)"},
	FlagReportOut:     T{"把报表写入文件并记为已归档", "write the report to FILE and record it as filed"},
	FlagSampleMonth:   T{"抽取哪个月的已结案投诉，YYYY-MM（默认：上个月）", "the month whose closed cases are sampled, YYYY-MM (default: the previous month)"},
	FlagRatio:         T{"抽取比例，向上取整（默认和最低：政策的 report.revisit_sample）", "fraction to draw, rounded up (default and minimum: the policy's report.revisit_sample)"},
	FlagSeed:          T{"随机种子（默认：新的种子，会打印出来）", "the random seed (default: a new one, printed)"},
	FlagRedraw:        T{"替换本月的抽样", "replace the month's sample"},
	FlagExportFormat:  T{"csv、xlsx 或 json（默认：按 --out 的扩展名）", "csv, xlsx or json (default: from --out's extension)"},
	FlagExportOut:     T{"要写入的文件（- 为标准输出）", "the file to write (- for standard output)"},
	FlagRegister:      T{"appeal（抱怨申述登记表）、acceptance（抱怨受理登记表）、feedback（投诉处理结果客户反馈登记表）或 handling-register（客户投诉处理登记表）", "appeal (抱怨申述登记表), acceptance (抱怨受理登记表), feedback (投诉处理结果客户反馈登记表) or handling-register (客户投诉处理登记表)"},
	FlagRegisterOut:   T{"要写入的 CSV 文件（- 为标准输出）", "the CSV file to write (- for standard output)"},
	FlagListen:        T{"监听的地址（主机:端口；端口 0 自动选空闲端口）", "address to listen on (HOST:PORT; port 0 picks a free one)"},
	FlagMaxSessions:   T{"同时最多的会话总数（0：不限）", "most sessions at once in total (0: no limit)"},
	FlagMaxPerUser:    T{"每个用户同时最多的会话数（0：不限）", "most sessions at once per user (0: no limit)"},
	FlagIdle:          T{"无输入多久后结束会话并保留草稿（0：从不）", "end a session after this long without input, keeping its draft (0: never)"},
	FlagConfig:        T{"配置文件（默认为数据库旁的 %s）", "config file (default %s next to the database)"},
	FlagVerbose:       T{"记录更多日志（握手失败）", "log more (handshake failures)"},
	FlagDebugAddr:     T{"在此回环地址上提供 Go 的性能分析（net/http/pprof），例如 127.0.0.1:6060", "serve Go's profiler (net/http/pprof) on this loopback address, e.g. 127.0.0.1:6060"},
}
