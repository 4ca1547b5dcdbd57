package text

// CLIGuard are the command line's refusals that protect the desk from its
// own users: files it must not write over, commands for the administrator,
// the station PIN on the command line.
var CLIGuard = struct {
	FlagForce T
	// OwnFile, OutExists, OutIsDir, OutNoDir: the path.
	OwnFile, OutExists, OutIsDir, OutNoDir T
	// SharedDir: the directory and its mode.
	SharedDir T
	// NeedsPIN, PINOf: the user.
	NeedsPIN, PINOf T
	// DemoHasCases: the database, how many cases it holds.
	DemoHasCases, FlagDemoForce T
	// station log: why a hand-over was refused.
	WhyWrongPIN, WhyLocked, WhyNoPIN T
	// PINRun: the PIN; PINRepeats: the pattern. LockedUntil: the user, the
	// time; NoPIN: the user.
	PINIsName, PINRun, PINRepeats, LockedUntil, NoPIN, UsersUnlock, Unlocked T
	// ControlInName: the file, the name (made visible), the position, the
	// character. ControlInKey: the line, the position, the character.
	ControlInName, ControlInKey T
	// Changed: the case, who, the step, when (the desk's time zone).
	// NoCalendar: the year twice. NotAUser: the name. NotMapped: the OS
	// login twice. The Only… and MayNot… refusals: the user, the role.
	Changed, NoCalendar, NotAUser, NotMapped                                         T
	OnlySupervisorsAudit, OnlySupervisorsLog, OnlyAdminPIN, MayNotFind, MayNotReveal T
	// UnknownStatus, UnknownGradeOf: what was typed, the ids. Negative:
	// the flag, its value. NoSuchVersion: the version, the case, its version.
	UnknownStatus, UnknownGradeOf, Negative, NoSuchVersion T
	// Estimated: the years without a calendar.
	Estimated T
	// NotAKey: the line. KeyBelongs: the fingerprint, its user.
	// UnknownRole: what was typed, the roles. UnknownForm: the form, the forms.
	NotAKey, KeyBelongs, UnknownRole, UnknownForm T
	// FutureMonth: the month, this month.
	FutureMonth T
}{
	FlagForce: T{"覆盖已存在的 --out 文件", "write over an existing --out file"},
	OwnFile:   T{"%s 是本投诉台自己的文件（数据库或 SSH 主机密钥），不能写入：请另选文件", "%s is one of this desk's own files (its database or SSH host key) and is never written over: choose another file"},
	OutExists: T{"%s 已存在：请另选文件，或加 --force 覆盖", "%s already exists: choose another file, or add --force to write over it"},
	OutIsDir:  T{"%s 是目录：请给出文件名", "%s is a directory: give a file name"},
	OutNoDir:  T{"目录 %s 不存在", "the directory %s does not exist"},
	SharedDir: T{"desk: 警告：数据库所在目录 %s 其他用户可读；它不是投诉台自己的目录，不会被更改。数据库文件仅所有者可读写，但请把数据库放在只属于投诉台的目录中",
		"desk: warning: others can read the database's directory %s; it is not the desk's own directory, so it is left as it is. The database files are private, but keep the database in a directory of its own"},
	NeedsPIN: T{"%[1]s 设有工位 PIN：以 --as %[1]s 操作须提供其 PIN（环境变量 DESK_PIN，或在终端上输入）",
		"%[1]s has a station PIN: acting --as %[1]s needs it (in DESK_PIN, or typed at a terminal)"},
	PINOf: T{"%s 的 PIN：", "PIN of %s: "},
	DemoHasCases: T{"%s 已有 %d 件投诉：演示数据会混入真实的队列和月度统计。请在新的数据库上运行（desk --db demo.db demo），确为测试台时再加 --force",
		"%s already holds %d cases: demo cases would mix with them in the queues and the monthly statistics. Run it on a new database (desk --db demo.db demo), or add --force on a test desk"},
	FlagDemoForce: T{"在已有投诉的投诉台上也生成演示数据", "make demo cases on a desk that already holds cases"},
	WhyWrongPIN:   T{"PIN 错误", "wrong PIN"},
	WhyLocked:     T{"已锁定", "locked"},
	WhyNoPIN:      T{"无此用户或未设 PIN", "no such user with a PIN"},
	PINIsName:     T{"PIN 不能是用户名", "the PIN must not be the user's name"},
	PINRun:        T{"PIN %s 是连续的数字或字母，太容易猜到：请另选", "the PIN %s is a run of consecutive digits or letters, too easy to guess: choose another"},
	PINRepeats:    T{"PIN 是 %s 的重复，太容易猜到：请另选", "the PIN is %s repeated, too easy to guess: choose another"},
	LockedUntil: T{"%[1]s 输错 PIN 次数过多，已锁定至 %[2]s；管理员可用 desk users unlock %[1]s 解除",
		"too many wrong PINs for %[1]s: locked until %[2]s, or until an administrator runs desk users unlock %[1]s"},
	NoPIN:         T{"%s 没有工位 PIN", "%s has no station PIN"},
	UsersUnlock:   T{"解除用户的工位 PIN 锁定（输错次数过多后）", "Lift a user's station PIN lock-out (after too many wrong PINs)"},
	Unlocked:      T{"已解除锁定", "unlocked"},
	ControlInName: T{"%s：节假日名称 %q 第 %d 个字符 %U 是控制字符，不能显示在终端上", "%s: the holiday name %q has a control character %[4]U at character %[3]d, which terminals would obey"},
	ControlInKey:  T{"密钥第 %d 行第 %d 个字符 %U 是控制字符（注释只能是普通文字）", "key line %d: character %d is a control character %U (the comment must be plain text)"},
	Changed: T{"投诉单 %s 在您打开后已被 %s 修改（%s，%s）；请重新载入后再提交您的修改",
		"case %s was changed by %s (%s at %s) after you opened it; reload it and apply your change again"},
	NoCalendar: T{"没有 %d 年的节假日数据（尚未载入 %d 年的放假安排：desk calendar load）", "no holiday data for %d (the holiday schedule for %d has not been loaded: desk calendar load)"},
	NotAUser:   T{"%q 不是本投诉台的用户（见 desk users list）", "%q is not a user of this desk (see desk users list)"},
	NotMapped: T{"系统账号 %q 不是本投诉台的用户；管理员可用 `desk users add 名字 --role agent --os-user %s` 对应",
		"the OS account %q is not a user of this desk; an administrator can map it with `desk users add NAME --role agent --os-user %s`"},
	OnlySupervisorsAudit: T{"只有管理员和主管可以查看他人的审计记录（您是 %s，角色 %s）", "only administrators and supervisors may read the audit of others (you are %s, %s)"},
	OnlySupervisorsLog:   T{"只有管理员和主管可以查看工位记录（您是 %s，角色 %s）", "only administrators and supervisors may read the station log (you are %s, %s)"},
	OnlyAdminPIN:         T{"只有管理员可以设置他人的 PIN（您是 %s，角色 %s）", "only an administrator may set another user's PIN (you are %s, %s)"},
	MayNotFind:           T{"您的角色不能按此查找（您是 %s，角色 %s）", "your role may not search by this (you are %s, %s)"},
	MayNotReveal:         T{"您的角色不能查看个人信息（您是 %s，角色 %s）", "your role may not see personal data (you are %s, %s)"},
	UnknownStatus:        T{"没有状态 %q（%s）", "unknown status %q (%s)"},
	UnknownGradeOf:       T{"没有等级 %q（%s）", "unknown grade %q (%s)"},
	Negative:             T{"%s 不能是负数（%d）", "%s cannot be negative (%d)"},
	NoSuchVersion:        T{"--version %s：投诉单 %s 没有这个版本（当前版本 %d）", "--version %s: case %s never had that version (it is at version %d)"},
	Estimated:            T{"%s 年没有官方节假日安排：按周末估算；发布后请用 `desk calendar load` 载入", "no official calendar for %s: estimated with weekends only; load the year's schedule with `desk calendar load`"},
	NotAKey:              T{"第 %d 行不是 SSH 公钥（请粘贴 .pub 文件中的那一行，例如 \"ssh-ed25519 AAAA... name@host\"）", "line %d: not an SSH public key (paste the line of the .pub file, e.g. \"ssh-ed25519 AAAA... name@host\")"},
	KeyBelongs:           T{"密钥 %s 已属于 %s；一个密钥只能登录为一个用户", "the key %s already belongs to %s; a key logs in as one user only"},
	UnknownRole:          T{"本投诉台的政策中没有角色 %q（%s）", "unknown role %q for this desk's policy (%s)"},
	UnknownForm:          T{"没有表单 %q（可选：%s）", "unknown form %q (one of: %s)"},
	FutureMonth:          T{"%s 还没有到（本月是 %s）", "%s has not begun (this month is %s)"},
}
