package store

import (
	"errors"
	"strings"

	"entgo.io/ent/privacy"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
)

// Explain turns ent's errors into application errors a caller can act on:
// a failed validation is bad input, a missing row is not found, a violated
// unique constraint is a conflict. Other errors pass through unchanged and
// end up reported as internal.
func Explain(err error) error {
	var (
		app *minsheng.Error
		ve  *ent.ValidationError
		nf  *ent.NotFoundError
		ns  *ent.NotSingularError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &app):
		return app
	case errors.As(err, &ve):
		return minsheng.Errorf(minsheng.EINVALID, "%s is not valid: %s", ve.Name, reason(ve.Unwrap()))
	case errors.As(err, &nf):
		return minsheng.Errorf(minsheng.ENOTFOUND, "%s", strings.TrimPrefix(nf.Error(), "ent: "))
	case errors.As(err, &ns):
		return minsheng.Errorf(minsheng.ECONFLICT, "more than one match")
	case ent.IsConstraintError(err):
		if isUnique(err) {
			return minsheng.Errorf(minsheng.ECONFLICT, "an object with the same unique value already exists")
		}
		return minsheng.Errorf(minsheng.EINVALID, "the change breaks a reference between objects")
	case errors.Is(err, privacy.Deny):
		return minsheng.Errorf(minsheng.EFORBIDDEN, "not allowed")
	}
	return err
}

func reason(err error) string {
	if err == nil {
		return "invalid value"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

func isUnique(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique") || strings.Contains(msg, "duplicate key")
}
