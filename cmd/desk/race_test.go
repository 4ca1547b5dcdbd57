//go:build race

package main

// raceEnabled: the tests run with -race, so the desk they drive is built
// with it too, and a race in the real program fails the test.
const raceEnabled = true
