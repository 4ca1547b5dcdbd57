package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/report"
	"complaintdesk/internal/storecopy"
	"complaintdesk/internal/storeurl"
	"complaintdesk/store"
	"complaintdesk/ui/text"
)

func dbCmd(g *globals, env Env) *cobra.Command {
	c := &cobra.Command{Use: "db", Short: g.T(text.Store.DB), Long: g.T(text.Store.DBLong)}
	c.AddCommand(dbCopyCmd(g, env))
	return c
}

// kindText is the name of a kind of record (storecopy.Kinds).
var kindText = map[string]text.T{
	storecopy.Users: text.Store.KindUsers, storecopy.Keys: text.Store.KindKeys, storecopy.PINs: text.Store.KindPINs,
	storecopy.Policy: text.Store.KindPolicy, storecopy.CalendarYears: text.Store.KindCalendarYears,
	storecopy.CaseDays: text.Store.KindCaseDays, storecopy.CaseNumbers: text.Store.KindCaseNumbers,
	storecopy.SweepMark: text.Store.KindSweepMark, storecopy.Cases: text.Store.KindCases,
	storecopy.Complainants: text.Store.KindComplainants, storecopy.Events: text.Store.KindEvents,
	storecopy.Links: text.Store.KindLinks, storecopy.Samples: text.Store.KindSamples,
	storecopy.SampledCases: text.Store.KindSampledCases, storecopy.Filings: text.Store.KindFilings,
	storecopy.Notices: text.Store.KindNotices, storecopy.UnreadNotices: text.Store.KindUnreadNotices,
	storecopy.StationLog: text.Store.KindStationLog, storecopy.Drafts: text.Store.KindDrafts,
	storecopy.Lookups: text.Store.KindLookups,
}

// countsText is "3 users, 120 cases" in lang (the kinds with records).
func countsText(c storecopy.Counts, lang string) string {
	var parts []string
	for _, k := range storecopy.Kinds {
		if n := c[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, kindText[k].In(lang)))
		}
	}
	return strings.Join(parts, ", ")
}

func dbCopyCmd(g *globals, env Env) *cobra.Command {
	var from, to string
	c := &cobra.Command{
		Use:   "copy --from SOURCE --to TARGET",
		Short: g.T(text.Store.DBCopy),
		Long:  g.T(text.Store.DBCopyLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return fail(text.Store.GiveFromTo)
			}
			if sameDatabase(from, to) {
				return fail(text.Store.SameDatabase, storeurl.RedactDSN(from))
			}
			return copyDesk(cmd.Context(), env, g.ui, from, to)
		},
	}
	c.Flags().StringVar(&from, "from", "", g.T(text.Store.FlagFrom))
	c.Flags().StringVar(&to, "to", "", g.T(text.Store.FlagTo))
	return c
}

// sameDatabase reports whether two --db values name one database.
func sameDatabase(a, b string) bool {
	if storeurl.IsFile(a) && storeurl.IsFile(b) {
		sa, errA := os.Stat(a)
		sb, errB := os.Stat(b)
		if errA == nil && errB == nil {
			return os.SameFile(sa, sb)
		}
		aa, _ := filepath.Abs(a)
		ab, _ := filepath.Abs(b)
		return aa == ab
	}
	return a == b
}

// copyDesk copies the desk from into the empty database to and checks the
// copy: the counts of every kind of record, the monthly report of every
// month with cases, and the target's history chains.
func copyDesk(ctx context.Context, env Env, lang, from, to string) error {
	if storeurl.IsFile(from) && !fileExists(from) { // opening would make an empty one
		return fail(text.Store.NoDesk, from)
	}
	src, srcWhere, err := openDSN(ctx, env, from, lang)
	if err != nil {
		return err
	}
	defer src.Close()
	if holds, err := storecopy.Holds(ctx, src); err != nil {
		return err
	} else if holds[storecopy.Cases]+holds[storecopy.Users]+holds[storecopy.Policy] == 0 {
		return fail(text.Store.NoDesk, srcWhere)
	}
	login := osLogin(env.Getenv)
	// The source's desk reports on it; a database with no policy has none.
	var srcDesk *desk.Desk
	if has, err := hasPolicy(ctx, src); err != nil {
		return err
	} else if has {
		if srcDesk, err = desk.Open(ctx, src, desk.Options{By: login}); err != nil {
			return err
		}
	}
	dst, dstWhere, err := openDSN(ctx, env, to, lang)
	if err != nil {
		return err
	}
	defer dst.Close()

	months := map[report.Month]bool{}
	pp := newProgressPrinter(env.Stderr)
	start := time.Now()
	opt := storecopy.Options{
		Progress: func(s storecopy.Step) {
			pp.show("copy", true, s.Fraction, text.Store.CopiedKind.F(lang, kindText[s.Kind].In(lang), s.Done), s.Last)
		},
	}
	if srcDesk != nil {
		loc := srcDesk.Location()
		opt.Case = func(c *store.Case) { months[report.MonthOf(c.ReceivedAt, loc)] = true }
	}
	copied, err := storecopy.Copy(ctx, src, dst, opt)
	pp.done()
	var ne *storecopy.NotEmptyError
	switch {
	case errors.As(err, &ne):
		return fail(text.Store.NotEmpty, dstWhere, countsText(ne.Holds, lang))
	case errors.Is(err, storecopy.ErrCannotCopy):
		return fail(text.Store.CannotCopy, srcWhere+" / "+dstWhere)
	case err != nil:
		return fail(text.Store.Partial, dstWhere+": "+message(err, lang))
	}
	for _, k := range storecopy.Kinds {
		fmt.Fprintf(env.Stdout, "%s\t%d\n", kindText[k].In(lang), copied[k])
	}
	if err := verifyCopy(ctx, env, lang, src, dst, srcDesk, months, login); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, text.Store.Copied.F(lang, len(storecopy.Kinds), srcWhere, dstWhere, time.Since(start).Round(time.Millisecond)))
	return nil
}

// verifyCopy compares the two sides after a copy.
func verifyCopy(ctx context.Context, env Env, lang string, src, dst store.Store, srcDesk *desk.Desk, months map[report.Month]bool, login string) error {
	a, err := storecopy.Census(ctx, src)
	if err != nil {
		return err
	}
	b, err := storecopy.Census(ctx, dst)
	if err != nil {
		return err
	}
	if diffs := storecopy.Compare(a, b); len(diffs) > 0 {
		for _, d := range diffs[1:] {
			fmt.Fprintln(env.Stderr, "desk: "+text.Store.Differs.F(lang, kindText[d.Kind].In(lang), d.Source, d.Target))
		}
		d := diffs[0]
		return fail(text.Store.Differs, kindText[d.Kind].In(lang), d.Source, d.Target)
	}
	fmt.Fprintln(env.Stderr, "desk: "+text.Store.Verified.F(lang, countsText(b, lang)))
	if srcDesk == nil {
		return nil
	}
	dstDesk, err := desk.Open(ctx, dst, desk.Options{By: login})
	if err != nil {
		return err
	}
	asOf := srcDesk.Now()
	list := make([]report.Month, 0, len(months))
	for m := range months {
		list = append(list, m)
	}
	slices.SortFunc(list, func(x, y report.Month) int { return strings.Compare(x.String(), y.String()) })
	for _, m := range list {
		same, err := sameReport(ctx, srcDesk, dstDesk, m, asOf)
		if err != nil {
			return err
		}
		if !same {
			return fail(text.Store.ReportDiffers, m.String())
		}
	}
	fmt.Fprintln(env.Stderr, "desk: "+text.Store.ReportsSame.F(lang, len(list)))
	n, br, err := dstDesk.CheckHistory(ctx)
	if err != nil {
		return err
	}
	if br != nil {
		return fail(text.Store.ChainBroken, br.Message(lang))
	}
	fmt.Fprintln(env.Stderr, "desk: "+text.Store.ChainOK.F(lang, n))
	return nil
}

// sameReport reports whether month's report, as of the same time, is the
// same on both desks (as filed: its JSON).
func sameReport(ctx context.Context, a, b *desk.Desk, m report.Month, asOf time.Time) (bool, error) {
	ra, err := a.ReportSource().Monthly(ctx, m, asOf)
	if err != nil {
		return false, err
	}
	rb, err := b.ReportSource().Monthly(ctx, m, asOf)
	if err != nil {
		return false, err
	}
	ja, err := json.Marshal(ra)
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(rb)
	return bytes.Equal(ja, jb), err
}
