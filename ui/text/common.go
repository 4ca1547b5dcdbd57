package text

// Common are words several screens share.
var Common = struct {
	Blind, Anonymous T
	// Separators between items of a list, and before what follows a label.
	ReasonSep, ListSep, Colon T
	// Paren is what is said about a value beside it: a department beside
	// its handler, a link's reason.
	Paren T
	// Yes and No answer a tick.
	Yes, No T
	Loading T
	// Overdue: how long ago a clock ran out ("3h").
	Overdue T
}{
	Blind:     T{"（盲样）", "(blind)"},
	Anonymous: T{"（匿名）", "(anonymous)"},
	ReasonSep: T{"；", "; "},
	ListSep:   T{"、", ", "},
	Colon:     T{"：", ": "},
	Paren:     T{"（%s）", " (%s)"},
	Yes:       T{"是", "yes"},
	No:        T{"否", "no"},
	Loading:   T{"载入中…", "loading…"},
	Overdue:   T{"超时 %s", "overdue %s"},
}

// Form are the words of every form.
var Form = struct {
	Optional, Choose     T
	NextField, PrevField T
}{
	Optional:  T{"可不填", "optional"},
	Choose:    T{"（请选择）", "(choose)"},
	NextField: T{"下一项", "next field"},
	PrevField: T{"上一项", "previous field"},
}

// Clock is how a deadline stands, on the case page and in the command
// line's cases show. Left, Met, Breached take a duration (Span).
var Clock = struct {
	NotStarted, Running, Due, Left, Met, Breached T
}{
	NotStarted: T{"未开始", "not started"},
	Running:    T{"进行中", "running"},
	Due:        T{"截止", "due"},
	Left:       T{"剩余 %s", "%s left"},
	Met:        T{"已达成，提前 %s", "met, %s early"},
	Breached:   T{"已超时 %s", "breached by %s"},
}
