package actions

// Implement records that the solution was carried out: deciding it
// (resolve) and doing it are two steps (004 第九条 处理与执行; 001 五.2).
var Implement = Def{
	ID:       "implement",
	Handling: true,
	Key:      "z",
	Verb:     L{ZH: "落实处理方案", EN: "carry out the solution"},
	Done:     L{ZH: "已落实处理方案", EN: "Solution carried out"},
	Short:    L{ZH: "落实", EN: "carry out"},
	Title:    L{ZH: "落实处理方案（退款、维修、换货等已执行）", EN: "Carry out the solution (the refund, repair, exchange was done)"},
	Help:     L{ZH: "记录处理方案已落实：做了什么、何时完成", EN: "Record that the solution was carried out: what was done, when"},
	Fields:   []Field{Implementation, Note},
	Gives:    []string{"implemented"},
	Apply: func(x *Ctx) {
		x.require("implementation", x.In.Implementation, "请写明落实的情况：做了什么", "say what was done")
		SetField(x.C, "implementation", trim(x.In.Implementation))
		SetField(x.C, "implemented_at", x.Stamp())
	},
}

// Implementation is what was done to carry out the solution.
var Implementation = Field{ID: "implementation", Kind: Area, Label: L{ZH: "落实情况", EN: "What was done"},
	Hint: L{ZH: "例如：已于 12 月 3 日上门更换压缩机，客户签收", EN: "e.g. the compressor was replaced on site on 3 December, signed by the customer"},
	bind: str(func(in *Input) *string { return &in.Implementation })}
