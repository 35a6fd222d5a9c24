package second

import (
	"bytes"
	"image"
	"image/color"
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

// A face that draws a digit empty makes numbers no reader could read (OCR-B's
// "8" comes out blank through x/image, which is why it is not used).
func TestNumberFacesDrawEveryDigit(t *testing.T) {
	for _, tf := range numberFaces {
		fc := newFace(tf, 40)
		for _, c := range "0123456789X" {
			img := image.NewRGBA(image.Rect(0, 0, 60, 60))
			pen{img, fc, color.Black, 0}.write(5, 45, string(c))
			ink := 0
			for i := 3; i < len(img.Pix); i += 4 {
				if img.Pix[i] > 128 {
					ink++
				}
			}
			if ink < 50 {
				t.Errorf("%s draws %q with %d inked pixels", tf.family, c, ink)
			}
		}
	}
}
