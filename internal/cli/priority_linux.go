package cli

import (
	"os"
	"strconv"
	"syscall"
)

// LowerPriority makes this process yield the CPU to the desk's interactive
// work: an export keeps both cores busy for seconds, and a registration in
// another process waiting behind it is an agent waiting with a caller on
// the line. Linux keeps the nice value per thread (new threads inherit
// their creator's), so every thread is reniced.
func LowerPriority(nice int) {
	for range 2 { // a thread started during the first pass is caught by the second
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			return
		}
		for _, t := range tasks {
			if tid, err := strconv.Atoi(t.Name()); err == nil {
				_ = syscall.Setpriority(syscall.PRIO_PROCESS, tid, nice)
			}
		}
	}
}
