package desk_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

func newPublicKey(t *testing.T) (gossh.PublicKey, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pk, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))) + " lina@laptop"
}

func TestKeysLogInAsTheirUserUntilDisabled(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	admin := desk.Actor{Name: "admin", Role: "admin"}
	if err := e.d.AddUser(e.ctx, store.User{Name: "李娜", Role: "agent"}); err != nil {
		t.Fatal(err)
	}
	if err := e.d.AddUser(e.ctx, store.User{Name: "王强", Role: "agent"}); err != nil {
		t.Fatal(err)
	}
	pk, line := newPublicKey(t)
	other, _ := newPublicKey(t)

	added, err := e.d.AddKeys(e.ctx, admin, "李娜", "# 李娜's laptop\n\n"+line+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].Fingerprint != desk.Fingerprint(pk) || added[0].Comment != "lina@laptop" || added[0].AddedBy != "admin" {
		t.Fatalf("added %+v", added)
	}
	if _, err := e.d.AddKeys(e.ctx, admin, "王强", line); !errors.Is(err, store.ErrDuplicate) || !strings.Contains(err.Error(), "李娜") {
		t.Errorf("the same key for a second user: %v; want a duplicate naming 李娜", err)
	}
	if _, err := e.d.AddKeys(e.ctx, admin, "nobody", line); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a key for no user: %v", err)
	}
	if _, err := e.d.AddKeys(e.ctx, admin, "王强", "ssh-ed25519 not-base64"); err == nil {
		t.Error("a broken key was accepted")
	}

	u, err := e.d.UserForKey(e.ctx, pk)
	if err != nil || u.Name != "李娜" {
		t.Fatalf("UserForKey = %v, %v", u, err)
	}
	if _, err := e.d.UserForKey(e.ctx, other); !errors.Is(err, desk.ErrUnknownKey) {
		t.Errorf("an unknown key: %v; want ErrUnknownKey", err)
	}
	if err := e.d.DisableUser(e.ctx, "李娜"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.UserForKey(e.ctx, pk); !errors.Is(err, desk.ErrUnknownUser) {
		t.Errorf("a disabled user's key: %v; want ErrUnknownUser", err)
	}

	fp, err := e.d.RemoveKey(e.ctx, "李娜", line)
	if err != nil || fp != desk.Fingerprint(pk) {
		t.Fatalf("RemoveKey = %q, %v", fp, err)
	}
	if _, err := e.d.UserForKey(e.ctx, pk); !errors.Is(err, desk.ErrUnknownKey) {
		t.Errorf("a removed key: %v; want ErrUnknownKey", err)
	}
	if _, err := e.d.RemoveKey(e.ctx, "李娜", fp); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removing it twice: %v", err)
	}
}

func TestRevealIsAnAuditedEventThatChangesNothing(t *testing.T) {
	e := ucOpen(t, ucAt(2026, 11, 22, 10, 0))
	c := e.register(ucAgent, ucReg())
	opened := c.Version

	// qa sees masked data and may reveal it, with a reason
	if _, err := e.d.Reveal(e.ctx, ucQA, c.Number, "  "); err == nil {
		t.Fatal("a reveal without a reason was accepted")
	}
	var fe *desk.ForbiddenError
	if _, err := e.d.Reveal(e.ctx, desk.Actor{Name: "t1", Role: "nobody"}, c.Number, "why"); !errors.As(err, &fe) {
		t.Errorf("a role without reveal_pii: %v", err)
	}
	e.advance(time.Minute)
	people, err := e.d.Reveal(e.ctx, ucQA, c.Number, "公司级回访需要联系客户")
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 1 || people[0].Phone != "13812345678" || people[0].Name != "张三" {
		t.Errorf("revealed %+v", people)
	}
	after, evs := e.load(c.Number)
	if after.Version != opened {
		t.Errorf("the reveal changed the case version %d → %d", opened, after.Version)
	}
	last := evs[len(evs)-1]
	if last.Action != "reveal" || last.Actor != ucQA.Name || last.Reason != "公司级回访需要联系客户" || !last.At.Equal(e.now) {
		t.Errorf("the history's last event is %+v", last)
	}
	// an agent sees the data anyway: no event
	if _, err := e.d.Reveal(e.ctx, ucAgent, c.Number, ""); err != nil {
		t.Fatal(err)
	}
	if _, evs2 := e.load(c.Number); len(evs2) != len(evs) {
		t.Errorf("a role that sees personal data anyway added an event")
	}

	// a form opened before the reveal still saves, and a conflict names who changed the case, not who looked
	e.apply(ucAgent2, desk.Action{Number: c.Number, Version: opened, Name: "acknowledge", ExpectedBy: e.now.Add(24 * time.Hour)})
	if _, err := e.d.Reveal(e.ctx, ucQA, c.Number, "再次核实"); err != nil {
		t.Fatal(err)
	}
	_, err = e.d.Apply(e.ctx, ucAgent, desk.Action{Number: c.Number, Version: opened, Name: "assign", Handler: "李娜"})
	var ce *desk.ConflictError
	if !errors.As(err, &ce) || ce.By != ucAgent2.Name || ce.Action != "acknowledge" {
		t.Errorf("conflict after a reveal: %v", err)
	}

	// the audit, by case and by user
	byCase, err := e.d.Audit(e.ctx, ucSupervisor, desk.AuditFilter{Number: c.Number})
	if err != nil || len(byCase) != 2 || byCase[0].Reason != "公司级回访需要联系客户" {
		t.Errorf("audit by case: %+v, %v", byCase, err)
	}
	if _, err := e.d.Audit(e.ctx, ucAgent, desk.AuditFilter{Number: c.Number}); !errors.As(err, &fe) {
		t.Errorf("an agent read the audit of others: %v", err)
	}
	if err := e.d.AddUser(e.ctx, store.User{Name: ucQA.Name, Role: "qa"}); err != nil {
		t.Fatal(err)
	}
	mine, err := e.d.Audit(e.ctx, ucQA, desk.AuditFilter{User: ucQA.Name})
	if err != nil || len(mine) != 2 || mine[1].Number != c.Number {
		t.Errorf("audit by user: %+v, %v", mine, err)
	}
}
