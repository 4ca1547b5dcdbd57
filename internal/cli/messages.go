package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"complaintdesk/internal/calendar"
	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

// localize says a desk's error that has no words in the user's language
// (or needs the desk to say it: a time in its time zone, a role's or a
// step's name) as the command line's text; other errors as they are.
func (a *App) localize(err error) error {
	if err == nil {
		return nil
	}
	var ce *desk.ConflictError
	var fe *desk.ForbiddenError
	var nd calendar.NoDataError
	switch {
	case errors.As(err, &ce):
		return fail(text.CLIGuard.Changed, ce.Number, safetext.Line(ce.By), safetext.Line(a.Desk.Policy().ActionName(ce.Action).In(a.Lang)),
			ce.At.In(a.Desk.Location()).Format("2006-01-02 15:04:05"))
	case errors.As(err, &nd):
		return fail(text.CLIGuard.NoCalendar, nd.Year, nd.Year)
	case errors.As(err, &fe):
		var te *policy.TransitionError
		if errors.As(fe.Err, &te) {
			return err // the policy's own words
		}
		if t, ok := forbiddenText[fe.Action]; ok {
			return fail(t, safetext.Line(a.Actor.Name), roleName(a, a.Actor.Role))
		}
	}
	return err
}

// unknownUser says who is not a user of the desk: --as NAME, or the OS
// account and how to map it.
func unknownUser(err error, as, login string) error {
	switch {
	case !errors.Is(err, desk.ErrUnknownUser):
		return err
	case as != "":
		return fail(text.CLIGuard.NotAUser, safetext.Line(as))
	}
	return fail(text.CLIGuard.NotMapped, safetext.Line(login), safetext.Line(login))
}

// forbiddenText are the refusals of the desk's reads and settings that are
// not a policy's step, by the desk's name of the action: the user, the role.
var forbiddenText = map[string]text.T{
	"audit":           text.CLIGuard.OnlySupervisorsAudit,
	"station-log":     text.CLIGuard.OnlySupervisorsLog,
	"pin":             text.CLIGuard.OnlyAdminPIN,
	"find":            text.CLIGuard.MayNotFind,
	desk.RevealAction: text.CLIGuard.MayNotReveal,
}

// checkFilters refuses a queue filter the policy does not know, rather
// than listing nothing; and a negative --limit or --offset.
func checkFilters(app *App, q *store.Query) error {
	p := app.Desk.Policy()
	switch {
	case q.Status != "" && p.Status(q.Status) == nil:
		return fail(text.CLIGuard.UnknownStatus, q.Status, ids(len(p.Statuses), func(i int) string { return p.Statuses[i].ID }))
	case q.Grade != "" && p.Grade(q.Grade) == nil:
		return fail(text.CLIGuard.UnknownGradeOf, q.Grade, ids(len(p.Grades), func(i int) string { return p.Grades[i].ID }))
	case q.Limit < 0:
		return fail(text.CLIGuard.Negative, "--limit", q.Limit)
	case q.Offset < 0:
		return fail(text.CLIGuard.Negative, "--offset", q.Offset)
	}
	return nil
}

// ids is the list of n ids, for a refusal.
func ids(n int, id func(int) string) string {
	out := make([]string, n)
	for i := range out {
		out[i] = id(i)
	}
	return strings.Join(slices.Compact(out), ", ")
}

// versionNeverWas refuses --version N that the case never had (beyond its
// current version, or below 1), where the desk says only that the case
// was changed.
func versionNeverWas(number string, asked, current int64) error {
	return fail(text.CLIGuard.NoSuchVersion, fmt.Sprint(asked), number, current)
}
