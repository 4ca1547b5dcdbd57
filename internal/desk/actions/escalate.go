package actions

import "strconv"

// Escalate raises the handling level (agent → supervisor → department head
// → management) with a reason (001 处理原则).
var Escalate = Def{
	ID:     "escalate",
	Key:    "e",
	Verb:   L{ZH: "升级", EN: "escalate"},
	Done:   L{ZH: "升级", EN: "Escalated"},
	Title:  L{ZH: "升级", EN: "Escalate"},
	Help:   L{ZH: "升级到上一级（或 --level），并说明原因", EN: "Escalate to the next level (or --level), with the reason"},
	Fields: []Field{Level, Reason.with(required), Note},
	Apply: func(x *Ctx) {
		p, c, in := x.P, x.C, x.In
		x.require("reason", in.Reason, "请填写升级原因", "give the reason for the escalation")
		lvl := in.Level
		if lvl == "" {
			lvl = p.NextLevel(c.Escalation)
		}
		switch {
		case len(p.Levels) == 0:
		case lvl == "":
			x.Fail("level", "已是最高升级级别", "the case is already at the highest level")
		case p.Level(lvl) == nil:
			x.Fail("level", "未知的升级级别："+lvl, "unknown escalation level "+strconv.Quote(lvl))
		case p.LevelRank(lvl) <= p.LevelRank(c.Escalation):
			x.Fail("level", "只能升级到更高的级别", "escalate to a higher level")
		}
		if lvl != "" {
			c.Escalation = lvl
		}
	},
}
