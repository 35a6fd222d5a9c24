// Package ocr owns reading images with Tesseract: ID card fronts and backs
// (居民身份证) and photographed letters or notices. It finds the card or page
// in a phone photo, straightens and cleans it, reads it with a pool of
// in-process Tesseract clients (gosseract) and returns the fields it found,
// each with a confidence in [0,1].
//
// It knows nothing of tickets or the database: callers decide what to fill
// in from a Result. EXIF orientation is the caller's job (see DecodeFile).
package ocr
