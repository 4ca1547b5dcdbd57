package desk

import (
	"strings"
	"testing"
)

func TestValidUserName(t *testing.T) {
	for name, want := range map[string]bool{
		"李娜": true, "zhangwei": true, "wang.qiang_2-b": true, "9号坐席": true,
		"": false, ".hidden": false, "-x": false, "a b": false, "a/b": false, "x\x1b": false,
		strings.Repeat("张", 64): true, strings.Repeat("张", 65): false, "bad\xff": false,
	} {
		if got := validUserName(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}
