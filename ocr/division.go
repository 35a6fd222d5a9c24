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
