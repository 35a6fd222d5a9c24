package ocr

import (
	"strconv"
	"strings"
	"sync"

	"github.com/guanguans/id-validator/data"
)

// The division table comes from github.com/guanguans/id-validator, which
// follows the Ministry of Civil Affairs' published codes (current ones and
// their history). Its AddressCode builds a fresh map of ~3,200 entries on
// every call, so it is built once here.
var (
	divisionsOnce sync.Once
	divisions     map[uint32]string
)

// divisionName returns the name of a six-digit code: the current one, else
// the latest name in the code's history (numbers issued before a district
// was renamed or merged keep the old code for life).
func divisionName(code string) string {
	divisionsOnce.Do(func() { divisions = data.AddressCode() })
	n, err := strconv.ParseUint(code, 10, 32)
	if err != nil {
		return ""
	}
	if name := divisions[uint32(n)]; name != "" {
		return name
	}
	tl := data.GetAddressCodeTimeline(uint32(n))
	if len(tl) > 0 {
		return tl[len(tl)-1]["address"]
	}
	return ""
}

// division names the province, city and district of an ID number's first
// six digits, e.g. 江苏省南京市玄武区. It returns "" for a code absent from
// the table. Placeholders (市辖区, 县) of municipalities are left out.
func division(code string) string {
	if len(code) != 6 {
		return ""
	}
	province := divisionName(code[:2] + "0000")
	if province == "" {
		return ""
	}
	district := divisionName(code)
	if district == "" && !strings.HasSuffix(code, "00") {
		return ""
	}
	parts := []string{province}
	if city := divisionName(code[:4] + "00"); city != "" && code[2:4] != "00" && city != "市辖区" && city != "县" && city != province {
		parts = append(parts, city)
	}
	if code[4:] != "00" && district != "" {
		parts = append(parts, district)
	}
	return strings.Join(parts, "")
}

// divisionParts is division cut into its names: province, city (absent
// for a municipality's district or a county under the province) and
// county. Nil for a code absent from the table.
func divisionParts(code string) []string {
	if len(code) != 6 || code[4:] == "00" {
		return nil
	}
	province, district := divisionName(code[:2]+"0000"), divisionName(code)
	if province == "" || district == "" {
		return nil
	}
	parts := []string{province}
	if city := divisionName(code[:4] + "00"); city != "" && city != "市辖区" && city != "县" && city != province && !strings.Contains(city, "直辖") {
		parts = append(parts, city)
	}
	return append(parts, district)
}

// fitDivision corrects the start of an address read from a card against
// the division its verified ID number names (the first six digits): the
// province, city and county printed at the start of the address are most
// often those of the number. A place name read with at most a third of
// its characters wrong, missing or extra (at least one; in a two-character
// name one substitution: 勉县 read 揭县), that is not itself a name under
// the place before it, nor the start of one (淇滨区 is not 淇县 misread),
// is taken to be the number's; the rest of the address is kept. An address
// that starts elsewhere (the holder moved, even to the next county) is not
// touched: its names are real ones, or too far from the number's. Marks
// read before the province (a piece of the label, 址) are dropped when the
// province follows within two characters. fitted reports whether every
// name of the division was found.
func fitDivision(addr, code string) (out string, fitted bool) {
	parts := divisionParts(code)
	if len(parts) == 0 {
		return addr, false
	}
	loadTree()
	rs := []rune(addr)
	var done []rune
	parent := provinces
	for k, name := range parts {
		n := len([]rune(name))
		allowed := max(1, (n+1)/3)
		best, bestCost, bestSkip := -1, allowed+1, 0
		skips := []int{0}
		if k == 0 {
			skips = []int{0, 1, 2}
		}
		for _, skip := range skips {
			for l := max(1, n-n/4-1); l <= n+n/4+1 && skip+l <= len(rs); l++ {
				read := string(rs[skip : skip+l])
				c := editDistance(read, name)
				if n == 2 && (l != 2 || c > 1) {
					continue
				}
				if c > 0 && (contains(parent, read) || startsWithOther(rs[skip:], parent, name)) {
					continue // a real place, just not the number's
				}
				if c > allowed {
					continue
				}
				if c < bestCost || c == bestCost && (skip < bestSkip || skip == bestSkip && abs(l-n) < abs(best-n)) {
					best, bestCost, bestSkip = l, c, skip
				}
			}
		}
		if best < 0 {
			return string(append(done, rs...)), false
		}
		done = append(done, []rune(name)...)
		rs = rs[bestSkip+best:]
		parent = children[name]
	}
	return string(append(done, rs...)), true
}

// fitDivisionUnsure is fitDivision for a number that passes its check
// digit but was not verified (most often the printed birth date was
// misread, so the number could not be confirmed by it). The number may
// itself be misread, so only the plainest misread is put right: each of
// the division's names (province, city, county) must stand at the start
// of the address in order, each read exactly or with characters changed
// at the same places, one, or up to a third of a longer name (桓城县 for
// 柘城县, 察哈尔右避后旋 for 察哈尔右翼后旗), never a real place under
// the name before it (虞城县 is the holder's, not a misread), nor the start
// of one (淇滨区 is not 淇县 misread: 淇滨 is not 淇县). Anything
// else (a name missing, shortened, longer, two characters off) leaves the
// address as read. changed reports a correction: the caller marks the
// address unsure, because the fix rests on an unchecked number.
//
// The table has no towns, villages or streets, so nothing below the
// county is corrected (龙朱镇, 旬水小区 stay as read); no word list of
// our own is added for them, as it would be tuned to the generator.
func fitDivisionUnsure(addr, code string) (out string, changed bool) {
	parts := divisionParts(code)
	if len(parts) == 0 {
		return addr, false
	}
	loadTree()
	rs := []rune(addr)
	var done []rune
	parent := provinces
	for _, name := range parts {
		n := []rune(name)
		if len(rs) < len(n) {
			return addr, false
		}
		read := rs[:len(n)]
		diff := 0
		for i := range n {
			if read[i] != n[i] {
				diff++
			}
		}
		switch {
		case diff == 0:
		case diff <= max(1, len(n)/3) && !startsWithOther(rs, parent, name):
			changed = true
		default:
			return addr, false
		}
		done = append(done, n...)
		rs = rs[len(n):]
		parent = children[name]
	}
	if !changed {
		return addr, false
	}
	return string(append(done, rs...)), true
}

// startsWithOther reports whether s starts with a name of list other
// than name: a real place, read right.
func startsWithOther(s []rune, list []string, name string) bool {
	for _, x := range list {
		if x != name && strings.HasPrefix(string(s), x) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// editDistance counts the characters to change, drop or add to turn a
// into b.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			c := prev[j-1]
			if x[i-1] != y[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// The table as a tree, for repairing misread place names.
var (
	treeOnce  sync.Once
	provinces []string
	children  map[string][]string // a province's or city's name → the names under it
	allNames  []string
)

func loadTree() {
	treeOnce.Do(func() {
		divisionsOnce.Do(func() { divisions = data.AddressCode() })
		children = map[string][]string{}
		seen := map[string]bool{}
		for code, name := range divisions {
			if !seen[name] {
				seen[name] = true
				allNames = append(allNames, name)
			}
			switch {
			case code%10000 == 0:
				provinces = append(provinces, name)
			case code%100 == 0:
				if p := divisions[code/10000*10000]; p != "" {
					children[p] = append(children[p], name)
				}
			default:
				// Counties hang under their city, and under the province
				// too, for municipalities and for county-level cities
				// directly under a province (their city row is 市辖区, 县
				// or 省直辖县级行政区划).
				if c := divisions[code/100*100]; c != "" {
					children[c] = append(children[c], name)
				}
				if p := divisions[code/10000*10000]; p != "" {
					children[p] = append(children[p], name)
				}
			}
		}
	})
}

// match is one way a place name can stand at the start of misread text.
type match struct {
	name     string
	consumed int // runes of the text it stands for
	cost     int // 0 exact, 1 one character misread, dropped or added
}

// matchName returns how name stands at the start of s, if it does with at
// most one error. An error is allowed only in names of three characters or
// more: in two, one error leaves too little to go on.
func matchName(s []rune, name string) (match, bool) {
	n := []rune(name)
	if len(n) <= len(s) {
		diff := 0
		for i := range n {
			if n[i] != s[i] {
				diff++
			}
		}
		if diff == 0 {
			return match{name, len(n), 0}, true
		}
		if diff == 1 && len(n) >= 3 {
			return match{name, len(n), 1}, true
		}
	}
	if len(n) < 3 {
		return match{}, false
	}
	// One character of the name missing from s, or one extra in s.
	for skip := 0; skip < len(n); skip++ {
		if len(n)-1 <= len(s) && string(n[:skip])+string(n[skip+1:]) == string(s[:len(n)-1]) {
			return match{name, len(n) - 1, 1}, true
		}
	}
	if len(n)+1 <= len(s) {
		for skip := 1; skip < len(n); skip++ {
			if string(s[:skip])+string(s[skip+1:len(n)+1]) == name {
				return match{name, len(n) + 1, 1}, true
			}
		}
	}
	return match{}, false
}

// bestPlace picks the name of names that s starts with: an exact match
// (the longest), else the single longest match with one error; between
// equally good ones, the one whose own subdivisions follow in s. ok is
// false when it cannot tell.
func bestPlace(s []rune, names []string, lookahead bool) (match, bool) {
	var exact, near []match
	for _, n := range names {
		if m, ok := matchName(s, n); ok {
			if m.cost == 0 {
				exact = append(exact, m)
			} else {
				near = append(near, m)
			}
		}
	}
	pick := func(ms []match) (match, bool) {
		if len(ms) == 0 {
			return match{}, false
		}
		longest := 0
		for _, m := range ms {
			longest = max(longest, len([]rune(m.name)))
		}
		var top []match
		for _, m := range ms {
			if len([]rune(m.name)) == longest {
				top = append(top, m)
			}
		}
		if len(top) == 1 {
			return top[0], true
		}
		if !lookahead {
			return match{}, false
		}
		var fit []match
		for _, m := range top {
			if _, ok := bestPlace(s[m.consumed:], children[m.name], false); ok {
				fit = append(fit, m)
			}
		}
		if len(fit) == 1 {
			return fit[0], true
		}
		return match{}, false
	}
	if m, ok := pick(exact); ok {
		return m, true
	}
	if len(exact) > 0 {
		return match{}, false
	}
	return pick(near)
}

// repairPlaces corrects one misread character per place name at the start
// of an address (province, city, county), against the code table. It
// returns s unchanged from the first name it cannot match unambiguously.
// A county's 县 read twice (威信县县白马镇) is read once: no town's name
// starts with 县, though 县城 (the county town) may follow a county.
func repairPlaces(s string) string {
	loadTree()
	rs := []rune(s)
	var out []rune
	level := provinces
	for depth := 0; depth < 3 && len(rs) > 0; depth++ {
		m, ok := bestPlace(rs, level, true)
		if !ok {
			break
		}
		out = append(out, []rune(m.name)...)
		rs = rs[m.consumed:]
		level = children[m.name]
		if depth == 2 && strings.HasSuffix(m.name, "县") && len(rs) > 1 && rs[0] == '县' && rs[1] != '城' {
			rs = rs[1:]
		}
	}
	return string(append(out, rs...))
}

// repairAuthority corrects one misread character in the place name of an
// issuing authority: 某某县公安局, 某某市公安局某某分局; and in a city's
// branch (repairBranch).
func repairAuthority(s string) string {
	loadTree()
	s = trimAuthorityTail(s)
	i := strings.Index(s, "公安局")
	if i <= 0 {
		return s
	}
	head, tail := s[:i], s[i:]
	if m, ok := bestPlace([]rune(head), allNames, false); ok && m.consumed == len([]rune(head)) {
		head = m.name
	}
	if city, branch, ok := branchOf(head + tail); ok {
		return city + "公安局" + repairBranch(city, branch) + "分局"
	}
	return head + tail
}

// trimAuthorityTail drops what the background adds after an authority's
// name (秭归县公安局上, 株洲市公安局荷塘分局了): a name ends with 公安局 or
// 分局. Up to two characters after 分局 go; after 公安局 only one that is
// not 分, since more may be what is left of a branch whose 分局 was lost.
func trimAuthorityTail(s string) string {
	if i := strings.LastIndex(s, "分局"); i >= 0 {
		if n := len([]rune(s[i+len("分局"):])); n >= 1 && n <= 2 {
			return s[:i+len("分局")]
		}
		return s
	}
	if i := strings.LastIndex(s, "公安局"); i >= 0 {
		if tail := []rune(s[i+len("公安局"):]); len(tail) == 1 && tail[0] != '分' {
			return s[:i+len("公安局")]
		}
	}
	return s
}

// branchOf splits a city's branch office, 某某市公安局某某分局, into the
// city and the branch's name (鄞州); ok is false for any other form.
func branchOf(s string) (city, branch string, ok bool) {
	i := strings.Index(s, "公安局")
	if i <= 0 || !strings.HasSuffix(s, "分局") {
		return "", "", false
	}
	city, branch = s[:i], strings.TrimSuffix(s[i+len("公安局"):], "分局")
	return city, branch, branch != ""
}

// knownBranch reports whether branch is one of city's districts or
// counties, with its 区, 县 or 市 or without (鄞州 and 鄞州区 both name
// 鄞州区 of 宁波市).
func knownBranch(city, branch string) bool {
	loadTree()
	for _, c := range children[city] {
		if c == branch || districtStem(c) == branch {
			return true
		}
	}
	return false
}

// repairBranch puts right one misread character of a branch that is none
// of its city's districts (都州 for 鄞州, 邢江 for 邗江, 王冀 for 王益)
// when exactly one district's name is that one character away. Two
// characters with one wrong would say too little among all the country's
// names (matchName refuses it); among one city's dozen districts, one
// near name is the branch. Branches not named after a district
// (开发区分局) stay as read.
func repairBranch(city, branch string) string {
	if knownBranch(city, branch) {
		return branch
	}
	b := []rune(branch)
	var near []string
	for _, c := range children[city] {
		st := []rune(districtStem(c))
		if len(st) != len(b) || len(b) < 2 {
			continue
		}
		diff := 0
		for i := range st {
			if st[i] != b[i] {
				diff++
			}
		}
		if diff == 1 {
			near = append(near, string(st))
		}
	}
	if len(near) == 1 {
		return near[0]
	}
	return branch
}

// districtStem is a district's or county's name without its last
// character when that is 区, 县 or 市 and two characters are left: the
// form a branch office takes (鄞州区 → 鄞州).
func districtStem(name string) string {
	rs := []rune(name)
	if len(rs) >= 3 && strings.ContainsRune("区县市", rs[len(rs)-1]) {
		return string(rs[:len(rs)-1])
	}
	return name
}
