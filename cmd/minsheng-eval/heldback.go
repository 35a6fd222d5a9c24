package main

import (
	"context"
	"image"
	"math/rand"
	"regexp"

	"github.com/minsheng/minsheng/synth"
	"github.com/minsheng/minsheng/synth/second"
)

// The held-back sections measure the reader on package synth/second, a
// generator written apart from synth and never tuned on: other fonts and
// weights, layout within the card's tolerance, background, crops, letter
// layouts, and four tiers. These are the figures to quote; idcard and
// letters are the tuning set.
func init() {
	register(section{Order: 12, Name: "idcard2", Run: func(ctx context.Context, o options) (string, error) {
		return evalCards(ctx, o, heldBackCards)
	}})
	register(section{Order: 22, Name: "letters2", Run: func(ctx context.Context, o options) (string, error) {
		return evalLetters(ctx, o, heldBackLetters)
	}})
}

var heldBackCards = cardSet{
	key:     "idcard2",
	heading: "ID cards, held-back generator",
	about: "Cards drawn by package synth/second (not tuned on): Noto Sans/Serif CJK in two weights, DejaVu Sans Mono or Noto Sans Mono CJK numbers, 9–12 px/mm, " +
		"labels and values moved and resized within the card's tolerance, label spacing, rosette guilloche, paper tints; always cropped with a margin, " +
		"sometimes with a table edge. Read by the in-process pool (package ocr, %d workers); exact match after trimming spaces; n = %d cards per tier. " +
		"*clean*: scanned straight; *mild*: a careful photo (±2.5°, soft, JPEG 75–90); *phone*: on a table in a 1280×960 frame, ±7°, perspective, " +
		"uneven light, blur, noise, JPEG 60–85; *phone-lowres*: the same frame sent at 640×480.",
}

var heldBackLetters = letterSet{
	key:     "letter2",
	heading: "Letters, held-back generator",
	about: "Letters drawn by package synth/second (not tuned on): their own wording, a centred bold title two times in three, margins 90–200 px, " +
		"line spacing 1.35–2.0, Noto Serif/Sans CJK regular or bold at 28–38 px, paper tints, 此致 indented and 敬礼！ flush left, signature and date on the right; " +
		"A4 at 150 dpi. CER as above; an unreadable letter counts as 100%%. n = %d letters per tier; tiers as for the held-back cards (phone-lowres pages are 800 px wide).",
}

// heldBackPhone finds the phone number in a synth/second letter.
var heldBackPhone = regexp.MustCompile(`请拨打我的电话(1[0-9]{10})`)

func init() {
	for _, t := range second.Tiers {
		t := t
		heldBackCards.tiers = append(heldBackCards.tiers, cardTier{string(t), func(p synth.Person, r *rand.Rand) (image.Image, image.Image) {
			return second.CardPhoto(second.CardFront(p, r), t, r), second.CardPhoto(second.CardBack(p, r), t, r)
		}})
		heldBackLetters.tiers = append(heldBackLetters.tiers, letterTier{string(t), func(r *rand.Rand) (image.Image, string) {
			page, truth := second.Letter(r)
			return second.LetterPhoto(page, t, r), truth
		}})
	}
}
