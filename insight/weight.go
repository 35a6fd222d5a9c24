package insight

// Weight is how much a word of a complaint says about what it is about, in
// (0,1]: about 0.1 for everyday words (问题, 单位), 1 for rare ones (困人),
// 0.05 for the words people complain with whatever the topic (投诉, 反映).
// It is the classifier's specificity of the word against the dictionary,
// computed once per word and remembered; package insight/patterns uses it
// as the inverse document frequency of its text similarity.
func (c *Classifier) Weight(w string) float64 { return c.word(w).common }
