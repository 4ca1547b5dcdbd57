package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
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
