package intake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strings"

	"complaintdesk/internal/safetext"
	"complaintdesk/ui/common"
	"complaintdesk/ui/components"
)

// DraftKey is the key the intake form's draft is kept under, per user
// (c.Desk.Draft(ctx, user, DraftKey)).
const DraftKey = "intake"

// draftVersion is written into every draft so a later form can tell an old
// shape from a new one.
const draftVersion = 1

// draftData is the JSON shape of a kept form: every field's text, the
// focused field and the idempotency key of the registration.
type draftData struct {
	V          int    `json:"v"`
	Idem       string `json:"idem"`
	Focus      string `json:"focus"`
	Channel    string `json:"channel"`
	Received   string `json:"received"`
	Late       string `json:"late,omitempty"`
	Phone      string `json:"phone"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Content    string `json:"content"`
	Demand     string `json:"demand"`
	Nature     string `json:"nature"`
	Category   string `json:"category"`
	Grade      string `json:"grade"`
	Collective string `json:"collective"`
	Subject    string `json:"subject"`
	// Others and Circumstances came later: an older draft has neither.
	Others        string   `json:"others,omitempty"`
	Circumstances []string `json:"circumstances,omitempty"`
	// Fields are the policy's intake fields (the lab's report number...).
	Fields map[string]string `json:"fields,omitempty"`
	// Address is a repeat caller's address taken over, from the case AddressFrom.
	Address     string `json:"address,omitempty"`
	AddressFrom string `json:"address_from,omitempty"`
}

func parseDraft(s string) (draftData, bool) {
	var d draftData
	if strings.TrimSpace(s) == "" {
		return d, false
	}
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return draftData{}, false
	}
	return d, true
}

func (d draftData) encode() string {
	b, err := json.Marshal(d)
	if err != nil { // a struct of strings always encodes
		return ""
	}
	return string(b)
}

// DraftSummary describes a kept intake draft in one terminal-safe line of at
// most width cells (phone, name and the start of the content), for a
// "resume your draft?" prompt. An unreadable draft gives "".
func DraftSummary(data string, width int) string {
	d, ok := parseDraft(data)
	if !ok {
		return ""
	}
	var parts []string
	for _, s := range []string{d.Phone, d.Email, d.Name, d.Content} {
		if s = strings.TrimSpace(safetext.Line(s)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.TrimRight(components.Fit(strings.Join(parts, "  "), width), " ")
}

// newIdemKey is a random idempotency key, made once per form and kept in
// its draft so a retried save never registers the complaint twice.
func newIdemKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("intake: no randomness for the idempotency key: " + err.Error())
	}
	return "intake-" + hex.EncodeToString(b[:])
}

// gate is common.Gate: a form's draft writes against its save or discard.
type gate = common.Gate
