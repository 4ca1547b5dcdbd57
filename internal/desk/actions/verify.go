package actions

import (
	"maps"
	"slices"
)

// Verify records 三核实 (002 5.3): the complainant (who, address, how to
// reach them) and the item (when, where, which product / batch / report).
var Verify = Def{
	ID:       "verify",
	Handling: true,
	Key:      "y",
	Verb:     L{ZH: "核实", EN: "verify"},
	Done:     L{ZH: "核实", EN: "Verified"},
	Title:    L{ZH: "三核实（投诉人、投诉事项）", EN: "Verify the complainant and the item"},
	Help:     L{ZH: "记录三核实：投诉人和投诉事项", EN: "Record the verification (三核实): the complainant and the item"},
	Fields:   []Field{ComplainantVerified, ItemVerified, ItemTime, ItemPlace, ItemProduct, Note},
	Gives:    []string{"verification"},
	Apply: func(x *Ctx) {
		c, in := x.C, x.In
		item := trim(in.ItemTime + in.ItemPlace + in.ItemProduct)
		if !in.ComplainantVerified && !in.ItemVerified {
			x.Fail("verification", "请勾选已核实的内容：投诉人和/或投诉事项", "tick what was verified: the complainant and/or the item")
		}
		if in.ItemVerified && item == "" && c.Fields["item_product"] == "" && c.Fields["item_time"] == "" {
			x.Fail("item_product", "核实投诉事项时请写明时间、地点或涉及的产品/批号/报告", "say when, where or which product / batch / report when verifying the item")
		}
		if in.ComplainantVerified {
			SetField(c, "complainant_verified", "yes")
		}
		if in.ItemVerified {
			SetField(c, "item_verified", "yes")
		}
		vals := map[string]string{"item_time": in.ItemTime, "item_place": in.ItemPlace, "item_product": in.ItemProduct}
		for _, k := range slices.Sorted(maps.Keys(vals)) {
			if v := trim(vals[k]); v != "" {
				SetField(c, k, v)
			}
		}
	},
}
