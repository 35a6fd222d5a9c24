package insight

// heldout is a second phrase bank, written apart from issues: for each leaf
// it covers, new ways of saying the complaint that use none of the leaf's
// keywords and repeat none of the first bank's phrases. The learned
// suggester is never taught or tuned on it; docs/accuracy.md reports it
// separately. Phrases are separated by " | "; {p} stands for a place.
var heldout = map[string]string{}
