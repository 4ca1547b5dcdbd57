// Package text holds the words of the terminal application and of the
// command line's human output, in Chinese first and English beside it.
//
// A text is one value with both languages side by side (T); the texts of
// one area of the application are the fields of one package-level struct
// in its own file (Queue in queue.go, Intake in intake.go...), so a change
// to one screen's words touches one file. A text that takes values is a
// format string (its doc comment says what goes in): both languages take
// the same values, reordered with explicit indexes (%[2]s) where the
// sentence needs it. text_test.go checks that every text has both
// languages and that the two agree on their verbs.
//
// The package imports only the standard library and does no work when it
// is loaded beyond its literals: the command line uses it on every run.
package text

import (
	"fmt"
	"strings"
)

// T is a text in Chinese (ZH) and English (EN).
type T struct{ ZH, EN string }

// In is the text in lang: "zh" (or a "zh-…"/"zh_…" tag) gives Chinese,
// anything else English.
func (t T) In(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return t.ZH
	}
	return t.EN
}

// F is the text in lang as a format string applied to args.
func (t T) F(lang string, args ...any) string { return fmt.Sprintf(t.In(lang), args...) }

// Group is one area's texts, for the completeness test.
type Group struct {
	Name  string
	Texts any // a pointer to the area's struct of T fields
}

// Groups lists every area's texts. A new area is a new file with its
// struct variable and one line here (the test fails on a group left out).
func Groups() []Group {
	return []Group{
		{"Common", &Common},
		{"Duration", &Duration},
		{"Clock", &Clock},
		{"Form", &Form},
		{"Keys", &Keys},
		{"App", &App},
		{"Alerts", &Alerts},
		{"Station", &Station},
		{"Queue", &Queue},
		{"Intake", &Intake},
		{"Detail", &Detail},
		{"Dashboard", &Dashboard},
		{"Report", &Report},
		{"CLI", &CLI},
		{"CLIError", &CLIError},
		{"CLIHelp", &CLIHelp},
		{"CLIGuard", &CLIGuard},
		{"CLIImport", &CLIImport},
		{"CLIDemo", &CLIDemo},
		{"Store", &Store},
	}
}
