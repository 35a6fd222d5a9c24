package idnumber

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// now pins "today" for parseAt so the tests do not drift with the calendar.
var now = time.Date(2026, 6, 15, 4, 0, 0, 0, time.UTC) // 12:00 in Beijing

// makeID builds a number with a correct check digit from its parts, so no
// test depends on a hand-typed check digit.
func makeID(t testing.TB, division, birth, seq string) string {
	t.Helper()
	first17 := division + birth + seq
	c, err := CheckDigit(first17)
	if err != nil {
		t.Fatalf("CheckDigit(%q): %v", first17, err)
	}
	return first17 + string(c)
}

// withCheck returns id with its check digit replaced by c.
func withCheck(id string, c byte) string { return id[:17] + string(c) }

// wrongCheck returns id with a check digit that is certainly wrong.
func wrongCheck(id string) string {
	if id[17] == '0' {
		return withCheck(id, '1')
	}
	return withCheck(id, '0')
}

// findX returns a valid first 17 digits whose check character is X, so the
// X paths are exercised with a number computed, not typed.
func findX(t testing.TB) string {
	t.Helper()
	for seq := 100; seq < 1000; seq++ {
		first17 := "320102" + "19880808" + fmt.Sprintf("%03d", seq)
		if c, _ := CheckDigit(first17); c == 'X' {
			return first17
		}
	}
	t.Fatal("no sequence gives check X")
	return ""
}

func TestCheckDigitStandardExamples(t *testing.T) {
	// The two examples printed in GB 11643-1999 itself, an independent check
	// of the weights and the table.
	for _, id := range []string{"11010519491231002X", "440524188001010014"} {
		got, err := CheckDigit(id[:17])
		if err != nil || got != id[17] {
			t.Errorf("CheckDigit(%q) = %c, %v; want %c", id[:17], got, err, id[17])
		}
	}
}

func TestCheckDigitBadInput(t *testing.T) {
	for _, in := range []string{"", "1234567890123456", "123456789012345678", "1234567890123456A", "１２３４５６７８９０１２３４５６７"} {
		if _, err := CheckDigit(in); err == nil {
			t.Errorf("CheckDigit(%q) gave no error", in)
		}
	}
}

func TestParseValid(t *testing.T) {
	x17 := findX(t)
	tests := []struct {
		name  string
		in    string
		want  string // normalized digits
		birth time.Time
		sex   Sex
	}{
		{"Nanjing male", makeID(t, "320102", "19850317", "123"), "", time.Date(1985, 3, 17, 0, 0, 0, 0, time.UTC), Male},
		{"Beijing female", makeID(t, "110105", "19491231", "002"), "", time.Date(1949, 12, 31, 0, 0, 0, 0, time.UTC), Female},
		{"Hong Kong permit", makeID(t, "810000", "20000101", "045"), "", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Male},
		{"Xinjiang", makeID(t, "650102", "19700701", "388"), "", time.Date(1970, 7, 1, 0, 0, 0, 0, time.UTC), Female},
		{"first day allowed", makeID(t, "440524", "19000101", "001"), "", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), Male},
		{"born today", makeID(t, "320102", "20260615", "011"), "", time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), Male},
		{"leap day 2000", makeID(t, "320102", "20000229", "020"), "", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC), Female},
		{"leap day 2024", makeID(t, "320102", "20240229", "031"), "", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), Male},
		{"upper X", x17 + "X", "", time.Date(1988, 8, 8, 0, 0, 0, 0, time.UTC), Sex((x17[16] - '0') % 2)},
		{"lower x", x17 + "x", x17 + "X", time.Date(1988, 8, 8, 0, 0, 0, 0, time.UTC), Sex((x17[16] - '0') % 2)},
		{"spaces", "  " + makeID(t, "320102", "19850317", "123") + "\t\n", makeID(t, "320102", "19850317", "123"), time.Date(1985, 3, 17, 0, 0, 0, 0, time.UTC), Male},
		{"ideographic space", "\u3000" + makeID(t, "320102", "19850317", "123"), makeID(t, "320102", "19850317", "123"), time.Date(1985, 3, 17, 0, 0, 0, 0, time.UTC), Male},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			n, err := parseAt(tt.in, now)
			if err != nil {
				t.Fatalf("parseAt(%q): %v", tt.in, err)
			}
			if n.Digits != want {
				t.Errorf("Digits = %q, want %q", n.Digits, want)
			}
			if n.Division != want[:6] {
				t.Errorf("Division = %q, want %q", n.Division, want[:6])
			}
			if !n.Birth.Equal(tt.birth) || n.Birth.Location() != time.UTC {
				t.Errorf("Birth = %v, want %v", n.Birth, tt.birth)
			}
			if n.Sex != tt.sex {
				t.Errorf("Sex = %v, want %v", n.Sex, tt.sex)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	good := makeID(t, "320102", "19850317", "123")
	x17 := findX(t)
	tests := []struct {
		name   string
		in     string
		reason string // the whole message, or a prefix ending in "…"
	}{
		{"empty", "", "ID number must have 18 characters, got 0"},
		{"17 characters", good[:17], "ID number must have 18 characters, got 17"},
		{"19 characters", good + "1", "ID number must have 18 characters, got 19"},
		{"15-digit old number", "320102850317123", "ID number must have 18 characters, got 15"},
		{"digit replaced by a space", good[:9] + " " + good[10:], "ID number must have 18 characters, got 17"},
		{"lower-case x inside", good[:10] + "x" + good[11:], "ID number may have X only as its last character, found X at position 11"},
		{"lower-case letter", good[:4] + "a" + good[5:], "ID number may contain only digits and a final X, found 'a' at position 5"},
		{"letter", good[:4] + "A" + good[5:], "ID number may contain only digits and a final X, found 'A' at position 5"},
		{"X inside", good[:10] + "X" + good[11:], "ID number may have X only as its last character, found X at position 11"},
		{"Chinese character", good[:17] + "号", "ID number may contain only digits and a final X, found '号' at position 18"},
		{"full-width digits", strings.Repeat("１", 18), "ID number may contain only digits and a final X, found '１' at position 1"},
		{"wrong check digit", wrongCheck(good), "ID number check digit is " + string(wrongCheck(good)[17]) + ", expected " + string(good[17])},
		{"X where digit expected", withCheck(good, 'X'), "ID number check digit is X, expected " + string(good[17])},
		{"digit where X expected", withCheck(x17+"X", '5'), "ID number check digit is 5, expected X"},
		{"30 February", makeID(t, "320102", "19990230", "123"), "ID number birth date 19990230 is not a real date"},
		{"29 February common year", makeID(t, "320102", "19990229", "123"), "ID number birth date 19990229 is not a real date"},
		{"29 February 1900", makeID(t, "320102", "19000229", "123"), "ID number birth date 19000229 is not a real date"},
		{"31 April", makeID(t, "320102", "19990431", "123"), "ID number birth date 19990431 is not a real date"},
		{"month 13", makeID(t, "320102", "19991301", "123"), "ID number birth date 19991301 is not a real date"},
		{"day 00", makeID(t, "320102", "19990100", "123"), "ID number birth date 19990100 is not a real date"},
		{"before 1900", makeID(t, "320102", "18991231", "123"), "ID number birth date 18991231 is before 1900"},
		{"tomorrow", makeID(t, "320102", "20260616", "123"), "ID number birth date 20260616 is in the future"},
		{"far future", makeID(t, "320102", "20991231", "123"), "ID number birth date 20991231 is in the future"},
		{"province 00", makeID(t, "000000", "19850317", "123"), "ID number starts with 00, which is not a province code"},
		{"province 16", makeID(t, "160102", "19850317", "123"), "ID number starts with 16, which is not a province code"},
		{"province 83", makeID(t, "830000", "19850317", "123"), "ID number starts with 83, which is not a province code"},
		{"province 99", makeID(t, "990102", "19850317", "123"), "ID number starts with 99, which is not a province code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parseAt(tt.in, now)
			if err == nil {
				t.Fatalf("parseAt(%q) = %+v, want error %q", tt.in, n, tt.reason)
			}
			var e Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an idnumber.Error", err, err)
			}
			if e.Reason != tt.reason || err.Error() != tt.reason {
				t.Errorf("error = %q, want %q", e.Reason, tt.reason)
			}
			if n != (Number{}) {
				t.Errorf("parseAt returned %+v with its error, want the zero Number", n)
			}
		})
	}
}

func TestEveryProvince(t *testing.T) {
	for p := 0; p < 100; p++ {
		prefix := fmt.Sprintf("%02d", p)
		_, err := parseAt(makeID(t, prefix+"0101", "19850317", "123"), now)
		if got, want := err == nil, provinces[prefix]; got != want {
			t.Errorf("province %s: accepted = %v, want %v", prefix, got, want)
		}
	}
	if len(provinces) != 34 {
		t.Errorf("%d province codes, want 34", len(provinces))
	}
}

func TestTodayIsBeijingDate(t *testing.T) {
	id := makeID(t, "320102", "20260616", "123")
	// 16:30 UTC on the 15th is 00:30 on the 16th in Beijing: born today.
	if _, err := parseAt(id, time.Date(2026, 6, 15, 16, 30, 0, 0, time.UTC)); err != nil {
		t.Errorf("birth on the Beijing date of now rejected: %v", err)
	}
	// 15:30 UTC on the 15th is 23:30 on the 15th in Beijing: still future.
	if _, err := parseAt(id, time.Date(2026, 6, 15, 15, 30, 0, 0, time.UTC)); err == nil {
		t.Error("birth tomorrow in Beijing accepted")
	}
}

func TestParseUsesClock(t *testing.T) {
	if !Valid(makeID(t, "320102", "19850317", "123")) {
		t.Error("Valid rejects a good number")
	}
	if Valid(makeID(t, "320102", time.Now().AddDate(0, 0, 2).Format("20060102"), "123")) {
		t.Error("Valid accepts a birth date two days from now")
	}
	if Valid("not a number") {
		t.Error("Valid accepts garbage")
	}
}

func TestSexString(t *testing.T) {
	if Male.String() != "MALE" || Female.String() != "FEMALE" {
		t.Errorf("got %q, %q", Male, Female)
	}
}

func TestSexFromSeventeenthDigit(t *testing.T) {
	for d := byte('0'); d <= '9'; d++ {
		n, err := parseAt(makeID(t, "320102", "19850317", "12"+string(d)), now)
		if err != nil {
			t.Fatal(err)
		}
		want := Female
		if (d-'0')%2 == 1 {
			want = Male
		}
		if n.Sex != want {
			t.Errorf("17th digit %c: sex %v, want %v", d, n.Sex, want)
		}
	}
}

func TestAge(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	parse := func(birth string) Number {
		n, err := parseAt(makeID(t, "320102", birth, "123"), now)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		birth string
		at    time.Time
		want  int
	}{
		{"19850317", at(2026, 3, 16), 40},
		{"19850317", at(2026, 3, 17), 41},
		{"19850317", at(2026, 12, 31), 41},
		{"20080615", at(2026, 6, 14), 17},
		{"20080615", at(2026, 6, 15), 18},
		{"20000229", at(2023, 2, 28), 22},
		{"20000229", at(2023, 3, 1), 23},
		{"20000229", at(2024, 2, 29), 24},
		{"20260615", at(2026, 6, 15), 0},
		{"20260615", at(2020, 1, 1), 0}, // before birth: never negative
		// 16:00 UTC on 16 March is 00:00 on 17 March in Beijing.
		{"19850317", time.Date(2026, 3, 16, 16, 0, 0, 0, time.UTC), 41},
	}
	for _, tt := range tests {
		if got := parse(tt.birth).Age(tt.at); got != tt.want {
			t.Errorf("born %s, Age(%v) = %d, want %d", tt.birth, tt.at, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(makeID(f, "320102", "19850317", "123"))
	f.Add(findX(f) + "x")
	f.Add(" 11010519491231002X ")
	f.Add("440524188001010014")
	f.Add("19990230")
	f.Add("")
	f.Add("１２３４５６７８９０１２３４５６７８")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseAt(s, now)
		if err != nil {
			var e Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("error %v is not an idnumber.Error with a reason", err)
			}
			return
		}
		// Spaces anywhere are ignored, and only the check character may be a
		// lower-case x.
		if n.Digits != strings.ToUpper(strings.Join(strings.Fields(s), "")) {
			t.Fatalf("Digits %q do not match input %q", n.Digits, s)
		}
		again, err := parseAt(n.Digits, now)
		if err != nil {
			t.Fatalf("accepted %q, then rejected its Digits %q: %v", s, n.Digits, err)
		}
		if again != n {
			t.Fatalf("round trip changed %+v into %+v", n, again)
		}
		if n.Division != n.Digits[:6] || n.Birth.Format("20060102") != n.Digits[6:14] {
			t.Fatalf("fields disagree with digits: %+v", n)
		}
	})
}

func TestParseIgnoresGroupingSpaces(t *testing.T) {
	first17 := "11010519491231002"
	c, err := CheckDigit(first17)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Parse(" 110105 19491231 002" + string(c) + " ")
	if err != nil || n.Digits != first17+string(c) {
		t.Fatalf("Parse with grouping spaces = %+v, %v", n, err)
	}
}
