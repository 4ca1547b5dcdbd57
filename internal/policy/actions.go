package policy

// ActionName is the action as something to do, in both languages: the
// policy's label when its transitions give one, else the name the desk's
// registry of steps gives it (Names), else the action id.
func (p *Policy) ActionName(action string) Label {
	if l := p.ActionLabel(action); l.ZH != "" || l.EN != "" {
		if l.ZH == "" {
			l.ZH = l.EN
		}
		if l.EN == "" {
			l.EN = action
		}
		return l
	}
	if p.Names != nil {
		if l := p.Names(action); l.ZH != "" || l.EN != "" {
			return l
		}
	}
	return Label{ZH: action, EN: action}
}
