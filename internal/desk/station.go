package desk

// One station, several people (the laboratory's reception desk): the
// person at the terminal hands it over to another desk user — the
// receptionist to the quality manager, who approves, then to the
// authorised signatory — by typing that user's PIN or password. Every
// event then records the user now acting. A PIN is kept only as a salted
// bcrypt hash; it is never stored, logged or shown in clear. Wrong PINs in
// a row lock the user out for a while; every attempt is logged.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"complaintdesk/store"
)

const (
	// PINMinLen and PINMaxLen bound a PIN or password, in characters
	// (bcrypt reads at most 72 bytes).
	PINMinLen = 4
	PINMaxLen = 64
	// pinTries wrong PINs in a row lock the user out for pinLockout.
	pinTries   = 5
	pinLockout = 15 * time.Minute
)

// pinCost is bcrypt's work factor (about 50 ms a check).
var pinCost = bcrypt.DefaultCost

// dummyHash is checked against when a user has no PIN, so that an unknown
// user takes as long to refuse as a wrong PIN. Made on first use.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such pin"), bcrypt.DefaultCost)
	return h
})

func pinProblem(zh, en string) error {
	return &ValidationError{Problems: []Problem{{Field: "pin", ZH: zh, EN: en}}}
}

// checkPIN says what is wrong with a new PIN ("" when nothing).
func checkPIN(pin string) error {
	n := utf8.RuneCountInString(pin)
	switch {
	case n < PINMinLen:
		return pinProblem(fmt.Sprintf("PIN 至少 %d 位", PINMinLen), fmt.Sprintf("the PIN needs at least %d characters", PINMinLen))
	case n > PINMaxLen || len(pin) > 72:
		return pinProblem(fmt.Sprintf("PIN 最多 %d 位", PINMaxLen), fmt.Sprintf("the PIN has at most %d characters", PINMaxLen))
	case strings.IndexFunc(pin, unicode.IsControl) >= 0:
		return pinProblem("PIN 不能含控制字符", "the PIN must not contain control characters")
	case strings.Count(pin, string([]rune(pin)[0])) == n:
		return pinProblem("PIN 不能全是同一个字符", "the PIN must not be one character repeated")
	}
	return nil
}

// SetPIN sets user's station PIN (or password). Administrators set
// anyone's; a user sets their own. Only a salted hash is kept.
func (d *Desk) SetPIN(ctx context.Context, by Actor, user, pin string) error {
	if by.Role != "admin" && by.Name != user {
		return &ForbiddenError{Action: "pin", Err: fmt.Errorf("only an administrator may set another user's PIN (you are %s, %s)", by.Name, by.Role)}
	}
	if err := checkPIN(pin); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), pinCost)
	if err != nil {
		return err
	}
	return d.st.Write(ctx, func(tx store.Tx) error {
		u, err := tx.User(user)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no user %q (see desk users list): %w", user, err)
		}
		if err != nil {
			return err
		}
		if u.Disabled {
			return fmt.Errorf("%q is disabled", user)
		}
		return tx.PutPIN(&store.UserPIN{User: user, Hash: string(hash), SetAt: d.Now(), SetBy: by.Name})
	})
}

// StationUsers lists the active users who have a PIN: who may take the
// station over.
func (d *Desk) StationUsers(ctx context.Context) ([]store.User, error) {
	var out []store.User
	err := d.st.Read(ctx, func(tx store.Tx) error {
		names, err := tx.PINUsers()
		if err != nil {
			return err
		}
		for _, n := range names {
			u, err := tx.User(n)
			if err != nil {
				return err
			}
			out = append(out, *u)
		}
		return nil
	})
	return out, err
}

// SwitchTo checks name's PIN and returns name as the actor of the station
// from now on. from is who was acting. A wrong PIN is counted; after
// pinTries in a row the user is locked out for pinLockout. Every attempt
// is logged, never the PIN.
func (d *Desk) SwitchTo(ctx context.Context, from Actor, name, pin string) (Actor, error) {
	name = strings.TrimSpace(name)
	var u *store.User
	var rec *store.UserPIN
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		if u, err = tx.User(name); err != nil {
			return err
		}
		rec, err = tx.PIN(name)
		return err
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return Actor{}, err
	}
	now := d.Now()
	log := func(ok bool, why string) error {
		return d.st.Write(ctx, func(tx store.Tx) error {
			return tx.LogSwitch(&store.StationSwitch{At: now, From: from.Name, To: name, OK: ok, Why: why})
		})
	}
	if u == nil || rec == nil || u.Disabled {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(pin))
		_ = log(false, "no such user with a PIN")
		return Actor{}, pinProblem("用户名或 PIN 不正确", "wrong user or PIN")
	}
	if now.Before(rec.LockedUntil) {
		_ = log(false, "locked")
		mins := int(rec.LockedUntil.Sub(now).Minutes()) + 1
		return Actor{}, pinProblem(fmt.Sprintf("%s 输错 PIN 次数过多，已锁定，请 %d 分钟后再试", name, mins),
			fmt.Sprintf("too many wrong PINs for %s: locked, try again in %d minute(s)", name, mins))
	}
	if bcrypt.CompareHashAndPassword([]byte(rec.Hash), []byte(pin)) != nil {
		err := d.st.Write(ctx, func(tx store.Tx) error {
			r, err := tx.PIN(name)
			if err != nil {
				return err
			}
			r.Failures++
			if r.Failures >= pinTries {
				r.Failures, r.LockedUntil = 0, now.Add(pinLockout)
			}
			if err := tx.PutPIN(r); err != nil {
				return err
			}
			return tx.LogSwitch(&store.StationSwitch{At: now, From: from.Name, To: name, Why: "wrong PIN"})
		})
		if err != nil {
			return Actor{}, err
		}
		return Actor{}, pinProblem("用户名或 PIN 不正确", "wrong user or PIN")
	}
	err = d.st.Write(ctx, func(tx store.Tx) error {
		if rec.Failures > 0 || !rec.LockedUntil.IsZero() {
			rec.Failures, rec.LockedUntil = 0, time.Time{}
			if err := tx.PutPIN(rec); err != nil {
				return err
			}
		}
		return tx.LogSwitch(&store.StationSwitch{At: now, From: from.Name, To: name, OK: true})
	})
	if err != nil {
		return Actor{}, err
	}
	return Actor{Name: u.Name, Role: u.Role}, nil
}

// StationLog lists the latest attempts to take the station over (to
// administrators and supervising roles).
func (d *Desk) StationLog(ctx context.Context, a Actor, limit int) ([]store.StationSwitch, error) {
	r := d.Policy().Role(a.Role)
	if a.Role != "admin" && (r == nil || !r.Supervisor) {
		return nil, &ForbiddenError{Action: "station-log", Err: fmt.Errorf("only administrators and supervisors may read the station log (you are %s, %s)", a.Name, a.Role)}
	}
	var out []store.StationSwitch
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.StationLog(limit)
		return err
	})
	return out, err
}
