// Package graph is the GraphQL transport: the schema, thin resolvers that
// read their input, call one function of a domain package and map the
// result, the @can directive, and the mapping of errors to extensions.code.
// No business rule lives here.
package graph

import (
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/ratelimit"
	"github.com/minsheng/minsheng/tracking"
	"github.com/minsheng/minsheng/workflow"
)

// Resolver holds the services the resolvers call.
type Resolver struct {
	Client    *ent.Client
	Authz     *authz.Enforcer
	Auth      *auth.Service
	Directory *directory.Service
	Workflow  *workflow.Service
	Intake    *intake.Service
	Tracking  *tracking.Service
	Notify    *notify.Outbox
	// Suggester answers suggestCategory; nil: no suggestions.
	Suggester *insight.Suggester
	// Warnings keeps the watch list and the warnings (预警).
	Warnings  *warning.Service
	Reports   *report.Service
	Knowledge *knowledge.Service
	// Limiter counts the operations sent over WebSockets against the
	// caller's rate limit, as the server counts HTTP requests; nil: none.
	Limiter *ratelimit.Limiter
}

// warnings is the warnings service, or one made of the client and the
// directory when the resolver was built without it (tests).
func (r *Resolver) warnings() *warning.Service {
	if r.Warnings != nil {
		return r.Warnings
	}
	return warning.New(r.Client, r.Directory, nil)
}
