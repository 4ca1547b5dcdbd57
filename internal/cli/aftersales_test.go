package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// asCase is what these tests read of `desk cases show --format json`.
type asCase struct {
	Number      string            `json:"number"`
	Status      string            `json:"status"`
	Grade       string            `json:"grade"`
	GradeReason string            `json:"grade_reason"`
	Department  string            `json:"department"`
	Handler     string            `json:"handler"`
	Fields      map[string]string `json:"fields"`
	Clocks      []struct {
		ID            string    `json:"id"`
		State         string    `json:"state"`
		Due           time.Time `json:"due"`
		MarginMinutes int64     `json:"margin_minutes"`
	} `json:"clocks"`
}

func (c *cliDesk) asShow(n string) asCase {
	c.t.Helper()
	var v asCase
	if err := json.Unmarshal([]byte(c.ok("cases", "show", n, "--format", "json", "--as", "刘经理")), &v); err != nil {
		c.t.Fatal(err)
	}
	return v
}

func (v asCase) clock(t *testing.T, id string) (state string, margin int64, due time.Time) {
	t.Helper()
	for _, k := range v.Clocks {
		if k.ID == id {
			return k.State, k.MarginMinutes, k.Due
		}
	}
	t.Fatalf("%s has no clock %s: %+v", v.Number, id, v.Clocks)
	return "", 0, time.Time{}
}

// The after-sales desk (seed 002): a general and a major complaint through
// the procedure, from the command line, with its refusals.
func TestAfterSalesDesk(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	if out := d.ok("init", "--profile", "aftersales"); !strings.Contains(out, "售后服务投诉") {
		t.Errorf("init --profile aftersales printed %q", out)
	}
	if p := d.ok("policy", "show", "--preset", "aftersales"); !strings.Contains(p, "[[route]]") || !strings.Contains(p, "002 服务质量 3.2") {
		t.Error("policy show --preset aftersales does not print the preset with its sources")
	}
	for _, u := range [][2]string{{"小王", "cs"}, {"张工", "handler"}, {"李工", "handler"}, {"刘经理", "manager"}} {
		d.ok("users", "add", u[0], "--role", u[1])
	}

	// Not classified: it would reach no department.
	_, errs, code := d.run("cases", "new", "--as", "小王", "--phone", "13812345678", "--content", "洗衣机异响")
	if code != 1 || !strings.Contains(errs, "请选择分类") || !strings.Contains(errs, "产品问题 → 产品质量部") {
		t.Errorf("registering without a class: exit %d %q", code, errs)
	}

	// ---- A general complaint, in time ----
	g := d.newCase("--as", "小王", "--phone", "13812345678", "--name", "赵六", "--content", "洗衣机脱水时异响",
		"--category", "product.defect", "--subject", "XQB80 洗衣机")
	v := d.asShow(g)
	if v.Grade != "C" || v.Department != "quality" || v.Handler != "" || !strings.Contains(v.GradeReason, "一般") {
		t.Errorf("registered: grade %s (%s), department %q, handler %q", v.Grade, v.GradeReason, v.Department, v.Handler)
	}
	// In the quality department's queue with no assignment.
	if got := d.list("--department", "quality", "--as", "刘经理"); len(got) != 1 || got[0].Number != g {
		t.Errorf("the quality department's queue: %+v", got)
	}
	// The receipt: who received it, who is responsible, when it is expected.
	rc := d.ok("cases", "print", g, "--form", "receipt", "--as", "小王")
	_, _, due := v.clock(t, "resolution")
	for _, want := range []string{"投诉受理回执", g, "受理人      小王", "产品质量部", "赵六",
		"预计解决时间  " + due.Add(-time.Minute).In(mustShanghai(t)).Format("2006-01-02") + " 24:00 前（一般投诉解决时限）", "尚未发送"} {
		if !strings.Contains(rc, want) {
			t.Errorf("the receipt lacks %q:\n%s", want, rc)
		}
	}
	d.ok("cases", "contact", g, "--as", "小王", "--kind", "letter", "--outcome", "sent", "--note", "已寄出受理回执")
	if st, _, _ := d.asShow(g).clock(t, "receipt"); st != "met" {
		t.Errorf("the receipt letter sent: receipt clock %s", st)
	}
	md := d.ok("cases", "print", g, "--form", "receipt", "--format", "md", "--as", "小王")
	if !strings.Contains(md, "| 回执发送 |") || !strings.Contains(md, "回执信/信函，已寄出/已发送（小王）") || !strings.Contains(md, "已按时完成") {
		t.Errorf("the Markdown receipt does not say it was sent:\n%s", md)
	}
	// The department: its handler takes it, verifies, resolves.
	if _, errs, code := d.run("cases", "verify", g, "--as", "张工", "--complainant", "--item", "--product", "XQB80"); code != 1 || !strings.Contains(errs, "处理人") {
		t.Errorf("verify before the department took it: exit %d %q", code, errs)
	}
	d.ok("cases", "assign", g, "--as", "张工", "--handler", "张工")
	d.ok("cases", "verify", g, "--as", "张工", "--complainant", "--item", "--product", "XQB80 批号 2610")
	d.ok("cases", "resolve", g, "--as", "张工", "--resolution", "上门更换轴承", "--type", "repair")
	// Not closed before customer service told the customer.
	_, errs, code = d.run("cases", "close", g, "--as", "小王")
	if code != 1 || !strings.Contains(errs, "处理结果须先由客服告知客户") || !strings.Contains(errs, "002 规定 四.3") {
		t.Errorf("closing before the customer was told: exit %d %q", code, errs)
	}
	// ...nor by giving the other step's field to the close itself
	if _, errs, code := d.run("cases", "act", g, "close", "--field", "informed_via=phone", "--as", "小王"); code != 1 || !strings.Contains(errs, "不记录告知客户方式") {
		t.Errorf("closing with the customer-told field given: exit %d %q", code, errs)
	}
	if _, errs, code := d.run("cases", "inform-customer", g, "--as", "张工", "--via", "phone", "--agreement", "agreed"); code != 1 || !strings.Contains(errs, "客服专员") {
		t.Errorf("the department told the customer itself: exit %d %q", code, errs)
	}
	d.ok("cases", "inform-customer", g, "--as", "小王", "--via", "phone", "--agreement", "agreed", "--note", "客户同意")
	d.ok("cases", "close", g, "--as", "小王")
	d.ok("cases", "revisit", g, "--as", "小王", "--satisfaction", "5", "--note", "很满意")
	v = d.asShow(g)
	if v.Status != "revisited" || v.Fields["informed_via"] != "phone" {
		t.Errorf("after the follow-up: %s %v", v.Status, v.Fields)
	}
	for _, id := range []string{"receipt", "verification", "resolution"} {
		if st, _, _ := v.clock(t, id); st != "met" {
			t.Errorf("general complaint: %s %s", id, st)
		}
	}

	// ---- A major complaint: the receipt late, the resolution past due ----
	received := time.Now().In(mustShanghai(t)).AddDate(0, 0, -15).Format("2006-01-02 15:04")
	m := d.newCase("--as", "小王", "--phone", "13900001111", "--name", "钱七", "--content", "安装师傅态度恶劣，摔坏了门框",
		"--category", "service.attitude", "--injury", "--channel", "letter", "--received", received, "--field", "late_reason=来信晚到，按来信补录")
	v = d.asShow(m)
	if v.Grade != "A" || v.Department != "service" || !strings.Contains(v.GradeReason, "人身伤害") {
		t.Errorf("a complaint with an injury: grade %s (%s), department %s", v.Grade, v.GradeReason, v.Department)
	}
	d.ok("cases", "contact", m, "--as", "小王", "--kind", "sms", "--outcome", "sent")
	d.ok("cases", "assign", m, "--as", "刘经理", "--handler", "李工")
	d.ok("cases", "verify", m, "--as", "李工", "--complainant", "--item", "--product", "门框")
	d.ok("cases", "resolve", m, "--as", "李工", "--resolution", "赔偿门框维修费并道歉", "--type", "compensation", "--amount", "800")
	v = d.asShow(m)
	for _, id := range []string{"receipt", "verification", "resolution_major"} {
		if st, margin, _ := v.clock(t, id); st != "breached" || margin >= 0 {
			t.Errorf("major complaint handled 15 days late: %s %s (margin %d min)", id, st, margin)
		}
	}
	if st, margin, _ := v.clock(t, "receipt"); st == "breached" && margin > -14*24*60 {
		t.Errorf("the receipt sent 15 days after receipt is late by %d minutes only", -margin)
	}
	rc = d.ok("cases", "print", m, "--form", "receipt", "--as", "刘经理")
	if !strings.Contains(rc, "已超时") || !strings.Contains(rc, "短信/微信，已寄出/已发送（小王）") || !strings.Contains(rc, "售后服务部") {
		t.Errorf("the late receipt:\n%s", rc)
	}
	d.ok("cases", "inform-customer", m, "--as", "小王", "--via", "letter", "--agreement", "agreed")
	d.ok("cases", "close", m, "--as", "小王")

	// ---- Closed without the receipt: its clock is unmet, not met ----
	u := d.newCase("--as", "小王", "--phone", "13600003333", "--name", "孙八", "--content", "热水器温控失灵",
		"--category", "product.defect")
	d.ok("cases", "assign", u, "--as", "张工", "--handler", "张工")
	d.ok("cases", "verify", u, "--as", "张工", "--complainant", "--item", "--product", "热水器")
	d.ok("cases", "resolve", u, "--as", "张工", "--resolution", "更换温控器", "--type", "repair")
	d.ok("cases", "inform-customer", u, "--as", "小王", "--via", "phone", "--agreement", "agreed")
	d.ok("cases", "close", u, "--as", "小王")
	if st, _, _ := d.asShow(u).clock(t, "receipt"); st != "unmet" {
		t.Errorf("closed without sending the receipt: receipt clock %s, want unmet", st)
	}
	if show := d.ok("cases", "show", u, "--as", "小王"); !strings.Contains(show, "未达成") || !strings.Contains(show, "结案时此步未完成") {
		t.Errorf("cases show does not say the receipt clock is unmet:\n%s", show)
	}
	if rc := d.ok("cases", "print", u, "--form", "receipt", "--as", "小王"); !strings.Contains(rc, "未达成") {
		t.Errorf("the receipt form does not say its clock is unmet:\n%s", rc)
	}

	// ---- Routing refused and redone ----
	p := d.newCase("--as", "小王", "--phone", "13700002222", "--content", "空调安装后漏水", "--category", "product.defect")
	d.ok("cases", "assign", p, "--as", "张工", "--handler", "张工")
	_, errs, code = d.run("cases", "transfer", p, "--as", "张工", "--handler", "李工", "--department", "service", "--reason", "安装问题")
	if code != 1 || !strings.Contains(errs, "产品问题由产品质量部负责处理") || !strings.Contains(errs, "002 服务质量 3.2") {
		t.Errorf("a product complaint sent to the service department: exit %d %q", code, errs)
	}
	_, _, before := d.asShow(p).clock(t, "verification")
	d.ok("cases", "reclassify", p, "--as", "张工", "--category", "service.support", "--reason", "安装不当，属服务问题")
	v = d.asShow(p)
	_, _, after := v.clock(t, "verification")
	if v.Department != "service" || v.Handler != "" || !after.After(before) && !after.Equal(before) {
		t.Errorf("reclassified: department %q handler %q; verification due %v (before %v)", v.Department, v.Handler, after, before)
	}
	if got := d.list("--department", "service", "--as", "刘经理"); len(got) != 2 {
		t.Errorf("the service department's queue: %+v", got)
	}

	// ---- The month per department and per person ----
	month := time.Now().In(mustShanghai(t)).Format("2006-01")
	var rep struct {
		Current struct {
			ByDepartment []struct {
				Key      string `json:"key"`
				Received int    `json:"received"`
				Closed   int    `json:"closed"`
			} `json:"by_department"`
			ByHandler []struct {
				Key    string `json:"key"`
				Closed int    `json:"closed"`
				Clocks map[string]struct {
					Met      int `json:"met"`
					Breached int `json:"breached"`
				} `json:"clocks"`
			} `json:"by_handler"`
		} `json:"current"`
	}
	if err := json.Unmarshal([]byte(d.ok("report", "monthly", "--month", month, "--format", "json", "--as", "刘经理")), &rep); err != nil {
		t.Fatal(err)
	}
	var quality, zhang bool
	for _, g := range rep.Current.ByDepartment {
		quality = quality || g.Key == "quality" && g.Received == 2 && g.Closed == 2
	}
	for _, h := range rep.Current.ByHandler {
		// the receipt never sent counts against the on-time rate, as a breach
		zhang = zhang || h.Key == "张工" && h.Closed == 2 && h.Clocks["receipt"].Met == 1 && h.Clocks["receipt"].Breached == 1
	}
	if !quality || !zhang {
		t.Errorf("the monthly report per department and handler: %+v", rep.Current)
	}
}
