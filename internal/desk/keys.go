package desk

import (
	"bufio"
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"complaintdesk/store"
)

// ErrUnknownKey: no desk user has this SSH key.
var ErrUnknownKey = errors.New("no desk user has this key")

// Fingerprint is a public key's SHA256 fingerprint as ssh-keygen -l prints it.
func Fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }

// ParseKeys reads public keys in authorized_keys form: one per line, blank
// lines and # comments skipped (a .pub file or an authorized_keys file).
// Certificates, DSA and RSA keys shorter than 2048 bits are refused.
func ParseKeys(text string) ([]store.UserKey, error) {
	var out []store.UserKey
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pk, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("line %d: not an SSH public key (paste the line of the .pub file, e.g. \"ssh-ed25519 AAAA... name@host\")", n)
		}
		if len(options) > 0 {
			return nil, fmt.Errorf("line %d: key options (%s) are not supported; give the key alone", n, strings.Join(options, ","))
		}
		if err := acceptableKey(pk); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, store.UserKey{
			Fingerprint: Fingerprint(pk),
			Type:        pk.Type(),
			Key:         strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))),
			Comment:     strings.TrimSpace(comment),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no SSH public key found")
	}
	return out, nil
}

func acceptableKey(pk gossh.PublicKey) error {
	if _, ok := pk.(*gossh.Certificate); ok {
		return errors.New("certificates are not supported; give the plain public key")
	}
	switch pk.Type() {
	case gossh.KeyAlgoDSA:
		return errors.New("DSA keys are too weak; use ssh-ed25519 (ssh-keygen -t ed25519)")
	case gossh.KeyAlgoRSA:
		if cp, ok := pk.(gossh.CryptoPublicKey); ok {
			if rk, ok := cp.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < 2048 {
				return fmt.Errorf("an RSA key of %d bits is too weak; use ssh-ed25519 or RSA of 2048 bits or more", rk.N.BitLen())
			}
		}
	}
	return nil
}

// AddKeys lets the user log in over SSH with each key of text (see
// ParseKeys). A key that already belongs to someone is refused, and then
// nothing is added.
func (d *Desk) AddKeys(ctx context.Context, by Actor, user, text string) ([]store.UserKey, error) {
	keys, err := ParseKeys(text)
	if err != nil {
		return nil, err
	}
	now := d.Now()
	err = d.st.Write(ctx, func(tx store.Tx) error {
		if _, err := tx.User(user); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no user %q (see desk users list): %w", user, err)
			}
			return err
		}
		for i := range keys {
			k := &keys[i]
			k.User, k.AddedAt, k.AddedBy = user, now, by.Name
			if prev, err := tx.KeyByFingerprint(k.Fingerprint); err == nil {
				if prev.User == user {
					return fmt.Errorf("%s already has the key %s: %w", user, k.Fingerprint, store.ErrDuplicate)
				}
				return fmt.Errorf("the key %s already belongs to %s; a key logs in as one user only: %w", k.Fingerprint, prev.User, store.ErrDuplicate)
			}
			if err := tx.PutKey(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return keys, nil
}

// RemoveKey stops a key logging in as user: keyOrFingerprint is the
// fingerprint (SHA256:...) or the public key itself. It returns the
// fingerprint removed.
func (d *Desk) RemoveKey(ctx context.Context, user, keyOrFingerprint string) (string, error) {
	fp := strings.TrimSpace(keyOrFingerprint)
	if !strings.HasPrefix(fp, "SHA256:") {
		keys, err := ParseKeys(fp)
		if err != nil {
			return "", fmt.Errorf("give the key's fingerprint (SHA256:..., see desk users keys list) or the public key: %w", err)
		}
		fp = keys[0].Fingerprint
	}
	err := d.st.Write(ctx, func(tx store.Tx) error { return tx.DeleteKey(user, fp) })
	return fp, err
}

// Keys lists the keys of user ("" for every user).
func (d *Desk) Keys(ctx context.Context, user string) ([]store.UserKey, error) {
	var out []store.UserKey
	err := d.st.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.Keys(user)
		return err
	})
	return out, err
}

// UserForKey is the active desk user who logs in with the key: ErrUnknownKey
// when no user has it, ErrUnknownUser when its user is disabled.
func (d *Desk) UserForKey(ctx context.Context, pk gossh.PublicKey) (*store.User, error) {
	fp := Fingerprint(pk)
	var u *store.User
	err := d.st.Read(ctx, func(tx store.Tx) error {
		k, err := tx.KeyByFingerprint(fp)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%s: %w", fp, ErrUnknownKey)
		}
		if err != nil {
			return err
		}
		u, err = tx.User(k.User)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%s belongs to %q, who is not a user: %w", fp, k.User, ErrUnknownKey)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return u, fmt.Errorf("%q is disabled: %w", u.Name, ErrUnknownUser)
	}
	return u, nil
}

// AddUserWithKeys creates or updates a user and adds their keys in one
// transaction: a bad or already-owned key leaves the user untouched too.
func (d *Desk) AddUserWithKeys(ctx context.Context, by Actor, u store.User, keyText string) ([]store.UserKey, error) {
	u.Name = strings.TrimSpace(u.Name)
	if !validUserName(u.Name) {
		return nil, fmt.Errorf("user name %q: use letters, digits, '.', '_' or '-' (64 at most)", u.Name)
	}
	if d.Policy().Role(u.Role) == nil {
		return nil, fmt.Errorf("unknown role %q for this desk's policy", u.Role)
	}
	keys, err := ParseKeys(keyText)
	if err != nil {
		return nil, err
	}
	now := d.Now()
	err = d.st.Write(ctx, func(tx store.Tx) error {
		if err := tx.PutUser(&u); err != nil {
			return err
		}
		for i := range keys {
			k := &keys[i]
			k.User, k.AddedAt, k.AddedBy = u.Name, now, by.Name
			if prev, err := tx.KeyByFingerprint(k.Fingerprint); err == nil {
				if prev.User == u.Name {
					continue // already theirs
				}
				return fmt.Errorf("the key %s already belongs to %s; a key logs in as one user only: %w", k.Fingerprint, prev.User, store.ErrDuplicate)
			}
			if err := tx.PutKey(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return keys, nil
}
