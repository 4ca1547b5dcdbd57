// Package redact masks the passwords of database connection strings (URLs
// and keyword strings) in what the desk prints: one place for the command
// line's messages and the PostgreSQL store's errors.
package redact

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
)

const mask = "xxxxx"

// passwordParam is a password among the parameters of a keyword string
// or a URL's query: password=…, sslpassword=…, quoted or not.
var passwordParam = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(\b[a-z_]*password)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)`)
})

// userinfoPassword is the password of a URL's user information, for a URL
// net/url cannot parse.
var userinfoPassword = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(://[^:/@\s]*:)([^@]*)@`) })

// DSN is dsn fit to print: the password of a URL (user:PASSWORD@)
// and any password parameter of a URL or a keyword string masked.
func DSN(dsn string) string {
	s := dsn
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			s = u.Redacted()
		}
	} else {
		s = userinfoPassword().ReplaceAllString(s, "${1}"+mask+"@")
	}
	return passwordParam().ReplaceAllString(s, "${1}${2}"+mask)
}

// passwords are the secrets written in dsn, as typed and unescaped.
func passwords(dsn string) []string {
	var out []string
	add := func(p string) {
		if p == "" {
			return
		}
		out = append(out, p)
		if q, err := url.PathUnescape(p); err == nil && q != p {
			out = append(out, q)
		}
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		p, _ := u.User.Password()
		add(p)
	}
	for _, m := range userinfoPassword().FindAllStringSubmatch(dsn, -1) {
		add(m[2])
	}
	for _, m := range passwordParam().FindAllStringSubmatch(dsn, -1) {
		add(strings.Trim(m[3], "'"))
	}
	return out
}

// Scrub masks in msg every password of dsn (a driver may quote the
// connection string it was given).
func Scrub(msg, dsn string) string {
	for _, p := range passwords(dsn) {
		msg = strings.ReplaceAll(msg, p, mask)
	}
	return passwordParam().ReplaceAllString(msg, "${1}${2}"+mask)
}
