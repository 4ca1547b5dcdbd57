package components

import (
	"testing"
	"time"

	"complaintdesk/internal/policy"
)

// A history line shows what a person reads, not the stored ids: the
// checklist items by name with their outcome, several resolution types by
// name, a step's time in local time, the role that went on site.
func TestFieldValueInWords(t *testing.T) {
	p := policy.Default()
	shanghai := time.FixedZone("CST", 8*3600)
	for _, c := range []struct{ k, v, lang, want string }{
		{"inspection_items", "registration=pass;verification=fail", "zh", "登记完整（投诉人、内容、要求、渠道、时间） 合格、三核实到位 不合格"},
		{"inspection_items", "first_response=fail", "en", "First response in time fail"},
		{"resolution_type", "repair,compensation", "zh", "维修、赔偿"},
		{"resolution_type", "repair", "en", "Repair"},
		{"inspected_at", "2026-12-03T05:35:05+08:00", "zh", "2026-12-03 05:35"},
		{"visit_at", "2026-12-02T21:35:05Z", "zh", "2026-12-03 05:35"},
		{"visit_role", "supervisor", "zh", "主管"},
		{"visited_roles", "supervisor,project_manager", "zh", "主管、项目经理"},
		{"expected_by", "2026-12-04T16:00:00Z", "en", "2026-12-05 00:00"},
		{"note", "2026-12-04 是周五", "zh", "2026-12-04 是周五"},
	} {
		if got := FieldValue(p, c.k, c.v, c.lang, shanghai); got != c.want {
			t.Errorf("FieldValue(%s, %q, %s) = %q, want %q", c.k, c.v, c.lang, got, c.want)
		}
	}
}
