package workflow

import (
	"strings"
	"unicode"
)

// Element is one of the five elements of a reply (答复五要素).
type Element struct {
	Name    string // as in the API: facts, basis, handling, result, appealChannel
	Chinese string
}

// Elements are the five elements in the order a reply states them.
var Elements = []Element{
	{"facts", "事实"},
	{"basis", "依据"},
	{"handling", "处理"},
	{"result", "结果"},
	{"appealChannel", "救济渠道"},
}

// String is the element as a hint names it, e.g. "basis (依据)".
func (e Element) String() string { return e.Name + " (" + e.Chinese + ")" }

// ReplyText is what a department writes in each element of a reply.
type ReplyText struct {
	Facts         string
	Basis         string
	Handling      string
	Result        string
	AppealChannel string
}

// minElementRunes is the shortest answer taken as saying something: letters,
// digits and Chinese characters are counted, punctuation and spaces are not.
// Three characters ("已解决", "无依据") do not state facts or a basis.
const minElementRunes = 4

// tokenAnswers are placeholders that fill a box without answering it, long
// enough to pass the length check; compared after trimming spaces and
// closing punctuation, case-insensitively.
var tokenAnswers = []string{
	"暂无", "无", "略", "同上", "见上", "已处理", "已办理", "已解决", "不详", "n/a", "na", "none", "-", "--", "/",
	"详见附件", "见附件", "同上所述", "如上所述", "按规定处理", "依法处理", "依法依规处理", "按相关规定处理",
	"not applicable",
}

// MissingElements names the elements of r that are blank or a token answer,
// in the order of Elements.
func MissingElements(r ReplyText) []Element {
	values := []string{r.Facts, r.Basis, r.Handling, r.Result, r.AppealChannel}
	var out []Element
	for i, v := range values {
		if isToken(v) {
			out = append(out, Elements[i])
		}
	}
	return out
}

// isToken reports whether an element's text says nothing.
func isToken(s string) bool {
	s = strings.ToLower(strings.TrimRightFunc(strings.TrimSpace(s), func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r)
	}))
	for _, t := range tokenAnswers {
		if s == t {
			return true
		}
	}
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n < minElementRunes
}

// elementNames are the API names of elements, for storing and for the timeline.
func elementNames(es []Element) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

// describeElements writes elements as "facts (事实) and basis (依据)".
func describeElements(es []Element) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
