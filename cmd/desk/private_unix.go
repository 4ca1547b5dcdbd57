//go:build unix

package main

import "syscall"

// private makes every file the desk creates its owner's alone (0600, and
// 0700 for directories): the database and its -wal and -shm, backups,
// drafts, reports, exports and the SSH host key hold customers' names and
// phone numbers.
func private() { syscall.Umask(0o077) }
