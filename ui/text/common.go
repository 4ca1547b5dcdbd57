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
	// LateEntry marks an event entered more than an hour after it
	// happened (补录): when it was entered, and why late.
	LateEntry T
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
	LateEntry: T{"补录：录入于 %s，补录原因：%s", "late entry: entered %s, reason: %s"},
}

// Form are the words of every form.
var Form = struct {
	Optional, Choose     T
	NextField, PrevField T
	// A picker's type-ahead: what was typed (Filter), nothing matches,
	// how many matches are not shown (More), the hint while it is closed.
	PickFilter, PickNone, PickMore, PickHint T
}{
	Optional:  T{"可不填", "optional"},
	Choose:    T{"（请选择）", "(choose)"},
	NextField: T{"下一项", "next field"},
	PrevField: T{"上一项", "previous field"},

	PickFilter: T{"筛选：%s", "filter: %s"},
	PickNone:   T{"没有匹配项（退格修改，esc 取消）", "nothing matches (backspace to edit, esc to cancel)"},
	PickMore:   T{"还有 %d 项，继续输入可缩小", "%d more: type on to narrow"},
	PickHint:   T{"输入文字或拼音首字母筛选", "type to filter"},
}

// Clock is how a deadline stands, on the case page and in the command
// line's cases show. Left, Met, Breached take a duration (Span).
var Clock = struct {
	NotStarted, Running, Due, Left, Met, Breached T
	// Unmet: the case was closed before what the clock waited for happened
	// (a receipt never sent); UnmetShort is the state's name.
	Unmet, UnmetShort T
}{
	NotStarted: T{"未开始", "not started"},
	Running:    T{"进行中", "running"},
	Due:        T{"截止", "due"},
	Left:       T{"剩余 %s", "%s left"},
	Met:        T{"已达成，提前 %s", "met, %s early"},
	Breached:   T{"已超时 %s", "breached by %s"},
	Unmet:      T{"结案时此步未完成", "the case closed without this step"},
	UnmetShort: T{"未达成", "unmet"},
}
