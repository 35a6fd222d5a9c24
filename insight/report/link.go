package report

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/viewer"
)

// LinkTTL is how long a signed download link works.
const LinkTTL = 5 * time.Minute

// links signs download paths for one user: the link works without the
// Authorization header for LinkTTL, as that user, while the user is active
// and has not signed out everywhere (the token version is signed too).
type links struct {
	key      []byte
	viewerOf func(*ent.User) viewer.Viewer
	client   *ent.Client
	now      func() time.Time
}

func (l links) sign(tenantID, reportID, userID, version int, exp int64) string {
	m := hmac.New(sha256.New, l.key)
	fmt.Fprintf(m, "report-link|%d|%d|%d|%d|%d", tenantID, reportID, userID, version, exp)
	return hex.EncodeToString(m.Sum(nil))
}

// Path is where a report is downloaded: /reports/<id>/file.
func Path(id int) string { return "/reports/" + strconv.Itoa(id) + "/file" }

// DownloadURL is the download path of a DONE report for the caller: with a
// signature when the caller is a user (a link that works for LinkTTL), the
// plain path (to GET with the Authorization header) otherwise. Nil while
// the report is not DONE.
func (s *Service) DownloadURL(ctx context.Context, r *ent.Report) (*string, error) {
	if r.Status != "DONE" {
		return nil, nil
	}
	path := Path(r.ID)
	v := viewer.FromContext(ctx)
	if v.Kind != viewer.User || len(s.links.key) == 0 {
		return &path, nil
	}
	u, err := s.client.User.Get(viewer.SystemContext(ctx), v.UserID)
	if err != nil {
		return nil, err
	}
	exp := s.now().Add(LinkTTL).Unix()
	q := url.Values{}
	q.Set("user", strconv.Itoa(u.ID))
	q.Set("expires", strconv.FormatInt(exp, 10))
	q.Set("sig", s.links.sign(r.TenantID, r.ID, u.ID, u.TokenVersion, exp))
	path += "?" + q.Encode()
	return &path, nil
}

// LinkViewer checks a signed link to report id and returns the viewer of
// the user it was made for. A wrong, expired or revoked link is
// UNAUTHENTICATED.
func (s *Service) LinkViewer(ctx context.Context, id int, q url.Values) (viewer.Viewer, error) {
	bad := minsheng.Errorf(minsheng.EUNAUTHENTICATED, "the download link is wrong or has expired; ask for it again")
	if len(s.links.key) == 0 || s.links.viewerOf == nil {
		return viewer.Viewer{}, bad
	}
	uid, err1 := strconv.Atoi(q.Get("user"))
	exp, err2 := strconv.ParseInt(q.Get("expires"), 10, 64)
	sig, err3 := hex.DecodeString(q.Get("sig"))
	if err1 != nil || err2 != nil || err3 != nil || s.now().Unix() > exp {
		return viewer.Viewer{}, bad
	}
	sys := viewer.SystemContext(ctx)
	u, err := s.client.User.Query().
		Where(user.ID(uid), user.Active(true), user.HasTenantWith(tenant.Active(true))).Only(sys)
	if err != nil {
		return viewer.Viewer{}, bad
	}
	want, _ := hex.DecodeString(s.links.sign(u.TenantID, id, u.ID, u.TokenVersion, exp))
	if !hmac.Equal(sig, want) {
		return viewer.Viewer{}, bad
	}
	return s.links.viewerOf(u), nil
}
