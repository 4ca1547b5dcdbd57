package policy_test

import (
	"errors"
	"strings"
	"testing"

	"complaintdesk/internal/policy"
)

// FuzzParse feeds the policy parser what an administrator might load
// (`desk policy check|load FILE`): the presets, and mutations of them. It
// must never panic, and must either accept the file — a policy that
// validates and keeps the text it was loaded from — or refuse it with problems that
// each say where and what, in line order.
//
// Plain go test runs the seeds; go test -fuzz=FuzzParse ./internal/policy
// looks for more.
func FuzzParse(f *testing.F) {
	for _, name := range policy.PresetNames() {
		p, err := policy.Preset(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p.Text())
	}
	for _, s := range []string{
		"",
		"name = \"空\"\n",
		"[[clock]]\nid = \"first_response\"\nunit = \"hours\"\namount = -1\n",
		"time_zone = \"../../etc/passwd\"\n",
		"name = \"未闭合\n",
		"[[category]]\nid = \"a\"\nparent = \"a\"\n",
		"[[status]]\nid = \"registered\"\n[[status]]\nid = \"registered\"\n",
		"\ufeffname = \"带BOM\"\n\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := policy.Parse("fuzz.toml", []byte(text))
		if err != nil {
			if p != nil {
				t.Fatalf("Parse returned a policy and an error: %v", err)
			}
			var ve *policy.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("Parse error %T %v: want a *ValidationError with problems", err, err)
			}
			lines := strings.Count(text, "\n") + 1
			last := 0
			for _, pr := range ve.Problems {
				if pr.File != "fuzz.toml" || strings.TrimSpace(pr.Msg) == "" || pr.Line < 0 || pr.Line > lines+1 {
					t.Fatalf("problem %+v: want the file, a reason and a line within 0..%d", pr, lines+1)
				}
				if pr.Line < last {
					t.Fatalf("problems out of line order: %v", err)
				}
				last = pr.Line
			}
			// The same file gets the same answer (messages are compared by users and tests).
			if _, again := policy.Parse("fuzz.toml", []byte(text)); again == nil || again.Error() != err.Error() {
				t.Fatalf("a second Parse answered %v; the first %v", again, err)
			}
			return
		}
		if p == nil {
			t.Fatal("Parse returned neither a policy nor an error")
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("an accepted policy does not validate: %v", err)
		}
		if p.Location == nil {
			t.Fatal("an accepted policy has no time zone")
		}
		// What the desk stores and `desk policy show` prints is the file as
		// the administrator wrote it, comments and all.
		if p.Text() != text {
			t.Fatalf("the accepted policy's text is not the file loaded")
		}
	})
}
