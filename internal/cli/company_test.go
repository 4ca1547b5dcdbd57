package cli_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The company preset (regulation 003) walked from the command line: each
// department's step in the order of 第六条 to 第十四条, each step refused to
// the wrong role and out of order, the record card and the handling notice
// as they fill.
func TestCompanyComplaintCase(t *testing.T) {
	d := newCLIDesk(t)
	d.env["LANG"] = "zh_CN.UTF-8"
	if out := d.ok("init", "--profile", "company"); !strings.Contains(out, "公司客户投诉案件处理") {
		t.Errorf("init --profile company printed %q", out)
	}
	for _, u := range [][2]string{{"营甲", "sales"}, {"营主管", "sales_manager"}, {"业甲", "business"}, {"质甲", "qm"},
		{"经办甲", "handler"}, {"部主管", "dept_manager"}, {"部主管二", "dept_manager"}} {
		d.ok("users", "add", u[0], "--role", u[1])
	}
	// the steps are listed by the policy's names of them
	if help := d.ok("cases", "--help"); !regexp.MustCompile(`request-approval +提交处理意见`).MatchString(help) ||
		!regexp.MustCompile(`approve +批准处理意见`).MatchString(help) {
		t.Errorf("cases --help does not name the company's steps:\n%s", help)
	}
	const viewer = "营主管"
	n := d.newCase("--as", "营甲", "--name", "华信贸易", "--phone", "13812345678", "--content", "到货钢板厚度不足",
		"--demand", "换货并赔偿运费", "--category", "spec", "--subject", "Q235 钢板 合同 HT-2611")

	// 第七条: the sales department confirms, its superior decides.
	d.refuses(n, []string{"当前状态（已登记）不能裁定受理", "确认投诉理由（营业部门）"}, "cases", "accept", n, "--as", "营主管")
	d.refuses(n, []string{"您的角色（营业部主管）不能确认投诉理由"}, "cases", "confirm", n, "--as", "营主管", "--justified", "yes", "--reason", "实测不足")
	d.refuses(n, []string{"此操作需要填写：原因"}, "cases", "confirm", n, "--as", "营甲", "--justified", "yes")
	d.ok("cases", "confirm", n, "--as", "营甲", "--justified", "yes", "--reason", "实测 5.6mm，合同 6mm")
	d.refuses(n, []string{"您的角色（营业部门）不能裁定受理", "营业部主管"}, "cases", "accept", n, "--as", "营甲")
	d.refuses(n, []string{"不能发出投诉处理通知", "需先：裁定受理"}, "cases", "issue-notice", n, "--as", "业甲", "--notice-no", "TZ-1")
	d.ok("cases", "accept", n, "--as", "营主管", "--note", "同意受理")

	// 第五条②, 第九条: the business department's notice, then quality
	// management names the department.
	d.refuses(n, []string{"不能确定处理部门", "需先：发出投诉处理通知"}, "cases", "dispatch", n, "--as", "质甲", "--department", "production", "--handler", "经办甲")
	d.refuses(n, []string{"此操作需要填写：投诉处理通知编号"}, "cases", "issue-notice", n, "--as", "业甲")
	d.refuses(n, []string{"您的角色（营业部门）不能发出投诉处理通知"}, "cases", "issue-notice", n, "--as", "营甲", "--notice-no", "TZ-1")
	d.ok("cases", "issue-notice", n, "--as", "业甲", "--notice-no", "TZ-2026-118")
	d.refuses(n, []string{"您的角色（业务部）不能确定处理部门", "质量管理部"}, "cases", "dispatch", n, "--as", "业甲", "--department", "production", "--handler", "经办甲")
	d.refuses(n, []string{"此操作需要填写：处理人"}, "cases", "dispatch", n, "--as", "质甲", "--department", "production")
	d.refuses(n, []string{"营甲 的角色（营业部门）不能作为处理人"}, "cases", "dispatch", n, "--as", "质甲", "--department", "production", "--handler", "营甲")
	d.ok("cases", "dispatch", n, "--as", "质甲", "--department", "production", "--handler", "经办甲")
	if v := d.caseAs(n, viewer); v.Status != "investigating" || v.Department != "production" || v.Handler != "经办甲" {
		t.Errorf("dispatched: %s %s %s", v.Status, v.Department, v.Handler)
	}

	// The record card and the notice so far: the stub and the notice are
	// filled, the report and the answer are not.
	card := d.ok("cases", "print", n, "--form", "record-card", "--as", "营甲")
	for _, want := range []string{"客户投诉记录卡", "第一联　存根", "第二联　通知", "第三联　通知副本", "第四联　调查报告", "第五联　答复", "第六联　审核"} {
		if !strings.Contains(card, want) {
			t.Errorf("the record card lacks %q:\n%s", want, card)
		}
	}
	stub := part(t, card, "第一联")
	for label, want := range map[string]string{"投诉单编号": n, "投诉客户": "华信贸易", "联系电话": "13812345678", "客户要求": "换货并赔偿运费",
		"理由是否成立": "成立", "理由确认": "营甲"} {
		if got := value(stub, label); !strings.Contains(got, want) {
			t.Errorf("the stub's %s is %q, want %q:\n%s", label, got, want, stub)
		}
	}
	if got := value(stub, "受理时间"); len(got) != len("2006-01-02 15:04") {
		t.Errorf("the stub's time received is %q", got)
	}
	if got := value(stub, "受理裁定"); !strings.HasPrefix(got, "裁定受理") || !strings.Contains(got, "营主管") {
		t.Errorf("the stub does not say the complaint was accepted, and by whom: %q", got)
	}
	for _, p := range []string{"第二联", "第三联"} {
		notice := part(t, card, p)
		if value(notice, "处理通知编号") != "TZ-2026-118" || value(notice, "处理部门") != "生产部" || value(notice, "经办人") != "经办甲" {
			t.Errorf("the card's %s after the dispatch:\n%s", p, notice)
		}
	}
	for _, label := range []string{"投诉目的", "客户要求是否正当", "发生原因"} {
		if got := value(part(t, card, "第四联"), label); got != "—" {
			t.Errorf("the report part's %s before any investigation: %q", label, got)
		}
	}
	if got := value(part(t, card, "第五联"), "处理意见"); got != "—" {
		t.Errorf("the handling opinion before there is one: %q", got)
	}
	notice := d.ok("cases", "print", n, "--form", "handling-notice", "--as", "业甲")
	for _, want := range []string{"投诉处理通知  TZ-2026-118", n, "华信贸易", "换货并赔偿运费", "业甲", "生产部", "调查报告  截止"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the handling notice lacks %q:\n%s", want, notice)
		}
	}
	md := d.ok("cases", "print", n, "--form", "handling-notice", "--format", "md", "--as", "业甲")
	for _, want := range []string{"# 投诉处理通知", "| 投诉单编号 | " + n + " |", "| 处理部门 | 生产部 |", "| 客户要求 | 换货并赔偿运费 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown notice lacks %q:\n%s", want, md)
		}
	}

	// 第十条: the investigation with its six contents; 第十一条: reviewed by
	// a manager who did not write it.
	d.refuses(n, []string{"提交调查报告需要先有：调查报告"}, "cases", "submit-report", n, "--as", "经办甲",
		"--content-true", "属实", "--purpose", "换货", "--demand-justified", "正当")
	d.ok("cases", "findings", n, "--as", "经办甲", "--facts", "抽检 20 张，厚度 5.6-5.7mm", "--cause", "轧制设备辊缝偏差",
		"--responsible", "生产部二车间", "--conclusion", "justified", "--corrective", "换货")
	// the manager completes it, so he may not review it
	d.ok("cases", "findings", n, "--as", "部主管", "--preventive", "每班校验辊缝")
	six := map[string]string{"--content-true": "属实，20 张", "--purpose": "换货并索赔运费", "--demand-justified": "要求正当，运费由我方承担"}
	names := map[string]string{"--content-true": "投诉内容是否属实", "--purpose": "投诉目的", "--demand-justified": "客户要求是否正当"}
	for missing := range six {
		args := []string{"cases", "submit-report", n, "--as", "经办甲"}
		for f, v := range six {
			if f != missing {
				args = append(args, f, v)
			}
		}
		d.refuses(n, []string{"此操作需要填写：" + names[missing]}, args...)
	}
	d.refuses(n, []string{"您的角色（营业部门）不能提交调查报告"}, "cases", "submit-report", n, "--as", "营甲",
		"--content-true", six["--content-true"], "--purpose", six["--purpose"], "--demand-justified", six["--demand-justified"])
	d.refuses(n, []string{"不能主管审核调查报告", "需先：提交调查报告"}, "cases", "review-report", n, "--as", "部主管二")
	d.ok("cases", "submit-report", n, "--as", "经办甲",
		"--content-true", six["--content-true"], "--purpose", six["--purpose"], "--demand-justified", six["--demand-justified"])
	d.refuses(n, []string{"您的角色（受理部门经办人）不能主管审核调查报告"}, "cases", "review-report", n, "--as", "经办甲")
	d.refuses(n, []string{"调查报告须由撰写人以外的主管审核", "003 第十一条"}, "cases", "review-report", n, "--as", "部主管")
	d.refuses(n, []string{"不能质管部审核调查报告", "需先：主管审核调查报告"}, "cases", "qm-review", n, "--as", "质甲")
	d.ok("cases", "review-report", n, "--as", "部主管二")

	// 第十二条: quality management reviews, reports and answers.
	d.refuses(n, []string{"您的角色（受理部门主管）不能质管部审核调查报告"}, "cases", "qm-review", n, "--as", "部主管二")
	d.refuses(n, []string{"需先：质管部审核调查报告"}, "cases", "report-back", n, "--as", "质甲", "--note", "同意换货")
	d.ok("cases", "qm-review", n, "--as", "质甲")
	d.refuses(n, []string{"此操作需要填写：备注"}, "cases", "report-back", n, "--as", "质甲")
	d.ok("cases", "report-back", n, "--as", "质甲", "--note", "已呈报营业部主管；同意换货并承担运费")

	// 第十三条: the handling opinion, approved by a superior who did not
	// make it; 第十四条: then the written answer.
	d.refuses(n, []string{"不能解决", "提交处理意见 → 批准处理意见"}, "cases", "resolve", n, "--as", "经办甲",
		"--resolution", "换货", "--reply", "已换货")
	d.refuses(n, []string{"此操作需要填写：处理意见"}, "cases", "request-approval", n, "--as", "部主管")
	d.ok("cases", "request-approval", n, "--as", "部主管", "--handling-opinion", "更换 20 张钢板，承担运费 800 元")
	d.refuses(n, []string{"处理意见须由提出人以外的上级审核", "003 第十三条"}, "cases", "approve", n, "--as", "部主管")
	d.refuses(n, []string{"您的角色（受理部门经办人）不能批准处理意见"}, "cases", "approve", n, "--as", "经办甲")
	d.ok("cases", "approve", n, "--as", "营主管", "--note", "同意")
	d.refuses(n, []string{"此操作需要填写：书面答复"}, "cases", "resolve", n, "--as", "经办甲",
		"--resolution", "换货 20 张并承担运费", "--type", "exchange,compensation=800")
	d.refuses(n, []string{"不能结案", "需先：解决"}, "cases", "close", n, "--as", "业甲")
	reply := "华信贸易：经查属实，我司为贵司更换 20 张钢板并承担运费 800 元。"
	d.ok("cases", "resolve", n, "--as", "经办甲", "--resolution", "换货 20 张并承担运费", "--type", "exchange,compensation=800", "--reply", reply)
	d.refuses(n, []string{"您的角色（受理部门经办人）不能结案"}, "cases", "close", n, "--as", "经办甲")
	d.ok("cases", "close", n, "--as", "业甲")
	d.refuses(n, []string{"您的角色（质量管理部）不能回访"}, "cases", "revisit", n, "--as", "质甲", "--satisfaction", "5")
	d.ok("cases", "revisit", n, "--as", "营甲", "--satisfaction", "5", "--note", "满意")
	if v := d.caseAs(n, viewer); v.Status != "revisited" || v.Fields["handling_opinion"] == "" || v.Fields["purpose"] != "换货并索赔运费" {
		t.Errorf("revisited: %s %v", v.Status, v.Fields)
	}

	// The whole card.
	card = d.ok("cases", "print", n, "--form", "record-card", "--as", "营甲")
	report := part(t, card, "第四联")
	for label, want := range map[string]string{"投诉内容是否属实": "属实，20 张", "投诉目的": "换货并索赔运费", "客户要求是否正当": "要求正当",
		"发生原因": "轧制设备辊缝偏差", "具体责任者": "生产部二车间", "结论": "成立", "预防措施（防范措施）": "每班校验辊缝"} {
		if got := value(report, label); !strings.Contains(got, want) {
			t.Errorf("the report part's %s is %q, want %q:\n%s", label, got, want, report)
		}
	}
	answer := part(t, card, "第五联")
	for label, want := range map[string]string{"质管部审核": "质甲", "呈报与回复": "同意换货并承担运费", "处理意见": "更换 20 张钢板，承担运费 800 元",
		"处理意见审批": "营主管", "处理方式": "损害赔偿 800.00 元", "书面答复": reply} {
		if got := value(answer, label); !strings.Contains(got, want) {
			t.Errorf("the answer part's %s is %q, want %q:\n%s", label, got, want, answer)
		}
	}
	review := part(t, card, "第六联")
	if !strings.Contains(value(review, "主管审核调查报告"), "部主管二") || !strings.Contains(value(review, "结案"), "业甲") || value(review, "当前状态") != "已回访" {
		t.Errorf("the review part at the end:\n%s", review)
	}
	md = d.ok("cases", "print", n, "--form", "record-card", "--format", "md", "--as", "营甲")
	for _, want := range []string{"# 客户投诉记录卡", "## 第一联　存根", "## 第六联　审核", "| 投诉目的 | 换货并索赔运费 |",
		"| 处理意见 | 更换 20 张钢板，承担运费 800 元 |", "| 客户要求 | 换货并赔偿运费 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown card lacks %q:\n%s", want, md)
		}
	}
	// the administrator's card is masked
	if admin := d.ok("cases", "print", n, "--form", "record-card"); strings.Contains(admin, "13812345678") || !strings.Contains(admin, "138****5678") {
		t.Errorf("the administrator's record card is not masked:\n%s", part(t, admin, "第一联"))
	}

	// ---- Not accepted (第七条): the customer is answered with the reason ----
	m := d.newCase("--as", "营甲", "--name", "宏达公司", "--phone", "13900001111", "--content", "货物受潮", "--demand", "退货", "--category", "not_valid")
	d.refuses(m, []string{"当前状态（已登记）不能不予受理并答复客户", "需先：确认投诉理由"}, "cases", "decline", m, "--as", "营主管",
		"--reason", "属客户保管原因", "--reply", "恕难退货")
	d.ok("cases", "confirm", m, "--as", "营甲", "--justified", "no", "--reason", "客户仓库漏雨所致")
	d.refuses(m, []string{"营业部门确认投诉理由成立后才能受理", "003 第七条"}, "cases", "accept", m, "--as", "营主管")
	d.refuses(m, []string{"此操作需要填写：书面答复"}, "cases", "decline", m, "--as", "营主管", "--reason", "属客户保管原因")
	d.refuses(m, []string{"您的角色（营业部门）不能不予受理并答复客户"}, "cases", "decline", m, "--as", "营甲", "--reason", "属客户保管原因", "--reply", "恕难退货")
	declined := "宏达公司：经查货物受潮系仓库漏雨所致，恕难退货，敬请谅解。"
	d.ok("cases", "decline", m, "--as", "营主管", "--reason", "属客户保管原因", "--reply", declined)
	d.refuses(m, []string{"不能发出投诉处理通知"}, "cases", "issue-notice", m, "--as", "业甲", "--notice-no", "TZ-9")
	card = d.ok("cases", "print", m, "--form", "record-card", "--as", "营甲")
	if got := value(part(t, card, "第一联"), "受理裁定"); !strings.HasPrefix(got, "不予受理") || !strings.Contains(got, "属客户保管原因") {
		t.Errorf("the declined card's decision: %q", got)
	}
	if got := value(part(t, card, "第五联"), "书面答复"); got != declined {
		t.Errorf("the declined card's reply: %q", got)
	}
	if got := value(part(t, card, "第二联"), "处理通知编号"); got != "—" {
		t.Errorf("a declined complaint has a notice: %q", got)
	}
	d.ok("cases", "close", m, "--as", "业甲")
	if v := d.caseAs(m, viewer); v.Status != "closed" {
		t.Errorf("declined and closed: %s", v.Status)
	}

	// 第十九条: quality management makes the month's statistics (sales does not)
	month := time.Now().In(mustShanghai(t)).Format("2006-01")
	var rep struct {
		Current struct {
			Received int `json:"received"`
		} `json:"current"`
	}
	if err := json.Unmarshal([]byte(d.ok("report", "monthly", "--month", month, "--format", "json", "--as", "质甲")), &rep); err != nil || rep.Current.Received != 2 {
		t.Errorf("quality management's monthly report: %+v %v", rep, err)
	}
	if _, errs, code := d.run("report", "monthly", "--month", month, "--as", "营甲"); code != 1 || !strings.Contains(errs, "只有主管、质检员和管理员") {
		t.Errorf("the sales department made the monthly report: exit %d %s", code, errs)
	}
}
