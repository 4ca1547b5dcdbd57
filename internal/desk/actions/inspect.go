package actions

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// Inspect is the quality inspector's review of how a case was handled
// (004 第十一条 质量监督): a score of 0–100, the findings, and each item of
// the policy's checklist passed or failed (registration complete, first
// response in time, reply polite and complete, revisit done…). The status
// does not change; the monthly report's staff assessment counts the scores
// (004 第十二条).
var Inspect = Def{
	ID:     "inspect",
	Key:    "Q",
	Verb:   L{ZH: "质检", EN: "inspect"},
	Done:   L{ZH: "质检", EN: "Inspected"},
	Title:  L{ZH: "质检（评分、发现、检查项）", EN: "Inspect the handling (score, findings, checklist)"},
	Help:   L{ZH: "质检：--score 0-100 --findings 文字 [--item 编号=pass|fail …]", EN: "Inspect the handling: --score 0-100 --findings TEXT [--item ID=pass|fail ...]"},
	Fields: []Field{Score, InspectionFindings},
	Expand: checklist,
	Apply: func(x *Ctx) {
		in, c := x.In, x.C
		n, err := strconv.Atoi(trim(in.Score))
		if err != nil || n < 0 || n > 100 {
			x.Fail("score", "评分应为 0 到 100 的整数", "the score is a whole number from 0 to 100")
		}
		x.require("inspection_findings", in.Findings, "请写明质检发现", "give the findings")
		var items []string
		for _, id := range slices.Sorted(maps.Keys(in.Items)) {
			v := in.Items[id]
			if x.P.InspectionItem(id) == nil {
				x.Fail("check_"+id, "检查项 "+id+" 不在政策的质检清单中", "item "+id+" is not on the policy's checklist")
				continue
			}
			if v != "pass" && v != "fail" {
				x.Fail("check_"+id, "检查项 "+id+" 应为 pass 或 fail", "item "+id+" is pass or fail")
				continue
			}
			items = append(items, id+"="+v)
		}
		if len(x.Problems) > 0 {
			return
		}
		SetField(c, "inspection_score", strconv.Itoa(n))
		SetField(c, "inspection_findings", trim(in.Findings))
		SetField(c, "inspection_items", strings.Join(items, ";"))
		SetField(c, "inspected_by", x.Actor)
		SetField(c, "inspected_at", x.Stamp())
	},
}

// Score is a quality inspection's score.
var Score = Field{ID: "score", Kind: Text, Label: L{ZH: "评分", EN: "Score"}, Hint: L{ZH: "0 到 100", EN: "0 to 100"},
	bind: str(func(in *Input) *string { return &in.Score })}

// InspectionFindings are what the inspector found.
var InspectionFindings = Field{ID: "inspection_findings", Flag: "findings", Kind: Area, Label: L{ZH: "质检发现", EN: "Findings"},
	Hint: L{ZH: "处理中做得好的和需要改进的", EN: "what was done well and what must improve"},
	bind: str(func(in *Input) *string { return &in.Findings })}

// checklist is one pass/fail choice per item of the policy's checklist.
func checklist(p *policy.Policy) []Field {
	var out []Field
	for _, it := range p.InspectionItems {
		id := it.ID
		out = append(out, Field{ID: "check_" + id, Kind: Choice, Label: it.Label, Hint: L{ZH: "pass 合格 / fail 不合格", EN: "pass or fail"},
			First:   L{ZH: "（未检查）", EN: "(not checked)"},
			Options: func(*policy.Policy, *store.Case) []Option { return passFail },
			bind: binding{
				get: func(in *Input) string { return in.Items[id] },
				set: func(in *Input, v string, _ *time.Location) *policy.Label {
					if in.Items == nil {
						in.Items = map[string]string{}
					}
					in.Items[id] = strings.ToLower(trim(v))
					return nil
				},
			}})
	}
	return out
}

// passFail are the outcomes of a checklist item.
var passFail = []Option{{"pass", L{ZH: "合格", EN: "pass"}}, {"fail", L{ZH: "不合格", EN: "fail"}}}

// ItemsText is a stored checklist ("registration=pass;verification=fail")
// in words: each item's label and its outcome, in lang.
func ItemsText(p *policy.Policy, v, lang string) []string {
	var out []string
	for _, part := range strings.Split(v, ";") {
		id, outcome, _ := strings.Cut(part, "=")
		if id == "" {
			continue
		}
		name := id
		if it := p.InspectionItem(id); it != nil {
			name = it.Label.In(lang)
		}
		for _, o := range passFail {
			if o.ID == outcome {
				outcome = o.Label.In(lang)
			}
		}
		out = append(out, name+" "+outcome)
	}
	return out
}

// ItemValue reads "ID=pass|fail" for the command line's --item.
func ItemValue(s string) (id, v string, err error) {
	id, v, ok := strings.Cut(s, "=")
	if !ok || trim(id) == "" {
		return "", "", fmt.Errorf("--item %q: write it as ID=pass or ID=fail", s)
	}
	return trim(id), trim(v), nil
}
