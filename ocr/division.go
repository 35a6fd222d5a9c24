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

// nearName returns the single name of the list that s starts with, allowing
// one misread character in names of three characters or more. ok is false
// when none or several fit.
func nearName(s []rune, names []string) (name string, ok bool) {
	best, found := "", 0
	for _, n := range names {
		nr := []rune(n)
		if len(nr) > len(s) {
			continue
		}
		diff := 0
		for i := range nr {
			if nr[i] != s[i] {
				diff++
			}
		}
		if diff == 0 {
			// An exact match wins, the longest if several (吉林市 over 吉林).
			if found < 100 || len([]rune(n)) > len([]rune(best)) {
				best, found = n, 100
			}
			continue
		}
		if diff == 1 && len(nr) >= 3 && found < 100 {
			if found == 0 {
				best = n
			} else if best != n {
				best = "" // two names fit: do not guess
			}
			found++
		}
	}
	return best, best != ""
}

// repairPlaces corrects one misread character per place name at the start
// of an address (province, city, county), against the code table. It
// returns s unchanged when the names cannot be matched unambiguously.
func repairPlaces(s string) string {
	loadTree()
	rs := []rune(s)
	var out []rune
	level := provinces
	for depth := 0; depth < 3 && len(rs) > 0; depth++ {
		name, ok := nearName(rs, level)
		if !ok {
			break
		}
		out = append(out, []rune(name)...)
		rs = rs[len([]rune(name)):]
		level = children[name]
	}
	return string(append(out, rs...))
}

// repairAuthority corrects one misread character in the place name of an
// issuing authority: 某某县公安局, 某某市公安局某某分局.
func repairAuthority(s string) string {
	loadTree()
	i := strings.Index(s, "公安局")
	if i <= 0 {
		return s
	}
	head, tail := s[:i], s[i:]
	if name, ok := nearName([]rune(head), allNames); ok && len([]rune(name)) == len([]rune(head)) {
		head = name
	}
	return head + tail
}
