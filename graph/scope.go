package graph

import (
	"context"
	"reflect"

	"github.com/99designs/gqlgen/graphql"

	"github.com/minsheng/minsheng/rule"
)

// rowScope is the directive on every generated where input (ent/entc.go puts
// it there): each filter object a caller sends, nested ones included, is
// narrowed by rule.Where to the rows the caller may see as soon as it is
// decoded — for resolver arguments and for the edges entgql loads eagerly
// alike — so an edge filter cannot see past the row rules.
func rowScope(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	in, err := next(ctx)
	if err != nil {
		return nil, err
	}
	// gqlgen hands the input over by value; rule.Where changes it in place.
	p := reflect.New(reflect.TypeOf(in))
	p.Elem().Set(reflect.ValueOf(in))
	if err := rule.Where(ctx, p.Interface()); err != nil {
		return nil, err
	}
	return p.Elem().Interface(), nil
}
