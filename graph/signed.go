package graph

import (
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/graph/model"
)

// signedHow is Citizen.tickets' signedAs for package directory; absent
// means either way.
func signedHow(s *model.SignedAs) directory.Signed {
	if s == nil {
		return directory.SignedEither
	}
	switch *s {
	case model.SignedAsCitizen:
		return directory.SignedCitizen
	case model.SignedAsCoSigner:
		return directory.SignedCoSigner
	}
	return directory.SignedEither
}
