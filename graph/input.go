package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/minsheng/minsheng"
)

// inputError answers an argument the caller sent in a form that does not
// decode (an ID that is not a number, a damaged cursor, a date like
// 2026-13-45) as BAD_USER_INPUT naming the argument. gqlgen reports such
// errors at the argument's path, below the field being resolved; errors of
// the resolver itself sit at the field's path and are not this. The
// decoder's own words stay in the debug log: they describe our parsing,
// not the caller's mistake. It returns nil for any other error.
func inputError(ctx context.Context, err error, log *slog.Logger) *gqlerror.Error {
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) || gqlErr.Err == nil || len(gqlErr.Path) <= len(graphql.GetPath(ctx)) {
		return nil
	}
	msg := "invalid value for " + gqlErr.Path.String() + ": an ID, cursor, date or time in the wrong form"
	var app *minsheng.Error
	if errors.As(gqlErr.Err, &app) {
		msg = gqlErr.Path.String() + ": " + app.Message
	}
	log.DebugContext(ctx, "bad argument", "path", gqlErr.Path.String(), "err", gqlErr.Err.Error())
	out := &gqlerror.Error{Message: msg, Path: gqlErr.Path, Locations: gqlErr.Locations}
	out.Extensions = map[string]any{"code": minsheng.EINVALID}
	return out
}
