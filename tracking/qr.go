package tracking

import (
	"bytes"
	"fmt"

	qrcode "github.com/yeqown/go-qrcode/v2"
	"github.com/yeqown/go-qrcode/writer/standard"
)

// QRCodePNG draws link as a QR code PNG: medium error correction (a receipt
// gets creased), 8-pixel modules and a quiet zone of four modules, large
// enough to scan from paper. The same link always gives the same image.
func QRCodePNG(link string) ([]byte, error) {
	qr, err := qrcode.NewWith(link, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("tracking: qr code: %w", err)
	}
	var buf bytes.Buffer
	w := standard.NewWithWriter(nopCloser{&buf},
		standard.WithBuiltinImageEncoder(standard.PNG_FORMAT),
		standard.WithQRWidth(qrModule), standard.WithBorderWidth(4*qrModule))
	if err := qr.Save(w); err != nil {
		return nil, fmt.Errorf("tracking: qr code: %w", err)
	}
	return buf.Bytes(), nil
}

// qrModule is the side of one QR module in pixels.
const qrModule = 8

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }
