package ocr

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	ReexecWithThreadLimit()
	os.Exit(m.Run())
}
