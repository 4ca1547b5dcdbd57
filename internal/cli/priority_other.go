//go:build !linux

package cli

// lowerPriority is a no-op where the nice value is not per thread.
func lowerPriority(int) {}
