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
}{
	FlagForce: T{"覆盖已存在的 --out 文件", "write over an existing --out file"},
	OwnFile:   T{"%s 是本投诉台自己的文件（数据库或 SSH 主机密钥），不能写入：请另选文件", "%s is one of this desk's own files (its database or SSH host key) and is never written over: choose another file"},
	OutExists: T{"%s 已存在：请另选文件，或加 --force 覆盖", "%s already exists: choose another file, or add --force to write over it"},
	OutIsDir:  T{"%s 是目录：请给出文件名", "%s is a directory: give a file name"},
	OutNoDir:  T{"目录 %s 不存在", "the directory %s does not exist"},
	SharedDir: T{"desk: 警告：数据库所在目录 %s 其他用户可读；它不是投诉台自己的目录，不会被更改。数据库文件仅所有者可读写，但请把数据库放在只属于投诉台的目录中",
		"desk: warning: others can read the database's directory %s; it is not the desk's own directory, so it is left as it is. The database files are private, but keep the database in a directory of its own"},
}
