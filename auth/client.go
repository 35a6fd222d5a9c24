package auth

import "context"

type clientKey struct{}

// WithClientAddr records the caller's network address for login throttling.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, addr)
}

// ClientAddr is the caller's network address, or "" when unknown.
func ClientAddr(ctx context.Context) string {
	s, _ := ctx.Value(clientKey{}).(string)
	return s
}
