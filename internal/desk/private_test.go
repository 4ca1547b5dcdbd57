//go:build unix

package desk_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"complaintdesk/internal/report"
)

// The monthly report a supervisor writes from the terminal (over SSH, on
// the server) goes into the data directory's reports folder: 0700, and the
// file 0600, whatever the process's umask (issue 13).
func TestMonthlyReportFileIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	e.register(ucAgent, ucReg())
	path, _, err := e.d.WriteMonthlyFile(e.ctx, ucSupervisor, report.Month{Year: 2026, Month: time.November}, "zh")
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Error(err)
		} else if st.Mode().Perm() != want {
			t.Errorf("%s is %04o, want %04o", p, st.Mode().Perm(), want)
		}
	}
}
