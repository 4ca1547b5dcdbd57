package policy

import (
	"encoding/json"
	"reflect"
	"testing"
)

// A policy decoded from its JSON form is the one Parse gave: every preset.
func TestFromJSON(t *testing.T) {
	for _, name := range []string{"default", "lab", "gsp", "company", "aftersales"} {
		p, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		text := []byte(p.Text())
		parsed, err := Parse("stored policy", text)
		if err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(parsed)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := FromJSON("stored policy", text, js)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Location.String() != parsed.Location.String() {
			t.Errorf("%s: location %v, parsed %v", name, got.Location, parsed.Location)
		}
		got.Location, parsed.Location = nil, nil
		if !reflect.DeepEqual(got, parsed) {
			t.Errorf("%s: the policy from JSON differs from the parsed one", name)
		}
	}
	if _, err := FromJSON("x", nil, []byte(`{"TimeZone":"Nowhere/Atlantis"}`)); err == nil {
		t.Error("a time zone that does not load: no error")
	}
}
