package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"os"

	"github.com/minsheng/minsheng/ocr"
)

const ocrUsage = `usage: minsheng ocr idcard|idcard-back|text FILE

Reads FILE (JPEG, PNG or WebP) and prints the result as JSON:
  idcard       front of a resident ID card (name, sex, ethnicity, birthDate,
               address, idNumber, division)
  idcard-back  back of the card (issuingAuthority, validFrom, validUntil)
  text         a letter or notice (text, in paragraphs)
Language data come from $TESSDATA_PREFIX or Tesseract's default folder; the
second chi_sim model, which reads an ID card's address again, from
$MINSHENG_TESSDATA_SECOND or /usr/local/share/minsheng/tessdata (make deps).
`

// The OCR pool needs OpenMP limited to one thread before the process starts
// (see ocr.ThreadLimitEnv); `minsheng ocr` and the intake workers of
// `minsheng serve` both read images, so every command gets it.
func init() { ocr.ReexecWithThreadLimit() }

// ocrCommand runs `minsheng ocr KIND FILE`.
func ocrCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ocr", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), ocrUsage) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errors.New("ocr: give a kind and one file")
	}
	kind, file := fs.Arg(0), fs.Arg(1)
	var read func(*ocr.Pool, context.Context, image.Image) (ocr.Result, error)
	switch kind {
	case "idcard":
		read = (*ocr.Pool).IDCardFront
	case "idcard-back":
		read = (*ocr.Pool).IDCardBack
	case "text":
		read = (*ocr.Pool).Letter
	default:
		return fmt.Errorf("ocr: unknown kind %q (idcard, idcard-back or text)", kind)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	img, err := ocr.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	pool, err := ocr.NewPool(ocr.Options{Workers: 1})
	if err != nil {
		return err
	}
	defer pool.Close()
	res, err := read(pool, ctx, img)
	if errors.Is(err, ocr.ErrUnreadable) {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
