package minsheng

// The ent client and graph/ent.graphql first, then gqlgen over all schemas.
//go:generate go generate ./ent
//go:generate go run -mod=mod github.com/99designs/gqlgen generate --config gqlgen.yml
