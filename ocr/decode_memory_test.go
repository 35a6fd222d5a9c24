package ocr

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"runtime"
	"testing"
)

// allocated is the bytes fn allocates (deterministic for a decoder run
// alone).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// photo is a w×h colour picture, mostly paper, with a dark band.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xE0
	}
	for y := h / 3; y < h/2; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{30, 40, 50, 255})
		}
	}
	return img
}

func withOrientation(t testing.TB, jpg []byte, o uint16) []byte {
	t.Helper()
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00")
	entry := make([]byte, 12)
	binary.LittleEndian.PutUint16(entry[0:], 0x0112)
	binary.LittleEndian.PutUint16(entry[2:], 3)
	binary.LittleEndian.PutUint32(entry[4:], 1)
	binary.LittleEndian.PutUint16(entry[8:], o)
	payload := append(append([]byte("Exif\x00\x00"), tiff...), append(entry, 0, 0, 0, 0)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(append(append([]byte{}, jpg[:2]...), append(seg, payload...)...), jpg[2:]...)
}

// A photo larger than the working size comes out of Decode shrunk to it,
// aspect kept, and turned; and Decode allocates, beyond what the image
// decoder itself does, no more than three grey pictures of the working size
// — never a colour copy of the full picture (as turning a phone photo
// once did: 4 bytes a pixel of the whole upload).
func TestDecodeIsBoundedByTheWorkingSize(t *testing.T) {
	var pngData, jpgData bytes.Buffer
	if err := png.Encode(&pngData, photo(6000, 4000)); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, photo(6000, 4000), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		data  []byte
		wantW int // the width after turning
	}{
		"24 MP PNG":                {pngData.Bytes(), 4242},
		"24 MP JPEG turned by 90°": {withOrientation(t, jpgData.Bytes(), 6), 2828},
	}
	for name, c := range cases {
		var img image.Image
		var err error
		used := allocated(func() { img, err = Decode(c.data) })
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx()*b.Dy() > WorkingPixels || b.Dx() != c.wantW {
			t.Errorf("%s decoded to %v, want at most %d pixels, %d wide", name, b.Size(), WorkingPixels, c.wantW)
		}
		if _, ok := img.(*image.Gray); !ok {
			t.Errorf("%s decoded to %T, want grey", name, img)
		}
		decoder := allocated(func() { _, _, _ = image.Decode(bytes.NewReader(c.data)) })
		if extra := int64(used) - int64(decoder); extra > 3*WorkingPixels {
			t.Errorf("%s: Decode allocated %d MB beyond the decoder's %d MB, want at most %d MB",
				name, extra>>20, decoder>>20, 3*WorkingPixels>>20)
		}
	}
}
