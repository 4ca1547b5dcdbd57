package redact

import (
	"strings"
	"testing"
)

func TestDSNMasksThePassword(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://desk:s3cret@db.example:5432/desk?sslmode=require", "postgres://desk:xxxxx@db.example:5432/desk?sslmode=require"},
		{"postgresql://desk@db/desk", "postgresql://desk@db/desk"},
		{"postgres://db/desk?user=desk&password=s3cret", "postgres://db/desk?user=desk&password=xxxxx"},
		{"host=db user=desk password=s3cret dbname=desk", "host=db user=desk password=xxxxx dbname=desk"},
		{"host=db password='s3 cret' dbname=desk", "host=db password=xxxxx dbname=desk"},
		{"postgres://desk:s3cret@[bad", "postgres://desk:xxxxx@[bad"},
	} {
		if got := DSN(tc.in); got != tc.want {
			t.Errorf("DSN(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// A driver's message that quotes the connection string keeps none of its
// passwords, in either form.
func TestScrubTakesEveryPasswordOut(t *testing.T) {
	for _, tc := range []struct{ dsn, msg string }{
		{"postgres://desk:s3cret@db/desk", "failed to connect to `user=desk database=desk`: password s3cret rejected"},
		{"host=db user=desk password='s3 cret' dbname=desk", "cannot parse `host=db password='s3 cret'`"},
		{"postgres://db/desk?sslpassword=k3y", "tls: key k3y"},
	} {
		if got := Scrub(tc.msg, tc.dsn); strings.Contains(got, "s3cret") || strings.Contains(got, "s3 cret") || strings.Contains(got, "k3y") {
			t.Errorf("Scrub(%q, %q) = %q", tc.msg, tc.dsn, got)
		}
	}
}
