package ocr

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// A phone stores a photo taken upright as the sensor saw it, on its side,
// with EXIF orientation 6: Decode must turn it back.
func TestDecodeAppliesExifOrientation(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 40, 20)) // landscape as stored
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			if x < 20 {
				src.Set(x, y, color.Black) // left half dark
			} else {
				src.Set(x, y, color.White)
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	// APP1 Exif segment with one IFD entry: Orientation (0x0112) = 6.
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00")
	entry := make([]byte, 12)
	binary.LittleEndian.PutUint16(entry[0:], 0x0112)
	binary.LittleEndian.PutUint16(entry[2:], 3) // SHORT
	binary.LittleEndian.PutUint32(entry[4:], 1)
	binary.LittleEndian.PutUint16(entry[8:], 6)
	payload := append(append([]byte("Exif\x00\x00"), tiff...), append(entry, 0, 0, 0, 0)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	data := append(append(append([]byte{}, buf.Bytes()[:2]...), append(seg, payload...)...), buf.Bytes()[2:]...)

	img, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 20 || b.Dy() != 40 {
		t.Fatalf("size %v, want 20×40 (turned a quarter)", b.Size())
	}
	// Turned clockwise, the stored left half is now on top.
	top, _, _, _ := img.At(10, 5).RGBA()
	bottom, _, _, _ := img.At(10, 35).RGBA()
	if top > 0x4000 || bottom < 0xC000 {
		t.Errorf("top %x bottom %x: not turned clockwise", top, bottom)
	}
	if _, err := Decode([]byte("not an image")); err == nil {
		t.Error("garbage decoded")
	}
}
