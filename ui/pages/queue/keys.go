package queue

import (
	"charm.land/bubbles/v2/key"

	"complaintdesk/ui/common"
)

type keyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	NextTab, PrevTab, TabNumber           key.Binding
	Open, New, Filter, Sort               key.Binding
	Status, Grade, Category, Channel      key.Binding
	Department                            key.Binding
	Clear, Confirm, Cancel, Help, Quit    key.Binding
}

func newKeyMap(c *common.Common) keyMap {
	b := func(keys []string, k, zh, en string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, c.Tr(zh, en)))
	}
	return keyMap{
		Up:         b([]string{"up", "k"}, "↑/k", "上移", "up"),
		Down:       b([]string{"down", "j"}, "↓/j", "下移", "down"),
		PageUp:     b([]string{"pgup", "ctrl+u"}, "pgup", "上一页", "page up"),
		PageDown:   b([]string{"pgdown", "ctrl+d", "space"}, "pgdn", "下一页", "page down"),
		Home:       b([]string{"home", "g"}, "home/g", "第一条", "first"),
		End:        b([]string{"end", "G"}, "end/G", "最后一条", "last"),
		NextTab:    b([]string{"tab", "right", "l"}, "tab/→", "下一个标签", "next tab"),
		PrevTab:    b([]string{"shift+tab", "left", "h"}, "shift+tab/←", "上一个标签", "previous tab"),
		TabNumber:  b([]string{"1", "2", "3", "4", "5", "6", "7"}, "1-6", "切换标签", "go to tab"),
		Open:       b([]string{"enter"}, "enter", "打开", "open"),
		New:        b([]string{"n"}, "n", "新投诉", "new complaint"),
		Filter:     b([]string{"/"}, "/", "搜索", "search"),
		Sort:       b([]string{"o"}, "o", "排序", "sort"),
		Status:     b([]string{"S"}, "S", "按状态筛选", "filter by status"),
		Grade:      b([]string{"R"}, "R", "按等级筛选", "filter by grade"),
		Category:   b([]string{"C"}, "C", "按分类筛选", "filter by category"),
		Channel:    b([]string{"H"}, "H", "按渠道筛选", "filter by channel"),
		Department: b([]string{"D"}, "D", "按部门筛选（部门队列）", "filter by department (its queue)"),
		Clear:      b([]string{"x"}, "x", "清除筛选", "clear filters"),
		Confirm:    b([]string{"enter"}, "enter", "完成", "done"),
		Cancel:     b([]string{"esc"}, "esc", "清除搜索", "clear search"),
		Help:       b([]string{"?"}, "?", "帮助", "help"),
		Quit:       b([]string{"q", "ctrl+c"}, "q", "退出", "quit"),
	}
}
