package files

import (
	"context"
	"io"
	"runtime"
	"testing"
)

// pattern is an endless deterministic reader: a 251-byte sequence (a
// prime, so it never lines up with the copy buffer) repeated. It stands
// in for an upload body without holding the upload in memory. It copies
// from a small precomputed table so that the benchmark measures Stage,
// not the reader.
type pattern struct {
	table []byte // the sequence repeated to a little over 32 KiB
	off   int    // where the next read starts, within one period
}

const period = 251

func newPattern() *pattern {
	t := make([]byte, period*(copyBuffer/period+2))
	for i := range t {
		t[i] = byte(i % period)
	}
	return &pattern{table: t}
}

func (p *pattern) Read(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k := copy(b[n:], p.table[p.off:])
		n += k
		p.off = (p.off + k) % period
	}
	return n, nil
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
	body := newPattern() // made once: its table is not Stage's memory
	b.SetBytes(size)
	b.ReportAllocs()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		body.off = 0 // every upload has the same content, so one file
		s, err := d.Stage(ctx, io.LimitReader(body, size), size)
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
