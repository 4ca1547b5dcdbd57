package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"complaintdesk/store"
)

// readKeys is the public key text of --key or --key-file (- for standard
// input); "" when neither was given.
func readKeys(env Env, key, keyFile string) (string, error) {
	switch {
	case key != "" && keyFile != "":
		return "", errors.New("give --key or --key-file, not both")
	case key != "":
		return key, nil
	case keyFile == "-":
		b, err := io.ReadAll(io.LimitReader(env.Stdin, 1<<20))
		return string(b), err
	case keyFile != "":
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return "", fmt.Errorf("read the key file: %w", err)
		}
		return string(b), nil
	}
	return "", nil
}

func writeKeys(env Env, keys []store.UserKey) {
	for _, k := range keys {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", k.User, k.Fingerprint, k.Type, k.Comment)
	}
}

// usersKeysCmd is desk users keys add|remove|list.
func usersKeysCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "keys", Short: "SSH public keys users log in with (desk serve)"}
	var key, keyFile string
	add := &cobra.Command{
		Use:   "add NAME (--key \"ssh-ed25519 AAAA...\" | --key-file FILE)",
		Short: "Let a user log in over SSH with a public key (administrators)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := readKeys(env, key, keyFile)
			if err != nil {
				return err
			}
			if strings.TrimSpace(text) == "" {
				return errors.New("give --key \"ssh-ed25519 AAAA...\" or --key-file FILE (e.g. ~/.ssh/id_ed25519.pub)")
			}
			return g.withApp(cmd, env, func(app *App) error {
				if err := requireAdmin(app); err != nil {
					return err
				}
				keys, err := app.Desk.AddKeys(cmd.Context(), app.Actor, args[0], text)
				if err != nil {
					return err
				}
				writeKeys(env, keys)
				return nil
			})
		},
	}
	add.Flags().StringVar(&key, "key", "", "the public key, as in a .pub file")
	add.Flags().StringVar(&keyFile, "key-file", "", "a .pub or authorized_keys file (- reads standard input)")
	remove := &cobra.Command{
		Use:   "remove NAME FINGERPRINT|\"PUBLIC KEY\"",
		Short: "Stop a key logging in (administrators); the user's open sessions with it end",
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
				fmt.Fprintf(env.Stdout, "removed %s\n", fp)
				return nil
			})
		},
	}
	list := &cobra.Command{
		Use:   "list [NAME]",
		Short: "List the users' keys with their fingerprints",
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
				rows := [][]string{{"USER", "FINGERPRINT", "TYPE", "COMMENT", "ADDED", "BY"}}
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
