//go:build !linux

package cli

// LowerPriority is a no-op where the nice value is not per thread.
func LowerPriority(int) {}
