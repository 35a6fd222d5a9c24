package tracking_test

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/minsheng/minsheng/tracking"
)

const link = "https://12345.xuanwu.gov.cn/t/MS-20261123-0001?token=ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func TestQRCodePNGIsStableAndDependsOnTheLink(t *testing.T) {
	a, err := tracking.QRCodePNG(link)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := tracking.QRCodePNG(link)
	other, _ := tracking.QRCodePNG(link + "2")
	if !bytes.Equal(a, b) {
		t.Error("the same link drew two different images")
	}
	if bytes.Equal(a, other) {
		t.Error("two links drew the same image")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(a))
	if err != nil || cfg.Width != cfg.Height {
		t.Fatalf("not a square PNG: %+v %v", cfg, err)
	}
	t.Logf("%d bytes, %d×%d pixels", len(a), cfg.Width, cfg.Height)
}

func BenchmarkQRCodePNG(b *testing.B) {
	for b.Loop() {
		if _, err := tracking.QRCodePNG(link); err != nil {
			b.Fatal(err)
		}
	}
}
