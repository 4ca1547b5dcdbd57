package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// pinError is a refusal of --as for want of the user's station PIN: said
// once, not asked for again by the command (openEarly).
type pinError struct{ error }

func (e *pinError) Unwrap() error { return e.error }

// stationPIN is the actor of --as NAME once NAME's station PIN is given,
// when NAME has one (the lab's station): the people who share the desk's
// OS account are not each other. The PIN comes from $DESK_PIN or, at a
// terminal, is typed without echo. It is checked like the station's
// hand-over (desk.SwitchTo): a wrong one counts toward the same lock-out,
// and every attempt is in the station log. A user without a PIN, or the
// user the OS account is mapped to, is taken as before.
func stationPIN(ctx context.Context, env Env, lang string, st store.Store, d *desk.Desk, actor desk.Actor, login string) (desk.Actor, error) {
	withPIN, err := d.StationUsers(ctx)
	if err != nil {
		return actor, err
	}
	if !slices.ContainsFunc(withPIN, func(u store.User) bool { return u.Name == actor.Name }) {
		return actor, nil
	}
	from := desk.Actor{Name: login}
	if me, err := d.ActorFor(ctx, "", login); err == nil {
		if me.Name == actor.Name {
			return actor, nil
		}
		from = me
	}
	pin := env.Getenv("DESK_PIN")
	if pin == "" {
		f, ok := env.Stdin.(*os.File)
		if !ok || !term.IsTerminal(f.Fd()) {
			return actor, &pinError{fail(text.CLIGuard.NeedsPIN, safetext.Line(actor.Name))}
		}
		fmt.Fprint(env.Stderr, text.CLIGuard.PINOf.F(lang, safetext.Line(actor.Name)))
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return actor, err
		}
		pin = string(b)
	}
	a, err := d.SwitchTo(ctx, from, actor.Name, pin)
	if err != nil {
		if locked := lockedText(ctx, st, d, actor.Name); locked != nil {
			return actor, locked
		}
		var ve *desk.ValidationError
		if errors.As(err, &ve) { // wrong or locked: the desk's words
			return actor, &pinError{err}
		}
		return actor, err
	}
	return a, nil
}

// trivialPIN says why a new station PIN is too easy to guess (nil when it
// is not): a run up or down (1234, 4321, 56789), a short pattern repeated
// (1212, 123123) or the user's own name. The desk refuses the shorter and
// the one-character ones itself (desk.SetPIN).
func trivialPIN(user, pin string) error {
	r := []rune(pin)
	if len(r) < desk.PINMinLen || strings.Count(pin, string(r[0])) == len(r) {
		return nil // too short or one character: the desk says so
	}
	if strings.EqualFold(pin, user) {
		return fail(text.CLIGuard.PINIsName)
	}
	up, down := true, true
	for i := 1; i < len(r); i++ {
		up = up && r[i] == r[i-1]+1
		down = down && r[i] == r[i-1]-1
	}
	if up || down {
		return fail(text.CLIGuard.PINRun, pin)
	}
	for p := 2; p <= len(r)/2; p++ { // one character repeated: desk.SetPIN
		if len(r)%p == 0 && strings.Repeat(string(r[:p]), len(r)/p) == pin {
			return fail(text.CLIGuard.PINRepeats, string(r[:p]))
		}
	}
	return nil
}

// lockedText is the refusal of a user locked out of the station, saying
// until when and who may lift it; nil when name is not locked.
func lockedText(ctx context.Context, st store.Store, d *desk.Desk, name string) error {
	var rec *store.UserPIN
	if err := st.Read(ctx, func(tx store.Tx) error {
		var err error
		rec, err = tx.PIN(name)
		return err
	}); err != nil || !d.Now().Before(rec.LockedUntil) {
		return nil
	}
	return &pinError{fail(text.CLIGuard.LockedUntil, safetext.Line(name), rec.LockedUntil.In(d.Location()).Format("2006-01-02 15:04"))}
}

// unlockPIN lifts name's station lock-out and its count of wrong PINs (an
// administrator's), and logs it in the station log.
func unlockPIN(ctx context.Context, app *App, name string) error {
	if err := requireAdmin(app); err != nil {
		return err
	}
	return app.Store.Write(ctx, func(tx store.Tx) error {
		rec, err := tx.PIN(name)
		if errors.Is(err, store.ErrNotFound) {
			return fail(text.CLIGuard.NoPIN, safetext.Line(name))
		}
		if err != nil {
			return err
		}
		rec.Failures, rec.LockedUntil = 0, time.Time{}
		if err := tx.PutPIN(rec); err != nil {
			return err
		}
		return tx.LogSwitch(&store.StationSwitch{At: app.Desk.Now(), From: app.Actor.Name, To: name, Why: whyUnlocked})
	})
}

// whyUnlocked marks an administrator's unlocking in the station log.
const whyUnlocked = "unlocked"

func usersUnlockCmd(g *globals, env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "unlock NAME",
		Short: g.T(text.CLIGuard.UsersUnlock),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withApp(cmd, env, func(app *App) error {
				if err := unlockPIN(cmd.Context(), app, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s\t%s\n", safetext.Line(args[0]), text.CLIGuard.Unlocked.In(app.Lang))
				return nil
			})
		},
	}
}
