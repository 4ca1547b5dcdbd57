package desk

import (
	"context"
	"fmt"

	"complaintdesk/store"
)

// HistoryBreak is the first event whose place in its case's history chain
// is broken: an event was changed, removed or put in between.
type HistoryBreak struct {
	Number  string
	EventID int64
	Why     string
	// Truncated: the history ends early, after EventID (0: none is left);
	// the events written after it were removed.
	Truncated bool
}

// Message says where the history was tampered with, in the language.
func (b *HistoryBreak) Message(lang string) string {
	if b.Truncated {
		if lang == "zh" {
			return fmt.Sprintf("投诉单 %s 的处理记录在第 %d 号记录之后被截断（之后写入的记录被删除）", b.Number, b.EventID)
		}
		return fmt.Sprintf("case %s: the history ends early, after event %d: the events written after it were removed", b.Number, b.EventID)
	}
	if lang == "zh" {
		return fmt.Sprintf("投诉单 %s 的第 %d 号记录起链条断开（记录被修改、删除或插入）", b.Number, b.EventID)
	}
	return fmt.Sprintf("case %s: the chain breaks at event %d: %s", b.Number, b.EventID, b.Why)
}

// CheckHistory verifies every case's history chain (store.CheckChain) and
// returns how many events it checked and the first break, if any.
func (d *Desk) CheckHistory(ctx context.Context) (int, *HistoryBreak, error) {
	n := 0
	var br *store.ChainBreak
	truncated := false
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var cur []store.Event
		flush := func() {
			if br == nil && len(cur) > 0 {
				br = store.CheckChain(cur)
			}
			cur = cur[:0]
		}
		err := tx.EachEvent(func(e *store.Event) error {
			n++
			if len(cur) > 0 && cur[0].CaseID != e.CaseID {
				flush()
			}
			cur = append(cur, *e)
			return nil
		})
		flush()
		if err != nil || br != nil {
			return err
		}
		// the chain cannot see its own end: the store kept each case's last
		// written event apart
		id, kept, err := tx.TruncatedHistory()
		if id != 0 {
			br, truncated = &store.ChainBreak{CaseID: id, EventID: kept, Why: "its last events were removed"}, true
		}
		return err
	})
	if err != nil || br == nil {
		return n, nil, err
	}
	out := &HistoryBreak{EventID: br.EventID, Why: br.Why, Truncated: truncated}
	_ = d.st.Read(ctx, func(tx store.Tx) error {
		if c, err := tx.CaseByID(br.CaseID); err == nil {
			out.Number = c.Number
		}
		return nil
	})
	return n, out, nil
}
