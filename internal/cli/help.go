package cli

import (
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"complaintdesk/ui/text"
)

// Cobra's own words in the user's language: the usage's headings, the
// help flag, the help and completion commands, and its and pflag's error
// messages (translated when they are printed: they are made inside cobra).

func init() {
	// The Chinese usage template writes pflag's "(default x)" as "（默认 x）"
	// and cobra's "[flags]" as "[选项]".
	cobra.AddTemplateFunc("zhDefaults", func(s string) string {
		return zhDefault().ReplaceAllString(s, "（默认 $1）")
	})
	cobra.AddTemplateFunc("zhFlags", func(s string) string {
		return strings.ReplaceAll(s, "[flags]", "[选项]")
	})
}

// The help's and errors' patterns are compiled when first needed: at
// package init they were part of every command's start-up.
var zhDefault = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m) \(default (.*)\)$`) })

// localize puts cobra's words of root and every command under it in lang.
func localize(root *cobra.Command, lang string, args []string) {
	usage := text.CLIHelp.Usage.In(lang)
	if strings.HasPrefix(lang, "zh") {
		usage = strings.NewReplacer("| trimTrailingWhitespaces}}", "| trimTrailingWhitespaces | zhDefaults}}",
			"{{.UseLine}}", "{{.UseLine | zhFlags}}").Replace(usage)
	}
	root.SetUsageTemplate(usage)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd(args...)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.Name() == "help" && c.Parent() == root:
			c.Short = text.CLIHelp.HelpCmd.In(lang)
			c.Long = text.CLIHelp.HelpCmdLong.F(lang, root.Name())
		case c.Name() == "completion" && c.Parent() == root:
			c.Short = text.CLIHelp.Completion.In(lang)
			c.Long = text.CLIHelp.CompletionLong.F(lang, root.Name())
		case c.Parent() != nil && c.Parent().Name() == "completion" && c.Parent().Parent() == root:
			c.Short = text.CLIHelp.CompletionShell.F(lang, c.Name())
			if f := c.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = text.CLIHelp.NoDescriptions.In(lang)
			}
		}
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, text.CLIHelp.HelpFor.F(lang, c.Name()))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// cobraMessages are cobra's and pflag's error messages, each with its
// text: the submatches are the text's values.
var cobraMessages = sync.OnceValue(func() []cobraMsg {
	return []cobraMsg{
		{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`), text.CLIError.UnknownCommand},
		{regexp.MustCompile(`^unknown flag: (.*)$`), text.CLIError.UnknownFlag},
		{regexp.MustCompile(`^unknown shorthand flag: '(.*)' in (.*)$`), text.CLIError.UnknownShorthand},
		{regexp.MustCompile(`^flag needs an argument: (.*)$`), text.CLIError.NeedsArgument},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: (.*)$`), text.CLIError.InvalidArgument},
		{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), text.CLIError.Accepts},
		{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), text.CLIError.AtMost},
		{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), text.CLIError.AtLeast},
		{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`), text.CLIError.Between},
		{regexp.MustCompile(`^required flag\(s\) (.*) not set$`), text.CLIError.RequiredFlags},
	}
})

type cobraMsg struct {
	re *regexp.Regexp
	t  text.T
}

// cobraMessage is one of cobra's or pflag's messages in lang (msg as it
// is when it is none of them, or in English).
func cobraMessage(msg, lang string) string {
	if !strings.HasPrefix(lang, "zh") {
		return msg
	}
	first, rest, _ := strings.Cut(msg, "\n")
	for _, m := range cobraMessages() {
		sub := m.re.FindStringSubmatch(first)
		if sub == nil {
			continue
		}
		args := make([]any, len(sub)-1)
		for i, s := range sub[1:] {
			args[i] = s
		}
		out := m.t.F(lang, args...)
		// cobra's suggestions: "\n\nDid you mean this?\n\tcases\n"
		if names, ok := strings.CutPrefix("\n"+rest, text.CLIError.DidYouMean.In("en")); ok {
			out += text.CLIError.DidYouMean.In(lang) + strings.TrimRight(names, "\n")
		}
		return out
	}
	return msg
}
