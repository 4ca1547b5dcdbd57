package actions

// NoteStep is an internal note, possible at any time.
var NoteStep = Def{
	ID:     "note",
	Key:    "n",
	Verb:   L{ZH: "备注", EN: "add a note"},
	Short:  L{ZH: "备注", EN: "note"},
	Done:   L{ZH: "备注", EN: "Note"},
	Title:  L{ZH: "添加备注", EN: "Add a note"},
	Help:   L{ZH: "添加内部备注", EN: "Add an internal note"},
	Fields: []Field{noteArea},
	Apply: func(x *Ctx) {
		x.require("note", x.In.Note, "备注为空", "the note is empty")
	},
}

// noteArea is the note as a step's main text.
var noteArea = func() Field {
	f := Note
	f.Kind, f.Hint = Area, L{ZH: "跟进情况、与客户的沟通等", EN: "follow-up, talks with the customer..."}
	return f
}()
