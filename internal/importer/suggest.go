package importer

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"complaintdesk/internal/policy"
)

// suggestRows is how many rows a suggestion looks at.
const suggestRows = 2000

// maxSuggestedValues: a column with more distinct values gets a catch-all.
const maxSuggestedValues = 60

// headerSynonyms guess a column's case field from its header (lower case,
// without spaces, '_', '-', '?' and '.').
var headerSynonyms = map[string][]string{
	"id":           {"id", "complaintid", "caseid", "ticketid", "ticket", "referenceid", "reference", "编号", "投诉编号", "投诉单号", "单号", "工单号", "工单编号", "案件编号", "登记编号", "序号"},
	"received":     {"datereceived", "received", "receivedat", "receiveddate", "date", "datetime", "createdat", "created", "受理日期", "受理时间", "投诉日期", "投诉时间", "登记日期", "登记时间", "来电时间", "接收日期", "日期", "时间"},
	"acknowledged": {"acknowledged", "acknowledgedat", "responded", "firstresponse", "首次响应时间", "响应时间", "回执时间", "回复日期", "回复时间"},
	"resolved":     {"resolved", "resolvedat", "dateresolved", "解决日期", "解决时间", "处理完成时间"},
	"closed":       {"closed", "closedat", "dateclosed", "结案日期", "结案时间", "办结日期", "办结时间", "关闭日期", "完成日期", "完成时间"},
	"revisited":    {"revisited", "revisitedat", "回访日期", "回访时间"},
	"channel":      {"channel", "submittedvia", "via", "渠道", "投诉渠道", "来源", "投诉来源", "投诉方式", "受理方式", "受理渠道"},
	"name":         {"name", "customer", "customername", "complainant", "姓名", "投诉人", "投诉人姓名", "客户", "客户姓名", "联系人"},
	"phone":        {"phone", "tel", "telephone", "mobile", "phonenumber", "电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"},
	"email":        {"email", "mail", "emailaddress", "邮箱", "电子邮件", "电子邮箱"},
	"address":      {"address", "地址", "联系地址", "住址", "地区"},
	"org":          {"organisation", "organization", "org", "单位", "工作单位", "公司名称"},
	"content":      {"content", "narrative", "consumercomplaintnarrative", "complaint", "description", "desc", "details", "issue", "subissue", "投诉内容", "内容", "问题描述", "描述", "投诉事由", "事由", "投诉问题", "问题"},
	"demand":       {"demand", "request", "诉求", "客户诉求", "投诉诉求", "要求", "客户要求"},
	"subject":      {"product", "subject", "item", "产品", "产品名称", "商品", "商品名称", "型号", "车型", "报告编号"},
	"category":     {"category", "类别", "分类", "投诉类别", "投诉类型", "问题类型", "问题分类"},
	"status":       {"status", "状态", "处理状态", "处理进度", "进度"},
	"resolution":   {"resolution", "outcome", "result", "处理结果", "处理情况", "处理意见", "解决方案", "处理方式"},
	"reply":        {"reply", "answer", "答复", "回复", "回复内容", "答复内容", "书面答复"},
	"handler":      {"handler", "assignee", "agent", "处理人", "经办人", "责任人", "受理人", "处理人员"},
	"department":   {"department", "dept", "部门", "责任部门", "处理部门"},
	"grade":        {"grade", "level", "severity", "等级", "级别", "投诉等级", "投诉级别"},
	"nature":       {"nature", "性质", "投诉性质"},
	"satisfaction": {"satisfaction", "rating", "满意度", "评分", "客户评价"},
	"collective":   {"collective", "complainants", "投诉人数", "人数"},
	"note":         {"note", "notes", "remark", "remarks", "comment", "备注", "说明"},
}

// valueSynonyms guess the policy id of a register's word, per field.
var valueSynonyms = map[string]map[string][]string{
	"channel": {
		"phone":   {"phone", "telephone", "call", "hotline", "电话", "来电", "热线", "12315", "400"},
		"email":   {"email", "e-mail", "mail", "邮件", "电子邮件", "邮箱"},
		"web":     {"web", "website", "online", "internet", "app", "网站", "网络", "在线", "网上", "官网"},
		"walk-in": {"walk-in", "walkin", "visit", "in person", "来访", "现场", "到店", "上门"},
		"letter":  {"letter", "postal mail", "post", "mail", "fax", "信函", "来函", "来信", "传真", "信件"},
		"social":  {"social", "social media", "weibo", "wechat", "twitter", "微博", "微信", "社交媒体", "抖音"},
		"other":   {"other", "referral", "其他", "其它", "转办"},
	},
	"status": {
		"registered":    {"new", "open", "registered", "pending", "新建", "待处理", "未处理", "待受理", "已登记", "登记"},
		"acknowledged":  {"acknowledged", "accepted", "received", "已受理", "受理", "已响应"},
		"investigating": {"in progress", "processing", "investigating", "处理中", "调查中", "正在处理", "跟进中"},
		"resolved":      {"resolved", "solved", "已解决", "已处理"},
		"rejected":      {"rejected", "not justified", "不成立", "驳回"},
		"closed":        {"closed", "done", "complete", "completed", "finished", "结案", "已结案", "办结", "已办结", "完成", "已完成", "关闭", "已关闭"},
		"revisited":     {"revisited", "已回访", "回访"},
	},
	"nature": {
		"complaint":  {"complaint", "投诉"},
		"inquiry":    {"inquiry", "question", "咨询"},
		"suggestion": {"suggestion", "建议"},
		"repair":     {"repair", "报修", "维修"},
		"claim":      {"claim", "索赔", "赔偿"},
	},
}

// candidateLayouts are the date formats a suggestion tries, most specific first.
var candidateLayouts = []string{
	"YYYY-MM-DD HH:mm:ss", "YYYY-MM-DDTHH:mm:ss", "YYYY/M/D HH:mm:ss", "YYYY.M.D HH:mm:ss",
	"YYYY年M月D日 HH:mm:ss", "YYYY年M月D日H时m分", "YYYYMMDD",
	"M/D/YYYY HH:mm:ss", "D/M/YYYY HH:mm:ss", "D.M.YYYY HH:mm:ss", "M/D/YY", "D/M/YY",
}

func normHeader(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' || r == '-' || r == '?' || r == '.' || r == '（' || r == '）' || r == '(' || r == ')' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// Suggest drafts a mapping for a register from its header and first rows:
// the columns it recognises (English and Chinese headers), the date
// formats its dates fit, and every value of its channel, status, category,
// grade and nature columns with the policy's value where one can be
// guessed. complete is false when something is left to fill in (marked
// TODO) before the mapping can be used.
func Suggest(path string, o ReadOptions, p *policy.Policy) (text string, complete bool, err error) {
	r, err := Open(path, o)
	if err != nil {
		return "", false, err
	}
	defer r.Close()
	header := r.Header()
	var rows [][]string
	for len(rows) < suggestRows {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return "", false, err
		}
		if !row.Blank() {
			rows = append(rows, row.Cells)
		}
	}
	excel, date1904 := r.Excel()
	s := &suggestion{p: p, header: header, rows: rows, excel: excel, date1904: date1904, fields: map[string]int{}}
	s.guessColumns()
	return s.render(path, r.Describe(), o), s.todo == 0, nil
}

type suggestion struct {
	p        *policy.Policy
	header   []string
	rows     [][]string
	excel    bool
	date1904 bool
	fields   map[string]int // case field -> column
	idCol    int
	content  []int // the content's columns
	formats  []string
	notes    []string
	todo     int
}

func (s *suggestion) colRef(i int) string {
	if s.header[i] == "" || columnIndex(s.header, s.header[i]) != i {
		return fmt.Sprintf("#%d", i+1)
	}
	return s.header[i]
}

func (s *suggestion) values(i int) []string {
	out := make([]string, 0, len(s.rows))
	for _, r := range s.rows {
		if i < len(r) {
			if v := strings.TrimSpace(r[i]); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

func (s *suggestion) guessColumns() {
	s.idCol = -1
	used := map[int]bool{}
	// Field order decides which field gets a column two could take.
	order := []string{"id", "received", "acknowledged", "resolved", "closed", "revisited", "channel", "status",
		"category", "grade", "nature", "name", "phone", "email", "address", "org", "content", "demand",
		"subject", "resolution", "reply", "handler", "department", "satisfaction", "collective", "note"}
	for _, f := range order {
		// The columns the field's names fit; the first with values wins
		// (the content takes every one with values, joined).
		var cands, filled []int
		for i, h := range s.header {
			if !used[i] && containsStr(headerSynonyms[f], normHeader(h)) {
				cands = append(cands, i)
				if len(s.values(i)) > 0 {
					filled = append(filled, i)
				}
			}
		}
		pick := filled
		if f != "content" && len(pick) > 1 {
			pick = pick[:1]
		}
		if len(pick) == 0 && len(cands) > 0 {
			pick = cands[:1]
		}
		for _, i := range pick {
			used[i] = true
		}
		switch {
		case len(pick) == 0:
		case f == "id":
			s.idCol = pick[0]
		case f == "content":
			s.content = pick
			s.fields[f] = pick[0]
		default:
			s.fields[f] = pick[0]
		}
	}
	if s.idCol < 0 {
		// An unnamed first column (a spreadsheet's row index), else the
		// first column whose values are all different.
		for i := range s.header {
			if used[i] {
				continue
			}
			vals := s.values(i)
			if len(vals) == len(s.rows) && len(vals) > 0 && unique(vals) && (s.header[i] == "" || i == 0) {
				s.idCol = i
				used[i] = true
				break
			}
		}
	}
	// Dates: the formats every value of a date column fits.
	for _, f := range []string{"received", "acknowledged", "resolved", "closed", "revisited"} {
		i, ok := s.fields[f]
		if !ok {
			continue
		}
		vals := s.values(i)
		layout, ambiguous := s.dateLayout(vals)
		switch {
		case layout == "" && len(vals) > 0:
			s.notes = append(s.notes, fmt.Sprintf("TODO: the dates of %q fit none of the usual formats (e.g. %q): write the format under [dates]", s.header[i], vals[0]))
			s.todo++
		case layout != "" && !containsStr(s.formats, layout):
			s.formats = append(s.formats, layout)
		}
		if ambiguous != "" {
			s.notes = append(s.notes, fmt.Sprintf("check: every date of %q also reads as %s (day and month swapped)", s.header[i], ambiguous))
		}
	}
}

func (s *suggestion) dateLayout(vals []string) (layout, ambiguous string) {
	if len(vals) == 0 {
		return "", ""
	}
	loc := time.UTC
	fits := func(l string) bool {
		f := MustDateFormats(l)[0]
		for _, v := range vals {
			if _, err := f.Parse(v, loc, s.date1904); err != nil {
				return false
			}
		}
		return true
	}
	for _, l := range candidateLayouts {
		if fits(l) {
			short := shortLayout(l, vals)
			if strings.HasPrefix(l, "M/D/") && fits(strings.Replace(l, "M/D/", "D/M/", 1)) {
				ambiguous = strings.Replace(short, "M/D/", "D/M/", 1)
			}
			return short, ambiguous
		}
	}
	if s.excel && fits(ExcelFormat) {
		return ExcelFormat, ""
	}
	return "", ""
}

// shortLayout drops the time of a layout when no value has one.
func shortLayout(l string, vals []string) string {
	date, _, hasTime := strings.Cut(l, " ")
	if !hasTime {
		return l
	}
	for _, v := range vals {
		if strings.ContainsAny(strings.TrimSpace(v), " ") {
			return l
		}
	}
	return date
}

func unique(vals []string) bool {
	seen := make(map[string]bool, len(vals))
	for _, v := range vals {
		if seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}

func containsStr(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func (s *suggestion) render(path, describe string, o ReadOptions) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	base := filepath.Base(path)
	w("# desk import mapping drafted from %s (%s, %d columns, %d rows looked at).\n", base, describe, len(s.header), len(s.rows))
	w("# Check it, fill in every TODO, then: desk import %s --map THIS.toml --dry-run\n\n", base)
	w("source = %s  # a stable name of where the rows come from: (source, id) is one case\n", tomlQuote(baseSource(path)))
	if s.idCol >= 0 {
		w("id = %s\n", tomlQuote(s.colRef(s.idCol)))
	} else {
		s.todo++
		w("id = \"\"  # TODO: the column with each row's original id (several: [\"a\", \"b\"])\n")
	}
	_, hasPhone := s.fields["phone"]
	_, hasEmail := s.fields["email"]
	if !hasPhone && !hasEmail {
		w("contact_optional = true  # the file has no phone or e-mail column: complainants are recorded as unknown\n")
	} else {
		w("contact_optional = false  # true imports rows without phone and e-mail (complainant unknown)\n")
	}
	w("bad_contact = \"reject\"  # a phone or e-mail present but not valid: \"reject\" the row, or \"note\" (keep it as text)\n")
	if o.Encoding != "" {
		w("encoding = %s\n", tomlQuote(o.Encoding))
	}
	w("\n[dates]\n")
	if len(s.formats) > 0 {
		q := make([]string, len(s.formats))
		for i, f := range s.formats {
			q[i] = tomlQuote(f)
		}
		w("formats = [%s]\n", strings.Join(q, ", "))
	} else {
		w("# formats = [\"YYYY-MM-DD\"]  # M/D/YYYY, YYYY/M/D HH:mm, excel (serial numbers) ...\n")
	}
	w("\n[columns]\n")
	names := make([]string, 0, len(s.fields))
	for f := range s.fields {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool { return s.fields[names[i]] < s.fields[names[j]] })
	for _, f := range names {
		if f == "content" && len(s.content) > 1 {
			q := make([]string, len(s.content))
			for i, c := range s.content {
				q[i] = tomlQuote(s.colRef(c))
			}
			w("content = [%s]\n", strings.Join(q, ", "))
			continue
		}
		w("%s = %s\n", f, tomlQuote(s.colRef(s.fields[f])))
	}
	if _, ok := s.fields["content"]; !ok {
		s.todo++
		w("content = \"\"  # TODO: the column(s) with the complaint's text\n")
	}
	if _, ok := s.fields["received"]; !ok {
		s.todo++
		w("received = \"\"  # TODO: the column with the date the complaint was received\n")
	}
	for _, f := range []string{"channel", "status", "category", "grade", "nature"} {
		i, ok := s.fields[f]
		if !ok {
			continue
		}
		s.renderValues(&b, f, i)
	}
	w("\n[defaults]\n")
	if _, ok := s.fields["channel"]; !ok {
		w("channel = %s\n", tomlQuote(s.p.DefaultChannel))
	}
	if _, ok := s.fields["nature"]; !ok && len(s.p.Natures) > 0 {
		w("nature = %s\n", tomlQuote(s.p.Natures[0].ID))
	}
	if _, ok := s.fields["grade"]; !ok && s.p.Grading.DefaultGrade != "" {
		w("grade = %s\n", tomlQuote(s.p.Grading.DefaultGrade))
	}
	if _, ok := s.fields["status"]; !ok {
		w("status = \"closed\"  # the file has no status: imported as finished history (an open status joins the queue)\n")
	}
	var unused []int
	mapped := map[int]bool{s.idCol: true}
	for _, i := range s.fields {
		mapped[i] = true
	}
	for _, i := range s.content {
		mapped[i] = true
	}
	for i := range s.header {
		if !mapped[i] {
			unused = append(unused, i)
		}
	}
	if len(unused) > 0 {
		w("\n# Columns not mapped: keep any as an extra field of the case.\n[fields]\n")
		for _, i := range unused {
			name := fieldName(s.header[i], i)
			w("# %s = %s\n", name, tomlQuote(s.colRef(i)))
		}
	}
	if len(s.notes) > 0 {
		w("\n")
		for _, n := range s.notes {
			w("# %s\n", n)
		}
	}
	return b.String()
}

func (s *suggestion) renderValues(b *strings.Builder, f string, i int) {
	vals := s.values(i)
	count := map[string]int{}
	var distinct []string
	for _, v := range vals {
		if count[v] == 0 {
			distinct = append(distinct, v)
		}
		count[v]++
	}
	sort.SliceStable(distinct, func(a, c int) bool { return count[distinct[a]] > count[distinct[c]] })
	fmt.Fprintf(b, "\n[values.%s]  # %s\n", f, policyIDs(s.p, f))
	if len(distinct) > maxSuggestedValues {
		s.todo++
		fmt.Fprintf(b, "\"*\" = \"\"  # TODO: %d different values in %q; map them, or patterns (\"A*\" = \"...\"), or one for all\n", len(distinct), s.header[i])
		return
	}
	for _, v := range distinct {
		if guess := s.guessValue(f, v); guess != "" {
			fmt.Fprintf(b, "%s = %s  # %d rows\n", tomlQuote(v), tomlQuote(guess), count[v])
		} else {
			s.todo++
			fmt.Fprintf(b, "%s = \"\"  # TODO (%d rows)\n", tomlQuote(v), count[v])
		}
	}
}

// guessValue is the policy's id for a register's word, or "".
func (s *suggestion) guessValue(field, v string) string {
	n := strings.ToLower(strings.TrimSpace(v))
	if policyHas(s.p, field, v) {
		return v
	}
	var opts []struct{ id, zh, en string }
	switch field {
	case "channel":
		for _, o := range s.p.Channels {
			opts = append(opts, struct{ id, zh, en string }{o.ID, o.ZH, o.EN})
		}
	case "nature":
		for _, o := range s.p.Natures {
			opts = append(opts, struct{ id, zh, en string }{o.ID, o.ZH, o.EN})
		}
	case "grade":
		for _, o := range s.p.Grades {
			opts = append(opts, struct{ id, zh, en string }{o.ID, o.ZH, o.EN})
		}
	case "status":
		for _, o := range s.p.Statuses {
			opts = append(opts, struct{ id, zh, en string }{o.ID, o.ZH, o.EN})
		}
	case "category":
		for _, o := range s.p.Categories {
			opts = append(opts, struct{ id, zh, en string }{o.ID, o.ZH, o.EN})
		}
	}
	for _, o := range opts {
		if n == strings.ToLower(o.id) || n == strings.ToLower(o.zh) || n == strings.ToLower(o.en) {
			return o.id
		}
	}
	syn := valueSynonyms[field]
	ids := make([]string, 0, len(syn))
	for id := range syn {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !policyHas(s.p, field, id) {
			continue
		}
		for _, w := range syn[id] {
			if n == w {
				return id
			}
		}
	}
	for _, id := range ids {
		if !policyHas(s.p, field, id) {
			continue
		}
		for _, w := range syn[id] {
			if len([]rune(w)) >= 2 && strings.Contains(n, w) {
				return id
			}
		}
	}
	return ""
}

func fieldName(h string, i int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsLetter(r):
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	name := strings.Trim(b.String(), "_")
	if name == "" {
		return fmt.Sprintf("column_%d", i+1)
	}
	if strings.IndexFunc(name, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
		return tomlQuote(name)
	}
	return name
}

// tomlQuote writes a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
