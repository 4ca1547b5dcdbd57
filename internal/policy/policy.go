// Package policy holds the complaint desk's policy: a TOML file that decides
// the category tree, grades A–D, natures, channels, roles, statuses, the
// allowed transitions between statuses, the deadline clocks and the grading
// rules. Nothing of this is hard-coded elsewhere in the desk.
//
// Two presets are embedded: "default" (a call-centre complaint desk, seeds
// 001, 002 and 004) and "lab" (appeals against test reports at a testing
// laboratory, regulation 000). A site copies one (`desk policy show`), edits it and
// loads it with LoadFile. A bad file is refused with "FILE:LINE: reason" for
// every problem found.
package policy

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Label is a display name in Chinese and English.
type Label struct {
	ZH string `toml:"zh"`
	EN string `toml:"en"`
}

// In returns the label in lang: "zh" (or any "zh-…" / "zh_…" tag) gives the
// Chinese label, anything else the English one. An empty label falls back to
// the other language.
func (l Label) In(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	zh := lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")
	if zh {
		if l.ZH != "" {
			return l.ZH
		}
		return l.EN
	}
	if l.EN != "" {
		return l.EN
	}
	return l.ZH
}

// Option is a channel or a nature.
type Option struct {
	ID string `toml:"id"`
	Label
	// Online marks channels such as web, e-mail and social media: the online
	// acceptance clock (regulation 001 "网络投诉在1个工作日内受理") applies to them
	// through the clock's channel filter. Meaningless for natures.
	Online bool `toml:"online"`
	// Flags (natures only) are the case flags (see [[flag]]) a case of this
	// nature gets when registered: an adverse-reaction complaint is flagged
	// for the regulator's report (regulation 002 5.6.2).
	Flags []string `toml:"flags"`
}

// Grade is a complaint grade (regulation 001: A 重大, B 重要, C 一般, D 意见或咨询).
// Grades are listed in the policy from the most to the least severe.
type Grade struct {
	ID string `toml:"id"`
	Label
	// Training: cases of this grade are flagged as training material
	// (regulation 001 "将A级、B级投诉事件及时编成案例,列入岗位培训教材").
	Training bool `toml:"training"`
}

// Category is a node of the category tree; Parent "" is a root.
type Category struct {
	ID     string `toml:"id"`
	Parent string `toml:"parent"`
	Label
}

// Status is a case status. Open statuses still need work.
type Status struct {
	ID string `toml:"id"`
	Label
	Open bool `toml:"open"`
}

// Role is a user role.
type Role struct {
	ID string `toml:"id"`
	Label
	SeePII     bool `toml:"see_pii"`    // sees names and phone numbers unmasked
	RevealPII  bool `toml:"reveal_pii"` // may reveal them with a reason (an audited event)
	Supervisor bool `toml:"supervisor"` // supervises: approvals, reassignment, escalations
	// Handles: users of the role may be a case's handler (assign, transfer).
	Handles bool `toml:"handles"`
	// Only names a field of users: the role sees only the cases that name
	// its user there (lab testers see only the re-tests they do).
	Only string `toml:"only"`
	// Hide lists what the role never sees of a case (lab testers work on a
	// blind-coded sample): "complainant", "content", "demand", "subject",
	// "resolution", "reply", "notes" (the history's reasons and notes) and
	// field ids. See lab.go.
	Hide []string `toml:"hide"`
}

// Department is a department cases are assigned to (its queue is the open
// cases with this department).
type Department struct {
	ID string `toml:"id"`
	Label
}

// Choice is an entry of a short list of the policy: a resolution type, a
// contact kind or outcome, an investigation conclusion, a case flag.
type Choice struct {
	ID string `toml:"id"`
	Label
	// Amount (resolution types): the type needs an amount of money
	// (compensation, refund, price reduction).
	Amount bool `toml:"amount"`
	// Reached (contact outcomes): the customer was reached; the first
	// such contact stops the first-response clock.
	Reached bool `toml:"reached"`
	// Justified (conclusions): the complaint is found justified (投诉成立).
	Justified bool `toml:"justified"`
	// Flags (conclusions): case flags the conclusion sets (a confirmed
	// defect is flagged for recall, regulation 002 5.6.1).
	Flags []string `toml:"flags"`
}

// Level is an escalation level (升级), lowest first: agent → supervisor →
// department head → management. Roles are who is notified of (and works)
// cases escalated to the level.
type Level struct {
	ID string `toml:"id"`
	Label
	Roles []string `toml:"roles"`
}

// Escalation holds the escalation rules.
type Escalation struct {
	// AutoOnBreach raises a case one level when its nearest clock breaches.
	AutoOnBreach bool `toml:"auto_on_breach"`
	// CrisisLevel is the level a crisis (media coverage, regulation 002) goes to
	// at once; its roles are notified.
	CrisisLevel string `toml:"crisis_level"`
	// CrisisTeam are more roles told at once of a crisis (002 危机处理小组).
	CrisisTeam []string `toml:"crisis_team"`
}

// Revisit holds the revisit rules (seeds 000, 001: "直至客户满意为止").
type Revisit struct {
	// DissatisfiedBelow: a satisfaction below this (1..5) is dissatisfied
	// and reopens the case (when Reopen). 0 turns the rule off.
	DissatisfiedBelow int  `toml:"dissatisfied_below"`
	Reopen            bool `toml:"reopen"`
}

// AnyStatus in a transition's From means "from every status".
const AnyStatus = "*"

// Transition is an action a user may take on a case.
type Transition struct {
	Action string `toml:"action"`
	// From lists the statuses the action may start from; "*" means every
	// status. Empty only for "register" (the case does not exist yet).
	From []string `toml:"from"`
	// To is the resulting status; "" leaves the status unchanged.
	To string `toml:"to"`
	// Roles allowed; empty means every role.
	Roles []string `toml:"roles"`
	// Require names fields (see KnownFields) that must be non-empty after
	// the action.
	Require []string `toml:"require"`
	// Grades limits the transition to cases of these grades (empty: all).
	// The same action may appear again from the same status for other
	// grades: grade A closure goes through approval, the others do not.
	Grades []string `toml:"grades"`
	// A label for the action (the first entry of an action that has one
	// names it); actions the desk knows have built-in names.
	Label
	// SupervisorFor lists grades for which only a role with Supervisor may
	// take this action (regulation 001: grade A closure needs the manager).
	// Checked by TransitionFor.
	SupervisorFor []string `toml:"supervisor_for"`
	// Fields lists the policy fields ([[field]]) the action may record
	// besides those it requires (lab.go).
	Fields []string `toml:"fields"`
	// Set gives fields fixed values when the action is taken (the lab's
	// uphold sets report_status = "kept").
	Set map[string]string `toml:"set"`
	// Notify lists roles told of the action: a notice line in their
	// sessions until one of them opens the case.
	Notify []string `toml:"notify"`
	// Key is the key of the action on the case page ("" = none: the
	// page's "more actions" list offers it).
	Key string `toml:"key"`
	// Command is another name of the action's `desk cases` command (the
	// lab's "opinion" for its request_approval).
	Command string `toml:"command"`
	// Cosign names a field of users who must each take the step with the
	// same values of CosignSame (the lab's two testers record the same
	// re-test result, 000 §2.2.4); the status moves to To when the last
	// has signed. A different value sends the case to CosignMismatch.
	Cosign         string   `toml:"cosign"`
	CosignSame     []string `toml:"cosign_same"`
	CosignMismatch string   `toml:"cosign_mismatch"`
	// Route: the step sends the case to the department its category
	// routes to ([[route]], route.go): registering, reclassifying.
	Route bool `toml:"route"`
}

// Clock is a deadline.
type Clock struct {
	ID string `toml:"id"`
	Label
	Amount int    `toml:"amount"`
	Unit   string `toml:"unit"`  // "hours" | "days" | "workdays"
	Start  string `toml:"start"` // "received" | "closed" | "report_received" | "action"
	// StartOn lists the actions that start the clock when Start is
	// "action" (the first one starts it): regulation 002's decision within 3
	// working days of the investigation result.
	StartOn []string `toml:"start_on"`
	// Stop lists the actions that stop the clock.
	Stop []string `toml:"stop"`
	// RestartOn lists actions that restart a stopped clock, anchored at the
	// time of that action (closure restarts on "reopen").
	RestartOn []string `toml:"restart_on"`
	// ResetOn lists actions that start the clock afresh, running or
	// stopped, when they move the case to another department (a
	// department the case is routed to gets its own days).
	ResetOn []string `toml:"reset_on"`
	// Filters; empty means all.
	Grades   []string `toml:"grades"`
	Channels []string `toml:"channels"`
	Natures  []string `toml:"natures"`
	// LateFor and LateRequires: once this clock has breached, the actions
	// in LateFor also need the fields in LateRequires (a late appeal is
	// accepted only with the quality manager's override). The breach is
	// kept in the case's "late" field. See lab.go.
	LateFor      []string `toml:"late_for"`
	LateRequires []string `toml:"late_requires"`
}

// Grading holds the parameters of regulation 001's grading rules, applied by
// SuggestGrade as suggestions the agent confirms.
type Grading struct {
	CollectiveA      int      `toml:"collective_a"`       // 10: 10+ complainants together -> A
	CollectiveB      int      `toml:"collective_b"`       // 3: 3..CollectiveA-1 -> B
	RepeatB          int      `toml:"repeat_b"`           // 3: the same complaint from 3+ different complainants...
	RepeatWindowDays int      `toml:"repeat_window_days"` // ...within 30 days -> B
	DNatures         []string `toml:"d_natures"`          // natures graded D: inquiry, suggestion
	DefaultGrade     string   `toml:"default_grade"`      // "C"
	// UnresolvedDays: a valid complaint still not resolved this many days
	// after its receipt is suggested grade A (regulation 001 A(3), "一个月").
	UnresolvedDays int `toml:"unresolved_days"`
	// ChangeRoles may change a grade at once (raising it; lowering is
	// always a request a supervisor approves). Other roles' changes are
	// requests too. Empty: every role that may take "grade".
	ChangeRoles []string `toml:"change_roles"`
	// Levels maps the rules' grades (A, B, C, D) to a policy whose own
	// grades differ (after-sales: A and B are 重大): levels.go.
	Levels map[string]string `toml:"levels"`
}

// Report holds the reporting parameters (regulation 001, 003).
type Report struct {
	// MonthlyDueDay: the monthly statistics report is due on this day of the
	// following month (regulation 001 "每月5日前向公司提交上月分析报告").
	MonthlyDueDay int `toml:"monthly_due_day"`
	// RevisitSample: fraction of the month's closed cases drawn for the
	// company-level revisit (regulation 001 "回访比例不少于20%").
	RevisitSample float64 `toml:"revisit_sample"`
	// InspectionSample: fraction of the month's closed cases drawn for the
	// quality inspection (004 第十一条 质量监督; the regulation sets no
	// share: 10 % unless the policy says).
	InspectionSample float64 `toml:"inspection_sample"`
}

// Policy is a parsed, validated policy file.
type Policy struct {
	Name    string `toml:"name"`
	Profile string `toml:"profile"` // "default" | "lab"

	TimeZone string         `toml:"time_zone"`  // default "Asia/Shanghai"
	Location *time.Location `toml:"-" json:"-"` // TimeZone, loaded

	// HolidayShift: a calendar-day clock whose last day is not a working day
	// ends on the next working day (Civil Code art. 203). Default true.
	HolidayShift bool `toml:"holiday_shift"`
	// WarnAt: warn when this fraction of a clock's allowance has elapsed.
	WarnAt float64 `toml:"warn_at"`
	// DefaultChannel preselected on the intake form.
	DefaultChannel string `toml:"default_channel"`
	// WorkingHours ("09:00-18:00") are when warnings of working-day clocks
	// are shown, and the working time a working-day clock's warning
	// threshold is counted in.
	WorkingHours string        `toml:"working_hours"`
	WorkStart    time.Duration `toml:"-"` // from midnight
	WorkEnd      time.Duration `toml:"-"`

	Roles       []Role       `toml:"role"`
	Channels    []Option     `toml:"channel"`
	Natures     []Option     `toml:"nature"`
	Grades      []Grade      `toml:"grade"`
	Categories  []Category   `toml:"category"`
	Statuses    []Status     `toml:"status"`
	Transitions []Transition `toml:"transition"`
	Clocks      []Clock      `toml:"clock"`
	Grading     Grading      `toml:"grading"`
	Report      Report       `toml:"report"`

	Departments     []Department `toml:"department"`
	ResolutionTypes []Choice     `toml:"resolution_type"`
	ContactKinds    []Choice     `toml:"contact_kind"`
	ContactOutcomes []Choice     `toml:"contact_outcome"`
	Conclusions     []Choice     `toml:"conclusion"`
	Flags           []Choice     `toml:"flag"`
	Levels          []Level      `toml:"level"`
	Escalation      Escalation   `toml:"escalation"`
	Revisit         Revisit      `toml:"revisit"`

	// Templates are the replies the policy offers (template.go).
	Templates []Template `toml:"template"`

	// InspectionItems are the checklist of a quality inspection (004 第十一条).
	InspectionItems []Choice `toml:"inspection_item"`

	// Rules are what the regulations forbid, checked before every step (rules.go).
	Rules []Rule `toml:"rule"`
	// Routes send a case to the department of its category (route.go).
	Routes []Route `toml:"route"`
	// ClocksEndOn are the steps that end a case's handling: they stop
	// every running clock but those that start at closure (a closed or
	// rejected case shows no running first response). Default: close, reject.
	ClocksEndOn []string `toml:"clocks_end_on"`

	// Fields are the policy's own case fields (the lab's report number,
	// blind code, testers...): labels, kinds, and which natures ask for
	// them at intake (lab.go).
	Fields []FieldDef `toml:"field"`

	// Names names the desk's own steps (acknowledge: 首次响应) in the
	// policy's refusals; the desk sets it from its registry of steps
	// (internal/desk/actions), which the policy cannot import.
	Names func(action string) Label `toml:"-" json:"-"`

	// Source is the TOML text the policy was parsed from.
	Source []byte `toml:"-" json:"-"`

	file string // file name used in validation messages
}

// Text returns the TOML source of the policy (what `desk policy show`
// prints). A policy built in code without Source is encoded afresh.
func (p *Policy) Text() string {
	if len(p.Source) > 0 {
		return string(p.Source)
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(p); err != nil {
		return fmt.Sprintf("# policy could not be encoded: %v\n", err)
	}
	return b.String()
}

// ---- lookups --------------------------------------------------------------

// Channel returns the channel with id, or nil.
func (p *Policy) Channel(id string) *Option {
	for i := range p.Channels {
		if p.Channels[i].ID == id {
			return &p.Channels[i]
		}
	}
	return nil
}

// Nature returns the nature with id, or nil.
func (p *Policy) Nature(id string) *Option {
	for i := range p.Natures {
		if p.Natures[i].ID == id {
			return &p.Natures[i]
		}
	}
	return nil
}

// Grade returns the grade with id, or nil.
func (p *Policy) Grade(id string) *Grade {
	for i := range p.Grades {
		if p.Grades[i].ID == id {
			return &p.Grades[i]
		}
	}
	return nil
}

// Category returns the category with id, or nil.
func (p *Policy) Category(id string) *Category {
	for i := range p.Categories {
		if p.Categories[i].ID == id {
			return &p.Categories[i]
		}
	}
	return nil
}

// CategoryPath returns the labels from the root down to the category, e.g.
// "产品质量 / 包装破损". An unknown non-empty id (a category removed from the
// policy after cases used it) is returned as is; "" gives "".
func (p *Policy) CategoryPath(id, lang string) string {
	var parts []string
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur]; {
		seen[cur] = true
		c := p.Category(cur)
		if c == nil {
			parts = append(parts, cur)
			break
		}
		parts = append(parts, c.In(lang))
		cur = c.Parent
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " / ")
}

// Children returns the direct children of the category parent ("" for the
// roots), in policy order.
func (p *Policy) Children(parent string) []Category {
	var out []Category
	for _, c := range p.Categories {
		if c.Parent == parent {
			out = append(out, c)
		}
	}
	return out
}

// Status returns the status with id, or nil.
func (p *Policy) Status(id string) *Status {
	for i := range p.Statuses {
		if p.Statuses[i].ID == id {
			return &p.Statuses[i]
		}
	}
	return nil
}

// Role returns the role with id, or nil.
func (p *Policy) Role(id string) *Role {
	for i := range p.Roles {
		if p.Roles[i].ID == id {
			return &p.Roles[i]
		}
	}
	return nil
}

// Clock returns the clock with id, or nil.
func (p *Policy) Clock(id string) *Clock {
	for i := range p.Clocks {
		if p.Clocks[i].ID == id {
			return &p.Clocks[i]
		}
	}
	return nil
}

// InitialStatus is the status a case gets when registered (the To of the
// "register" transition).
func (p *Policy) InitialStatus() string {
	for _, t := range p.Transitions {
		if t.Action == ActionRegister {
			return t.To
		}
	}
	return ""
}

// ClocksFor returns the clocks that apply to a case of this grade, channel
// and nature, in policy order. An empty grade counts as the default grade
// (Grading.DefaultGrade) and an empty channel as DefaultChannel, so an
// ungraded case still has a closure clock; an empty nature only matches
// clocks without a nature filter.
func (p *Policy) ClocksFor(grade, channel, nature string) []Clock {
	if grade == "" {
		grade = p.Grading.DefaultGrade
	}
	if channel == "" {
		channel = p.DefaultChannel
	}
	var out []Clock
	for _, c := range p.Clocks {
		if matches(c.Grades, grade) && matches(c.Channels, channel) && matches(c.Natures, nature) {
			out = append(out, c)
		}
	}
	return out
}

func matches(filter []string, v string) bool {
	return len(filter) == 0 || contains(filter, v)
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// Department returns the department with id, or nil.
func (p *Policy) Department(id string) *Department {
	for i := range p.Departments {
		if p.Departments[i].ID == id {
			return &p.Departments[i]
		}
	}
	return nil
}

// DepartmentID finds a department by its id or either label (case and
// surrounding space ignored) and returns its id; "" when none matches.
func (p *Policy) DepartmentID(s string) string {
	s = strings.TrimSpace(s)
	for _, d := range p.Departments {
		if strings.EqualFold(d.ID, s) || d.ZH == s || strings.EqualFold(d.EN, s) {
			return d.ID
		}
	}
	return ""
}

// DepartmentName is a department's label in lang, or s itself when the
// policy does not list it (departments typed freely).
func (p *Policy) DepartmentName(s, lang string) string {
	if d := p.Department(s); d != nil {
		return d.In(lang)
	}
	return s
}

func choice(list []Choice, id string) *Choice {
	for i := range list {
		if list[i].ID == id {
			return &list[i]
		}
	}
	return nil
}

// ResolutionType returns the resolution type with id, or nil.
func (p *Policy) ResolutionType(id string) *Choice { return choice(p.ResolutionTypes, id) }

// ContactKind returns the contact kind with id, or nil.
func (p *Policy) ContactKind(id string) *Choice { return choice(p.ContactKinds, id) }

// ContactOutcome returns the contact outcome with id, or nil.
func (p *Policy) ContactOutcome(id string) *Choice { return choice(p.ContactOutcomes, id) }

// Conclusion returns the investigation conclusion with id, or nil.
func (p *Policy) Conclusion(id string) *Choice { return choice(p.Conclusions, id) }

// InspectionItem returns the checklist item with id, or nil.
func (p *Policy) InspectionItem(id string) *Choice { return choice(p.InspectionItems, id) }

// Flag returns the case flag with id, or nil.
func (p *Policy) Flag(id string) *Choice { return choice(p.Flags, id) }

// Level returns the escalation level with id, or nil.
func (p *Policy) Level(id string) *Level {
	for i := range p.Levels {
		if p.Levels[i].ID == id {
			return &p.Levels[i]
		}
	}
	return nil
}

// LevelRank is the level's position (0 = the lowest); "" (not escalated)
// is the lowest level; an unknown level ranks -1.
func (p *Policy) LevelRank(id string) int {
	if id == "" {
		return 0
	}
	for i, l := range p.Levels {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// NextLevel is the level above id ("" when id is the top or there are no levels).
func (p *Policy) NextLevel(id string) string {
	r := p.LevelRank(id)
	if r < 0 || r+1 >= len(p.Levels) {
		return ""
	}
	return p.Levels[r+1].ID
}

// LevelsFor lists the levels whose roles include role.
func (p *Policy) LevelsFor(role string) []string {
	var out []string
	for _, l := range p.Levels {
		if contains(l.Roles, role) {
			out = append(out, l.ID)
		}
	}
	return out
}

// ActionLabel is the policy's label of an action (from the first of its
// transitions that has one); empty when none has.
func (p *Policy) ActionLabel(action string) Label {
	for _, t := range p.Transitions {
		if t.Action == action && (t.ZH != "" || t.EN != "") {
			return t.Label
		}
	}
	return Label{}
}

// ActionCommands are the other command names the policy gives action.
func (p *Policy) ActionCommands(action string) []string {
	var out []string
	for _, t := range p.Transitions {
		if t.Action == action && t.Command != "" && !contains(out, t.Command) {
			out = append(out, t.Command)
		}
	}
	return out
}

// HasAction reports whether some transition has the action.
func (p *Policy) HasAction(a string) bool { return p.hasAction(a) }

// InWorkingHours reports whether the time of day of t (in the policy's
// zone) is within the working hours; the calendar decides working days.
func (p *Policy) InWorkingHours(t time.Time) bool {
	loc := p.Location
	if loc == nil {
		loc = time.Local
	}
	t = t.In(loc)
	d := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	return d >= p.WorkStart && d < p.WorkEnd
}

// parseWorkingHours reads "09:00-18:00".
func parseWorkingHours(s string) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !found {
		return 0, 0, false
	}
	pa, err1 := time.Parse("15:04", a)
	pb, err2 := time.Parse("15:04", b)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	start = time.Duration(pa.Hour())*time.Hour + time.Duration(pa.Minute())*time.Minute
	end = time.Duration(pb.Hour())*time.Hour + time.Duration(pb.Minute())*time.Minute
	return start, end, end > start
}
