package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/charmbracelet/x/term"

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
func stationPIN(ctx context.Context, env Env, lang string, d *desk.Desk, actor desk.Actor, login string) (desk.Actor, error) {
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
		var ve *desk.ValidationError
		if errors.As(err, &ve) { // wrong or locked: the desk's words
			return actor, &pinError{err}
		}
		return actor, err
	}
	return a, nil
}
