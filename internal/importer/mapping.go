package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
)

// Mapping says how the rows of one kind of register become cases: which
// column holds which field of a case, how the register's words translate
// into the policy's values, how its dates are written. It is a TOML file;
// see examples/import/ and `desk import FILE --suggest-map`.
type Mapping struct {
	// Source is a stable name of where the rows come from ("cfpb"); with
	// the id column it makes a row one case however often it is imported.
	// Default: the file's base name without extension.
	Source string `toml:"source"`
	// ID is the column with the row's original id, or several columns
	// whose values together are the id.
	ID Columns `toml:"id"`

	Encoding  string `toml:"encoding"`   // utf-8, gb18030 (GBK), utf-16; default: detected
	Delimiter string `toml:"delimiter"`  // comma, tab, semicolon; default: detected
	Sheet     string `toml:"sheet"`      // xlsx: default the first sheet
	HeaderRow int    `toml:"header_row"` // default: found under any title rows
	// TimeZone the register's times are in (IANA name); default the desk's.
	TimeZone string `toml:"time_zone"`
	// Join separates the values of a field taken from several columns.
	Join *string `toml:"join"`

	// ContactOptional imports rows without phone and email (registers of
	// other systems often have none); the complainant is then unknown.
	ContactOptional bool `toml:"contact_optional"`
	// BadContact is what happens to a row whose phone or email is present
	// but not valid: "reject" (default: it goes to the reject file to be
	// fixed) or "note" (imported, the text kept in the case's fields
	// phone_raw / email_raw and noted in its history).
	BadContact string `toml:"bad_contact"`

	// Columns maps a case field to a column (a header name, or "#3" for
	// the third column) or a list of columns joined with Join.
	Columns map[string]Columns `toml:"columns"`
	Dates   struct {
		// Formats tried in order, e.g. ["M/D/YYYY"]; see DateFormat.
		Formats []string `toml:"formats"`
	} `toml:"dates"`
	// Values translate a register's words into the policy's ids, per field:
	// [values.channel] "Postal mail" = "letter". A key with * or ? is a
	// pattern ("I*" = "service"); "*" alone catches every other value.
	Values map[string]map[string]string `toml:"values"`
	// Defaults are used when a field's cell is empty or it has no column;
	// they are policy ids (and dates in a date format).
	Defaults map[string]string `toml:"defaults"`
	// Fields keeps more columns on the case as extra fields: name = column.
	Fields map[string]Columns `toml:"fields"`
	// Steps override, per status, the actions that led to it (default:
	// the policy's shortest path, e.g. closed = acknowledge, resolve, close).
	Steps map[string][]string `toml:"steps"`

	file string
}

// Columns is one column or several.
type Columns []string

// UnmarshalTOML reads a string or an array of strings.
func (c *Columns) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*c = Columns{v}
		return nil
	case []any:
		out := make(Columns, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("a column is a name in quotes, not %v", e)
			}
			out = append(out, s)
		}
		*c = out
		return nil
	}
	return fmt.Errorf("a column is a name in quotes or a list of names, not %v", v)
}

type fieldKind int

const (
	kindText fieldKind = iota
	kindPolicy
	kindDate
	kindInt
	kindBool
)

// caseFields are the fields of a case a column can fill.
var caseFields = map[string]fieldKind{
	"received": kindDate, "acknowledged": kindDate, "resolved": kindDate, "closed": kindDate, "revisited": kindDate,
	"channel": kindPolicy, "nature": kindPolicy, "category": kindPolicy, "grade": kindPolicy, "status": kindPolicy,
	"grade_reason": kindText, "name": kindText, "phone": kindText, "email": kindText, "address": kindText,
	"org": kindText, "content": kindText, "demand": kindText, "subject": kindText, "department": kindText,
	"handler": kindText, "resolution": kindText, "reply": kindText, "note": kindText,
	"collective": kindInt, "satisfaction": kindInt, "anonymous": kindBool,
}

// stepFields are the date fields of the steps after registration, with
// the policy action each dates.
var stepFields = map[string]string{
	"acknowledged": "acknowledge", "resolved": "resolve", "closed": "close", "revisited": "revisit",
}

func fieldNames() string {
	names := make([]string, 0, len(caseFields))
	for n := range caseFields {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// LoadMapping reads a mapping file.
func LoadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMapping(data, path)
}

// ParseMapping parses a mapping; name is used in messages.
func ParseMapping(data []byte, name string) (*Mapping, error) {
	m := &Mapping{file: name}
	md, err := toml.Decode(string(data), m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var probs []string
	for _, k := range md.Undecoded() {
		probs = append(probs, fmt.Sprintf("unknown key %s", k))
	}
	for f := range m.Columns {
		if _, ok := caseFields[f]; !ok {
			probs = append(probs, fmt.Sprintf("[columns] %s: not a case field (fields: %s)", f, fieldNames()))
		}
	}
	for f := range m.Defaults {
		if _, ok := caseFields[f]; !ok {
			probs = append(probs, fmt.Sprintf("[defaults] %s: not a case field", f))
		}
	}
	for f, vm := range m.Values {
		if k, ok := caseFields[f]; !ok || k == kindDate {
			probs = append(probs, fmt.Sprintf("[values.%s]: not a case field with values", f))
		}
		for from, to := range vm {
			if strings.TrimSpace(to) == "" && caseFields[f] == kindPolicy {
				probs = append(probs, fmt.Sprintf("[values.%s] %q is empty: write the policy's %s for it", f, from, f))
			}
		}
	}
	for f, cols := range m.Fields {
		if len(cols) == 0 {
			probs = append(probs, fmt.Sprintf("[fields] %s: no column", f))
		}
	}
	switch m.BadContact {
	case "", "reject", "note":
	default:
		probs = append(probs, fmt.Sprintf("bad_contact = %q: use \"reject\" or \"note\"", m.BadContact))
	}
	if _, err := NormalizeEncoding(m.Encoding); err != nil {
		probs = append(probs, err.Error())
	}
	for _, l := range m.Dates.Formats {
		if _, err := ParseDateFormat(l); err != nil {
			probs = append(probs, "[dates] "+err.Error())
		}
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil {
			probs = append(probs, fmt.Sprintf("time_zone %q: %v", m.TimeZone, err))
		}
	}
	if len(probs) > 0 {
		sort.Strings(probs)
		return nil, fmt.Errorf("%s:\n  %s", name, strings.Join(probs, "\n  "))
	}
	return m, nil
}

// SourceName is the mapping's source, else the file's base name (without
// a ".rejects" suffix: a fixed reject file is the same source).
func (m *Mapping) SourceName(file string) string {
	if s := strings.TrimSpace(m.Source); s != "" {
		return s
	}
	return baseSource(file)
}

func baseSource(file string) string {
	base := filepath.Base(file)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return strings.TrimSuffix(base, ".rejects")
}

// ReadOptions are the mapping's reading options, overridden by the
// non-empty ones of o (the command line's).
func (m *Mapping) ReadOptions(o ReadOptions) ReadOptions {
	r := ReadOptions{Encoding: m.Encoding, Delimiter: m.Delimiter, Sheet: m.Sheet, HeaderRow: m.HeaderRow}
	if o.Encoding != "" {
		r.Encoding = o.Encoding
	}
	if o.Delimiter != "" {
		r.Delimiter = o.Delimiter
	}
	if o.Sheet != "" {
		r.Sheet = o.Sheet
	}
	if o.HeaderRow != 0 {
		r.HeaderRow = o.HeaderRow
	}
	return r
}

// ---- binding to a file ----------------------------------------------------

// Binding is a mapping bound to a file's header and the desk's policy:
// ready to convert rows.
type Binding struct {
	m        *Mapping
	source   string
	header   []string
	id       []int
	fields   []boundField
	extra    []boundExtra
	values   map[string]*valueMap
	defaults map[string]string
	// defaultOrder is the defaults' fields in order, for stable notes.
	defaultOrder []string
	dateDefs     map[string]dateDefault
	formats      []DateFormat
	loc          *time.Location
	date1904     bool
	join         string
	policy       *policy.Policy
	// column names a desk problem's field is reported under
	fieldCol map[string]string
}

type dateDefault struct {
	t     time.Time
	timed bool
}

type boundField struct {
	name string
	kind fieldKind
	cols []int
}

type boundExtra struct {
	name string
	cols []int
}

// BindOptions describe the file and the desk a mapping is bound to.
type BindOptions struct {
	Header   []string
	Source   string // the source name (Mapping.SourceName)
	Policy   *policy.Policy
	Location *time.Location // the desk's zone (the mapping's time_zone wins)
	Excel    bool           // cells are Excel values: dates may be serial numbers
	Date1904 bool
}

// Bind checks the mapping against a file's header and the policy: every
// column it names must exist, every value it maps to must be the policy's.
func (m *Mapping) Bind(o BindOptions) (*Binding, error) {
	b := &Binding{m: m, source: o.Source, header: o.Header, policy: o.Policy, loc: o.Location,
		date1904: o.Date1904, join: " / ", values: map[string]*valueMap{}, defaults: map[string]string{},
		dateDefs: map[string]dateDefault{}, fieldCol: map[string]string{}}
	if m.Join != nil {
		b.join = *m.Join
	}
	if m.TimeZone != "" {
		b.loc, _ = time.LoadLocation(m.TimeZone)
	}
	if b.loc == nil {
		b.loc = time.Local
	}
	layouts := m.Dates.Formats
	if len(layouts) == 0 {
		layouts = DefaultDateLayouts
	}
	b.formats = MustDateFormats(layouts...)
	// A number where a date is expected is an Excel serial date: a sheet
	// read raw, or a CSV saved from a column formatted as a number. The
	// reject file writes a sheet's dates as YYYY-MM-DD HH:mm:ss. Both are
	// tried last, whatever the mapping names.
	if !slices.ContainsFunc(b.formats, func(f DateFormat) bool { return f.excel }) {
		b.formats = append(b.formats, DateFormat{Layout: ExcelFormat, excel: true, quiet: true})
	}
	iso := MustDateFormats(rejectDateLayout)[0]
	iso.quiet = true
	b.formats = append(b.formats, iso)
	var probs []string
	missing := map[string]bool{}
	resolve := func(where string, cols Columns) []int {
		var idx []int
		for _, c := range cols {
			i := columnIndex(o.Header, c)
			if i < 0 {
				if !missing[c] {
					missing[c] = true
					probs = append(probs, fmt.Sprintf("%s: the file has no column %q", where, c))
				}
				continue
			}
			idx = append(idx, i)
		}
		return idx
	}
	if len(m.ID) == 0 {
		probs = append(probs, "id: name the column with each row's original id (id = \"complaint_id\"): it is what makes a second import add nothing")
	}
	b.id = resolve("id", m.ID)
	b.fieldCol["source_id"] = strings.Join(m.ID, "+")
	names := make([]string, 0, len(m.Columns))
	for f := range m.Columns {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		cols := resolve("[columns] "+f, m.Columns[f])
		b.fields = append(b.fields, boundField{name: f, kind: caseFields[f], cols: cols})
		b.fieldCol[deskField(f)] = strings.Join(m.Columns[f], "+")
	}
	extras := make([]string, 0, len(m.Fields))
	for f := range m.Fields {
		extras = append(extras, f)
	}
	sort.Strings(extras)
	for _, f := range extras {
		b.extra = append(b.extra, boundExtra{name: f, cols: resolve("[fields] "+f, m.Fields[f])})
	}
	for f, vm := range m.Values {
		v, err := newValueMap(vm)
		if err != nil {
			probs = append(probs, fmt.Sprintf("[values.%s] %v", f, err))
			continue
		}
		b.values[f] = v
		if caseFields[f] == kindPolicy {
			for from, to := range vm {
				if !policyHas(o.Policy, f, to) {
					probs = append(probs, fmt.Sprintf("[values.%s] %q = %q: the policy has no %s %q (%s)", f, from, to, f, to, policyIDs(o.Policy, f)))
				}
			}
		}
	}
	for f, v := range m.Defaults {
		switch caseFields[f] {
		case kindPolicy:
			if !policyHas(o.Policy, f, v) {
				probs = append(probs, fmt.Sprintf("[defaults] %s = %q: the policy has no %s %q (%s)", f, v, f, v, policyIDs(o.Policy, f)))
			}
		case kindDate:
			t, timed, err := ParseDateTime(v, b.formats, b.loc, false)
			if err != nil {
				probs = append(probs, fmt.Sprintf("[defaults] %s: %v", f, err))
			}
			b.dateDefs[f] = dateDefault{t, timed}
		case kindInt:
			if _, err := strconv.Atoi(v); err != nil {
				probs = append(probs, fmt.Sprintf("[defaults] %s = %q: not a whole number", f, v))
			}
		}
		b.defaults[f] = v
		b.defaultOrder = append(b.defaultOrder, f)
		if _, ok := m.Columns[f]; !ok {
			b.fieldCol[deskField(f)] = "(default)"
		}
	}
	sort.Strings(b.defaultOrder)
	if _, ok := m.Columns["content"]; !ok && m.Defaults["content"] == "" {
		probs = append(probs, "[columns] content: name the column(s) with the complaint's text")
	}
	if _, ok := m.Columns["received"]; !ok && m.Defaults["received"] == "" {
		probs = append(probs, "[columns] received: name the column with the date the complaint was received (or give [defaults] received)")
	}
	for status, actions := range m.Steps {
		if o.Policy.Status(status) == nil {
			probs = append(probs, fmt.Sprintf("[steps] %s: the policy has no status %q (%s)", status, status, policyIDs(o.Policy, "status")))
			continue
		}
		if _, err := desk.CheckPath(o.Policy, actions, status); err != nil {
			probs = append(probs, fmt.Sprintf("[steps] %s: %v", status, err))
		}
	}
	if len(probs) > 0 {
		sort.Strings(probs)
		msg := fmt.Sprintf("%s does not fit this file:\n  %s", m.file, strings.Join(probs, "\n  "))
		if len(missing) > 0 {
			msg += "\n  the file's columns: " + quoteList(o.Header)
		}
		return nil, errors.New(msg)
	}
	return b, nil
}

// deskField is the name desk.ImportHistory reports a mapping field under.
func deskField(f string) string {
	if a, ok := stepFields[f]; ok {
		return desk.StepField(a)
	}
	return f
}

func quoteList(h []string) string {
	q := make([]string, len(h))
	for i, s := range h {
		if s == "" {
			s = fmt.Sprintf("#%d", i+1)
		} else {
			s = strconv.Quote(s)
		}
		q[i] = s
	}
	return strings.Join(q, ", ")
}

// columnIndex finds a column by its header (exactly, then ignoring case
// and spaces) or by its position "#3" (1-based).
func columnIndex(header []string, name string) int {
	if strings.HasPrefix(name, "#") {
		if n, err := strconv.Atoi(name[1:]); err == nil {
			if n >= 1 && n <= len(header) {
				return n - 1
			}
			return -1
		}
	}
	for i, h := range header {
		if h == name {
			return i
		}
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for i, h := range header {
		if norm(h) == norm(name) && name != "" {
			return i
		}
	}
	return -1
}

func policyHas(p *policy.Policy, field, id string) bool {
	switch field {
	case "channel":
		return p.Channel(id) != nil
	case "nature":
		return p.Nature(id) != nil
	case "category":
		return p.Category(id) != nil
	case "grade":
		return p.Grade(id) != nil
	case "status":
		return p.Status(id) != nil
	}
	return true
}

func policyIDs(p *policy.Policy, field string) string {
	var ids []string
	switch field {
	case "channel":
		for _, o := range p.Channels {
			ids = append(ids, o.ID)
		}
	case "nature":
		for _, o := range p.Natures {
			ids = append(ids, o.ID)
		}
	case "category":
		for _, o := range p.Categories {
			ids = append(ids, o.ID)
		}
	case "grade":
		for _, o := range p.Grades {
			ids = append(ids, o.ID)
		}
	case "status":
		for _, o := range p.Statuses {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) > 12 {
		return "see desk policy show"
	}
	return "one of " + strings.Join(ids, ", ")
}

// ---- value maps -----------------------------------------------------------

type valueMap struct {
	exact    map[string]string
	folded   map[string]string
	patterns []valuePattern
	other    string
	hasOther bool
}

type valuePattern struct {
	re *regexp.Regexp
	to string
	n  int // literal characters: more is more specific
}

func foldValue(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func newValueMap(m map[string]string) (*valueMap, error) {
	v := &valueMap{exact: map[string]string{}, folded: map[string]string{}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		to := strings.TrimSpace(m[k])
		switch {
		case k == "*":
			v.other, v.hasOther = to, true
		case strings.ContainsAny(k, "*?"):
			var b strings.Builder
			b.WriteString(`(?is)^\s*`)
			n := 0
			for _, r := range k {
				switch r {
				case '*':
					b.WriteString(`.*`)
				case '?':
					b.WriteString(`.`)
				default:
					b.WriteString(regexp.QuoteMeta(string(r)))
					n++
				}
			}
			b.WriteString(`\s*$`)
			re, err := regexp.Compile(b.String())
			if err != nil {
				return nil, fmt.Errorf("%q: %v", k, err)
			}
			v.patterns = append(v.patterns, valuePattern{re: re, to: to, n: n})
		default:
			v.exact[k] = to
			v.folded[foldValue(k)] = to
		}
	}
	sort.SliceStable(v.patterns, func(i, j int) bool { return v.patterns[i].n > v.patterns[j].n })
	return v, nil
}

func (v *valueMap) lookup(s string) (string, bool) {
	if to, ok := v.exact[s]; ok {
		return to, true
	}
	if to, ok := v.folded[foldValue(s)]; ok {
		return to, true
	}
	for _, p := range v.patterns {
		if p.re.MatchString(s) {
			return p.to, true
		}
	}
	if v.hasOther {
		return v.other, true
	}
	return "", false
}
