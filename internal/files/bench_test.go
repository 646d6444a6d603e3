package files

import (
	"context"
	"io"
	"runtime"
	"testing"
)

// pattern is an endless deterministic reader: a 251-byte sequence (a
// prime, so it never lines up with the copy buffer) repeated. It stands
// in for an upload body without holding the upload in memory.
type pattern struct{ off int }

func (p *pattern) Read(b []byte) (int, error) {
	const period = 251
	for i := range b {
		b[i] = byte((p.off + i) % period)
	}
	p.off = (p.off + len(b)) % period
	return len(b), nil
}

func BenchmarkStage100MB(b *testing.B) { benchmarkStage(b, 100<<20) }

// BenchmarkStage1MB is the same at a hundredth of the size, to set the
// allocations and heap figures of BenchmarkStage100MB against: they
// should be the same.
func BenchmarkStage1MB(b *testing.B) { benchmarkStage(b, 1<<20) }

// benchmarkStage streams size bytes through Stage and Commit. Besides
// the throughput and allocations per upload it reports the heap growth
// during the run (HeapInuse after minus before, which a streaming Stage
// keeps near zero) and the bytes allocated per upload, which bound any
// peak in between: the heap cannot grow by more than was allocated.
func benchmarkStage(b *testing.B, size int64) {
	d, err := NewDisk(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		s, err := d.Stage(ctx, io.LimitReader(&pattern{}, size), size)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)

	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/1e6, "MB-alloc/op")
	b.ReportMetric((float64(after.HeapInuse)-float64(before.HeapInuse))/1e6, "MB-heap")
}
