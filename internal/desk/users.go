package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"complaintdesk/store"
)

// validUserName: a letter or digit, then up to 63 letters, digits, dots,
// underscores or hyphens. (A regexp of \p{L} classes cost every process
// 2.5 ms and 2.5 MB to compile at start-up.)
func validUserName(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && (n == 0 || r != '.' && r != '_' && r != '-') {
			return false
		}
		n++
	}
	return n >= 1 && n <= 64
}

// AddUser creates or updates a desk user.
func (d *Desk) AddUser(ctx context.Context, u store.User) error {
	_, err := d.AddUserMovingLogin(ctx, u)
	return err
}

// putUser stores a user; an OS login mapped to another user moves to this
// one (the person who created the desk adds themselves as an agent: their
// login now acts as the agent, and `--as` still acts as the administrator).
// It returns the user the login was taken from ("" when none).
func (d *Desk) putUser(ctx context.Context, u store.User) (from string, err error) {
	err = d.st.Write(ctx, func(tx store.Tx) error {
		if u.OSLogin != "" {
			prev, err := tx.UserByOSLogin(u.OSLogin)
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				return err
			case prev.Name != u.Name:
				from = prev.Name
				prev.OSLogin = ""
				if err := tx.PutUser(prev); err != nil {
					return err
				}
			}
		}
		return tx.PutUser(&u)
	})
	return from, err
}

// MovedLogin is the note the command line prints when an OS login moved
// from one user to another.
func MovedLogin(login, from, to, lang string) string {
	if lang == "zh" {
		return fmt.Sprintf("desk: 登录名 %s 原对应用户 %s，现对应 %s；以 %s 身份操作请加 --as %s", login, from, to, from, from)
	}
	return fmt.Sprintf("desk: the login %s acted as %s; it now acts as %s (act as %s with --as %s)", login, from, to, from, from)
}

// AddUserMovingLogin is AddUser that says whose OS login it took.
func (d *Desk) AddUserMovingLogin(ctx context.Context, u store.User) (from string, err error) {
	u.Name = strings.TrimSpace(u.Name)
	if !validUserName(u.Name) {
		return "", fmt.Errorf("user name %q: use letters, digits, '.', '_' or '-' (64 at most)", u.Name)
	}
	if d.Policy().Role(u.Role) == nil {
		return "", fmt.Errorf("unknown role %q for this desk's policy", u.Role)
	}
	return d.putUser(ctx, u)
}

// Users lists every user.
func (d *Desk) Users(ctx context.Context) ([]store.User, error) {
	var out []store.User
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.Users()
		return err
	})
	return out, err
}

// DisableUser stops a user from acting at the desk; their history stays.
func (d *Desk) DisableUser(ctx context.Context, name string) error {
	return d.st.Write(ctx, func(tx store.Tx) error {
		u, err := tx.User(name)
		if err != nil {
			return fmt.Errorf("no user %q: %w", name, err)
		}
		u.Disabled = true
		return tx.PutUser(u)
	})
}

// ErrUnknownUser: the person is not a user of this desk (or is disabled).
var ErrUnknownUser = errors.New("not a user of this desk")

// ActorFor resolves who acts: the named user, else the user mapped to the OS
// login. On a database with no users yet, the OS login becomes its first
// user, an administrator (the person who created the desk).
func (d *Desk) ActorFor(ctx context.Context, name, osLogin string) (Actor, error) {
	var u *store.User
	errNoUsers := errors.New("no users yet")
	lookup := func(tx store.Tx) error {
		var err error
		if name != "" {
			u, err = tx.User(name)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%q: %w (see desk users list)", name, ErrUnknownUser)
			}
			return err
		}
		u, err = tx.UserByOSLogin(osLogin)
		if err == nil || !errors.Is(err, store.ErrNotFound) {
			return err
		}
		n, err := tx.CountUsers()
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the OS account %q: %w; an administrator can map it with `desk users add NAME --role agent --os-user %s`", osLogin, ErrUnknownUser, osLogin)
		}
		return errNoUsers
	}
	// Every CLI command resolves its user: it is read without the write
	// lock (which another process's import may hold for a while); only a
	// desk's first user is written.
	err := d.st.Read(ctx, lookup)
	if errors.Is(err, errNoUsers) {
		err = d.st.Write(ctx, func(tx store.Tx) error {
			if err := lookup(tx); !errors.Is(err, errNoUsers) {
				return err // someone else made the first user meanwhile
			}
			u = &store.User{Name: safeUserName(osLogin), Role: "admin", OSLogin: osLogin, CreatedAt: time.Now()}
			if d.Policy().Role("admin") == nil && len(d.Policy().Roles) > 0 {
				u.Role = d.Policy().Roles[0].ID
			}
			return tx.PutUser(u)
		})
	}
	if err != nil {
		return Actor{}, err
	}
	if u.Disabled {
		return Actor{}, fmt.Errorf("%q is disabled: %w", u.Name, ErrUnknownUser)
	}
	return Actor{Name: u.Name, Role: u.Role}, nil
}

func safeUserName(login string) string {
	if validUserName(login) {
		return login
	}
	return "admin"
}

// SaveDraft keeps a half-typed form.
func (d *Desk) SaveDraft(ctx context.Context, user, key, data string) error {
	return d.st.Write(ctx, func(tx store.Tx) error {
		return tx.SaveDraft(&store.Draft{User: user, Key: key, Data: data, UpdatedAt: d.Now()})
	})
}

// Draft reads a kept form (store.ErrNotFound when none).
func (d *Desk) Draft(ctx context.Context, user, key string) (*store.Draft, error) {
	var out *store.Draft
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.Draft(user, key)
		return err
	})
	return out, err
}

// DeleteDraft forgets a form once it was saved or discarded.
func (d *Desk) DeleteDraft(ctx context.Context, user, key string) error {
	return d.st.Write(ctx, func(tx store.Tx) error { return tx.DeleteDraft(user, key) })
}
