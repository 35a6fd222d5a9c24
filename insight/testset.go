package insight

import (
	"math/rand"
	"strings"
)

// Labelled is a generated complaint with its known category.
type Labelled struct {
	Text string
	// Path is the true leaf of the demo category tree ("城乡建设 › 物业管理 ›
	// 电梯故障"), or "" for an off-topic text that should get no suggestion.
	Path string
	// Synonyms is true when the complaint avoids its category's keywords,
	// saying the same thing in other words.
	Synonyms bool
	// Spoken is true when the text imitates a speech transcript: no
	// punctuation, fillers.
	Spoken bool
}

// TestSet generates n complaints for every leaf category of the demo tree
// (package demo) plus about one off-topic text for every ten complaints, in
// a fixed order for a given seed. A third of the complaints use synonyms
// instead of the category's keywords and a fifth are written like speech
// transcripts, so accuracy measured on the set is not 100% by construction.
// Tests and `make eval` use it.
func TestSet(seed int64, n int) []Labelled {
	r := rand.New(rand.NewSource(seed))
	var out []Labelled
	for _, leaf := range issues {
		kw, syn, _ := strings.Cut(leaf.phrases, " # ")
		kws, syns := strings.Split(kw, " | "), strings.Split(syn, " | ")
		for range n {
			l := Labelled{Path: leaf.path, Synonyms: r.Intn(3) == 0}
			phrase := pick(r, kws)
			if l.Synonyms {
				phrase = pick(r, syns)
			}
			l.Text, l.Spoken = compose(r, phrase)
			out = append(out, l)
		}
	}
	for range max(1, n*len(issues)/10) {
		text := pick(r, offTopic)
		if r.Intn(2) == 0 {
			text += "，" + pick(r, offTopic)
		}
		l := Labelled{Text: text + "。"}
		if r.Intn(4) == 0 {
			l.Text, l.Spoken = speak(r, text), true
		}
		out = append(out, l)
	}
	return out
}

// Pieces around the complaint. Some carry words that are keywords of other
// categories (问题, 反映, 小区, 社区): real complaints do too.
var (
	openings = []string{"", "", "您好，", "你好，我想反映一下，", "尊敬的领导：\n", "我是{p}的居民，", "我是{n}，住在{p}，",
		"我姓{s}，", "打扰了，", "领导您好！", "我有个情况要说一下，"}
	times = []string{"", "", "最近一个月", "从上周开始", "已经好几天了，", "前天晚上", "这半年来", "今年以来", "每天"}
	after = []string{"", "", "严重影响了我们的正常生活。", "老人孩子都受不了。", "大家意见很大。", "找过好几次都没有结果。",
		"我们也不知道该找谁。", "实在没办法才打这个电话。", "邻居们都有同感。"}
	asks = []string{"希望有关部门尽快处理。", "请帮忙协调解决。", "麻烦给个答复。", "盼复。", "谢谢！", "请尽快安排人来看看。",
		"希望能够重视。", "请问该怎么办？", ""}
	contacts = []string{"", "", "", "我的电话是1{d}。", "联系人{s}先生，电话1{d}。", "有事打我手机1{d}。"}
	places   = []string{"玄武区珠江路88号", "锁金新村小区", "大悲巷21号", "丹凤街社区", "兰园小区5栋", "孝陵卫街道",
		"卫岗菜场附近", "台城花园", "玉林北路17号", "佳灵路3号", "武侯区簇桥街道", "百子亭", "钟灵街", "估衣廊",
		"新街口", "樱铁村", "我们楼下", "我家附近", "我们那个小区", "单位旁边"}
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马", "何", "吉克"}
	given    = []string{"建国", "丽华", "志强", "秀英", "晓东", "雪", "德明", "桂兰", "海燕", "伍呷", "磊", "静"}
	fillers  = []string{"那个", "就是", "嗯", "然后", "呃", "这个"}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

// compose wraps a complaint phrase in the things people say around it and
// fills in places, names and phone numbers. One text in five is turned into
// a speech transcript.
func compose(r *rand.Rand, phrase string) (string, bool) {
	var b strings.Builder
	b.WriteString(pick(r, openings))
	t := pick(r, times)
	b.WriteString(t)
	b.WriteString(phrase)
	b.WriteString("，")
	b.WriteString(pick(r, after))
	if r.Intn(3) == 0 {
		b.WriteString(pick(r, contacts))
	}
	b.WriteString(pick(r, asks))
	text := fill(r, b.String())
	text = strings.ReplaceAll(text, "，，", "，")
	text = strings.ReplaceAll(text, "，。", "。")
	if r.Intn(5) == 0 {
		return speak(r, text), true
	}
	return text, false
}

func fill(r *rand.Rand, s string) string {
	for strings.Contains(s, "{p}") {
		s = strings.Replace(s, "{p}", pick(r, places), 1)
	}
	for strings.Contains(s, "{n}") {
		s = strings.Replace(s, "{n}", pick(r, surnames)+pick(r, given), 1)
	}
	for strings.Contains(s, "{s}") {
		s = strings.Replace(s, "{s}", pick(r, surnames), 1)
	}
	for strings.Contains(s, "{d}") {
		d := []byte{byte('3' + r.Intn(7))}
		for range 9 {
			d = append(d, byte('0'+r.Intn(10)))
		}
		s = strings.Replace(s, "{d}", string(d), 1)
	}
	return s
}

// speak makes text look like a speech transcript: punctuation and line
// breaks gone, a greeting and fillers added.
func speak(r *rand.Rand, text string) string {
	var b strings.Builder
	if r.Intn(2) == 0 {
		b.WriteString("喂你好")
	}
	for i, part := range strings.FieldsFunc(text, func(c rune) bool { return strings.ContainsRune("，。！？：；、\n!?,. ", c) }) {
		if i > 0 && r.Intn(3) == 0 {
			b.WriteString(pick(r, fillers))
		}
		b.WriteString(part)
	}
	return b.String()
}

// History generates n tickets for every leaf of the demo tree, the way a
// tenant's history looks: the same mix of keyword and synonym phrasing as
// TestSet, each with its true category. The learned suggester is taught on
// it.
func History(seed int64, n int) []Labelled {
	var out []Labelled
	for _, l := range TestSet(seed, n) {
		if l.Path != "" {
			out = append(out, l)
		}
	}
	return out
}

// SynonymSet generates n complaints for every leaf of the demo tree that
// avoid all of the leaf's keywords (the phrases after " # " in the phrase
// bank), plus about one off-topic text for every ten, in a fixed order for a
// seed. With Heldout true the phrases come from a second bank, written
// apart from the first and never used to teach or tune (heldout), for the
// leaves it covers.
func SynonymSet(seed int64, n int, heldoutBank bool) []Labelled {
	r := rand.New(rand.NewSource(seed))
	var out []Labelled
	for _, leaf := range issues {
		_, syn, _ := strings.Cut(leaf.phrases, " # ")
		syns := strings.Split(syn, " | ")
		if heldoutBank {
			h, ok := heldout[leaf.path]
			if !ok {
				continue
			}
			syns = strings.Split(h, " | ")
		}
		for range n {
			l := Labelled{Path: leaf.path, Synonyms: true}
			l.Text, l.Spoken = compose(r, pick(r, syns))
			out = append(out, l)
		}
	}
	for range max(1, len(out)/10) {
		text := pick(r, offTopic)
		if r.Intn(2) == 0 {
			text += "，" + pick(r, offTopic)
		}
		l := Labelled{Text: text + "。"}
		if r.Intn(4) == 0 {
			l.Text, l.Spoken = speak(r, text), true
		}
		out = append(out, l)
	}
	return out
}

// Banks returns the phrases of both banks by leaf path: first is the bank
// TestSet and History use (keyword and synonym phrases alike), second the
// held-out one. For tests that check the banks are what they claim.
func Banks() (first, second map[string][]string) {
	first, second = map[string][]string{}, map[string][]string{}
	for _, leaf := range issues {
		kw, syn, _ := strings.Cut(leaf.phrases, " # ")
		first[leaf.path] = append(strings.Split(kw, " | "), strings.Split(syn, " | ")...)
	}
	for path, phrases := range heldout {
		second[path] = strings.Split(phrases, " | ")
	}
	return first, second
}

// Fold splits the first bank for tuning on wording the history has not
// seen, the way new citizens' wording is new: the history is n tickets per
// leaf from its keyword phrases and the synonym phrases whose index differs
// from fold modulo 2; ask is n complaints per leaf from the synonym
// phrases left out (leaves whose synonym phrases all fall in the history
// are skipped), plus about one off-topic text in ten.
func Fold(seed int64, n, fold int) (history, ask []Labelled) {
	r := rand.New(rand.NewSource(seed))
	for _, leaf := range issues {
		kw, syn, _ := strings.Cut(leaf.phrases, " # ")
		kws, syns := strings.Split(kw, " | "), strings.Split(syn, " | ")
		var seen, unseen []string
		for i, s := range syns {
			if i%2 == fold%2 {
				unseen = append(unseen, s)
			} else {
				seen = append(seen, s)
			}
		}
		for range n {
			phrase := pick(r, kws)
			if len(seen) > 0 && r.Intn(3) == 0 {
				phrase = pick(r, seen)
			}
			text, _ := compose(r, phrase)
			history = append(history, Labelled{Text: text, Path: leaf.path})
		}
		if len(unseen) == 0 {
			continue
		}
		for range n {
			l := Labelled{Path: leaf.path, Synonyms: true}
			l.Text, l.Spoken = compose(r, pick(r, unseen))
			ask = append(ask, l)
		}
	}
	for range max(1, len(ask)/10) {
		text := pick(r, offTopic)
		l := Labelled{Text: text + "。"}
		if r.Intn(4) == 0 {
			l.Text, l.Spoken = speak(r, text), true
		}
		ask = append(ask, l)
	}
	return history, ask
}
