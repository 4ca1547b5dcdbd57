package text

// CLIImport is desk import's help and output: each takes what its
// comment says.
var CLIImport = struct {
	Short, Long T
	// The flags.
	FlagMap, FlagDryRun, FlagSuggest, FlagProfile, FlagEncoding, FlagDelimiter, FlagSheet, FlagHeaderRow, FlagRejects, FlagBatch T
	// WrongProfile: the desk, its policy, the profile twice.
	WrongProfile T
	// ChecksLeft: how many guesses, the file. UsingSuggested: the file.
	ChecksLeft, UsingSuggested T
	// RejectsIsInput: the file.
	RejectsIsInput T
	// Importing: the file, what it is, the source, DryRunNote or "".
	Importing, DryRunNote T
	// Rejected: the row's problem. MoreRejected: how many, MoreWhere or
	// AllIn (the file).
	Rejected, MoreRejected, MoreWhere, AllIn T
	// Interrupted: rows imported. RowsRejected: how many, the file.
	// RowsWouldBe: how many.
	Interrupted, RowsRejected, RowsWouldBe T
	// Summary: Imported or WouldImport, imported, duplicates, rejected,
	// rows, the time, Rate or "". Rate: rows a second.
	Summary, Imported, WouldImport, Rate T
	// SkippedRows: how many, which. RejectsFile: the file.
	SkippedRows, RejectsFile, BatchNotWritten T
}{
	Short: T{"导入投诉登记表（CSV 或 .xlsx；UTF-8、GBK 或 UTF-16）为历史投诉单", "Import a complaint register (CSV or .xlsx; UTF-8, GBK or UTF-16) as history cases"},
	Long: T{`把别处记录的投诉（Excel 投诉登记表、其他系统导出的 CSV）导入为历史投诉单：
每件保留原受理日期、处理结果和原编号。同一文件再导入不会重复；改正被拒的行后，
导入拒绝文件即可补上。

映射文件（TOML）说明哪一列是哪个字段，并把文件中的取值换成政策中的取值：
可从 --suggest-map 开始，参见 examples/import/。
有问题的行会报出行号、列和原因，并写入拒绝文件（原表头加 reject_reason），
改正后再导入。每 --batch 行写入一个事务；ctrl+c 在整批写完后停止，
再次运行同一命令会从停下处继续。`, `Import the complaints of a register kept elsewhere (an Excel 投诉登记表, a CSV
export of another system) as history cases: each keeps its original received
date, its outcome and its original id. Importing the same file again adds
nothing; after fixing rejected rows, importing the reject file adds them.

A mapping (TOML) says which column is which field and translates the file's
values into the policy's: start from --suggest-map, see examples/import/.
Bad rows are reported with their line, column and reason and written to a
reject file (the original header plus reject_reason) to fix and import again.
The rows are written in transactions of --batch rows; ctrl+c stops after
whole batches, and the same command continues where it stopped.`},
	FlagMap:       T{"映射文件（TOML）：列对应的字段，取值对应政策的取值（见 examples/import/）", "the mapping (TOML): columns to case fields, values to the policy's (see examples/import/)"},
	FlagDryRun:    T{"读取、检查并计数，但什么都不写入", "read, check and count everything, and write nothing"},
	FlagSuggest:   T{"根据文件的表头和取值起草一份映射并打印", "print a starting mapping drafted from the file's header and values"},
	FlagProfile:   T{"导入时新建投诉台所用的政策预设（default、lab）；已有的投诉台必须是该预设", "the policy preset of a desk this import creates (default, lab); an existing desk must have it"},
	FlagEncoding:  T{"utf-8、gb18030（可读 GBK）或 utf-16（默认：映射中的，否则自动识别）", "utf-8, gb18030 (reads GBK) or utf-16 (default: the mapping's, else detected)"},
	FlagDelimiter: T{"comma、tab 或 semicolon（默认：映射中的，否则自动识别）", "comma, tab or semicolon (default: the mapping's, else detected)"},
	FlagSheet:     T{".xlsx 工作簿中的工作表（默认：映射中的，否则第一张）", "the sheet of an .xlsx workbook (default: the mapping's, else the first)"},
	FlagHeaderRow: T{"表头所在行（默认：映射中的，否则在标题和填报单位行之下自动查找）", "the line of the header row (default: the mapping's, else found under any title and 填报单位 rows)"},
	FlagRejects:   T{"拒绝文件（默认为当前目录下的 文件名.rejects.csv；试运行时不写）", "the reject file (default FILE.rejects.csv in the current directory; none in a dry run)"},
	FlagBatch:     T{"每个事务写入的行数", "rows written per transaction"},
	WrongProfile: T{"%s 使用的政策是 %q，不是 %s 预设：请导入到用 `desk init --profile %s` 创建的投诉台",
		"%s has the %q policy, not the %s profile: import into a desk created with `desk init --profile %s`"},
	ChecksLeft: T{"没有给出 --map，建议的映射中有 %d 处猜测需要核对：请用 `desk import %s --suggest-map > map.toml` 写出，检查标有 \"check\" 的行，再用 --map map.toml",
		"no --map given, and the suggested mapping has %d guesses to check: write it with `desk import %s --suggest-map > map.toml`, look at the lines marked \"check\", and give --map map.toml"},
	UsingSuggested:  T{"desk: 没有给出 --map：使用建议的映射（`desk import %s --suggest-map` 可打印）\n", "desk: no --map given: using the suggested mapping (`desk import %s --suggest-map` prints it)\n"},
	RejectsIsInput:  T{"--rejects %s 就是要导入的文件：请另选文件名", "--rejects %s is the file being imported: choose another name"},
	Importing:       T{"desk: 正在导入 %s（%s），来源 %q%s\n", "desk: importing %s (%s) as source %q%s\n"},
	DryRunNote:      T{"，试运行：不写入任何内容", ", dry run: nothing is written"},
	Rejected:        T{"拒绝：%s", "rejected: %s"},
	MoreRejected:    T{"拒绝：……另有 %d 行（%s）\n", "rejected: … and %d more rows (%s)\n"},
	MoreWhere:       T{"不加 --dry-run 运行，或给出 --rejects 文件，即可全部写入文件", "run without --dry-run, or give --rejects FILE, to get them all in a file"},
	AllIn:           T{"全部在 %s 中", "all are in %s"},
	Interrupted:     T{"已中断：之前导入的 %d 行已按整批写入；再次运行同一命令可导入其余的行（已导入的行会跳过）", "interrupted: the %d rows imported before are written, in whole batches; run the same command again to import the rest (rows already imported are skipped)"},
	RowsRejected:    T{"%d 行被拒绝：请在 %s 中改正，再用同一映射导入该文件", "%d rows were rejected: fix them in %s and import that file with the same mapping"},
	RowsWouldBe:     T{"%d 行将被拒绝", "%d rows would be rejected"},
	Summary:         T{"%s %d 行，重复跳过 %d 行，拒绝 %d 行（共 %d 行，用时 %s%s）\n", "%s %d, skipped as duplicate %d, rejected %d (%d rows in %s%s)\n"},
	Imported:        T{"已导入", "imported"},
	WouldImport:     T{"试运行：将导入", "dry run: would import"},
	Rate:            T{"，每秒 %.0f 行", ", %.0f rows/s"},
	SkippedRows:     T{"跳过 %d 行非投诉内容：%s\n", "skipped %d rows that are not complaints: %s\n"},
	RejectsFile:     T{"拒绝文件：%s\n", "rejects: %s\n"},
	BatchNotWritten: T{"已中断：正在写入的那一批未写入", "interrupted: the batch under way was not written"},
}

// CLIDemo is desk demo's help and output.
var CLIDemo = struct {
	Short, Long, FlagCount, FlagSeed T
	// Progress: done, of, cases a second. Made: how many, where, the
	// time, cases a second.
	Progress, Made T
}{
	Short: T{"用逼真的演示投诉单填充投诉台（中文姓名和内容、处理记录、各渠道、等级和状态）", "Fill the desk with realistic demo cases (Chinese names and content, histories, every channel, grade and state)"},
	Long: T{`用逼真的演示投诉单填充投诉台：中文姓名、电话和投诉内容，政策中的各渠道、等级和状态，
每件都有处理记录（登记、受理、分派、解决、结案、回访，部分重新打开）和进行中或已超时的倒计时。
数量大时分布在最多 700 天内，每天约 1,400 件，如同运行了两年的投诉台：

  desk demo --count 1000000     # docs/benchmarks.md 中的百万件投诉台

相同的 --seed 生成相同的投诉单（编号取决于投诉台）。只有管理员可以运行；
投诉台已有投诉单时需加 --force。`, `Fill the desk with realistic demo cases: Chinese names, phones and complaint
texts, every channel, grade and status of the policy, each with its history
(registered, acknowledged, assigned, resolved, closed, revisited, some
reopened) and live or overdue countdowns. A large count spreads them over up
to 700 days, about 1,400 a day, as a desk that has run for two years:

  desk demo --count 1000000     # the million-case desk of docs/benchmarks.md

The same --seed makes the same cases (their numbers depend on the desk).
Only an administrator may run it; a desk that holds cases needs --force.`},
	FlagCount: T{"生成多少件", "how many cases"},
	FlagSeed:  T{"随机种子（默认取自时钟）", "random seed (default: from the clock)"},
	Progress:  T{"demo：%d/%d 件，每秒 %.0f 件\n", "demo: %d of %d cases, %.0f cases/s\n"},
	Made:      T{"%d 件演示投诉单，写入 %s（%s，每秒 %.0f 件）\n", "%d demo cases in %s (%s, %.0f cases/s)\n"},
}
