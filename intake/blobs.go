package intake

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Blobs stores uploaded files by the SHA-256 of their content, one folder
// per tenant: the same file sent twice is stored once, and a stored file
// never changes.
type Blobs struct{ Root string }

func blobRoot(dataDir string) string { return filepath.Join(dataDir, "uploads") }

// Hash is the name a content is stored under.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (b Blobs) path(tenantID int, hash string) string {
	return filepath.Join(b.Root, strconv.Itoa(tenantID), hash[:2], hash)
}

// Put stores data and returns its hash. The file is complete and synced to
// disk before Put returns, so a job recorded afterwards always finds it.
func (b Blobs) Put(tenantID int, data []byte) (string, error) {
	hash := Hash(data)
	path := b.path(tenantID, hash)
	if _, err := os.Stat(path); err == nil {
		return hash, nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("intake: blob folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return "", fmt.Errorf("intake: blob: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return "", fmt.Errorf("intake: blob: %w", err)
	}
	return hash, nil
}

// Get reads a stored file and checks it is the one stored.
func (b Blobs) Get(tenantID int, hash string) ([]byte, error) {
	data, err := os.ReadFile(b.path(tenantID, hash))
	if err != nil {
		return nil, fmt.Errorf("intake: blob %s: %w", hash, err)
	}
	if Hash(data) != hash {
		return nil, errors.New("intake: blob " + hash + " is damaged on disk")
	}
	return data, nil
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
