package text

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// each calls fn with every text of every group, named "Group.Field".
func each(t *testing.T, fn func(name string, tx T)) {
	t.Helper()
	for _, g := range Groups() {
		v := reflect.ValueOf(g.Texts)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			t.Errorf("group %s: want a pointer to a struct, got %T", g.Name, g.Texts)
			continue
		}
		s := v.Elem()
		for i := range s.NumField() {
			f := s.Type().Field(i)
			tx, ok := s.Field(i).Interface().(T)
			if !ok {
				t.Errorf("%s.%s is a %s, not a text.T", g.Name, f.Name, f.Type)
				continue
			}
			fn(g.Name+"."+f.Name, tx)
		}
	}
}

// Every text has both languages, and a format string takes the same
// values in both.
func TestEveryTextHasBothLanguages(t *testing.T) {
	n := 0
	each(t, func(name string, tx T) {
		n++
		if strings.TrimSpace(tx.ZH) == "" {
			t.Errorf("%s has no Chinese", name)
		}
		if strings.TrimSpace(tx.EN) == "" {
			t.Errorf("%s has no English", name)
		}
		zh, en := verbs(tx.ZH), verbs(tx.EN)
		if zh != en {
			t.Errorf("%s: the Chinese takes %q, the English %q\n  zh: %q\n  en: %q", name, zh, en, tx.ZH, tx.EN)
		}
	})
	if n < 100 {
		t.Errorf("only %d texts: are the groups registered in Groups()?", n)
	}
}

// A verb mismatch is caught: the test above can fail.
func TestVerbsTellFormatsApart(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"超时 %s：%s", "%s breached: %s", true},
		{"%d 天内有 %d 位", "%[2]d others within %[1]d days", true},
		{"通知 %s：%s %s %s", "%[1]s notices: %[2]s %[4]s by %[3]s", true},
		{"比例 %.0f%%", "ratio %.0f%%", true},
		{"%5.1f%%", "%[1]*.1f", false},
		{"在办 %d", "Open %s", false},
		{"在办 %d", "Open", false},
		{"%s 与 %s", "%[2]s and %[2]s", false},
		{"100%", "100%", true},
	} {
		if got := verbs(tc.a) == verbs(tc.b); got != tc.same {
			t.Errorf("verbs(%q)=%q verbs(%q)=%q: same=%v, want %v", tc.a, verbs(tc.a), tc.b, verbs(tc.b), got, tc.same)
		}
	}
}

// verbs describes the values a format string takes: "1:d 2:s", by the
// value's position, whatever order the sentence uses them in.
func verbs(f string) string {
	used := map[int][]string{}
	arg := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		index := func() {
			if i < len(f) && f[i] == '[' {
				end := strings.IndexByte(f[i:], ']')
				if end < 0 {
					used[-1] = append(used[-1], "bad index")
					i = len(f)
					return
				}
				n, err := strconv.Atoi(f[i+1 : i+end])
				if err != nil {
					used[-1] = append(used[-1], "bad index")
				}
				arg = n - 1
				i += end + 1
			}
		}
		number := func() {
			index()
			if i < len(f) && f[i] == '*' {
				used[arg] = append(used[arg], "*")
				arg++
				i++
				return
			}
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
			}
		}
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		number()
		if i < len(f) && f[i] == '.' {
			i++
			number()
		}
		index()
		if i >= len(f) {
			used[-1] = append(used[-1], "dangling %")
			break
		}
		if f[i] == '%' {
			continue
		}
		used[arg] = append(used[arg], string(f[i]))
		arg++
	}
	var out []string
	for n, vs := range used {
		sort.Strings(vs)
		out = append(out, strconv.Itoa(n+1)+":"+strings.Join(vs, ","))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// Every group of texts declared in the package is in Groups(): a group
// left out would escape the test above.
func TestEveryGroupIsRegistered(t *testing.T) {
	registered := map[string]bool{}
	for _, g := range Groups() {
		registered[g.Name] = true
	}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				for _, name := range s.(*ast.ValueSpec).Names {
					if !registered[name.Name] {
						t.Errorf("%s: var %s is not in Groups()", path, name.Name)
					}
				}
			}
		}
	}
}

// Every text is used somewhere in the module (outside tests): a text
// nobody shows is a text nobody checks.
func TestEveryTextIsUsed(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Skip(err)
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "vendor" || (strings.HasPrefix(n, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		name := ""
		if f.Name.Name == "text" && filepath.Dir(path) == filepath.Join(root, "ui", "text") {
			// the package's own helpers (Span) use its texts unqualified
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok {
						used[id.Name+"."+sel.Sel.Name] = true
					}
				}
				return true
			})
			return nil
		}
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == "complaintdesk/ui/text" {
				name = "text"
				if im.Name != nil {
					name = im.Name.Name
				}
			}
		}
		if name == "" {
			return nil
		}
		// a group named once in a function: c := text.CLI; c.Number
		alias := map[string]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, r := range as.Rhs {
				sel, ok := r.(*ast.SelectorExpr)
				if !ok {
					continue
				}
				x, ok1 := sel.X.(*ast.Ident)
				lhs, ok2 := as.Lhs[i].(*ast.Ident)
				if ok1 && ok2 && x.Name == name {
					alias[lhs.Name] = sel.Sel.Name
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && alias[id.Name] != "" {
					used[alias[id.Name]+"."+sel.Sel.Name] = true
				}
			}
			outer, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			inner, ok := outer.X.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := inner.X.(*ast.Ident); ok && id.Name == name {
				used[inner.Sel.Name+"."+outer.Sel.Name] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	each(t, func(name string, _ T) {
		if !used[name] {
			t.Errorf("text.%s is used nowhere: remove it, or show it", name)
		}
	})
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func TestIn(t *testing.T) {
	tx := T{"投诉队列", "Complaints"}
	for lang, want := range map[string]string{"zh": "投诉队列", "zh-CN": "投诉队列", "en": "Complaints", "": "Complaints"} {
		if got := tx.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := Dashboard.Open.F("zh", 3); got != "在办 3" {
		t.Errorf("F: %q", got)
	}
}

func TestSpan(t *testing.T) {
	for _, tc := range []struct {
		d        time.Duration
		zh, en   string
		zhM, enM string
	}{
		{76*time.Hour + 20*time.Minute, "3天4小时", "3d 4h", "3天4小时", "3d 4h"},
		{23*time.Hour + 5*time.Minute + 9*time.Second, "23小时5分", "23h 05m", "23小时5分", "23h 05m"},
		{-(42*time.Minute + 5*time.Second), "42分5秒", "42m 05s", "42分", "42m"},
		{9 * time.Second, "9秒", "9s", "不到1分", "<1m"},
	} {
		if got := Span("zh", tc.d); got != tc.zh {
			t.Errorf("Span(zh, %s) = %q, want %q", tc.d, got, tc.zh)
		}
		if got := Span("en", tc.d); got != tc.en {
			t.Errorf("Span(en, %s) = %q, want %q", tc.d, got, tc.en)
		}
		if got := SpanMinutes("zh", tc.d); got != tc.zhM {
			t.Errorf("SpanMinutes(zh, %s) = %q, want %q", tc.d, got, tc.zhM)
		}
		if got := SpanMinutes("en", tc.d); got != tc.enM {
			t.Errorf("SpanMinutes(en, %s) = %q, want %q", tc.d, got, tc.enM)
		}
	}
}
