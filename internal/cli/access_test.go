package cli_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func newKeyLine(t *testing.T, comment string) (line, fingerprint string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))) + " " + comment, gossh.FingerprintSHA256(pk)
}

func TestUsersKeysAndAudit(t *testing.T) {
	c := newCLIDesk(t)
	c.ok("init") // the OS user becomes the administrator
	line, fp := newKeyLine(t, "chen@laptop")
	file := filepath.Join(t.TempDir(), "chen.pub")
	if err := os.WriteFile(file, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// A bad key writes nothing, not even the user.
	if _, stderr, code := c.run("users", "add", "陈主管", "--role", "supervisor", "--key", "ssh-ed25519 AAAAnotakey"); code == 0 || !strings.Contains(stderr, "not an SSH public key") {
		t.Fatalf("a bad key: code %d, %q", code, stderr)
	}
	if out := c.ok("users", "list"); strings.Contains(out, "陈主管") {
		t.Fatalf("a refused add left the user:\n%s", out)
	}
	if out := c.ok("users", "add", "陈主管", "--role", "supervisor", "--key-file", file); !strings.Contains(out, fp) {
		t.Errorf("users add --key-file does not print the fingerprint:\n%s", out)
	}
	if out := c.ok("users", "list"); !strings.Contains(out, "KEYS") || !strings.Contains(out, "陈主管") {
		t.Errorf("users list:\n%s", out)
	}
	if out := c.ok("users", "keys", "list", "陈主管"); !strings.Contains(out, fp) || !strings.Contains(out, "chen@laptop") {
		t.Errorf("users keys list:\n%s", out)
	}
	c.ok("users", "add", "李娜", "--role", "agent")
	if _, stderr, code := c.run("users", "keys", "add", "李娜", "--key", line); code == 0 || !strings.Contains(stderr, "already belongs to 陈主管") {
		t.Errorf("one key for two users: code %d, %q", code, stderr)
	}
	if out := c.ok("users", "keys", "remove", "陈主管", fp); !strings.Contains(out, "removed "+fp) {
		t.Errorf("keys remove: %q", out)
	}
	if out := c.ok("users", "keys", "list"); strings.Contains(out, fp) {
		t.Errorf("the removed key is still listed:\n%s", out)
	}

	// The audit: who may read it, and what it lists.
	if _, stderr, code := c.run("audit"); code == 0 || !strings.Contains(stderr, "--case") {
		t.Errorf("audit without a filter: code %d, %q", code, stderr)
	}
	number := c.newCase("--name", "张三", "--phone", "13800138000", "--content", "退款未到账", "--grade", "C")
	if out := c.ok("audit", "--case", number); strings.Count(out, "\n") != 1 {
		t.Errorf("a case nobody revealed has audit entries:\n%s", out)
	}
	if _, stderr, code := c.run("audit", "--case", number, "--as", "李娜"); code == 0 || !strings.Contains(stderr, "only administrators and supervisors") {
		t.Errorf("an agent read the audit: code %d, %q", code, stderr)
	}
	if out := c.ok("audit", "--user", "李娜", "--as", "李娜"); !strings.Contains(out, "TIME") {
		t.Errorf("an agent's own audit: %q", out)
	}
}

// desk cases reveal is the terminal's p: a quality inspector, who sees
// personal data masked, sees it in full for a reason the history keeps;
// without a reason nothing is shown or written; a role that may not reveal
// is refused.
func TestCLIRevealIsAuditedAndNeedsAReason(t *testing.T) {
	c := newCLIDesk(t)
	c.users("李娜:agent", "质检甲:qa")
	n := c.newCase("--as", "李娜", "--name", "欧阳娜娜", "--phone", "13812349342", "--content", "快递延误", "--grade", "C")
	c.refused(n, []string{"--as", "质检甲", "cases", "reveal", n, "--reason", " "}, "原因", "reason")
	if out := c.ok("cases", "show", n, "--as", "质检甲"); strings.Contains(out, "13812349342") || strings.Contains(out, "欧阳娜娜") {
		t.Fatalf("a refused reveal showed the data:\n%s", out)
	}
	out := c.ok("cases", "reveal", n, "--as", "质检甲", "--reason", "核对回访电话")
	if !strings.Contains(out, "欧阳娜娜") || !strings.Contains(out, "13812349342") {
		t.Errorf("reveal printed %q", out)
	}
	if audit := c.ok("audit", "--case", n); !strings.Contains(audit, "质检甲") || !strings.Contains(audit, "核对回访电话") {
		t.Errorf("the reveal is not in the audit:\n%s", audit)
	}
}
