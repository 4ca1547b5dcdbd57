package memo

import "testing"

// A value is made once and then read back; past Max the map starts afresh,
// keeping the value just put.
func TestMapMakesOnceAndStaysBounded(t *testing.T) {
	c := Map[int, string]{Max: 3}
	made := 0
	mk := func(s string) func() string { return func() string { made++; return s } }
	if v := c.Do(1, mk("a")); v != "a" || made != 1 {
		t.Fatalf("first: %q, made %d", v, made)
	}
	if v := c.Do(1, mk("other")); v != "a" || made != 1 {
		t.Errorf("again: %q, made %d; want the kept a, made once", v, made)
	}
	c.Put(2, "b")
	c.Put(3, "c")
	c.Put(4, "d") // the fourth: the map starts afresh
	if _, ok := c.Get(1); ok {
		t.Error("past Max, the old values are still kept")
	}
	if v, ok := c.Get(4); !ok || v != "d" {
		t.Errorf("the value put past Max: %q, %v", v, ok)
	}
}
