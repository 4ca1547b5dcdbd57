package sqlite

import (
	"database/sql"
	"strings"
	"testing"
)

// The audit by user reads the partial index of reveals, not every event.
func TestAuditByActorUsesTheRevealIndex(t *testing.T) {
	db, ctx := stOpen(t)
	rows, err := db.reader.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT e.id FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.action = 'reveal' AND e.actor = $1 ORDER BY e.id`, "qa1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail sql.NullString
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail.String)
	}
	if p := strings.Join(plan, "\n"); !strings.Contains(p, "events_reveal_actor") {
		t.Errorf("the plan does not use events_reveal_actor:\n%s", p)
	}
}
