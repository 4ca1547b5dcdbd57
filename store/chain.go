package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// EventHash is the hash an event carries: SHA-256 over the hash of the
// case's event before it and every fact of the event, so that editing,
// removing or reordering an event breaks the chain from there on. Every
// store computes it the same way.
func EventHash(prev string, e *Event) string {
	before, _ := json.Marshal(nonNil(e.Before)) // json sorts map keys
	after, _ := json.Marshal(nonNil(e.After))
	parts := []string{
		"v1", prev, strconv.FormatInt(e.CaseID, 10),
		strconv.FormatInt(e.At.UnixMilli(), 10), strconv.FormatInt(e.Entered.UnixMilli(), 10),
		e.Actor, e.Action, e.Reason, e.Note, e.Late, string(before), string(after),
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p))) // length-prefixed: no two event lists read alike
		b.WriteByte(':')
		b.WriteString(p)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// ChainHistory chains a case's whole history written at once (an import,
// the demo) like history written at the desk: each event entered at now
// unless it says when, its times to the millisecond as stored, and its Prev
// and Hash set in order. The events' CaseID must be set.
func ChainHistory(events []Event, now time.Time) {
	prev := ""
	for k := range events {
		e := &events[k]
		if e.Entered.IsZero() {
			e.Entered = now
		}
		e.At, e.Entered = time.UnixMilli(e.At.UnixMilli()), time.UnixMilli(e.Entered.UnixMilli())
		e.Prev = prev
		e.Hash = EventHash(prev, e)
		prev = e.Hash
	}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// ChainBreak is the first event of a history whose hash does not follow
// from the events before it.
type ChainBreak struct {
	CaseID  int64
	EventID int64
	Why     string
}

// CheckChain verifies one case's history, in id order: nil when every
// event carries the hash of the one before and its own.
func CheckChain(evs []Event) *ChainBreak {
	prev := ""
	for i := range evs {
		e := &evs[i]
		switch {
		case e.Prev != prev:
			return &ChainBreak{CaseID: e.CaseID, EventID: e.ID, Why: "does not follow the event before it (an event was removed or changed)"}
		case e.Hash != EventHash(prev, e):
			return &ChainBreak{CaseID: e.CaseID, EventID: e.ID, Why: "its content does not match its hash (it was changed)"}
		}
		prev = e.Hash
	}
	return nil
}

// TruncatedHistorySQL is Tx.TruncatedHistory as both stores run it: a case
// whose last written event (the table chain_heads, which a trigger on events
// keeps) is gone or changed, or a case with no written event at all, with
// its last event still there.
const TruncatedHistorySQL = `SELECT case_id, COALESCE((SELECT max(id) FROM events x WHERE x.case_id = t.case_id), 0) FROM (
		SELECT h.case_id FROM chain_heads h LEFT JOIN events e ON e.id = h.event_id
			WHERE e.id IS NULL OR e.hash <> h.hash OR e.case_id <> h.case_id
		UNION ALL
		SELECT c.id FROM cases c LEFT JOIN chain_heads h ON h.case_id = c.id WHERE h.case_id IS NULL
	) t ORDER BY case_id LIMIT 1`
