package pii

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng"
)

func master(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func newBox(t testing.TB, b byte) *Box {
	t.Helper()
	box, err := NewBox(master(b))
	if err != nil {
		t.Fatal(err)
	}
	return box
}

func TestNewBoxShortMaster(t *testing.T) {
	for _, n := range []int{0, 16, 31} {
		if _, err := NewBox(make([]byte, n)); err == nil {
			t.Errorf("NewBox with %d bytes gave no error", n)
		}
	}
	if _, err := NewBox(make([]byte, 64)); err != nil {
		t.Errorf("NewBox with 64 bytes: %v", err)
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	box := newBox(t, 1)
	for _, plain := range []string{"32010219850317123X", "13812345678", "张三", "a", strings.Repeat("长", 1000)} {
		sealed, err := box.Seal(plain)
		if err != nil {
			t.Fatal(err)
		}
		// A one-byte plain text can turn up in random ciphertext by chance.
		if len(plain) > 4 && bytes.Contains(sealed, []byte(plain)) {
			t.Errorf("sealed value contains the plain text %q", plain)
		}
		if sealed[0] != version || len(sealed) != 1+nonceLen+len(plain)+16 {
			t.Errorf("sealed %q: version %d, length %d", plain, sealed[0], len(sealed))
		}
		got, err := box.Open(sealed)
		if err != nil || got != plain {
			t.Errorf("Open(Seal(%q)) = %q, %v", plain, got, err)
		}
	}
}

func TestSealEmpty(t *testing.T) {
	box := newBox(t, 1)
	sealed, err := box.Seal("")
	if sealed != nil || err != nil {
		t.Errorf("Seal(\"\") = %v, %v; want nil, nil", sealed, err)
	}
	for _, in := range [][]byte{nil, {}} {
		if got, err := box.Open(in); got != "" || err != nil {
			t.Errorf("Open(%v) = %q, %v; want \"\", nil", in, got, err)
		}
	}
}

func TestSealRandomNonce(t *testing.T) {
	box := newBox(t, 1)
	a, _ := box.Seal("13812345678")
	b, _ := box.Seal("13812345678")
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same value are equal")
	}
	if bytes.Equal(a[1:1+nonceLen], b[1:1+nonceLen]) {
		t.Fatal("two seals share a nonce")
	}
}

func TestOpenTampered(t *testing.T) {
	box := newBox(t, 1)
	sealed, _ := box.Seal("32010219850317123X")
	// Flipping any single bit anywhere — version, nonce, ciphertext or tag —
	// must be caught.
	for i := range sealed {
		for bit := 0; bit < 8; bit++ {
			bad := bytes.Clone(sealed)
			bad[i] ^= 1 << bit
			if got, err := box.Open(bad); err == nil || got != "" {
				t.Fatalf("byte %d bit %d flipped: Open = %q, %v", i, bit, got, err)
			} else if !errors.Is(err, ErrCannotOpen) {
				t.Fatalf("byte %d bit %d flipped: error %v is not ErrCannotOpen", i, bit, err)
			}
		}
	}
	for n := 1; n < len(sealed); n++ {
		if _, err := box.Open(sealed[:n]); !errors.Is(err, ErrCannotOpen) {
			t.Fatalf("truncated to %d bytes: error %v", n, err)
		}
	}
	if _, err := box.Open(append(bytes.Clone(sealed), 0)); !errors.Is(err, ErrCannotOpen) {
		t.Fatalf("extended by a byte: error %v", err)
	}
}

func TestOpenWrongKey(t *testing.T) {
	sealed, _ := newBox(t, 1).Seal("13812345678")
	got, err := newBox(t, 2).Open(sealed)
	if !errors.Is(err, ErrCannotOpen) || got != "" {
		t.Fatalf("Open with another key = %q, %v", got, err)
	}
}

func TestHash(t *testing.T) {
	box := newBox(t, 1)
	h := box.Hash(KindIDNumber, "32010219850317123X")
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Fatalf("hash %q is not 64 lower-case hex digits", h)
	}
	if h != box.Hash(KindIDNumber, "32010219850317123X") {
		t.Error("equal values hash differently")
	}
	if h != newBox(t, 1).Hash(KindIDNumber, "32010219850317123X") {
		t.Error("equal values hash differently in two boxes from one master")
	}
	if h == box.Hash(KindIDNumber, "320102198503171230") {
		t.Error("different values hash equal")
	}
	if h == newBox(t, 2).Hash(KindIDNumber, "32010219850317123X") {
		t.Error("two masters give the same hash")
	}
	if box.Hash(KindIDNumber, "13812345678") == box.Hash(KindPhone, "13812345678") {
		t.Error("the same digits hash equal as an ID number and as a phone")
	}
	if got := box.Hash(KindPhone, ""); got != "" {
		t.Errorf("Hash of empty value = %q, want \"\"", got)
	}
}

// The encryption and MAC keys must differ, or the hash would be computed
// with the key that also encrypts.
func TestDerivedKeysIndependent(t *testing.T) {
	enc, _ := derive(master(1), infoEncrypt)
	mac, _ := derive(master(1), infoMAC)
	if bytes.Equal(enc, mac) {
		t.Fatal("encryption and MAC keys are equal")
	}
	if bytes.Equal(enc, master(1)) || bytes.Equal(mac, master(1)) {
		t.Fatal("a derived key equals the master")
	}
}

func TestBoxDoesNotPrintKeys(t *testing.T) {
	box := newBox(t, 1)
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(format, box); strings.Contains(got, "[") || strings.Contains(got, "0x") {
			t.Errorf("%s of a Box = %q", format, got)
		}
	}
}

func TestMaskIDNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"320102198503171234", "320102********1234"},
		{"32010219850317123X", "320102********123X"},
		{" 32010219850317123X ", "320102********123X"},
		{"320102850317123", "*************23"}, // 15-digit old number
		{"3201021985031712345", "*****************45"},
		{"abc", "*bc"},
		{"12", "**"},
		{"1", "*"},
		{"", ""},
		{"张三李四王五赵六钱七孙八周九吴十郑一", "张三李四王五********吴十郑一"},
	}
	for _, tt := range tests {
		if got := MaskIDNumber(tt.in); got != tt.want {
			t.Errorf("MaskIDNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812345678", "138****5678"},
		{"+86 138 1234 5678", "138****5678"},
		{"025-83123456", "025-****3456"},
		{"02583123456", "025-****3456"},
		{"0571-8712345", "0571-***2345"},
		{"010-12345678", "010-****5678"},
		{"12345", "*2345"},
		{"+1 415 555 0100", "***********0100"},
		{"5678", "****"},
		{"12", "**"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMasksNeverReturnInput(t *testing.T) {
	for _, in := range []string{"1", "12", "123", "1234", "12345", "x", "张", "320102198503171234", "13812345678", "025-83123456"} {
		if MaskIDNumber(in) == in {
			t.Errorf("MaskIDNumber(%q) returned it unmasked", in)
		}
		if MaskPhone(in) == in {
			t.Errorf("MaskPhone(%q) returned it unmasked", in)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812345678", "13812345678"},
		{"138 1234 5678", "13812345678"},
		{"138-1234-5678", "13812345678"},
		{"+8613812345678", "13812345678"},
		{"+86 138 1234 5678", "13812345678"},
		{"8613812345678", "13812345678"},
		{"008613812345678", "13812345678"},
		{" 19912345678\t", "19912345678"},
		{"17012345678", "17012345678"},
		{"025-83123456", "025-83123456"},
		{"02583123456", "025-83123456"},
		{"025 8312 3456", "025-83123456"},
		{"0258-3123456", "025-83123456"}, // the plan decides the split, not the dash
		{"010-12345678", "010-12345678"},
		{"0571-87123456", "0571-87123456"},
		{"0571-8712345", "0571-8712345"},
		{"0755 2612 3456", "0755-26123456"},
		{"+86 25 8312 3456", "025-83123456"},
		{"+86 025 8312 3456", "025-83123456"},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizePhoneErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "phone number is empty"},
		{" - ", "phone number is empty"},
		{"1381234567", "mobile number should have 11 digits starting with 13 to 19"},
		{"138123456789", "mobile number should have 11 digits starting with 13 to 19"},
		{"12812345678", "mobile number should have 11 digits starting with 13 to 19"},
		{"025-123456", "landline number should be an area code (like 025 or 0571) and 7 or 8 digits"},
		{"025-123456789", "landline number should be an area code (like 025 or 0571) and 7 or 8 digits"},
		{"0571-123456", "landline number should be an area code (like 025 or 0571) and 7 or 8 digits"},
		{"0", "landline number should be an area code (like 025 or 0571) and 7 or 8 digits"},
		{"000", "landline number should be an area code (like 025 or 0571) and 7 or 8 digits"},
		{"83123456", "phone number is neither a mobile (11 digits starting with 1) nor a landline with area code (starting with 0)"},
		{"862583123456", "phone number is neither a mobile (11 digits starting with 1) nor a landline with area code (starting with 0)"},
		{"(025)83123456", `phone number may contain only digits, spaces, dashes and +86, found '('`},
		{"+1 415 555 0100", `phone number may contain only digits, spaces, dashes and +86, found '+'`},
		{"138一234五678", `phone number may contain only digits, spaces, dashes and +86, found '一'`},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		if err == nil {
			t.Errorf("NormalizePhone(%q) = %q, want error %q", tt.in, got, tt.want)
			continue
		}
		if got != "" {
			t.Errorf("NormalizePhone(%q) returned %q with its error", tt.in, got)
		}
		if code := minsheng.ErrorCode(err); code != "BAD_USER_INPUT" {
			t.Errorf("NormalizePhone(%q) error code %q, want BAD_USER_INPUT", tt.in, code)
		}
		if msg := minsheng.ErrorMessage(err); msg != tt.want {
			t.Errorf("NormalizePhone(%q) error %q, want %q", tt.in, msg, tt.want)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "025-83123456", "0571-8712345", "+86 25 8312 3456", "0", "000", "+", "86", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm, err := NormalizePhone(s)
		if err != nil {
			if norm != "" || minsheng.ErrorCode(err) != minsheng.EINVALID {
				t.Fatalf("NormalizePhone(%q) = %q, %v", s, norm, err)
			}
		} else if again, err := NormalizePhone(norm); err != nil || again != norm {
			t.Fatalf("NormalizePhone(%q) = %q, but that normalizes to %q, %v", s, norm, again, err)
		}
		// An input holding stars can legitimately equal its own mask.
		if s == "" || strings.Contains(s, "*") {
			return
		}
		for _, masked := range []string{MaskPhone(s), MaskIDNumber(s)} {
			if masked == s || err == nil && masked == norm {
				t.Fatalf("mask of %q returned it unmasked", s)
			}
		}
	})
}

func BenchmarkSeal(b *testing.B) {
	box := newBox(b, 1)
	for b.Loop() {
		if _, err := box.Seal("32010219850317123X"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	box := newBox(b, 1)
	sealed, _ := box.Seal("32010219850317123X")
	for b.Loop() {
		if _, err := box.Open(sealed); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	box := newBox(b, 1)
	for b.Loop() {
		box.Hash(KindIDNumber, "32010219850317123X")
	}
}
