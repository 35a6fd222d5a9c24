package intake

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/envelope"
)

// Blobs keeps uploaded files in a blob.Store (a folder, the database or an
// object store), one prefix per tenant, each file sealed (package envelope)
// under its tenant's own key and named by a keyed hash of its SHA-256:
// nothing in the store shows a file's content, and a name says nothing about
// it, not even that two tenants hold the same file. The same file sent twice
// within a tenant is stored once, and a stored file never changes. Every
// backend holds the same sealed bytes, so files move between backends as
// they are (Migrate).
//
// Files from before sealing (plain, named by their SHA-256, only ever in
// the local folder) are still read, and SealOld seals them at start.
type Blobs struct {
	store blob.Store
	key   envelope.Key
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

// NewBlobs keeps files in store, sealed under key (the tenants' keys are
// derived from it).
func NewBlobs(store blob.Store, key envelope.Key) *Blobs {
	if key.IsZero() {
		panic("intake: no file key: files cannot be stored unsealed")
	}
	return &Blobs{store: store, key: key}
}

// Store is where the sealed files are.
func (b *Blobs) Store() blob.Store { return b.store }

// Hash is the hex SHA-256 of a content, as attachments record it.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (b *Blobs) tenantKey(tenantID int) envelope.Key {
	return b.key.Sub("tenant/" + strconv.Itoa(tenantID))
}

// Name is the store's name of the file with this hash in the tenant:
// "<tenant>/<2 hex>/<keyed name>".
func (b *Blobs) Name(tenantID int, hash string) (string, error) {
	sum, err := hex.DecodeString(hash)
	if err != nil || len(sum) != sha256.Size {
		return "", fmt.Errorf("intake: %q is not a SHA-256", hash)
	}
	name := b.tenantKey(tenantID).Name(sum)
	return strconv.Itoa(tenantID) + "/" + name[:2] + "/" + name, nil
}

// legacyName is where a file was kept before files were sealed.
func legacyName(tenantID int, hash string) string {
	return strconv.Itoa(tenantID) + "/" + hash[:2] + "/" + hash
}

// TenantOf reads the tenant from a stored file's name.
func TenantOf(name string) (int, bool) {
	head, _, ok := strings.Cut(name, "/")
	if !ok {
		return 0, false
	}
	id, err := strconv.Atoi(head)
	return id, err == nil && id > 0
}

func (b *Blobs) lock(name string) *sync.Mutex {
	h := sha256.Sum256([]byte(name))
	return &b.locks[h[0]%byte(len(b.locks))]
}

// Staged is a file sealed and ready to store: nothing reads it until Place,
// and Done ends the staging.
type Staged struct {
	Hash   string
	b      *Blobs
	name   string
	sealed []byte
	mu     *sync.Mutex
	locked bool
	placed bool // Place put the file there (it was not there before)
}

// Stage seals data, the slow part of storing, done before the transaction
// that records the file.
func (b *Blobs) Stage(tenantID int, data []byte) (*Staged, error) {
	hash := Hash(data)
	name, err := b.Name(tenantID, hash)
	if err != nil {
		return nil, err
	}
	sealed, err := envelope.Seal(b.tenantKey(tenantID), data)
	if err != nil {
		return nil, fmt.Errorf("intake: blob: %w", err)
	}
	return &Staged{Hash: hash, b: b, name: name, sealed: sealed, mu: b.lock(name)}, nil
}

// Place stores the file unless the same content is there already. Call it
// last in the transaction that records the file, passing that transaction:
// a store kept in the database writes the file in it (file, attachment and
// job are committed together or not at all); any other store writes it at
// once, durably, so the file is in place before the record can commit. Then
// call Done with the outcome. Placing twice is placing once.
func (s *Staged) Place(ctx context.Context, tx blob.Execer) error {
	if ts, ok := s.b.store.(blob.TxStore); ok && tx != nil {
		if err := ts.PutTx(ctx, tx, s.name, bytes.NewReader(s.sealed)); err != nil {
			return fmt.Errorf("intake: blob: %w", err)
		}
		return nil
	}
	if !s.locked && s.mu != nil { // a group's member: the group holds its lock
		s.mu.Lock()
		s.locked = true
	}
	_, err := s.b.store.Stat(ctx, s.name)
	if err != nil && !errors.Is(err, blob.ErrNotExist) {
		return fmt.Errorf("intake: blob: %w", err)
	}
	// Put even when the file is there: the store keeps the file it has and
	// marks it written now, so the sweep of unreferenced files leaves it.
	if err := s.b.store.Put(ctx, s.name, bytes.NewReader(s.sealed)); err != nil {
		return fmt.Errorf("intake: blob: %w", err)
	}
	s.placed = s.placed || errors.Is(err, blob.ErrNotExist) // not there before
	return nil
}

// Done ends the staging. kept says the file was recorded: when it was not,
// a file Place put in place is removed again (one that was there before
// belongs to an earlier upload and stays; one written in the transaction
// went with its rollback).
func (s *Staged) Done(kept bool) {
	if s.placed && !kept {
		_ = s.b.store.Delete(context.Background(), s.name)
	}
	s.sealed = nil
	if s.locked {
		s.locked = false
		s.mu.Unlock()
	}
}

// StagedGroup is several files staged to be recorded in one transaction
// (a citizen's photos). Its members' locks are taken together, in one
// order, by the group: taking them one by one could wait forever on a slot
// two names share, or on one another's request taking them the other way.
type StagedGroup struct {
	Files  []*Staged // one per distinct content, in the order given
	locks  []*sync.Mutex
	locked bool
}

// StageGroup seals each content (see Stage); the same content twice is
// staged once.
func (b *Blobs) StageGroup(tenantID int, contents [][]byte) (*StagedGroup, error) {
	g := &StagedGroup{}
	seen := map[string]bool{}
	slots := map[*sync.Mutex]bool{}
	for _, data := range contents {
		s, err := b.Stage(tenantID, data)
		if err != nil {
			return nil, err
		}
		if seen[s.Hash] {
			continue
		}
		seen[s.Hash] = true
		if !slots[s.mu] {
			slots[s.mu] = true
			g.locks = append(g.locks, s.mu)
		}
		s.mu = nil
		g.Files = append(g.Files, s)
	}
	// One global order for every group: the slots' place in the array.
	slices.SortFunc(g.locks, func(x, y *sync.Mutex) int { return b.slot(x) - b.slot(y) })
	return g, nil
}

func (b *Blobs) slot(mu *sync.Mutex) int {
	for i := range b.locks {
		if &b.locks[i] == mu {
			return i
		}
	}
	return -1
}

// Place places every file (see Staged.Place), taking the group's locks
// first when the store is not written in the transaction.
func (g *StagedGroup) Place(ctx context.Context, tx blob.Execer) error {
	if len(g.Files) == 0 {
		return nil
	}
	if _, ok := g.Files[0].b.store.(blob.TxStore); !(ok && tx != nil) && !g.locked {
		for _, mu := range g.locks {
			mu.Lock()
		}
		g.locked = true
	}
	for _, s := range g.Files {
		if err := s.Place(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// Done ends the staging of every file; kept says whether the file with
// this hash was recorded (see Staged.Done).
func (g *StagedGroup) Done(kept func(hash string) bool) {
	for _, s := range g.Files {
		s.Done(kept(s.Hash))
	}
	if g.locked {
		g.locked = false
		for _, mu := range g.locks {
			mu.Unlock()
		}
	}
}

// Put stores data at once and returns its hash: staging, placing and
// keeping in one step, for callers that record nothing.
func (b *Blobs) Put(tenantID int, data []byte) (string, error) {
	s, err := b.Stage(tenantID, data)
	if err != nil {
		return "", err
	}
	err = s.Place(context.Background(), nil)
	s.Done(true)
	return s.Hash, err
}

// Get reads a stored file and checks it is the one stored. The error is
// ErrMissing or ErrDamaged (wrapped) when the file is gone or fails its
// check; anything else may pass on a retry.
func (b *Blobs) Get(tenantID int, hash string) ([]byte, error) {
	return b.GetContext(context.Background(), tenantID, hash)
}

// GetContext is Get under ctx.
func (b *Blobs) GetContext(ctx context.Context, tenantID int, hash string) ([]byte, error) {
	name, err := b.Name(tenantID, hash)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	data, err := b.open(ctx, tenantID, name)
	if errors.Is(err, blob.ErrNotExist) {
		// Stored before sealing; SealOld seals it at the next start. It may
		// be sealed between these two reads: then it is read sealed.
		data, err = b.readLegacy(ctx, tenantID, hash)
		if errors.Is(err, blob.ErrNotExist) {
			data, err = b.open(ctx, tenantID, name)
		}
	}
	switch {
	case errors.Is(err, blob.ErrNotExist):
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

// open reads a sealed file and opens it.
func (b *Blobs) open(ctx context.Context, tenantID int, name string) ([]byte, error) {
	sealed, err := blob.ReadAll(ctx, b.store, name)
	if err != nil {
		return nil, err
	}
	return envelope.Open(b.tenantKey(tenantID), sealed)
}

func (b *Blobs) readLegacy(ctx context.Context, tenantID int, hash string) ([]byte, error) {
	data, err := blob.ReadAll(ctx, b.store, legacyName(tenantID, hash))
	if err == nil && envelope.IsSealed(data) {
		// A sealed file whose keyed name happens to be this hash: not a
		// plain file.
		return nil, blob.ErrNotExist
	}
	return data, err
}

// Remove deletes a stored file.
func (b *Blobs) Remove(tenantID int, hash string) error {
	name, err := b.Name(tenantID, hash)
	if err != nil {
		return err
	}
	return b.RemoveName(context.Background(), name)
}

// RemoveName deletes the stored file of that name.
func (b *Blobs) RemoveName(ctx context.Context, name string) error {
	mu := b.lock(name)
	mu.Lock()
	defer mu.Unlock()
	return b.store.Delete(ctx, name)
}

// Verify checks that sealed is the file stored under name: it opens under
// its tenant's key, and the keyed name of its content's SHA-256 is name. It
// returns the content's hash.
func (b *Blobs) Verify(name string, sealed []byte) (string, error) {
	tenantID, ok := TenantOf(name)
	if !ok {
		return "", fmt.Errorf("%w: %s is not a tenant's file", ErrDamaged, name)
	}
	data, err := envelope.Open(b.tenantKey(tenantID), sealed)
	if err != nil {
		return "", fmt.Errorf("%w (%s): %v", ErrDamaged, name, err)
	}
	hash := Hash(data)
	if want, _ := b.Name(tenantID, hash); want != name {
		return "", fmt.Errorf("%w (%s): its content is another file's", ErrDamaged, name)
	}
	return hash, nil
}

// SealOld seals every plain file left from before files were sealed and
// removes the plain copy. A file is recognised as plain by its missing
// envelope header and its name being its SHA-256; one whose content no
// longer matches its name is left alone and reported. It is safe to run
// from several processes at once and to be interrupted: a plain file is
// removed only once its sealed copy is in place. Only a local folder can
// hold such files; other stores are not walked.
func (b *Blobs) SealOld(log *slog.Logger) (sealed int, err error) {
	if _, local := b.store.(interface{ Root() string }); !local {
		return 0, nil
	}
	ctx := context.Background()
	err = b.store.Walk(ctx, "", func(info blob.Info) error {
		done, err := b.sealOne(ctx, info.Name)
		if done {
			sealed++
		}
		if err != nil {
			log.Warn("intake: a stored file could not be sealed", "name", info.Name, "err", err)
		}
		return nil
	})
	return sealed, err
}

func (b *Blobs) sealOne(ctx context.Context, name string) (bool, error) {
	tenantID, ok := TenantOf(name)
	if !ok {
		return false, nil
	}
	base := name[strings.LastIndex(name, "/")+1:]
	if sum, err := hex.DecodeString(base); err != nil || len(sum) != sha256.Size {
		return false, nil
	}
	// The header alone tells a sealed file: sealed files are not read.
	if sealed, err := b.startsSealed(ctx, name); err != nil || sealed {
		return false, err
	}
	data, err := blob.ReadAll(ctx, b.store, name)
	if err != nil {
		return false, err
	}
	if Hash(data) != base {
		return false, errors.New("a plain file whose content does not match its name: left as it is")
	}
	if _, err := b.Put(tenantID, data); err != nil {
		return false, err
	}
	return true, b.store.Delete(ctx, name)
}

func (b *Blobs) startsSealed(ctx context.Context, name string) (bool, error) {
	r, err := b.store.Get(ctx, name)
	if err != nil {
		return false, err
	}
	defer r.Close()
	head := make([]byte, envelope.HeaderLen)
	n, _ := io.ReadFull(r, head)
	return envelope.IsSealed(head[:n]), nil
}
