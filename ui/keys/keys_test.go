package keys

import (
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func bindings(t *testing.T, m Map) map[string]Binding {
	t.Helper()
	v := reflect.ValueOf(m.Keys).Elem()
	out := map[string]Binding{}
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(Binding)
		if !ok {
			t.Fatalf("%s.%s is not a Binding", m.Name, v.Type().Field(i).Name)
		}
		out[m.Name+"."+v.Type().Field(i).Name] = b
	}
	return out
}

// Every binding says in both languages what it does, and how its key is written.
func TestEveryBindingIsLabelled(t *testing.T) {
	for _, m := range Maps() {
		for name, b := range bindings(t, m) {
			if b.Label == "" || b.Help.ZH == "" || b.Help.EN == "" {
				t.Errorf("%s: label %q help %+v", name, b.Label, b.Help)
			}
		}
	}
}

// No key means two things at once: not within one set of keys, and a
// page binds none of App's keys but esc (its own way back) unless it
// reuses App's very binding (the dashboard's M).
func TestNoKeyIsBoundTwice(t *testing.T) {
	app := map[string]string{}
	appB := bindings(t, Map{"App", &App})
	for name, b := range appB {
		for _, k := range b.Keys {
			if prev, ok := app[k]; ok {
				t.Errorf("%q is both %s and %s", k, prev, name)
			}
			app[k] = name
		}
	}
	for _, m := range Maps() {
		if m.Name == "App" {
			continue
		}
		seen := map[string]string{}
		for name, b := range bindings(t, m) {
			for _, k := range b.Keys {
				if prev, ok := seen[k]; ok {
					t.Errorf("%q is both %s and %s", k, prev, name)
				}
				seen[k] = name
				if owner, ok := app[k]; ok && k != "esc" && !reflect.DeepEqual(appB[owner].Keys, b.Keys) {
					t.Errorf("%s binds %q, which is %s on every page", name, k, owner)
				}
			}
		}
	}
	if _, ok := app["q"]; !ok {
		t.Error("q is bound nowhere")
	}
}

func TestMatchesAndReasons(t *testing.T) {
	on := true
	b := Key("F", Report.File.Help, Reports, func() string {
		if on {
			return ""
		}
		return "本月尚未结束"
	})
	if !b.Matches(tea.KeyPressMsg{Code: 'F', Text: "F"}) || b.Matches(tea.KeyPressMsg{Code: 'f', Text: "f"}) {
		t.Error("F matches wrongly")
	}
	if b.Reason() != "" {
		t.Errorf("available: %q", b.Reason())
	}
	on = false
	if b.Reason() != "本月尚未结束" {
		t.Errorf("unavailable: %q", b.Reason())
	}
	if !Queue.Open.Matches(tea.KeyPressMsg{Code: tea.KeyEnter}) || !Queue.PageDown.Matches(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) {
		t.Error("enter or space does not match")
	}
	if New("?", Queue.Open.Help, Cases, "?").Reason() != "" {
		t.Error("a binding without a reason is unavailable")
	}
}
