package synth

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLetterTextIsWhatAPetitionSays(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 50; i++ {
		text := letterText(r)
		paras := strings.Split(text, "\n")
		// Salutation, 2–4 body paragraphs, 此致, 敬礼！, name, phone, date.
		if len(paras) < 8 || len(paras) > 10 {
			t.Fatalf("%d paragraphs:\n%s", len(paras), text)
		}
		if !strings.HasPrefix(paras[0], "尊敬的") || !strings.Contains(paras[len(paras)-2], "联系电话：1") || !strings.HasSuffix(paras[len(paras)-1], "日") {
			t.Errorf("not shaped like a letter:\n%s", text)
		}
		for _, p := range paras {
			if strings.TrimSpace(p) != p || p == "" {
				t.Errorf("paragraph %q has stray spaces or is empty", p)
			}
		}
	}
}

func TestLetterIsAnA4PageAndRepeatsBySeed(t *testing.T) {
	img, text := Letter(rand.New(rand.NewSource(9)))
	if b := img.Bounds(); b.Dx() != LetterWidth || b.Dy() != LetterHeight {
		t.Errorf("letter is %v, want %dx%d", b.Size(), LetterWidth, LetterHeight)
	}
	if utf8.RuneCountInString(text) < 120 {
		t.Errorf("letter text is short: %q", text)
	}
	img2, text2 := Letter(rand.New(rand.NewSource(9)))
	if text != text2 || !sameImage(img, img2) {
		t.Error("same seed, different letter")
	}
	if _, text3 := Letter(rand.New(rand.NewSource(10))); text3 == text {
		t.Error("different seeds, same letter")
	}
}

func TestPhotoVariants(t *testing.T) {
	p := NewPerson(rand.New(rand.NewSource(1)))
	card := IDCardFront(p)
	for _, v := range Variants {
		a := Photo(card, v, rand.New(rand.NewSource(11)))
		b := Photo(card, v, rand.New(rand.NewSource(11)))
		if !sameImage(a, b) {
			t.Errorf("%s: same seed, different image", v)
		}
		size := a.Bounds().Size()
		switch v {
		case Clean:
			if !sameImage(a, card) {
				t.Error("clean changed the image")
			}
		case Rotate:
			if size.X*size.Y < CardWidth*CardHeight {
				t.Errorf("rotate lost part of the card: %v", size)
			}
		case LowRes:
			if size.X >= CardWidth/2+1 || size.X < CardWidth/4 {
				t.Errorf("lowres is %v", size)
			}
		case Phone:
			if size.X != 1280 || size.Y != 960 {
				t.Errorf("phone photo of a card is %v, want 1280x960", size)
			}
		default:
			if size.X != CardWidth || size.Y != CardHeight {
				t.Errorf("%s changed the size to %v", v, size)
			}
			if sameImage(a, card) {
				t.Errorf("%s left the image as it was", v)
			}
		}
		if darkShare(a) < 0.005 {
			t.Errorf("%s: the text is gone", v)
		}
	}
}
