package policy

import (
	"fmt"
	"sort"
)

// The grading rules (grading.go, 001 四) give the grades A–D. A policy
// whose own grades differ maps them in [grading] levels: the after-sales
// desk knows only 重大 and 一般 complaints (002 服务质量 3.3), and takes 001's
// rules for A and B (a lawsuit, the media, an injury, ten complainants…)
// as what makes a complaint 重大.

// LevelGrade is the policy's grade for a level of the grading rules (the
// level itself when the policy does not map it).
func (p *Policy) LevelGrade(level string) string {
	if g := p.Grading.Levels[level]; g != "" {
		return g
	}
	return level
}

// mapLevels turns the rules' grades and reasons into the policy's: each
// reason says which of the policy's grades it gives, and the suggestion is
// the most severe of them.
func (p *Policy) mapLevels(grade string, rs []Reason) (string, []Reason) {
	if len(p.Grading.Levels) == 0 || len(rs) == 0 {
		return grade, rs
	}
	out := make([]Reason, len(rs))
	for i, r := range rs {
		g := p.LevelGrade(r.Grade)
		label := Label{ZH: g, EN: g}
		if pg := p.Grade(g); pg != nil {
			label = pg.Label
		}
		if r.Rule == "default" {
			top := label
			if len(p.Grades) > 0 {
				top = p.Grades[0].Label
			}
			r.ZH = fmt.Sprintf("未触发定为「%s」的情形，按「%s」处理", top.In("zh"), label.In("zh"))
			r.EN = fmt.Sprintf("nothing makes it %s: %s", top.In("en"), label.In("en"))
		} else if g != r.Grade {
			r.ZH = fmt.Sprintf("%s → %s", r.ZH, label.In("zh"))
			r.EN = fmt.Sprintf("%s → %s", r.EN, label.In("en"))
		}
		r.Grade = g
		out[i] = r
	}
	sort.SliceStable(out, func(i, j int) bool { return p.gradeRank(out[i].Grade) < p.gradeRank(out[j].Grade) })
	return out[0].Grade, out
}
