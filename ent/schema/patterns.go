package schema

import "regexp"

var (
	codePattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,31}$`)
	usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,63}$`)
	divisionPattern = regexp.MustCompile(`^[1-8][0-9]{5}$`)
	gridPattern     = regexp.MustCompile(`^[0-9A-Za-z-]{1,32}$`)
)
