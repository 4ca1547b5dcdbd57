package policy

import (
	"fmt"
	"sort"
)

// GradeInput is what the intake form knows when it suggests a grade.
type GradeInput struct {
	Nature         string
	CollectiveSize int // number of complainants complaining together
	// SimilarComplainants: distinct OTHER complainants with the same
	// category and subject within Grading.RepeatWindowDays. The rule counts
	// this complainant too: 2 others + this one = 3 different complainants.
	SimilarComplainants int

	Lawsuit                 bool // a lawsuit has been filed
	Media                   bool // media coverage has happened
	MediaPossible           bool // a lawsuit or media coverage is possible
	SeriousLoss             bool // serious economic loss to the customer
	Injury                  bool // personal injury
	ContractUnmetAskedTwice bool // promised/contracted service not delivered after two requests
	UnresolvedMonth         bool // a valid complaint not resolved within a month
}

// Reason explains one grading rule that fired.
type Reason struct {
	Rule  string // rule id, e.g. "A5-collective" (regulation 001 grade and item number)
	Grade string // the grade the rule gives
	ZH    string
	EN    string
}

// In returns the reason in lang ("zh" or other).
func (r Reason) In(lang string) string { return Label{ZH: r.ZH, EN: r.EN}.In(lang) }

// SuggestGrade applies regulation 001's grading rules. The grade is the most severe
// one given by a rule that fires (grades are ordered in the policy from most
// to least severe); with none, D for the natures in Grading.DNatures
// (opinions, suggestions, inquiries) and Grading.DefaultGrade otherwise.
// Reasons lists every rule that fired, most severe first; it is never empty.
// A policy with [grading] levels gets its own grades (levels.go).
func (p *Policy) SuggestGrade(in GradeInput) (string, []Reason) {
	return p.mapLevels(p.suggestLevel(in))
}

func (p *Policy) suggestLevel(in GradeInput) (string, []Reason) {
	g := p.Grading
	var rs []Reason
	add := func(rule, grade, zh, en string) {
		rs = append(rs, Reason{Rule: rule, Grade: grade, ZH: zh, EN: en})
	}

	// Grade A (重大投诉级), regulation 001 items (1)–(5).
	if in.ContractUnmetAskedTwice {
		add("A1-contract", "A",
			"公司承诺或合同规定提供的服务没有实施或实施效果有明显差距,经客户两次以上提出而得不到解决(A级第1条)",
			"service promised by the company or the contract not delivered, or clearly short, after the customer asked twice (grade A, rule 1)")
	}
	if in.SeriousLoss {
		add("A2-loss", "A",
			"给客户造成重大经济损失(A级第2条)",
			"serious economic loss to the customer (grade A, rule 2)")
	}
	if in.Injury {
		add("A2-injury", "A",
			"给客户造成人身伤害(A级第2条)",
			"personal injury to the customer (grade A, rule 2)")
	}
	if in.UnresolvedMonth {
		add("A3-unresolved-month", "A",
			"有效投诉在一个月内得不到合理解决(A级第3条)",
			"valid complaint not reasonably resolved within a month (grade A, rule 3)")
	}
	if in.Lawsuit {
		add("A4-lawsuit", "A",
			"已引起法律诉讼(A级第4条)",
			"a lawsuit has been filed (grade A, rule 4)")
	}
	if in.Media {
		add("A4-media", "A",
			"已引起媒体传播,对公司形象造成负面影响(A级第4条)",
			"media coverage has happened, harming the company's image (grade A, rule 4)")
	}
	if g.CollectiveA > 0 && in.CollectiveSize >= g.CollectiveA {
		add("A5-collective", "A",
			fmt.Sprintf("%d人的集体投诉(%d人以上,A级第5条)", in.CollectiveSize, g.CollectiveA),
			fmt.Sprintf("collective complaint by %d people (%d or more, grade A, rule 5)", in.CollectiveSize, g.CollectiveA))
	}

	// Grade B (重要投诉级), regulation 001 items (1), (2), (4).
	if g.CollectiveB > 0 && in.CollectiveSize >= g.CollectiveB &&
		(g.CollectiveA <= 0 || in.CollectiveSize < g.CollectiveA) {
		add("B1-collective", "B",
			fmt.Sprintf("%d人的集体投诉(%d至%d人,B级第1条)", in.CollectiveSize, g.CollectiveB, g.CollectiveA-1),
			fmt.Sprintf("collective complaint by %d people (%d to %d, grade B, rule 1)", in.CollectiveSize, g.CollectiveB, g.CollectiveA-1))
	}
	if g.RepeatB > 0 && in.SimilarComplainants > 0 && in.SimilarComplainants+1 >= g.RepeatB {
		n := in.SimilarComplainants + 1
		add("B2-repeat", "B",
			fmt.Sprintf("%d天内%d位不同投诉人的相同投诉(%d位以上,B级第2条)", g.RepeatWindowDays, n, g.RepeatB),
			fmt.Sprintf("the same complaint from %d different complainants within %d days (%d or more, grade B, rule 2)", n, g.RepeatWindowDays, g.RepeatB))
	}
	if in.MediaPossible {
		add("B4-media-possible", "B",
			"有可能引起法律诉讼或媒体传播(B级第4条)",
			"a lawsuit or media coverage is possible (grade B, rule 4)")
	}

	if len(rs) > 0 {
		sort.SliceStable(rs, func(i, j int) bool { return p.gradeRank(rs[i].Grade) < p.gradeRank(rs[j].Grade) })
		return rs[0].Grade, rs
	}
	if contains(g.DNatures, in.Nature) {
		n := in.Nature
		if o := p.Nature(n); o != nil {
			add("D-nature", "D",
				fmt.Sprintf("性质为「%s」:意见、建议或咨询(D级)", o.In("zh")),
				fmt.Sprintf("nature is %q: an opinion, suggestion or inquiry (grade D)", o.In("en")))
		} else {
			add("D-nature", "D",
				fmt.Sprintf("性质为%s:意见、建议或咨询(D级)", n),
				fmt.Sprintf("nature is %s: an opinion, suggestion or inquiry (grade D)", n))
		}
		return "D", rs
	}
	def := g.DefaultGrade
	label := Label{ZH: def, EN: def}
	if gr := p.Grade(def); gr != nil {
		label = gr.Label
	}
	add("default", def,
		fmt.Sprintf("未触发A级或B级规则,按%s级(%s)处理", def, label.In("zh")),
		fmt.Sprintf("no grade A or B rule applies: grade %s (%s)", def, label.In("en")))
	return def, rs
}

// gradeRank is the grade's position in the policy (0 = most severe); unknown
// grades rank last.
func (p *Policy) gradeRank(id string) int {
	for i, g := range p.Grades {
		if g.ID == id {
			return i
		}
	}
	return len(p.Grades)
}

// MoreSevere reports whether grade a is more severe than grade b (policy
// order: the first grade listed is the most severe).
func (p *Policy) MoreSevere(a, b string) bool { return p.gradeRank(a) < p.gradeRank(b) }
