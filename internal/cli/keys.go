package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// readKeys is the public key text of --key or --key-file (- for standard
// input); "" when neither was given.
func readKeys(env Env, key, keyFile string) (string, error) {
	switch {
	case key != "" && keyFile != "":
		return "", fail(text.CLIError.KeyAndFile)
	case key != "":
		return key, nil
	case keyFile == "-":
		b, err := io.ReadAll(io.LimitReader(env.Stdin, 1<<20))
		return string(b), err
	case keyFile != "":
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return "", fail(text.CLIError.ReadKeyFile, err)
		}
		return string(b), nil
	}
	return "", nil
}

func writeKeys(env Env, keys []store.UserKey) {
	for _, k := range keys {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", safetext.Line(k.User), k.Fingerprint, safetext.Line(k.Type), safetext.Line(k.Comment))
	}
}

// usersKeysCmd is desk users keys add|remove|list.
func usersKeysCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "keys", Short: g.T(text.CLIHelp.Keys)}
	var key, keyFile string
	add := &cobra.Command{
		Use:   "add NAME (--key \"ssh-ed25519 AAAA...\" | --key-file FILE)",
		Short: g.T(text.CLIHelp.KeysAdd),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			keyText, err := readKeys(env, key, keyFile)
			if err != nil {
				return err
			}
			if strings.TrimSpace(keyText) == "" {
				return fail(text.CLIError.GiveKey)
			}
			if err := keyTextSafe(keyText); err != nil {
				return err
			}
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				if err := checkKeys(cmd.Context(), app, args[0], keyText); err != nil {
					return err
				}
				keys, err := app.Desk.AddKeys(cmd.Context(), app.Actor, args[0], keyText)
				if err != nil {
					return err
				}
				writeKeys(env, keys)
				return nil
			})
		},
	}
	add.Flags().StringVar(&key, "key", "", g.T(text.CLIHelp.FlagPublicKey))
	add.Flags().StringVar(&keyFile, "key-file", "", g.T(text.CLIHelp.FlagPublicKeyFile))
	remove := &cobra.Command{
		Use:   "remove NAME FINGERPRINT|\"PUBLIC KEY\"",
		Short: g.T(text.CLIHelp.KeysRemove),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				fp, err := app.Desk.RemoveKey(cmd.Context(), args[0], args[1])
				if err != nil {
					return err
				}
				fmt.Fprint(env.Stdout, text.CLI.KeyRemoved.F(app.Lang, fp))
				return nil
			})
		},
	}
	list := &cobra.Command{
		Use:   "list [NAME]",
		Short: g.T(text.CLIHelp.KeysList),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				user := ""
				if len(args) == 1 {
					user = args[0]
				}
				keys, err := app.Desk.Keys(cmd.Context(), user)
				if err != nil {
					return err
				}
				c, lang := text.CLI, app.Lang
				rows := [][]string{{c.ColUser.In(lang), c.ColFingerprint.In(lang), c.ColType.In(lang), c.ColComment.In(lang), c.ColAdded.In(lang), c.ColBy.In(lang)}}
				loc := app.Desk.Location()
				for _, k := range keys {
					rows = append(rows, []string{k.User, k.Fingerprint, k.Type, k.Comment, k.AddedAt.In(loc).Format("2006-01-02 15:04"), k.AddedBy})
				}
				return writeAligned(env.Stdout, rows)
			})
		},
	}
	c.AddCommand(add, remove, list)
	return c
}

// keyTextSafe refuses a key whose line (its comment: the only free text
// in it) has a control character: the comment is shown on terminals.
func keyTextSafe(keyText string) error {
	for i, line := range strings.Split(strings.TrimRight(keyText, "\r\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if r, pos, bad := safetext.Unsafe(strings.ReplaceAll(line, "\t", " ")); bad {
			return fail(text.CLIGuard.ControlInKey, i+1, pos, r)
		}
	}
	return nil
}

// checkKeys refuses, in the user's language, a key text the desk would
// refuse: a line that is not a public key, a key of another user.
func checkKeys(ctx context.Context, app *App, user, keyText string) error {
	var parsed []store.UserKey
	for i, line := range strings.Split(keyText, "\n") {
		if l := strings.TrimSpace(line); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		ks, err := desk.ParseKeys(line)
		if err != nil {
			return fail(text.CLIGuard.NotAKey, i+1)
		}
		parsed = append(parsed, ks...)
	}
	have, err := app.Desk.Keys(ctx, "")
	if err != nil {
		return err
	}
	for _, k := range parsed {
		for _, h := range have {
			if h.Fingerprint == k.Fingerprint && h.User != user {
				return fail(text.CLIGuard.KeyBelongs, k.Fingerprint, safetext.Line(h.User))
			}
		}
	}
	return nil
}
