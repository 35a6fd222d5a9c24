package synth

import (
	"image"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	divisions "github.com/guanguans/id-validator/data"

	"github.com/minsheng/minsheng/idnumber"
)

func TestPeopleHaveValidNumbersMatchingTheirCard(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	table := divisions.AddressCode()
	for i := 0; i < 500; i++ {
		p := NewPerson(r)
		n, err := idnumber.Parse(p.IDNumber)
		if err != nil {
			t.Fatalf("%+v: number does not parse: %v", p, err)
		}
		if !n.Birth.Equal(p.Birth) {
			t.Errorf("%s: number says born %s, card says %s", p.IDNumber, n.Birth.Format(time.DateOnly), p.Birth.Format(time.DateOnly))
		}
		if (n.Sex == idnumber.Male) != (p.Sex == "男") {
			t.Errorf("%s: number's sex %s, card says %s", p.IDNumber, n.Sex, p.Sex)
		}
		var code uint32
		for _, c := range p.IDNumber[:6] {
			code = code*10 + uint32(c-'0')
		}
		county, ok := table[code]
		if !ok {
			t.Errorf("%s: division %s is not in the Ministry's table", p.IDNumber, p.IDNumber[:6])
		}
		if !strings.Contains(p.Address, county) {
			t.Errorf("%s: address %q is not in %s", p.IDNumber, p.Address, county)
		}
		if p.Name == "" || p.Ethnicity == "" || p.Authority == "" || !strings.HasSuffix(p.Authority, "局") {
			t.Errorf("incomplete person: %+v", p)
		}
	}
}

// The Resident Identity Card Law sets the term by age at issue.
func TestValidityFollowsTheLaw(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	for i := 0; i < 500; i++ {
		p := NewPerson(r)
		from, err := time.Parse("2006.01.02", p.ValidFrom)
		if err != nil {
			t.Fatalf("%+v: ValidFrom: %v", p, err)
		}
		if from.After(Today) {
			t.Errorf("%+v: issued after Today", p)
		}
		age := ageAt(p.Birth, from)
		if age < 16 {
			t.Errorf("%+v: issued at %d", p, age)
		}
		want := 10 // 16 to 25
		switch {
		case age >= 46:
			if p.ValidUntil != "长期" {
				t.Errorf("%+v: issued at %d should be long-term", p, age)
			}
			continue
		case age >= 26:
			want = 20
		}
		if until := from.AddDate(want, 0, 0).Format("2006.01.02"); p.ValidUntil != until {
			t.Errorf("%+v: issued at %d, want valid until %s", p, age, until)
		}
	}
}

func TestSameSeedSamePeopleAndCards(t *testing.T) {
	a := NewPerson(rand.New(rand.NewSource(42)))
	b := NewPerson(rand.New(rand.NewSource(42)))
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different people:\n%+v\n%+v", a, b)
	}
	if !sameImage(IDCardFront(a), IDCardFront(b)) || !sameImage(IDCardBack(a), IDCardBack(b)) {
		t.Error("same person, different card images")
	}
	c := NewPerson(rand.New(rand.NewSource(43)))
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same person")
	}
}

func TestCardsHaveTheCardSize(t *testing.T) {
	p := NewPerson(rand.New(rand.NewSource(1)))
	for name, img := range map[string]image.Image{"front": IDCardFront(p), "back": IDCardBack(p)} {
		if b := img.Bounds(); b.Dx() != CardWidth || b.Dy() != CardHeight {
			t.Errorf("%s is %v, want %dx%d", name, b.Size(), CardWidth, CardHeight)
		}
		if darkShare(img) < 0.01 {
			t.Errorf("%s has almost no ink: was anything drawn?", name)
		}
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// darkShare is the share of pixels darker than mid-grey.
func darkShare(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy())
}
