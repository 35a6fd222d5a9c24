package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

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
	"github.com/minsheng/minsheng/workflow"
)

// Limits bound what one GraphQL request may ask for.
type Limits struct {
	Depth         int   // deepest selection
	Complexity    int   // gqlgen complexity: roughly the number of fields
	PageSize      int   // largest first/last of a connection
	Introspection bool  // whether __schema and __type are answered
	UploadSize    int64 // largest multipart request
	// Subscriptions is how many subscriptions may run at once on one
	// WebSocket (0: 20).
	Subscriptions int
	// SocketRecheck is how often an open WebSocket's credential is checked
	// between operations and events (0: 30 s).
	SocketRecheck time.Duration
}

// NewHandler returns the GraphQL HTTP handler: POST and GET, multipart
// uploads, and subscriptions over WebSocket (graphql-transport-ws).
func NewHandler(r *Resolver, limits Limits, log *slog.Logger) *handler.Server {
	cfg := generated.Config{Resolvers: r}
	cfg.Directives.Can = func(ctx context.Context, _ any, next graphql.Resolver, object, action string) (any, error) {
		if err := r.Authz.Check(ctx, object, action); err != nil {
			return nil, err
		}
		return next(ctx)
	}
	srv := handler.New(weighted{ExecutableSchema: generated.NewExecutableSchema(cfg), pageSize: limits.PageSize})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// Uploads: the per-kind limits are intake's; this only bounds the
	// request, and files over MaxMemory go to temporary files.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: limits.UploadSize, MaxMemory: 16 << 20})
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitFunc:              r.openSocket(limits),
	})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	// The specific refusals first: a page over the limit is named as such,
	// not as the complexity it also causes.
	srv.Use(operationCheck{pageSize: limits.PageSize, introspection: limits.Introspection})
	srv.Use(depthLimit(limits.Depth))
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.AroundFields(defaultPageSize(limits.PageSize))
	srv.AroundOperations(recheckSocket)
	srv.AroundOperations(memoPerRequest)
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

// operationCheck refuses, before anything runs, a first/last above the page
// size limit on any connection and, when introspection is off, __schema
// and __type. Checked per field while resolving, a mutation would have
// written before a connection nested in its answer was refused.
type operationCheck struct {
	pageSize      int
	introspection bool
}

func (operationCheck) ExtensionName() string                   { return "OperationCheck" }
func (operationCheck) Validate(graphql.ExecutableSchema) error { return nil }
func (c operationCheck) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	var refusal *gqlerror.Error
	eachField(op.Operation.SelectionSet, map[*ast.FragmentDefinition]bool{}, func(f *ast.Field) {
		if refusal != nil {
			return
		}
		if !c.introspection && (f.Name == "__schema" || f.Name == "__type") {
			refusal = gqlerror.Errorf("introspection is disabled on this server")
			return
		}
		args := f.ArgumentMap(op.Variables)
		for _, name := range []string{"first", "last"} {
			if n, ok := wholeNumber(args[name]); ok && (n > int64(c.pageSize) || n < 0) {
				refusal = gqlerror.Errorf("%s must be between 0 and %d (page size limit)", name, c.pageSize)
				return
			}
		}
	})
	if refusal != nil {
		errcode.Set(refusal, minsheng.EINVALID)
	}
	return refusal
}

// eachField calls fn on every field of set, fragments included, each
// fragment once.
func eachField(set ast.SelectionSet, seen map[*ast.FragmentDefinition]bool, fn func(*ast.Field)) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			fn(s)
			eachField(s.SelectionSet, seen, fn)
		case *ast.InlineFragment:
			eachField(s.SelectionSet, seen, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Definition] {
				seen[s.Definition] = true
				eachField(s.Definition.SelectionSet, seen, fn)
			}
		}
	}
}

// wholeNumber reads an Int argument as literals and variables give it.
func wholeNumber(v any) (int64, bool) {
	switch v := v.(type) {
	case int:
		return int64(v), true
	case int64:
		return v, true
	case float64:
		return int64(v), true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}

// weighted makes a connection cost its page size times what one item costs,
// so nested pages (100 tickets × 100 tickets × …) cannot hide under a limit
// that counts fields.
type weighted struct {
	graphql.ExecutableSchema
	pageSize int
}

func (w weighted) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	if !isConnection(w.Schema(), typeName, field) {
		return w.ExecutableSchema.Complexity(ctx, typeName, field, child, args)
	}
	n := w.pageSize
	if v, ok := wholeNumber(args["first"]); ok {
		n = int(v)
	} else if v, ok := wholeNumber(args["last"]); ok {
		n = int(v)
	}
	return 1 + child*max(n, 1), true
}

func isConnection(s *ast.Schema, typeName, field string) bool {
	def := s.Types[typeName]
	if def == nil {
		return false
	}
	f := def.Fields.ForName(field)
	return f != nil && strings.HasSuffix(f.Type.Name(), "Connection")
}

// defaultPageSize gives a connection asked for without first or last the
// page size limit as first: a list of 100,000 tickets is never answered in
// one piece.
func defaultPageSize(limit int) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc != nil && fc.Field.Field != nil && fc.Field.Definition != nil &&
			strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
			first, _ := fc.Args["first"].(*int)
			last, _ := fc.Args["last"].(*int)
			if first == nil && last == nil {
				n := limit
				fc.Args["first"] = &n
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

// memoPerRequest lets one query or mutation read each tenant's rules once
// (see workflow.WithMemo). A subscription lives too long for that: it
// reads them afresh.
func memoPerRequest(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Subscription {
		return next(ctx)
	}
	return next(workflow.WithMemo(ctx))
}
