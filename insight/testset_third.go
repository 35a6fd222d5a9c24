package insight

import (
	"math/rand"
	"strings"
)

// third is a third phrase bank, written before the learned suggester was
// reworked and never used to teach or tune it: for each leaf, what
// a caller or letter writer says in words neither of the other banks nor
// the leaf's keywords use. TestThirdIsNew checks it the way TestHeldoutIsNew
// checks the second bank. ThirdSet wraps the phrases in styles the other
// banks do not have: 12345 call transcripts with the operator's turns, long
// letters with greetings, background and closings, and texts that mention a
// second, minor matter besides the main one. Phrases are separated by " | ".
var third = map[string]string{
	"城乡建设 › 物业管理 › 物业服务质量":     "楼下的化粪池冒出来好几天了，管理处的人说没空来弄 | 单元门的锁坏了大半年，陌生人进进出出没人过问",
	"城乡建设 › 物业管理 › 电梯故障":       "我们那栋的升降机上个月关人了两次，到现在还在带病运行",
	"城乡建设 › 物业管理 › 物业收费争议":     "管理公司把公共水电摊到每家头上，一户多收了两百多，问他们要账本也不给看",
	"城乡建设 › 房屋与住房保障 › 房屋漏水开裂":  "楼上人家洗澡的水顺着吊顶滴到我家床上，墙角全是霉斑",
	"城乡建设 › 房屋与住房保障 › 保障性住房咨询": "我一个人带孩子打零工，租的房子太贵了，政府给低收入的人安排的那种房子怎么排队",
	"城乡建设 › 市政设施 › 道路破损":       "巷子口的水泥地面塌下去一大块，前天有个老太太绊倒了",
	"城乡建设 › 市政设施 › 路灯故障":       "公园旁边那条小路一到晚上伸手不见五指，杆子上的灯泡早就坏了没人换",
	"城乡建设 › 城市管理 › 违章搭建":       "隔壁那户把自家院子往外扩了两米，还用砖头垒了一间小屋",
	"城乡建设 › 城市管理 › 施工扰民":       "对面盖楼的塔吊和切割机从早上五点响到半夜，根本没法睡",
	"城乡建设 › 城市管理 › 垃圾分类及清运":    "小区门口那几个大桶已经溢出来一个礼拜了，臭得路过都要捂鼻子",
	"市场监管 › 食品安全 › 餐饮卫生":       "在那家小吃店点的馄饨里捞出一根头发，碗边还有一层黑乎乎的东西",
	"市场监管 › 食品安全 › 食品安全举报":     "小卖部卖的辣条包装上什么厂名都没有，孩子吃了肚子疼",
	"市场监管 › 消费维权 › 预付卡退费":      "孩子的游泳班充了两千多，没上几节那家店就换了招牌不认以前的卡",
	"市场监管 › 消费维权 › 商品质量纠纷":     "上个月买的电饭煲用三回就不通电了，卖家说是我自己弄坏的",
	"市场监管 › 计量与特种设备 › 缺斤短两":    "在集市上买的三斤排骨，到家用自己的称一称少了快半斤",
	"教育 › 入学招生 › 入学政策咨询":       "我们是外地户口在这边租房，小孩明年七岁了，读公办的一年级要准备什么",
	"教育 › 校外培训 › 培训费退费":        "给女儿报的舞蹈班一次交了一整年，现在老师全走了，剩下的钱不给我们",
	"教育 › 学校管理 › 师德师风":         "儿子的班主任当着全班的面骂他是猪脑子，还让同学们别跟他玩",
	"劳动和社会保障 › 劳动关系 › 拖欠工资":    "装修队干完活已经半年了，老板一直说下个月结，电话现在也不接了",
	"劳动和社会保障 › 社会保险 › 医保报销咨询":  "我妈在省城住了半个月院，发票拿回来了，不知道去哪里能把钱退回一部分",
	"卫生健康 › 医疗服务 › 医疗服务态度":     "带孩子去看发烧，收费窗口的人把单子往外一扔，问什么都吼",
	"卫生健康 › 公共卫生 › 疫苗接种咨询":     "孙子快六个月了，下一针该什么时候去卫生院，需不需要提前约",
	"生态环境 › 大气污染 › 餐饮油烟":       "一楼那家烤鸭店的烟囱正对着我们卧室，一开火满屋子都是油味",
	"生态环境 › 噪声污染 › 噪音扰民":       "对门邻居家的狗一整夜叫个不停，加上他们家唱卡拉OK到凌晨",
	"生态环境 › 水污染 › 河道污染":        "村边那条小溪这几个月颜色发黑，还漂着一层油花，鱼都翻白了",
	"交通运输 › 公共交通 › 公交服务投诉":     "坐的那趟车到站了师傅没停就开走了，我在车上喊了半天",
	"交通运输 › 出租车与网约车 › 出租车拒载绕路": "在医院门口拦的车，一听是去城东就摆手不拉，我老父亲还站在路边",
	"交通运输 › 停车管理 › 乱停乱放":       "有辆白色轿车连续一个礼拜横在单元门口，轮椅都推不出去",
	"公共安全 › 治安管理 › 电信诈骗求助":     "我爸接了个自称是公安的电话，让他把存款转到一个所谓的监管账户里，已经转了三万",
	"公共安全 › 消防安全 › 电动车违规充电":    "楼里有人每天晚上从三楼窗口扯一根插线板下来给电单车冲电",
	"公共安全 › 户籍证件 › 户籍办理咨询":     "我家闺女刚生下来，想给她把名字登记到我们家的本子上，要带些什么东西去派出所",
	"民政 › 社会救助 › 低保申请":         "我老伴瘫在床上，我自己也没工作，每个月就靠亲戚接济，想问政府能不能每月给点生活费",
	"民政 › 养老服务 › 养老机构投诉":       "我母亲住的那家托老所晚上没人给她翻身，背上都长了褥疮",
	"政务服务 › 服务效能 › 工作作风":       "去大厅办事，窗口的人让我明天再来，第二天又说少一样东西，一趟趟白跑",
	"其他 › 意见建议 › 表扬感谢":         "上周我在街上晕倒了，是一位年轻的交警把我送到医院，我想当面谢谢他",
}

// Wrappings of the third bank. {x} is the complaint, {y} a minor matter
// mentioned besides it.
var (
	callOpen = []string{"坐席：您好，12345，请讲。市民：喂，你好，", "坐席：您好，这里是市民热线，请问有什么可以帮您？来电人：",
		"您好热线工号二一三为您服务 喂 对 我说一下啊 ", "市民来电：", "来电人称："}
	callClose = []string{"坐席：好的，您的诉求我已经记录，会转交相关部门处理。市民：好好，谢谢你啊。", "来电人要求尽快处理。",
		"坐席：请问还有其他问题吗？市民：没了没了，就这个事。", "对 就这个 你们记一下 好 再见", "市民希望相关部门核实处理并回复。"}
	letterOpen = []string{"尊敬的区领导：\n您好！我是{p}的一名普通居民，今天冒昧给您写信，是想反映一件困扰我们很久的事情。",
		"各位领导：\n你们好！百忙之中打扰了。我姓{s}，今年六十多岁，在{p}住了二十多年。",
		"致信访办的同志：\n我是住在{p}的{n}，下面把情况说一下。"}
	letterMiddle = []string{"这件事从夏天拖到现在，", "我们家里老的老小的小，", "我们也找过街道和社区，可是谁都说不清该谁管，",
		"一开始大家以为过几天就好了，"}
	letterClose = []string{"恳请领导在百忙之中过问此事，早日给我们一个说法。\n此致\n敬礼！\n{n}\n十一月三日",
		"希望政府能帮我们想想办法，我们相信组织。\n再次感谢！\n一位老居民", "特此来信，盼早日答复，联系电话1{d}。\n{n}"}
	side = []string{"另外顺便说一句，{y}，这个也麻烦看看。", "还有就是{y}，不过这个不急。", "（再补充一点：{y}。）"}
)

// ThirdSet generates n complaints for every leaf of the third bank, plus
// about one off-topic text for every ten, in a fixed order for a seed: a
// third are call transcripts, a third long letters, a third carry a second,
// minor matter from another leaf (the truth stays the main one).
func ThirdSet(seed int64, n int) []Labelled {
	r := rand.New(rand.NewSource(seed))
	var paths []string
	for _, leaf := range issues {
		if _, ok := third[leaf.path]; ok {
			paths = append(paths, leaf.path)
		}
	}
	var out []Labelled
	for _, path := range paths {
		phrases := strings.Split(third[path], " | ")
		for range n {
			x := pick(r, phrases)
			l := Labelled{Path: path, Synonyms: true}
			switch r.Intn(3) {
			case 0:
				l.Text, l.Spoken = call(r, x), true
			case 1:
				l.Text = fill(r, pick(r, letterOpen)+pick(r, letterMiddle)+x+"。"+pick(r, after)+pick(r, letterClose))
			default:
				other := path
				for other == path {
					other = pick(r, paths)
				}
				y := pick(r, strings.Split(third[other], " | "))
				text := pick(r, openings) + x + "。" + strings.ReplaceAll(pick(r, side), "{y}", y) + pick(r, asks)
				l.Text = fill(r, text)
			}
			out = append(out, l)
		}
	}
	for range max(1, len(out)/10) {
		text := pick(r, offTopic)
		l := Labelled{Text: call(r, text), Spoken: true}
		if r.Intn(2) == 0 {
			l = Labelled{Text: fill(r, pick(r, letterOpen)+text+"。"+pick(r, letterClose))}
		}
		out = append(out, l)
	}
	return out
}

// call is x as a hotline operator writes a call down: the operator's turns,
// the caller's words with fillers, sometimes without punctuation.
func call(r *rand.Rand, x string) string {
	text := pick(r, callOpen) + x + "。" + pick(r, callClose)
	if r.Intn(2) == 0 {
		return speak(r, text)
	}
	return fill(r, text)
}

// ThirdBank is the third bank's phrases by leaf path, for tests that check
// it is what it claims.
func ThirdBank() map[string][]string {
	out := map[string][]string{}
	for path, phrases := range third {
		out[path] = strings.Split(phrases, " | ")
	}
	return out
}
