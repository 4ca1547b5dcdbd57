package detail

import (
	"errors"
	"slices"
	"sort"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/safetext"
	"complaintdesk/store"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
	"complaintdesk/ui/keys"
	"complaintdesk/ui/text"
)

// The page's names and keys of the steps all come from the registry
// (internal/desk/actions) under the policy in force.

// moreAction is the picker of the steps that have no key.
const moreAction = "more"

// verb names a step as something to do (keys, titles, messages).
func verb(c *common.Common, action string) string {
	if action == moreAction {
		return c.T(text.Keys.MoreActions)
	}
	return safetext.Line(c.Label(actions.Verb(c.Policy(), action)))
}

// shortVerb names a step on the key bar, where space is short.
func shortVerb(c *common.Common, action string) string {
	if d := actions.For(c.Policy(), action); d != nil {
		return safetext.Line(c.Label(d.ShortName()))
	}
	return verb(c, action)
}

// actionName is an event's step as the history shows it.
func actionName(c *common.Common, action string) string {
	return safetext.Line(c.Label(actions.Done(c.Policy(), action)))
}

// reservedKeys are the page's own keys and those of every page: a step's
// key among them is ignored.
var reservedKeys = func() map[string]bool {
	k := keys.Detail
	out := map[string]bool{}
	for _, b := range append([]keys.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.More, k.Reveal, k.Reload, k.Back},
		keys.App.Everywhere()...) {
		for _, key := range b.Keys {
			out[key] = true
		}
	}
	return out
}()

// keyOf is a step's key on the page ("" when it has none, or when it is
// one of the page's own keys or an earlier step's).
func keyOf(c *common.Common, action string) string {
	if action == moreAction {
		return keys.Detail.More.Label
	}
	for _, d := range keyed(c) {
		if d.ID == action {
			return d.Key
		}
	}
	return ""
}

// keyed are the steps of the policy with a usable key: the policy's own
// first (in policy order), then the desk's. A policy's key that is one of
// the page's own keys or a desk step's is ignored.
func keyed(c *common.Common) []*actions.Def {
	deskKeys := map[string]bool{}
	for _, d := range actions.Builtin() {
		deskKeys[d.Key] = true
	}
	var own, desk []*actions.Def
	taken := map[string]bool{}
	for _, d := range actions.All(c.Policy()) {
		switch {
		case d.Key == "" || reservedKeys[d.Key]:
		case actions.IsBuiltin(d.ID):
			desk = append(desk, d)
		case !deskKeys[d.Key] && !taken[d.Key]:
			taken[d.Key] = true
			own = append(own, d)
		}
	}
	return append(own, desk...)
}

// actionForKey is the step on key k ("" when none).
func actionForKey(c *common.Common, k string) string {
	if slices.Contains(keys.Detail.More.Keys, k) {
		return moreAction
	}
	for _, d := range keyed(c) {
		if d.Key == k {
			return d.ID
		}
	}
	return ""
}

// allowedActions are the steps with a key the user may take now, in key
// order ("more" when some possible steps have no key).
func allowedActions(c *common.Common, cs *store.Case) []string {
	offered := c.Policy().ActionsFor(cs.Status, c.Actor.Role, cs.Grade)
	var out []string
	for _, d := range keyed(c) {
		if slices.Contains(offered, d.ID) {
			out = append(out, d.ID)
		}
	}
	if len(moreActions(c, cs)) > 0 {
		out = append(out, moreAction)
	}
	return out
}

// moreActions are the steps without a key the user may take now (the gsp
// preset's forward, dispatch, decide, ...).
func moreActions(c *common.Common, cs *store.Case) []string {
	var out []string
	for _, a := range c.Policy().ActionsFor(cs.Status, c.Actor.Role, cs.Grade) {
		if d := actions.For(c.Policy(), a); d != nil && !d.Internal && keyOf(c, a) == "" {
			out = append(out, a)
		}
	}
	return out
}

// fieldOrder is the order changes are listed in; other keys follow sorted.
var fieldOrder = []string{"status", "grade", "grade_reason", "category", "handler", "department",
	"expected_by", "resolution", "reply", "satisfaction", "reopen_count", "channel", "nature", "received"}

// fieldName labels a changed field in the history (the registry's label).
func fieldName(c *common.Common, k string) string {
	return safetext.Line(c.Label(actions.Label(c.Policy(), k)))
}

// changedKeys lists the keys of before and after in display order.
func changedKeys(before, after map[string]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range fieldOrder {
		_, b := before[k]
		_, a := after[k]
		if a || b {
			out = append(out, k)
			seen[k] = true
		}
	}
	var rest []string
	for _, m := range []map[string]string{before, after} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				rest = append(rest, k)
			}
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// fieldValue shows a stored value of a history field in the language.
func fieldValue(c *common.Common, k, v string) string {
	return safetext.Line(components.FieldValue(c.Policy(), k, v, c.Lang, c.Loc()))
}

// agreementName is the customer's agreement in the language.
func agreementName(c *common.Common, v string) string {
	return safetext.Line(c.Label(actions.AgreementLabel(v)))
}

// flagNames are case flags in the language.
func flagNames(c *common.Common, ids []string) string {
	return safetext.Line(components.FlagNames(c.Policy(), ids, c.Lang))
}

// whyNot says, in the language, why action is not possible on the case
// for the user now; "" when it is possible. The words are the desk's
// (desk.Check): the command line refuses with the same.
func whyNot(c *common.Common, action string, cs *store.Case) string {
	if action == moreAction {
		if len(moreActions(c, cs)) == 0 {
			return c.T(text.Detail.NoMore)
		}
		return ""
	}
	err := c.Desk.Check(cs, action, c.Actor)
	if err == nil {
		return ""
	}
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		return safetext.Line(ve.Problems[0].Message(c.Lang))
	}
	return safetext.Line(c.ErrorText(err))
}
