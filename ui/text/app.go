package text

// App is the frame around every page: the title line, the help, the
// questions the application asks before a page opens.
var App = struct {
	Title T
	// TooSmall: width, height, the smallest width, height.
	TooSmall T
	// ResumeDraft: when the draft was saved.
	ResumeDraft, DraftKept T
	HelpTitle, HelpMore    T
	WhyNoReports           T
	// NoSuchList: a list asked for that the user's queue does not have.
	NoSuchList T
}{
	Title:        T{"投诉受理台", "Complaint desk"},
	TooSmall:     T{"窗口太小：%d×%d\n至少需要 %d×%d", "Window too small: %d×%d\nThe desk needs at least %d×%d"},
	ResumeDraft:  T{"有一份未完成的投诉登记草稿（%s 保存）。\n继续填写吗？ y 继续 / n 稍后", "There is an unfinished intake form (saved %s).\nResume it? y resume / n later"},
	DraftKept:    T{"草稿已保留，可稍后按 n 继续", "The draft is kept: press n later to resume it"},
	HelpTitle:    T{"帮助（按 ?、esc 或 q 关闭）", "Help (?, esc or q to close)"},
	HelpMore:     T{"下面还有：↑/↓ 滚动", "more below: up/down scrolls"},
	WhyNoReports: T{"您的角色不查看报表", "your role does not see the reports"},
	NoSuchList:   T{"您的队列没有这个列表", "your queue has no such list"},
}

// Alerts is the warning line under every page. Each takes the count
// first (a number, or "1000+"), then the first case's number.
var Alerts = struct {
	// Breach: count, number, clock, how long ago.
	Breach T
	// Warn: count, number, clock, time left.
	Warn T
	// Crisis, Escalated: count, number.
	Crisis, Escalated T
	// Notices: count.
	Notices T
	// Notice: count, number, who, what they did.
	Notice T
	// Short forms when the line is full: count only.
	BreachShort, WarnShort, CrisisShort, EscalatedShort T
	// Calendar: the year twice (administrators: its schedule is missing).
	Calendar, CalendarShort T
	// The list behind the line (A): its title, nothing in it, and the
	// line's pointer to it when it had to shorten (the key).
	ListTitle, ListNone, ListKey T
}{
	Breach:    T{"超时 %s：%s %s %s", "%s breached: %s %s by %s"},
	Warn:      T{"预警 %s：%s %s 剩 %s", "%s due soon: %s %s %s left"},
	Crisis:    T{"危机 %s：%s", "%s crisis: %s"},
	Escalated: T{"升级 %s：%s", "%s escalated: %s"},
	Notices:   T{"通知 %s", "%s notices"},
	Notice:    T{"通知 %s：%s %s %s", "%[1]s notices: %[2]s %[4]s by %[3]s"},

	BreachShort:    T{"超时 %s", "%s breached"},
	WarnShort:      T{"预警 %s", "%s due soon"},
	CrisisShort:    T{"危机 %s", "%s crisis"},
	EscalatedShort: T{"升级 %s", "%s escalated"},
	Calendar:       T{"%d 年官方节假日安排未载入（时限按周一至周五估算 ≈）：desk calendar load %d.toml", "%d holiday schedule not loaded (deadlines estimated Mon-Fri ≈): desk calendar load %d.toml"},
	CalendarShort:  T{"%d 年日历未载入", "%d calendar missing"},
	ListTitle:      T{"危机、升级、超时与预警", "Crises, escalations, breaches and warnings"},
	ListNone:       T{"没有需要关注的投诉", "Nothing needs attention"},
	ListKey:        T{"%s 查看全部", "%s: all"},
}

// Station is handing the one local terminal over to another user (U).
var Station = struct {
	Title, Now, TitleHint   T
	Reading, Checking, Hint T
	NoPINs, TypePIN         T
	// Switched: name, role.
	Switched           T
	WhyRemote, WhyForm T
}{
	Title:     T{"换人操作", "Switch user"},
	Now:       T{"当前：", "Now: "},
	TitleHint: T{" 换人  ", " switch  "},
	Reading:   T{"正在读取用户…", "reading users…"},
	Checking:  T{"正在核对…", "checking…"},
	Hint:      T{"↑/↓ 选择用户  enter 确认  esc 取消", "up/down choose  enter confirm  esc cancel"},
	NoPINs:    T{"还没有用户设置 PIN：管理员用 desk users pin NAME 设置", "nobody has a PIN yet: an administrator sets one with desk users pin NAME"},
	TypePIN:   T{"请输入 PIN", "Type the PIN"},
	Switched:  T{"现在由 %s（%s）操作", "%s (%s) is at the desk now"},
	WhyRemote: T{"通过 SSH 登录时由密钥确定用户，不能换人", "over SSH your key says who you are: no switching"},
	WhyForm:   T{"登记表单打开时不能换人：草稿属于正在填写的人", "not while an intake form is open: its draft belongs to who is typing it"},
}
