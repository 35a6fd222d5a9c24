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

type credentialKey struct{}

// WithCredential records the Authorization header a request was
// authenticated with, so a WebSocket opened by it can check it again.
func WithCredential(ctx context.Context, header string) context.Context {
	return context.WithValue(ctx, credentialKey{}, header)
}

// Credential is the Authorization header of the request, or "".
func Credential(ctx context.Context) string {
	s, _ := ctx.Value(credentialKey{}).(string)
	return s
}
