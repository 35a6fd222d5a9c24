// Package second owns the held-back generator: ID cards and petition letters
// drawn by code independent of package synth, so the reader (package ocr),
// which is tuned on synth's images, can be measured on images it was not
// tuned on. Only the people (synth.NewPerson: names, numbers, addresses,
// the truth) are shared; fonts, layout, background, crop, photo effects and
// letter wording are this package's own.
//
// What it varies is what real cards and letters vary: Debian's CJK faces
// (Noto Sans and Serif CJK in two weights each; AR PL and WenQuanYi
// cannot be parsed by x/image, see fonts.go), label and
// value positions and sizes within the card's tolerance, label letter
// spacing, a guilloche rosette background and its tint, crops with margins
// and table edges; letter margins, line spacing, a title, 此致/敬礼 and the
// signature and date on the right. Four tiers (Tier): clean, mild, phone
// photo, low-resolution phone photo.
//
// Every function takes a *rand.Rand: the same seed gives the same images.
// Used by tests and cmd/minsheng-eval only, never by the server.
package second
