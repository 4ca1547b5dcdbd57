package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/store"
)

// TestQueuePlansUseIndexes checks with EXPLAIN QUERY PLAN that every queue
// tab's first page comes from an index in the order asked for (no scan of
// the cases table, no sort of all its rows), and that counts use an index
// too. The database is empty, but there are no statistics (ANALYZE) in the
// big one either, so the planner chooses the same way. How fast the plans
// are at 1,000,000 cases is in bench_test.go and docs/benchmarks.md.
func TestQueuePlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	tabs := map[string]store.Query{
		"all":        {},
		"mine":       {Tab: store.TabMine, User: "李娜"},
		"unassigned": {Tab: store.TabUnassigned},
		"due-today":  {Tab: store.TabDueToday, Now: now, DayEnd: now.Add(14 * time.Hour)},
		"overdue":    {Tab: store.TabOverdue, Now: now},
		"revisit":    {Tab: store.TabRevisit},
		"status":     {Status: "revisited"},
		"grade":      {Grade: "A"},
	}
	for name, q := range tabs {
		q.Limit = 50
		for _, s := range []store.Sort{store.SortDue, store.SortReceived, store.SortNumber, store.SortGrade} {
			if name != "all" && s != store.SortDue {
				continue // other sorts of a small tab may sort its rows
			}
			q.Sort = s
			plan, err := queryPlan(db.reader, q, false, false)
			if err != nil {
				t.Fatal(err)
			}
			// Newest number first reads the table itself backwards, in order.
			if bad := planProblem(plan, true, s == store.SortNumber); bad != "" {
				t.Errorf("list %s sort %d: %s: %s", name, s, bad, strings.Join(plan, " | "))
			}
		}
		plan, err := queryPlan(db.reader, q, true, false)
		if err != nil {
			t.Fatal(err)
		}
		if bad := planProblem(plan, false, false); bad != "" {
			t.Errorf("count %s: %s: %s", name, bad, strings.Join(plan, " | "))
		}
	}
}

// TestSearchPlans checks both ways a search is read (see searchLookupMax):
// a rare word drives the query through the search index and looks its few
// cases up by id; a common one is probed while the tab's index gives the
// order, so the first page needs no sort of every match.
func TestSearchPlans(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []store.Query{
		{Search: "退款"},
		{Search: "5678", Tab: store.TabMine, User: "李娜"},
		{Search: "refund", Tab: store.TabOverdue, Now: time.Now()},
	} {
		q.Limit = 50
		lookup, err := queryPlan(db.reader, q, false, false)
		if err != nil {
			t.Fatal(err)
		}
		// A tab's own index may still be the better start (Mine: a few
		// hundred cases); on the whole queue the matches must drive.
		byID := strings.Contains(strings.Join(lookup, " | "), "SEARCH c USING INTEGER PRIMARY KEY")
		if q.Tab == store.TabAll && !byID || planProblem(lookup, false, false) != "" {
			t.Errorf("lookup %q tab %d: does not look the matches up by id: %s", q.Search, q.Tab, strings.Join(lookup, " | "))
		}
		probe, err := queryPlan(db.reader, q, false, true)
		if err != nil {
			t.Fatal(err)
		}
		if bad := planProblem(probe, true, false); bad != "" {
			t.Errorf("probe %q tab %d: %s: %s", q.Search, q.Tab, bad, strings.Join(probe, " | "))
		}
	}
}

// planProblem says what is wrong with a plan: a scan of the cases table
// without an index (unless in rowid order is the order asked for), or (when
// ordered) a sort of its rows.
func planProblem(plan []string, ordered, rowidOrder bool) string {
	for _, step := range plan {
		if (step == "SCAN c" || step == "SCAN cases") && !rowidOrder {
			return "scans the cases table"
		}
		if ordered && strings.Contains(step, "TEMP B-TREE FOR ORDER BY") {
			return "sorts the rows instead of reading them in index order"
		}
	}
	return ""
}
