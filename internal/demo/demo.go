// Package demo makes realistic complaints (Chinese names and content, every
// channel, grade and state, some overdue) so a new desk has something to
// show, and so benchmarks have data shaped like the real thing.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
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
}

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

var handlers = []string{"李娜", "王强", "zhangwei", "陈静", "刘洋"}

// Fill registers n demo cases on the desk, spread over the last 30 days,
// and moves them through the life cycle so every state and clock shows.
func Fill(ctx context.Context, d *desk.Desk, a desk.Actor, n int, seed uint64) (int, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := d.Policy()
	// The handling steps are done by a demo supervisor, as the policy lets
	// supervisors do every step; the handlers are agents.
	if p.Role("supervisor") != nil {
		if err := d.AddUser(ctx, store.User{Name: "demo-supervisor", Role: "supervisor"}); err != nil {
			return 0, err
		}
		a = desk.Actor{Name: "demo-supervisor", Role: "supervisor"}
	}
	now := d.Now()
	made := 0
	for i := 0; i < n; i++ {
		c := Complaints[r.IntN(len(Complaints))]
		category := c.Category
		if p.Category(category) == nil {
			category = ""
		}
		ch := p.Channels[r.IntN(len(p.Channels))].ID
		// Most cases are recent, so the queue shows live countdowns.
		age := time.Duration(r.ExpFloat64()*float64(60*time.Hour)) + time.Duration(r.IntN(60))*time.Minute
		if age > 30*24*time.Hour {
			age = time.Duration(r.IntN(30*24)) * time.Hour
		}
		received := now.Add(-age)
		grade := ""
		switch x := r.IntN(20); {
		case x == 0:
			grade = "A"
		case x < 4:
			grade = "B"
		case x < 6:
			grade = "D"
		}
		reg := desk.Registration{
			Channel: ch, Nature: "complaint", Category: category, Grade: grade,
			ReceivedAt: received, Name: Name(r), Phone: Mobile(r),
			Content: c.Content, Demand: c.Demand, Subject: c.Subject,
		}
		if grade == "D" {
			reg.Nature = "inquiry"
		}
		cs, _, err := d.Register(ctx, a, reg)
		if err != nil {
			return made, fmt.Errorf("demo case %d: %w", i, err)
		}
		made++
		if err := progress(ctx, d, a, p, r, cs.Number, received, now); err != nil {
			return made, fmt.Errorf("demo case %s: %w", cs.Number, err)
		}
	}
	return made, nil
}

// progress moves a demo case along its life, each step at a time between
// its receipt and now.
func progress(ctx context.Context, d *desk.Desk, a desk.Actor, p *policy.Policy, r *rand.Rand, number string, received, now time.Time) error {
	span := now.Sub(received)
	stage := r.IntN(7) // 0 registered … 6 revisited
	if span < 2*time.Hour {
		stage = min(stage, 1)
	}
	at := func(frac float64) time.Time { return received.Add(time.Duration(float64(span) * frac)) }
	steps := []desk.Action{
		{Name: "acknowledge", At: at(0.1), ExpectedBy: now.Add(48 * time.Hour), Note: "已电话联系客户，告知处理时限"},
		{Name: "assign", At: at(0.2), Handler: handlers[r.IntN(len(handlers))], Department: "客户服务部"},
		{Name: "resolve", At: at(0.5), Resolution: "已为客户办理退款/更换", Reply: "您好，您反映的问题已核实处理，给您带来不便深表歉意。"},
		{Name: "close", At: at(0.6)},
		{Name: "revisit", At: at(0.9), Satisfaction: 3 + r.IntN(3), Note: "客户表示满意"},
	}
	limit := map[int]int{0: 0, 1: 1, 2: 2, 3: 2, 4: 3, 5: 4, 6: 5}[stage]
	for _, s := range steps[:limit] {
		s.Number = number
		if s.Name == "resolve" {
			cs, _, err := d.Case(ctx, desk.System, number)
			if err != nil {
				return err
			}
			if cs.Category == "" {
				s.Category = p.Categories[0].ID
			}
		}
		if _, err := d.Apply(ctx, a, s); err != nil {
			return err
		}
	}
	return nil
}
