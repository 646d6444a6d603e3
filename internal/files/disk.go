// Package files stores uploaded files on disk by the SHA-256 of their
// content. An upload is first staged (streamed to a temporary file while
// it is hashed and measured), then committed to its content address once
// the caller has checked it, so a file only ever appears under its hash
// complete and synced. Disk is the one implementation of core's FileStore
// seam; an object store can sit behind the same methods later.
package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"duet/internal/duet"
)

// copyBuffer is the size of the chunks Stage reads: large enough that the
// per-chunk costs (a context check, three writes) vanish next to hashing,
// small enough that memory does not depend on the size of the upload.
const copyBuffer = 32 << 10

// Disk keeps files under one directory:
//
//	blobs/<first 2 hex>/<hash>   committed files, by content
//	tmp/<random>                 uploads being staged, thumbnails being written
//	thumbs/<hash>-<size>.png     cached thumbnails
//
// tmp lives inside the same directory so that committing is a rename on
// one filesystem, which is atomic.
type Disk struct {
	dir string

	// mu orders Commit against Sweep's removals. Commit holds it shared
	// while it refreshes the modification time and renames; Sweep holds it
	// exclusively while it checks a candidate's age again and removes it.
	// Without it, a blob Sweep judged unreferenced and old could be removed
	// just after an upload of the same content was committed onto it, and
	// the row core is about to write would point at nothing.
	mu sync.RWMutex
}

// NewDisk opens (creating when needed) the store under dir. The
// directories are private to the server's user: uploads are partner data.
func NewDisk(dir string) (*Disk, error) {
	d := &Disk{dir: dir}
	for _, sub := range []string{"", "blobs", "tmp", "thumbs"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, fmt.Errorf("files: %w", err)
		}
	}
	return d, nil
}

// Staged is an upload written to temporary storage, hashed, not yet in place.
type Staged struct {
	Hash string // lowercase hex SHA-256 of the content
	Size int64
	Head []byte // the first up to 512 bytes (for content sniffing)

	disk *Disk
	tmp  string   // the temporary file's path; "" once committed or discarded
	f    *os.File // kept open so Commit can sync it without reopening
}

// Stage streams r into a temporary file while hashing it, refusing more
// than limit bytes. It never holds more than one chunk of the file in
// memory. On any failure (too large, a read error such as a client that
// went away, ctx cancelled, disk full) the temporary file is removed, so
// an upload that fails leaves nothing behind. An empty body is accepted:
// whether that is allowed is the caller's rule.
func (d *Disk) Stage(ctx context.Context, r io.Reader, limit int64) (_ *Staged, err error) {
	f, err := os.CreateTemp(filepath.Join(d.dir, "tmp"), "upload-*")
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()

	w := &stageWriter{f: f, h: sha256.New(), limit: limit, head: make([]byte, 0, duet.SniffLen)}
	buf := make([]byte, copyBuffer)
	// ctxReader is not a WriterTo and stageWriter is not a ReaderFrom, so
	// CopyBuffer really copies through buf, chunk by chunk, and the limit
	// and the context are checked between chunks.
	if _, err := io.CopyBuffer(w, ctxReader{ctx, r}, buf); err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, &duet.Error{Kind: duet.ETooLarge, Field: "file",
				Msg: fmt.Sprintf("the file is larger than the %s MB limit", megabytes(limit))}
		}
		return nil, err
	}
	return &Staged{
		Hash: hex.EncodeToString(w.h.Sum(nil)),
		Size: w.n,
		Head: w.head,
		disk: d,
		tmp:  f.Name(),
		f:    f,
	}, nil
}

// errTooLarge is how stageWriter stops the copy at the limit; Stage turns
// it into the ETooLarge error the user sees.
var errTooLarge = errors.New("files: over the size limit")

// stageWriter writes each chunk to the temporary file and the hash,
// keeps the first bytes for sniffing and counts. It refuses a chunk that
// would take the file over the limit before writing any of it, so no more
// than limit bytes ever reach the disk.
type stageWriter struct {
	f     *os.File
	h     hash.Hash
	n     int64
	limit int64
	head  []byte
}

func (w *stageWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > w.limit-w.n {
		return 0, errTooLarge
	}
	if n, err := w.f.Write(p); err != nil {
		return n, err
	}
	w.h.Write(p) // a hash.Hash never returns an error
	if room := cap(w.head) - len(w.head); room > 0 {
		w.head = append(w.head, p[:min(room, len(p))]...)
	}
	w.n += int64(len(p))
	return len(p), nil
}

// ctxReader fails the next read once ctx is done, so a cancelled request
// stops a long upload at the next chunk even when the body keeps flowing.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// megabytes formats a byte limit in MB (2^20 bytes, the unit limits are
// written in: 25 << 20), without decimals when whole.
func megabytes(n int64) string {
	const mb = 1 << 20
	if n%mb == 0 {
		return fmt.Sprint(n / mb)
	}
	if n >= mb {
		return fmt.Sprintf("%.1f", float64(n)/mb)
	}
	return fmt.Sprintf("%.3g", float64(n)/mb)
}

// Commit moves the staged file to its content address. The file is
// synced before the rename and the directory after it, so once Commit
// returns the file survives a crash, and before that it is either absent
// or complete under its hash — never partial. A file with the same hash
// may already be there: renaming over it is harmless (same content) and
// refreshes its modification time, which keeps Sweep from removing it
// while the caller records the new reference.
func (s *Staged) Commit() error {
	if s.tmp == "" {
		if s.disk == nil {
			return errors.New("files: commit of a discarded upload")
		}
		return nil // already committed
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	s.f = nil

	d := s.disk
	shard := filepath.Join(d.dir, "blobs", s.Hash[:2])
	created, err := mkdir(shard)
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	if created {
		// The new shard directory's entry in blobs/ must be durable too.
		if err := syncDir(filepath.Join(d.dir, "blobs")); err != nil {
			return fmt.Errorf("files: %w", err)
		}
	}

	d.mu.RLock()
	now := time.Now()
	err = os.Chtimes(s.tmp, now, now)
	if err == nil {
		err = os.Rename(s.tmp, filepath.Join(shard, s.Hash))
	}
	d.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	s.tmp = ""
	if err := syncDir(shard); err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return nil
}

// Discard removes the temporary file. It is meant to be deferred right
// after Stage succeeds, so it does nothing after Commit or a first Discard,
// nor on a nil Staged: a version that is a link stages nothing.
func (s *Staged) Discard() error {
	if s == nil || s.tmp == "" {
		return nil
	}
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	err := os.Remove(s.tmp)
	s.tmp = ""
	s.disk = nil // marks it discarded for Commit
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("files: %w", err)
	}
	return nil
}

// Open opens a stored file by hash. Anything that is not exactly a
// lowercase hex SHA-256 is not found, so a hash from a URL can never
// name a path outside the store.
func (d *Disk) Open(hash string) (io.ReadSeekCloser, error) {
	if !validHash(hash) {
		return nil, duet.NotFound("file")
	}
	f, err := os.Open(d.blob(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, duet.NotFound("file")
	} else if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return f, nil
}

// Sweep removes temporary files, and stored files whose hash keep does
// not report (with their cached thumbnails), last modified before
// olderThan. It is how a crash between writing a file and committing its
// database row is cleaned up; olderThan must leave room for uploads in
// progress and commits whose row is being written. It returns how many
// files it removed, thumbnails included, and carries on past a file it
// cannot remove, reporting the failures together at the end.
func (d *Disk) Sweep(keep func(hash string) bool, olderThan time.Time) (int, error) {
	removed := 0
	var errs []error
	remove := func(path string) {
		if err := os.Remove(path); err == nil {
			removed++
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	old := func(e fs.DirEntry) bool {
		info, err := e.Info()
		return err == nil && info.Mode().IsRegular() && info.ModTime().Before(olderThan)
	}

	tmp := filepath.Join(d.dir, "tmp")
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return 0, fmt.Errorf("files: %w", err)
	}
	for _, e := range entries {
		if old(e) {
			remove(filepath.Join(tmp, e.Name()))
		}
	}

	blobs := filepath.Join(d.dir, "blobs")
	shards, err := os.ReadDir(blobs)
	if err != nil {
		return removed, fmt.Errorf("files: %w", err)
	}
	for _, sh := range shards {
		if !sh.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(blobs, sh.Name()))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range entries {
			h := e.Name()
			if !validHash(h) || h[:2] != sh.Name() || !old(e) || keep(h) {
				continue
			}
			if d.removeIfOld(h, olderThan, remove) {
				d.removeThumbs(h, remove)
			}
		}
	}

	// Thumbnails whose file is gone: left by a crash between removing a
	// file and its thumbnails, or written by a Thumbnail call that raced
	// with the removal.
	thumbs := filepath.Join(d.dir, "thumbs")
	entries, err = os.ReadDir(thumbs)
	if err != nil {
		errs = append(errs, err)
	}
	for _, e := range entries {
		h, _, ok := strings.Cut(e.Name(), "-")
		if !ok || !validHash(h) || !old(e) {
			continue
		}
		if _, err := os.Stat(d.blob(h)); errors.Is(err, fs.ErrNotExist) {
			remove(filepath.Join(thumbs, e.Name()))
		}
	}

	if len(errs) > 0 {
		return removed, fmt.Errorf("files: sweep: %w", errors.Join(errs...))
	}
	return removed, nil
}

// removeIfOld removes the blob hash if it is still older than olderThan,
// checking again under the lock Commit takes (see Disk.mu). It reports
// whether the blob is gone.
func (d *Disk) removeIfOld(hash string, olderThan time.Time, remove func(string)) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	info, err := os.Lstat(d.blob(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil || !info.ModTime().Before(olderThan) {
		return false
	}
	remove(d.blob(hash))
	return true
}

// removeThumbs removes every cached thumbnail of hash.
func (d *Disk) removeThumbs(hash string, remove func(string)) {
	// hash is validated hex, so the pattern has no metacharacters but ours.
	paths, _ := filepath.Glob(filepath.Join(d.dir, "thumbs", hash+"-*.png"))
	for _, p := range paths {
		remove(p)
	}
}

func (d *Disk) blob(hash string) string {
	return filepath.Join(d.dir, "blobs", hash[:2], hash)
}

// validHash reports whether s is a lowercase hex SHA-256, the only form
// of name the store accepts.
func validHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// mkdir creates dir when missing and reports whether it did.
func mkdir(dir string) (bool, error) {
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	return err == nil, err
}

// syncDir makes the directory's entries (a rename into it, a new
// subdirectory) durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
