// Package intake turns uploaded files into ticket content. It checks an
// upload by its content, stores it by its hash under the data folder, and
// records the file and its job in one transaction; a queue worker then reads
// the file (ocr for images, asr for recordings), extracts what the text says
// (intake/extract, insight) and fills the ticket without overwriting what a
// clerk typed, writing what it filled on the ticket's timeline.
//
// It holds the rules of intake; it does not know GraphQL or HTTP, and it
// does not read images or sound itself.
package intake

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/asr"
	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/blob/local"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/envelope"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/wakeup"
	"github.com/minsheng/minsheng/workflow"
)

// Limits bound what an upload may be.
type Limits struct {
	// ImageBytes and VoiceBytes are the largest files accepted.
	ImageBytes int64
	VoiceBytes int64
	// Pixels is the largest image (width × height) accepted; a larger one
	// is refused from its header before it is decoded, so a small file
	// that unpacks to a huge picture cannot exhaust memory. Images of 16
	// bits a channel, which take twice the memory, are held to half.
	Pixels int
	// VoiceDuration is the longest recording accepted.
	VoiceDuration time.Duration
}

// DefaultLimits suit phone photos and hotline recordings.
var DefaultLimits = Limits{
	ImageBytes: 15 << 20,
	VoiceBytes: 40 << 20,
	// 24 MP takes a phone's largest usual photo (6000×4000) and decodes
	// to at most 96 MB; reading works on 12 MP at most (ocr.WorkingPixels).
	Pixels:        24_000_000,
	VoiceDuration: 10 * time.Minute,
}

// Readers read files. A nil reader means this process cannot read that
// kind of file: such jobs fail with the reason given.
type Readers struct {
	OCR *ocr.Pool
	ASR *asr.Engine
	// ASRUnavailable says why ASR is nil, e.g. a missing model.
	ASRUnavailable error
	Classifier     *insight.Classifier
}

// Enqueuer puts a job on the queue.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Service runs intake.
type Service struct {
	client   *ent.Client
	dir      *directory.Service
	workflow *workflow.Service
	blobs    *Blobs
	limits   Limits
	readers  Readers
	queue    Enqueuer
	changes  *wakeup.Hub
	log      *slog.Logger
	now      func() time.Time
}

// Config is what the service is built from.
type Config struct {
	Client   *ent.Client
	Dir      *directory.Service
	Workflow *workflow.Service
	DataDir  string
	// Files is where uploaded files are kept; nil means the folder
	// uploads under DataDir.
	Files blob.Store
	// FileKey seals the stored files; each tenant's key is derived from it.
	FileKey envelope.Key
	Limits  Limits
	Readers Readers
	Log     *slog.Logger
	Now     func() time.Time
}

// New returns the intake service. Its queue is set with SetQueue once the
// queue exists (the queue needs the service's workers first).
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits
	}
	if cfg.Files == nil {
		cfg.Files = local.New(LocalRoot(cfg.DataDir))
	}
	return &Service{
		client: cfg.Client, dir: cfg.Dir, workflow: cfg.Workflow,
		blobs: NewBlobs(cfg.Files, cfg.FileKey), limits: cfg.Limits, readers: cfg.Readers,
		changes: wakeup.New(), log: cfg.Log, now: cfg.Now,
	}
}

// LocalRoot is the folder of the local file store under the data folder.
func LocalRoot(dataDir string) string { return filepath.Join(dataDir, "uploads") }

// Files is where the service keeps uploaded files.
func (s *Service) Files() *Blobs { return s.blobs }

// SealOldFiles seals the files stored before files were sealed (see
// Blobs.SealOld). The server runs it at start.
func (s *Service) SealOldFiles() error {
	n, err := s.blobs.SealOld(s.log)
	if n > 0 {
		s.log.Info("intake: sealed files stored in clear before", "files", n)
	}
	return err
}

// SetQueue gives the service the queue its jobs go to.
func (s *Service) SetQueue(q Enqueuer) { s.queue = q }

// SetReaders gives the service the readers its workers use.
func (s *Service) SetReaders(r Readers) { s.readers = r }
