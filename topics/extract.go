// Package topics finds what tickets are about and which subjects many
// tickets share: keywords per ticket (extracted when workflow registers
// or fills a ticket, from its stored, masked text), the tenant's own word
// list (专属词库) that shapes them, and hot topics over a period with their
// rise against the period before.
//
// Keywords are weighed by TF-IDF, with the segmenter's dictionary (gse,
// shared with package insight) standing in for document frequencies: a
// word's IDF is its information content log(total/frequency) in the
// dictionary's corpus. Words that say nothing about the subject (问题,
// 反映, 投诉, 情况, 群众, 要求 …: BuiltinStop) never become keywords, nor
// do words other than nouns and specific verbs (see nounish).
package topics

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/minsheng/minsheng/insight"
)

// Keyword is one word of a ticket with its weight, the ticket's best word
// weighing 1.
type Keyword struct {
	Word   string
	Weight float64
}

// WordList is a tenant's own word list (专属词库).
type WordList struct {
	// Added are words kept whole and always candidates (小区名, 项目名),
	// whatever the segmenter would cut them into. Synonyms are found whole
	// as well.
	Added []string
	// Stop are words never taken as keywords, beside BuiltinStop.
	Stop []string
	// Synonyms maps a word to the canonical word it is counted as
	// (广场舞 → 噪音): both count as one topic.
	Synonyms map[string]string
}

// Limits of keywords and word lists.
const (
	// MaxKeywords are stored per ticket: the ticket's best words by weight.
	MaxKeywords = 8
	// MaxWordRunes is the longest word, in characters.
	MaxWordRunes = 32
	// minInfo drops words too common in general language to say what a
	// ticket is about (information content in nats against the
	// dictionary; 问题, 情况, 大家 and 孩子 are below it, 工资 above).
	minInfo = 8.0
	// titleWeight counts a word of the title this many times: the title
	// is the clerk's summary of the subject.
	titleWeight = 2.0
)

// BuiltinStop are the words of how people complain and how clerks write
// it down, whatever the complaint is about: never a keyword, never a hot
// topic, in every tenant.
var BuiltinStop = []string{
	"问题", "反映", "投诉", "情况", "举报", "咨询", "建议", "求助", "意见", "诉求",
	"市民", "群众", "居民", "来电", "来信", "来访", "表示", "要求", "希望", "请求", "请问", "询问",
	"处理", "解决", "协调", "核实", "调查", "落实", "督促", "回复", "答复", "反馈", "办理", "受理",
	"相关", "有关", "部门", "单位", "工作人员", "人员", "政府", "领导", "街道", "社区", "工单",
	"目前", "现在", "一直", "已经", "多次", "长期", "经常", "至今", "今天", "昨天", "最近", "近期",
	"时间", "时候", "期间", "每天", "晚上", "白天", "上午", "下午", "凌晨", "日前", "本人", "自己",
	"影响", "严重", "造成", "导致", "存在", "出现", "发生", "进行", "没有", "无法", "不能", "需要",
	"情形", "事情", "事件", "事项", "原因", "结果", "方面", "地方", "位置", "附近", "周边", "周围",
	"不满", "满意", "不满意", "无人", "无果", "未果", "未能", "帮助", "关注", "重视", "尽快", "及时",
	"联系", "电话", "号码", "热线", "平台", "反应", "称", "说", "告知", "了解", "知道", "认为",
	"该", "此事", "此", "其他", "其它", "一下", "一些", "很多", "许多", "非常", "特别", "比较",
	"怎么办", "怎么", "如何", "是否", "为什么", "可以", "能否", "应该", "不予", "予以",
	"谢谢", "麻烦", "办法", "打扰", "同感",
	"先生", "女士", "师傅", "老人", "家里", "家中", "我家", "住户", "业主", "本地", "当地", "本市", "本区",
}

var builtinStop = func() map[string]bool {
	m := make(map[string]bool, len(BuiltinStop))
	for _, w := range BuiltinStop {
		m[w] = true
	}
	return m
}()

// IsGeneric reports whether w is on the built-in stop list.
func IsGeneric(w string) bool { return builtinStop[w] }

// Extractor finds a ticket's keywords. It shares the segmenter of package
// insight, loaded on first use (about 0.4 s); it is safe for concurrent use.
type Extractor struct {
	load func() (*insight.Classifier, error)
}

// NewExtractor returns an extractor over the classifier load returns
// (insight.NewClassifier in the server).
func NewExtractor(load func() (*insight.Classifier, error)) *Extractor {
	return &Extractor{load: load}
}

// Extract returns at most MaxKeywords keywords of a ticket, best first,
// with the tenant's word list applied: added words found whole, stop words
// dropped, synonyms counted as their canonical word.
func (e *Extractor) Extract(title, body string, list WordList) ([]Keyword, error) {
	c, err := e.load()
	if err != nil {
		return nil, err
	}
	x := newExtraction(c, list)
	x.add(title, titleWeight)
	x.add(body, 1)
	return x.best(MaxKeywords), nil
}

type extraction struct {
	c        *insight.Classifier
	added    []string // added words and synonyms, normalised, longest first
	stop     map[string]bool
	synonyms map[string]string
	tf       map[string]float64
	total    float64
}

func newExtraction(c *insight.Classifier, list WordList) *extraction {
	x := &extraction{c: c, stop: map[string]bool{}, synonyms: map[string]string{}, tf: map[string]float64{}, total: c.TotalFreq()}
	for _, w := range list.Added {
		if w = insight.Normalise(w); w != "" {
			x.added = append(x.added, w)
		}
	}
	for _, w := range list.Stop {
		x.stop[insight.Normalise(w)] = true
	}
	for w, to := range list.Synonyms {
		x.synonyms[insight.Normalise(w)] = insight.Normalise(to)
	}
	// A synonym is found whole too: 丁丙乙甲巷 is no word of the
	// dictionary, and cut into pieces it would never match.
	for w := range x.synonyms {
		if w != "" && !slices.Contains(x.added, w) {
			x.added = append(x.added, w)
		}
	}
	sort.Slice(x.added, func(i, j int) bool {
		if a, b := len(x.added[i]), len(x.added[j]); a != b {
			return a > b
		}
		return x.added[i] < x.added[j]
	})
	return x
}

// canonical is the word w counts as, or "" when it is not a keyword.
func (x *extraction) canonical(w string) string {
	if to, ok := x.synonyms[w]; ok {
		w = to
	}
	if w == "" || x.stop[w] || builtinStop[w] {
		return ""
	}
	return w
}

func (x *extraction) add(text string, weight float64) {
	t := insight.Normalise(text)
	if t == "" {
		return
	}
	// The tenant's words first, whole: they are cut out of the text so
	// the segmenter does not count their parts again.
	for _, w := range x.added {
		if n := strings.Count(t, w); n > 0 {
			if k := x.canonical(w); k != "" {
				x.tf[k] += weight * float64(n)
			}
			t = strings.ReplaceAll(t, w, "，")
		}
	}
	for _, tok := range x.c.Tokens(t) {
		if !candidate(tok) {
			continue
		}
		k := x.canonical(tok)
		if k == "" {
			continue
		}
		if _, syn := x.synonyms[tok]; !syn && !x.specific(tok) {
			continue
		}
		x.tf[k] += weight
	}
}

// candidate is a token that can be a keyword at all: two to MaxWordRunes
// Chinese characters (masked numbers, digits, Latin and punctuation are
// not subjects).
func candidate(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n < 2 || n > MaxWordRunes {
		return false
	}
	for _, r := range tok {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// A subject is named by a noun: the dictionary's nouns (n, nr, ns, nt,
// nz, ng …), verbal nouns (vn, 投诉 … 施工) and abbreviations (j, 医保),
// or a word the dictionary does not hold (a name, a term). A verb names
// one only when it is specific (停水, 拖欠, 报销: verbInfo), never a
// common one (安排, 帮忙, 看看). Everything else (pronouns, adverbs,
// adjectives, idioms and set phrases such as 你好 and 受不了, numerals,
// function words) never does.
func nounish(pos string) bool {
	return strings.HasPrefix(pos, "n") || pos == "vn" || pos == "j" || pos == ""
}

// verbInfo is the information content a verb needs to be a keyword (打扰
// and 尊敬 are below it, 停车 and 拖欠 above).
const verbInfo = 11.5

// specific reports whether a token of the segmenter says something about
// the subject: a noun, or a specific verb, rare enough in general language.
func (x *extraction) specific(tok string) bool {
	freq, pos, ok := x.c.Lookup(tok)
	if !ok {
		return true // unknown to the dictionary: a name or a term
	}
	info := x.info(freq)
	switch {
	case nounish(pos):
		return info >= minInfo
	case pos == "v":
		return info >= verbInfo
	}
	return false
}

func (x *extraction) info(freq float64) float64 { return math.Log(x.total / (freq + 5)) }

// best weighs each word by TF-IDF and keeps the n best.
func (x *extraction) best(n int) []Keyword {
	out := make([]Keyword, 0, len(x.tf))
	for w, tf := range x.tf {
		freq, _, ok := x.c.Lookup(w)
		if !ok {
			freq = 0
		}
		out = append(out, Keyword{Word: w, Weight: (1 + math.Log(tf)) * x.info(freq)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > n {
		out = out[:n]
	}
	if len(out) > 0 && out[0].Weight > 0 {
		top := out[0].Weight
		for i := range out {
			out[i].Weight = math.Round(out[i].Weight/top*1000) / 1000
		}
	}
	return out
}
