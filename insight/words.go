package insight

// Lookup tells what the segmenter's dictionary knows of a word: its
// frequency in the dictionary's corpus and its part of speech (n, v, vn, ns,
// …); ok is false for a word the dictionary does not hold. Package topics
// weighs keywords by it.
func (c *Classifier) Lookup(word string) (freq float64, pos string, ok bool) {
	return c.seg.Find(word)
}

// TotalFreq is the sum of the dictionary's word frequencies: with Lookup, a
// word's information content is log(TotalFreq / freq).
func (c *Classifier) TotalFreq() float64 { return c.total }

// Normalise is the form Tokens cuts: whitespace removed, Latin letters and
// digits half-width and in lower case.
func Normalise(s string) string { return normalise(s) }
