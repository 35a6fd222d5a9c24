package intake

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/envelope"
)

// CopyStats counts what CopyTo did.
type CopyStats struct {
	Copied  int // written to the destination and verified there
	Present int // already in the destination, verified
	Damaged int // failed their check in the source: not copied, reported
	Failed  int // could not be copied (an error reaching either store)
}

func (c CopyStats) String() string {
	return fmt.Sprintf("%d copied, %d already there, %d damaged in the source (not copied), %d failed", c.Copied, c.Present, c.Damaged, c.Failed)
}

// CopyTo copies every stored file into dst, checking each one: a file is
// read, opened under its tenant's key and its content's SHA-256 must give
// its name, before it is written and again when read back from dst. A file
// dst holds already and that passes the check is left alone; one that fails
// it is replaced. So a copy can be run again at any time and resumes where
// an interrupted one stopped. Plain files from before sealing are sealed on
// the way. The source is never changed. Damaged source files are reported
// and skipped; the error is non-nil when any file was not copied.
func (b *Blobs) CopyTo(ctx context.Context, dst blob.Store, log *slog.Logger) (CopyStats, error) {
	var st CopyStats
	err := b.store.Walk(ctx, "", func(info blob.Info) error {
		if _, ok := TenantOf(info.Name); !ok {
			return nil
		}
		present, err := b.copyOne(ctx, dst, info.Name)
		switch {
		case errors.Is(err, ErrDamaged):
			st.Damaged++
			log.Error("blobs: a stored file is damaged; not copied", "name", info.Name, "err", err)
		case err != nil:
			if ctx.Err() != nil {
				return ctx.Err()
			}
			st.Failed++
			log.Error("blobs: a file could not be copied", "name", info.Name, "err", err)
		case present:
			st.Present++
		default:
			st.Copied++
			if st.Copied%100 == 0 {
				log.Info("blobs: copying", "copied", st.Copied, "present", st.Present)
			}
		}
		return nil
	})
	if err == nil && st.Damaged+st.Failed > 0 {
		err = fmt.Errorf("blobs: %d files were not copied (see the log); run again once the failures are fixed", st.Damaged+st.Failed)
	}
	return st, err
}

// copyOne copies one file; present says dst held it already.
func (b *Blobs) copyOne(ctx context.Context, dst blob.Store, name string) (present bool, err error) {
	sealed, err := blob.ReadAll(ctx, b.store, name)
	if err != nil {
		return false, err
	}
	if !envelope.IsSealed(sealed) {
		// A plain file from before sealing: sealed and copied under its
		// keyed name.
		tenantID, _ := TenantOf(name)
		base := name[strings.LastIndex(name, "/")+1:]
		if sum, err := hex.DecodeString(base); err != nil || len(sum) != sha256.Size || Hash(sealed) != base {
			return false, fmt.Errorf("%w (%s): neither sealed nor a plain file matching its name", ErrDamaged, name)
		}
		if name, err = b.Name(tenantID, base); err != nil {
			return false, err
		}
		if sealed, err = envelope.Seal(b.tenantKey(tenantID), sealed); err != nil {
			return false, err
		}
	}
	if _, err := b.Verify(name, sealed); err != nil {
		return false, err
	}
	if there, err := blob.ReadAll(ctx, dst, name); err == nil {
		if _, verr := b.Verify(name, there); verr == nil {
			return true, nil
		}
		// Damaged in the destination (an earlier copy cut short by a
		// store that is not atomic, or a disk): replaced.
		if err := dst.Delete(ctx, name); err != nil {
			return false, err
		}
	} else if !errors.Is(err, blob.ErrNotExist) {
		return false, err
	}
	if err := dst.Put(ctx, name, bytes.NewReader(sealed)); err != nil {
		return false, err
	}
	back, err := blob.ReadAll(ctx, dst, name)
	if err != nil {
		return false, fmt.Errorf("read back: %w", err)
	}
	if _, err := b.Verify(name, back); err != nil {
		return false, fmt.Errorf("read back from the destination: %v", err)
	}
	return false, nil
}
