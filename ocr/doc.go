// Package ocr owns reading images with Tesseract: ID card fronts and backs
// (居民身份证) and photographed letters or notices. It finds the card or page
// in a phone photo, straightens and cleans it, reads it with a pool of
// in-process Tesseract clients (gosseract) and returns the fields it found,
// each with a confidence in [0,1]. Two Chinese models are used: Debian's
// chi_sim reads everything, and a second chi_sim trained apart (the
// tessdata 4.0.0 LSTM, installed by scripts/deps.sh) reads an ID card's
// name, address and issuing authority and a letter's unsure lines again,
// because the two misread different characters. Where they disagree, the
// second is taken when it is sure at two sizes (a name whole, another
// value character by character), or when it makes a word of the
// dictionary (package lexicon) that the first does not, or a unit after
// an address's number (号, 幢, 室) where the first has none; and it has
// the deciding vote on an address's numbers when the first model read
// them differently at two sizes.
//
// It knows nothing of tickets or the database: callers decide what to fill
// in from a Result. EXIF orientation is the caller's job (see DecodeFile).
package ocr
