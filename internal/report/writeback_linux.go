package report

import (
	"os"
	"syscall"
)

// Flags of sync_file_range(2).
const (
	syncWaitBefore = 1
	syncWrite      = 2
	syncWaitAfter  = 4
)

// writeBack starts writing [off, off+n) of f to the disk and, with wait,
// waits until it is written (sync_file_range: the data only, no journal
// commit, no other file's pages). Errors are left to the final fsync.
func writeBack(f *os.File, off, n int64, wait bool) {
	flags := uintptr(syncWrite)
	if wait {
		flags |= syncWaitBefore | syncWaitAfter
	}
	_, _, _ = syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), uintptr(off), uintptr(n), flags, 0, 0)
}
