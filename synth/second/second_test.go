package second

import (
	"bytes"
	"image"
	"image/png"
	"math/rand"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/synth"
)

func encode(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The held-back set must be the same set every run, or figures drift.
func TestSameSeedSameCardsAndLetters(t *testing.T) {
	make := func(seed int64) ([]byte, []byte, string) {
		r := rand.New(rand.NewSource(seed))
		p := synth.NewPerson(r)
		card := CardPhoto(CardFront(p, r), PhonePhoto, r)
		page, text := Letter(r)
		return encode(t, card), encode(t, LetterPhoto(page, Mild, r)), text
	}
	a1, b1, t1 := make(5)
	a2, b2, t2 := make(5)
	if !bytes.Equal(a1, a2) || !bytes.Equal(b1, b2) || t1 != t2 {
		t.Fatal("the same seed gave different images or text")
	}
	a3, _, _ := make(6)
	if bytes.Equal(a1, a3) {
		t.Fatal("another seed gave the same card")
	}
}

// Cards arrive cropped with a margin: the frame is larger than the card,
// and the low-resolution tier is small.
func TestTiersFrameTheCard(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	p := synth.NewPerson(r)
	card := CardFront(p, r)
	cw := card.Bounds().Dx()
	if cw < 770 || cw > 1030 {
		t.Fatalf("card %d px wide, want 9–12 px/mm", cw)
	}
	for _, tier := range Tiers {
		got := CardPhoto(card, tier, r).Bounds()
		switch tier {
		case PhoneLowRes:
			if got.Dx() != 640 {
				t.Errorf("%s: %d px wide, want 640", tier, got.Dx())
			}
		default:
			if got.Dx() <= cw || got.Dy() <= card.Bounds().Dy() {
				t.Errorf("%s: frame %v no larger than the card %v", tier, got, card.Bounds())
			}
		}
	}
}

func TestLetterSaysWhatALetterSays(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	page, text := Letter(r)
	if page.Bounds().Dx() != pageW || page.Bounds().Dy() != pageH {
		t.Fatalf("page %v, want A4 at 150 dpi", page.Bounds())
	}
	for _, want := range []string{"此致", "敬礼！", "反映人：", "年"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
}
