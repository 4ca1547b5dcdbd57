package importer

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"complaintdesk/internal/complaint"
	"complaintdesk/internal/policy"
)

// suggestRows is how many rows a suggestion looks at.
const suggestRows = 2000

// maxSuggestedValues: a column with more distinct values gets its most
// frequent ones and a catch-all.
const maxSuggestedValues = 60

// headerSynonyms name each case field's columns, in English and Chinese,
// normalised (normHeader: lower case, without spaces and punctuation), the
// most telling first: a column whose header is an earlier name wins.
var headerSynonyms = map[string][]string{
	"id": {"工单编号", "工单号", "投诉编号", "投诉单号", "投诉单编号", "案件编号", "受理编号", "登记编号", "来电编号", "流水号", "单号", "编号",
		"uniquekey", "ticketid", "ticketno", "ticketnumber", "caseid", "casenumber", "caseno", "complaintid", "complaintnumber",
		"complaintno", "servicerequestid", "srnumber", "requestid", "referenceid", "referenceno", "reference", "refno", "id"},
	"received": {"受理时间", "受理日期", "投诉时间", "投诉日期", "来电时间", "来电日期", "登记时间", "登记日期", "接收时间", "接收日期",
		"反映时间", "收到日期", "createddate", "datereceived", "receiveddate", "receivedat", "received", "createdat", "createdon", "created",
		"opendate", "openeddate", "submitteddate", "datesubmitted", "datereported", "reportdate", "日期", "时间", "date", "datetime"},
	"acknowledged": {"首次响应时间", "响应时间", "回执时间", "首次回复时间", "acknowledgeddate", "acknowledgedat", "acknowledged",
		"respondeddate", "responded", "firstresponsedate", "firstresponse"},
	"resolved":  {"解决时间", "解决日期", "处理完成时间", "resolveddate", "resolvedat", "resolved", "resolutiondate", "dateresolved"},
	"closed":    {"结案时间", "结案日期", "办结时间", "办结日期", "关闭时间", "关闭日期", "完成时间", "完成日期", "closeddate", "dateclosed", "closedat", "closedon", "closed", "closedate"},
	"revisited": {"回访时间", "回访日期", "revisitdate", "revisiteddate", "revisited", "followupdate"},
	"channel": {"投诉渠道", "渠道", "投诉来源", "来源", "投诉方式", "受理方式", "受理渠道", "反映渠道", "来电方式", "channel", "submittedvia",
		"opendatachanneltype", "channeltype", "intakechannel", "receivedvia", "via"},
	"name": {"投诉人", "投诉人姓名", "姓名", "客户姓名", "客户名称", "客户", "联系人", "来电人", "业主姓名", "业主", "name", "customername",
		"customer", "complainant", "contactname", "callername"},
	"phone": {"联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "来电号码", "phone", "phonenumber", "telephone",
		"tel", "mobile", "contactphone"},
	"email":   {"电子邮箱", "邮箱", "电子邮件", "email", "emailaddress", "mail"},
	"address": {"联系地址", "地址", "住址", "房号", "incidentaddress", "address"},
	"org":     {"工作单位", "单位", "公司名称", "organisation", "organization", "org"},
	"content": {"投诉内容", "内容", "问题描述", "投诉事由", "事由", "投诉问题", "反映内容", "反映问题", "来电内容", "情况说明", "事件描述", "描述",
		"问题", "content", "consumercomplaintnarrative", "narrative", "complaintdescription", "description", "descriptor", "desc",
		"details", "complaint", "issue", "subissue", "summary"},
	"demand":  {"诉求", "客户诉求", "投诉诉求", "客户要求", "要求", "demand", "customerrequest", "request"},
	"subject": {"产品名称", "产品", "商品名称", "商品", "型号", "车型", "报告编号", "product", "subject", "item"},
	"category": {"投诉类别", "投诉类型", "投诉分类", "类别", "分类", "问题类型", "问题分类", "业务类型", "complainttype", "category",
		"problemtype", "issuetype", "casetype"},
	"status": {"状态", "处理状态", "工单状态", "办理状态", "处理进度", "进度", "status", "casestatus", "ticketstatus"},
	"resolution": {"处理结果", "处理情况", "办理结果", "处理意见", "解决方案", "处理方式", "resolution", "resolutiondescription",
		"outcome", "result"},
	"reply":        {"答复内容", "书面答复", "答复意见", "答复", "回复内容", "回复", "reply", "answer", "response"},
	"handler":      {"处理人", "经办人", "承办人", "责任人", "处理人员", "受理人", "接线员", "坐席", "handler", "assignee", "assignedto", "agent", "owner"},
	"department":   {"处理部门", "责任部门", "承办部门", "办理部门", "部门", "责任单位", "承办单位", "处理单位", "department", "dept", "agency", "assignedagency", "agencyname", "responsibledepartment"},
	"grade":        {"投诉等级", "投诉级别", "投诉分级", "等级", "级别", "分级", "严重程度", "grade", "severity", "level", "priority"},
	"nature":       {"投诉性质", "性质", "nature"},
	"satisfaction": {"满意度", "回访情况", "回访结果", "回访意见", "满意程度", "客户评价", "评价", "评分", "satisfaction", "customersatisfaction", "rating"},
	"collective":   {"投诉人数", "人数", "collective", "complainants", "numberofcomplainants"},
	"note":         {"备注", "说明", "note", "notes", "remark", "remarks", "comment", "comments"},
}

// rowCounters are headers of a row's number in the sheet (序号): an id of
// last resort, since sorting or filtering the sheet renumbers the rows.
var rowCounters = []string{"序号", "行号", "no", "#", "sn", "serialno", "seq", "rowno", "index"}

// knownHeader reports whether a cell is the header of a column the
// suggestion knows (findHeader counts them).
func knownHeader(c string) bool {
	n := normHeader(c)
	if slices.Contains(rowCounters, n) {
		return true
	}
	for _, names := range headerSynonyms {
		if slices.Contains(names, n) {
			return true
		}
	}
	return false
}

// valueSynonyms guess the policy id of a register's word, per field; a
// word of two or more letters also matches inside a longer value.
var valueSynonyms = map[string]map[string][]string{
	"channel": {
		"phone":   {"phone", "telephone", "call", "hotline", "电话", "来电", "热线", "12345", "12315", "400", "呼叫中心"},
		"email":   {"email", "e-mail", "邮件", "电子邮件", "邮箱"},
		"web":     {"web", "website", "online", "internet", "app", "mobile", "网站", "网络", "在线", "网上", "官网", "小程序", "客户端"},
		"walk-in": {"walk-in", "walkin", "visit", "in person", "来访", "现场", "到店", "上门", "窗口"},
		"letter":  {"letter", "postal mail", "post", "mail", "fax", "信函", "来函", "来信", "传真", "信件"},
		"social":  {"social", "social media", "weibo", "wechat", "twitter", "微博", "微信", "社交媒体", "抖音", "公众号"},
		"other":   {"other", "referral", "unknown", "其他", "其它", "转办", "转交"},
	},
	"status": {
		"registered":    {"new", "open", "registered", "pending", "draft", "unassigned", "新建", "待处理", "未处理", "待受理", "已登记", "登记", "审核"},
		"acknowledged":  {"acknowledged", "accepted", "received", "sent", "replied", "responded", "已受理", "受理", "已响应", "已回复", "已答复"},
		"investigating": {"in progress", "processing", "investigating", "assigned", "started", "working", "处理中", "调查中", "正在处理", "跟进中", "办理中", "已派单", "派单", "已分派", "转办"},
		"resolved":      {"resolved", "solved", "fixed", "已解决", "已处理", "反馈"},
		"rejected":      {"rejected", "not justified", "unfounded", "不成立", "驳回", "不予受理"},
		"closed":        {"closed", "done", "complete", "completed", "finished", "cancelled", "canceled", "withdrawn", "结案", "已结案", "办结", "已办结", "完成", "已完成", "关闭", "已关闭", "撤销", "撤诉", "已撤回"},
		"revisited":     {"revisited", "已回访", "回访", "评分", "评价"},
	},
	"nature": {
		"complaint":  {"complaint", "投诉"},
		"inquiry":    {"inquiry", "question", "consultation", "咨询", "查询"},
		"suggestion": {"suggestion", "建议"},
		"repair":     {"repair", "报修", "维修"},
		"claim":      {"claim", "索赔", "赔偿"},
	},
}

// candidateLayouts are the date formats a suggestion tries, plain ones
// first: the fewest that read every date of a column are proposed.
var candidateLayouts = []string{
	"YYYY-MM-DD HH:mm:ss", "YYYY/M/D HH:mm:ss", "YYYY.M.D HH:mm:ss", "YYYY年M月D日 HH:mm:ss", "YYYY年M月D日H时m分s秒",
	"YYYY-MM-DDTHH:mm:ssZ", "YYYYMMDD", "YYYYMMDD HH:mm:ss",
	"YYYY-MM-DD A h:mm:ss", "YYYY/M/D A h:mm:ss", "YYYY年M月D日 A h:mm:ss", "YYYY.M.D A h:mm:ss",
	"M/D/YYYY HH:mm:ss", "M/D/YYYY h:mm:ss A", "D/M/YYYY HH:mm:ss", "D/M/YYYY h:mm:ss A", "D.M.YYYY HH:mm:ss",
	"M-D-YYYY HH:mm:ss", "D-MMM-YY", "D-MMM-YYYY", "MMM D, YYYY", "D MMM YYYY", "M/D/YY", "D/M/YY", "YY.M.D",
	ExcelFormat,
}

var candidateFormats = MustDateFormats(candidateLayouts...)

// looksLikeDate reports whether a cell is a date in a usual format (not
// an Excel serial: any number is one).
func looksLikeDate(c string) bool {
	rs := normalizeDate(c)
	for _, f := range candidateFormats {
		if f.excel {
			continue
		}
		if _, _, err := f.parse(rs, c, time.UTC); err == nil {
			return true
		}
	}
	return false
}

func normHeader(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("_-?.（）()[]【】：:/、*＊", r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// Suggestion is a mapping drafted from a register.
type Suggestion struct {
	// Text is the mapping (TOML), with comments.
	Text string
	// Checks counts its guesses for a person to confirm (lines marked
	// "check"): 0 when every column and value was recognised.
	Checks int
	// Rows is how many rows were looked at; Converted how many of them
	// the mapping converts (a dry run checks the rest of the rules).
	Rows, Converted int
}

// Suggest drafts a mapping for a register from its header and first rows
// that imports it as it is: every column it recognises (by the meaning of
// its header, in English or Chinese), the date formats that read every
// date it saw, and every value of the channel, status, category, grade,
// nature and satisfaction columns translated into the policy's. What it
// cannot recognise gets the nearest sensible choice and a comment saying
// so ("check"), never an empty value that stops the import. The draft is
// checked before it is returned: loaded, bound to the file, and run over
// the rows looked at; an error means it failed that check (a bug).
func Suggest(path string, o ReadOptions, p *policy.Policy) (Suggestion, error) {
	r, err := Open(path, o)
	if err != nil {
		return Suggestion{}, err
	}
	defer r.Close()
	header := r.Header()
	s := &suggestion{p: p, header: header, fields: map[string][]int{}, skipped: map[string]int{}}
	for len(s.rows) < suggestRows {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return Suggestion{}, err
		}
		if row.Blank() {
			continue
		}
		if why := skipRow(row.Cells, header, nil); why != "" {
			s.skipped[why]++
			continue
		}
		s.rows = append(s.rows, row)
	}
	s.excel, s.date1904 = r.Excel()
	s.headerLine = r.HeaderLine()
	s.guess()
	text := s.render(path, r.Describe(), o)
	out := Suggestion{Text: text, Checks: strings.Count(text, "check:"), Rows: len(s.rows)}
	m, err := ParseMapping([]byte(text), "the suggested mapping")
	if err != nil {
		return out, fmt.Errorf("the suggested mapping does not load (a bug): %w", err)
	}
	b, err := m.Bind(BindOptions{Header: header, Source: m.SourceName(path), Policy: p, Location: time.Local, Excel: s.excel, Date1904: s.date1904})
	if err != nil {
		return out, fmt.Errorf("the suggested mapping does not fit the file (a bug): %w", err)
	}
	for _, row := range s.rows {
		if _, re := b.Convert(row); re == nil {
			out.Converted++
		}
	}
	if bad := out.Rows - out.Converted; bad > 0 {
		out.Checks++
		out.Text = strings.Replace(text, "\n\n", fmt.Sprintf("\n# check: %d of the %d rows looked at do not convert with it (--dry-run says why).\n\n", bad, out.Rows), 1)
	}
	return out, nil
}

type suggestion struct {
	p          *policy.Policy
	header     []string
	headerLine int
	rows       []Row
	excel      bool
	date1904   bool
	fields     map[string][]int // case field -> columns
	id         []int
	idNote     string
	formats    []string
	notes      []string // comments at the end
	comment    map[string]string
	skipped    map[string]int
}

func (s *suggestion) colRef(i int) string {
	if s.header[i] == "" || columnIndex(s.header, s.header[i]) != i {
		return fmt.Sprintf("#%d", i+1)
	}
	return s.header[i]
}

// values are the non-empty cells of a column in the rows looked at.
func (s *suggestion) values(i int) []string {
	out := make([]string, 0, len(s.rows))
	for _, r := range s.rows {
		if i < len(r.Cells) {
			if v := strings.TrimSpace(r.Cells[i]); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

func (s *suggestion) note(format string, a ...any) {
	s.notes = append(s.notes, fmt.Sprintf(format, a...))
}

// fieldOrder decides which field gets a column two could take, when
// their names fit it equally well.
var fieldOrder = []string{"received", "closed", "acknowledged", "resolved", "revisited", "channel", "status", "category",
	"grade", "nature", "satisfaction", "name", "phone", "email", "address", "org", "content", "demand", "subject",
	"resolution", "reply", "handler", "department", "collective", "note"}

func (s *suggestion) guess() {
	s.comment = map[string]string{}
	used := map[int]bool{}
	s.guessID(used)
	// Each column goes to the field whose name fits it best: an exact
	// name before a name inside the header, an earlier name first.
	type match struct{ score, field, col int }
	var ms []match
	for fi, f := range fieldOrder {
		for i, h := range s.header {
			if used[i] {
				continue
			}
			if sc := nameScore(headerSynonyms[f], normHeader(h)); sc > 0 {
				ms = append(ms, match{sc, fi, i})
			}
		}
	}
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].score != ms[b].score {
			return ms[a].score > ms[b].score
		}
		return ms[a].field < ms[b].field
	})
	for _, m := range ms {
		f := fieldOrder[m.field]
		if used[m.col] || (len(s.fields[f]) > 0 && f != "content") {
			continue
		}
		if isDateField(f) && len(s.values(m.col)) > 0 && s.dateShare(m.col) < 0.5 {
			continue // named like a date, but it holds none
		}
		used[m.col] = true
		s.fields[f] = append(s.fields[f], m.col)
	}
	// The content: the columns named for it, else the longest text; more
	// text columns while some rows would have none.
	if len(s.fields["content"]) == 0 {
		best, bestLen := -1, 0.0
		for i := range s.header {
			if used[i] {
				continue
			}
			vals := s.values(i)
			if len(vals) == 0 || s.dateShare(i) > 0.5 || isNumber(vals[0]) {
				continue
			}
			n := 0
			for _, v := range vals {
				n += utf8.RuneCountInString(v)
			}
			if avg := float64(n) / float64(len(s.rows)); avg > bestLen {
				best, bestLen = i, avg
			}
		}
		if best >= 0 {
			s.fields["content"] = []int{best}
			used[best] = true
			s.comment["content"] = "check: no column is named as the complaint's text; this one has the longest"
		}
	}
	s.fillContent()
	// A received date: a column of dates when none is named for it.
	if len(s.fields["received"]) == 0 {
		for i := range s.header {
			if !used[i] && len(s.values(i)) > 0 && s.dateShare(i) >= 0.9 {
				s.fields["received"] = []int{i}
				used[i] = true
				s.comment["received"] = "check: the first column of dates"
				break
			}
		}
	}
	s.guessFormats()
}

func isDateField(f string) bool { k, ok := caseFields[f]; return ok && k == kindDate }

// nameScore is how well a header fits a field's names: an exact name
// (earlier names more), else a Chinese name of two or more characters
// inside the header.
func nameScore(names []string, h string) int {
	if h == "" {
		return 0
	}
	for k, n := range names {
		if h == n {
			return 2000 - k
		}
	}
	for k, n := range names {
		if utf8.RuneCountInString(n) >= 2 && n[0] >= utf8.RuneSelf && strings.Contains(h, n) {
			return 1000 - k
		}
	}
	return 0
}

// guessID picks the column that identifies a row: a ticket number first
// (工单编号, Unique Key), a row counter (序号) only when nothing else
// does, several columns together when no one does.
func (s *suggestion) guessID(used map[int]bool) {
	type cand struct{ col, score int }
	var named, counters []cand
	for i, h := range s.header {
		n := normHeader(h)
		if sc := nameScore(headerSynonyms["id"], n); sc > 0 {
			named = append(named, cand{i, sc})
		}
		if slices.Contains(rowCounters, n) {
			counters = append(counters, cand{i, 0})
		}
	}
	sort.SliceStable(named, func(a, b int) bool { return named[a].score > named[b].score })
	filledUnique := func(i int) bool {
		vals := s.values(i)
		return len(s.rows) > 0 && len(vals) == len(s.rows) && unique(vals)
	}
	pick := func(i int, why string) {
		s.id = []int{i}
		used[i] = true
		s.idNote = why
	}
	for _, c := range named {
		if filledUnique(c.col) && !slices.ContainsFunc(counters, func(x cand) bool { return x.col == c.col }) {
			pick(c.col, "")
			return
		}
	}
	// An unnamed first column (a spreadsheet's row index saved with it).
	if len(s.header) > 0 && s.header[0] == "" && filledUnique(0) {
		pick(0, "")
		return
	}
	if len(named) > 0 && len(s.values(named[0].col)) > 0 && !slices.ContainsFunc(counters, func(x cand) bool { return x.col == named[0].col }) {
		pick(named[0].col, "check: some rows repeat an id or have none; a repeated id is skipped as a duplicate")
		return
	}
	for _, c := range counters {
		if filledUnique(c.col) {
			pick(c.col, "check: a row counter: importing a re-sorted copy of the sheet would take the same complaint for another; name a ticket number column if the register has one")
			return
		}
	}
	// No id: the received time with the phone (or name) stands for one.
	var cols []int
	for _, f := range []string{"received", "phone", "name"} {
		for i, h := range s.header {
			if nameScore(headerSynonyms[f], normHeader(h)) > 0 && !slices.Contains(cols, i) {
				cols = append(cols, i)
				break
			}
		}
	}
	if len(cols) == 0 {
		for i := range s.header {
			cols = append(cols, i)
		}
	}
	s.id = cols
	s.idNote = "check: the register has no id column; these columns together stand for one (a second import of the same rows adds nothing)"
}

// fillContent adds text columns to the content while some rows looked at
// would have none (a row without text is refused).
func (s *suggestion) fillContent() {
	content := s.fields["content"]
	empty := func() int {
		n := 0
		for _, r := range s.rows {
			if strings.TrimSpace(joinCells(r, content)) == "" {
				n++
			}
		}
		return n
	}
	if len(s.rows) == 0 || empty() == 0 {
		return
	}
	for _, f := range []string{"category", "subject", "demand", "resolution", "note"} {
		for _, i := range s.fields[f] {
			if slices.Contains(content, i) {
				continue
			}
			before := empty()
			content = append(content, i)
			if empty() == before {
				content = content[:len(content)-1]
				continue
			}
			s.comment["content"] = "more columns joined: some rows have no text in the first"
		}
		if empty() == 0 {
			break
		}
	}
	s.fields["content"] = content
}

func joinCells(r Row, cols []int) string {
	var b strings.Builder
	for _, i := range cols {
		if i < len(r.Cells) {
			b.WriteString(r.Cells[i])
		}
	}
	return b.String()
}

// dateShare is the share of a column's values that some usual format reads.
func (s *suggestion) dateShare(i int) float64 {
	vals := s.values(i)
	if len(vals) == 0 {
		return 0
	}
	n := 0
	for _, v := range vals {
		if looksLikeDate(v) || (s.excel && isNumber(v)) {
			n++
		}
	}
	return float64(n) / float64(len(vals))
}

// guessFormats proposes the fewest formats that read every date seen, in
// the order they are tried: each time the one that reads the most of the
// dates still unread. A proposed format never fails on the dates it was
// chosen for; dates none reads are named in a comment.
func (s *suggestion) guessFormats() {
	var vals []string
	seen := map[string]bool{}
	cols := map[string][]int{}
	for _, f := range []string{"received", "acknowledged", "resolved", "closed", "revisited"} {
		for _, i := range s.fields[f] {
			cols[f] = append(cols[f], i)
			for _, v := range s.values(i) {
				if !seen[v] {
					seen[v] = true
					vals = append(vals, v)
				}
			}
		}
	}
	if len(vals) == 0 {
		return
	}
	reads := make([][]bool, len(candidateFormats))
	for k, f := range candidateFormats {
		if f.excel && !s.excel && !excelLike(vals) {
			reads[k] = make([]bool, len(vals))
			continue
		}
		reads[k] = make([]bool, len(vals))
		for j, v := range vals {
			_, _, err := f.ParseTime(v, time.UTC, s.date1904)
			reads[k][j] = err == nil
		}
	}
	done := make([]bool, len(vals))
	left := len(vals)
	var chosen []int
	for left > 0 {
		best, bestN := -1, 0
		for k := range candidateFormats {
			n := 0
			for j := range vals {
				if !done[j] && reads[k][j] {
					n++
				}
			}
			if n > bestN {
				best, bestN = k, n
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, best)
		for j := range vals {
			if reads[best][j] && !done[j] {
				done[j] = true
				left--
			}
		}
	}
	// Tried in the candidates' order: the plainest first.
	sort.Ints(chosen)
	for _, k := range chosen {
		l := candidateFormats[k].Layout
		if short := dateOnlyLayout(l, vals, reads[k], s.date1904); short != "" {
			l = short
		}
		if slices.Contains(s.formats, l) {
			continue
		}
		s.formats = append(s.formats, l)
		if strings.HasPrefix(l, "M/D/") || strings.HasPrefix(l, "D/M/") {
			other := strings.Replace(l, "M/D/", "D/M/", 1)
			if strings.HasPrefix(l, "D/M/") {
				other = strings.Replace(l, "D/M/", "M/D/", 1)
			}
			if o := slices.Index(candidateLayouts, other); o >= 0 && !slices.Contains(chosen, o) && readsAll(reads[o], reads[k]) {
				s.note("check: every date %s reads also reads as %s (day and month swapped); %s was chosen", l, other, l)
			}
		}
	}
	if left > 0 {
		var ex []string
		for j, v := range vals {
			if !done[j] && len(ex) < 3 {
				ex = append(ex, strconv.Quote(v))
			}
		}
		s.note("check: %d dates fit no usual format (%s): rows with them are rejected; write their format under [dates]", left, strings.Join(ex, ", "))
	}
}

// dateOnlyLayout is the date part of a layout when none of the values it
// reads has a time of day (and the date part reads them all), else "".
func dateOnlyLayout(l string, vals []string, reads []bool, date1904 bool) string {
	if l == ExcelFormat {
		return ""
	}
	f := MustDateFormats(l)[0]
	for j, v := range vals {
		if reads[j] {
			if _, timed, _ := f.ParseTime(v, time.UTC, date1904); timed {
				return ""
			}
		}
	}
	cut := strings.IndexAny(l, "Hh")
	if i := strings.Index(l, " A"); i >= 0 && (cut < 0 || i < cut) {
		cut = i
	}
	if cut < 0 {
		return ""
	}
	short := strings.TrimRight(l[:cut], " T")
	sf, err := ParseDateFormat(short)
	if err != nil {
		return ""
	}
	for j, v := range vals {
		if reads[j] {
			if _, err := sf.Parse(v, time.UTC, date1904); err != nil {
				return ""
			}
		}
	}
	return short
}

// readsAll: every value b reads, a reads too.
func readsAll(a, b []bool) bool {
	for j := range b {
		if b[j] && !a[j] {
			return false
		}
	}
	return true
}

// excelLike: numbers where dates are, in a CSV saved from a workbook whose
// date column was formatted as a number.
func excelLike(vals []string) bool {
	for _, v := range vals {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f > 20000 && f < 80000 {
			return true
		}
	}
	return false
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

func (s *suggestion) render(path, describe string, o ReadOptions) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	base := filepath.Base(path)
	w("# desk import mapping drafted from %s (%s, %d columns, %d rows looked at).\n", base, describe, len(s.header), len(s.rows))
	w("# It runs as it is; lines marked \"check\" are guesses for a person to confirm.\n")
	w("#   desk import %s --map THIS.toml --dry-run\n", base)
	if len(s.skipped) > 0 {
		w("# Rows that are not complaints are skipped:%s.\n", skippedText(s.skipped))
	}
	w("\n")
	w("source = %s  # a stable name of where the rows come from: (source, id) is one case\n", tomlQuote(baseSource(path)))
	if len(s.id) == 1 {
		w("id = %s", tomlQuote(s.colRef(s.id[0])))
	} else {
		q := make([]string, len(s.id))
		for i, c := range s.id {
			q[i] = tomlQuote(s.colRef(c))
		}
		w("id = [%s]", strings.Join(q, ", "))
	}
	if s.idNote != "" {
		w("  # %s", s.idNote)
	}
	w("\n")
	if s.headerLine > 1 {
		w("header_row = %d  # the rows above it are a title\n", s.headerLine)
	}
	if o.Encoding != "" {
		w("encoding = %s\n", tomlQuote(o.Encoding))
	}
	optional, why := s.contactOptional()
	w("contact_optional = %v  # %s\n", optional, why)
	if bad := s.badContacts(); bad != "" {
		w("bad_contact = \"note\"  # check: %s; such rows are imported with the text kept (\"reject\" sends them back to be fixed)\n", bad)
	} else {
		w("bad_contact = \"reject\"  # a phone or e-mail present but not valid: \"reject\" the row, or \"note\" (keep it as text)\n")
	}
	w("\n[dates]\n")
	if len(s.formats) > 0 {
		q := make([]string, len(s.formats))
		for i, f := range s.formats {
			q[i] = tomlQuote(f)
		}
		w("formats = [%s]\n", strings.Join(q, ", "))
	} else {
		w("# formats = [\"YYYY-MM-DD\"]  # M/D/YYYY h:mm:ss A, YYYY年M月D日, excel (serial numbers) ...\n")
	}
	w("\n[columns]\n")
	names := make([]string, 0, len(s.fields))
	for f := range s.fields {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool { return s.fields[names[i]][0] < s.fields[names[j]][0] })
	for _, f := range names {
		cols := s.fields[f]
		if len(cols) > 1 {
			q := make([]string, len(cols))
			for i, c := range cols {
				q[i] = tomlQuote(s.colRef(c))
			}
			w("%s = [%s]", f, strings.Join(q, ", "))
		} else {
			w("%s = %s", f, tomlQuote(s.colRef(cols[0])))
		}
		if c := s.comment[f]; c != "" {
			w("  # %s", c)
		}
		w("\n")
	}
	if _, ok := s.fields["content"]; !ok {
		w("# check: no column holds the complaint's text; every row gets the default below\n")
	}
	for _, f := range []string{"channel", "status", "category", "grade", "nature", "satisfaction"} {
		if cols, ok := s.fields[f]; ok {
			s.renderValues(&b, f, cols[0])
		}
	}
	w("\n[defaults]\n")
	if _, ok := s.fields["content"]; !ok {
		w("content = \"（原登记表无投诉内容）\"  # check: the register has no text of the complaint\n")
	}
	if _, ok := s.fields["received"]; !ok {
		w("received = %s  # check: the register has no date of receipt; every case gets this one\n", tomlQuote(time.Now().Format("2006-01-02")))
	}
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
	mapped := map[int]bool{}
	for _, i := range s.id {
		mapped[i] = true
	}
	for _, cols := range s.fields {
		for _, i := range cols {
			mapped[i] = true
		}
	}
	for i := range s.header {
		if !mapped[i] {
			unused = append(unused, i)
		}
	}
	if len(unused) > 0 {
		w("\n# Columns not mapped: keep any as an extra field of the case.\n[fields]\n")
		for _, i := range unused {
			w("# %s = %s\n", fieldName(s.header[i], i), tomlQuote(s.colRef(i)))
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

// contactOptional: rows without phone and e-mail are imported (their
// complainant unknown) when the register has such rows.
func (s *suggestion) contactOptional() (bool, string) {
	cols := append(slices.Clone(s.fields["phone"]), s.fields["email"]...)
	if len(cols) == 0 {
		return true, "the file has no phone or e-mail column: complainants are recorded as unknown"
	}
	n := 0
	for _, r := range s.rows {
		if strings.TrimSpace(joinCells(r, cols)) == "" {
			n++
		}
	}
	if n > 0 {
		return true, fmt.Sprintf("%d of the %d rows looked at have no phone or e-mail: imported with the complainant unknown", n, len(s.rows))
	}
	return false, "true imports rows without phone and e-mail (complainant unknown)"
}

// badContacts says how many phones and e-mails seen the desk would refuse.
func (s *suggestion) badContacts() string {
	n, ex := 0, ""
	for _, i := range s.fields["phone"] {
		for _, v := range s.values(i) {
			if _, err := ParsePhone(v); err != nil {
				n++
				if ex == "" {
					ex = v
				}
			}
		}
	}
	for _, i := range s.fields["email"] {
		for _, v := range s.values(i) {
			if _, err := complaint.NormalizeEmail(v); err != nil {
				n++
				if ex == "" {
					ex = v
				}
			}
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d phones or e-mails seen are not valid (e.g. %q)", n, ex)
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
	if f == "satisfaction" {
		fmt.Fprintf(b, "\n[values.%s]  # 1 (very dissatisfied) to 5 (very satisfied); \"\" = not known\n", f)
	} else {
		fmt.Fprintf(b, "\n[values.%s]  # %s\n", f, policyIDs(s.p, f))
	}
	shown := distinct
	if len(distinct) > maxSuggestedValues {
		shown = distinct[:maxSuggestedValues*2/3]
		fmt.Fprintf(b, "# %d different values in %q: the most frequent below, the rest by the catch-all \"*\"\n", len(distinct), s.header[i])
	}
	for _, v := range shown {
		if strings.ContainsAny(v, "*?") {
			continue // would be read as a pattern; the catch-all takes it
		}
		to, sure, why := s.guessValue(f, v, distinct)
		switch {
		case sure:
			fmt.Fprintf(b, "%s = %s  # %d rows\n", tomlQuote(v), tomlQuote(to), count[v])
		case why != "":
			fmt.Fprintf(b, "%s = %s  # %d rows; check: %s\n", tomlQuote(v), tomlQuote(to), count[v], why)
		default:
			fmt.Fprintf(b, "%s = %s  # %d rows; check: %s\n", tomlQuote(v), tomlQuote(to), count[v], s.fallbackWhy(f))
		}
	}
	fmt.Fprintf(b, "\"*\" = %s  # any other value; check: %s\n", tomlQuote(s.fallback(f)), s.fallbackWhy(f))
}

// fallback is the nearest sensible value of a field for a word nothing
// recognises.
func (s *suggestion) fallback(field string) string {
	p := s.p
	switch field {
	case "channel":
		if p.Channel("other") != nil {
			return "other"
		}
		return p.DefaultChannel
	case "status":
		return p.InitialStatus()
	case "category":
		for _, other := range []func(policy.Category) bool{
			func(c policy.Category) bool { return c.ID == "other" },
			func(c policy.Category) bool { return c.Parent == "" && (c.ZH == "其他" || c.ZH == "其它") },
			func(c policy.Category) bool { return strings.HasSuffix(c.ID, ".other") },
		} {
			if i := slices.IndexFunc(p.Categories, other); i >= 0 {
				return p.Categories[i].ID
			}
		}
		if len(p.Categories) > 0 {
			return p.Categories[0].ID
		}
	case "grade":
		if p.Grading.DefaultGrade != "" {
			return p.Grading.DefaultGrade
		}
		if len(p.Grades) > 0 {
			return p.Grades[len(p.Grades)/2].ID
		}
	case "nature":
		if len(p.Natures) > 0 {
			return p.Natures[0].ID
		}
	}
	return ""
}

func (s *suggestion) fallbackWhy(field string) string {
	switch field {
	case "status":
		return "not recognised; " + s.p.InitialStatus() + " keeps the case open (it joins the queue)"
	case "satisfaction":
		return "not recognised: no satisfaction"
	}
	return "not recognised, the nearest choice"
}

// guessValue is the policy's value for a register's word, and whether it
// was recognised (else it is the nearest choice).
func (s *suggestion) guessValue(field, v string, all []string) (to string, sure bool, why string) {
	if policyHas(s.p, field, v) && field != "satisfaction" {
		return v, true, ""
	}
	switch field {
	case "grade":
		to, sure = gradeGuess(s.p, v)
		return to, sure, ""
	case "category":
		if id, shared := categoryGuess(s.p, v); id != "" {
			if shared != "" {
				c := s.p.Category(id)
				return id, false, fmt.Sprintf("shares %s with %s", shared, c.ZH)
			}
			return id, true, ""
		}
		return s.fallback(field), false, ""
	case "satisfaction":
		to, sure = satisfactionGuess(v, all)
		return to, sure, ""
	}
	n := strings.ToLower(strings.TrimSpace(v))
	var opts []policy.Option
	switch field {
	case "channel":
		opts = s.p.Channels
	case "nature":
		opts = s.p.Natures
	case "status":
		for _, o := range s.p.Statuses {
			if strings.EqualFold(n, o.ZH) || strings.EqualFold(n, o.EN) {
				return o.ID, true, ""
			}
		}
	}
	for _, o := range opts {
		if n == strings.ToLower(o.ID) || n == strings.ToLower(o.ZH) || n == strings.ToLower(o.EN) {
			return o.ID, true, ""
		}
	}
	syn := valueSynonyms[field]
	ids := slices.Sorted(maps.Keys(syn))
	for _, id := range ids {
		if policyHas(s.p, field, id) && slices.Contains(syn[id], n) {
			return id, true, ""
		}
	}
	// A word inside the value; the longest such word wins (已结案 over 结案).
	best, bestLen := "", 0
	for _, id := range ids {
		if !policyHas(s.p, field, id) {
			continue
		}
		for _, w := range syn[id] {
			if l := utf8.RuneCountInString(w); l >= 2 && l > bestLen && strings.Contains(n, w) {
				best, bestLen = id, l
			}
		}
	}
	if best != "" {
		return best, true, ""
	}
	return s.fallback(field), false, ""
}

// gradeGuess reads a grade as registers write it: A级 … D级, 一级 … 四级,
// 1 … 4, I … IV, 重大 / 较大 / 一般 / 轻微, major / minor: the n-th
// grade of the policy, most severe first.
func gradeGuess(p *policy.Policy, v string) (string, bool) {
	if len(p.Grades) == 0 {
		return "", false
	}
	n := strings.ToLower(strings.TrimSpace(v))
	for _, g := range p.Grades {
		if n == strings.ToLower(g.ID) || n == strings.ToLower(g.ZH) || n == strings.ToLower(g.EN) {
			return g.ID, true
		}
	}
	at := func(i int) (string, bool) { return p.Grades[min(i, len(p.Grades)-1)].ID, true }
	core := strings.NewReplacer("级", "", "类", "", "等", "", "投诉", "", "grade", "", "level", "", "class", "", " ", "").Replace(n)
	for _, g := range p.Grades {
		if core == strings.ToLower(g.ID) {
			return g.ID, true
		}
	}
	for i, set := range [][]string{
		{"a", "1", "一", "i", "特别重大", "重大", "严重", "特急", "major", "critical", "high", "urgent", "severe"},
		{"b", "2", "二", "ii", "较大", "重要", "紧急", "较重", "important", "serious"},
		{"c", "3", "三", "iii", "一般", "普通", "general", "normal", "medium", "moderate"},
		{"d", "4", "四", "iv", "轻微", "较轻", "意见", "咨询", "minor", "low", "trivial"},
	} {
		if slices.Contains(set, core) {
			return at(i)
		}
	}
	return p.Grading.DefaultGrade, false
}

// categoryGuess finds the policy category a register's word names, or
// failing that the one whose name shares the most with it: a Chinese word
// of two characters (设备设施 and 设备管理类 share 设备), an English word
// of three letters or more. shared is what they share ("" for a name).
func categoryGuess(p *policy.Policy, v string) (id, shared string) {
	n := strings.ToLower(strings.TrimSpace(v))
	for _, c := range p.Categories {
		if n == strings.ToLower(c.ID) || n == strings.ToLower(c.ZH) || n == strings.ToLower(c.EN) {
			return c.ID, ""
		}
	}
	grams := func(s string) []string {
		var out []string
		rs := []rune(strings.ToLower(s))
		for i := 0; i+1 < len(rs); i++ {
			if rs[i] >= 0x2E80 && rs[i+1] >= 0x2E80 && !slices.Contains(out, string(rs[i:i+2])) {
				out = append(out, string(rs[i:i+2]))
			}
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) || r >= 0x2E80 }) {
			if w = strings.TrimSuffix(w, "s"); len(w) >= 3 && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		return out
	}
	vg := grams(v)
	best := 0
	for _, c := range p.Categories {
		var common []string
		for _, g := range grams(c.ZH + " " + c.EN) {
			if slices.Contains(vg, g) {
				common = append(common, g)
			}
		}
		if len(common) > best {
			id, shared, best = c.ID, strings.Join(common, ", "), len(common)
		}
	}
	return id, shared
}

// satisfactionGuess reads a revisit's outcome as a satisfaction of 1 to 5
// ("" when it says none: 未回访, 联系不上).
func satisfactionGuess(v string, all []string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(v))
	if k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(n, "分"), ".0")); err == nil && k >= 1 && k <= 5 {
		return strconv.Itoa(k), true
	}
	veryUsed := slices.ContainsFunc(all, func(x string) bool { return strings.Contains(x, "非常满意") || strings.Contains(x, "很满意") })
	switch {
	case strings.Contains(n, "非常不满意") || strings.Contains(n, "很不满意") || strings.Contains(n, "very dissatisfied"):
		return "1", true
	case strings.Contains(n, "不满意") || strings.Contains(n, "dissatisfied") || strings.Contains(n, "unsatisfied"):
		return "2", true
	case strings.Contains(n, "一般") || n == "neutral" || n == "ok":
		return "3", true
	case strings.Contains(n, "基本满意") || strings.Contains(n, "比较满意") || strings.Contains(n, "较满意"):
		return "4", true
	case strings.Contains(n, "非常满意") || strings.Contains(n, "很满意") || strings.Contains(n, "very satisfied"):
		return "5", true
	case strings.Contains(n, "满意") || n == "satisfied":
		if veryUsed {
			return "4", true
		}
		return "5", true
	case strings.Contains(n, "未回访") || strings.Contains(n, "联系不上") || strings.Contains(n, "无法联系") || n == "无" || n == "n/a":
		return "", true
	}
	return "", false
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
		case r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && r != ' ' || unicode.Is(unicode.Bidi_Control, r):
			// controls (C1, bidi overrides included) as escapes: the
			// mapping is printed on a terminal
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
