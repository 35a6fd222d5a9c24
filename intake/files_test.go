package intake_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"math/rand"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
	"github.com/minsheng/minsheng/viewer"
)

const submitDoc = `mutation($in:SubmitIntakeInput!) { submitIntake(input:$in) { id status ticket { id } } }`

const jobDoc = `query($id:ID!) { intakeJob(id:$id) { id status error ticket { citizen { name } } } }`

type job struct {
	ID, Status, Error string
	Ticket            struct{ Citizen *struct{ Name string } }
}

func submit(t *testing.T, e *apptest.Env, token, kind string, data []byte, ticketID string) *apptest.Response {
	t.Helper()
	in := map[string]any{"kind": kind, "file": nil}
	if ticketID != "" {
		in["ticketID"] = ticketID
	}
	return e.Upload(t, token, submitDoc, map[string]any{"in": in}, "variables.in.file", "file", data)
}

// finished polls the job until it ends; the bound only stops a hung worker
// from hanging the test.
func finished(t *testing.T, e *apptest.Env, token, id string) job {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var out struct{ IntakeJob job }
		e.Do(t, token, jobDoc, map[string]any{"id": id}).Decode(t, &out)
		if s := out.IntakeJob.Status; s == "SUCCEEDED" || s == "FAILED" {
			return out.IntakeJob
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s still %s after 3 minutes", id, out.IntakeJob.Status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func cardPNG(t *testing.T, seed int64) (synth.Person, []byte) {
	t.Helper()
	p := synth.NewPerson(rand.New(rand.NewSource(seed)))
	var buf bytes.Buffer
	if err := png.Encode(&buf, synth.IDCardFront(p)); err != nil {
		t.Fatal(err)
	}
	return p, buf.Bytes()
}

// files lists the regular files under dir (the database's own files
// aside, whose columns are sealed by their own code and tested there).
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "minsheng.db") {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// newLocal starts the service with its files in the local folder, for the
// tests that look at the folder itself.
func newLocal(t *testing.T, b storetest.Backend) *apptest.Env {
	t.Helper()
	cfg := apptest.Config(t, b)
	cfg.BlobStore = app.BlobLocal
	e := apptest.Start(t, cfg)
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

// stored counts the files in the service's store, whichever it is.
func stored(t *testing.T, e *apptest.Env) int {
	t.Helper()
	n := 0
	if err := e.App.Intake.Files().Store().Walk(context.Background(), "", func(blob.Info) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func tenantCtx(t *testing.T, e *apptest.Env, code string) (int, context.Context) {
	t.Helper()
	id, err := e.App.DB.Client.Tenant.Query().Where(tenant.Code(code)).OnlyID(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return id, viewer.TenantSystemContext(context.Background(), id)
}

// An uploaded ID card is read, and nothing under the data folder holds the
// photo's bytes, the holder's ID number, or a name derived from the photo.
func TestUploadedFilesAreSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newLocal(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		p, card := cardPNG(t, 11)
		var out struct{ SubmitIntake job }
		submit(t, e, clerk, "ID_CARD", card, "").Decode(t, &out)
		got := finished(t, e, clerk, out.SubmitIntake.ID)
		if got.Status != "SUCCEEDED" || got.Ticket.Citizen == nil || got.Ticket.Citizen.Name != p.Name {
			t.Fatalf("job %s %q, citizen %+v: the sealed file was not read back", got.Status, got.Error, got.Ticket.Citizen)
		}
		stored := 0
		for path, content := range files(t, e.Config.DataDir) {
			if strings.Contains(path, "uploads") {
				stored++
			}
			for what, secret := range map[string][]byte{
				"the photo's first bytes":  card[:64],
				"the photo's middle bytes": card[len(card)/2 : len(card)/2+64],
				"the ID number":            []byte(p.IDNumber),
				"the photo's SHA-256":      []byte(intake.Hash(card)),
			} {
				if bytes.Contains(content, secret) || strings.Contains(path, string(secret)) {
					t.Errorf("%s holds %s", path, what)
				}
			}
		}
		if stored != 1 {
			t.Errorf("%d files under uploads, want the one sealed photo", stored)
		}
	})
}

// recordUnqueued writes a job for a stored file as Submit does, a minute
// ago, so that the sweep queues it.
func recordUnqueued(t *testing.T, e *apptest.Env, ctx context.Context, hash string, size int) int {
	t.Helper()
	c := e.App.DB.Client
	draft := c.Ticket.Create().SetCode("MS-19700104-0001").SetChannel(ticket.ChannelVISIT).
		SetTitle("待识别：身份证正面").SetStatus(ticket.StatusDRAFT).SaveX(ctx)
	att := c.Attachment.Create().SetFileName("card.png").SetContentType("image/png").SetSize(int64(size)).
		SetSha256(hash).SetKind("ID_CARD").SetTicket(draft).SaveX(ctx)
	return c.IntakeJob.Create().SetKind(intakejob.KindID_CARD).SetAttachment(att).SetTicket(draft).
		SetCreatedAt(time.Now().Add(-time.Minute)).SaveX(ctx).ID
}

// A sealed file damaged on disk fails its job with a reason a clerk can
// act on; the worker carries on.
func TestDamagedFileFailsItsJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newLocal(t, b)
		tenantID, ctx := tenantCtx(t, e, "demo-a")
		_, card := cardPNG(t, 21)
		hash, err := e.App.Intake.Files().Put(tenantID, card)
		if err != nil {
			t.Fatal(err)
		}
		var path string
		for p := range files(t, filepath.Join(e.Config.DataDir, "uploads")) {
			path = p
		}
		sealed, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sealed[len(sealed)/2] ^= 1
		if err := os.WriteFile(path, sealed, 0o600); err != nil {
			t.Fatal(err)
		}
		id := recordUnqueued(t, e, ctx, hash, len(card))
		if err := e.App.Intake.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := finished(t, e, e.Login(t, "demo-a", "clerk"), strconv.Itoa(id))
		if got.Status != "FAILED" || !strings.Contains(got.Error, "damaged") || !strings.Contains(got.Error, "upload it again") {
			t.Errorf("job on a damaged file: %s %q, want FAILED saying it is damaged", got.Status, got.Error)
		}
	})
}

// Files stored in clear before sealing are still read, and sealed (the
// plain copy removed) at start.
func TestPlainFilesFromBeforeAreSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newLocal(t, b)
		tenantID, ctx := tenantCtx(t, e, "demo-a")
		p, card := cardPNG(t, 31)
		hash := intake.Hash(card)
		legacy := filepath.Join(e.Config.DataDir, "uploads", strconv.Itoa(tenantID), hash[:2], hash)
		if err := os.MkdirAll(filepath.Dir(legacy), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(legacy, card, 0o640); err != nil {
			t.Fatal(err)
		}
		if got, err := e.App.Intake.Files().Get(tenantID, hash); err != nil || !bytes.Equal(got, card) {
			t.Fatalf("a plain file from before: %d bytes, %v", len(got), err)
		}
		if err := e.App.Intake.SealOldFiles(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(legacy); !os.IsNotExist(err) {
			t.Errorf("the plain copy is still there after sealing (%v)", err)
		}
		for path, content := range files(t, filepath.Join(e.Config.DataDir, "uploads")) {
			if bytes.Contains(content, card[:64]) {
				t.Errorf("%s holds the photo in clear", path)
			}
		}
		id := recordUnqueued(t, e, ctx, hash, len(card))
		if err := e.App.Intake.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := finished(t, e, e.Login(t, "demo-a", "clerk"), strconv.Itoa(id))
		if got.Status != "SUCCEEDED" || got.Ticket.Citizen == nil || got.Ticket.Citizen.Name != p.Name {
			t.Errorf("job on a resealed file: %s %q %+v", got.Status, got.Error, got.Ticket.Citizen)
		}
	})
}

// An upload refused after its checks — into a MERGED or CLOSED ticket —
// leaves no file behind; an accepted one of the same content keeps its
// file.
func TestRefusedUploadStoresNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		_, ctx := tenantCtx(t, e, "demo-a")
		clerk := e.Login(t, "demo-a", "clerk")
		_, card := cardPNG(t, 41)
		for _, status := range []ticket.Status{ticket.StatusMERGED, ticket.StatusCLOSED} {
			var created struct{ CreateTicket struct{ ID string } }
			e.Do(t, clerk, `mutation { createTicket(input:{title:"电梯故障", body:"电梯坏了", channel:VISIT}) { id } }`, nil).Decode(t, &created)
			id, _ := strconv.Atoi(created.CreateTicket.ID)
			e.App.DB.Client.Ticket.UpdateOneID(id).SetStatus(status).ExecX(ctx)
			r := submit(t, e, clerk, "ID_CARD", card, created.CreateTicket.ID)
			if r.Code() != "CONFLICT" {
				t.Fatalf("upload into a %s ticket: %+v, want CONFLICT", status, r.Errors)
			}
			if n := stored(t, e); n != 0 {
				t.Errorf("%d files stored for an upload refused into a %s ticket, want none", n, status)
			}
		}
		var out struct{ SubmitIntake job }
		submit(t, e, clerk, "ID_CARD", card, "").Decode(t, &out)
		var refused struct{ CreateTicket struct{ ID string } }
		e.Do(t, clerk, `mutation { createTicket(input:{title:"重复", body:"重复", channel:VISIT}) { id } }`, nil).Decode(t, &refused)
		id, _ := strconv.Atoi(refused.CreateTicket.ID)
		e.App.DB.Client.Ticket.UpdateOneID(id).SetStatus(ticket.StatusMERGED).ExecX(ctx)
		if r := submit(t, e, clerk, "ID_CARD", card, refused.CreateTicket.ID); r.Code() != "CONFLICT" {
			t.Fatalf("second upload: %+v, want CONFLICT", r.Errors)
		}
		if got := finished(t, e, clerk, out.SubmitIntake.ID); got.Status != "SUCCEEDED" {
			t.Errorf("the accepted upload of the same file: %s %q, want its file kept and read", got.Status, got.Error)
		}
	})
}

// With the files in the database (the default on PostgreSQL), an upload is
// read back from there: nothing lands in the data folder, and the rows hold
// the file sealed.
func TestFilesInTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		if b.URL == "" {
			cfg.BlobStore = app.BlobDB // the default on PostgreSQL only
		}
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		clerk := e.Login(t, "demo-a", "clerk")
		p, card := cardPNG(t, 11)
		var out struct{ SubmitIntake job }
		submit(t, e, clerk, "ID_CARD", card, "").Decode(t, &out)
		got := finished(t, e, clerk, out.SubmitIntake.ID)
		if got.Status != "SUCCEEDED" || got.Ticket.Citizen == nil || got.Ticket.Citizen.Name != p.Name {
			t.Fatalf("job %s %q, citizen %+v: the file was not read back from the database", got.Status, got.Error, got.Ticket.Citizen)
		}
		if _, err := os.Stat(filepath.Join(e.Config.DataDir, "uploads")); !os.IsNotExist(err) {
			t.Errorf("the data folder has an uploads folder (%v): the file went to the folder", err)
		}
		if n := stored(t, e); n != 1 {
			t.Errorf("%d files in the database, want 1", n)
		}
		rows, err := e.App.DB.SQL.Query(`SELECT data FROM blob_chunks`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var data []byte
			if err := rows.Scan(&data); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(data, card[:64]) || bytes.Contains(data, []byte(p.IDNumber)) {
				t.Error("a blob_chunks row holds the photo or the ID number in clear")
			}
		}
	})
}

// With the files in S3-compatible storage (a real S3 protocol server here),
// an upload is read back from the bucket, sealed there, and nothing lands
// in the data folder.
func TestFilesInS3(t *testing.T) {
	backend := s3mem.New()
	if err := backend.CreateBucket("uploads"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	t.Setenv("MINSHENG_S3_ENDPOINT", srv.URL)
	t.Setenv("MINSHENG_S3_ADDRESSING", "path")
	t.Setenv("AWS_ACCESS_KEY_ID", "minsheng")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_REGION", "us-east-1")
	cfg := apptest.Config(t, storetest.Backend{Name: "sqlite"})
	cfg.BlobStore = "s3://uploads/minsheng"
	e := apptest.Start(t, cfg)
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	clerk := e.Login(t, "demo-a", "clerk")
	p, card := cardPNG(t, 11)
	var out struct{ SubmitIntake job }
	submit(t, e, clerk, "ID_CARD", card, "").Decode(t, &out)
	got := finished(t, e, clerk, out.SubmitIntake.ID)
	if got.Status != "SUCCEEDED" || got.Ticket.Citizen == nil || got.Ticket.Citizen.Name != p.Name {
		t.Fatalf("job %s %q, citizen %+v: the file was not read back from the bucket", got.Status, got.Error, got.Ticket.Citizen)
	}
	if _, err := os.Stat(filepath.Join(e.Config.DataDir, "uploads")); !os.IsNotExist(err) {
		t.Errorf("the data folder has an uploads folder (%v)", err)
	}
	objects, err := backend.ListBucket("uploads", &gofakes3.Prefix{}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	if len(objects.Contents) != 1 || !strings.HasPrefix(objects.Contents[0].Key, "minsheng/") {
		t.Fatalf("objects in the bucket: %+v, want one under minsheng/", objects.Contents)
	}
	obj, err := backend.GetObject("uploads", objects.Contents[0].Key, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Contents.Close()
	stored, _ := io.ReadAll(obj.Contents)
	if bytes.Contains(stored, card[:64]) || bytes.Contains(stored, []byte(p.IDNumber)) {
		t.Error("the object holds the photo or the ID number in clear")
	}
}

// The hourly sweep removes stored files no attachment refers to once they
// are older than an hour, and the files of cases closed longer than the
// tenant keeps them (by default, for good); a file another open case still
// refers to stays.
func TestSweepRemovesUnreferencedAndExpiredFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		tenantID, ctx := tenantCtx(t, e, "demo-a")
		files := e.App.Intake.Files()
		orphan, err := files.Put(tenantID, []byte("an upload whose transaction failed"))
		if err != nil {
			t.Fatal(err)
		}
		c := e.App.DB.Client
		attach := func(status ticket.Status, content string, n int) string {
			hash, err := files.Put(tenantID, []byte(content))
			if err != nil {
				t.Fatal(err)
			}
			tk := c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700105-%04d", n)).SetChannel(ticket.ChannelVISIT).
				SetTitle("材料").SetStatus(status).SaveX(ctx)
			c.Attachment.Create().SetFileName("a.png").SetContentType("image/png").SetSize(1).
				SetSha256(hash).SetTicket(tk).SaveX(ctx)
			return hash
		}
		closed := attach(ticket.StatusCLOSED, "a closed case's file", 1)
		shared := attach(ticket.StatusCLOSED, "a file on a closed and an open case", 2)
		attach(ticket.StatusREGISTERED, "a file on a closed and an open case", 3)
		open := attach(ticket.StatusREGISTERED, "an open case's file", 4)
		has := func(hash string) bool {
			_, err := files.Get(tenantID, hash)
			if err != nil && !errors.Is(err, intake.ErrMissing) {
				t.Fatal(err)
			}
			return err == nil
		}
		// Young orphans and, by default, closed cases' files stay.
		st, err := e.App.Intake.SweepFiles(context.Background())
		if err != nil || st.Orphans+st.Expired != 0 || !has(orphan) || !has(closed) {
			t.Fatalf("first sweep: %+v %v; want nothing removed", st, err)
		}
		defer intake.SetOrphanAge(0)()
		c.Tenant.UpdateOneID(tenantID).SetSettings(map[string]any{intake.SettingFileRetentionDays: 0}).ExecX(viewer.SystemContext(ctx))
		time.Sleep(10 * time.Millisecond)
		st, err = e.App.Intake.SweepFiles(context.Background())
		if err != nil || st.Orphans != 1 || st.Expired != 1 {
			t.Errorf("second sweep: %+v %v, want the orphan and one expired file removed", st, err)
		}
		for hash, want := range map[string]bool{orphan: false, closed: false, shared: true, open: true} {
			if has(hash) != want {
				t.Errorf("file %s… stored = %v after the sweep, want %v", hash[:8], !want, want)
			}
		}
		removed := c.Attachment.Query().Where(attachment.FileRemovedAtNotNil()).CountX(ctx)
		if removed != 2 {
			t.Errorf("%d attachments marked as having lost their file, want the 2 on closed cases", removed)
		}
		if st, _ := e.App.Intake.SweepFiles(context.Background()); st.Orphans+st.Expired != 0 {
			t.Errorf("a third sweep removed %+v, want nothing", st)
		}
	})
}
