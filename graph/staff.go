package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// StaffLabel is what a caller without user:read reads in place of a
// colleague's name: the department beside it says where they work.
const StaffLabel = "工作人员"

// staffName is the directive @staffName (graph/staff.graphqls): a
// colleague's username, display name, roles and a timeline event's actor
// are read in clear only by callers who may read users, and by the user
// themselves. Every edge that reaches a User (registeredBy, firstHandler,
// followers, a reply's author, …) goes through these fields, so this is
// the one check.
func (r *Resolver) staffName(ctx context.Context, obj any, next graphql.Resolver) (any, error) {
	id, staff := staffOf(obj)
	if !staff {
		return next(ctx)
	}
	if v := viewer.FromContext(ctx); v.Kind == viewer.User && v.UserID == id || signedIn(ctx) || r.Authz.Can(ctx, authz.ObjUser, "read") {
		return next(ctx)
	}
	switch graphql.GetFieldContext(ctx).Field.Name {
	case "roles":
		return []string{}, nil
	case "username":
		return "", nil
	}
	return StaffLabel, nil
}

// signedIn reports whether the field is read on the user of login's answer:
// the user who has just proved the password, reading themselves before
// their token is in use.
func signedIn(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Parent == nil || fc.Parent.Parent == nil {
		return false
	}
	user, login := fc.Parent, fc.Parent.Parent
	// A list element's context has no field of its own.
	if user.Field.Field == nil || login.Field.Field == nil {
		return false
	}
	return user.Field.Name == "user" && login.Field.Name == "login" && login.Object == "Mutation"
}

// staffOf is the member of staff obj names, if it names one: a timeline
// event of the server or an integrator names none.
func staffOf(obj any) (int, bool) {
	switch o := obj.(type) {
	case *ent.User:
		return o.ID, true
	case *ent.TimelineEvent:
		if o.ActorID != nil {
			return *o.ActorID, true
		}
	case *ent.KnowledgeArticleVersion:
		if o.EditorID != nil {
			return *o.EditorID, true
		}
	}
	return 0, false
}
