package sqlite

import (
	"encoding/json"
	"testing"
)

// The events' JSON written in bulk reads back as what json.Marshal writes.
func TestJSONObjectIsJSON(t *testing.T) {
	for _, m := range []map[string]string{nil, {}, {"status": "closed", "note": "客户说：\"退款\"\n\t<b>&</b>"},
		{"bad": "\xff\xfe", "ctl": "\x00\x1b[2J", "sep": "a\u2028b", "b": "", "a": "中文"}} {
		var back, want map[string]string
		got := jsonObject(m)
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Fatalf("%q: %v", got, err)
		}
		ref, _ := json.Marshal(orEmpty(m))
		json.Unmarshal(ref, &want)
		if len(back) != len(want) {
			t.Fatalf("%q read back as %v, want %v", got, back, want)
		}
		for k, v := range want {
			if back[k] != v {
				t.Errorf("%s: %q, want %q", k, back[k], v)
			}
		}
	}
	var got string
	if err := json.Unmarshal(appendJSONString(nil, "a\"b\\c\x01中"), &got); err != nil || got != "a\"b\\c\x01中" {
		t.Errorf("%q, %v", got, err)
	}
}
