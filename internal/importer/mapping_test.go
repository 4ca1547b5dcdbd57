package importer

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"complaintdesk/internal/policy"
)

func defaultPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	p, err := policy.Preset("default")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseMappingRefuses(t *testing.T) {
	for _, tc := range []struct{ text, why string }{
		{`sauce = "x"`, "unknown key sauce"},
		{"[columns]\nphoen = \"tel\"", "phoen: not a case field"},
		{"[values.channel]\n\"Web\" = \"\"", `"Web" is empty`},
		{"[values.received]\n\"x\" = \"y\"", "not a case field with values"},
		{`bad_contact = "ignore"`, `use "reject" or "note"`},
		{"[dates]\nformats = [\"DD/MM\"]", "needs a year"},
		{`encoding = "latin1"`, "unknown encoding"},
		{`time_zone = "Mars/Olympus"`, "time_zone"},
		{`id = 3`, "name in quotes"},
		{"id = \"x\"\n[columns\n", "register.toml:"},
	} {
		_, err := ParseMapping([]byte(tc.text), "register.toml")
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%q: %v, want %q", tc.text, err, tc.why)
		}
	}
}

func TestBindChecksColumnsAndPolicyValues(t *testing.T) {
	m, err := ParseMapping([]byte(`
id = "编号"
[columns]
received = "受理时间"
content = ["投诉内容", "补充说明"]
channel = "渠道"
[values.channel]
"电话" = "phone"
"飞鸽" = "pigeon"
[defaults]
grade = "Z"
[steps]
closed = ["close"]
`), "m.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Bind(BindOptions{Header: []string{"编号", "受理时间", "投诉内容", "渠道"}, Source: "x", Policy: defaultPolicy(t), Location: shanghai})
	if err == nil {
		t.Fatal("bound")
	}
	for _, want := range []string{`the file has no column "补充说明"`, `"飞鸽" = "pigeon": the policy has no channel`,
		`grade = "Z"`, `[steps] closed: `, `the file's columns: "编号", "受理时间"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("bind error lacks %q:\n%v", want, err)
		}
	}
	// No id, no content, no received.
	m, _ = ParseMapping([]byte("[columns]\nname = \"n\""), "m.toml")
	_, err = m.Bind(BindOptions{Header: []string{"n"}, Source: "x", Policy: defaultPolicy(t), Location: shanghai})
	for _, want := range []string{"id: name the column", "[columns] content", "[columns] received"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("bind error lacks %q: %v", want, err)
		}
	}
}

func TestConvertRow(t *testing.T) {
	m, err := ParseMapping([]byte(`
id = ["分店", "#2"]
contact_optional = true
join = "；"
[dates]
formats = ["YYYY/M/D HH:mm"]
[columns]
received = "受理时间"
closed = "结案"
content = ["内容", "补充"]
phone = "电话"
category = "类别"
status = "状态"
satisfaction = "评价"
[values.category]
"质量*" = "product.defect"
"质量-包装*" = "product.packaging"
"*" = "other"
[values.status]
"已结案" = "closed"
[values.satisfaction]
"满意" = "5"
"不满意" = "1"
[defaults]
channel = "walk-in"
status = "registered"
[fields]
shop = "分店"
[steps]
closed = ["acknowledge", "reject", "close"]
`), "m.toml")
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"分店", "序号", "受理时间", "结案", "内容", "补充", "电话", "类别", "状态", "评价"}
	b, err := m.Bind(BindOptions{Header: header, Source: "门店", Policy: defaultPolicy(t), Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	h, re := b.Convert(Row{Line: 2, Cells: []string{"南山店", "17", "2026/3/1 9:30", "2026/3/2", "漏水", "第二次", "'13800138000 / 13900139000", "质量-包装破损", "已结案", "满意"}})
	if re != nil {
		t.Fatal(re)
	}
	if h.SourceID != "南山店|17" || h.Source != "门店" || h.Content != "漏水；第二次" || h.Phone != "13800138000" || h.Fields["phone_other"] != "13900139000" {
		t.Errorf("converted %+v", h)
	}
	if strings.Join(h.Path, ",") != "acknowledge,reject,close" {
		t.Errorf("steps of closed: %v", h.Path)
	}
	if h.Category != "product.packaging" || h.Status != "closed" || h.Channel != "walk-in" || h.Satisfaction != 5 || h.Fields["shop"] != "南山店" {
		t.Errorf("values: %+v", h)
	}
	if !h.ReceivedAt.Equal(time.Date(2026, 3, 1, 9, 30, 0, 0, shanghai)) || !h.Steps["close"].Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, shanghai)) ||
		!h.DayOnly["close"] || h.DayOnly["received"] {
		t.Errorf("dates %v %v, day only %v", h.ReceivedAt, h.Steps, h.DayOnly)
	}
	// Every problem of a row, under its column.
	_, re = b.Convert(Row{Line: 9, Cells: []string{"", "", "3/1/2026", "", "", "", "12345", "服务", "处理中?", "x"}})
	if re == nil {
		t.Fatal("a bad row converted")
	}
	got := re.Error()
	for _, want := range []string{"line 9", `column "分店+序号": no id`, `column "受理时间": "3/1/2026" is not a date in the format YYYY/M/D HH:mm`,
		`column "电话": "12345" is not a phone number`, `column "状态": "处理中?" is not in the mapping's [values.status]`, `column "评价": "x" is not a whole number`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s\nlacks %s", got, want)
		}
	}
	if strings.Contains(got, "类别") {
		t.Errorf("服务 falls to the catch-all: %s", got)
	}
}

func TestExampleMappingsLoad(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "import", "*.toml"))
	if len(files) < 3 {
		t.Fatalf("example mappings: %v", files)
	}
	for _, f := range append(files, filepath.Join("testdata", "register.toml")) {
		if _, err := LoadMapping(f); err != nil {
			t.Error(err)
		}
	}
}
