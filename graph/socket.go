package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/minsheng/minsheng/viewer"
)

// authenticateSocket signs in a WebSocket connection from its
// connection_init payload ({"Authorization": "Bearer …"}): browsers cannot
// set headers on a WebSocket. A header on the upgrade request, already
// checked by the server, is kept when the payload has none.
func (r *Resolver) authenticateSocket(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	header := p.Authorization()
	if header == "" {
		if s, ok := p["authorization"].(string); ok {
			header = s
		}
	}
	if header == "" {
		return ctx, nil, nil
	}
	v, err := r.Auth.Authenticate(ctx, header)
	if err != nil {
		return ctx, nil, err
	}
	return viewer.NewContext(ctx, v), nil, nil
}
