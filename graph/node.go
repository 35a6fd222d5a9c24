package graph

import (
	"context"

	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// node fetches any object by global ID. Tenancy and row scope come from the
// ent rules; an object the caller lacks the read permission for answers
// null, exactly like one that does not exist.
func (r *queryResolver) node(ctx context.Context, id int) (ent.Noder, error) {
	if viewer.FromContext(ctx).Kind == viewer.Operator {
		// An operator is signed in but outside every tenant: tenants are the
		// only nodes he may see, and anything else is null, not a sign-in error.
		t, err := r.Client.Tenant.Get(ctx, id)
		if err != nil {
			if isNotFound(err) {
				return nil, nil
			}
			return nil, err
		}
		return t, nil
	}
	n, err := r.Client.Noder(ctx, id)
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	if _, own := n.(*ent.Tenant); own {
		return n, nil // the tenant policy already limits this to the caller's own
	}
	obj := readObject(n)
	if obj == "" || !r.Authz.Can(ctx, obj, "read") {
		return nil, nil
	}
	return n, nil
}

// readObject is the permission object node(id:) needs to read n: the same
// one its list query needs. A type missing here cannot be fetched by ID.
func readObject(n ent.Noder) string {
	switch n.(type) {
	case *ent.User:
		return authz.ObjUser
	case *ent.Department:
		return authz.ObjDepartment
	case *ent.Region:
		return authz.ObjRegion
	case *ent.Category:
		return authz.ObjCategory
	case *ent.Citizen:
		return authz.ObjCitizen
	case *ent.Ticket:
		return authz.ObjTicket
	case *ent.AuditLog:
		return authz.ObjAuditLog
	case *ent.APIKey:
		return authz.ObjAPIKey
	case *ent.IntakeJob:
		return authz.ObjIntake
	case *ent.Attachment:
		return authz.ObjTicket
	case *ent.Warning:
		return authz.ObjWarning
	case *ent.Report:
		return authz.ObjReport
	case *ent.GroupCase:
		return authz.ObjTicket
	case *ent.KnowledgeArticle:
		return authz.ObjKnowledge
	}
	// A WatchItem is not fetched by ID: its list audits each person read.
	return ""
}

func isNotFound(err error) bool { return ent.IsNotFound(err) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
