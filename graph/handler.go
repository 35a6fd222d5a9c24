package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/graph/generated"
	"github.com/minsheng/minsheng/store"
)

// Limits bound what one GraphQL request may ask for.
type Limits struct {
	Depth         int  // deepest selection
	Complexity    int  // gqlgen complexity: roughly the number of fields
	PageSize      int  // largest first/last of a connection
	Introspection bool // whether __schema and __type are answered
}

// NewHandler returns the GraphQL HTTP handler (POST and GET; subscriptions
// and uploads come with the transports that need them).
func NewHandler(r *Resolver, limits Limits, log *slog.Logger) *handler.Server {
	cfg := generated.Config{Resolvers: r}
	cfg.Directives.Can = func(ctx context.Context, _ any, next graphql.Resolver, object, action string) (any, error) {
		if err := r.Authz.Check(ctx, object, action); err != nil {
			return nil, err
		}
		return next(ctx)
	}
	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(depthLimit(limits.Depth))
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.AroundFields(pageSizeLimit(limits.PageSize))
	srv.AroundResponses(codeEveryError)
	srv.SetErrorPresenter(presenter(log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v))
		return errors.New("internal panic")
	})
	return srv
}

// presenter gives every error an extensions.code. Application errors keep
// their message; anything else is logged and answered as INTERNAL with no
// detail.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			return gqlErr // parse, validation and limit errors: already for the caller
		}
		app := store.Explain(err)
		code := minsheng.ErrorCode(app)
		if code == minsheng.EINTERNAL {
			log.ErrorContext(ctx, "request failed", "err", err.Error(), "path", graphql.GetPath(ctx).String())
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		out.Message = minsheng.ErrorMessage(app)
		out.Extensions = map[string]any{"code": code}
		return out
	}
}

// codeEveryError maps gqlgen's own codes (parse, validation, complexity) to
// ours, so clients branch on one list of codes.
func codeEveryError(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	for _, e := range resp.Errors {
		code, _ := e.Extensions["code"].(string)
		switch code {
		case minsheng.EUNAUTHENTICATED, minsheng.EFORBIDDEN, minsheng.ENOTFOUND, minsheng.EINVALID,
			minsheng.ECONFLICT, minsheng.ERATELIMITED, minsheng.EINTERNAL:
			continue
		}
		if e.Extensions == nil {
			e.Extensions = map[string]any{}
		}
		if code != "" {
			e.Extensions["reason"] = code
		}
		e.Extensions["code"] = minsheng.EINVALID
	}
	return resp
}

// pageSizeLimit refuses first/last above the limit on any connection.
func pageSizeLimit(limit int) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc != nil && fc.Args != nil {
			for _, name := range []string{"first", "last"} {
				if n, ok := fc.Args[name].(*int); ok && n != nil && (*n > limit || *n < 0) {
					return nil, minsheng.Errorf(minsheng.EINVALID, "%s must be between 0 and %d (page size limit)", name, limit)
				}
			}
		}
		return next(ctx)
	}
}

type depthLimiter struct{ max int }

func depthLimit(max int) *depthLimiter { return &depthLimiter{max: max} }

func (depthLimiter) ExtensionName() string                   { return "DepthLimit" }
func (depthLimiter) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimiter) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	if depth := selectionDepth(op.Operation.SelectionSet, 0); depth > d.max {
		err := gqlerror.Errorf("query depth %d exceeds the depth limit of %d", depth, d.max)
		errcode.Set(err, minsheng.EINVALID)
		return err
	}
	return nil
}

// selectionDepth measures nesting, counting fragments where they are spread.
// Validation has already refused fragment cycles.
func selectionDepth(set ast.SelectionSet, depth int) int {
	deepest := depth
	for _, s := range set {
		var d int
		switch s := s.(type) {
		case *ast.Field:
			d = selectionDepth(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, depth)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}
