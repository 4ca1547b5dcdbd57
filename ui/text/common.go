package text

// Common are words several screens share.
var Common = struct {
	Blind, Anonymous T
	// Separators between items of a list, and before what follows a label.
	ReasonSep, ListSep, Colon T
	Loading                   T
	// Overdue: how long ago a clock ran out ("3h").
	Overdue T
}{
	Blind:     T{"（盲样）", "(blind)"},
	Anonymous: T{"（匿名）", "(anonymous)"},
	ReasonSep: T{"；", "; "},
	ListSep:   T{"、", ", "},
	Colon:     T{"：", ": "},
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
