package lexicon

import "testing"

// A character is covered when it is part of a word of two to four Chinese
// characters; a misread one (龙录镇, 匠水小区) is not, and digits never
// make a word.
func TestCovered(t *testing.T) {
	seg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		i    int
		want bool
	}{
		{"龙泉镇双河村", 1, true},
		{"龙录镇双河村", 1, false},
		{"碧水小区", 0, true},
		{"匠水小区", 0, false},
		{"毕竟不是", 1, true},
		{"毕竞不是", 1, false},
		{"3组21号", 1, false},
		{"罗甸县公安局", 1, true},
		{"罗旬县公安局", 1, false},
	} {
		if got := Covered(seg, []rune(c.text), c.i); got != c.want {
			t.Errorf("Covered(%q, %d) = %v, want %v", c.text, c.i, got, c.want)
		}
	}
}

// Load gives every caller the same dictionary: the process holds one.
func TestLoadShares(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Load()
	if a != b {
		t.Fatal("Load returned two dictionaries")
	}
}
