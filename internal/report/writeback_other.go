//go:build !linux

package report

import "os"

// writeBack is a no-op where sync_file_range(2) is missing: the system
// writes the pages back when it will.
func writeBack(f *os.File, off, n int64, wait bool) {}
