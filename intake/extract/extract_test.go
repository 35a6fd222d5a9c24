package extract

import (
	"slices"
	"testing"
)

func TestTitle(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"first sentence", "小区电梯又坏了。已经三天没人修，老人上下楼很困难。", "小区电梯又坏了"},
		{"question mark", "请问幼升小划片政策在哪里查？我家住在锁金村。", "请问幼升小划片政策在哪里查"},
		{"exclamation ascii", "楼下烧烤店油烟太大!每天晚上都这样", "楼下烧烤店油烟太大"},
		{"newline ends the sentence", "关于锁金新村小区停车难的情况反映\n我是锁金新村小区的业主，……", "关于锁金新村小区停车难的情况反映"},
		{"salutation line skipped", "尊敬的区长：\n您好！我是大悲巷社区的居民，想反映一下巷子里路灯不亮的问题。", "我是大悲巷社区的居民，想反映一下巷子里路灯不亮的问题"},
		{"salutation with colon inline", "尊敬的领导：我们单位拖欠工资半年了。", "我们单位拖欠工资半年了"},
		{"greeting only sentence", "您好！我要投诉出租车拒载。", "我要投诉出租车拒载"},
		{"greeting before comma", "你好，我想咨询一下医保异地就医怎么报销。", "我想咨询一下医保异地就医怎么报销"},
		{"surrounding space", "   \n  井盖丢了很危险。 ", "井盖丢了很危险"},
		{"long sentence cut at comma", "我是玄武区锁金村街道锁金新村社区的一名普通居民，今年已经七十多岁了，家里就我和老伴两个人住在六楼。", "我是玄武区锁金村街道锁金新村社区的一名普通居民，今年已经七十多岁了"},
		{"long sentence without comma cut at 40", "我家楼上的住户在没有办理任何手续的情况下私自在楼顶搭建了一个很大的彩钢板房子严重影响了我们的采光和安全请相关部门尽快处理。", "我家楼上的住户在没有办理任何手续的情况下私自在楼顶搭建了一个很大的彩钢板房子严重"},
		{"speech transcript takes 20", "喂你好我想反映一下我们小区门口那个菜市场每天早上五点就开始卸货吵得根本睡不着", "我想反映一下我们小区门口那个菜市场每天早"},
		{"short speech transcript whole", "电梯坏了没人修", "电梯坏了没人修"},
		{"empty", "", ""},
		{"only punctuation", "。。！", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Title(tt.in); got != tt.want {
				t.Errorf("Title(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if n := len([]rune(Title(tt.in))); n > maxTitle {
				t.Errorf("title has %d characters", n)
			}
		})
	}
}

func TestPhones(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain mobile", "我的电话是13914786521，请尽快回复。", []string{"13914786521"}},
		{"mobile grouped by spaces", "联系电话 139 1478 6521", []string{"13914786521"}},
		{"mobile grouped by dashes", "手机：159-2861-4037", []string{"15928614037"}},
		{"mobile with +86", "打+86 138 1234 5678找我", []string{"13812345678"}},
		{"mobile with 86 and dash", "电话86-18955038164", []string{"18955038164"}},
		{"landline with dash", "社区电话025-84702218，物业电话025-84412345。", []string{"02584702218", "02584412345"}},
		{"landline without dash", "办公室电话02584412345", []string{"02584412345"}},
		{"landline 4-digit area 7-digit local", "老家电话0550-3012345", []string{"05503012345"}},
		{"landline in parentheses", "请拨打（028）85561234咨询", []string{"02885561234"}},
		{"two numbers side by side", "13914786521 18282416035都可以打", []string{"13914786521", "18282416035"}},
		{"duplicate once", "电话13914786521，再说一遍13914786521", []string{"13914786521"}},
		{"spoken digits", "我的电话是一三九一四七八六五二一你们打过来", []string{"13914786521"}},
		{"spoken digits with yao", "电话幺三八幺二三四五六七八", []string{"13812345678"}},
		{"full-width digits from OCR", "电话：１３９１４７８６５２１", []string{"13914786521"}},
		{"hotline is not a phone", "我打了12345热线，也报了110。", nil},
		{"amount in yuan is not a phone", "他欠我工钱15900000000元", nil},
		{"amount with separators", "共计13,800元，另有1.5万", nil},
		{"date is not a phone", "2024-03-15那天开始施工，2024年3月15日", nil},
		{"house number is not a phone", "珠江路88号6幢302室", nil},
		{"ID number digits are not a phone", "身份证号320104197611230575", nil},
		{"eleven digits inside a longer number", "订单号202403151381234567890", nil},
		{"mobile prefix 12 is not mobile", "编号12812345678", nil},
		{"local number without area code", "物业电话84412345", nil},
		{"twelve-digit run is not a mobile", "卡号139147865212", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in).Phones; !slices.Equal(got, tt.want) {
				t.Errorf("Phones(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDNumbers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "身份证号码320104197611230575，电话13914786521", []string{"320104197611230575"}},
		{"check character X", "我叫杨雪，身份证51010719920914068X。", []string{"51010719920914068X"}},
		{"lower-case x", "证件号51010719920914068x", []string{"51010719920914068X"}},
		{"grouped 6-8-4", "身份证 341103 19710519 2738", []string{"341103197105192738"}},
		{"two people", "本人513431199006063118，妻子320102196508260461", []string{"513431199006063118", "320102196508260461"}},
		{"wrong check digit", "身份证320104197611230576", nil},
		{"impossible date", "身份证320104197613230575", nil},
		{"bank card of 19 digits", "卡号6222021234567890123", nil},
		{"18 digits of an order number", "订单号202403150000123456", nil},
		{"no digits", "没有身份证", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in).IDNumbers; !slices.Equal(got, tt.want) {
				t.Errorf("IDNumbers(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// The phone next to the ID number is still found.
	if got := Text("身份证号码320104197611230575，电话13914786521").Phones; !slices.Equal(got, []string{"13914786521"}) {
		t.Errorf("phone beside an ID number: %q", got)
	}
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"district road number", "我家住在玄武区珠江路88号，楼下有人摆摊。", []string{"玄武区珠江路88号"}},
		{"full address", "户籍地址江苏省南京市秦淮区大光路88号6幢302室", []string{"江苏省南京市秦淮区大光路88号6幢302室"}},
		{"estate building unit", "阳光小区3栋2单元楼道里堆满了杂物", []string{"阳光小区3栋2单元"}},
		{"street and community", "锁金村街道锁金新村社区的居民反映", []string{"锁金村街道锁金新村社区"}},
		{"village and group", "安徽省滁州市南谯区乌衣镇乌衣村王庄组18号", []string{"安徽省滁州市南谯区乌衣镇乌衣村王庄组18号"}},
		{"village group by number", "我们是竹核乡木渣洛村3组的村民", []string{"竹核乡木渣洛村3组"}},
		{"crossing", "中山路与珠江路交叉口的红绿灯坏了", []string{"中山路与珠江路交叉口"}},
		{"landmarks", "鼓楼医院门口和玄武湖公园旁边都有黑车拉客", []string{"鼓楼医院", "玄武湖公园"}},
		{"market", "卫岗菜场有商贩缺斤短两", []string{"卫岗菜场"}},
		{"school", "孝陵卫中心小学放学时校门口很堵", []string{"孝陵卫中心小学"}},
		{"lead verb trimmed", "反映丹凤街的路灯不亮", []string{"丹凤街"}},
		{"duplicates once", "大悲巷21号漏水，大悲巷21号的住户都受影响", []string{"大悲巷21号"}},
		{"shorter inside longer dropped", "佳灵路3号6栋1单元1602号，就是佳灵路那边", []string{"佳灵路3号6栋1单元1602号"}},
		{"everyday words are not places", "道路上有坑，城市管理要加强，超市的东西贵，夜市太吵，我们小区也是", nil},
		{"lone house number is not a place", "3栋的人说88号也这样", nil},
		{"lone district is not a place", "向区里和市里都反映过", nil},
		{"date before a road", "3月15日珠江路又开挖了", []string{"珠江路"}},
		{"no place", "我想咨询一下社保断缴怎么补缴", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in).Places; !slices.Equal(got, tt.want) {
				t.Errorf("Places(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestLetter reads a whole letter the way an intake job would.
func TestLetter(t *testing.T) {
	letter := "尊敬的区领导：\n" +
		"您好！我是锁金村街道锁金新村社区的居民孙丽华，身份证号320102196508260461，联系电话137 7061 8452。" +
		"我家住在锁金新村12栋3单元，楼下的烧烤店每天营业到凌晨两点，油烟直接往楼上冒，多次向社区反映没有结果。" +
		"恳请领导督促处理。如需了解情况可拨打家里电话025-85402579。\n此致\n敬礼！"
	got := Text(letter)
	want := Found{
		Title:     "我是锁金村街道锁金新村社区的居民孙丽华",
		Phones:    []string{"13770618452", "02585402579"},
		IDNumbers: []string{"320102196508260461"},
		Places:    []string{"锁金村街道锁金新村社区", "锁金新村12栋3单元"},
	}
	if got.Title != want.Title || !slices.Equal(got.Phones, want.Phones) ||
		!slices.Equal(got.IDNumbers, want.IDNumbers) || !slices.Equal(got.Places, want.Places) {
		t.Errorf("Text(letter) =\n%+v\nwant\n%+v", got, want)
	}
}

// FuzzText checks that no input makes Text panic and that what it returns
// keeps its promises: short titles, digit-only phones, valid ID numbers.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "+", "+86", "0", "(", "1-", "一二三四五六七八九十", "\xff\xfe電話", "路路路路", "88号号号", "+86 ", "０２５－"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if n := len([]rune(got.Title)); n > maxTitle {
			t.Errorf("title of %d characters", n)
		}
		for _, p := range got.Phones {
			if !mobile(p) && !landline(p) {
				t.Errorf("phone %q", p)
			}
		}
		for _, id := range got.IDNumbers {
			if _, ok := parseID(id); !ok {
				t.Errorf("ID number %q", id)
			}
		}
	})
}
