package importer_test

// The small registers in testdata/, in the shapes people keep: an NYC 311
// export (English, `06/26/2018 10:58:54 AM`), a Chinese property
// management 投诉登记表 as an Excel workbook (a merged title row, a 填报单位
// row, footer rows, nine styles of date, Excel date cells at 00:00) and the
// same sheet saved by Excel as a GBK CSV. They are written by this file:
//
//	IMPORTER_WRITE_TESTDATA=1 go test ./internal/importer -run TestWriteTestdata

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestWriteTestdata(t *testing.T) {
	if os.Getenv("IMPORTER_WRITE_TESTDATA") == "" {
		t.Skip("set IMPORTER_WRITE_TESTDATA=1 to write testdata/nyc311.csv, register-zh.xlsx and register-zh-gbk.csv")
	}
	writeNYC311(t, filepath.Join("testdata", "nyc311.csv"))
	writeChineseRegister(t, filepath.Join("testdata", "register-zh.xlsx"), filepath.Join("testdata", "register-zh-gbk.csv"))
}

// ---- NYC 311 --------------------------------------------------------------

var nyc311Header = []string{"Unique Key", "Created Date", "Closed Date", "Agency", "Agency Name", "Complaint Type", "Descriptor",
	"Location Type", "Incident Zip", "Incident Address", "Street Name", "City", "Status", "Due Date", "Resolution Description",
	"Resolution Action Updated Date", "Community Board", "Borough", "Open Data Channel Type", "Latitude", "Longitude", "Location"}

// NYC311Rows is how many service requests testdata/nyc311.csv has.
const NYC311Rows = 60

func writeNYC311(t *testing.T, path string) {
	r := rand.New(rand.NewPCG(311, 2018))
	type kind struct {
		agency, name, ctype string
		descs               []string
		resolution          string
	}
	kinds := []kind{
		{"NYPD", "New York City Police Department", "Noise - Residential", []string{"Loud Music/Party", "Banging/Pounding", "Loud Talking"},
			"The Police Department responded to the complaint and with the information available observed no evidence of the violation at that time."},
		{"NYPD", "New York City Police Department", "Illegal Parking", []string{"Blocked Hydrant", "Double Parked Blocking Traffic", "Posted Parking Sign Violation"},
			"The Police Department responded to the complaint and took action to fix the condition."},
		{"HPD", "Department of Housing Preservation and Development", "HEAT/HOT WATER", []string{"ENTIRE BUILDING", "APARTMENT ONLY"},
			"The Department of Housing Preservation and Development contacted a tenant in the building and verified that heat was restored."},
		{"DSNY", "Department of Sanitation", "Missed Collection (All Materials)", []string{"1R Missed Recycling-All Materials", "2R Bulk-Missed Pick Up"},
			"The Department of Sanitation investigated this complaint and found no condition at the location."},
		{"DOT", "Department of Transportation", "Street Light Condition", []string{"Street Light Out", "Lamppost Damaged"},
			"Service Request status for this request is available on the Department of Transportation's website. Please call 311 for more information."},
		{"DEP", "Department of Environmental Protection", "Water System", []string{"Hydrant Running (WC3)", "Leak (Use Comments) (WA2)"},
			"The Department of Environmental Protection determined that this complaint is a duplicate of a previously filed complaint."},
	}
	streets := []string{"BROADWAY", "FLATBUSH AVENUE", "GRAND CONCOURSE", "QUEENS BOULEVARD", "VICTORY BOULEVARD", "EAST 14 STREET"}
	boroughs := []string{"MANHATTAN", "BROOKLYN", "BRONX", "QUEENS", "STATEN ISLAND", "MANHATTAN"}
	channels := []string{"PHONE", "ONLINE", "MOBILE", "UNKNOWN", "OTHER", "PHONE", "ONLINE"}
	open := []string{"Open", "Assigned", "In Progress", "Pending", "Started", "Email Sent", "Unspecified"}
	us := func(t time.Time) string { return t.Format("01/02/2006 03:04:05 PM") }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(nyc311Header)
	start := time.Date(2018, 6, 26, 0, 0, 0, 0, time.UTC)
	for i := 0; i < NYC311Rows; i++ {
		k := kinds[r.IntN(len(kinds))]
		created := start.Add(time.Duration(i)*97*time.Minute + time.Duration(r.IntN(3600))*time.Second)
		if i == 7 {
			created = time.Date(2018, 6, 26, 0, 0, 0, 0, time.UTC) // exactly midnight: 12:00:00 AM
		}
		if i == 8 {
			created = time.Date(2018, 6, 26, 12, 30, 0, 0, time.UTC) // 12:30:00 PM
		}
		status, closed, updated, resolution := "Closed", created.Add(time.Duration(30+r.IntN(3000))*time.Minute), "", k.resolution
		updated = us(closed)
		if i%9 == 4 {
			status, closed, updated, resolution = open[(i/9)%len(open)], time.Time{}, "", ""
		}
		desc := k.descs[r.IntN(len(k.descs))]
		if i == 13 || i == 41 {
			desc = "" // no descriptor: the complaint type is all the text there is
		}
		closedText, due := "", us(created.AddDate(0, 0, 8))
		if !closed.IsZero() {
			closedText = us(closed)
		}
		b := r.IntN(len(boroughs))
		lat, lon := 40.6+r.Float64()*0.25, -74.05+r.Float64()*0.3
		w.Write([]string{
			fmt.Sprint(39500000 + i*137 + r.IntN(100)), us(created), closedText, k.agency, k.name, k.ctype, desc,
			"RESIDENTIAL BUILDING", fmt.Sprint(10000 + r.IntN(1400)), fmt.Sprintf("%d %s", 10+r.IntN(900), streets[b]), streets[b],
			strings.ReplaceAll(boroughs[b], "MANHATTAN", "NEW YORK"), status, due, resolution, updated,
			fmt.Sprintf("%02d %s", 1+r.IntN(12), boroughs[b]), boroughs[b], channels[r.IntN(len(channels))],
			fmt.Sprintf("%.8f", lat), fmt.Sprintf("%.8f", lon), fmt.Sprintf("(%.8f, %.8f)", lat, lon),
		})
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ---- the Chinese register ---------------------------------------------------

// zhRow is a row of the property-management register: its dates as cells
// of the sheet.
type zhRow struct {
	id, name, phone, channel, category, content, grade, dept, result, revisit, status string
	received, closed                                                                  zhDate
}

// zhDate is a date cell: an Excel date (serial and number format) or text.
type zhDate struct {
	serial float64 // 0: text
	format string  // the cell's number format; "" a General number
	text   string
}

// shown is the cell as Excel shows it and writes it to a CSV.
func (d zhDate) shown() string {
	if d.serial == 0 {
		return d.text
	}
	t := excelTime(d.serial)
	switch d.format {
	case "yyyy-mm-dd hh:mm":
		return t.Format("2006-01-02 15:04")
	case "yyyy/m/d":
		return t.Format("2006/1/2")
	case "yyyy/m/d h:mm":
		return t.Format("2006/1/2 15:04")
	}
	return fmt.Sprint(d.serial)
}

func excelTime(serial float64) time.Time {
	days := math.Floor(serial)
	secs := math.Round((serial - days) * 86400)
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
}

func excelSerial(t time.Time) float64 {
	d := t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))
	return math.Round(d.Hours()/24*1e10) / 1e10
}

func xdt(y int, m time.Month, d, hh, mm int) zhDate { // an Excel date and time
	return zhDate{serial: excelSerial(time.Date(y, m, d, hh, mm, 0, 0, time.UTC)), format: "yyyy-mm-dd hh:mm"}
}

func xd(y int, m time.Month, d int) zhDate { // an Excel date alone
	return zhDate{serial: excelSerial(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)), format: "yyyy/m/d"}
}

func txt(s string) zhDate { return zhDate{text: s} }

// ZHRows is how many complaints the Chinese register has (its footer rows
// are not complaints).
const ZHRows = 30

var zhHeader = []string{"序号", "工单编号", "受理时间", "投诉人", "联系电话", "投诉渠道", "投诉类别", "投诉内容", "投诉等级", "处理部门", "处理结果", "办结时间", "回访情况", "状态"}

// zhRegister is the register's rows: the 受理时间 column has nine styles of
// date (an Excel date and time, one at exactly 00:00, an Excel date alone,
// and six ways of typing one), 办结时间 more, and a General number that is
// an Excel serial (46334.40486111111).
func zhRegister() []zhRow {
	return []zhRow{
		{"GD20261101001", "张伟", "13800138000", "电话", "房屋维修", "卫生间天花板渗水，楼上住户装修后开始漏水。", "C级", "工程部", "已联系楼上住户维修防水层，渗水已停止。", "满意", "已回访", xdt(2026, 11, 1, 9, 41), xdt(2026, 11, 2, 16, 20)},
		{"GD20261101002", "李娜", "139 1234 5678", "12345热线", "设备设施", "电梯连续三天停运，老人上下楼困难。", "B级", "工程部", "更换电梯控制板，电梯恢复运行。", "基本满意", "已办结", xdt(2026, 11, 1, 0, 0), xdt(2026, 11, 3, 0, 0)},
		{"GD20261102001", "王强", "0755-86001234", "来访", "安全管理", "小区东门门禁损坏，陌生人随意进出。", "B级", "保安部", "门禁已修复，增加夜间巡逻。", "满意", "已回访", xd(2026, 11, 2), xd(2026, 11, 3)},
		{"GD20261103001", "刘洋", "13600136000", "微信", "环境卫生", "垃圾桶两天没有清运，气味很大。", "C级", "保洁部", "已安排清运并调整清运时间。", "满意", "已办结", txt("2026/11/3 14:20"), txt("2026/11/3 17:05")},
		{"GD20261104001", "陈静", "13700137000", "网站", "收费问题", "物业费账单多收了一个月的停车费。", "C级", "财务部", "核实后退还多收费用 300 元。", "不满意", "已回访", txt("2026-11-04 08:05:33"), txt("2026-11-06 10:00:00")},
		{"GD20261105001", "杨帆", "15000150000", "电话", "服务态度", "前台工作人员态度冷淡，不愿意登记报修。", "C级", "客服中心", "已对当事员工进行批评教育并致歉。", "基本满意", "已办结", txt("2026年11月5日15时30分"), txt("2026年11月6日9时00分")},
		{"GD20261106001", "赵敏", "15100151000", "信函", "噪音扰民", "楼下商铺夜间施工噪音扰民。", "C级", "客服中心", "已与商铺沟通，夜间停止施工。", "满意", "已办结", txt("2026.11.6"), txt("2026.11.7")},
		{"GD20261107001", "黄磊", "18600186000", "电话", "房屋维修", "外墙瓷砖脱落，砸坏楼下车辆。", "A级", "工程部", "已赔偿车主损失并全面排查外墙。", "满意", "已办结", txt("2026年11月7日 下午3:04"), txt("2026年11月27日 上午10:30")},
		{"GD20261108001", "周杰", "18800188000", "12345热线", "设备设施", "地下车库照明灯大面积损坏。", "C级", "工程部", "更换照明灯 24 盏。", "未回访", "已办结", txt("20261108"), zhDate{serial: 46334.40486111111}},
		{"GD20261108002", "吴芳", "", "来访", "环境卫生", "绿化带长期无人修剪，蚊虫很多。", "D级", "保洁部", "已安排园林公司修剪并消杀。", "", "已办结", txt("二〇二六年十一月八日"), txt("二〇二六年十一月十日")},
		{"GD20261109001", "郑爽", "13900139000", "电话", "安全管理", "消防通道被车辆长期占用。", "一般", "保安部", "已张贴告知并联系车主移车。", "满意", "已办结", txt("2026-11-09"), txt("2026-11-09 15:00")},
		{"GD20261109002", "孙丽", "13800138001", "微信", "收费问题", "停车卡到期续费后仍无法进入车库。", "C级", "财务部", "系统已更新，停车卡恢复使用。", "满意", "已办结", xdt(2026, 11, 9, 10, 15), xdt(2026, 11, 9, 16, 45)},
		{"GD20261110001", "马超", "13800138002", "电话", "房屋维修", "入户门锁芯损坏无法锁门。", "C级", "工程部", "已更换锁芯。", "满意", "已办结", xdt(2026, 11, 10, 0, 0), xd(2026, 11, 10)},
		{"GD20261110002", "朱婷", "13800138003", "网站", "服务态度", "报修后维修人员迟到两个小时。", "D级", "客服中心", "已向业主致歉，调整派工流程。", "基本满意", "已办结", xd(2026, 11, 10), txt("2026/11/11 9:30")},
		{"GD20261111001", "胡军", "13800138004", "电话", "设备设施", "二次供水水压不足，高层用水困难。", "B级", "工程部", "维修加压泵，水压恢复正常。", "满意", "已回访", txt("2026/11/11 8:02"), txt("2026/11/12 18:00")},
		{"GD20261112001", "郭靖", "13800138005", "来访", "噪音扰民", "邻居家狗夜间一直叫，影响休息。", "D级", "客服中心", "已上门沟通，邻居承诺加强管理。", "一般", "已办结", txt("2026-11-12 20:15:00"), txt("2026-11-13")},
		{"GD20261113001", "林峰", "13800138006", "12345热线", "环境卫生", "楼道内堆放杂物，存在消防隐患。", "C级", "保洁部", "已清理杂物。", "满意", "已办结", txt("2026年11月13日 上午9:10"), txt("2026年11月13日 下午4:40")},
		{"GD20261114001", "何洁", "13800138007", "电话", "收费问题", "水费计费与水表读数不符。", "C级", "财务部", "重新抄表，差额已退还。", "满意", "已办结", txt("2026.11.14"), txt("2026.11.16")},
		{"GD20261115001", "高远", "13800138008", "微信", "房屋维修", "阳台推拉门变形关不严。", "C级", "工程部", "已调整门框。", "", "处理中", txt("20261115"), txt("")},
		{"GD20261116001", "罗敏", "13800138009", "电话", "安全管理", "小区监控摄像头损坏多日未修。", "B级", "保安部", "", "", "处理中", xdt(2026, 11, 16, 13, 22), txt("")},
		{"GD20261117001", "梁宇", "13800138010", "来访", "设备设施", "单元门对讲机无法使用。", "C级", "工程部", "已更换对讲主机。", "满意", "已办结", xd(2026, 11, 17), xdt(2026, 11, 18, 0, 0)},
		{"GD20261118001", "宋佳", "13800138011", "网站", "服务态度", "投诉后无人回复。", "D级", "客服中心", "已回复并致歉。", "不满意", "已办结", txt("2026年11月18日15时05分"), txt("2026年11月19日10时")},
		{"GD20261119001", "唐宁", "13800138012", "电话", "环境卫生", "小区喷泉水池发臭。", "C级", "保洁部", "已换水清洗。", "满意", "已办结", txt("2026/11/19 7:45"), txt("2026/11/19 15:30")},
		{"GD20261120001", "许晴", "13800138013", "12345热线", "噪音扰民", "清晨六点垃圾车作业噪音太大。", "D级", "保洁部", "调整垃圾清运时间到八点后。", "", "待处理", txt("2026-11-20 06:30:00"), txt("")},
		{"GD20261121001", "韩梅", "13800138014", "电话", "房屋维修", "厨房下水道堵塞。", "C级", "工程部", "已疏通。", "满意", "已办结", xdt(2026, 11, 21, 18, 30), txt("2026/11/21")},
		{"GD20261122001", "冯刚", "13800138015", "微信", "收费问题", "装修押金迟迟不退。", "B级", "财务部", "押金已退还。", "基本满意", "已办结", txt("2026年11月22日 下午2:00"), txt("2026年11月25日 上午11:20")},
		{"GD20261123001", "邓超", "13800138016", "电话", "设备设施", "消防栓漏水。", "C级", "工程部", "更换阀门。", "满意", "已办结", txt("2026.11.23"), txt("2026.11.23")},
		{"GD20261124001", "曹颖", "13800138017", "来访", "安全管理", "电动车在楼道充电，存在火灾隐患。", "A级", "保安部", "已清理楼道电动车并张贴禁令。", "满意", "已办结", txt("20261124"), xd(2026, 11, 25)},
		{"GD20261125001", "彭飞", "13800138018", "电话", "环境卫生", "楼顶有大量鸽子粪便。", "D级", "保洁部", "已清理并安装驱鸟装置。", "满意", "已办结", xdt(2026, 11, 25, 11, 11), txt("2026-11-26 09:00:00")},
		{"GD20261126001", "曾琪", "13800138019", "网站", "服务态度", "保安拒绝帮忙搬运快递。", "D级", "保安部", "已沟通并致歉。", "未回访", "已办结", txt("2026年11月26日"), txt("2026年11月26日")},
	}
}

func writeChineseRegister(t *testing.T, xlsxPath, csvPath string) {
	rows := zhRegister()
	if len(rows) != ZHRows {
		t.Fatalf("%d rows, ZHRows says %d", len(rows), ZHRows)
	}
	title := "幸福里小区物业服务中心客户投诉登记表（2026年11月）"
	unit, date := "填报单位：幸福里物业服务中心", "填报日期：2026年11月30日"
	footers := [][]string{
		{"合计", "", "", "", "", "", "", fmt.Sprintf("本月共受理投诉 %d 件", len(rows))},
		{},
		{"制表：张三", "", "", "审核：李四", "", "", "", "日期：2026年11月30日"},
		{"填表人：王五"},
	}
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetName(sh, "11月登记表")
	sh = "11月登记表"
	last, _ := excelize.ColumnNumberToName(len(zhHeader))
	f.SetCellValue(sh, "A1", title)
	f.MergeCell(sh, "A1", last+"1")
	f.SetCellValue(sh, "A2", unit)
	f.MergeCell(sh, "A2", "F2")
	f.SetCellValue(sh, "K2", date)
	f.MergeCell(sh, "K2", last+"2")
	f.SetSheetRow(sh, "A3", &zhHeader)
	styles := map[string]int{}
	for _, code := range []string{"yyyy-mm-dd hh:mm", "yyyy/m/d", "yyyy/m/d h:mm"} {
		c := code
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c})
		if err != nil {
			t.Fatal(err)
		}
		styles[code] = id
	}
	var csvRows [][]string
	csvRows = append(csvRows, pad([]string{title}), pad([]string{unit, "", "", "", "", "", "", "", "", "", date}), zhHeader)
	for i, r := range rows {
		n := i + 4
		cells := []string{fmt.Sprint(i + 1), r.id, "", r.name, r.phone, r.channel, r.category, r.content, r.grade, r.dept, r.result, "", r.revisit, r.status}
		vals := make([]any, len(cells))
		for k, c := range cells {
			vals[k] = c
		}
		vals[0] = i + 1
		cell, _ := excelize.CoordinatesToCellName(1, n)
		f.SetSheetRow(sh, cell, &vals)
		for col, d := range map[int]zhDate{3: r.received, 12: r.closed} {
			name, _ := excelize.CoordinatesToCellName(col, n)
			switch {
			case d.serial != 0:
				f.SetCellFloat(sh, name, d.serial, -1, 64)
				if d.format != "" {
					f.SetCellStyle(sh, name, name, styles[d.format])
				}
			case d.text != "":
				f.SetCellStr(sh, name, d.text)
			}
		}
		cells[2], cells[11] = r.received.shown(), r.closed.shown()
		csvRows = append(csvRows, cells)
	}
	n := len(rows) + 4
	for _, fr := range footers {
		if len(fr) > 0 {
			vals := make([]any, len(fr))
			for k, c := range fr {
				vals[k] = c
			}
			cell, _ := excelize.CoordinatesToCellName(1, n)
			f.SetSheetRow(sh, cell, &vals)
		}
		csvRows = append(csvRows, pad(fr))
		n++
	}
	if err := f.SaveAs(xlsxPath); err != nil {
		t.Fatal(err)
	}
	// Excel's "CSV (逗号分隔)" on a Chinese Windows: GBK, CRLF, the cells as shown.
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.WriteAll(csvRows)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
}

func pad(cells []string) []string {
	out := make([]string, len(zhHeader))
	copy(out, cells)
	return out
}
