package ocr

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/jpeg" // registered for Decode
	_ "image/png"
	"math"

	_ "golang.org/x/image/webp"
)

// WorkingPixels is the largest picture the readers work on: 12 MP, a
// phone's usual photo (4000×3000). Reading needs far less — a card is
// normalised to 1000 px across, a page to 1240 — so a larger photo is
// shrunk to it (by area average) as soon as it is decoded, and what the
// readers hold per job is bounded whatever the upload's size.
const WorkingPixels = 12_000_000

// Decode decodes a JPEG, PNG or WebP image to 8-bit grey — what every
// reader works on — no larger than WorkingPixels, and for a JPEG turns it
// the way its EXIF orientation says: phones store photos as the sensor saw
// them and record the rotation in EXIF, so an ID card photographed upright
// would otherwise arrive on its side. Callers that decode images
// themselves must do the same before calling the Pool.
//
// The colour image is turned grey in its own memory where its layout
// allows (JPEG's luminance plane, 8-bit RGB(A) in place), so decoding
// holds one full-size copy of the picture, the decoder's, and nothing else
// of that size. Decode does not limit the pixel count: check
// image.DecodeConfig first for untrusted uploads.
func Decode(data []byte) (image.Image, error) {
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ocr: not a JPEG, PNG or WebP image: %w", err)
	}
	// Shrunk before it is turned, so turning copies the working size only.
	g := shrinkTo(grayOf(img), WorkingPixels)
	if format == "jpeg" {
		g = orientGray(g, exifOrientation(data))
	}
	return compact(g), nil
}

// grayOf turns img grey, reusing its memory when it can: the result may
// share img's pixels, so img must not be used afterwards.
func grayOf(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch src := img.(type) {
	case *image.Gray:
		return src
	case *image.YCbCr:
		// The Y plane is the luminance already.
		return &image.Gray{Pix: src.Y[src.YOffset(b.Min.X, b.Min.Y):], Stride: src.YStride, Rect: image.Rect(0, 0, w, h)}
	case *image.RGBA, *image.NRGBA:
		// Pixel i is written at i and read from 4i or later, so each
		// pixel is read before anything overwrites it.
		var pix []byte
		var stride int
		alpha := false
		if r, ok := src.(*image.RGBA); ok {
			pix, stride = r.Pix[r.PixOffset(b.Min.X, b.Min.Y):], r.Stride
		} else {
			n := src.(*image.NRGBA)
			pix, stride, alpha = n.Pix[n.PixOffset(b.Min.X, b.Min.Y):], n.Stride, true
		}
		for y := 0; y < h; y++ {
			row := pix[y*stride:]
			out := pix[y*w:]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4 : 4*x+4]
				l := (19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16
				if alpha { // transparent pixels are shown on white, as a viewer would
					a := uint32(p[3])
					l = (l*a + 255*(255-a)) / 255
				}
				out[x] = uint8(l)
			}
		}
		return &image.Gray{Pix: pix[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	}
	return toGray(img)
}

// shrinkTo scales g down, keeping its aspect, to at most max pixels.
func shrinkTo(g *image.Gray, max int) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w*h <= max {
		return g
	}
	k := math.Sqrt(float64(max) / float64(w*h))
	return resize(g, int(float64(w)*k), int(float64(h)*k))
}

// compact copies g into memory of its own size when it shares a larger
// buffer (a decoder's colour planes), so that buffer can be freed.
func compact(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if g.Stride == w && cap(g.Pix) <= w*h*5/4 {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		copy(out.Pix[y*w:(y+1)*w], g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):])
	}
	return out
}

// exifOrientation returns the EXIF orientation tag (1–8) of a JPEG, or 1.
func exifOrientation(data []byte) int {
	// Walk the JPEG markers up to the image data looking for APP1 "Exif".
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return 1
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF header.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			v := int(bo.Uint16(t[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orientGray applies an EXIF orientation to g.
func orientGray(g *image.Gray, o int) *image.Gray {
	if o <= 1 || o > 8 {
		return g
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	// Orientations 5–8 swap width and height.
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // 90° clockwise
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // 90° counter-clockwise
				dx, dy = y, w-1-x
			}
			out.Pix[dy*out.Stride+dx] = row[x]
		}
	}
	return out
}
