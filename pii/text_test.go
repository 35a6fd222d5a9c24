package pii

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaskText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"身份证号320102199003071234，电话13812345678。", "身份证号320102********1234，电话138****5678。"},
		{"号码 32010219900307123X 和 32010219900307123x", "号码 320102********123X 和 320102********123x"},
		{"320102 19900307 1234", "320102 ******** 1234"},
		{"3201-0219-9003-0712-34", "3201-02**-****-**12-34"},
		{"３２０１０２１９９００３０７１２３４", "３２０１０２********１２３４"},
		{"旧证号320102900307123", "旧证号*************23"},
		{"电话138-1234-5678", "电话138-****-5678"},
		{"电话 138 1234 5678 找我", "电话 138 **** 5678 找我"},
		{"+86 138 1234 5678", "+86 138 **** 5678"},
		{"+8613812345678", "+86138****5678"},
		{"0086-13812345678", "0086-138****5678"},
		{"8613812345678", "86138****5678"},
		{"座机025-83123456", "座机025-****3456"},
		{"座机(025)83123456", "座机(025)****3456"},
		{"0571-8712345", "0571-***2345"},
		{"+86 25 8312 3456", "+86 25 **** 3456"},
		{"两个号13812345678 13987654321", "两个号138****5678 139****4321"},
		{"电话一三八一二三四五六七八", "电话一三八****五六七八"},
		{"粘在一起32010219900307123413812345678", "粘在一起***************************78"},
		{"卡号6222021234567890123", "卡号*****************23"},
		{"case MS-20261123-0001 on 2026-11-23 at 13:45, 3 栋 12 号, 12345, 110, 1.5元", "case MS-20261123-0001 on 2026-11-23 at 13:45, 3 栋 12 号, 12345, 110, 1.5元"},
		{"一直三五成群", "一直三五成群"},
		{"本地号码83123456", "本地号码83123456"},
		{"", ""},
	}
	for _, tt := range tests {
		got, found := MaskText(tt.in)
		if got != tt.want || found != (tt.in != tt.want) {
			t.Errorf("MaskText(%q) = %q, %v; want %q", tt.in, got, found, tt.want)
		}
	}
}

// TestMaskTextMatchesFieldMasks: a number alone in a text is masked as the
// citizen's field is, so the same number looks the same everywhere.
func TestMaskTextMatchesFieldMasks(t *testing.T) {
	for _, id := range []string{"320102199003071234", "11010519491231002X"} {
		if got, _ := MaskText(id); got != MaskIDNumber(id) {
			t.Errorf("MaskText(%q) = %q, MaskIDNumber gives %q", id, got, MaskIDNumber(id))
		}
	}
	for _, p := range []string{"13812345678", "025-83123456", "0571-8712345"} {
		if got, _ := MaskText(p); got != MaskPhone(p) {
			t.Errorf("MaskText(%q) = %q, MaskPhone gives %q", p, got, MaskPhone(p))
		}
	}
}

func FuzzMaskText(f *testing.F) {
	for _, s := range []string{
		"身份证号320102199003071234，电话13812345678。", "320102 19900307 123X", "+86 138-1234-5678",
		"(025)83123456", "３２０１０２１９９００３０７１２３４", "一三八一二三四五六七八", "MS-20261123-0001",
		"1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8", "+8625 8312 3456", "x1X", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, found := MaskText(s)
		if !utf8.ValidString(s) {
			return // runes of invalid UTF-8 are not preserved by []rune
		}
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("MaskText(%q) = %q changed the length", s, out)
		}
		if !found && out != s {
			t.Fatalf("MaskText(%q) = %q but found nothing", s, out)
		}
		if again, f2 := MaskText(out); again != out || f2 {
			t.Fatalf("MaskText not idempotent: %q -> %q -> %q (%v)", s, out, again, f2)
		}
		// An independent check: no unbroken stretch of digits in the
		// output is a mobile number or 15 digits and more.
		for _, d := range digitStretches(out) {
			if len(d) >= minLongRun || len(d) == 11 && isMobile(d) {
				t.Fatalf("MaskText(%q) = %q left %q", s, out, d)
			}
		}
		// Every character it changed is now a star.
		rs, ro := []rune(s), []rune(out)
		for i := range rs {
			if rs[i] != ro[i] && ro[i] != '*' {
				t.Fatalf("MaskText(%q) = %q changed %q into %q", s, out, rs[i], ro[i])
			}
		}
	})
}

// digitStretches returns the maximal stretches of ASCII or full-width digits
// of s, as ASCII.
func digitStretches(s string) []string {
	var out []string
	var b strings.Builder
	for _, r := range s + "\x00" {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			b.WriteRune(digitValue(r))
			continue
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	return out
}

func BenchmarkMaskText(b *testing.B) {
	letter := strings.Repeat("我叫张三，住在幸福小区3栋1201室，身份证号320102199003071234，电话138 1234 5678。", 50)
	b.SetBytes(int64(len(letter)))
	for b.Loop() {
		MaskText(letter)
	}
}

// TestMaskTextLinear: a text of one long digit run, or of many short
// groups, is masked in one pass (a quadratic scan would take minutes here).
func TestMaskTextLinear(t *testing.T) {
	for _, s := range []string{strings.Repeat("1", 1<<20), strings.Repeat("1 ", 1<<19), strings.Repeat("一", 1<<19)} {
		out, found := MaskText(s)
		if !found || utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Errorf("long input: found %v", found)
		}
	}
}
