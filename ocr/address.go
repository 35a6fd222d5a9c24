package ocr

import (
	"image"
	"regexp"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// addressHole finds a number missing from an address: in a Chinese
// address 组, 幢, 单元, 室 and 号 follow a number (村3组, 2幢1单元501室,
// 42号). chi_sim drops a narrow "1" between two characters (村组42号,
// 2幢单元), so a unit after anything but a digit is a hole. 号楼 and
// 号院 are units of their own after a number too.
var addressHole = regexp.MustCompile(`(^|[^0-9])(组|幢|单元|室|号)`)

// afterNumber finds a number followed by what is no unit (22峡2单元 for
// 22幢2单元, 3组4号 ending 3汪): a unit misread.
var afterNumber = regexp.MustCompile(`[0-9]([^0-9号组幢栋座楼单室层户队巷弄排区期院-])`)

// hasHole reports whether s has a unit without its number, or a number
// without its unit.
func hasHole(s string) bool {
	if afterNumber.MatchString(s) {
		return true
	}
	for _, m := range addressHole.FindAllStringSubmatchIndex(s, -1) {
		// 号码 is not an address unit.
		if s[m[4]:m[5]] == "号" && strings.HasPrefix(s[m[5]:], "码") {
			continue
		}
		return true
	}
	return false
}

// fillAddressHoles reads the address's rows again, one by one and
// larger, when the address read has a hole (a number dropped, a unit
// misread): the
// reading is taken when it has none and differs from the first in at most
// three characters. An address left with a hole is marked unsure
// (confidence at most 0.5): a clerk must see that a number is missing.
func (w *worker) fillAddressHoles(prepared *image.Gray, f *frontText) {
	if f.address == "" || !hasHole(f.address) {
		return
	}
	if len(f.addrRows) > 0 {
		var parts []string
		var confs []word
		for _, r := range f.addrRows {
			c := crop(prepared, r)
			if c.Bounds().Dx() < 8 || c.Bounds().Dy() < 8 {
				continue
			}
			ws, err := readWords(w.chi, scaleTo(c, c.Bounds().Dx()*3/2), gosseract.PSM_SINGLE_LINE)
			if err != nil {
				return
			}
			parts = append(parts, joinWords(wordTexts(ws)))
			confs = append(confs, ws...)
		}
		again := repairPlaces(dropLowerLatin(cleanCJK(strings.Join(parts, ""))))
		if again != "" && !hasHole(again) && editDistance(again, f.address) <= 3 {
			f.address, f.addrConf = again, min(f.addrConf, meanConf(confs))
			return
		}
	}
	f.addrConf = min(f.addrConf, 0.5)
}
