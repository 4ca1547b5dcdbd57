package report

import (
	"fmt"
	"math"
	"slices"
	"time"

	"complaintdesk/internal/policy"
)

// Kind is what a cell holds.
type Kind int

const (
	Text       Kind = iota
	Int             // a count
	Percent         // a fraction shown as a percentage
	Hours           // hours, one decimal
	Score           // an average score, two decimals
	Delta           // a signed change of a count
	DeltaPP         // a signed change of a percentage, in percentage points, one decimal
	DeltaH          // a signed change of hours, one decimal
	DeltaScore      // a signed change of an average score, two decimals
)

// Cell is one cell of a report table: the text shown and, for numbers,
// the value (written as a number to spreadsheets).
type Cell struct {
	Text string
	Num  float64
	Kind Kind
	// Empty marks a number that cannot be given (a rate of nothing): Text
	// is "-" and spreadsheets get an empty cell.
	Empty bool
}

// Table is one table of a report.
type Table struct {
	ID     string // stable name: by_category, on_time, ...
	Title  string
	Header []string
	Rows   [][]Cell
	Notes  []string
	// Sheet is the XLSX sheet of the table ("" = the summary sheet).
	Sheet string
}

func txt(s string) Cell { return Cell{Text: s} }
func num(n int) Cell    { return Cell{Text: fmt.Sprint(n), Num: float64(n), Kind: Int} }

func pct(v float64, ok bool) Cell {
	if !ok {
		return Cell{Text: "-", Kind: Percent, Empty: true}
	}
	return Cell{Text: fmt.Sprintf("%.1f%%", roundTo(v*100, 1)), Num: v, Kind: Percent}
}

func hours(h float64, ok bool) Cell {
	if !ok {
		return Cell{Text: "-", Kind: Hours, Empty: true}
	}
	return Cell{Text: fmt.Sprintf("%.1f", roundTo(h, 1)), Num: h, Kind: Hours}
}

func score(v float64, ok bool) Cell {
	if !ok {
		return Cell{Text: "-", Kind: Score, Empty: true}
	}
	return Cell{Text: fmt.Sprintf("%.2f", roundTo(v, 2)), Num: v, Kind: Score}
}

func delta(cur, prev int) Cell {
	d := cur - prev
	return Cell{Text: fmt.Sprintf("%+d", d), Num: float64(d), Kind: Delta}
}

// A change is the difference of the two figures as the table shows them
// (percentages and hours to one decimal, scores to two), so that it is
// what a reader gets by subtracting the printed numbers, and it is rounded
// to the same precision: no binary noise (4.0000000000000036) reaches a
// spreadsheet.

func deltaPP(cur float64, cok bool, prev float64, pok bool) Cell {
	if !cok || !pok {
		return Cell{Text: "-", Kind: DeltaPP, Empty: true}
	}
	d := roundTo(roundTo(cur*100, 1)-roundTo(prev*100, 1), 1)
	return Cell{Text: fmt.Sprintf("%+.1f", d), Num: d, Kind: DeltaPP}
}

func deltaH(cur float64, cok bool, prev float64, pok bool) Cell {
	if !cok || !pok {
		return Cell{Text: "-", Kind: DeltaH, Empty: true}
	}
	d := roundTo(roundTo(cur, 1)-roundTo(prev, 1), 1)
	return Cell{Text: fmt.Sprintf("%+.1f", d), Num: d, Kind: DeltaH}
}

func deltaScore(cur float64, cok bool, prev float64, pok bool) Cell {
	if !cok || !pok {
		return Cell{Text: "-", Kind: DeltaScore, Empty: true}
	}
	d := roundTo(roundTo(cur, 2)-roundTo(prev, 2), 2)
	return Cell{Text: fmt.Sprintf("%+.2f", d), Num: d, Kind: DeltaScore}
}

// roundTo rounds x to n decimals, halves away from zero.
func roundTo(x float64, n int) float64 {
	p := math.Pow10(n)
	r := math.Round(x*p) / p
	if r == 0 {
		return 0 // not -0
	}
	return r
}

// tr picks the language.
func tr(lang, zh, en string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

// Title is the report's title line.
func (m *Monthly) Title(lang string) string {
	mo, _ := ParseMonth(m.Month)
	return tr(lang, "客户投诉分类统计汇总表 ", "Monthly complaint statistics, ") + mo.Label(lang)
}

// Scope says what the figures are about, in one line.
func (m *Monthly) Scope(lang string) string {
	loc, err := time.LoadLocation(m.Zone)
	if err != nil {
		loc = time.Local
	}
	f := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	return tr(lang,
		fmt.Sprintf("统计口径：%s 至 %s（%s）受理的投诉，截至 %s；上月 %s", f(m.Cur.From), f(m.Cur.To), m.Zone, f(m.AsOf), m.Previous),
		fmt.Sprintf("Cases received from %s to %s (%s), as of %s; previous month %s", f(m.Cur.From), f(m.Cur.To), m.Zone, f(m.AsOf), m.Previous))
}

// Definitions are the notes that say how each figure is counted.
func Definitions(lang string) []string {
	if lang == "zh" {
		return []string{
			"口径：本表各项均针对当月受理的投诉（按受理时间），按截至时间的状态计算；次月结案的投诉计入受理当月。",
			"按时率 = 按时 ÷（按时 + 超时）；仍在时限内处理中的不计入。首次响应含网络投诉受理时限；结案时限按重新处理后的最近一次计算。",
			"处理时长 = 受理至（最后一次）结案；工作时长只计法定工作日（含调休上班日）的时间，休息日和节假日不计。P90 为第 90 百分位（最近秩）。",
			"复开率 = 重新处理过的投诉 ÷ 已解决、不成立或结案过的投诉。满意度按每次回访计。重复问题 = 同一分类且同一对象（产品/订单/报告）的投诉 2 件以上。",
			"增减 = 本月 − 上月，按表中显示的数值相减：百分比以百分点计、保留一位小数，时长保留一位小数，满意度保留两位小数。",
			"按部门、按处理人：投诉计入截至时间所在的责任部门和处理人；时效按每个时限分别计算（按时、超时、进行中）。",
		}
	}
	return []string{
		"Every figure is about the cases received in the month, as they stand at the as-of time; a case closed in the next month counts in the month it was received.",
		"On-time rate = met / (met + breached); cases still within their allowance are pending and left out. First response includes online acceptance; closure counts the latest closure clock after a reopening.",
		"Handling time = receipt to the (last) closure; working time counts only official working days (make-up days included), not weekends or holidays. P90 is the 90th percentile (nearest rank).",
		"Reopen rate = cases reopened / cases resolved, found not justified or closed. Satisfaction counts every revisit. Repeated issues = 2 or more cases with the same category and subject.",
		"Change = this month − previous month, of the figures as shown: percentages in percentage points to one decimal, hours to one decimal, satisfaction to two decimals.",
		"By department and by handler: a case counts for the department and handler it had at the as-of time; each clock is rated on its own (met, breached, pending).",
	}
}

// CategoryName is the category's path in lang ("" is uncategorised).
func CategoryName(p *policy.Policy, id, lang string) string {
	if id == "" {
		return tr(lang, "未分类", "Uncategorised")
	}
	return p.CategoryPath(id, lang)
}

func gradeName(p *policy.Policy, id, lang string) string {
	if id == "" {
		return tr(lang, "未定级", "Ungraded")
	}
	if g := p.Grade(id); g != nil {
		return id + " " + g.In(lang)
	}
	return id
}

func channelName(p *policy.Policy, id, lang string) string {
	if o := p.Channel(id); o != nil {
		return o.In(lang)
	}
	return id
}

func natureName(p *policy.Policy, id, lang string) string {
	if o := p.Nature(id); o != nil {
		return o.In(lang)
	}
	return id
}

// ordered lists the ids of the policy (in its order) and then any others
// found in the maps, sorted.
func ordered(policyIDs []string, maps ...map[string]int) []string {
	out := slices.Clone(policyIDs)
	var extra []string
	for _, m := range maps {
		for k := range m {
			if !slices.Contains(out, k) && !slices.Contains(extra, k) {
				extra = append(extra, k)
			}
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

func gradeIDs(p *policy.Policy) []string {
	var ids []string
	for _, g := range p.Grades {
		ids = append(ids, g.ID)
	}
	return ids
}

// Tables lays the report out as tables, in lang.
func (m *Monthly) Tables(p *policy.Policy, lang string) []Table {
	cur, prev := &m.Cur, &m.Prev
	T := func(zh, en string) string { return tr(lang, zh, en) }
	cmpHead := []string{T("本月", "This month"), T("上月", "Previous"), T("增减", "Change")}
	var out []Table

	// Overview.
	fr, frok := cur.FirstResponse.Value()
	pfr, pfrok := prev.FirstResponse.Value()
	cl, clok := cur.Closure.Value()
	pcl, pclok := prev.Closure.Value()
	rr, rrok := cur.ReopenRate()
	prr, prrok := prev.ReopenRate()
	sa, saok := cur.SatisfactionAvg()
	psa, psaok := prev.SatisfactionAvg()
	hc, hp := cur.Handling, prev.Handling
	out = append(out, Table{ID: "overview", Title: T("概况", "Overview"),
		Header: append([]string{T("项目", "Figure")}, cmpHead...),
		Rows: [][]Cell{
			{txt(T("受理投诉（件）", "Cases received")), num(cur.Received), num(prev.Received), delta(cur.Received, prev.Received)},
			{txt(T("首次响应按时率", "First response on time")), pct(fr, frok), pct(pfr, pfrok), deltaPP(fr, frok, pfr, pfrok)},
			{txt(T("结案按时率", "Closure on time")), pct(cl, clok), pct(pcl, pclok), deltaPP(cl, clok, pcl, pclok)},
			{txt(T("平均处理时长（小时）", "Average handling (hours)")), hours(hc.CalendarAvgH, hc.Closed > 0), hours(hp.CalendarAvgH, hp.Closed > 0),
				deltaH(hc.CalendarAvgH, hc.Closed > 0, hp.CalendarAvgH, hp.Closed > 0)},
			{txt(T("复开率", "Reopen rate")), pct(rr, rrok), pct(prr, prrok), deltaPP(rr, rrok, prr, prrok)},
			{txt(T("平均满意度（1-5）", "Average satisfaction (1-5)")), score(sa, saok), score(psa, psaok), deltaScore(sa, saok, psa, psaok)},
		}})

	// Category x grade.
	grades := ordered(gradeIDs(p), cur.ByGrade, prev.ByGrade)
	var catIDs []string
	for _, c := range p.Categories {
		catIDs = append(catIDs, c.ID)
	}
	totals := func(f *Figures) map[string]int {
		t := map[string]int{}
		for cat, byG := range f.ByCategoryGrade {
			for _, n := range byG {
				t[cat] += n
			}
		}
		return t
	}
	ct, pt := totals(cur), totals(prev)
	cats := ordered(catIDs, ct, pt)
	head := []string{T("分类", "Category")}
	for _, g := range grades {
		head = append(head, g)
	}
	head = append(head, T("合计", "Total"), T("上月", "Previous"), T("增减", "Change"))
	var rows [][]Cell
	for _, cat := range cats {
		if ct[cat] == 0 && pt[cat] == 0 {
			continue
		}
		r := []Cell{txt(CategoryName(p, cat, lang))}
		for _, g := range grades {
			r = append(r, num(cur.ByCategoryGrade[cat][g]))
		}
		r = append(r, num(ct[cat]), num(pt[cat]), delta(ct[cat], pt[cat]))
		rows = append(rows, r)
	}
	total := []Cell{txt(T("合计", "Total"))}
	for _, g := range grades {
		total = append(total, num(cur.ByGrade[g]))
	}
	total = append(total, num(cur.Received), num(prev.Received), delta(cur.Received, prev.Received))
	rows = append(rows, total)
	out = append(out, Table{ID: "by_category", Title: T("按分类与等级", "By category and grade"), Header: head, Rows: rows})

	// One dimension at a time.
	simple := func(id, zh, en, first string, ids []string, name func(string) string, c, pv map[string]int) Table {
		t := Table{ID: id, Title: T(zh, en), Header: append([]string{first}, cmpHead...)}
		for _, k := range ids {
			if c[k] == 0 && pv[k] == 0 {
				continue
			}
			t.Rows = append(t.Rows, []Cell{txt(name(k)), num(c[k]), num(pv[k]), delta(c[k], pv[k])})
		}
		t.Rows = append(t.Rows, []Cell{txt(T("合计", "Total")), num(cur.Received), num(prev.Received), delta(cur.Received, prev.Received)})
		return t
	}
	out = append(out, simple("by_grade", "按等级", "By grade", T("等级", "Grade"), grades,
		func(id string) string { return gradeName(p, id, lang) }, cur.ByGrade, prev.ByGrade))
	var chIDs, naIDs []string
	for _, o := range p.Channels {
		chIDs = append(chIDs, o.ID)
	}
	for _, o := range p.Natures {
		naIDs = append(naIDs, o.ID)
	}
	out = append(out, simple("by_channel", "按渠道", "By channel", T("渠道", "Channel"), ordered(chIDs, cur.ByChannel, prev.ByChannel),
		func(id string) string { return channelName(p, id, lang) }, cur.ByChannel, prev.ByChannel))
	out = append(out, simple("by_nature", "按性质", "By nature", T("性质", "Nature"), ordered(naIDs, cur.ByNature, prev.ByNature),
		func(id string) string { return natureName(p, id, lang) }, cur.ByNature, prev.ByNature))

	// On time.
	rateRow := func(label string, c, pv Rate) []Cell {
		v, ok := c.Value()
		pvv, pok := pv.Value()
		return []Cell{txt(label), num(c.Met), num(c.Breached), num(c.Pending), pct(v, ok), pct(pvv, pok), deltaPP(v, ok, pvv, pok)}
	}
	onTime := Table{ID: "on_time", Title: T("时效（按时率）", "On time"),
		Header: []string{T("时限", "Clock"), T("按时", "Met"), T("超时", "Breached"), T("进行中", "Pending"),
			T("按时率", "On time"), T("上月", "Previous"), T("增减(百分点)", "Change (pp)")}}
	onTime.Rows = append(onTime.Rows, rateRow(T("首次响应", "First response"), cur.FirstResponse, prev.FirstResponse))
	onTime.Rows = append(onTime.Rows, rateRow(T("结案", "Closure"), cur.Closure, prev.Closure))
	for _, g := range grades {
		c, pv := cur.ClosureByGrade[g], prev.ClosureByGrade[g]
		if c == (Rate{}) && pv == (Rate{}) {
			continue
		}
		onTime.Rows = append(onTime.Rows, rateRow(T("结案 ", "Closure, ")+gradeName(p, g, lang), c, pv))
	}
	out = append(out, onTime)

	// Handling time.
	hok, pok := hc.Closed > 0, hp.Closed > 0
	out = append(out, Table{ID: "handling", Title: T("处理时长（小时）", "Handling time (hours)"),
		Header: append([]string{T("项目", "Figure")}, cmpHead...),
		Rows: [][]Cell{
			{txt(T("已结案（件）", "Closed cases")), num(hc.Closed), num(hp.Closed), delta(hc.Closed, hp.Closed)},
			{txt(T("平均，日历时间", "Average, calendar time")), hours(hc.CalendarAvgH, hok), hours(hp.CalendarAvgH, pok), deltaH(hc.CalendarAvgH, hok, hp.CalendarAvgH, pok)},
			{txt(T("P90，日历时间", "P90, calendar time")), hours(hc.CalendarP90H, hok), hours(hp.CalendarP90H, pok), deltaH(hc.CalendarP90H, hok, hp.CalendarP90H, pok)},
			{txt(T("平均，工作时间", "Average, working time")), hours(hc.WorkingAvgH, hok), hours(hp.WorkingAvgH, pok), deltaH(hc.WorkingAvgH, hok, hp.WorkingAvgH, pok)},
			{txt(T("P90，工作时间", "P90, working time")), hours(hc.WorkingP90H, hok), hours(hp.WorkingP90H, pok), deltaH(hc.WorkingP90H, hok, hp.WorkingP90H, pok)},
		}})

	// Reopening and satisfaction.
	rv := Table{ID: "revisit", Title: T("复开与回访满意度", "Reopening and revisit satisfaction"),
		Header: append([]string{T("项目", "Figure")}, cmpHead...),
		Rows: [][]Cell{
			{txt(T("已办结过（件）", "Resolved or closed")), num(cur.Finished), num(prev.Finished), delta(cur.Finished, prev.Finished)},
			{txt(T("重新处理（件）", "Reopened")), num(cur.Reopened), num(prev.Reopened), delta(cur.Reopened, prev.Reopened)},
			{txt(T("复开率", "Reopen rate")), pct(rr, rrok), pct(prr, prrok), deltaPP(rr, rrok, prr, prrok)},
			{txt(T("回访（次）", "Revisits")), num(cur.Revisits), num(prev.Revisits), delta(cur.Revisits, prev.Revisits)},
			{txt(T("平均满意度", "Average satisfaction")), score(sa, saok), score(psa, psaok), deltaScore(sa, saok, psa, psaok)},
		}}
	for s := 5; s >= 1; s-- {
		rv.Rows = append(rv.Rows, []Cell{txt(fmt.Sprintf(T("满意度 %d（次）", "Score %d"), s)),
			num(cur.Satisfaction[s]), num(prev.Satisfaction[s]), delta(cur.Satisfaction[s], prev.Satisfaction[s])})
	}
	out = append(out, rv)

	// Repeated issues.
	rp := Table{ID: "repeats", Title: T("重复问题（前 10）", "Repeated issues (top 10)"),
		Header: []string{T("分类", "Category"), T("对象", "Subject"), T("件数", "Cases"), T("投诉人", "Complainants"), T("上月件数", "Previous")}}
	for _, r := range cur.Repeats {
		rp.Rows = append(rp.Rows, []Cell{txt(CategoryName(p, r.Category, lang)), txt(r.Subject), num(r.Cases), num(r.Complainants), num(r.PrevCases)})
	}
	if len(rp.Rows) == 0 {
		rp.Notes = append(rp.Notes, T("本月没有重复问题。", "No repeated issue this month."))
	}
	out = append(out, rp)

	if len(cur.Warnings)+len(prev.Warnings) > 0 {
		out[len(out)-1].Notes = append(out[len(out)-1].Notes, uniq(append(slices.Clone(cur.Warnings), prev.Warnings...))...)
	}
	return append(out, groupTables(p, cur, lang)...) // groups.go
}

func uniq(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
