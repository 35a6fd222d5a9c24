package ocr

import (
	"image"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"
)

// commonSurnames are the single-character surnames borne by most of the
// population (the Ministry of Public Security's yearly ranking of about the
// first 130, from general knowledge; not taken from the generators). A
// name that does not start with one is not wrong, only less likely right.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊殷葛牛温伍聂车章鲁兰关左岳申齐景" +
	"祝甘耿骆瞿欧柴饶单焦华倪翟房苗路盛涂霍安凌鲍祁舒管桂符虞商"

// compoundSurnames are the two-character surnames still common.
var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "司徒", "端木", "澹台", "轩辕", "独孤"}

// knownSurname reports whether name starts with a common surname.
func knownSurname(name string) bool {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) {
			return true
		}
	}
	rs := []rune(name)
	return len(rs) > 0 && strings.ContainsRune(commonSurnames, rs[0])
}

// nameSure is the confidence from which a name read with a common surname
// is kept without a second look; nameWeakest the least a character of it
// may have (a misread given name, 浩 read 洗, is often one weak character
// in a confident line).
const (
	nameSure    = 0.85
	nameWeakest = 0.6
)

// rereadName reads the name's row again, larger and smaller, when the
// first reading is unsure (a low confidence, a weak character, or no
// common surname): a character misread at one size (胡 read 骨, 贺 read
// 锅) is often read right at another. The reading kept is the one with a
// common surname and, among those, the surest (mean and weakest word
// confidence together); a name still without a common surname has its
// confidence capped, so a clerk checks it.
func (w *worker) rereadName(prepared *image.Gray, row image.Rectangle, name string, conf, weak float64) (string, float64) {
	if name == "" || row.Empty() {
		return name, conf
	}
	if knownSurname(name) && conf >= nameSure && weak >= nameWeakest {
		return name, conf
	}
	bestName, bestConf, bestKnown := name, conf, knownSurname(name)
	bestScore := (conf + weak) / 2
	c := crop(prepared, row)
	for _, f := range []float64{1.5, 0.75} {
		scaled := scaleTo(c, int(float64(c.Bounds().Dx())*f))
		ws, err := readWords(w.chi, scaled, gosseract.PSM_SINGLE_LINE)
		if err != nil || len(ws) == 0 {
			continue
		}
		v := strings.TrimPrefix(cleanCJK(joinWords(wordTexts(ws))), "名")
		n := hanCount(v)
		if n < 2 || n > 4 || n != hanCount(name) {
			continue
		}
		k, vc, vw := knownSurname(v), meanConf(ws), 1.0
		for _, x := range ws {
			vw = min(vw, x.Conf)
		}
		if score := (vc + vw) / 2; k && !bestKnown || k == bestKnown && score > bestScore {
			bestName, bestConf, bestKnown, bestScore = v, vc, k, score
		}
	}
	if !bestKnown {
		bestConf = min(bestConf, 0.5)
	}
	return bestName, bestConf
}

// crossName gives the name to the second model: its whole reading of the
// name's row when it is sure of it (secondName), else character by
// character (crossRead), with the first model's reading of the row at
// 1.5× as its check.
func (w *worker) crossName(prepared *image.Gray, row image.Rectangle, name string) string {
	if name == "" {
		return name
	}
	rows := []image.Rectangle{row}
	small := w.readSecond(prepared, rows, 1)
	if v, ok := w.secondName(prepared, rows, name, small); ok {
		return v
	}
	first, ok := w.firstReading(prepared, row)
	if !ok {
		return name
	}
	return w.crossRead(prepared, rows, name, first, small, nil)
}

// secondName is the second model's reading of the name's row, taken
// whole when it differs from name and the model reads the same name at 1×
// (small) and at 1.5×, every symbol of both with confidence wordSure or
// more, of two to four characters with a common surname. Debian's chi_sim
// misreads some characters of given names at every size (鑫 read 大 or
// 夺, 磊 read 符, 乔 or 舌, 斌 read 试, 霞 read 起: its own 1.5× reading
// confirms them, so crossRead keeps them) and reads a mark beside a
// name as 和 or 了 (和孙云艳, 李了明海), which a substitution cannot
// take out; the second model, trained apart, reads these names right.
//
// Chosen on the tuning split (synth/second seeds 7 and 8, 320 cards,
// n = 40): of 35 names read wrong, 23 mended, none broken; the same at
// any threshold from 0.85 to 0.92. See docs/accuracy.md, ninth round.
func (w *worker) secondName(prepared *image.Gray, rows []image.Rectangle, name string, small []word) (string, bool) {
	a, sure := sureHan(small)
	n := len([]rune(a))
	if !sure || a == name || n < 2 || n > 4 || !knownSurname(a) {
		return "", false
	}
	b, sure := sureHan(w.readSecond(prepared, rows, 1.5))
	return a, sure && b == a
}

// sureHan joins the Chinese characters of a reading, and reports whether
// every symbol read (marks too) has confidence wordSure or more.
func sureHan(ws []word) (string, bool) {
	var b strings.Builder
	sure := len(ws) > 0
	for _, s := range ws {
		sure = sure && s.Conf >= wordSure
		for _, r := range s.Text {
			if unicode.Is(unicode.Han, r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String(), sure
}
