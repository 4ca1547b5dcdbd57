package desk

import (
	"context"
	"sort"

	"complaintdesk/store"
)

// HandlerChoice is one person a case can be given to, with their open
// work: what a picker of handlers shows beside each name.
type HandlerChoice struct {
	Name    string
	Role    string
	Open    int
	Overdue int
}

// handlerLoadLimit bounds the handlers whose open work is counted; a desk
// has far fewer.
const handlerLoadLimit = 1000

// HandlerChoices lists the active users who may handle cases under the
// policy (every active user when it marks no role as handling), each with
// their open and overdue cases, the least loaded first.
func (d *Desk) HandlerChoices(ctx context.Context) ([]HandlerChoice, error) {
	p := d.Policy()
	handles := map[string]bool{}
	for _, r := range p.HandlerRoles() {
		handles[r] = true
	}
	var out []HandlerChoice
	err := d.st.Read(ctx, func(tx store.Tx) error {
		users, err := tx.Users()
		if err != nil {
			return err
		}
		loads, err := tx.HandlerLoads(d.Now(), handlerLoadLimit)
		if err != nil {
			return err
		}
		load := map[string]store.HandlerLoad{}
		for _, l := range loads {
			load[l.Handler] = l
		}
		for _, u := range users {
			if u.Disabled || (len(handles) > 0 && !handles[u.Role]) {
				continue
			}
			l := load[u.Name]
			out = append(out, HandlerChoice{Name: u.Name, Role: u.Role, Open: l.Open, Overdue: l.Overdue})
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue < out[j].Overdue
		}
		return out[i].Open < out[j].Open
	})
	return out, err
}
