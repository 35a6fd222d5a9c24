package intake

import (
	"time"

	"github.com/minsheng/minsheng/envelope"
)

// SetOrphanAge changes how old an unreferenced file must be before the
// sweep removes it, until the returned function restores it.
func SetOrphanAge(d time.Duration) (restore func()) {
	old := orphanAge
	orphanAge = d
	return func() { orphanAge = old }
}

type envelopeKey = envelope.Key

var newEnvelopeKey = envelope.NewKey
