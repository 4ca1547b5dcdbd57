// Package demo makes realistic complaints (Chinese names and content, every
// channel, grade and state, live and overdue clocks, whole histories) so a
// new desk has something to show, and so benchmarks can be reproduced
// with the product itself: `desk demo --count 1000000`.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"complaintdesk/internal/desk"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
var givenChars = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌宇浩凯鹏婷雪琳晨欣怡子涵梓萱一诺宇轩浩然")

// Complaint is one made-up complaint: what the caller says and what they want.
type Complaint struct {
	Category string
	Content  string
	Demand   string
	Subject  string
}

// Complaints are the texts the demo draws from, by category of the default policy.
var Complaints = []Complaint{
	{"product.defect", "上周在门店购买的电饭煲使用三次后无法加热，指示灯不亮，要求退货。", "退款", "电饭煲 MB-FB40"},
	{"product.defect", "新买的手机充电时机身发烫，电池一天要充三次，怀疑是质量问题。", "更换", "手机 X20 批次 2026-08"},
	{"product.packaging", "快递送到时外包装破损，里面的玻璃杯碎了两个。", "补发", "订单 20261103-7781"},
	{"service.rude", "客服人员在电话里态度恶劣，多次打断我说话并直接挂断电话。", "道歉", ""},
	{"service.rude", "营业厅工作人员办理业务时玩手机，排队等了四十分钟无人理会。", "道歉并说明", ""},
	{"price.overcharge", "本月账单多扣了 58 元的增值业务费，我从未订购过该业务。", "退款", "账户 8821-0093"},
	{"price.overcharge", "促销活动宣传满300减50，结账时没有优惠，价格与宣传不符。", "补差价", "活动 双十一"},
	{"delivery.late", "订单显示已发货七天仍未收到，物流信息一直没有更新，快递延误严重。", "尽快送达", "运单 SF1234567890"},
	{"delivery.late", "约好上午送货上门，等了一整天没人来，也没有电话通知。", "赔偿误工", ""},
	{"business.slow", "申请办理退款已经两周，每次打电话都说在处理，没有任何进展。", "尽快退款", "工单 RF-2026-1187"},
	{"aftersales.repeat", "空调维修后第二天又不制冷，师傅上门两次都没修好。", "更换新机", "空调 KFR-35GW"},
	{"property.equipment", "楼道灯坏了三天无人维修，晚上老人上下楼很危险。", "尽快维修", "3号楼2单元"},
	{"service.rude", "The delivery driver was rude and threw the parcel over the gate.", "Apology", ""},
	{"price.overcharge", "I was charged twice for the same order and the refund has not arrived after 10 days.", "Refund", "Order 55120"},
	{"product.defect", "电热水器漏水，把楼下邻居家的天花板泡坏了，造成经济损失。", "赔偿损失", "热水器 ES60H"},
	{"delivery.damaged", "家具送到时桌面有明显划痕，安装师傅说不是他们的责任。", "更换", "餐桌 DT-120"},
	{"price.refund", "退货已经签收十天，退款一直没有到账，客服只让我等。", "尽快退款", "订单 20260911-3302"},
	{"service.runaround", "同一个问题打了五次电话，每次都让我找另一个部门。", "专人负责", ""},
	{"aftersales.slow", "洗衣机报修一周了，维修师傅一直说配件没到。", "尽快上门维修", "洗衣机 XQG80"},
	{"business.promise", "合同约定的免费安装没有兑现，要我另付 200 元安装费。", "按合同免费安装", "合同 HT-2026-0456"},
}

// openings vary how an agent writes a complaint down.
var openings = []string{"", "", "", "客户来电反映：", "客户在线留言称：", "用户投诉：", "客户反映，", "来函称：", "客户到店反映："}

// Name makes a Chinese personal name.
func Name(r *rand.Rand) string {
	n := string(surnames[r.IntN(len(surnames))]) + string(givenChars[r.IntN(len(givenChars))])
	if r.IntN(2) == 0 {
		n += string(givenChars[r.IntN(len(givenChars))])
	}
	return n
}

// Mobile makes a mobile number.
func Mobile(r *rand.Rand) string {
	prefixes := []string{"138", "139", "136", "150", "151", "186", "188", "177", "199", "135"}
	return fmt.Sprintf("%s%08d", prefixes[r.IntN(len(prefixes))], r.IntN(100000000))
}

// Options say what to make.
type Options struct {
	Count int
	Seed  uint64
	// Progress, when set, is told how many cases are written, after each batch.
	Progress func(done int)
}

// Fill makes n demo cases on the desk (see Generate).
func Fill(ctx context.Context, d *desk.Desk, a desk.Actor, n int, seed uint64) (int, error) {
	return Generate(ctx, d, a, Options{Count: n, Seed: seed})
}

// batchSize is how many cases one transaction writes.
const batchSize = 1000

// Generate makes o.Count cases with their whole histories, received over
// the last 30 days (up to 700 for a large count, about 1,400 a day), most
// of them recent enough that the queue shows live countdowns: old cases
// are mostly closed and revisited, some closed and waiting for their
// revisit, some stuck open and overdue; recent ones are at every status of
// the policy. One in forty old cases was reopened after a dissatisfied
// revisit. Each step is an event as the action records it; the derived due
// fields are computed by the desk's clocks. The cases go in by the bulk
// path of an import, thousands per transaction, while the next batch is
// made. It returns how many cases were written.
func Generate(ctx context.Context, d *desk.Desk, a desk.Actor, o Options) (int, error) {
	p := d.Policy()
	if p.Role("supervisor") != nil {
		if err := d.AddUser(ctx, store.User{Name: "demo-supervisor", Role: "supervisor"}); err != nil {
			return 0, err
		}
	}
	// The garbage of a batch (texts, events, their JSON) dies with it: a
	// collection every 4 × the live heap, not 1 ×, costs less CPU for a
	// few tens of MB (memory is not what a demo is short of).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	// The breaches of the cases made are escalated with them (gen.escalate),
	// those of the cases already there by the sweeper, first: then the
	// sweeper can start where the demo's clock stood.
	g := newGen(d, o)
	if _, err := d.Sweep(ctx); err != nil {
		return 0, err
	}
	end, err := d.BeginBulk(ctx)
	if err != nil {
		return 0, err
	}
	batches := make(chan []store.HistoryRecord, 1)
	gctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(batches)
		for done := 0; done < o.Count && gctx.Err() == nil; {
			n := min(batchSize, o.Count-done)
			recs := make([]store.HistoryRecord, n)
			for i := range recs {
				recs[i] = g.next(done + i)
			}
			done += n
			select {
			case batches <- recs:
			case <-gctx.Done():
			}
		}
	}()
	made := 0
	for recs := range batches {
		if err = d.WriteCases(ctx, recs); err != nil {
			break
		}
		made += len(recs)
		if o.Progress != nil {
			o.Progress(made)
		}
	}
	stop()
	for range batches {
	}
	if err == nil && made == o.Count {
		err = d.MarkSwept(ctx, g.now)
	}
	if eerr := end(); err == nil {
		err = eerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return made, err
}

type gen struct {
	d        *desk.Desk
	p        *policy.Policy
	r        *rand.Rand
	n        int
	now      time.Time
	span     time.Duration
	agents   []string
	depts    []string
	final    string // the last status a case reaches (revisited)
	closed   string // finished, waiting for the last step (closed)
	statuses []string
	paths    map[[4]string][]string
}

func newGen(d *desk.Desk, o Options) *gen {
	p := d.Policy()
	g := &gen{d: d, p: p, r: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), n: o.Count,
		now: d.Now().In(d.Location()), paths: map[[4]string][]string{}}
	days := min(700, max(30, o.Count/1430))
	g.span = time.Duration(days) * 24 * time.Hour
	g.agents = []string{"李娜", "王强", "zhangwei", "陈静", "刘洋"}
	for len(g.agents) < 40 {
		g.agents = append(g.agents, Name(g.r))
	}
	for _, dep := range p.Departments {
		g.depts = append(g.depts, dep.ID)
	}
	if len(g.depts) == 0 {
		g.depts = []string{"客户服务部"}
	}
	for _, s := range p.Statuses {
		g.statuses = append(g.statuses, s.ID)
		if !s.Open {
			g.closed, g.final = g.final, s.ID
		}
	}
	if g.closed == "" {
		g.closed = g.final
	}
	return g
}

var channelWeights = []struct {
	id     string
	weight int
}{{"phone", 50}, {"web", 15}, {"email", 10}, {"social", 10}, {"walk-in", 8}, {"letter", 4}, {"other", 3}}

func (g *gen) channel() string {
	x := g.r.IntN(100)
	for _, c := range channelWeights {
		if x < c.weight {
			if g.p.Channel(c.id) != nil {
				return c.id
			}
			break
		}
		x -= c.weight
	}
	return g.p.Channels[g.r.IntN(len(g.p.Channels))].ID
}

// received spreads the cases over the span, in order, with one in twenty
// in the last two days (live countdowns).
func (g *gen) received(i int) time.Time {
	if g.r.IntN(20) == 0 {
		return g.now.Add(-time.Duration(g.r.Int64N(int64(48 * time.Hour))))
	}
	step := g.span / time.Duration(max(1, g.n))
	return g.now.Add(-g.span + time.Duration(i)*step + time.Duration(g.r.Int64N(int64(step)+1)))
}

// target is the status a case received at t has reached by now.
func (g *gen) target(age time.Duration) string {
	if age > 14*24*time.Hour {
		switch x := g.r.IntN(100); {
		case x < 95:
			return g.final
		case x < 97:
			return g.closed
		}
	}
	return g.statuses[g.r.IntN(len(g.statuses))]
}

// next makes case i with its history.
func (g *gen) next(i int) store.HistoryRecord {
	r, p := g.r, g.p
	received := g.received(i)
	t := Complaints[r.IntN(len(Complaints))]
	category := t.Category
	if p.Category(category) == nil {
		category = ""
	}
	grade, nature, reason := "C", "complaint", ""
	switch x := r.IntN(100); {
	case x < 2:
		grade, reason = "A", "造成经济损失，客户要求赔偿"
	case x < 17:
		grade, reason = "B", "同一问题多次投诉"
	case x < 27:
		grade, nature = "D", "inquiry"
	}
	if p.Grade(grade) == nil {
		grade = p.Grading.DefaultGrade
	}
	if p.Nature(nature) == nil && len(p.Natures) > 0 {
		nature = p.Natures[0].ID
	}
	subject := t.Subject
	if r.IntN(3) == 0 {
		subject = strings.TrimSpace(subject + fmt.Sprintf(" 订单 %s-%04d", received.Format("20060102"), r.IntN(10000)))
	}
	person := store.Complainant{Name: Name(r), Phone: Mobile(r)}
	if r.IntN(10) == 0 {
		person.Email = fmt.Sprintf("user%d@example.com", r.IntN(1_000_000))
	}
	registered := received.Add(time.Duration(r.IntN(15)) * time.Minute)
	if registered.After(g.now) {
		registered = g.now
	}
	agent := g.agents[r.IntN(len(g.agents))]
	collective := 1
	if r.IntN(100) == 0 {
		collective = 3 + r.IntN(10)
	}
	c := &store.Case{
		Version: 1, ReceivedAt: received, RegisteredAt: registered, UpdatedAt: registered, CreatedBy: agent,
		Channel: g.channel(), Nature: nature, Category: category, Grade: grade, GradeReason: reason,
		Status: p.InitialStatus(), Content: openings[r.IntN(len(openings))] + t.Content, Demand: t.Demand,
		Subject: subject, CollectiveSize: collective, Complainants: []store.Complainant{person},
	}
	events := []store.Event{desk.RegisterEvent(c, agent, registered)}
	at := registered
	target := g.target(g.now.Sub(received))
	// One in forty old cases: a dissatisfied revisit reopened it, and it
	// went round again.
	rounds := 1
	if target == g.final && r.IntN(40) == 0 {
		rounds = 2
	}
	if _, ok := g.path(c.Status, target, grade, true); !ok {
		target = g.final // not for this grade (approval is for grade A)
	}
	for round := 0; round < rounds; round++ {
		path, _ := g.path(c.Status, target, grade, c.Handler == "")
		for _, act := range path {
			next, ok := g.at(at, act)
			if !ok {
				break // not yet: the case is where it is now
			}
			before := *c
			g.apply(c, act, next, round < rounds-1)
			at = next
			reason, note := stepWords(act)
			events = append(events, desk.StepEvent(&before, c, act, agent, at, reason, note))
			c.Version++
		}
		if round < rounds-1 && c.Status == target && transition(g.p, "reopen", c.Status, grade) != nil {
			next, ok := g.at(at, "reopen")
			if !ok {
				break
			}
			before := *c
			g.apply(c, "reopen", next, false)
			at = next
			events = append(events, desk.StepEvent(&before, c, "reopen", agent, at, "回访不满意，重新处理", ""))
			c.Version++
		}
	}
	c.UpdatedAt = at
	g.d.Derive(c, events)
	return store.HistoryRecord{Case: c, Events: g.escalate(c, events, at)}
}

// escalate escalates a case whose clock breached before now as the
// sweeper would have, minutes after the breach (or after the last step):
// the events with the escalations. Left to the sweep after the demo, each
// was a transaction of its own, synced: 10 to 20 s of a 100,000-case demo.
func (g *gen) escalate(c *store.Case, events []store.Event, last time.Time) []store.Event {
	for k := 0; k < 4 && !c.NextDue.IsZero() && !c.NextDue.After(g.now); k++ {
		at := c.NextDue
		if last.After(at) {
			at = last
		}
		if at = at.Add(time.Duration(1+g.r.IntN(10)) * time.Minute); at.After(g.now) {
			at = g.now
		}
		ev := g.d.BreachEscalation(c, events, at)
		if ev == nil {
			break
		}
		events = append(events, *ev)
		c.Version++
		c.UpdatedAt, last = at, at
	}
	return events
}

// transition is the policy's transition for an action from a status for
// a case of this grade, whoever's role (nil when there is none).
func transition(p *policy.Policy, act, from, grade string) *policy.Transition {
	for i := range p.Transitions {
		if t := &p.Transitions[i]; t.Action == act && applies(*t, from, grade) {
			return t
		}
	}
	return nil
}

// path is the actions from one status to another by the policy's
// transitions (the shortest way, the transitions listed first preferred),
// with an assignment where the policy lets one move the case on
// (acknowledged → investigating) when it has no handler. nil when the
// status cannot be reached.
func (g *gen) path(from, to, grade string, assign bool) ([]string, bool) {
	key := [4]string{from, to, grade, fmt.Sprint(assign)}
	if p, ok := g.paths[key]; ok {
		return p, p != nil || from == to
	}
	path, ok := shortest(g.p, from, to, grade)
	if ok && assign {
		st := from
		for k := 0; k <= len(path); k++ {
			if t := transition(g.p, "assign", st, grade); t != nil && t.To != "" {
				if rest, ok := shortest(g.p, t.To, to, grade); ok {
					path = append(append(slices.Clone(path[:k]), "assign"), rest...)
					break
				}
			}
			if k < len(path) {
				if t := transition(g.p, path[k], st, grade); t != nil && t.To != "" {
					st = t.To
				}
			}
		}
	}
	g.paths[key] = path
	return path, ok
}

// shortest is the shortest run of actions from one status to another.
func shortest(p *policy.Policy, from, to, grade string) ([]string, bool) {
	if from == to {
		return nil, true
	}
	type via struct{ from, action string }
	prev := map[string]via{from: {}}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, t := range p.Transitions {
			if t.Action == policy.ActionRegister || t.To == "" || t.To == cur {
				continue
			}
			if _, seen := prev[t.To]; seen || !applies(t, cur, grade) {
				continue
			}
			prev[t.To] = via{cur, t.Action}
			if t.To == to {
				var path []string
				for s := to; s != from; s = prev[s].from {
					path = append(path, prev[s].action)
				}
				slices.Reverse(path)
				return path, true
			}
			queue = append(queue, t.To)
		}
	}
	return nil, false
}

// applies: the transition may be taken from the status by a case of the grade.
func applies(t policy.Transition, from, grade string) bool {
	return (slices.Contains(t.From, from) || slices.Contains(t.From, policy.AnyStatus)) &&
		(len(t.Grades) == 0 || slices.Contains(t.Grades, grade))
}

// at is when the action follows one at prev, or false when that is still
// in the future.
func (g *gen) at(prev time.Time, act string) (time.Time, bool) {
	lo, hi := 10*time.Minute, 20*time.Hour
	switch act {
	case "assign":
		lo, hi = 10*time.Minute, 24*time.Hour
	case "resolve", "reject":
		lo, hi = 2*time.Hour, 4*24*time.Hour
	case "close":
		lo, hi = time.Hour, 2*24*time.Hour
	case "revisit":
		lo, hi = 24*time.Hour, 6*24*time.Hour
	case "reopen":
		lo, hi = time.Hour, 24*time.Hour
	}
	next := prev.Add(lo + time.Duration(g.r.Int64N(int64(hi-lo))))
	return next, !next.After(g.now)
}

var (
	resolutions = []string{"已为客户办理退款", "已为客户更换新品", "已安排师傅上门维修", "已向客户当面致歉并说明情况", "已补发商品并承担运费", "已按合同免费安装"}
	replies     = []string{"您好，您反映的问题已核实处理，给您带来不便深表歉意。", "您好，退款已原路退回，请注意查收。", "您好，维修已完成，如再有问题请随时联系我们。"}
)

// apply makes the action's change to the case: its new status and the
// fields the action gives. dissatisfied: a revisit that reopens it.
func (g *gen) apply(c *store.Case, act string, at time.Time, dissatisfied bool) {
	r := g.r
	if t := transition(g.p, act, c.Status, c.Grade); t != nil && t.To != "" {
		c.Status = t.To
	}
	switch act {
	case "acknowledge":
		c.AcknowledgedAt = at
		c.ExpectedBy = at.Add(48 * time.Hour)
	case "assign", "transfer", "forward", "dispatch":
		c.Handler = g.agents[r.IntN(len(g.agents))]
		c.Department = g.depts[r.IntN(len(g.depts))]
	case "resolve":
		c.ResolvedAt = at
		if c.Category == "" && len(g.p.Categories) > 0 {
			c.Category = g.p.Categories[0].ID
		}
		c.Resolution = resolutions[r.IntN(len(resolutions))]
		c.Reply = replies[r.IntN(len(replies))]
	case "reject":
		c.ResolvedAt = at
		c.Reply = "您好，经核实，该问题不属于我方责任范围，已向您书面说明原因。"
	case "close":
		c.ClosedAt = at
	case "revisit":
		c.RevisitedAt = at
		c.Satisfaction = 3 + r.IntN(3)
		if dissatisfied {
			c.Satisfaction = 1 + r.IntN(2)
		}
	case "reopen":
		c.ReopenCount++
		c.ClosedAt, c.ResolvedAt = time.Time{}, time.Time{}
	}
}

// stepWords are an action's reason and note as an agent writes them.
func stepWords(act string) (reason, note string) {
	switch act {
	case "acknowledge":
		return "", "已电话联系客户，告知处理时限"
	case "assign":
		return "", "转责任部门处理"
	case "reject":
		return "经核实投诉不成立", ""
	case "revisit":
		return "", "电话回访客户"
	case "request_approval":
		return "", "A级投诉结案，请主管审批"
	case "approve":
		return "", "同意结案"
	}
	return "", ""
}
