package ocr

import (
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"math/rand"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/lexicon"
	"github.com/minsheng/minsheng/synth"
	"github.com/minsheng/minsheng/synth/second"
)

// Cards from the held-back generator (synth/second: other faces, sizes,
// label spacing and positions, cropped with a margin), which the reader
// was not tuned on: name, number and address must come back right, and the
// number is verified only when right. Not every held-back card reads right
// (seed 100: 王晶 read 王唱; seed 103: a stray 人 in the address; every
// failure is listed in docs/accuracy.md); these do, and must go on doing
// so. On seeds 204 and 219 Debian's chi_sim reads the town and the estate
// wrong on the whole card and again on the rows (龙录镇 for 龙泉镇, 匠水
// for 碧水, silent at 0.85); the second model mends them (crossRead).
func TestHeldBackCardsGiveNameNumberAddress(t *testing.T) {
	p := testPool(t)
	for _, seed := range []int64{101, 102, 104, 204, 219} {
		r := rand.New(rand.NewSource(seed))
		per := synth.NewPerson(r)
		img := second.CardPhoto(second.CardFront(per, r), second.Clean, r)
		res, err := p.IDCardFront(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		got := fieldValues(res)
		for name, want := range map[string]string{"name": per.Name, "idNumber": per.IDNumber, "address": per.Address} {
			if got[name].Value != want {
				t.Errorf("card %d: %s = %q, want %q (text %q)", seed, name, got[name].Value, want, res.Text)
			}
		}
		if n := got["idNumber"]; n.Verified != (n.Value == per.IDNumber) {
			t.Errorf("card %d: number %q verified=%v, truth %s", seed, n.Value, n.Verified, per.IDNumber)
		}
	}
}

// The alignment pairs each character of the address with the one another
// reading has in its place, through a character dropped or added.
func TestAlignment(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"龙录镇黄土村", "龙泉镇黄土村", "龙泉镇黄土村"},
		{"龙录镇黄土村", "龙录黄土村", "龙录_黄土村"},
		{"碧水小区", "x碧水小区", "碧水小区"},
		{"碧水小区", "", "____"},
	} {
		got := alignRunes([]rune(c.a), []rune(c.b))
		s := []rune{}
		for _, r := range got {
			if r == 0 {
				r = '_'
			}
			s = append(s, r)
		}
		if string(s) != c.want {
			t.Errorf("alignRunes(%q, %q) = %q, want %q", c.a, c.b, string(s), c.want)
		}
	}
}

// After a number an address holds a unit: a character there that is no
// unit takes the second model's reading when that is a sure unit, and
// only then. A character that forms no word takes the second model's
// when that forms one (crossWords); a name is never given to it.
func TestCrossAddress(t *testing.T) {
	words, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	w := &worker{words: words}
	for _, c := range []struct {
		value, second string
		conf          float64
		want          string
	}{
		{"柳树村3组70所", "柳树村3组70号", 0.95, "柳树村3组70号"}, // 所 is no unit
		{"柳树村3组70所", "柳树村3组70号", 0.80, "柳树村3组70所"}, // not sure enough
		{"团结路196壬", "团结路196王", 0.99, "团结路196壬"},    // 王 is no unit either
		{"康居小区26峡1单元", "康居小区26幢1单元", 0.97, "康居小区26幢1单元"},
		{"龙录镇双河村", "龙泉镇双河村", 0.99, "龙泉镇双河村"}, // 龙泉 is a word, 龙录 is not
		{"黄土村7组", "黄士村7组", 0.99, "黄土村7组"},    // 黄土 is a word already
	} {
		var ws []word
		for _, r := range c.second {
			ws = append(ws, word{Text: string(r), Conf: c.conf})
		}
		rs := []rune(c.value)
		w.crossAddress(rs, alignSymbols(rs, ws))
		if string(rs) != c.want {
			t.Errorf("crossAddress(%q, second %q at %.2f) = %q, want %q", c.value, c.second, c.conf, string(rs), c.want)
		}
	}
}

// Without the second model a pool is not made: the reader would be
// silently worse.
func TestPoolNeedsTheSecondModel(t *testing.T) {
	_, err := NewPool(Options{Workers: 1, SecondModel: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "second chi_sim model") || !strings.Contains(err.Error(), "deps.sh") {
		t.Fatalf("NewPool without the second model: %v", err)
	}
}

// A held-back letter keeps its title, 此致 and 敬礼, the lines a
// confidence filter used to drop.
func TestHeldBackLetterKeepsEveryLine(t *testing.T) {
	p := testPool(t)
	r := rand.New(rand.NewSource(3))
	page, truth := second.Letter(r)
	res, err := p.Letter(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(res.Text, " ", "")
	for _, want := range []string{strings.Split(truth, "\n")[0], "此致", "敬礼"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lost %q:\n%s", want, res.Text)
		}
	}
	if c := charErrorRate(truth, res.Text); c > 0.05 {
		t.Errorf("clean held-back letter: CER %.3f over 0.05\nwant %s\ngot  %s", c, truth, res.Text)
	}
}

// Labels are found inside a word that runs on into the value, and the value
// stops at a wide gap (the portrait's edge read as a letter).
func TestValueBesideItsLabel(t *testing.T) {
	ws := []word{
		{Text: "姓名王晶", Box: image.Rect(100, 100, 300, 140), Conf: 0.9},
		{Text: "l", Box: image.Rect(700, 100, 710, 140), Conf: 0.3},
	}
	ls := groupLines(ws)
	gs := glyphsOf(ls)
	b, ok := findLabel(gs, "姓名")
	if !ok || b.Max.X != 200 {
		t.Fatalf("label box %v, found %v", b, ok)
	}
	if v, _ := valueRight(gs, b, 1000); v != "王晶" {
		t.Fatalf("value %q, want 王晶", v)
	}
	if _, ok := findLabel(gs, "住址"); ok {
		t.Fatal("found a label that is not there")
	}
	// Half of a long label is enough.
	gs = glyphsOf(groupLines([]word{{Text: "公民身分号码", Box: image.Rect(0, 0, 240, 40), Conf: 0.8}}))
	if _, ok := findLabel(gs, "公民身份号码"); !ok {
		t.Fatal("公民身分号码 not taken for its label")
	}
}

// A clean letter of the tuning split (synth/second, seed 7, page 6 as
// minsheng-eval draws it) whose phone number runs over a line break
// (电话1 / 6262120739): read with the page, the digits came back as one
// unsure word, 62602120739. Each unsure line is read again alone, which
// gives the number back. (Its 此致 still reads 此至 / 和敬礼: listed in
// docs/accuracy.md.)
func TestLetterKeepsPhoneNumberOverLineBreak(t *testing.T) {
	p := testPool(t)
	h := fnv.New64a()
	h.Write([]byte("7/letter2/clean/6"))
	r := rand.New(rand.NewSource(int64(h.Sum64())))
	page, truth := second.Letter(r)
	img := second.LetterPhoto(page, second.Clean, r)
	if !strings.Contains(truth, "16262120739") {
		t.Fatalf("the generator drew another page:\n%s", truth)
	}
	res, err := p.Letter(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(res.Text, " ", "")
	for _, want := range []string{"16262120739", "敬礼"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lost %q:\n%s", want, res.Text)
		}
	}
}

// Cards of the tuning split (synth/second seed 8, mild cards 3 and 10 as
// minsheng-eval draws them) whose town or estate both models read sure
// and differently: Debian's chi_sim 龙录镇 and 匠水小区, at 1.5× too (so
// crossRead's sure rule keeps them), the second model 龙泉镇 and 碧水小区
// at 1× (0.99). The dictionary decides (crossWords): 龙泉 and 碧水 are
// words, 龙录 and 匠水 are not.
func TestDictionaryDecidesBetweenTheModels(t *testing.T) {
	p := testPool(t)
	for _, i := range []string{"3", "10"} {
		h := fnv.New64a()
		h.Write([]byte("8/idcard2/mild/" + i))
		r := rand.New(rand.NewSource(int64(h.Sum64())))
		per := synth.NewPerson(r)
		img := second.CardPhoto(second.CardFront(per, r), second.Mild, r)
		res, err := p.IDCardFront(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldValues(res)["address"].Value; got != per.Address {
			t.Errorf("mild card %s: address %q, want %q", i, got, per.Address)
		}
	}
}

// tuningCard draws a front of the tuning split as minsheng-eval does
// (synth/second, seed/tier/index), with its person.
func tuningCard(seed int, tier second.Tier, i int) (synth.Person, image.Image) {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/idcard2/%s/%d", seed, tier, i)
	r := rand.New(rand.NewSource(int64(h.Sum64())))
	per := synth.NewPerson(r)
	return per, second.CardPhoto(second.CardFront(per, r), tier, r)
}

// Cards of the tuning split where the first model reads 村111组 on the
// card and 村11组 on its rows at 1.5× (seed 8, mild card 18 and
// phone-lowres card 9): the second model's reading settles it
// (settleNumbers). Seed 8's phone card 32 reads 威信县县白马镇: the
// county's 县 once (repairPlaces). On seed 7's phone-lowres card 10 the address's last
// character, 室, wrapped to a row of its own that no line holds: it is
// found below (wrappedUnit; it reads 全 there, so the unit is inferred
// and the address stays unsure), and its 幢, read 峡 by the first model
// and 幡 by the second at 1×, is read at another size (unitAtOtherSizes).
func TestAddressNumbersSettledAndUnitFound(t *testing.T) {
	p := testPool(t)
	for _, c := range []struct {
		seed int
		tier second.Tier
		i    int
	}{{8, second.Mild, 18}, {8, second.PhoneLowRes, 9}, {8, second.PhonePhoto, 32}} {
		per, img := tuningCard(c.seed, c.tier, c.i)
		res, err := p.IDCardFront(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldValues(res)["address"].Value; got != per.Address {
			t.Errorf("seed %d %s card %d: address %q, want %q", c.seed, c.tier, c.i, got, per.Address)
		}
	}
	per, img := tuningCard(7, second.PhoneLowRes, 10)
	res, err := p.IDCardFront(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	got := fieldValues(res)["address"]
	if !strings.HasSuffix(per.Address, "26幢1单元1602室") || got.Value != per.Address || got.Confidence > 0.5 {
		t.Errorf("seed 7 phone-lowres card 10: address %q at %.2f, want %q, unsure", got.Value, got.Confidence, per.Address)
	}
}

// Names of the tuning split that Debian's chi_sim misreads the same way
// at every size (曾鑫军 read 曾大军, 侯磊 read 侯符) or reads with a mark
// beside them as 和 (薛英和莉): the second model reads them right, sure at
// 1× and 1.5×, and its reading is taken whole (secondName).
func TestSecondModelReadsTheName(t *testing.T) {
	p := testPool(t)
	for _, c := range []struct {
		tier second.Tier
		i    int
	}{{second.Clean, 13}, {second.Clean, 18}, {second.Clean, 27}} {
		per, img := tuningCard(7, c.tier, c.i)
		res, err := p.IDCardFront(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldValues(res)["name"].Value; got != per.Name {
			t.Errorf("seed 7 %s card %d: name %q, want %q", c.tier, c.i, got, per.Name)
		}
	}
}
