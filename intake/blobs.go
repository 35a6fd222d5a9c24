package intake

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/minsheng/minsheng/envelope"
)

// Blobs keeps uploaded files under the data folder, one folder per tenant,
// each file sealed (package envelope) under its tenant's own key and named
// by a keyed hash of its SHA-256: nothing under the folder shows a file's
// content, and a name says nothing about it, not even that two tenants
// hold the same file. The same file sent twice within a tenant is stored
// once, and a stored file never changes.
//
// Files from before sealing (plain, named by their SHA-256) are still read,
// and SealOld seals them at start.
type Blobs struct {
	root string
	key  envelope.Key
	// locks serialise placing and removing a name within this process, so
	// a refused upload never removes the file an accepted one of the same
	// content has just been recorded with.
	locks [64]sync.Mutex
}

// ErrMissing and ErrDamaged are why a stored file cannot be read.
var (
	ErrMissing = errors.New("intake: the stored file is missing")
	ErrDamaged = errors.New("intake: the stored file is damaged")
)

// NewBlobs keeps files under root, sealed under key (the tenants' keys are
// derived from it).
func NewBlobs(root string, key envelope.Key) *Blobs {
	if key.IsZero() {
		panic("intake: no file key: files cannot be stored unsealed")
	}
	return &Blobs{root: root, key: key}
}

func blobRoot(dataDir string) string { return filepath.Join(dataDir, "uploads") }

// Hash is the hex SHA-256 of a content, as attachments record it.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (b *Blobs) tenantKey(tenantID int) envelope.Key {
	return b.key.Sub("tenant/" + strconv.Itoa(tenantID))
}

func (b *Blobs) path(tenantID int, hash string) (string, error) {
	sum, err := hex.DecodeString(hash)
	if err != nil || len(sum) != sha256.Size {
		return "", fmt.Errorf("intake: %q is not a SHA-256", hash)
	}
	name := b.tenantKey(tenantID).Name(sum)
	return filepath.Join(b.root, strconv.Itoa(tenantID), name[:2], name), nil
}

// legacyPath is where a file was kept before files were sealed.
func (b *Blobs) legacyPath(tenantID int, hash string) string {
	return filepath.Join(b.root, strconv.Itoa(tenantID), hash[:2], hash)
}

func (b *Blobs) lock(path string) *sync.Mutex {
	h := sha256.Sum256([]byte(path))
	return &b.locks[h[0]%byte(len(b.locks))]
}

// Staged is a sealed file written beside its place but not in it yet:
// nothing reads it until Place, and Done removes what is left over.
type Staged struct {
	Hash   string
	b      *Blobs
	tmp    string
	path   string
	mu     *sync.Mutex
	locked bool
	placed bool // Place put the file there (it was not there before)
}

// Stage seals data into a temporary file, complete and synced to disk, in
// the folder of its place. It is the slow part of storing, done before
// the transaction that records the file.
func (b *Blobs) Stage(tenantID int, data []byte) (*Staged, error) {
	hash := Hash(data)
	path, err := b.path(tenantID, hash)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("intake: blob folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("intake: blob: %w", err)
	}
	s := &Staged{Hash: hash, b: b, tmp: tmp.Name(), path: path, mu: b.lock(path)}
	w, err := envelope.NewWriter(tmp, b.tenantKey(tenantID))
	if err == nil {
		_, err = w.Write(data)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(s.tmp)
		return nil, fmt.Errorf("intake: blob: %w", err)
	}
	return s, nil
}

// tempPrefix starts the names of files being staged.
const tempPrefix = ".upload-"

// Place moves the staged file into its place, durably, unless the same
// content is there already. Call it last in the transaction that records
// the file, so a refusal before it stores nothing and the file is in place
// before the record can commit; then call Done with the outcome. Placing
// twice is placing once.
func (s *Staged) Place() error {
	if !s.locked {
		s.mu.Lock()
		s.locked = true
	}
	if _, err := os.Stat(s.path); err == nil {
		return nil
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		return fmt.Errorf("intake: blob: %w", err)
	}
	s.placed = true
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		return fmt.Errorf("intake: blob: %w", err)
	}
	return nil
}

// Done ends the staging. kept says the file was recorded: when it was not,
// a file Place put in place is removed again (one that was there before
// belongs to an earlier upload and stays).
func (s *Staged) Done(kept bool) {
	if s.placed && !kept {
		os.Remove(s.path)
	}
	os.Remove(s.tmp) // a no-op once placed
	if s.locked {
		s.locked = false
		s.mu.Unlock()
	}
}

// Put stores data at once and returns its hash: staging, placing and
// keeping in one step, for callers that record nothing.
func (b *Blobs) Put(tenantID int, data []byte) (string, error) {
	s, err := b.Stage(tenantID, data)
	if err != nil {
		return "", err
	}
	err = s.Place()
	s.Done(true)
	return s.Hash, err
}

// Get reads a stored file and checks it is the one stored. The error is
// ErrMissing or ErrDamaged (wrapped) when the file is gone or fails its
// check; anything else may pass on a retry.
func (b *Blobs) Get(tenantID int, hash string) ([]byte, error) {
	path, err := b.path(tenantID, hash)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	data, err := b.open(tenantID, path)
	if errors.Is(err, fs.ErrNotExist) {
		// Stored before sealing; SealOld seals it at the next start. It may
		// be sealed between these two reads: then it is read sealed.
		data, err = b.readLegacy(tenantID, hash)
		if errors.Is(err, fs.ErrNotExist) {
			data, err = b.open(tenantID, path)
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%w (%s)", ErrMissing, hash)
	case errors.Is(err, envelope.ErrDamaged), errors.Is(err, envelope.ErrNotSealed):
		return nil, fmt.Errorf("%w (%s): %v", ErrDamaged, hash, err)
	case err != nil:
		return nil, fmt.Errorf("intake: blob %s: %w", hash, err)
	case Hash(data) != hash:
		return nil, fmt.Errorf("%w (%s): another file is stored under its name", ErrDamaged, hash)
	}
	return data, nil
}

// open reads a sealed file into one buffer of its content's size.
func (b *Blobs) open(tenantID int, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return envelope.ReadAll(f, st.Size(), b.tenantKey(tenantID))
}

func (b *Blobs) readLegacy(tenantID int, hash string) ([]byte, error) {
	data, err := os.ReadFile(b.legacyPath(tenantID, hash))
	if err == nil && envelope.IsSealed(data) {
		// A sealed file whose keyed name happens to be this hash: not a
		// plain file.
		return nil, fs.ErrNotExist
	}
	return data, err
}

// Remove deletes a stored file.
func (b *Blobs) Remove(tenantID int, hash string) error {
	path, err := b.path(tenantID, hash)
	if err != nil {
		return err
	}
	mu := b.lock(path)
	mu.Lock()
	defer mu.Unlock()
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// staleTemp is how old a staging file must be before SealOld removes it: a
// younger one may belong to an upload another process is recording.
const staleTemp = time.Hour

// SealOld seals every plain file left from before files were sealed and
// removes the plain copy, and removes staging files a crash left behind.
// A file is recognised as plain by its missing envelope header and its
// name being its SHA-256; one whose content no longer matches its name is
// left alone and reported. It is safe to run from several processes at
// once and to be interrupted: a plain file is removed only once its sealed
// copy is in place.
func (b *Blobs) SealOld(log *slog.Logger) (sealed int, err error) {
	tenants, err := os.ReadDir(b.root)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	for _, t := range tenants {
		tenantID, err := strconv.Atoi(t.Name())
		if err != nil || !t.IsDir() {
			continue
		}
		err = filepath.WalkDir(filepath.Join(b.root, t.Name()), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			done, err := b.sealOne(tenantID, path, d)
			if done {
				sealed++
			}
			if err != nil {
				log.Warn("intake: a stored file could not be sealed", "path", path, "err", err)
			}
			return nil
		})
		if err != nil {
			return sealed, err
		}
	}
	return sealed, nil
}

func (b *Blobs) sealOne(tenantID int, path string, d fs.DirEntry) (bool, error) {
	name := d.Name()
	if len(name) > len(tempPrefix) && name[:len(tempPrefix)] == tempPrefix {
		if info, err := d.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			return false, os.Remove(path)
		}
		return false, nil
	}
	if sum, err := hex.DecodeString(name); err != nil || len(sum) != sha256.Size {
		return false, nil
	}
	// The header alone tells a sealed file: sealed files are not read.
	if sealed, err := startsSealed(path); err != nil || sealed {
		return false, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	if Hash(data) != name {
		return false, errors.New("a plain file whose content does not match its name: left as it is")
	}
	if _, err := b.Put(tenantID, data); err != nil {
		return false, err
	}
	return true, os.Remove(path)
}

func startsSealed(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, envelope.HeaderLen)
	n, _ := io.ReadFull(f, head)
	return envelope.IsSealed(head[:n]), nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
