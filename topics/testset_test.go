package topics_test

import (
	"math/rand"
	"slices"
	"strings"

	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight"
)

// hotCase is a generated pair of periods with known truth: the topics
// planted to rise in the current one, and near misses that must not come
// up as hot topics.
type hotCase struct {
	previous, current []string
	planted           []planted
	// steady are the words of a subject frequent in both periods alike
	// (many tickets, no rise); rare those of a subject in only two
	// tickets of the current period (a rise from nothing, no support).
	steady, rare []string
}

// planted is a topic made to rise, and the words that name it: a top word
// among them finds it.
type planted struct {
	name  string
	words []string
	// phrases are the generator's ways of saying the topic.
	phrases []string
}

// named: w is one of the topic's words, a part of its name, or a word of
// the phrases the generator says it with (大妈 and 音乐 name 噪音扰民 when
// its complaints are about dancing at night); never a word of what the
// generator puts around a complaint.
func (p planted) named(w string) bool {
	if slices.Contains(p.words, w) {
		return true
	}
	if len([]rune(w)) < 2 {
		return false
	}
	if strings.Contains(p.name, w) {
		return true
	}
	return slices.ContainsFunc(p.phrases, func(ph string) bool { return strings.Contains(ph, w) })
}

// Near misses of the tuning generator, put into any complaint: the steady
// clause goes into one ticket in eight of both periods, the rare one into
// two tickets of the current period.
const (
	steadyA = "体育馆北门那边也一样，"
	rareA   = "有人在楼顶放热气球掉下来砸坏了车棚，"
)

// tuningSet is the generator the ranking was tuned on: insight.TestSet's
// complaints (written for category suggestion) as the background, n per
// leaf of the demo tree in each period; five leaves picked by seed get 4n
// more complaints in the current period. A planted leaf is named by its
// keywords in the demo tree or a part of its name.
func tuningSet(seed int64, n int) hotCase {
	r := rand.New(rand.NewSource(seed * 7919))
	leaves := demoLeaves()
	texts := func(set []insight.Labelled) []string {
		out := make([]string, len(set))
		for i, l := range set {
			out[i] = l.Text
			if r.Intn(8) == 0 {
				out[i] = steadyA + l.Text
			}
		}
		return out
	}
	c := hotCase{steady: []string{"体育馆", "北门"}, rare: []string{"热气球", "车棚", "气球"}}
	c.previous = texts(insight.TestSet(seed, n))
	c.current = texts(insight.TestSet(seed+1000, n))
	var paths []string
	for p := range leaves {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	r.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	chosen := paths[:5]
	bank, _ := insight.Banks()
	for _, p := range chosen {
		leaf := leaves[p]
		c.planted = append(c.planted, planted{name: leaf.Name, words: leaf.Keywords, phrases: bank[p]})
	}
	var extra []insight.Labelled
	for _, l := range insight.TestSet(seed+2000, 4*n) {
		if slices.Contains(chosen, l.Path) {
			extra = append(extra, l)
		}
	}
	c.current = append(c.current, texts(extra)...)
	for range 2 {
		j := r.Intn(len(c.current))
		c.current[j] = rareA + c.current[j]
	}
	r.Shuffle(len(c.current), func(i, j int) { c.current[i], c.current[j] = c.current[j], c.current[i] })
	return c
}

// demoLeaves are the demo tree's leaf categories by path.
func demoLeaves() map[string]demo.Cat {
	out := map[string]demo.Cat{}
	var walk func(cs []demo.Cat, path []string)
	walk = func(cs []demo.Cat, path []string) {
		for _, c := range cs {
			p := append(slices.Clip(path), c.Name)
			if len(c.Children) == 0 {
				out[strings.Join(p, insight.PathSep)] = c
			}
			walk(c.Children, p)
		}
	}
	walk(demo.Districts[0].Categories, nil)
	return out
}

// The second generator, run once after the tuning on tuningSet was done
// and never tuned on: other words around the complaint, the background from insight's
// held-out phrase bank, and topics of its own that no category of the demo
// tree names, each with the words a reader would accept as naming it.
var (
	secondOpen  = []string{"", "", "师傅您好，", "喂，是热线吗，", "我住在{p}，", "老{s}跟你们说个事，", "拜托你们管一管，", "我是附近上班的，"}
	secondWhen  = []string{"", "这两个礼拜", "入冬以后", "连着三天", "月初开始", "", "周末两天"}
	secondEnd   = []string{"", "老百姓真的很着急。", "拖了这么久谁受得了。", "跟物业说了也白说。", "家里人天天埋怨。", ""}
	secondAsk   = []string{"", "麻烦你们派人来看一下。", "请给老百姓一个说法。", "拜托了。", "等你们消息。", "能不能尽早解决？"}
	secondPlace = []string{"汉江路东段", "青石桥北街", "盐市口", "牛市口菜市", "天回镇", "金沙苑三期", "光华村街", "沙河堡", "府南河边"}

	secondTopics = []struct {
		name    string
		words   []string
		phrases []string
	}{
		{"共享单车堆放", []string{"共享单车", "单车", "自行车"}, []string{
			"人行道上堆满了共享单车，推婴儿车都过不去", "地铁口的共享单车横七竖八，盲道全被压住了", "几百辆单车堆在公交站台，等车的人只能站到马路上"}},
		{"暖气不热", []string{"暖气", "供暖", "暖气片", "采暖", "供热"}, []string{
			"家里的暖气片摸着是凉的，屋里只有十几度", "交了采暖费，暖气一直不热，老人冻得睡不着", "供暖公司说温度达标，可屋里冷得要穿棉袄"}},
		{"快递柜收费", []string{"快递柜", "快递", "超时费", "丰巢"}, []string{
			"快递柜放了十二个小时就开始收超时费", "快递员不打招呼就塞进快递柜，取件还要付钱", "楼下的快递柜超时收费，一天要好几块"}},
		{"流浪狗伤人", []string{"流浪狗", "狂犬", "野狗", "狗"}, []string{
			"一群流浪狗在学校门口追着孩子跑，有个学生被咬了", "晚上散步被野狗咬伤，打了好几针狂犬疫苗", "小区里的流浪狗越来越多，见人就叫"}},
		{"学校门口接送拥堵", []string{"接送", "放学", "校门", "学校", "拥堵"}, []string{
			"放学的时候校门口接送的车把路堵死了", "每天早上学校门口家长的车乱停，公交车都开不过去", "接送孩子的电瓶车把校门前的路占满了"}},
		{"燃气费上涨", []string{"燃气费", "燃气", "天然气", "气费"}, []string{
			"这个月的燃气费比上个月翻了一倍，用量根本没变", "天然气涨价没有任何公告，账单上突然多了两百", "燃气公司抄表估算，气费乱收"}},
		{"外卖电动车逆行", []string{"外卖", "骑手", "逆行", "电动车"}, []string{
			"外卖骑手的电动车在人行道上逆行，差点撞到老人", "送外卖的车速太快还闯红灯逆行", "十字路口骑手逆行，一天能看到好几回剐蹭"}},
		{"公园厕所脏", []string{"厕所", "公厕", "卫生间"}, []string{
			"公园里的公厕好几天没人打扫，臭得进不去", "河边那个厕所门坏了，地上全是水", "广场旁的卫生间没有纸也没有水，气味很大"}},
	}
)

// Near misses of the second generator.
const (
	steadyB = "就在高铁站南广场这一片，"
	rareB   = "还有人在河边开无人机撞了风筝，"
)

// secondSet is the held-out generator: background n complaints for each
// leaf of insight's held-out bank per period, wrapped in other words; four
// of its own topics picked by seed, each with n/2 complaints before and
// 2.5n now (five times as many); a steady clause in one ticket in eight of
// both periods and a rare one in two tickets now.
func secondSet(seed int64, n int) hotCase {
	r := rand.New(rand.NewSource(seed*104729 + 17))
	_, bank := insight.Banks()
	var paths []string
	for p := range bank {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	compose := func(phrase string) string {
		s := pickB(r, secondOpen) + pickB(r, secondWhen) + phrase + "，" + pickB(r, secondEnd) + pickB(r, secondAsk)
		for strings.Contains(s, "{p}") {
			s = strings.Replace(s, "{p}", pickB(r, secondPlace), 1)
		}
		for strings.Contains(s, "{s}") {
			s = strings.Replace(s, "{s}", pickB(r, []string{"王", "李", "张", "刘", "曾", "罗"}), 1)
		}
		if r.Intn(8) == 0 {
			s = steadyB + s
		}
		if r.Intn(4) == 0 { // spoken: no punctuation
			s = strings.NewReplacer("，", "", "。", "", "？", "").Replace(s)
		}
		return strings.ReplaceAll(s, "，，", "，")
	}
	background := func() []string {
		var out []string
		for _, p := range paths {
			for range n {
				out = append(out, compose(pickB(r, bank[p])))
			}
		}
		return out
	}
	c := hotCase{steady: []string{"高铁站", "高铁", "南广场"}, rare: []string{"无人机", "风筝"}}
	c.previous, c.current = background(), background()
	order := r.Perm(len(secondTopics))
	for i, k := range order {
		t := secondTopics[k]
		before, now := n/2, n/2
		if i < 4 {
			now = n * 5 / 2
			c.planted = append(c.planted, planted{name: t.name, words: t.words, phrases: t.phrases})
		}
		for range before {
			c.previous = append(c.previous, compose(pickB(r, t.phrases)))
		}
		for range now {
			c.current = append(c.current, compose(pickB(r, t.phrases)))
		}
	}
	for range 2 {
		j := r.Intn(len(c.current))
		c.current[j] = rareB + c.current[j]
	}
	r.Shuffle(len(c.current), func(i, j int) { c.current[i], c.current[j] = c.current[j], c.current[i] })
	return c
}

func pickB(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }
