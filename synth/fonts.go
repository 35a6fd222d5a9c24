package synth

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

// Font files come from Debian packages (scripts/deps.sh installs them):
// fonts-noto-cjk for the Chinese text, fonts-ocr-b for the card number.
// wqy-zenhei.ttc is not used: golang.org/x/image/font/sfnt rejects its
// table offsets ("invalid table offset", x/image v0.40.0).
const (
	notoSans     = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	notoSansBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
	notoSerif    = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	ocrB         = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
	simplifiedSC = "Noto Sans CJK SC"
	serifSC      = "Noto Serif CJK SC"
	monoSC       = "Noto Sans Mono CJK SC"
	ocrBFamily   = "OCR B"
)

type fontSet struct {
	sans, sansBold, serif, number *sfnt.Font
}

var (
	fontsOnce sync.Once
	fonts     fontSet
	fontsErr  error
)

// loadFonts reads the fonts once. The generators have no error result (they
// are test fixtures), so a missing font panics with what to install.
func loadFonts() fontSet {
	fontsOnce.Do(func() {
		var err error
		if fonts.sans, err = findFont(notoSans, simplifiedSC); err != nil {
			fontsErr = err
			return
		}
		if fonts.sansBold, err = findFont(notoSansBold, simplifiedSC); err != nil {
			fontsErr = err
			return
		}
		if fonts.serif, err = findFont(notoSerif, serifSC); err != nil {
			fontsErr = err
			return
		}
		// OCR-B is the face printed on real cards; without fonts-ocr-b the
		// monospaced Noto face stands in.
		if fonts.number, err = findFont(ocrB, ocrBFamily); err != nil {
			if fonts.number, err = findFont(notoSans, monoSC); err != nil {
				fontsErr = err
			}
		}
	})
	if fontsErr != nil {
		panic(fmt.Sprintf("synth: %v (install fonts-noto-cjk and fonts-ocr-b: bash scripts/deps.sh)", fontsErr))
	}
	return fonts
}

// findFont returns the face of the given family from a font file or a
// collection (.ttc, which opentype.Parse does not read).
func findFont(path, family string) (*sfnt.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	c, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	for i := 0; i < c.NumFonts(); i++ {
		f, err := c.Font(i)
		if err != nil {
			continue
		}
		if name, _ := f.Name(nil, sfnt.NameIDFamily); name == family {
			return f, nil
		}
	}
	return nil, fmt.Errorf("font %s has no face %q", path, family)
}

// face makes a face of size px (at 72 DPI a point is a pixel). Faces are
// not safe for concurrent use, so every image gets its own.
func face(f *sfnt.Font, px float64) font.Face {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("synth: " + err.Error())
	}
	return fc
}

// drawText draws s with its baseline at (x, y) and extra pixels between
// characters (cards space their letters out), and returns the x after it.
func drawText(dst draw.Image, fc font.Face, c color.Color, x, y float64, spacing float64, s string) float64 {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: fc}
	for _, r := range s {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
		d.DrawString(string(r))
		adv, _ := fc.GlyphAdvance(r)
		x += float64(adv)/64 + spacing
	}
	return x
}

// width measures s as drawText would draw it.
func width(fc font.Face, spacing float64, s string) float64 {
	w := 0.0
	for _, r := range s {
		adv, _ := fc.GlyphAdvance(r)
		w += float64(adv)/64 + spacing
	}
	return w
}
