package second

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// typeface is one face of a Debian font package (scripts/deps.sh installs
// fonts-noto-cjk; DejaVu comes with the base system). AR PL UMing/UKai and WenQuanYi are not
// among them: golang.org/x/image/font/sfnt v0.40.0 rejects their .ttc files
// ("invalid table offset"), so this package cannot draw with them; nor
// OCR-B, whose "8" x/image draws empty (see TestNumberFacesDrawEveryDigit).
type typeface struct{ path, family, style string }

var (
	sansRegular  = typeface{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", ""}
	sansBold     = typeface{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", ""}
	serifRegular = typeface{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", ""}
	serifBold    = typeface{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", ""}
	sansMono     = typeface{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans Mono CJK SC", ""}
	dejaVuMono   = typeface{"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "DejaVu Sans Mono", ""}
)

var (
	fontMu    sync.Mutex
	fontCache = map[typeface]*sfnt.Font{}
)

// load parses a face once. The generator has no error result (it makes
// test fixtures), so a missing font panics saying what to install.
func load(t typeface) *sfnt.Font {
	fontMu.Lock()
	defer fontMu.Unlock()
	if f, ok := fontCache[t]; ok {
		return f
	}
	data, err := os.ReadFile(t.path)
	if err != nil {
		panic(fmt.Sprintf("synth/second: %v (install the fonts: bash scripts/deps.sh)", err))
	}
	var found *sfnt.Font
	if c, err := opentype.ParseCollection(data); err == nil {
		for i := 0; i < c.NumFonts(); i++ {
			f, err := c.Font(i)
			if err != nil {
				continue
			}
			// A single-face file is taken whatever its name table says.
			if name, _ := f.Name(nil, sfnt.NameIDFamily); name == t.family || c.NumFonts() == 1 {
				found = f
				break
			}
		}
	}
	if found == nil {
		panic(fmt.Sprintf("synth/second: no face %q in %s", t.family, t.path))
	}
	fontCache[t] = found
	return found
}

// newFace makes a face of px pixels; faces are not safe for concurrent
// use, so every image makes its own.
func newFace(t typeface, px float64) font.Face {
	fc, err := opentype.NewFace(load(t), &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("synth/second: " + err.Error())
	}
	return fc
}

// pen writes runs of text glyph by glyph, so letter spacing can be set.
type pen struct {
	dst  draw.Image
	face font.Face
	ink  color.Color
	gap  float64 // extra pixels after each character
}

// write draws s with its baseline at (x, y) and returns the x after it.
func (p pen) write(x, y float64, s string) float64 {
	d := font.Drawer{Dst: p.dst, Src: image.NewUniform(p.ink), Face: p.face}
	for _, r := range s {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
		d.DrawString(string(r))
		adv, _ := p.face.GlyphAdvance(r)
		x += float64(adv)/64 + p.gap
	}
	return x
}

// measure is the width write would use for s.
func (p pen) measure(s string) float64 {
	w := 0.0
	for _, r := range s {
		adv, _ := p.face.GlyphAdvance(r)
		w += float64(adv)/64 + p.gap
	}
	return w
}
