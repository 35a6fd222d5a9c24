package directory

import (
	"github.com/minsheng/minsheng/pii"
)

// PersonHashes are the keyed hashes of an ID number and a phone number,
// checked and normalised exactly as the citizen register keeps them
// (Citizen.idNumberHash, phoneHash, CitizenContact, a ticket's contact), so
// a watch list can find a person without holding his numbers. Either may be
// nil or blank; what is not given answers nil.
func (s *Service) PersonHashes(idNumber, phone *string) (idHash, phoneHash *string, err error) {
	c, err := check(CitizenInput{IDNumber: idNumber, Phone: phone})
	if err != nil {
		return nil, nil, err
	}
	if c.id != nil {
		h := s.box.Hash(pii.KindIDNumber, c.id.Digits)
		idHash = &h
	}
	if c.phone != "" {
		h := s.box.Hash(pii.KindPhone, c.phone)
		phoneHash = &h
	}
	return idHash, phoneHash, nil
}
