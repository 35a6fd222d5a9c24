package graph_test

import (
	"os"
	"testing"

	"github.com/minsheng/minsheng/ocr"
)

// TestMain runs the tests with one OpenMP thread per Tesseract reader, as
// the binary does: intake tests read images in this process.
func TestMain(m *testing.M) {
	ocr.ReexecWithThreadLimit()
	os.Exit(m.Run())
}
