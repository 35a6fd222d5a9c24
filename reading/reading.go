// Package reading holds what an intake job read from a file: the text and
// the named fields, each with its confidence. It is a leaf, so that the
// database schema can store a reading without importing intake.
package reading

// Field names an intake job fills.
const (
	Name             = "name"
	Sex              = "sex"
	Ethnicity        = "ethnicity"
	BirthDate        = "birthDate"
	Address          = "address"
	IDNumber         = "idNumber"
	Division         = "division"
	IssuingAuthority = "issuingAuthority"
	ValidFrom        = "validFrom"
	ValidUntil       = "validUntil"
	Phone            = "phone"
	Place            = "place"
	Text             = "text"
	Title            = "title"
	Category         = "category"
	Department       = "department"
)

// Field is one value read, with how sure the reader is of it.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Confidence is in [0,1].
	Confidence float64 `json:"confidence"`
	// Verified is true only when the value passed a check of its own, such
	// as an ID number's check digit agreeing with the printed birth date
	// and sex.
	Verified bool `json:"verified"`
}

// Result is everything a job read from one file.
type Result struct {
	// Text is the whole text read: a letter's paragraphs or a transcript.
	Text   string  `json:"text"`
	Fields []Field `json:"fields"`
	// Silent is true for a recording in which no speech was heard.
	Silent bool `json:"silent,omitempty"`
}

// Get returns the named field, if it was read.
func (r Result) Get(name string) (Field, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
