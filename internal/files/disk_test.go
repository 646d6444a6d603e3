package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duet/internal/duet"
)

func newDisk(t *testing.T) *Disk {
	t.Helper()
	d, err := NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// commit stages and commits content, failing the test on any error.
func commit(t *testing.T, d *Disk, content []byte) *Staged {
	t.Helper()
	s, err := d.Stage(context.Background(), bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	return s
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// files lists the regular files under dir/sub, relative to it.
func files(t *testing.T, d *Disk, sub string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(d.dir, sub)
	err := filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() {
			rel, _ := filepath.Rel(root, path)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func noTemp(t *testing.T, d *Disk) {
	t.Helper()
	if left := files(t, d, "tmp"); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestNewDiskPrivate(t *testing.T) {
	d := newDisk(t)
	for _, sub := range []string{"blobs", "tmp", "thumbs"} {
		info, err := os.Stat(filepath.Join(d.dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s is %v; want no access for group and others", sub, perm)
		}
	}
}

func TestStageCommitOpen(t *testing.T) {
	d := newDisk(t)
	content := bytes.Repeat([]byte("Partner launch brief.\n"), 100) // > 512 bytes
	s := commit(t, d, content)

	if s.Hash != sum(content) {
		t.Errorf("Hash = %s, want %s", s.Hash, sum(content))
	}
	if s.Size != int64(len(content)) {
		t.Errorf("Size = %d, want %d", s.Size, len(content))
	}
	if !bytes.Equal(s.Head, content[:512]) {
		t.Errorf("Head is %d bytes, not the first 512 of the content", len(s.Head))
	}
	want := filepath.Join(s.Hash[:2], s.Hash)
	if got := files(t, d, "blobs"); len(got) != 1 || got[0] != want {
		t.Errorf("blobs = %v, want [%s]", got, want)
	}
	noTemp(t, d)

	f, err := d.Open(s.Hash)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, content) {
		t.Error("the stored file differs from what was staged")
	}
}

func TestStageShortHead(t *testing.T) {
	d := newDisk(t)
	s, err := d.Stage(context.Background(), strings.NewReader("hi"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	if string(s.Head) != "hi" || s.Size != 2 {
		t.Errorf("Head %q Size %d, want \"hi\" 2", s.Head, s.Size)
	}
}

func TestStageEmpty(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, nil)
	if s.Size != 0 || len(s.Head) != 0 || s.Hash != sum(nil) {
		t.Errorf("empty upload staged as %+v", s)
	}
}

func TestSameContentOneBlob(t *testing.T) {
	d := newDisk(t)
	a := commit(t, d, []byte("same bytes"))
	b := commit(t, d, []byte("same bytes"))
	if a.Hash != b.Hash {
		t.Fatalf("hashes differ: %s %s", a.Hash, b.Hash)
	}
	if got := files(t, d, "blobs"); len(got) != 1 {
		t.Errorf("blobs = %v, want one", got)
	}
	noTemp(t, d)
}

func TestStageLimit(t *testing.T) {
	content := bytes.Repeat([]byte{'x'}, 100_000) // several copy chunks
	limit := int64(len(content))

	t.Run("exactly at the limit", func(t *testing.T) {
		d := newDisk(t)
		s, err := d.Stage(context.Background(), bytes.NewReader(content), limit)
		if err != nil {
			t.Fatal(err)
		}
		if s.Size != limit {
			t.Errorf("Size = %d, want %d", s.Size, limit)
		}
		s.Discard()
		noTemp(t, d)
	})

	t.Run("one byte over", func(t *testing.T) {
		d := newDisk(t)
		over := append(content, 'x')
		s, err := d.Stage(context.Background(), bytes.NewReader(over), limit)
		if s != nil {
			t.Error("Stage returned a staged file with its error")
		}
		if duet.ErrorKind(err) != duet.ETooLarge || duet.ErrorField(err) != "file" {
			t.Fatalf("err = %v, want too_large on file", err)
		}
		noTemp(t, d)
	})

	t.Run("message in whole megabytes", func(t *testing.T) {
		d := newDisk(t)
		_, err := d.Stage(context.Background(), io.LimitReader(zeros{}, 3<<20), 2<<20)
		if got, want := duet.ErrorMessage(err), "the file is larger than the 2 MB limit"; got != want {
			t.Errorf("message %q, want %q", got, want)
		}
		noTemp(t, d)
	})
}

func TestMegabytes(t *testing.T) {
	for n, want := range map[int64]string{
		25 << 20:    "25",
		1 << 20:     "1",
		3 << 19:     "1.5",
		100_000_000: "95.4",
		1 << 19:     "0.5",
	} {
		if got := megabytes(n); got != want {
			t.Errorf("megabytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// failingReader yields n bytes, then fails as a dropped connection does.
type failingReader struct{ n int }

var errDropped = errors.New("connection reset")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errDropped
	}
	k := min(len(p), r.n)
	clear(p[:k])
	r.n -= k
	return k, nil
}

func TestStageReadError(t *testing.T) {
	d := newDisk(t)
	_, err := d.Stage(context.Background(), &failingReader{n: 100_000}, 1<<20)
	if !errors.Is(err, errDropped) {
		t.Fatalf("err = %v, want the reader's error", err)
	}
	noTemp(t, d)
}

// cancelAfter cancels its context once it has yielded n bytes, the way a
// request is cancelled while its body is still arriving.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (r *cancelAfter) Read(p []byte) (int, error) {
	k := min(len(p), r.n)
	clear(p[:k])
	r.n -= k
	if r.n == 0 {
		r.cancel()
	}
	return k, nil
}

func TestStageContextCancelled(t *testing.T) {
	t.Run("midway", func(t *testing.T) {
		d := newDisk(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The reader never ends by itself: only the context can stop it.
		_, err := d.Stage(ctx, &cancelAfter{n: 100_000, cancel: cancel}, 1<<30)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		noTemp(t, d)
	})
	t.Run("before", func(t *testing.T) {
		d := newDisk(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := d.Stage(ctx, strings.NewReader("x"), 10)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		noTemp(t, d)
	})
}

func TestDiscard(t *testing.T) {
	t.Run("before commit", func(t *testing.T) {
		d := newDisk(t)
		s, err := d.Stage(context.Background(), strings.NewReader("refused content"), 100)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Discard(); err != nil {
			t.Fatal(err)
		}
		if err := s.Discard(); err != nil {
			t.Errorf("second Discard: %v", err)
		}
		noTemp(t, d)
		if got := files(t, d, "blobs"); len(got) != 0 {
			t.Errorf("blobs = %v after Discard", got)
		}
		if err := s.Commit(); err == nil {
			t.Error("Commit after Discard succeeded")
		}
	})
	t.Run("after commit", func(t *testing.T) {
		d := newDisk(t)
		s := commit(t, d, []byte("kept content"))
		if err := s.Discard(); err != nil {
			t.Fatal(err)
		}
		if err := s.Discard(); err != nil {
			t.Fatal(err)
		}
		f, err := d.Open(s.Hash)
		if err != nil {
			t.Fatalf("Discard after Commit removed the file: %v", err)
		}
		f.Close()
		if err := s.Commit(); err != nil {
			t.Errorf("second Commit: %v", err)
		}
	})
}

func TestCommitRefreshesModTime(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, []byte("uploaded twice"))
	long := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(d.blob(s.Hash), long, long); err != nil {
		t.Fatal(err)
	}
	commit(t, d, []byte("uploaded twice"))
	info, err := os.Stat(d.blob(s.Hash))
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime().After(long.Add(time.Hour)) {
		t.Errorf("mtime %v not refreshed by the second commit", info.ModTime())
	}
}

func TestOpen(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, []byte("stored"))
	// A file outside the store that a traversal would reach.
	if err := os.WriteFile(filepath.Join(d.dir, "x"), []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, hash := range []string{
		"",
		"../x",
		"../../blobs/" + s.Hash[:2] + "/" + s.Hash,
		strings.ToUpper(s.Hash),
		s.Hash[:63],
		s.Hash + "0",
		s.Hash[:62] + "/x",
		strings.Repeat("g", 64),
		sum([]byte("never stored")),
	} {
		f, err := d.Open(hash)
		if err == nil {
			f.Close()
		}
		if duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("Open(%q): err = %v, want not found", hash, err)
		}
	}
}

func TestSweep(t *testing.T) {
	d := newDisk(t)
	now := time.Now()
	cutoff := now.Add(-24 * time.Hour)
	old := now.Add(-48 * time.Hour)
	age := func(path string) {
		t.Helper()
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}

	orphan := commit(t, d, []byte("written, row never committed"))
	age(d.blob(orphan.Hash))
	// An image in use, with a thumbnail that must stay.
	keptImg := commit(t, d, pngBytes(t, 20, 10))
	f, err := d.Thumbnail(keptImg.Hash, 8)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	// An image never referenced, whose thumbnail goes with it.
	orphanImg := commit(t, d, pngBytes(t, 30, 10))
	f, err = d.Thumbnail(orphanImg.Hash, 8)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	age(d.blob(orphanImg.Hash))

	referenced := commit(t, d, []byte("referenced by a version"))
	age(d.blob(referenced.Hash))
	fresh := commit(t, d, []byte("just committed, row on its way")) // mtime now

	staleTmp := filepath.Join(d.dir, "tmp", "upload-stale")
	if err := os.WriteFile(staleTmp, []byte("half an upload"), 0o600); err != nil {
		t.Fatal(err)
	}
	age(staleTmp)
	inFlight, err := d.Stage(context.Background(), strings.NewReader("being uploaded"), 100)
	if err != nil {
		t.Fatal(err)
	}
	defer inFlight.Discard()

	// A thumbnail whose file is already gone (a crash between the two).
	strayThumb := filepath.Join(d.dir, "thumbs", sum([]byte("gone"))+"-64.png")
	if err := os.WriteFile(strayThumb, []byte("png"), 0o600); err != nil {
		t.Fatal(err)
	}
	age(strayThumb)

	var asked []string
	keep := func(hash string) bool {
		asked = append(asked, hash)
		return hash == referenced.Hash || hash == keptImg.Hash
	}
	n, err := d.Sweep(keep, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	// orphan, orphanImg and its thumbnail, the stale temp file, the stray thumbnail.
	if n != 5 {
		t.Errorf("Sweep removed %d files, want 5", n)
	}
	for _, gone := range []string{orphan.Hash, orphanImg.Hash} {
		if f, err := d.Open(gone); err == nil {
			f.Close()
			t.Errorf("unreferenced old file %s kept", gone[:8])
		}
	}
	for _, kept := range []string{referenced.Hash, fresh.Hash} {
		f, err := d.Open(kept)
		if err != nil {
			t.Errorf("file %s removed: %v", kept[:8], err)
			continue
		}
		f.Close()
	}
	for _, path := range []string{staleTmp, strayThumb} {
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed", filepath.Base(path))
		}
	}
	if _, err := os.Stat(inFlight.tmp); err != nil {
		t.Errorf("an upload in progress was removed: %v", err)
	}
	thumbs := files(t, d, "thumbs")
	if len(thumbs) != 1 || !strings.HasPrefix(thumbs[0], keptImg.Hash) {
		t.Errorf("thumbs = %v, want only the kept image's", thumbs)
	}
	for _, h := range asked {
		if h == fresh.Hash {
			t.Error("keep was asked about a fresh file; only old ones need a lookup")
		}
	}

	// Nothing left to do: a second sweep removes nothing.
	if n, err := d.Sweep(keep, cutoff); err != nil || n != 0 {
		t.Errorf("second Sweep = %d, %v; want 0, nil", n, err)
	}
}

// TestSweepSparesRecommit covers the race Disk.mu closes: a file judged
// unreferenced and old is committed again (same content uploaded anew)
// before Sweep removes it. Sweep must look at its age again and keep it.
func TestSweepSparesRecommit(t *testing.T) {
	d := newDisk(t)
	content := []byte("uploaded again")
	s := commit(t, d, content)
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(d.blob(s.Hash), old, old); err != nil {
		t.Fatal(err)
	}
	keep := func(hash string) bool {
		// Sweep has listed the file as old and asks about it; the new
		// upload commits right now, before the row exists.
		commit(t, d, content)
		return false
	}
	n, err := d.Sweep(keep, time.Now().Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("Sweep removed %d files, want 0", n)
	}
	f, err := d.Open(s.Hash)
	if err != nil {
		t.Fatalf("the recommitted file was removed: %v", err)
	}
	f.Close()
}

// TestConcurrentStageCommit commits the same content from several
// goroutines while Sweep runs, for the race detector. Content 0 is stored
// already, old and unreferenced: whichever way Sweep and the commits
// interleave, a commit either recreates it or refreshes it before Sweep
// checks it again, so both files exist at the end.
func TestConcurrentStageCommit(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, []byte{0})
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(d.blob(s.Hash), old, old); err != nil {
		t.Fatal(err)
	}
	const workers = 8
	errs := make(chan error, workers+1)
	for i := range workers {
		go func() {
			content := []byte{byte(i % 2)}
			s, err := d.Stage(context.Background(), bytes.NewReader(content), 10)
			if err == nil {
				err = s.Commit()
			}
			errs <- err
		}()
	}
	go func() {
		_, err := d.Sweep(func(string) bool { return false }, time.Now().Add(-time.Hour))
		errs <- err
	}()
	for range workers + 1 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if got := files(t, d, "blobs"); len(got) != 2 {
		t.Errorf("blobs = %v, want 2", got)
	}
}
