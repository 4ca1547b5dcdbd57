//go:build !unix

package main

// private: files are created with the platform's default permissions.
func private() {}
