// Package extract finds structured facts in free complaint text: a title,
// phone numbers, resident ID numbers and places. It serves the intake jobs,
// which read letters (OCR) and voice recordings (ASR) and fill a ticket in.
//
// Everything here is a pure function of its input: no I/O, no clock, no
// global state, so the same text always gives the same facts and the
// functions are safe for concurrent use. What is found is a suggestion for
// a clerk; the caller decides what to fill and records the confidence.
package extract

// Found holds what Text recognised. The slices are in the order the facts
// first appear in the text and hold no duplicates.
type Found struct {
	Title     string   // first sentence, at most 40 characters
	Phones    []string // digits only: "13812345678", "02584412345"
	IDNumbers []string // 18 characters, valid under GB 11643, check character X upper-case
	Places    []string // address-like spans as written: "玄武区珠江路88号", "阳光小区3栋2单元"
}

// Text finds the title, phones, ID numbers and places in s.
func Text(s string) Found {
	// Spoken digits become ASCII first, so a transcript that says
	// 一三八一二三四五六七八 yields a phone like a typed letter does.
	norm := spokenDigits(s)
	ids, phones := numbers(norm)
	return Found{
		Title:     Title(s),
		Phones:    phones,
		IDNumbers: ids,
		Places:    Places(norm),
	}
}
