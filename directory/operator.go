package directory

import (
	"context"

	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/ent/operator"
	"github.com/minsheng/minsheng/viewer"
)

// SetOperator creates a platform operator, or sets the password of an
// existing one and re-activates it, revoking its earlier tokens. It runs as
// the server: it is how the first operator of an installation comes to
// exist.
func (s *Service) SetOperator(ctx context.Context, username, password string) error {
	ctx = viewer.SystemContext(ctx)
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	n, err := s.client.Operator.Update().Where(operator.Username(username)).
		SetPasswordHash(hash).SetActive(true).AddTokenVersion(1).Save(ctx)
	if err != nil || n > 0 {
		return err
	}
	return s.client.Operator.Create().SetUsername(username).SetPasswordHash(hash).Exec(ctx)
}
