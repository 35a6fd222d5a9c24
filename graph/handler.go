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
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/graph/generated"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/workflow"
)

// Limits bound what one GraphQL request may ask for. The document caps
// (QueryBytes to Errors) are checked before validation, in time linear in
// the document (see cost.go); one left at zero takes its DefaultLimits value.
type Limits struct {
	Depth         int   // deepest selection
	Complexity    int   // one per field, a connection its page size times its items
	PageSize      int   // largest first/last of a connection
	Introspection bool  // whether __schema and __type are answered (and names suggested)
	UploadSize    int64 // largest multipart request
	QueryBytes    int   // longest query text, refused before parsing
	Fragments     int   // most fragment definitions in a document
	Fields        int   // most fields in a document, a fragment's counted where it is spread
	Aliases       int   // most aliased fields, counted the same way
	ListLength    int   // longest list in an argument or a variable (nodes(ids:))
	Errors        int   // most errors in one answer
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
	limits = limits.withDefaults()
	cfg := generated.Config{Resolvers: r}
	cfg.Directives.Can = func(ctx context.Context, _ any, next graphql.Resolver, object, action string) (any, error) {
		if err := r.Authz.Check(ctx, object, action); err != nil {
			return nil, err
		}
		return next(ctx)
	}
	cfg.Directives.RowScope = rowScope
	cfg.Directives.StaffName = r.staffName
	schema := generated.NewExecutableSchema(cfg)
	srv := handler.New(schema)
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
	cache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(cache)
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	// Before parsing: size, fragments, fields, aliases, lists, depth and
	// complexity. Then validation, its errors capped and, with
	// introspection off, suggesting no names.
	srv.Use(documentCheck{limits: limits, schema: schema.Schema(), cache: cache})
	srv.SetValidationRulesFn(validationRules(limits.Errors, limits.Introspection))
	srv.Use(operationCheck{pageSize: limits.PageSize, introspection: limits.Introspection})
	srv.AroundFields(defaultPageSize(limits.PageSize))
	srv.AroundOperations(recheckSocket)
	srv.AroundOperations(memoPerRequest(r.Directory, log))
	srv.AroundResponses(errorCap(limits.Errors))
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
		if in := inputError(ctx, err, log); in != nil {
			return in
		}
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

// memoPerRequest lets one query or mutation read each tenant's rules once
// (see workflow.WithMemo). A subscription lives too long for that: it
// reads them afresh.
//
// Each clear read of a text field is audited once per request too, and
// the audit records of a request are written together once its answer is
// complete, before the answer leaves: if they cannot be written, the
// caller gets an error and no data.
func memoPerRequest(dir *directory.Service, log *slog.Logger) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return withMemo(ctx, next, dir, log)
	}
}

func withMemo(ctx context.Context, next graphql.OperationHandler, dir *directory.Service, log *slog.Logger) graphql.ResponseHandler {
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Subscription {
		return next(ctx)
	}
	ctx = directory.WithRevealMemo(workflow.WithMemo(ctx))
	answer := next(ctx)
	return func(rctx context.Context) *graphql.Response {
		resp := answer(rctx)
		if err := dir.FlushReveals(ctx); err != nil {
			log.ErrorContext(ctx, "audit of clear reads failed; answer withheld", "err", err.Error())
			out := graphql.ErrorResponse(rctx, "internal error")
			out.Errors[0].Extensions = map[string]any{"code": minsheng.EINTERNAL}
			return out
		}
		return resp
	}
}
