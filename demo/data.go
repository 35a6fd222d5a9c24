// Package demo seeds the demo tenants demo-a and demo-b with realistic content: the
// departments, regions and grids, category tree and sample tickets of two districts,
// 玄武区 (南京市) and 武侯区 (成都市).
//
// This file holds the content as plain data. Every name, phone number and ID number in it is
// made up; the ID numbers are valid under GB 11643 (check digit, birth date and sex) so that
// they pass the same checks real ones do.
package demo

// District is one demo tenant's content.
type District struct {
	Code, Name, DivisionCode string // e.g. "demo-a", "玄武区", "320102"
	Departments              []Dept
	Regions                  []Place // tree
	Categories               []Cat   // three-level tree
	Tickets                  []SampleTicket
}

// Dept is a department: a functional bureau, a street (township) or a community.
type Dept struct {
	Name     string
	Kind     string // FUNCTIONAL, TOWNSHIP, COMMUNITY or OTHER
	Phone    string // office phone like "025-84412345"
	Children []Dept // e.g. communities under a street
}

// Place is a region node: the district, a street, a community or a grid.
type Place struct {
	Name         string
	Level        string // DISTRICT, STREET, COMMUNITY, GRID
	DivisionCode string // 6 digits: the district's code for every node
	GridNumber   string // e.g. "320102-003-07" for GRID level, "" otherwise
	Children     []Place
}

// Cat is a category node of the three-level tree.
type Cat struct {
	Name         string
	Code         string   // "01", "01.02", "01.02.03"
	Type         string   // CONSULTATION, COMPLAINT, SUGGESTION, HELP, REPORT
	DeadlineDays int      // working days: consultation 3, complaint 5, help 5, suggestion 10, report 10
	Keywords     []string // Chinese words that suggest this category
	// Department usually handles the category's tickets (by name; children
	// inherit it). Intake suggests it.
	Department string
	Children   []Cat
}

// SampleTicket is a sample complaint registered in a demo district.
type SampleTicket struct {
	Title, Body  string
	Channel      string // PHONE, LETTER, VISIT, WEB, WECHAT, GRID
	CategoryCode string // code of a level-3 category in the same district
	Department   string // name of the responsible department (at any depth of Departments)
	Place        string // place text
	RegionName   string // name of a STREET or COMMUNITY region in the same district
	Anonymous    bool
	Citizen      *SampleCitizen // nil when Anonymous
}

// SampleCitizen is the person behind a non-anonymous sample ticket, as read from an ID card.
type SampleCitizen struct {
	Name, Sex /* MALE|FEMALE */, Ethnicity, BirthDate /* YYYY-MM-DD */, Address, IDNumber, Phone string
}

// categories is the three-level category tree both demo districts use.
var categories = []Cat{
	{Name: "城乡建设", Code: "01", Department: "住建局", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"城建", "住房", "物业", "市政", "城管", "小区"}, Children: []Cat{
		{Name: "物业管理", Code: "01.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"物业", "保安", "电梯", "保洁", "物业费"}, Children: []Cat{
			{Name: "物业服务质量", Code: "01.01.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"物业服务", "保洁", "保安", "绿化", "垃圾清运", "门禁"}},
			{Name: "电梯故障", Code: "01.01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"电梯", "困人", "停运", "维保", "电梯故障"}},
			{Name: "物业收费争议", Code: "01.01.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"物业费", "停车费", "公摊", "收费标准", "涨价"}},
			{Name: "业委会及维修资金咨询", Code: "01.01.04", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"业委会", "维修资金", "业主大会", "物业选聘", "换物业"}},
		}},
		{Name: "房屋与住房保障", Code: "01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"房屋", "住房", "漏水", "保障房", "老旧小区"}, Children: []Cat{
			{Name: "房屋漏水开裂", Code: "01.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"漏水", "渗水", "墙面开裂", "屋顶", "防水"}},
			{Name: "老旧小区改造", Code: "01.02.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"老旧小区", "改造", "加装电梯", "外立面", "管网改造"}},
			{Name: "保障性住房咨询", Code: "01.02.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"公租房", "保障房", "廉租房", "租赁补贴", "申请条件"}},
		}},
		{Name: "市政设施", Code: "01.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"市政", "道路", "路灯", "下水道", "井盖"}, Children: []Cat{
			{Name: "道路破损", Code: "01.03.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"路面", "坑洼", "破损", "塌陷", "人行道", "井盖"}},
			{Name: "路灯故障", Code: "01.03.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"路灯", "不亮", "照明", "灯杆", "闪烁"}},
			{Name: "排水不畅", Code: "01.03.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"下水道", "积水", "堵塞", "窨井", "排水", "内涝"}},
		}},
		{Name: "城市管理", Code: "01.04", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"城管", "占道", "违建", "施工", "垃圾"}, Children: []Cat{
			{Name: "占道经营", Code: "01.04.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"占道", "摆摊", "流动摊贩", "夜市", "出店经营"}},
			{Name: "违章搭建", Code: "01.04.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"违建", "违章搭建", "私搭乱建", "加层", "封阳台"}},
			{Name: "施工扰民", Code: "01.04.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"施工", "夜间施工", "工地", "渣土", "打桩"}},
			{Name: "垃圾分类及清运", Code: "01.04.04", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"垃圾", "垃圾桶", "垃圾分类", "清运", "异味"}},
		}},
	}},
	{Name: "市场监管", Code: "02", Department: "市场监管局", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"市场监管", "食品", "消费", "质量", "价格"}, Children: []Cat{
		{Name: "食品安全", Code: "02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"食品", "餐馆", "卫生", "变质", "过期", "外卖"}, Children: []Cat{
			{Name: "餐饮卫生", Code: "02.01.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"餐馆", "饭店", "后厨", "卫生", "苍蝇", "老鼠"}},
			{Name: "食品安全举报", Code: "02.01.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"过期", "变质", "假冒", "无证", "黑作坊", "食品安全"}},
			{Name: "食品经营许可咨询", Code: "02.01.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"食品经营许可证", "办证", "健康证", "小餐饮", "备案"}},
		}},
		{Name: "消费维权", Code: "02.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"消费", "维权", "退货", "退费", "售后"}, Children: []Cat{
			{Name: "预付卡退费", Code: "02.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"预付卡", "办卡", "退费", "健身房", "美容", "跑路"}},
			{Name: "商品质量纠纷", Code: "02.02.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"质量", "退货", "假货", "售后", "三包", "换货"}},
			{Name: "价格违法", Code: "02.02.03", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"价格", "乱收费", "明码标价", "虚假优惠", "哄抬"}},
		}},
		{Name: "计量与特种设备", Code: "02.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"计量", "电子秤", "气瓶", "特种设备"}, Children: []Cat{
			{Name: "缺斤短两", Code: "02.03.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"缺斤短两", "电子秤", "计量", "菜市场", "短秤"}},
			{Name: "气瓶安全", Code: "02.03.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"液化气", "气瓶", "钢瓶", "充装", "煤气罐"}},
		}},
	}},
	{Name: "教育", Code: "03", Department: "教育局", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"教育", "学校", "入学", "培训", "老师"}, Children: []Cat{
		{Name: "入学招生", Code: "03.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"入学", "招生", "学区", "报名", "学位"}, Children: []Cat{
			{Name: "入学政策咨询", Code: "03.01.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"入学", "学区", "招生", "划片", "报名", "幼升小"}},
			{Name: "转学插班", Code: "03.01.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"转学", "插班", "学籍", "随迁子女", "借读"}},
		}},
		{Name: "校外培训", Code: "03.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"培训机构", "校外培训", "补课", "退费"}, Children: []Cat{
			{Name: "违规培训举报", Code: "03.02.01", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"培训机构", "补课", "学科类", "违规培训", "周末"}},
			{Name: "培训费退费", Code: "03.02.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"退费", "培训费", "课时", "机构跑路", "课时费"}},
		}},
		{Name: "学校管理", Code: "03.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"学校", "收费", "校门口", "老师", "食堂"}, Children: []Cat{
			{Name: "学校乱收费", Code: "03.03.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"收费", "资料费", "校服费", "学校收费", "补课费"}},
			{Name: "校园周边安全", Code: "03.03.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"校门口", "接送", "交通安全", "护学岗", "放学"}},
			{Name: "师德师风", Code: "03.03.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"老师", "体罚", "师德", "有偿补课", "辱骂"}},
		}},
	}},
	{Name: "劳动和社会保障", Code: "04", Department: "人社局", Type: "HELP", DeadlineDays: 5, Keywords: []string{"劳动", "工资", "社保", "医保", "就业"}, Children: []Cat{
		{Name: "劳动关系", Code: "04.01", Type: "HELP", DeadlineDays: 5, Keywords: []string{"工资", "劳动合同", "辞退", "加班", "欠薪"}, Children: []Cat{
			{Name: "拖欠工资", Code: "04.01.01", Type: "HELP", DeadlineDays: 5, Keywords: []string{"拖欠工资", "欠薪", "工钱", "农民工", "包工头", "讨薪"}},
			{Name: "劳动合同纠纷", Code: "04.01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"劳动合同", "辞退", "经济补偿", "试用期", "加班费"}},
		}},
		{Name: "社会保险", Code: "04.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"社保", "养老保险", "医保", "缴费", "报销"}, Children: []Cat{
			{Name: "社保缴纳咨询", Code: "04.02.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"社保", "养老保险", "缴费", "断缴", "补缴", "灵活就业"}},
			{Name: "医保报销咨询", Code: "04.02.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"医保", "报销", "异地就医", "门诊", "医保卡"}},
			{Name: "单位未缴社保", Code: "04.02.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"不交社保", "未缴社保", "单位", "五险一金"}},
		}},
		{Name: "就业创业", Code: "04.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"就业", "失业", "创业", "培训", "招聘"}, Children: []Cat{
			{Name: "就业服务咨询", Code: "04.03.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"就业", "招聘会", "失业登记", "职业培训", "失业金"}},
			{Name: "创业扶持咨询", Code: "04.03.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"创业", "创业补贴", "担保贷款", "创业孵化"}},
		}},
	}},
	{Name: "卫生健康", Code: "05", Department: "卫健委", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"医院", "医生", "疫苗", "诊所", "生育"}, Children: []Cat{
		{Name: "医疗服务", Code: "05.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"医院", "医生", "看病", "挂号", "收费"}, Children: []Cat{
			{Name: "医疗服务态度", Code: "05.01.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"医院", "医生", "护士", "态度", "推诿", "挂号"}},
			{Name: "医疗纠纷", Code: "05.01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"误诊", "医疗事故", "手术", "赔偿", "病历"}},
		}},
		{Name: "公共卫生", Code: "05.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"疫苗", "接种", "卫生", "诊所", "行医"}, Children: []Cat{
			{Name: "疫苗接种咨询", Code: "05.02.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"疫苗", "接种", "预防针", "社区卫生服务中心", "预约"}},
			{Name: "非法行医举报", Code: "05.02.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"黑诊所", "非法行医", "无证行医", "牙科", "医美"}},
		}},
		{Name: "生育与托育", Code: "05.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"生育", "托育", "育儿", "婴幼儿"}, Children: []Cat{
			{Name: "生育政策咨询", Code: "05.03.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"生育", "生育登记", "育儿补贴", "生育津贴", "三孩"}},
			{Name: "托育服务", Code: "05.03.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"托育", "托儿所", "婴幼儿", "普惠托育", "托班"}},
		}},
	}},
	{Name: "生态环境", Code: "06", Department: "生态环境局", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"环境", "污染", "噪音", "油烟", "河道"}, Children: []Cat{
		{Name: "大气污染", Code: "06.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"油烟", "扬尘", "废气", "异味", "烧烤"}, Children: []Cat{
			{Name: "餐饮油烟", Code: "06.01.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"油烟", "烧烤", "排烟", "火锅", "餐饮油烟", "异味"}},
			{Name: "扬尘污染", Code: "06.01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"扬尘", "灰尘", "渣土车", "未覆盖", "裸土"}},
		}},
		{Name: "噪声污染", Code: "06.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"噪音", "噪声", "扰民", "吵闹"}, Children: []Cat{
			{Name: "噪音扰民", Code: "06.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"噪音", "扰民", "广场舞", "装修", "音响", "酒吧", "深夜"}},
			{Name: "设备噪声", Code: "06.02.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"机器", "设备噪声", "风机", "空调外机", "冷却塔"}},
		}},
		{Name: "水污染", Code: "06.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"河道", "污水", "排污", "水质"}, Children: []Cat{
			{Name: "河道污染", Code: "06.03.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"河道", "黑臭", "死鱼", "水质", "漂浮物"}},
			{Name: "偷排污水", Code: "06.03.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"偷排", "暗管", "污水", "排污口", "洗车"}},
		}},
	}},
	{Name: "交通运输", Code: "07", Department: "交通运输局", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"交通", "公交", "出租车", "停车", "道路"}, Children: []Cat{
		{Name: "公共交通", Code: "07.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"公交", "地铁", "线路", "站点", "班次"}, Children: []Cat{
			{Name: "公交线路建议", Code: "07.01.01", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"公交", "线路", "站点", "班次", "首末班"}},
			{Name: "公交服务投诉", Code: "07.01.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"公交车", "司机", "甩站", "急刹", "态度"}},
		}},
		{Name: "出租车与网约车", Code: "07.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"出租车", "网约车", "拒载", "绕路", "黑车"}, Children: []Cat{
			{Name: "出租车拒载绕路", Code: "07.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"出租车", "拒载", "绕路", "议价", "不打表"}},
			{Name: "非法营运举报", Code: "07.02.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"黑车", "非法营运", "摩的", "拉客"}},
		}},
		{Name: "停车管理", Code: "07.03", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"停车", "违停", "停车场", "停车费"}, Children: []Cat{
			{Name: "乱停乱放", Code: "07.03.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"乱停", "违停", "堵门", "共享单车", "占用车位"}},
			{Name: "停车收费咨询", Code: "07.03.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"停车费", "收费标准", "停车场", "咪表", "包月"}},
		}},
	}},
	{Name: "公共安全", Code: "08", Department: "公安分局", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"治安", "消防", "诈骗", "户口", "身份证"}, Children: []Cat{
		{Name: "治安管理", Code: "08.01", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"治安", "盗窃", "赌博", "诈骗", "打架"}, Children: []Cat{
			{Name: "治安隐患", Code: "08.01.01", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"赌博", "打架", "可疑人员", "盗窃", "聚集"}},
			{Name: "电信诈骗求助", Code: "08.01.02", Type: "HELP", DeadlineDays: 5, Keywords: []string{"诈骗", "电信诈骗", "转账", "被骗", "刷单"}},
		}},
		{Name: "消防安全", Code: "08.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"消防", "火灾", "消防通道", "电动车"}, Children: []Cat{
			{Name: "消防通道堵塞", Code: "08.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"消防通道", "堵塞", "杂物", "楼道", "安全出口"}},
			{Name: "电动车违规充电", Code: "08.02.02", Type: "REPORT", DeadlineDays: 10, Keywords: []string{"电动车", "飞线充电", "楼道充电", "电瓶", "充电桩"}},
		}},
		{Name: "户籍证件", Code: "08.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"户口", "户籍", "身份证", "居住证"}, Children: []Cat{
			{Name: "户籍办理咨询", Code: "08.03.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"户口", "落户", "迁移", "户籍", "居住证"}},
			{Name: "身份证办理咨询", Code: "08.03.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"身份证", "补办", "换证", "临时身份证", "挂失"}},
		}},
	}},
	{Name: "民政", Code: "09", Department: "民政局", Type: "HELP", DeadlineDays: 5, Keywords: []string{"民政", "低保", "救助", "养老", "殡葬"}, Children: []Cat{
		{Name: "社会救助", Code: "09.01", Type: "HELP", DeadlineDays: 5, Keywords: []string{"低保", "救助", "困难", "特困", "临时救助"}, Children: []Cat{
			{Name: "低保申请", Code: "09.01.01", Type: "HELP", DeadlineDays: 5, Keywords: []string{"低保", "困难", "救助", "生活困难", "特困"}},
			{Name: "临时救助", Code: "09.01.02", Type: "HELP", DeadlineDays: 5, Keywords: []string{"临时救助", "急难", "大病", "突发困难"}},
		}},
		{Name: "养老服务", Code: "09.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"养老", "老人", "养老院", "助餐", "高龄"}, Children: []Cat{
			{Name: "养老机构投诉", Code: "09.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"养老院", "护理", "老人", "养老机构", "护工"}},
			{Name: "居家养老与助餐", Code: "09.02.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"助餐", "老年食堂", "居家养老", "适老化", "助浴"}},
			{Name: "高龄津贴咨询", Code: "09.02.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"高龄津贴", "尊老金", "高龄补贴", "八十岁", "老年证"}},
		}},
		{Name: "社区事务", Code: "09.03", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"社区", "居委会", "殡葬", "便民"}, Children: []Cat{
			{Name: "社区服务", Code: "09.03.01", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"社区", "居委会", "活动室", "便民服务", "志愿者"}},
			{Name: "殡葬管理咨询", Code: "09.03.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"殡葬", "墓地", "骨灰", "丧葬补助", "公墓"}},
		}},
	}},
	{Name: "政务服务", Code: "10", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"办事", "窗口", "审批", "证明", "营商环境"}, Children: []Cat{
		{Name: "办事咨询", Code: "10.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"办事", "流程", "材料", "窗口", "证明"}, Children: []Cat{
			{Name: "办事流程咨询", Code: "10.01.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"办事", "流程", "材料", "窗口", "一网通办", "预约"}},
			{Name: "证明开具咨询", Code: "10.01.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"证明", "开证明", "无犯罪记录", "居住证明", "社区证明"}},
		}},
		{Name: "服务效能", Code: "10.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"工作人员", "态度", "推诿", "效率"}, Children: []Cat{
			{Name: "工作作风", Code: "10.02.01", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"态度", "推诿", "不作为", "工作人员", "踢皮球"}},
			{Name: "政务服务建议", Code: "10.02.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"建议", "优化", "网上办理", "预约", "简化材料"}},
		}},
		{Name: "惠企服务", Code: "10.03", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"企业", "营商环境", "扶持", "审批"}, Children: []Cat{
			{Name: "企业扶持政策咨询", Code: "10.03.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"企业", "扶持", "补贴", "税收优惠", "营业执照"}},
			{Name: "营商环境投诉", Code: "10.03.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"营商环境", "刁难", "审批", "拖延", "吃拿卡要"}},
		}},
	}},
	{Name: "其他", Code: "11", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"其他", "建议", "表扬", "咨询"}, Children: []Cat{
		{Name: "意见建议", Code: "11.01", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"建议", "意见", "规划", "表扬"}, Children: []Cat{
			{Name: "城市发展建议", Code: "11.01.01", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"建议", "规划", "城市发展", "公园", "绿地"}},
			{Name: "表扬感谢", Code: "11.01.02", Type: "SUGGESTION", DeadlineDays: 10, Keywords: []string{"表扬", "感谢", "锦旗", "点赞", "好人好事"}},
		}},
		{Name: "其他诉求", Code: "11.02", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"其他", "咨询", "投诉", "反映"}, Children: []Cat{
			{Name: "其他咨询", Code: "11.02.01", Type: "CONSULTATION", DeadlineDays: 3, Keywords: []string{"咨询", "了解", "请问", "怎么办"}},
			{Name: "其他投诉", Code: "11.02.02", Type: "COMPLAINT", DeadlineDays: 5, Keywords: []string{"投诉", "反映", "不满", "问题"}},
		}},
	}},
}

// Citizens who complain more than once (重复件).
var (
	citizenChenZhiqiang = &SampleCitizen{
		Name: "陈志强", Sex: "MALE", Ethnicity: "汉", BirthDate: "1976-11-23",
		Address:  "江苏省南京市秦淮区大光路88号6幢302室",
		IDNumber: "320104197611230575", Phone: "13914786521",
	}
	citizenMaDeming = &SampleCitizen{
		Name: "马德明", Sex: "MALE", Ethnicity: "回", BirthDate: "1971-05-19",
		Address:  "安徽省滁州市南谯区乌衣镇乌衣村王庄组18号",
		IDNumber: "341103197105192738", Phone: "18955038164",
	}
	citizenSunLihua = &SampleCitizen{
		Name: "孙丽华", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1965-08-26",
		Address:  "江苏省南京市玄武区大悲巷21号3幢602室",
		IDNumber: "320102196508260461", Phone: "13770618452",
	}
	citizenYangXue = &SampleCitizen{
		Name: "杨雪", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1992-09-14",
		Address:  "四川省成都市武侯区玉林北路17号3栋1单元602号",
		IDNumber: "51010719920914068X", Phone: "15928614037",
	}
	citizenHeXiaodong = &SampleCitizen{
		Name: "何晓东", Sex: "MALE", Ethnicity: "汉", BirthDate: "1984-07-30",
		Address:  "四川省成都市武侯区佳灵路3号6栋1单元1602号",
		IDNumber: "510107198407302753", Phone: "15882176340",
	}
	citizenJikeWuxia = &SampleCitizen{
		Name: "吉克伍呷", Sex: "MALE", Ethnicity: "彝", BirthDate: "1990-06-06",
		Address:  "四川省昭觉县竹核乡木渣洛村3组12号",
		IDNumber: "513431199006063118", Phone: "18282416035",
	}
)

// Districts holds the content of the demo tenants demo-a and demo-b.
var Districts = []District{
	{
		Code: "demo-a", Name: "玄武区", DivisionCode: "320102",
		Departments: []Dept{
			{Name: "住建局", Kind: "FUNCTIONAL", Phone: "025-84412345"},
			{Name: "城管局", Kind: "FUNCTIONAL", Phone: "025-84416730"},
			{Name: "市场监管局", Kind: "FUNCTIONAL", Phone: "025-84420561"},
			{Name: "教育局", Kind: "FUNCTIONAL", Phone: "025-84436218"},
			{Name: "人社局", Kind: "FUNCTIONAL", Phone: "025-84452097"},
			{Name: "卫健委", Kind: "FUNCTIONAL", Phone: "025-84418842"},
			{Name: "生态环境局", Kind: "FUNCTIONAL", Phone: "025-84461375"},
			{Name: "交通运输局", Kind: "FUNCTIONAL", Phone: "025-84473906"},
			{Name: "公安分局", Kind: "FUNCTIONAL", Phone: "025-84480110"},
			{Name: "民政局", Kind: "FUNCTIONAL", Phone: "025-84495263"},
			{Name: "政务服务办", Kind: "OTHER", Phone: "025-84401234"},
			{Name: "新街口街道", Kind: "TOWNSHIP", Phone: "025-84701326", Children: []Dept{
				{Name: "丹凤街社区", Kind: "COMMUNITY", Phone: "025-84702218"},
				{Name: "估衣廊社区", Kind: "COMMUNITY", Phone: "025-84703395"},
			}},
			{Name: "梅园新村街道", Kind: "TOWNSHIP", Phone: "025-84511036", Children: []Dept{
				{Name: "大悲巷社区", Kind: "COMMUNITY", Phone: "025-84512647"},
				{Name: "兰园社区", Kind: "COMMUNITY", Phone: "025-84513790"},
			}},
			{Name: "玄武门街道", Kind: "TOWNSHIP", Phone: "025-83351207", Children: []Dept{
				{Name: "百子亭社区", Kind: "COMMUNITY", Phone: "025-83352681"},
				{Name: "台城社区", Kind: "COMMUNITY", Phone: "025-83354026"},
			}},
			{Name: "锁金村街道", Kind: "TOWNSHIP", Phone: "025-85401863", Children: []Dept{
				{Name: "锁金新村社区", Kind: "COMMUNITY", Phone: "025-85402579"},
				{Name: "樱铁村社区", Kind: "COMMUNITY", Phone: "025-85403148"},
			}},
			{Name: "孝陵卫街道", Kind: "TOWNSHIP", Phone: "025-84321590", Children: []Dept{
				{Name: "卫岗社区", Kind: "COMMUNITY", Phone: "025-84322764"},
				{Name: "钟灵街社区", Kind: "COMMUNITY", Phone: "025-84323815"},
			}},
		},
		Regions: []Place{
			{Name: "玄武区", Level: "DISTRICT", DivisionCode: "320102", Children: []Place{
				{Name: "新街口街道", Level: "STREET", DivisionCode: "320102", Children: []Place{
					{Name: "丹凤街社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-001-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-001-02"},
					}},
					{Name: "估衣廊社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-001-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-001-04"},
					}},
				}},
				{Name: "梅园新村街道", Level: "STREET", DivisionCode: "320102", Children: []Place{
					{Name: "大悲巷社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-002-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-002-02"},
					}},
					{Name: "兰园社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-002-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-002-04"},
					}},
				}},
				{Name: "玄武门街道", Level: "STREET", DivisionCode: "320102", Children: []Place{
					{Name: "百子亭社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-003-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-003-02"},
					}},
					{Name: "台城社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-003-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-003-04"},
					}},
				}},
				{Name: "锁金村街道", Level: "STREET", DivisionCode: "320102", Children: []Place{
					{Name: "锁金新村社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-004-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-004-02"},
					}},
					{Name: "樱铁村社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-004-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-004-04"},
					}},
				}},
				{Name: "孝陵卫街道", Level: "STREET", DivisionCode: "320102", Children: []Place{
					{Name: "卫岗社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-005-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-005-02"},
					}},
					{Name: "钟灵街社区", Level: "COMMUNITY", DivisionCode: "320102", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-005-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "320102", GridNumber: "320102-005-04"},
					}},
				}},
			}},
		},
		Categories: categories,
		Tickets: []SampleTicket{
			{
				Title:   "锁金新村12栋电梯一个月坏三次",
				Body:    "我住在锁金新村12栋，楼里的电梯这个月已经坏了三次，上周六还把一位七十多岁的老人困在里面四十多分钟。物业只说在等配件，一直没有彻底修好，也没有贴出维修通知。楼里老年人多，爬楼很困难，请督促物业和维保单位尽快修好并排查隐患。联系电话13851726408。",
				Channel: "PHONE", CategoryCode: "01.01.02", Department: "住建局",
				Place: "玄武区锁金新村12栋", RegionName: "锁金新村社区",
				Citizen: &SampleCitizen{
					Name: "王建国", Sex: "MALE", Ethnicity: "汉", BirthDate: "1958-04-17",
					Address:  "江苏省南京市玄武区锁金新村12栋3单元402室",
					IDNumber: "320102195804170319", Phone: "13851726408",
				},
			},
			{
				Title:   "丹凤街夜间流动摊贩占道经营",
				Body:    "丹凤街与珠江路交叉口往北一段，每天晚上七点以后有十几个流动摊贩占用人行道卖烧烤、水果，行人只能走到机动车道上。摊贩收摊后垃圾满地，污水直接倒进路边雨水口。希望城管部门加强巡查，规范经营秩序。",
				Channel: "WECHAT", CategoryCode: "01.04.01", Department: "城管局",
				Place: "丹凤街与珠江路交叉口北侧人行道", RegionName: "丹凤街社区",
				Citizen: &SampleCitizen{
					Name: "李秀兰", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1967-09-02",
					Address:  "江苏省南京市玄武区丹凤街47号2幢501室",
					IDNumber: "320102196709021248", Phone: "15951893270",
				},
			},
			{
				Title:   "北京东路工地夜间施工噪音扰民",
				Body:    "北京东路与太平北路交叉口东侧的在建工地，最近一周每天夜里十一点以后还在打桩、运渣土，噪音很大，附近居民整夜睡不好。我们问过门卫，说没有夜间施工许可。请有关部门查处，夜间停止施工。",
				Channel: "PHONE", CategoryCode: "01.04.03", Department: "城管局",
				Place: "北京东路与太平北路交叉口东侧在建工地", RegionName: "玄武门街道",
				Citizen: citizenChenZhiqiang,
			},
			{
				Title:   "再次反映北京东路工地夜间施工",
				Body:    "上周我已经通过12345反映过北京东路与太平北路交叉口东侧工地夜间施工的问题，当时说会处理，但这几天夜里十二点以后渣土车还在进出，噪音比之前还大。请有关部门不要只是打电话了事，派人晚上来现场看一看。我的电话13914786521。",
				Channel: "WEB", CategoryCode: "01.04.03", Department: "城管局",
				Place: "北京东路与太平北路交叉口东侧在建工地", RegionName: "玄武门街道",
				Citizen: citizenChenZhiqiang,
			},
			{
				Title:   "建议兰园小区老楼加装电梯",
				Body:    "我们兰园5号是上世纪八十年代建的六层老楼，住户大多是退休老人，上下楼非常吃力。楼里已有三分之二的住户同意加装电梯，但不清楚申请流程和补贴政策，也不知道一楼住户有意见怎么协调。建议街道和住建部门上门指导，把我们小区纳入老旧小区改造计划。",
				Channel: "LETTER", CategoryCode: "01.02.02", Department: "住建局",
				Place: "玄武区兰园5号", RegionName: "兰园社区",
				Citizen: &SampleCitizen{
					Name: "周桂芳", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1952-03-08",
					Address:  "江苏省南京市玄武区兰园5号1幢201室",
					IDNumber: "320102195203081628", Phone: "13605189472",
				},
			},
			{
				Title:   "台城花园门口一排路灯不亮",
				Body:    "网格员巡查时居民反映，台城花园南门外的小路有五盏路灯已经半个多月不亮，晚上一片漆黑，老人和孩子出门容易摔倒，也不安全。请尽快安排维修。",
				Channel: "GRID", CategoryCode: "01.03.02", Department: "城管局",
				Place: "台城花园南门外小路", RegionName: "台城社区",
				Citizen: &SampleCitizen{
					Name: "钱永庆", Sex: "MALE", Ethnicity: "汉", BirthDate: "1955-12-12",
					Address:  "江苏省南京市玄武区台城花园8幢204室",
					IDNumber: "320102195512120758", Phone: "13327801496",
				},
			},
			{
				Title:   "估衣廊一家面馆后厨卫生脏乱",
				Body:    "估衣廊附近一家面馆后厨很脏，我从后门经过看到地上有积水和垃圾，墙上爬着蟑螂，切菜的案板也不干净。店里的员工好像没有健康证。希望市场监管部门突击检查。",
				Channel: "WEB", CategoryCode: "02.01.01", Department: "市场监管局",
				Place: "玄武区估衣廊附近一家面馆", RegionName: "估衣廊社区",
				Anonymous: true,
			},
			{
				Title:   "新街口健身房关门不退预付卡费用",
				Body:    "我去年在新街口一家健身房办了两年的年卡，交了3980元，上个月门店突然贴出装修通知后就一直没开门，电话也打不通。和我一样办卡的会员有一百多人，群里都在问怎么退钱。请市场监管部门帮助我们追回费用。",
				Channel: "PHONE", CategoryCode: "02.02.01", Department: "市场监管局",
				Place: "新街口中山路一带某健身房", RegionName: "新街口街道",
				Citizen: &SampleCitizen{
					Name: "张婷", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1994-06-15",
					Address:  "江苏省南京市鼓楼区云南路31号2幢603室",
					IDNumber: "320106199406152848", Phone: "18851937206",
				},
			},
			{
				Title:   "咨询孩子明年上小学的学区划分",
				Body:    "我家住在大悲巷，孩子明年九月上小学。想咨询今年的学区划片有没有变化，房产证和户口满几年才能就读对口学校，报名需要准备哪些材料，什么时候开始网上登记。",
				Channel: "PHONE", CategoryCode: "03.01.01", Department: "教育局",
				Place: "玄武区大悲巷", RegionName: "梅园新村街道",
				Citizen: &SampleCitizen{
					Name: "刘洋", Sex: "MALE", Ethnicity: "汉", BirthDate: "1988-12-30",
					Address:  "江苏省南京市玄武区大悲巷9号4幢103室",
					IDNumber: "320102198812302151", Phone: "15850627319",
				},
			},
			{
				Title:   "百子亭附近培训机构周末违规补课",
				Body:    "百子亭附近一栋写字楼五楼有家培训机构，对外说是兴趣班，实际上每周六周日给初中生上数学、英语课，一个班三十多人，收费很高。听说学科类培训不允许周末开课，请教育部门查一查。",
				Channel: "WEB", CategoryCode: "03.02.01", Department: "教育局",
				Place: "百子亭附近某写字楼五楼", RegionName: "百子亭社区",
				Anonymous: true,
			},
			{
				Title:   "孝陵卫工地拖欠十二名工人工资",
				Body:    "我们十二个人去年九月到今年一月在孝陵卫一处装修工地干活，包工头一共欠我们八万六千元工钱，一直说开发商没给钱，现在电话也不接了。我们都是外地来的，快过年了要回家，请人社部门帮我们讨回工资。联系电话18955038164。",
				Channel: "VISIT", CategoryCode: "04.01.01", Department: "人社局",
				Place: "孝陵卫街道某装修工地", RegionName: "孝陵卫街道",
				Citizen: citizenMaDeming,
			},
			{
				Title:   "再次反映孝陵卫工地欠薪未解决",
				Body:    "我前些天到区里来访反映过孝陵卫工地拖欠我们十二个人工资的事，劳动监察的同志说会约谈总包单位，可到现在一分钱也没拿到。工友们已经没钱交房租了，请尽快给我们一个答复。",
				Channel: "PHONE", CategoryCode: "04.01.01", Department: "人社局",
				Place: "孝陵卫街道某装修工地", RegionName: "孝陵卫街道",
				Citizen: citizenMaDeming,
			},
			{
				Title:   "咨询社保断缴后如何补缴",
				Body:    "我之前的单位去年倒闭，社保从去年五月开始断缴，现在想以灵活就业人员身份继续缴养老保险。想咨询断缴期间能不能补缴，需要到哪里办理，每月最低缴多少钱。",
				Channel: "PHONE", CategoryCode: "04.02.01", Department: "人社局",
				Place: "玄武区百子亭", RegionName: "百子亭社区",
				Citizen: &SampleCitizen{
					Name: "杨帆", Sex: "MALE", Ethnicity: "汉", BirthDate: "1985-04-09",
					Address:  "江苏省南京市玄武区百子亭22号5幢506室",
					IDNumber: "320102198504091372", Phone: "13770952816",
				},
			},
			{
				Title:   "卫岗社区卫生服务中心疫苗难预约",
				Body:    "我想给孩子在卫岗社区卫生服务中心预约打流感疫苗，小程序上连续两周都显示约满，打电话一直占线。请问还有没有其他途径预约，附近哪家接种点可以打，需要带哪些证件。",
				Channel: "WECHAT", CategoryCode: "05.02.01", Department: "卫健委",
				Place: "卫岗社区卫生服务中心", RegionName: "卫岗社区",
				Citizen: &SampleCitizen{
					Name: "赵敏", Sex: "FEMALE", Ethnicity: "满", BirthDate: "1983-02-11",
					Address:  "江苏省南京市栖霞区和燕路251号3幢202室",
					IDNumber: "320113198302113288", Phone: "19952076831",
				},
			},
			{
				Title:   "大悲巷烧烤店油烟直排居民楼",
				Body:    "大悲巷21号楼下新开了一家烧烤店，排烟管道直接对着二楼、三楼的窗户，每天下午四点到夜里一点油烟不断，家里窗户都不敢开，衣服也没法晒。请环保部门督促安装油烟净化设施。",
				Channel: "WECHAT", CategoryCode: "06.01.01", Department: "生态环境局",
				Place: "大悲巷21号楼下烧烤店", RegionName: "大悲巷社区",
				Citizen: citizenSunLihua,
			},
			{
				Title:   "烧烤店油烟问题反映后仍未整改",
				Body:    "我上个月反映过大悲巷21号楼下烧烤店油烟直排的问题，店家只是把管子往上接了一段，油烟照样往楼上飘。请街道牵头组织环保和城管一起现场查看，彻底解决。电话13770618452。",
				Channel: "PHONE", CategoryCode: "06.01.01", Department: "梅园新村街道",
				Place: "大悲巷21号楼下烧烤店", RegionName: "大悲巷社区",
				Citizen: citizenSunLihua,
			},
			{
				Title:   "樱铁村广场舞音响声音太大",
				Body:    "樱铁村小区中心广场每天晚上七点到九点半有人跳广场舞，音响开得很大，隔着关紧的窗户都能听得很清楚。家里有高三学生要复习，希望社区协调把音量调小，九点前结束。",
				Channel: "PHONE", CategoryCode: "06.02.01", Department: "锁金村街道",
				Place: "樱铁村小区中心广场", RegionName: "樱铁村社区",
				Citizen: &SampleCitizen{
					Name: "沈佳怡", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1997-10-08",
					Address:  "江苏省南京市玄武区樱铁村18幢405室",
					IDNumber: "320102199710082623", Phone: "18205176934",
				},
			},
			{
				Title:   "钟灵街附近小河发黑发臭",
				Body:    "网格员巡查发现钟灵街附近的一条小河最近水面发黑，有死鱼和塑料垃圾漂浮，气味很大，附近居民也反映好几天了。怀疑上游有污水排入，请环保部门取样检测并查找污染源。",
				Channel: "GRID", CategoryCode: "06.03.01", Department: "生态环境局",
				Place: "钟灵街附近河道", RegionName: "钟灵街社区",
				Citizen: &SampleCitizen{
					Name: "吴海涛", Sex: "MALE", Ethnicity: "汉", BirthDate: "1979-07-04",
					Address:  "江苏省南京市玄武区钟灵街56号2幢401室",
					IDNumber: "320102197907040110", Phone: "15189651273",
				},
			},
			{
				Title:   "建议增开孝陵卫到新街口的早班公交",
				Body:    "孝陵卫一带住了很多在新街口上班的年轻人，早高峰的公交车很挤，经常要等两三班才能上车。建议在早上七点到八点半之间增加班次，或者开通一条孝陵卫到新街口的高峰快线。",
				Channel: "WEB", CategoryCode: "07.01.01", Department: "交通运输局",
				Place: "孝陵卫公交站", RegionName: "孝陵卫街道",
				Citizen: &SampleCitizen{
					Name: "徐卫东", Sex: "MALE", Ethnicity: "汉", BirthDate: "1962-10-01",
					Address:  "江苏省南京市玄武区孝陵卫街200号7幢305室",
					IDNumber: "320102196210010937", Phone: "13813972046",
				},
			},
			{
				Title:   "新街口出租车拒载短途乘客",
				Body:    "昨晚九点左右我在新街口德基广场门口打车去丹凤街，连续三辆出租车司机听说是短途都不愿意拉，其中一辆车牌尾号是387。这种情况在新街口很常见，请交通运输部门加强管理。",
				Channel: "PHONE", CategoryCode: "07.02.01", Department: "交通运输局",
				Place: "新街口德基广场门口", RegionName: "新街口街道",
				Citizen: &SampleCitizen{
					Name: "黄晓燕", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1990-01-20",
					Address:  "江苏省南京市秦淮区中华路166号4幢301室",
					IDNumber: "320104199001202269", Phone: "18761925083",
				},
			},
			{
				Title:   "台城花园楼道电动车飞线充电",
				Body:    "网格员巡查时发现并经居民反映，台城花园3幢一楼楼道里长期停着五六辆电动车，有住户从二楼窗户拉电线下来充电，晚上整夜不断电。楼道是唯一的逃生通道，存在很大的火灾隐患，请社区尽快组织清理。",
				Channel: "GRID", CategoryCode: "08.02.02", Department: "台城社区",
				Place: "台城花园3幢一楼楼道", RegionName: "台城社区",
				Citizen: &SampleCitizen{
					Name: "郭玉梅", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1951-07-07",
					Address:  "江苏省南京市玄武区台城花园3幢301室",
					IDNumber: "320102195107070486", Phone: "13951603827",
				},
			},
			{
				Title:   "网上兼职刷单被骗求助",
				Body:    "我前天在手机上看到一个兼职刷单的广告，按对方要求先后转账了6800元，做完任务后对方说操作失误要继续充值才能提现，我才发现被骗了。我已经保存了聊天记录和转账截图，请问应该到哪个派出所报案，钱还能追回来吗。",
				Channel: "PHONE", CategoryCode: "08.01.02", Department: "公安分局",
				Place: "玄武区估衣廊", RegionName: "估衣廊社区",
				Citizen: &SampleCitizen{
					Name: "朱浩然", Sex: "MALE", Ethnicity: "汉", BirthDate: "2001-03-14",
					Address:  "江苏省南京市玄武区珠江路696号2幢1103室",
					IDNumber: "320102200103141535", Phone: "19851760392",
				},
			},
			{
				Title:   "家庭生活困难申请低保",
				Body:    "我今年六十多岁，老伴去年去世，儿子有残疾不能工作，家里只靠我每月一千多元的退休金生活，还要给儿子看病买药。想申请最低生活保障，请问需要准备哪些材料，在社区还是街道办理。",
				Channel: "VISIT", CategoryCode: "09.01.01", Department: "民政局",
				Place: "玄武区兰园18号", RegionName: "兰园社区",
				Citizen: &SampleCitizen{
					Name: "韩秀英", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1960-02-29",
					Address:  "江苏省南京市玄武区兰园18号1幢101室",
					IDNumber: "320102196002290647", Phone: "15312986047",
				},
			},
			{
				Title:   "建议在大悲巷附近开设老年助餐点",
				Body:    "大悲巷一带独居老人很多，很多人做饭不方便，只能天天吃面条。附近最近的老年食堂要走二十多分钟。建议街道在大悲巷附近开一个助餐点，或者和周边餐馆合作给老人送餐，价格实惠一些。",
				Channel: "LETTER", CategoryCode: "09.02.02", Department: "梅园新村街道",
				Place: "玄武区大悲巷", RegionName: "大悲巷社区",
				Citizen: &SampleCitizen{
					Name: "蒋国华", Sex: "MALE", Ethnicity: "汉", BirthDate: "1950-05-21",
					Address:  "江苏省南京市玄武区大悲巷33号2幢203室",
					IDNumber: "320102195005210193", Phone: "13057613208",
				},
			},
			{
				Title:   "办理营业执照变更被多次要求补材料",
				Body:    "我为公司办理营业执照地址变更，先后跑了三趟政务服务中心，每次窗口工作人员都说材料不全，但一次只说一样，也不给书面清单。希望规范一次性告知制度，不要让办事群众来回跑。",
				Channel: "WEB", CategoryCode: "10.02.01", Department: "政务服务办",
				Place: "玄武区政务服务中心", RegionName: "新街口街道",
				Anonymous: true,
			},
		},
	},
	{
		Code: "demo-b", Name: "武侯区", DivisionCode: "510107",
		Departments: []Dept{
			{Name: "住建局", Kind: "FUNCTIONAL", Phone: "028-85512345"},
			{Name: "城管局", Kind: "FUNCTIONAL", Phone: "028-85516702"},
			{Name: "市场监管局", Kind: "FUNCTIONAL", Phone: "028-85520486"},
			{Name: "教育局", Kind: "FUNCTIONAL", Phone: "028-85537119"},
			{Name: "人社局", Kind: "FUNCTIONAL", Phone: "028-85542863"},
			{Name: "卫健委", Kind: "FUNCTIONAL", Phone: "028-85558240"},
			{Name: "生态环境局", Kind: "FUNCTIONAL", Phone: "028-85563971"},
			{Name: "交通运输局", Kind: "FUNCTIONAL", Phone: "028-85570628"},
			{Name: "公安分局", Kind: "FUNCTIONAL", Phone: "028-85581110"},
			{Name: "民政局", Kind: "FUNCTIONAL", Phone: "028-85594357"},
			{Name: "政务服务办", Kind: "OTHER", Phone: "028-85501234"},
			{Name: "浆洗街街道", Kind: "TOWNSHIP", Phone: "028-85561032", Children: []Dept{
				{Name: "洗面桥社区", Kind: "COMMUNITY", Phone: "028-85562417"},
				{Name: "锦里社区", Kind: "COMMUNITY", Phone: "028-85563586"},
			}},
			{Name: "玉林街道", Kind: "TOWNSHIP", Phone: "028-85571296", Children: []Dept{
				{Name: "玉林北路社区", Kind: "COMMUNITY", Phone: "028-85572840"},
				{Name: "黉门街社区", Kind: "COMMUNITY", Phone: "028-85573615"},
			}},
			{Name: "望江路街道", Kind: "TOWNSHIP", Phone: "028-85411728", Children: []Dept{
				{Name: "望江楼社区", Kind: "COMMUNITY", Phone: "028-85412053"},
				{Name: "磨子桥社区", Kind: "COMMUNITY", Phone: "028-85413962"},
			}},
			{Name: "红牌楼街道", Kind: "TOWNSHIP", Phone: "028-85031845", Children: []Dept{
				{Name: "红牌楼社区", Kind: "COMMUNITY", Phone: "028-85032716"},
				{Name: "佳灵路社区", Kind: "COMMUNITY", Phone: "028-85033408"},
			}},
			{Name: "簇桥街道", Kind: "TOWNSHIP", Phone: "028-85371062", Children: []Dept{
				{Name: "簇锦社区", Kind: "COMMUNITY", Phone: "028-85372591"},
				{Name: "高碑社区", Kind: "COMMUNITY", Phone: "028-85373847"},
			}},
		},
		Regions: []Place{
			{Name: "武侯区", Level: "DISTRICT", DivisionCode: "510107", Children: []Place{
				{Name: "浆洗街街道", Level: "STREET", DivisionCode: "510107", Children: []Place{
					{Name: "洗面桥社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-001-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-001-02"},
					}},
					{Name: "锦里社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-001-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-001-04"},
					}},
				}},
				{Name: "玉林街道", Level: "STREET", DivisionCode: "510107", Children: []Place{
					{Name: "玉林北路社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-002-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-002-02"},
					}},
					{Name: "黉门街社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-002-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-002-04"},
					}},
				}},
				{Name: "望江路街道", Level: "STREET", DivisionCode: "510107", Children: []Place{
					{Name: "望江楼社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-003-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-003-02"},
					}},
					{Name: "磨子桥社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-003-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-003-04"},
					}},
				}},
				{Name: "红牌楼街道", Level: "STREET", DivisionCode: "510107", Children: []Place{
					{Name: "红牌楼社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-004-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-004-02"},
					}},
					{Name: "佳灵路社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-004-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-004-04"},
					}},
				}},
				{Name: "簇桥街道", Level: "STREET", DivisionCode: "510107", Children: []Place{
					{Name: "簇锦社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-005-01"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-005-02"},
					}},
					{Name: "高碑社区", Level: "COMMUNITY", DivisionCode: "510107", Children: []Place{
						{Name: "第1网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-005-03"},
						{Name: "第2网格", Level: "GRID", DivisionCode: "510107", GridNumber: "510107-005-04"},
					}},
				}},
			}},
		},
		Categories: categories,
		Tickets: []SampleTicket{
			{
				Title:   "红牌楼小区物业费突然上涨三成",
				Body:    "我们红牌楼路9号小区的物业公司上个月贴出通知，物业费从每平方米1.5元涨到1.98元，没有开业主大会，也没有公示收支情况。小区电梯、绿化这几年都没怎么维护，业主意见很大。请有关部门核查涨价是否合规。联系电话13808016472。",
				Channel: "PHONE", CategoryCode: "01.01.03", Department: "住建局",
				Place: "武侯区红牌楼路9号小区", RegionName: "红牌楼社区",
				Citizen: &SampleCitizen{
					Name: "刘志华", Sex: "MALE", Ethnicity: "汉", BirthDate: "1969-03-12",
					Address:  "四川省成都市武侯区红牌楼路9号5栋2单元301号",
					IDNumber: "51010719690312351X", Phone: "13808016472",
				},
			},
			{
				Title:   "玉林北路老楼顶层漏水",
				Body:    "我家住玉林北路17号顶楼，这段时间一下雨屋顶就漏水，卧室天花板大面积发霉，墙皮一块块往下掉。找过物业，物业说屋面防水要用维修资金，要业主签字，拖了两个月也没结果。请帮忙协调维修。",
				Channel: "WECHAT", CategoryCode: "01.02.01", Department: "住建局",
				Place: "玉林北路17号3栋顶楼", RegionName: "玉林北路社区",
				Citizen: &SampleCitizen{
					Name: "王淑芬", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1957-11-05",
					Address:  "四川省成都市武侯区玉林北路17号3栋1单元602号",
					IDNumber: "510107195711051828", Phone: "13608035291",
				},
			},
			{
				Title:   "洗面桥街人行道地砖破损",
				Body:    "网格员巡查发现洗面桥街靠近武侯祠大街一段人行道地砖松动破损，有十几米长，下雨后积水溅人，已经有老人在这里绊倒。请尽快修补。",
				Channel: "GRID", CategoryCode: "01.03.01", Department: "城管局",
				Place: "洗面桥街近武侯祠大街段人行道", RegionName: "洗面桥社区",
				Citizen: &SampleCitizen{
					Name: "罗建军", Sex: "MALE", Ethnicity: "汉", BirthDate: "1973-08-19",
					Address:  "四川省成都市武侯区洗面桥街24号1栋3单元201号",
					IDNumber: "510107197308192136", Phone: "18980612743",
				},
			},
			{
				Title:   "簇锦北路一下雨就积水",
				Body:    "簇锦北路靠近地铁站出口那段路，只要下大雨就积水到小腿深，电瓶车经常熄火，行人只能绕道。路边的雨水箅子好像被泥沙堵住了。请市政部门疏通排水管网。",
				Channel: "PHONE", CategoryCode: "01.03.03", Department: "城管局",
				Place: "簇锦北路近地铁站出口", RegionName: "簇锦社区",
				Citizen: &SampleCitizen{
					Name: "唐丽", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1986-05-27",
					Address:  "四川省成都市锦江区东大街100号2栋1单元1803号",
					IDNumber: "510104198605272461", Phone: "15828071639",
				},
			},
			{
				Title:   "望江路某小区顶楼违章加建",
				Body:    "望江路一个老小区的顶楼住户最近在楼顶用彩钢板加盖了一间房，还在施工，楼下住户担心楼板承重和漏水问题。请城管部门尽快到现场核实并制止。",
				Channel: "LETTER", CategoryCode: "01.04.02", Department: "城管局",
				Place: "望江路某小区楼顶", RegionName: "望江楼社区",
				Anonymous: true,
			},
			{
				Title:   "玉林西路火锅店油烟扰民",
				Body:    "玉林西路一家火锅店的排烟口正对我们小区的窗户，每天中午和晚上都是火锅底料的味道，家里老人有哮喘，咳得很厉害。请环保部门检查他们的油烟净化设备是否正常使用。",
				Channel: "WECHAT", CategoryCode: "06.01.01", Department: "生态环境局",
				Place: "玉林西路某火锅店", RegionName: "玉林北路社区",
				Citizen: citizenYangXue,
			},
			{
				Title:   "火锅店油烟问题反映后没有改善",
				Body:    "我半个月前反映过玉林西路火锅店油烟扰民的问题，后来有人打电话回访，说已经要求整改，但这半个月油烟一点没有减少。店里晚上还经常营业到凌晨，请街道协调相关部门再去现场看一看。我的电话15928614037。",
				Channel: "PHONE", CategoryCode: "06.01.01", Department: "玉林街道",
				Place: "玉林西路某火锅店", RegionName: "玉林北路社区",
				Citizen: citizenYangXue,
			},
			{
				Title:   "簇桥一家外卖店无证经营",
				Body:    "簇桥街道一条小巷子里有家外卖店，在外卖平台上挂的是别人的营业执照，店里没有任何证照，操作间就在住家里，卫生条件很差。请市场监管部门查处。",
				Channel: "WEB", CategoryCode: "02.01.02", Department: "市场监管局",
				Place: "簇桥街道某小巷内外卖店", RegionName: "簇桥街道",
				Anonymous: true,
			},
			{
				Title:   "浆洗街美容院转让后不认预付卡",
				Body:    "我在浆洗街一家美容院充值了5000元，还剩3200元没用完，这个月店铺转让给了新老板，新老板说之前的卡不认，原老板也联系不上。请市场监管部门帮助维权。",
				Channel: "PHONE", CategoryCode: "02.02.01", Department: "市场监管局",
				Place: "浆洗街某美容院", RegionName: "浆洗街街道",
				Citizen: &SampleCitizen{
					Name: "陈静", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1989-12-03",
					Address:  "四川省成都市武侯区洗面桥横街8号2栋4单元11号",
					IDNumber: "510107198912033224", Phone: "18628093517",
				},
			},
			{
				Title:   "咨询孩子转学到磨子桥附近小学",
				Body:    "我们一家今年从金牛区搬到磨子桥附近租房居住，孩子读小学三年级，想转到附近的公办小学就读。请问随迁转学需要哪些材料，什么时候可以申请，租房的话能不能入学。",
				Channel: "PHONE", CategoryCode: "03.01.02", Department: "教育局",
				Place: "武侯区磨子桥附近", RegionName: "磨子桥社区",
				Citizen: &SampleCitizen{
					Name: "邓伟", Sex: "MALE", Ethnicity: "汉", BirthDate: "1980-04-22",
					Address:  "四川省成都市金牛区营门口路118号3栋2单元5号",
					IDNumber: "510106198004221979", Phone: "13980631427",
				},
			},
			{
				Title:   "红牌楼一家培训机构拒绝退费",
				Body:    "我给孩子在红牌楼一家编程培训机构报了一年的课程，交了12800元，上了不到十节课机构就频繁换老师、停课。申请退剩余课时费，机构一直拖着不退。请有关部门督促退费。",
				Channel: "WECHAT", CategoryCode: "03.02.02", Department: "教育局",
				Place: "红牌楼某编程培训机构", RegionName: "红牌楼社区",
				Citizen: citizenHeXiaodong,
			},
			{
				Title:   "再次反映培训机构拖延退费",
				Body:    "一个月前我反映红牌楼编程培训机构不退费的问题，教育局的同志说已经约谈了机构，机构也答应分期退，但约定的第一笔钱到现在也没到账。现在机构门口已经贴了停业通知，请尽快处理。电话15882176340。",
				Channel: "WEB", CategoryCode: "03.02.02", Department: "教育局",
				Place: "红牌楼某编程培训机构", RegionName: "红牌楼社区",
				Citizen: citizenHeXiaodong,
			},
			{
				Title:   "建议在望江路小学门口设置护学岗",
				Body:    "望江路一所小学放学时门口车流量很大，家长车辆乱停，孩子过马路很危险。建议在上下学时段设置护学岗，在校门口施划临时停车区，并增加交通安全提示标志。",
				Channel: "LETTER", CategoryCode: "03.03.02", Department: "教育局",
				Place: "望江路某小学门口", RegionName: "望江楼社区",
				Citizen: &SampleCitizen{
					Name: "曾秀珍", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1963-01-18",
					Address:  "四川省成都市武侯区望江路29号4栋2单元3号",
					IDNumber: "510107196301181042", Phone: "13550083612",
				},
			},
			{
				Title:   "簇桥工地拖欠彝族工人工资",
				Body:    "我们八个人是从凉山过来打工的，在簇桥一个工地干了四个月钢筋活，老板欠我们五万多元工资一直不给，说等工程验收。我们现在住在工地工棚里，已经没钱吃饭了，请政府帮我们要回工资。",
				Channel: "VISIT", CategoryCode: "04.01.01", Department: "人社局",
				Place: "簇桥街道某建筑工地", RegionName: "簇桥街道",
				Citizen: citizenJikeWuxia,
			},
			{
				Title:   "欠薪问题仍未解决再次求助",
				Body:    "上周我到区里反映过簇桥工地欠我们八个人工资的事，劳动监察大队的同志去工地看过，但老板还是说没钱。我们想知道下一步怎么办，能不能申请法律援助。联系电话18282416035。",
				Channel: "PHONE", CategoryCode: "04.01.01", Department: "人社局",
				Place: "簇桥街道某建筑工地", RegionName: "簇桥街道",
				Citizen: citizenJikeWuxia,
			},
			{
				Title:   "红牌楼一带有人开黑诊所",
				Body:    "红牌楼一个小区的居民楼里有人开了一家牙科诊所，门口没有任何招牌，靠熟人介绍去看牙、做种植，收费便宜，听说医生没有执业证。担心出医疗事故，请卫健部门查处。",
				Channel: "PHONE", CategoryCode: "05.02.02", Department: "卫健委",
				Place: "红牌楼某小区居民楼内", RegionName: "红牌楼街道",
				Anonymous: true,
			},
			{
				Title:   "咨询生育津贴和育儿补贴怎么领",
				Body:    "我今年在华西二院生了二胎，产假快结束了。想咨询一下生育津贴怎么申领，是单位办还是自己办。另外育儿补贴需要在哪里申请，户口不在成都能不能领？我的电话是15908142736。",
				Channel: "WECHAT", CategoryCode: "05.03.01", Department: "卫健委",
				Place: "武侯区锦里社区", RegionName: "锦里社区",
				Citizen: &SampleCitizen{
					Name: "泽仁拉姆", Sex: "FEMALE", Ethnicity: "藏", BirthDate: "1993-10-25",
					Address:  "四川省康定市炉城镇向阳街42号",
					IDNumber: "513301199310250248", Phone: "15908142736",
				},
			},
			{
				Title:   "江安河高碑段有洗车店偷排污水",
				Body:    "网格员巡查时发现江安河高碑段岸边有一根黑色管子往河里排污水，顺着管子找过去是路边一家洗车店，污水里有泡沫和油污。附近居民说已经排了好几个月。请环保部门查处。",
				Channel: "GRID", CategoryCode: "06.03.02", Department: "生态环境局",
				Place: "江安河高碑段岸边", RegionName: "高碑社区",
				Citizen: &SampleCitizen{
					Name: "黄德全", Sex: "MALE", Ethnicity: "汉", BirthDate: "1966-07-09",
					Address:  "四川省成都市武侯区高碑路15号1栋2单元101号",
					IDNumber: "510107196607090573", Phone: "13540671982",
				},
			},
			{
				Title:   "佳灵路小区门口共享单车堵路",
				Body:    "网格员巡查时居民反映，佳灵路28号小区门口每天早上堆满了共享单车，有上百辆，把小区出入口和盲道都堵了，救护车都开不进来。请协调单车企业及时清运，规范停放。",
				Channel: "GRID", CategoryCode: "07.03.01", Department: "佳灵路社区",
				Place: "佳灵路28号小区门口", RegionName: "佳灵路社区",
				Citizen: &SampleCitizen{
					Name: "冯桂兰", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1958-12-01",
					Address:  "四川省成都市武侯区佳灵路28号1栋1单元2号",
					IDNumber: "510107195812011462", Phone: "13708068453",
				},
			},
			{
				Title:   "公交车司机到站不停甩站",
				Body:    "我每天早上在武侯大道红牌楼站等公交上班，最近经常有公交车看到站台人多就不靠站直接开走，前天早上连续甩站两辆，导致我上班迟到。请公交公司加强对司机的管理。",
				Channel: "PHONE", CategoryCode: "07.01.02", Department: "交通运输局",
				Place: "武侯大道红牌楼公交站", RegionName: "红牌楼街道",
				Citizen: &SampleCitizen{
					Name: "谢勇", Sex: "MALE", Ethnicity: "汉", BirthDate: "1978-03-31",
					Address:  "四川省成都市青羊区光华村街55号3栋2单元8号",
					IDNumber: "510105197803311718", Phone: "15108239461",
				},
			},
			{
				Title:   "红牌楼一小区消防通道被车辆堵塞",
				Body:    "红牌楼路一个小区的消防通道长期被私家车占用，晚上停得满满的，上个月小区里有人家着火，消防车差点进不来。物业管不了，请街道协调处理。",
				Channel: "WECHAT", CategoryCode: "08.02.01", Department: "红牌楼街道",
				Place: "红牌楼路某小区消防通道", RegionName: "红牌楼社区",
				Anonymous: true,
			},
			{
				Title:   "咨询大学毕业生落户武侯区",
				Body:    "我今年从川大毕业，在武侯区一家公司上班，想把户口从学校集体户迁到成都落户。请问需要哪些材料，可以落在单位集体户还是人才市场，在哪个派出所办理。",
				Channel: "PHONE", CategoryCode: "08.03.01", Department: "公安分局",
				Place: "武侯区磨子桥", RegionName: "磨子桥社区",
				Citizen: &SampleCitizen{
					Name: "周敏", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1999-08-08",
					Address:  "四川省成都市武侯区科华北路65号5栋3单元7号",
					IDNumber: "51010719990808228X", Phone: "19180926354",
				},
			},
			{
				Title:   "咨询母亲高龄津贴如何申领",
				Body:    "我母亲今年九十一岁，户口在武侯祠大街，以前一直领着高龄津贴，今年三月开始没有到账了。想问是不是需要重新认证，到社区还是街道办理，能不能上门认证。",
				Channel: "VISIT", CategoryCode: "09.02.03", Department: "民政局",
				Place: "武侯祠大街", RegionName: "锦里社区",
				Citizen: &SampleCitizen{
					Name: "苟建平", Sex: "MALE", Ethnicity: "汉", BirthDate: "1968-11-11",
					Address:  "四川省成都市武侯区武侯祠大街251号2栋4单元8号",
					IDNumber: "510107196811110930", Phone: "13882157340",
				},
			},
			{
				Title:   "丈夫突发重病家庭困难申请临时救助",
				Body:    "我丈夫上个月突发脑溢血住院，已经花了十几万元医药费，家里两个孩子还在读书，我一个人打零工收入很少，实在撑不下去了。听说可以申请临时救助，恳请政府帮帮我们家。",
				Channel: "LETTER", CategoryCode: "09.01.02", Department: "民政局",
				Place: "武侯区高碑路8号", RegionName: "高碑社区",
				Citizen: &SampleCitizen{
					Name: "范小红", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "1975-05-05",
					Address:  "四川省成都市武侯区高碑路8号3栋1单元302号",
					IDNumber: "510107197505052861", Phone: "18190872653",
				},
			},
			{
				Title:   "黉门街酒吧深夜音乐扰民",
				Body:    "黉门街一家小酒吧每天晚上都有驻唱，音响开得很大，一直唱到凌晨两点，周末更吵。我们这栋楼离酒吧只有二十米，天天睡不好觉。请有关部门管一管。",
				Channel: "PHONE", CategoryCode: "06.02.01", Department: "玉林街道",
				Place: "黉门街某酒吧", RegionName: "黉门街社区",
				Citizen: &SampleCitizen{
					Name: "邱雨涵", Sex: "FEMALE", Ethnicity: "汉", BirthDate: "2003-04-17",
					Address:  "四川省成都市武侯区黉门街112号1栋2单元9号",
					IDNumber: "510107200304171885", Phone: "19828064571",
				},
			},
		},
	},
}
