package intake

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// Attachment kinds whose image shows a citizen's whole ID number.
const (
	KindIDCard     = "ID_CARD"
	KindIDCardBack = "ID_CARD_BACK"
)

// FilePath is where an attachment's file is served: /attachments/<id>/file,
// to GET with the Authorization header.
func FilePath(id int) string { return "/attachments/" + strconv.Itoa(id) + "/file" }

// ShowsIDNumber reports whether an attachment of this kind shows an ID
// number in full: only callers who may read personal data open it.
func ShowsIDNumber(kind string) bool { return kind == KindIDCard || kind == KindIDCardBack }

// MayOpen reports whether the caller may open the file of a, an
// attachment it can see: its file is still kept and, for an ID card, the
// caller may read personal data in clear.
func (s *Service) MayOpen(ctx context.Context, a *ent.Attachment) bool {
	return a.FileRemovedAt == nil && (!ShowsIDNumber(a.Kind) || s.dir.MayReadPersonalData(ctx))
}

// OpenAttachment is the content of attachment id for the caller, after an
// audit record (like an unmasked read of personal data: the file may show
// anything the citizen handed in). The attachment is read as the caller:
// another tenant's, or one of a ticket outside the caller's row scope, is
// NOT_FOUND like one that never existed. An ID card's image needs
// pii:read or pii:read_held (FORBIDDEN otherwise); a file removed after the
// tenant's retention is NOT_FOUND with its reason. Only staff and API keys
// open files: the citizen's tracking token is no credential here.
func (s *Service) OpenAttachment(ctx context.Context, id int) (*ent.Attachment, []byte, error) {
	v := viewer.FromContext(ctx)
	if v.Kind != viewer.User && v.Kind != viewer.APIKey {
		return nil, nil, minsheng.Errorf(minsheng.EUNAUTHENTICATED, "sign in to open attachments")
	}
	a, err := s.client.Attachment.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, minsheng.Errorf(minsheng.ENOTFOUND, "no attachment %d", id)
	}
	if err != nil {
		return nil, nil, err
	}
	if ShowsIDNumber(a.Kind) && !s.dir.MayReadPersonalData(ctx) {
		return nil, nil, minsheng.Errorf(minsheng.EFORBIDDEN, "an ID card's image shows the whole ID number: your role may not read personal data")
	}
	if a.FileRemovedAt != nil {
		return nil, nil, minsheng.Errorf(minsheng.ENOTFOUND, "the file of attachment %d was removed on %s after the tenant's retention period",
			id, a.FileRemovedAt.Format("2006-01-02"))
	}
	data, err := s.blobs.GetContext(ctx, a.TenantID, a.Sha256)
	if errors.Is(err, ErrMissing) {
		return nil, nil, minsheng.Errorf(minsheng.ENOTFOUND, "the file of attachment %d is missing from the store", id)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("intake: file of attachment %d: %w", id, err)
	}
	// Written before the bytes leave: if it cannot be, nothing is shown.
	if err := s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("attachment.read").
		SetSubjectType("Attachment").SetSubjectID(a.ID).SetField("file").
		Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("intake: audit: %w", err)
	}
	return a, data, nil
}
