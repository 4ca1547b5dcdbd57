package policy

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
)

//go:embed presets/*.toml
var presetFS embed.FS

// presets maps a preset name (and its aliases) to its embedded file.
var presets = map[string]string{
	"default":     "presets/default.toml",
	"call-centre": "presets/default.toml",
	"callcentre":  "presets/default.toml",
	"call-center": "presets/default.toml",
	"lab":         "presets/lab.toml",
	"gsp":         "presets/gsp.toml",
	"company":     "presets/company.toml",
	"pharmacy":    "presets/gsp.toml",
	"aftersales":  "presets/aftersales.toml",
	"after-sales": "presets/aftersales.toml",
}

// PresetNames lists the canonical preset names (aliases such as
// "call-centre" are accepted by Preset but not listed).
func PresetNames() []string { return []string{"default", "lab", "gsp", "company", "aftersales"} }

// Preset returns a freshly parsed preset: "default" (alias "call-centre"),
// "lab", "gsp" (pharmaceutical quality complaints, regulation 002), "company"
// (regulation 003) or "aftersales" (the after-sales service desk, regulation 002).
func Preset(name string) (*Policy, error) {
	file, ok := presets[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return nil, fmt.Errorf("unknown policy preset %q (known: %s)", name, strings.Join(PresetNames(), ", "))
	}
	data, err := presetFS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

func mustPreset(name string) *Policy {
	p, err := Preset(name)
	if err != nil {
		panic("policy: embedded preset is invalid: " + err.Error())
	}
	return p
}

// Default returns the embedded call-centre preset, freshly parsed (callers
// may modify it). It panics if the embedded file is bad; a test guards that.
func Default() *Policy { return mustPreset("default") }

// Lab returns the embedded testing-laboratory preset, freshly parsed.
func Lab() *Policy { return mustPreset("lab") }

// GSP returns the embedded pharmaceutical (GSP) preset, freshly parsed.
func GSP() *Policy { return mustPreset("gsp") }

// LoadFile reads and parses a policy file.
func LoadFile(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// KnownFields are the case fields a transition may Require. The desk maps
// each to a field of the case (or of the action's form) that must be
// non-empty after the action.
var KnownFields = []string{
	// call centre
	"category",      // category from the policy tree
	"resolution",    // what was done (refund, repair, apology, ...)
	"reply",         // the written reply to the customer
	"handler",       // the assigned handler
	"department",    // the responsible department
	"reason",        // the reason given for the action (grade change, rejection, reopening, escalation)
	"note",          // a free-text note
	"expected_by",   // the expected resolution time told to the customer (regulation 002)
	"satisfaction",  // revisit satisfaction 1–5
	"investigation", // the investigation report (regulation 003): facts, cause and conclusion
	// verification (三核实, regulation 002 5.3)
	"verification",         // both the complainant and the item are verified
	"complainant_verified", // the complainant: who, address, how to reach them
	"item_verified",        // the item: when, where, which product / batch / report
	// investigation report (调查报告, regulation 003 第十七条)
	"facts",             // facts found (具体经过)
	"cause",             // the cause (发生原因)
	"responsible",       // the responsible party or person (具体责任者)
	"conclusion",        // justified or not (结论), from the policy's conclusions
	"corrective_action", // corrective action (对策)
	"preventive_action", // preventive action (防范措施)
	// resolution
	"resolution_type", // refund, exchange, repair, ... (the policy's resolution types)
	"amount",          // compensation / refund amount, when the type needs one
	"agreement",       // the customer's agreement with the resolution
	// contacts
	"contacted", // the customer was reached at least once (a contact with a reached outcome)
	// carrying out the solution (004 第九条)
	"implementation", // what was done to carry out the solution
	"implemented",    // the solution was carried out (implement)
	// testing laboratory (regulation 000)
	"report",           // number of the test report appealed against
	"report_received",  // date the customer received the report
	"grounds",          // grounds and evidence of the appeal (申诉的理由及有关依据)
	"override_reason",  // why a late appeal is accepted anyway
	"blind_code",       // the sample's blind code for the re-test (样品密码编号)
	"testers",          // the two testers of the re-test (两人同时测试)
	"retest_result",    // the re-test result
	"revoked_report",   // the original report, revoked (作废)
	"corrected_report", // the corrected report number (更改标识)
}

// DefaultResolutionTypes are the resolution types of a policy that lists
// none (seeds 001, 003: 退款、换货、维修、重新服务、减价、赔偿、道歉、解释).
func DefaultResolutionTypes() []Choice {
	return []Choice{
		{ID: "refund", Label: Label{ZH: "退款", EN: "Refund"}, Amount: true},
		{ID: "exchange", Label: Label{ZH: "换货", EN: "Exchange"}},
		{ID: "repair", Label: Label{ZH: "维修", EN: "Repair"}},
		{ID: "reservice", Label: Label{ZH: "重新服务", EN: "Service again"}},
		{ID: "price_reduction", Label: Label{ZH: "减价", EN: "Price reduction"}, Amount: true},
		{ID: "compensation", Label: Label{ZH: "赔偿", EN: "Compensation"}, Amount: true},
		{ID: "apology", Label: Label{ZH: "道歉", EN: "Apology"}},
		{ID: "explanation", Label: Label{ZH: "解释说明", EN: "Explanation"}},
		{ID: "other", Label: Label{ZH: "其他", EN: "Other"}},
	}
}

// DefaultContactKinds are the ways of contacting a customer of a policy
// that lists none.
func DefaultContactKinds() []Choice {
	return []Choice{
		{ID: "call_out", Label: Label{ZH: "去电", EN: "Call out"}},
		{ID: "call_in", Label: Label{ZH: "客户来电", EN: "Customer called"}},
		{ID: "sms", Label: Label{ZH: "短信/微信", EN: "SMS / chat"}},
		{ID: "email", Label: Label{ZH: "电子邮件", EN: "E-mail"}},
		{ID: "letter", Label: Label{ZH: "信函", EN: "Letter"}},
		{ID: "visit", Label: Label{ZH: "上门/面谈", EN: "Visit"}},
	}
}

// DefaultContactOutcomes are the outcomes of a contact of a policy that
// lists none; reached ones count as contact with the customer.
func DefaultContactOutcomes() []Choice {
	return []Choice{
		{ID: "reached", Label: Label{ZH: "已联系上", EN: "Reached"}, Reached: true},
		{ID: "agreed", Label: Label{ZH: "客户认可", EN: "Customer agreed"}, Reached: true},
		{ID: "disagreed", Label: Label{ZH: "客户不认可", EN: "Customer disagreed"}, Reached: true},
		{ID: "no_answer", Label: Label{ZH: "无人接听", EN: "No answer"}},
		{ID: "left_message", Label: Label{ZH: "已留言", EN: "Left a message"}},
		{ID: "unreachable", Label: Label{ZH: "无法联系", EN: "Unreachable"}},
		{ID: "sent", Label: Label{ZH: "已寄出/已发送", EN: "Sent"}},
	}
}

// DefaultConclusions are the investigation conclusions of a policy that
// lists none.
func DefaultConclusions() []Choice {
	return []Choice{
		{ID: "justified", Label: Label{ZH: "投诉成立", EN: "Justified"}, Justified: true},
		{ID: "partly", Label: Label{ZH: "部分成立", EN: "Partly justified"}, Justified: true},
		{ID: "not_justified", Label: Label{ZH: "投诉不成立", EN: "Not justified"}},
	}
}

// Problem is one thing wrong with a policy file.
type Problem struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (pr Problem) String() string {
	if pr.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", pr.File, pr.Line, pr.Msg)
	}
	return fmt.Sprintf("%s: %s", pr.File, pr.Msg)
}

// ValidationError lists every problem found in a policy file, one
// "FILE:LINE: reason" per line, in line order.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, pr := range e.Problems {
		lines[i] = pr.String()
	}
	return strings.Join(lines, "\n")
}

var tomlLineRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: line (\d+)(?: \(last key "([^"]*)"\))?: (.*)$`)
})

// Parse parses and validates a policy. Syntax errors and every semantic
// problem are reported as "FILE:LINE: reason" in a *ValidationError.
func Parse(filename string, data []byte) (*Policy, error) {
	if filename == "" {
		filename = "policy"
	}
	p := &Policy{file: filename, Source: append([]byte(nil), data...)}
	md, err := toml.Decode(string(data), p)
	if err != nil {
		return nil, &ValidationError{Problems: []Problem{decodeProblem(filename, data, err)}}
	}
	p.applyDefaults(&md)

	var probs []Problem
	idx := indexSource(data)
	for _, k := range md.Undecoded() {
		line := idx.keyLine(k)
		probs = append(probs, Problem{File: filename, Line: line, Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	probs = append(probs, p.problems(idx)...)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, &ValidationError{Problems: probs}
	}
	p.Location, _ = time.LoadLocation(p.TimeZone) // checked by problems
	return p, nil
}

// FromJSON is the policy Parse gave for text, from its JSON form
// (encoding/json of that *Policy, which a cache kept): decoding it is a
// fifth of parsing and validating the TOML again.
func FromJSON(filename string, text, js []byte) (*Policy, error) {
	if filename == "" {
		filename = "policy"
	}
	p := &Policy{}
	if err := json.Unmarshal(js, p); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return nil, err
	}
	p.file, p.Source, p.Location = filename, append([]byte(nil), text...), loc
	return p, nil
}

func decodeProblem(file string, data []byte, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" {
			msg = fmt.Sprintf("%s (key %q)", msg, pe.LastKey)
		}
		return Problem{File: file, Line: parseErrorLine(data, pe.Position), Msg: msg}
	}
	if m := tomlLineRe().FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg := m[3]
		if m[2] != "" {
			msg = fmt.Sprintf("%s: %s", m[2], msg)
		}
		return Problem{File: file, Line: n, Msg: msg}
	}
	return Problem{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// parseErrorLine corrects the line of a syntax error found at the newline
// that ends a line: the parser has already counted that newline, but the
// error belongs to the line it ends.
func parseErrorLine(data []byte, pos toml.Position) int {
	if pos.Start > 0 && pos.Start <= len(data) {
		if n := bytes.Count(data[:pos.Start], []byte("\n")) + 1; n == pos.Line-1 {
			return n
		}
	}
	return pos.Line
}

func sortProblems(probs []Problem) {
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
}

// applyDefaults fills in what the file leaves out.
func (p *Policy) applyDefaults(md *toml.MetaData) {
	if p.Profile == "" {
		p.Profile = "default"
	}
	if p.TimeZone == "" {
		p.TimeZone = "Asia/Shanghai"
	}
	if !md.IsDefined("holiday_shift") {
		p.HolidayShift = true
	}
	if !md.IsDefined("warn_at") {
		p.WarnAt = 0.75
	}
	if p.DefaultChannel == "" {
		p.DefaultChannel = "phone"
	}
	if p.WorkingHours == "" {
		p.WorkingHours = "09:00-18:00"
	}
	p.WorkStart, p.WorkEnd, _ = parseWorkingHours(p.WorkingHours) // checked by problems
	if !md.IsDefined("grading", "unresolved_days") {
		p.Grading.UnresolvedDays = 30
	}
	if !md.IsDefined("revisit", "dissatisfied_below") {
		p.Revisit.DissatisfiedBelow = 3
	}
	if !md.IsDefined("revisit", "reopen") {
		p.Revisit.Reopen = true
	}
	if !md.IsDefined("escalation", "auto_on_breach") {
		p.Escalation.AutoOnBreach = true
	}
	if !md.IsDefined("resolution_type") {
		p.ResolutionTypes = DefaultResolutionTypes()
	}
	if !md.IsDefined("contact_kind") {
		p.ContactKinds = DefaultContactKinds()
	}
	if !md.IsDefined("contact_outcome") {
		p.ContactOutcomes = DefaultContactOutcomes()
	}
	if !md.IsDefined("conclusion") {
		p.Conclusions = DefaultConclusions()
	}
	if !md.IsDefined("level") {
		// Two levels from the roles: whoever does not supervise, then the supervisors.
		var base, sup []string
		for _, r := range p.Roles {
			if r.Supervisor {
				sup = append(sup, r.ID)
			} else {
				base = append(base, r.ID)
			}
		}
		p.Levels = []Level{
			{ID: "agent", Label: Label{ZH: "一线处理", EN: "Front line"}, Roles: base},
			{ID: "supervisor", Label: Label{ZH: "主管", EN: "Supervisor"}, Roles: sup},
		}
	}
	g := &p.Grading
	if !md.IsDefined("grading", "collective_a") {
		g.CollectiveA = 10
	}
	if !md.IsDefined("grading", "collective_b") {
		g.CollectiveB = 3
	}
	if !md.IsDefined("grading", "repeat_b") {
		g.RepeatB = 3
	}
	if !md.IsDefined("grading", "repeat_window_days") {
		g.RepeatWindowDays = 30
	}
	if !md.IsDefined("grading", "d_natures") {
		g.DNatures = []string{"inquiry", "suggestion"}
	}
	if g.DefaultGrade == "" {
		g.DefaultGrade = "C"
	}
	if !md.IsDefined("report", "monthly_due_day") {
		p.Report.MonthlyDueDay = 5
	}
	if !md.IsDefined("report", "revisit_sample") {
		p.Report.RevisitSample = 0.20
	}
	if !md.IsDefined("report", "inspection_sample") {
		p.Report.InspectionSample = 0.10
	}
}

// Validate runs every semantic check and returns a *ValidationError listing
// every problem (nil when the policy is sound). Lines are found in Source.
func (p *Policy) Validate() error {
	probs := p.problems(indexSource(p.Source))
	if len(probs) == 0 {
		return nil
	}
	sortProblems(probs)
	return &ValidationError{Problems: probs}
}

// ---- locating entries in the source ----------------------------------------

type srcBlock struct {
	line int            // line of the [[table]] / [table] header (0: top level)
	keys map[string]int // key -> first line
}

type srcIndex struct {
	blocks map[string][]srcBlock // table name ("" = top level) -> blocks in order
	lines  []string
}

// indexSource records, line by line, the table headers and the keys under
// them, so that the n-th [[clock]] entry's "unit" key can be found.
func indexSource(data []byte) *srcIndex {
	idx := &srcIndex{blocks: map[string][]srcBlock{"": {{keys: map[string]int{}}}}}
	idx.lines = strings.Split(string(data), "\n")
	cur := idx.blocks[""][0].keys
	inML := "" // inside a multi-line string opened by this delimiter
	for i, raw := range idx.lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if inML != "" {
			if strings.Count(line, inML)%2 == 1 {
				inML = ""
			}
			continue
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[["):
			name := headerName(line, "[[", "]]")
			cur = idx.open(name, n)
			continue
		case strings.HasPrefix(line, "["):
			name := headerName(line, "[", "]")
			cur = idx.open(name, n)
			continue
		}
		if eq := strings.Index(line, "="); eq > 0 {
			key := strings.Trim(strings.TrimSpace(line[:eq]), `"'`)
			if _, ok := cur[key]; !ok {
				cur[key] = n
			}
		}
		for _, d := range []string{`"""`, `'''`} {
			if strings.Count(line, d)%2 == 1 {
				inML = d
			}
		}
	}
	return idx
}

// open starts a new block for a table header and returns its key map.
func (idx *srcIndex) open(name string, line int) map[string]int {
	keys := map[string]int{}
	idx.blocks[name] = append(idx.blocks[name], srcBlock{line: line, keys: keys})
	return keys
}

func headerName(line, open, close string) string {
	s := strings.TrimPrefix(line, open)
	if i := strings.Index(s, close); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	for i := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(parts[i]), `"'`)
	}
	return strings.Join(parts, ".")
}

// at returns the line of key in the i-th entry of table (or the entry's
// header line when key is "" or absent). When the entry is not found (e.g.
// written as an inline table), it searches for `field = "value"`.
func (idx *srcIndex) at(table string, i int, key, field, value string) int {
	if bs := idx.blocks[table]; i < len(bs) {
		if key != "" {
			if n, ok := bs[i].keys[key]; ok {
				return n
			}
		}
		if bs[i].line > 0 {
			return bs[i].line
		}
	}
	if field != "" && value != "" {
		re := regexp.MustCompile(`(^|[\s{,])` + regexp.QuoteMeta(field) + `\s*=\s*["']` + regexp.QuoteMeta(value) + `["']`)
		for n, l := range idx.lines {
			if t := strings.TrimSpace(l); !strings.HasPrefix(t, "#") && re.MatchString(l) {
				return n + 1
			}
		}
	}
	return 0
}

// top returns the line of a top-level key.
func (idx *srcIndex) top(key string) int { return idx.blocks[""][0].keys[key] }

// keyLine finds an undecoded key such as clock.unti.
func (idx *srcIndex) keyLine(k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	table, last := strings.Join(k[:len(k)-1], "."), k[len(k)-1]
	for _, b := range idx.blocks[table] {
		if n, ok := b.keys[last]; ok {
			return n
		}
	}
	// a whole unknown table: its header
	for _, b := range idx.blocks[k.String()] {
		return b.line
	}
	return 0
}
