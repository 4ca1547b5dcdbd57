package text

// Store is where the desk keeps its data (--db: a SQLite file or a
// PostgreSQL URL) and `desk db`: copying a whole desk from one database
// to another. A database is shown with its password masked.
var Store = struct {
	// NoPostgres, UnknownURL: the database. CannotOpen: the database, why.
	NoPostgres, UnknownURL, CannotOpen T
	// NoBackup, NoIntegrityCheck: the database.
	NoBackup, NoIntegrityCheck T

	// The commands and their flags.
	DB, DBLong, DBCopy, DBCopyLong, FlagFrom, FlagTo T

	// GiveFromTo; SameDatabase, NoDesk: the database. NotEmpty: the
	// database, what it holds. CannotCopy: the databases.
	GiveFromTo, SameDatabase, NoDesk, NotEmpty, CannotCopy T
	// CopiedKind: the kind, how many (progress). Copied: how many kinds,
	// the source, the target, the time.
	CopiedKind, Copied T
	// Differs: the kind, the count in the source, in the target.
	// ReportDiffers: the month. ChainBroken: where.
	Differs, ReportDiffers, ChainBroken T
	// Verified: the kinds counted; ReportsSame: how many months; ChainOK: how many events.
	Verified, ReportsSame, ChainOK T
	// Partial: the target (a copy that failed half-way).
	Partial T

	// The kinds of record (storecopy.Kinds).
	KindUsers, KindKeys, KindPINs, KindPolicy, KindCalendarYears, KindCaseDays, KindCaseNumbers T
	KindSweepMark, KindCases, KindComplainants, KindEvents, KindLinks, KindSamples              T
	KindSampledCases, KindFilings, KindNotices, KindUnreadNotices, KindStationLog, KindDrafts   T
	KindLookups                                                                                 T
}{
	NoPostgres: T{"%s 是 PostgreSQL 数据库，但此版本的投诉台没有内置 PostgreSQL 支持（PostgreSQL support is not built in）",
		"%s is a PostgreSQL database: PostgreSQL support is not built in to this desk"},
	UnknownURL: T{"%s：投诉台的数据只能放在 SQLite 文件或 PostgreSQL 数据库（postgres://…）中",
		"%s: the desk keeps its data in a SQLite file or a PostgreSQL database (postgres://…), no other URL"},
	CannotOpen: T{"无法打开数据库 %s：%s", "cannot open the database %s: %s"},
	NoBackup: T{"%s 不是 SQLite 文件，desk backup 无法备份；PostgreSQL 数据库请用 pg_dump 备份（见 README）",
		"%s is not a SQLite file: desk backup cannot copy it; back up a PostgreSQL database with pg_dump (see the README)"},
	NoIntegrityCheck: T{"%s 没有数据库自身的完整性检查（只检查处理记录链）", "%s has no integrity check of its own (only the history chains are checked)"},

	DB: T{"数据库：在两个数据库之间复制整个投诉台", "The database: copy a whole desk from one database to another"},
	DBLong: T{`数据库的管理。--db 和 DESK_DB 可以是 SQLite 文件，也可以是 PostgreSQL 地址
（postgres://用户@主机:5432/库名）；密码来自地址、PGPASSWORD 或 ~/.pgpass，任何输出都不显示密码。`,
		`Managing the database. --db and DESK_DB name a SQLite file or a PostgreSQL database
(postgres://user@host:5432/dbname); the password comes from the URL, PGPASSWORD or
~/.pgpass and is never printed.`},
	DBCopy: T{"把整个投诉台从一个数据库复制到另一个空数据库（SQLite ⇄ PostgreSQL）", "Copy a whole desk into an empty database (SQLite ⇄ PostgreSQL)"},
	DBCopyLong: T{`把 --from 数据库中的一切原样复制到 --to 数据库：投诉单（编号、版本和每日流水号）、
处理记录（哈希链不变）、投诉人、用户和 SSH 公钥、PIN、草稿、通知、抽样、报表归档、
关联、工作站日志、政策和日历。目标必须是空的（新文件或新建的空数据库）。
复制前请停止使用源数据库的所有 desk serve 和终端。复制后比对两边每类记录的数量、
每个有投诉单的月份的月报，并检查目标的处理记录链；任何不一致都报错。`,
		`Copies everything in the --from database into the --to database as it is: the cases
(numbers, versions and each day's sequence), their histories (hash chains intact), the
complainants, users and SSH keys, PINs, drafts, notices, samples, report filings, links,
the station log, the policy and the calendars. The target must be empty (a new file or a
new, empty database). Stop every desk serve and terminal using the source first. At the
end it compares the count of every kind of record on both sides and the monthly report
of every month with cases, and checks the target's history chains; any difference is an
error.`},
	FlagFrom: T{"源数据库（SQLite 文件或 postgres:// 地址）", "the source database (a SQLite file or a postgres:// URL)"},
	FlagTo:   T{"目标数据库（必须是空的）", "the target database (must be empty)"},

	GiveFromTo:    T{"请给出 --from 和 --to", "give --from and --to"},
	SameDatabase:  T{"--from 和 --to 是同一个数据库 %s", "--from and --to are the same database %s"},
	NoDesk:        T{"%s 中没有投诉台可复制", "%s holds no desk to copy"},
	NotEmpty:      T{"%s 不是空的（已有 %s）：只能复制到空数据库", "%s is not empty (it holds %s): copy only into an empty database"},
	CannotCopy:    T{"%s 的存储不支持逐条导出和原样写入（store.CopyTx）", "the store of %s cannot list and restore records as stored (store.CopyTx)"},
	CopiedKind:    T{"%s：%d", "%s: %d"},
	Copied:        T{"已把 %[2]s 复制到 %[3]s：%[1]d 类记录，用时 %[4]s", "copied %[2]s to %[3]s: %[1]d kinds of record in %[4]s"},
	Differs:       T{"复制后%s数量不一致：源 %d，目标 %d", "after the copy the %s differ: %d in the source, %d in the target"},
	ReportDiffers: T{"复制后 %s 的月报两边不一致", "after the copy the monthly report of %s differs between the two"},
	ChainBroken:   T{"目标的处理记录链断开：%s", "the target's history chain is broken: %s"},
	Verified:      T{"两边数量一致：%s", "counts match on both sides: %s"},
	ReportsSame:   T{"%d 个月的月报两边一致", "the monthly reports of %d months are identical on both sides"},
	ChainOK:       T{"目标的处理记录链完整（%d 条）", "the target's history chains are intact (%d events)"},
	Partial:       T{"复制未完成：%s 中只有部分数据，请删除后重新复制", "the copy did not finish: %s holds part of the desk; drop it and copy again"},

	KindUsers:         T{"用户", "users"},
	KindKeys:          T{"SSH 公钥", "SSH keys"},
	KindPINs:          T{"PIN", "PINs"},
	KindPolicy:        T{"政策", "policy"},
	KindCalendarYears: T{"日历年份", "calendar years"},
	KindCaseDays:      T{"编号日", "numbering days"},
	KindCaseNumbers:   T{"已发编号", "case numbers given"},
	KindSweepMark:     T{"超时巡检标记", "breach sweep mark"},
	KindCases:         T{"投诉单", "cases"},
	KindComplainants:  T{"投诉人", "complainants"},
	KindEvents:        T{"处理记录", "history events"},
	KindLinks:         T{"关联", "case links"},
	KindSamples:       T{"抽样", "samples"},
	KindSampledCases:  T{"抽中的投诉单", "sampled cases"},
	KindFilings:       T{"报表归档", "report filings"},
	KindNotices:       T{"通知", "notices"},
	KindUnreadNotices: T{"未读通知", "unread notices"},
	KindStationLog:    T{"工作站日志", "station log entries"},
	KindDrafts:        T{"草稿", "drafts"},
	KindLookups:       T{"完整信息查找", "whole-value look-ups"},
}
