package actions

import (
	"slices"
	"strconv"
	"strings"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// What several steps do to a case.

// SetField sets (or, with "", removes) a field of the case.
func SetField(c *store.Case, k, v string) {
	if v == "" {
		delete(c.Fields, k)
		return
	}
	if c.Fields == nil {
		c.Fields = map[string]string{}
	}
	c.Fields[k] = v
}

// Flags are the case flags (policy [[flag]]) set on the case.
func Flags(c *store.Case) []string {
	if c.Fields["flags"] == "" {
		return nil
	}
	return strings.Split(c.Fields["flags"], ",")
}

// AddFlag sets a case flag.
func AddFlag(c *store.Case, f string) {
	fl := Flags(c)
	if !slices.Contains(fl, f) {
		SetField(c, "flags", strings.Join(append(fl, f), ","))
	}
}

// ApplyCrisis makes a case with media coverage a crisis, escalated to the
// policy's crisis level (002 危机处理: the company's leadership handles it).
func ApplyCrisis(p *policy.Policy, c *store.Case) {
	if c.Fields["media"] == "" || c.Crisis {
		return
	}
	c.Crisis = true
	if cl := p.Escalation.CrisisLevel; cl != "" && p.LevelRank(cl) > p.LevelRank(c.Escalation) {
		c.Escalation = cl
	}
}

// Circumstance is a fact of a case the grading rules read (001 四).
type Circumstance struct {
	ID string
	policy.Label
}

// Circumstances are the grading inputs an agent ticks at intake or later
// (each a case field "yes" when it applies).
var Circumstances = []Circumstance{
	{"lawsuit", L{ZH: "已起诉", EN: "lawsuit filed"}},
	{"media", L{ZH: "媒体曝光", EN: "media coverage"}},
	{"media_possible", L{ZH: "可能诉讼/曝光", EN: "lawsuit or media possible"}},
	{"serious_loss", L{ZH: "重大损失", EN: "serious loss"}},
	{"injury", L{ZH: "人身伤害", EN: "injury"}},
	{"contract_unmet", L{ZH: "两次未兑现", EN: "contract unmet twice"}},
}

// CircumstanceIDs lists the circumstances' ids.
func CircumstanceIDs() []string {
	out := make([]string, len(Circumstances))
	for i, c := range Circumstances {
		out[i] = c.ID
	}
	return out
}

func circumstance(id string) *Circumstance {
	for i := range Circumstances {
		if Circumstances[i].ID == id {
			return &Circumstances[i]
		}
	}
	return nil
}

// IsCircumstance reports whether id is a circumstance.
func IsCircumstance(id string) bool { return circumstance(id) != nil }

// UnknownCircumstance is the problem of a circumstance that does not exist.
func UnknownCircumstance(k string) Problem {
	return Problem{"circumstances", "未知的情形：" + k, "unknown circumstance " + strconv.Quote(k) + " (one of: " + strings.Join(CircumstanceIDs(), ", ") + ")"}
}

// AgreementIDs are the values of the customer's agreement with the resolution.
func AgreementIDs() []string {
	out := make([]string, len(agreements))
	for i, a := range agreements {
		out[i] = a.ID
	}
	return out
}

// AgreementLabel names an agreement value.
func AgreementLabel(id string) L {
	for _, a := range agreements {
		if a.ID == id {
			return a.Label
		}
	}
	return L{ZH: id, EN: id}
}

// ChoiceIDs lists a policy list's ids.
func ChoiceIDs(list []policy.Choice) string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return strings.Join(out, ", ")
}

// DepartmentID is the policy's id of a department typed by id or label; a
// department the policy does not list is kept as typed.
func DepartmentID(p *policy.Policy, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if id := p.DepartmentID(s); id != "" {
		return id
	}
	return s
}

// CheckPerson validates one more complainant.
func CheckPerson(o Person) (store.Complainant, *Problem) {
	who := store.Complainant{Name: strings.TrimSpace(o.Name)}
	if s := strings.TrimSpace(o.Phone); s != "" {
		n, _, err := complaint.NormalizePhone(s)
		if err != nil {
			return who, &Problem{"phone", "电话号码无效：" + s, err.Error()}
		}
		who.Phone = n
	}
	if s := strings.TrimSpace(o.Email); s != "" {
		e, err := complaint.NormalizeEmail(s)
		if err != nil {
			return who, &Problem{"email", "电子邮件地址格式不正确：" + s, err.Error()}
		}
		who.Email = e
	}
	if who.Phone == "" && who.Email == "" {
		return who, &Problem{"phone", "请填写投诉人的电话或电子邮件", "give the complainant's phone or e-mail"}
	}
	return who, nil
}

// resolutionFacts records the resolution's types, their amounts and the
// customer's agreement, checking them against the policy. Several types may
// be given at once ("repair,compensation=500,apology": a repair, 500 yuan
// and an apology), each type that needs an amount with its own; a single
// type takes the input's Amount. The case keeps the types
// (resolution_type), each amount (amounts) and their total (amount).
func resolutionFacts(x *Ctx) {
	p, c, in := x.P, x.C, x.In
	if t := trim(in.ResolutionType); t != "" {
		var ids, amounts []string
		total, any := 0.0, false
		parts := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' || r == ' ' })
		for _, part := range parts {
			id, amt, _ := strings.Cut(part, "=")
			if amt == "" && len(parts) == 1 {
				amt = trim(in.Amount)
			}
			rt := p.ResolutionType(id)
			if rt == nil {
				x.Fail("resolution_type", "未知的处理方式："+id+"（可选："+ChoiceIDs(p.ResolutionTypes)+"）", "unknown resolution type "+strconv.Quote(id)+" (one of: "+ChoiceIDs(p.ResolutionTypes)+")")
				continue
			}
			if slices.Contains(ids, id) {
				continue
			}
			ids = append(ids, id)
			switch v, ok := money(amt); {
			case amt != "" && !ok:
				x.Fail("amount", "金额应为数字（元），例如 199.50", "the amount is a number of yuan, e.g. 199.50")
			case amt != "":
				amounts = append(amounts, id+"="+strconv.FormatFloat(v, 'f', 2, 64))
				total, any = total+v, true
			case rt.Amount && in.Name != "close":
				x.Fail("amount", rt.In("zh")+"需要填写金额（例如 "+id+"=199.50）", rt.In("en")+" needs the amount (e.g. "+id+"=199.50)")
			}
		}
		SetField(c, "resolution_type", strings.Join(ids, ","))
		SetField(c, "amounts", strings.Join(amounts, ","))
		if any {
			SetField(c, "amount", strconv.FormatFloat(total, 'f', 2, 64))
		} else {
			SetField(c, "amount", "")
		}
	} else if a := trim(in.Amount); a != "" {
		if v, ok := money(a); !ok {
			x.Fail("amount", "金额应为数字（元），例如 199.50", "the amount is a number of yuan, e.g. 199.50")
		} else {
			SetField(c, "amount", strconv.FormatFloat(v, 'f', 2, 64))
		}
	}
	if ag := trim(in.Agreement); ag != "" {
		if !slices.Contains(AgreementIDs(), ag) {
			x.Fail("agreement", "客户意见应为 "+strings.Join(AgreementIDs(), "、"), "the customer's agreement is one of: "+strings.Join(AgreementIDs(), ", "))
		}
		SetField(c, "agreement", ag)
	}
}

// money reads an amount of yuan ("199.5", "¥199.50").
func money(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimPrefix(trim(s), "¥"), "￥"), 64)
	return v, err == nil && v >= 0
}

// ResolutionTypes are the case's resolution types with their amounts:
// "refund" → "199.00" ("" for a type without one).
func ResolutionTypes(c *store.Case) (ids []string, amounts map[string]string) {
	amounts = map[string]string{}
	for _, kv := range strings.Split(c.Fields["amounts"], ",") {
		if id, v, ok := strings.Cut(kv, "="); ok {
			amounts[id] = v
		}
	}
	if t := c.Fields["resolution_type"]; t != "" {
		ids = strings.Split(t, ",")
	}
	if len(ids) == 1 && amounts[ids[0]] == "" && c.Fields["amount"] != "" {
		amounts[ids[0]] = c.Fields["amount"] // a case resolved before types had their own amounts
	}
	return ids, amounts
}

// text sets a case text from the input when one was given.
func text(dst *string, v string) {
	if v = strings.TrimSpace(v); v != "" {
		*dst = v
	}
}

// require adds the problem of an empty required input.
func (x *Ctx) require(field, v, zh, en string) {
	if strings.TrimSpace(v) == "" {
		x.Fail(field, zh, en)
	}
}

// category sets the case's category from the input, checked.
func category(x *Ctx) {
	if x.In.Category == "" {
		return
	}
	if x.P.Category(x.In.Category) == nil {
		x.Fail("category", "未知的分类："+x.In.Category, "unknown category "+strconv.Quote(x.In.Category))
	}
	x.C.Category = x.In.Category
}

// ResolutionText names the case's resolution types with their amounts in
// lang: "退款 199.00 元、道歉" / "Refund 199.00 yuan, Apology".
func ResolutionText(p *policy.Policy, c *store.Case, lang string) string {
	ids, amounts := ResolutionTypes(c)
	var out []string
	for _, id := range ids {
		name := id
		if rt := p.ResolutionType(id); rt != nil {
			name = rt.In(lang)
		}
		if a := amounts[id]; a != "" {
			name += " " + a + L{ZH: " 元", EN: " yuan"}.In(lang)
		}
		out = append(out, name)
	}
	return strings.Join(out, L{ZH: "、", EN: ", "}.In(lang))
}
