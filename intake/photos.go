package intake

import (
	"context"
	"io"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// Limits of the photos a citizen adds to a case with supplementCase. Four
// phone photos of 8 MiB fit the server's multipart limit (44 MiB) with room
// to spare; a photo is checked like an intake image (type by content,
// pixels from the header) but not read: it is material for the handler.
const (
	MaxPhotos     = 4
	MaxPhotoBytes = 8 << 20
)

// KindPhoto is the attachment kind of a citizen's photo.
const KindPhoto = "PHOTO"

// Photo is an image as the citizen sent it.
type Photo struct {
	FileName string
	Content  io.Reader
}

// Photos are a citizen's photos, checked and sealed, ready to be recorded
// with their supplement (workflow.SupplementTicket calls Attach in its
// transaction); call Done afterwards.
type Photos struct {
	s      *Service
	tenant int
	group  *StagedGroup
	meta   map[string]photoMeta // by hash
}

type photoMeta struct {
	name, contentType string
	size              int
}

// StagePhotos checks the photos (at most MaxPhotos, each a JPEG, PNG or
// WebP of at most MaxPhotoBytes and the pixel limit, recognised by its
// content) and seals them for tenant. Nothing is stored yet. A refused
// photo refuses them all, naming which.
func (s *Service) StagePhotos(tenantID int, photos []Photo) (*Photos, error) {
	if len(photos) > MaxPhotos {
		return nil, minsheng.Errorf(minsheng.EINVALID, "%d photos were sent; at most %d are taken at a time", len(photos), MaxPhotos)
	}
	p := &Photos{s: s, tenant: tenantID, meta: map[string]photoMeta{}}
	var contents [][]byte
	for i, ph := range photos {
		data, err := io.ReadAll(io.LimitReader(ph.Content, MaxPhotoBytes+1))
		if err != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "photo %d could not be read: %v", i+1, err)
		}
		switch {
		case len(data) == 0:
			return nil, minsheng.Errorf(minsheng.EINVALID, "photo %d is empty", i+1)
		case len(data) > MaxPhotoBytes:
			return nil, minsheng.Errorf(minsheng.EINVALID, "photo %d is larger than %d MB, the limit for a photo", i+1, MaxPhotoBytes>>20)
		}
		ct, err := s.checkImage(data)
		if err != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "photo %d: %s", i+1, minsheng.ErrorMessage(err))
		}
		h := Hash(data)
		if _, ok := p.meta[h]; !ok {
			p.meta[h] = photoMeta{name: clip(ph.FileName, 255), contentType: ct, size: len(data)}
		}
		contents = append(contents, data)
	}
	g, err := s.blobs.StageGroup(tenantID, contents)
	if err != nil {
		return nil, err
	}
	p.group = g
	return p, nil
}

// Attach records each photo as an attachment of the ticket (kind PHOTO) in
// tx and places its file last, and answers the attachments' IDs.
func (p *Photos) Attach(ctx context.Context, tx *ent.Client, ticketID int) ([]int, error) {
	var ids []int
	for _, f := range p.group.Files {
		m := p.meta[f.Hash]
		a, err := tx.Attachment.Create().
			SetFileName(m.name).SetContentType(m.contentType).SetSize(int64(m.size)).
			SetSha256(f.Hash).SetKind(KindPhoto).SetTicketID(ticketID).
			Save(ctx)
		if err != nil {
			return nil, err
		}
		ids = append(ids, a.ID)
	}
	return ids, p.group.Place(ctx, tx)
}

// Done ends the staging: recorded says whether the transaction that
// attached the photos committed. A file is kept when it was recorded, or
// when another attachment of the tenant holds it.
func (p *Photos) Done(ctx context.Context, recorded bool) {
	ctx = viewer.TenantSystemContext(ctx, p.tenant)
	p.group.Done(func(hash string) bool { return recorded || p.s.recorded(ctx, hash) })
}
