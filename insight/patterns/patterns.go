// Package patterns finds repeat cases (重复件: the same person back about
// the same matter) and group cases (群体件: many people on the same matter
// or at the same place within a few days) among a tenant's tickets.
//
// Detection is "block, then score": the caller (workflow) reads the
// candidates by exact keys (the person's citizen record or phone hash, the
// time window, the category subtree, the place) and this package scores
// them: the category must agree where both tickets have one, and the texts
// must be alike, by a TF-IDF cosine over segmented words blended with the
// overlap of character bigrams. Every decision carries a reason a clerk can
// read. The package reads no database and writes nothing: workflow records
// what it finds, and never merges anything automatically.
package patterns

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/intake/extract"
	"github.com/minsheng/minsheng/pii"
)

// Settings are a tenant's thresholds (tenant settings, see Read).
type Settings struct {
	// RepeatWindow is how far back an earlier ticket of the same person
	// counts for a repeat; open tickets count whatever their age.
	RepeatWindow time.Duration
	// GroupMinCitizens is how many distinct citizens make a group case.
	GroupMinCitizens int
	// GroupWindow is how close in time the tickets of a group case are.
	GroupWindow time.Duration
	// Off switches detection off for the tenant (setting
	// patternDetection: false), e.g. during a bulk import.
	Off bool
}

// Tenant setting names (Tenant.settings JSON) and their defaults.
const (
	SettingRepeatWindowDays   = "repeatWindowDays"
	SettingGroupMinCitizens   = "groupMinCitizens"
	SettingGroupWindowDays    = "groupWindowDays"
	SettingDetection          = "patternDetection"
	DefaultRepeatWindowDays   = 180
	DefaultGroupMinCitizens   = 5
	DefaultGroupWindowDays    = 7
	maxRepeatWindowDays       = 3 * 365
	maxGroupWindowDays        = 90
	maxGroupMinCitizens       = 1000
	minGroupMinCitizensAccept = 2
)

// Read takes the thresholds from a tenant's settings; a missing or
// unreasonable value falls back to its default.
func Read(settings map[string]any) Settings {
	return Settings{
		RepeatWindow:     days(intSetting(settings, SettingRepeatWindowDays, 1, maxRepeatWindowDays, DefaultRepeatWindowDays)),
		GroupMinCitizens: intSetting(settings, SettingGroupMinCitizens, minGroupMinCitizensAccept, maxGroupMinCitizens, DefaultGroupMinCitizens),
		GroupWindow:      days(intSetting(settings, SettingGroupWindowDays, 1, maxGroupWindowDays, DefaultGroupWindowDays)),
		Off:              settings[SettingDetection] == false,
	}
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// intSetting reads a whole number in [lo, hi]; JSON numbers arrive as float64.
func intSetting(settings map[string]any, name string, lo, hi, def int) int {
	var n float64
	switch v := settings[name].(type) {
	case float64:
		n = v
	case int:
		n = float64(v)
	default:
		return def
	}
	if n != math.Trunc(n) || n < float64(lo) || n > float64(hi) {
		return def
	}
	return int(n)
}

// Thresholds, tuned on Generate's set with seed 1 (docs/accuracy.md reports
// them on seed 2 and on the second generator).
const (
	// RepeatThreshold is the least text score of a repeat.
	RepeatThreshold = 0.45
	// GroupThreshold is the least text score for "the same matter" in a
	// group case: several people describe one matter in more different
	// words than one person twice.
	GroupThreshold = 0.55
	// PlaceThreshold is the least text score for tickets at the same
	// place, in the same category subtree, to be about one thing.
	PlaceThreshold = 0.15
	// UncategorisedPlaceThreshold is the least text score for tickets at
	// exactly the same place (one community or grid, or one place text)
	// when either has no category: without the category's evidence the
	// words must say more than PlaceThreshold asks.
	UncategorisedPlaceThreshold = 0.3
	// cosineShare is the cosine's share of the text score; the rest is
	// the overlap of character bigrams, which catches words the segmenter
	// cut differently.
	cosineShare = 0.6
	// maxTerms bounds the words kept of one ticket.
	maxTerms = 400
)

// The thresholds in use: the constants, moved only by the tuning test.
var repeatThreshold, groupThreshold, placeThreshold = RepeatThreshold, GroupThreshold, PlaceThreshold

// uncategorisedPlaceThreshold is UncategorisedPlaceThreshold; 2 switches the
// rule off (the figures before it, in the accuracy test).
var uncategorisedPlaceThreshold = UncategorisedPlaceThreshold

// Matcher scores tickets against each other. It is safe for concurrent use.
type Matcher struct {
	c *insight.Classifier

	mu   sync.Mutex
	docs map[string]Doc // prepared documents by their terms
}

// New returns a matcher using the classifier's segmenter and word weights.
func New(c *insight.Classifier) *Matcher { return &Matcher{c: c} }

// Terms is what is stored of a ticket's text for matching: its title and
// body, numbers masked, cut into words, without punctuation and function
// words, space-separated; then a newline and the places the text and the
// place field name (intake/extract), normalised, space-separated. Computed
// once at registration.
func (m *Matcher) Terms(title, body, place string) string {
	text, _ := pii.MaskText(title + "。" + body)
	var out []string
	for _, w := range m.c.Tokens(text) {
		if !wordy(w) || stop[w] {
			continue
		}
		out = append(out, w)
		if len(out) == maxTerms {
			break
		}
	}
	var places []string
	for _, p := range append(append([]string{place}, extract.Places(text)...), buildings(text)...) {
		if p = NormalisePlace(p); p != "" && !slices.Contains(places, p) && len(places) < maxPlaces {
			places = append(places, p)
		}
	}
	return strings.Join(out, " ") + "\n" + strings.Join(places, " ")
}

// building is a name followed by a building or house number (兰园30栋,
// 幸福里9号楼), which extract.Places leaves to longer addresses.
var building = regexp.MustCompile(`\p{Han}{2,10}?[0-9]{1,4}(?:栋|幢|号楼|号|单元)`)

// buildings finds building numbers with their names, one clause at a time.
func buildings(text string) []string {
	var out []string
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }) {
		out = append(out, building.FindAllString(clause, 2)...)
	}
	return out
}

// maxPlaces bounds the places kept of one ticket.
const maxPlaces = 8

// NormalisePlace keeps the letters and digits of a place, in lower case;
// "" when fewer than two remain.
func NormalisePlace(p string) string {
	var b strings.Builder
	for _, r := range p {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if len([]rune(b.String())) < 2 {
		return ""
	}
	return b.String()
}

// placesAlike reports whether two tickets may be at the same place: either
// names none, or one of each pair contains the other or they share most of
// their character bigrams (翠竹园小区12栋 and 翠竹园12栋2单元 do; 锁金村25栋
// and 锁金村12栋 do not).
func placesAlike(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if contains(x, y) || contains(y, x) || dice(bigrams(x), bigrams(y)) >= placeAlike {
				return true
			}
		}
	}
	return false
}

// contains reports whether place x contains place y of at least four
// characters (小区 is in every estate's name, an estate's name in each of
// its buildings').
func contains(x, y string) bool {
	return len([]rune(y)) >= 4 && strings.Contains(x, y)
}

// placeAlike is the least bigram overlap of two names of one place.
const placeAlike = 0.6

func bigrams(s string) map[string]struct{} {
	rs := []rune(s)
	out := make(map[string]struct{}, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out[string(rs[i:i+2])] = struct{}{}
	}
	return out
}

func dice(a, b map[string]struct{}) float64 {
	n := len(a) + len(b)
	if n == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for g := range a {
		if _, ok := b[g]; ok {
			common++
		}
	}
	return 2 * float64(common) / float64(n)
}

// wordy reports whether w holds a letter (a Chinese character counts) or
// is a short number (12 of 12栋); long digit runs say nothing of a matter.
func wordy(w string) bool {
	digits := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
		if unicode.IsDigit(r) {
			digits++
		}
	}
	return digits > 0 && digits <= 4 && digits == len([]rune(w))
}

// stop are function words and fillers that say nothing about a matter.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`的 了 是 在 我 我们 你 你们 他 她 它 他们 这 那 这个 那个 和 与 及 或 也 都 就 还 又 很 非常 有 没有 没 不 被 把 给 对 从 到 向 让 请 请问 您 您好 你好 喂 嗯 啊 呢 吧 吗 呀 哦 就是 那个 然后 一下 一个 一些 现在 已经 一直 目前 今天 昨天 最近 反映 投诉 问题 情况 希望 要求 相关 部门 尽快 处理 解决 帮忙 帮助 麻烦 谢谢 市民 来电 来信 称 说 讲 想 要 能 会 可以 怎么 怎么办 什么 为什么 多次 再次 又 了解 咨询 xx ※`) {
		stop[w] = true
	}
}

// Doc is a ticket's text made ready for scoring: weighted words,
// character bigrams and the places it names. Words and bigrams are kept as
// sorted hashes, so scoring two documents is a merge of two short arrays
// with no allocation: detection scores a new ticket against hundreds of
// candidates per registration.
type Doc struct {
	words   []term   // TF-IDF, unit length, sorted by hash
	bigrams []uint64 // distinct, sorted
	places  []string
}

// term is one word of a Doc: its hash and weight.
type term struct {
	h uint64
	w float64
}

// hash is FNV-1a: collisions among the few hundred words and bigrams of
// two tickets are too rare to move a score.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// docCacheSize bounds the process's cache of prepared documents (about
// 2 kB each); a full cache is emptied and filled again.
const docCacheSize = 50_000

// Doc prepares stored terms (see Terms) for scoring. A document is a pure
// function of its terms, so the process keeps the ones it prepared: a
// ticket of the group window is prepared once, not at every registration.
func (m *Matcher) Doc(terms string) Doc {
	m.mu.Lock()
	d, ok := m.docs[terms]
	m.mu.Unlock()
	if ok {
		return d
	}
	d = m.doc(terms)
	m.mu.Lock()
	if m.docs == nil || len(m.docs) >= docCacheSize {
		m.docs = make(map[string]Doc)
	}
	m.docs[terms] = d
	m.mu.Unlock()
	return d
}

func (m *Matcher) doc(terms string) Doc {
	text, places, _ := strings.Cut(terms, "\n")
	words := strings.Fields(text)
	tf := make(map[string]float64, len(words))
	for _, w := range words {
		tf[w] += m.c.Weight(w)
	}
	d := Doc{words: make([]term, 0, len(tf)), places: strings.Fields(places)}
	norm := 0.0
	for w, x := range tf {
		// A word repeated counts with diminishing weight.
		x = (1 + math.Log(x/m.c.Weight(w))) * m.c.Weight(w)
		d.words = append(d.words, term{hash(w), x})
		norm += x * x
	}
	norm = math.Sqrt(norm)
	for i := range d.words {
		d.words[i].w /= norm
	}
	slices.SortFunc(d.words, func(a, b term) int { return cmpU64(a.h, b.h) })
	// Bigrams of the text without stop words, across word boundaries.
	rs := []rune(strings.Join(words, ""))
	for i := 0; i+1 < len(rs); i++ {
		d.bigrams = append(d.bigrams, hash(string(rs[i:i+2])))
	}
	slices.Sort(d.bigrams)
	d.bigrams = slices.Compact(d.bigrams)
	return d
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Similarity is the text score of two documents in [0,1]: the cosine of
// their weighted words blended with the Dice overlap of their bigrams.
func Similarity(a, b Doc) float64 {
	if len(a.words) == 0 || len(b.words) == 0 {
		return 0
	}
	cos := 0.0
	for i, j := 0, 0; i < len(a.words) && j < len(b.words); {
		switch x, y := a.words[i], b.words[j]; {
		case x.h < y.h:
			i++
		case x.h > y.h:
			j++
		default:
			cos += x.w * y.w
			i++
			j++
		}
	}
	dice := 0.0
	if n := len(a.bigrams) + len(b.bigrams); n > 0 {
		common := 0
		for i, j := 0, 0; i < len(a.bigrams) && j < len(b.bigrams); {
			switch x, y := a.bigrams[i], b.bigrams[j]; {
			case x < y:
				i++
			case x > y:
				j++
			default:
				common++
				i++
				j++
			}
		}
		dice = 2 * float64(common) / float64(n)
	}
	return min(1, cosineShare*cos+(1-cosineShare)*dice)
}

// Ticket is what detection knows of one ticket.
type Ticket struct {
	ID   int
	Code string
	// Person is the person key: "i<ID-number hash>" when the ticket's
	// citizen has an ID number, else "p<contact phone hash>", else
	// "c<citizen ID>", else "" (unknown: anonymous, or no details given).
	Person string
	// Phones are the keyed hashes of the phone numbers known for the
	// ticket's person (its contact phone, the citizen's numbers).
	Phones []string
	// Category is the ticket's category and its ancestors, root first;
	// nil when it has none.
	Category []int
	// Place is the place key: "r<region ID>" for a community or grid, or
	// the normalised place text; "" when unknown.
	Place string
	// PlaceName is the place as people read it, for reasons.
	PlaceName    string
	RegisteredAt time.Time
	Doc          Doc
	// RepeatOf is the first ticket this one was marked as repeating (0:
	// none or the mark was rejected).
	RepeatOf int
	// GroupCase is the group case the ticket is in (0: none).
	GroupCase int
	// CoSigners are the people who signed the ticket besides its person
	// (联名人), each with his own keys.
	CoSigners []Signer
}

// Signer is one person who signed a ticket, as detection knows him: his
// person key (as Ticket.Person) and the keyed hashes of his phone numbers.
type Signer struct {
	Person string
	Phones []string
}

// signers are the ticket's person first, then its co-signers.
func signers(t Ticket) []Signer {
	return append([]Signer{{Person: t.Person, Phones: t.Phones}}, t.CoSigners...)
}

// Persons is the number of distinct known persons who signed t.
func Persons(t Ticket) int {
	seen := map[string]bool{}
	for _, s := range signers(t) {
		if s.Person != "" {
			seen[s.Person] = true
		}
	}
	return len(seen)
}

// categoryAgrees reports whether two tickets' categories allow the same
// matter: either has none, or one lies in the other's subtree, or they
// share the first two levels (e.g. 城乡建设 › 物业管理).
func categoryAgrees(a, b []int) (agree, known bool) {
	if len(a) == 0 || len(b) == 0 {
		return true, false
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if slices.Equal(short, long[:len(short)]) {
		return true, true
	}
	return len(short) >= 2 && slices.Equal(short[:2], long[:2]), true
}

// Repeat is a repeat mark: the first ticket (初件) and why.
type Repeat struct {
	FirstID int
	// MatchedID is the earlier ticket most like the new one; FirstID is
	// the first of its chain.
	MatchedID int
	Score     float64
	Reason    string
}

// FindRepeat looks among earlier tickets of the same person (the caller
// blocked them by person key and window) for one about the same matter.
// byID resolves a matched ticket's chain to its first ticket; it may be
// nil (then the earliest matching ticket is the first).
func FindRepeat(t Ticket, earlier []Ticket, byID map[int]Ticket) (Repeat, bool) {
	var best Repeat
	var firstAt time.Time
	found := false
	for _, e := range earlier {
		if e.ID == t.ID {
			continue
		}
		key, coSigned := samePerson(t, e)
		if key == "" {
			continue
		}
		agree, known := categoryAgrees(t.Category, e.Category)
		if !agree || !placesAlike(t.Doc.places, e.Doc.places) {
			continue
		}
		s := Similarity(t.Doc, e.Doc)
		if s < repeatThreshold {
			continue
		}
		first := e
		if f, ok := byID[e.RepeatOf]; ok && e.RepeatOf != 0 {
			first = f
		}
		// The first ticket is the earliest of all matches and their chains.
		if !found || first.RegisteredAt.Before(firstAt) || first.RegisteredAt.Equal(firstAt) && first.ID < best.FirstID {
			best.FirstID, firstAt = first.ID, first.RegisteredAt
		}
		if s > best.Score {
			best.MatchedID, best.Score = e.ID, s
			best.Reason = repeatReason(key, coSigned, known, s, e.Code)
		}
		found = true
	}
	return best, found
}

// samePerson names the key two tickets share, or "": a person who signed
// both, as citizen or co-signer (coSigned: on either side as a co-signer).
func samePerson(a, b Ticket) (key string, coSigned bool) {
	for i, x := range signers(a) {
		for j, y := range signers(b) {
			if key := sameSigner(x, y); key != "" {
				return key, i > 0 || j > 0
			}
		}
	}
	return "", false
}

// sameSigner names the key two signers share, or "".
func sameSigner(a, b Signer) string {
	ia, ib := strings.HasPrefix(a.Person, "i"), strings.HasPrefix(b.Person, "i")
	switch {
	case ia && ib && a.Person == b.Person:
		return "身份证号"
	case ia && ib:
		return "" // two ID numbers: two people, whatever phone they share
	case a.Person != "" && a.Person == b.Person && strings.HasPrefix(a.Person, "c"):
		return "公民档案"
	}
	for _, p := range a.Phones {
		if slices.Contains(b.Phones, p) {
			return "电话号码"
		}
	}
	return ""
}

func repeatReason(key string, coSigned, categoryKnown bool, score float64, code string) string {
	cat := "类别未定"
	if categoryKnown {
		cat = "同类别"
	}
	who := ""
	if coSigned {
		who = "，为联名人"
	}
	return fmt.Sprintf("同一人（%s相同%s），同一事项（%s，文本相似度 %.2f），与 %s 相同", key, who, cat, score, code)
}

// Group is a group case the new ticket forms or joins.
type Group struct {
	// Members are the earlier tickets linked to the new one (when joining,
	// only those of the group case joined).
	Members []int
	// Join is the group case to join (the oldest among the members'); 0
	// forms a new one.
	Join int
	// Persons is the number of distinct known persons among the new
	// ticket and its members: a ticket with no known person (anonymous,
	// no details) may join a group but does not count toward its size.
	Persons int
	// ByPlace is true when the link is the place rather than the matter.
	ByPlace bool
	// CoSigned is true when the new ticket is a group case by itself: a
	// letter signed by enough people (联名), linked to no other ticket.
	CoSigned bool
}

// FindGroup links the new ticket to the earlier tickets (the caller blocked
// them by tenant and window) about the same matter or at the same place,
// and reports a group when they hold at least min distinct persons or when
// one of them is already in a group case.
func FindGroup(t Ticket, earlier []Ticket, minPersons int) (Group, bool) {
	var matter, place []Ticket
	for _, e := range earlier {
		if e.ID == t.ID {
			continue
		}
		agree, known := categoryAgrees(t.Category, e.Category)
		if !agree {
			continue
		}
		if !placesAlike(t.Doc.places, e.Doc.places) {
			continue
		}
		// The place is known to be the same: the same community, grid or
		// place text, or alike places named in both texts. A link needs
		// evidence beyond words alike: that place, or the category.
		samePlace := t.Place != "" && t.Place == e.Place ||
			len(t.Doc.places) > 0 && len(e.Doc.places) > 0
		s := Similarity(t.Doc, e.Doc)
		switch {
		case s >= groupThreshold && (samePlace || known):
			matter = append(matter, e)
		case samePlace && known && s >= placeThreshold:
			place = append(place, e)
		case !known && t.Place != "" && t.Place == e.Place && s >= uncategorisedPlaceThreshold:
			// No category on one side: the same community, grid or
			// place text, and words alike enough.
			place = append(place, e)
		}
	}
	if g, ok := group(t, matter, minPersons); ok {
		return g, true
	}
	g, ok := group(t, append(matter, place...), minPersons)
	g.ByPlace = true
	if !ok && len(g.Members) == 0 {
		if n := Persons(t); n >= minPersons {
			return Group{Persons: n, CoSigned: true}, true
		}
	}
	return g, ok
}

// CoSignedReason says why a letter is a group case by itself.
func CoSignedReason(persons int) string { return fmt.Sprintf("联名 %d 人", persons) }

// GroupReason says why tickets form a group case, with no personal data:
// how many people, within how many days, on one matter or at one place.
func GroupReason(persons int, window time.Duration, byPlace bool, placeName string) string {
	d := int(window / (24 * time.Hour))
	if byPlace {
		if placeName == "" {
			placeName = "同一地点"
		}
		return fmt.Sprintf("%d 人在 %d 天内反映同一地点（%s）的同类事项", persons, d, placeName)
	}
	return fmt.Sprintf("%d 人在 %d 天内反映同一事项", persons, d)
}

func group(t Ticket, linked []Ticket, minPersons int) (Group, bool) {
	if len(linked) == 0 {
		return Group{}, false
	}
	persons := map[string]bool{}
	add := func(x Ticket) {
		for _, s := range signers(x) {
			if s.Person != "" {
				persons[s.Person] = true
			}
		}
	}
	add(t)
	g := Group{}
	for _, e := range linked {
		if e.GroupCase != 0 && (g.Join == 0 || e.GroupCase < g.Join) {
			g.Join = e.GroupCase
		}
	}
	// Joining a group case, the new ticket comes alone: tickets linked to
	// it but not to the group stay out, so one vague ticket cannot bridge
	// two matters.
	for _, e := range linked {
		if g.Join != 0 && e.GroupCase != g.Join {
			continue
		}
		add(e)
		g.Members = append(g.Members, e.ID)
	}
	g.Persons = len(persons)
	if len(persons) < 2 && g.Join == 0 {
		return g, false
	}
	return g, g.Join != 0 || g.Persons >= minPersons
}
