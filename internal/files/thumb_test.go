package files

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"duet/internal/duet"
)

// gradient is a w×h test image whose colour changes across it, so a
// wrong crop or a transposed axis shows up in the thumbnail's pixels.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(255 * x / w), G: uint8(255 * y / h), B: 128, A: 255})
		}
	}
	return img
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// thumb asks for a thumbnail and decodes it as PNG.
func thumb(t *testing.T, d *Disk, hash string, size int) image.Image {
	t.Helper()
	f, err := d.Thumbnail(hash, size)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the thumbnail is not a PNG: %v", err)
	}
	return img
}

func TestThumbnail(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content []byte
	}{
		{"png", pngBytes(t, 300, 200)},
		{"jpeg", jpegBytes(t, 300, 200)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDisk(t)
			s := commit(t, d, tc.content)
			img := thumb(t, d, s.Hash, 64)
			if got := img.Bounds().Size(); got != image.Pt(64, 43) {
				t.Errorf("thumbnail is %v, want 64×43 (300×200 scaled to fit 64)", got)
			}
			// The gradient survives: red grows left to right, green top
			// to bottom. Tolerant of JPEG's loss.
			r0, g0, _, _ := img.At(0, 0).RGBA()
			r1, g1, _, _ := img.At(63, 42).RGBA()
			if r1 < r0+0x8000 || g1 < g0+0x8000 {
				t.Errorf("corners %v and %v do not keep the image's gradient", img.At(0, 0), img.At(63, 42))
			}

			cached := filepath.Join(d.dir, "thumbs", s.Hash+"-64.png")
			if _, err := os.Stat(cached); err != nil {
				t.Fatalf("thumbnail not cached: %v", err)
			}
			// Served from the cache: with the original gone, a second
			// call can only succeed by reading the cached file.
			if err := os.Remove(d.blob(s.Hash)); err != nil {
				t.Fatal(err)
			}
			if got := thumb(t, d, s.Hash, 64).Bounds().Size(); got != image.Pt(64, 43) {
				t.Errorf("cached thumbnail is %v", got)
			}
			noTemp(t, d)
		})
	}
}

func TestThumbnailPortrait(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, pngBytes(t, 100, 1000))
	if got := thumb(t, d, s.Hash, 64).Bounds().Size(); got != image.Pt(6, 64) {
		t.Errorf("thumbnail is %v, want 6×64", got)
	}
}

func TestThumbnailNoUpscale(t *testing.T) {
	d := newDisk(t)
	src := gradient(40, 30)
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		t.Fatal(err)
	}
	s := commit(t, d, buf.Bytes())
	img := thumb(t, d, s.Hash, 64)
	if got := img.Bounds().Size(); got != image.Pt(40, 30) {
		t.Fatalf("thumbnail is %v, want the original 40×30", got)
	}
	// At its own size the box filter averages one pixel: an exact copy.
	for y := range 30 {
		for x := range 40 {
			if a, b := color.NRGBAModel.Convert(img.At(x, y)), src.At(x, y); a != b {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, a, b)
			}
		}
	}
}

func TestBoxDownscaleAverages(t *testing.T) {
	// A 4×2 image of two 2×2 blocks, black and white, halves to 2×1
	// with each block's exact mean; a transparent block adds no colour.
	src := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for y := range 2 {
		src.SetNRGBA(0, y, color.NRGBA{A: 255})
		src.SetNRGBA(1, y, color.NRGBA{R: 255, G: 255, B: 255, A: 255})
		src.SetNRGBA(2, y, color.NRGBA{R: 200, A: 255})
		src.SetNRGBA(3, y, color.NRGBA{R: 0, G: 255, A: 0}) // transparent green
	}
	got := boxDownscale(src, 2)
	if got.Bounds().Size() != image.Pt(2, 1) {
		t.Fatalf("size %v", got.Bounds().Size())
	}
	if c := got.RGBAAt(0, 0); c != (color.RGBA{128, 128, 128, 255}) {
		t.Errorf("black and white average to %v, want mid grey", c)
	}
	// Half opaque red, half transparent: premultiplied (100,0,0,128),
	// which is pure red at half opacity — no green bleeds in.
	if c := got.RGBAAt(1, 0); c != (color.RGBA{100, 0, 0, 128}) {
		t.Errorf("red beside transparent averages to %v, want {100 0 0 128}", c)
	}
}

func TestThumbnailNotImage(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, []byte("# Launch plan\n\nNot an image at all.\n"))
	f, err := d.Thumbnail(s.Hash, 64)
	if err == nil {
		f.Close()
	}
	if duet.ErrorKind(err) != duet.EInvalid {
		t.Errorf("err = %v, want invalid", err)
	}
	// A truncated PNG: the header is fine, the pixels are missing.
	trunc := pngBytes(t, 300, 200)
	s = commit(t, d, trunc[:len(trunc)/2])
	if _, err := d.Thumbnail(s.Hash, 64); duet.ErrorKind(err) != duet.EInvalid {
		t.Errorf("truncated PNG: err = %v, want invalid", err)
	}
	noTemp(t, d)
	if got := files(t, d, "thumbs"); len(got) != 0 {
		t.Errorf("thumbs = %v after failures", got)
	}
}

func TestThumbnailArguments(t *testing.T) {
	d := newDisk(t)
	s := commit(t, d, pngBytes(t, 10, 10))
	for _, size := range []int{0, -1, maxThumbSize + 1} {
		if _, err := d.Thumbnail(s.Hash, size); duet.ErrorKind(err) != duet.EInvalid {
			t.Errorf("size %d: err = %v, want invalid", size, err)
		}
	}
	for _, hash := range []string{"../x", sum([]byte("never stored"))} {
		if _, err := d.Thumbnail(hash, 64); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("hash %q: err = %v, want not found", hash, err)
		}
	}
}

// bombPNG is a PNG signature and a valid IHDR chunk claiming w×h 8-bit
// RGBA pixels, and nothing else: all image.DecodeConfig reads.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	data := binary.BigEndian.AppendUint32(nil, w)
	data = binary.BigEndian.AppendUint32(data, h)
	data = append(data, 8, 6, 0, 0, 0) // depth 8, RGBA, deflate, no filter, no interlace
	chunk := append([]byte("IHDR"), data...)
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	b.Write(chunk)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
	return b.Bytes()
}

func TestThumbnailRefusesBomb(t *testing.T) {
	d := newDisk(t)
	bomb := bombPNG(100_000, 100_000)
	if cfg, err := png.DecodeConfig(bytes.NewReader(bomb)); err != nil || cfg.Width != 100_000 {
		t.Fatalf("the crafted header does not parse: %v %+v", err, cfg)
	}
	s := commit(t, d, bomb)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := d.Thumbnail(s.Hash, 64)
	runtime.ReadMemStats(&after)

	if duet.ErrorKind(err) != duet.EInvalid || duet.ErrorField(err) != "file" {
		t.Fatalf("err = %v, want invalid file", err)
	}
	// Decoding would need 40 GB; refusing from the header needs almost
	// nothing.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing the image allocated %d bytes", alloc)
	}
}

func TestThumbnailAtLimit(t *testing.T) {
	// 40 megapixels exactly is allowed by the header check (the decode
	// then fails on the missing data); one row more is refused as too big.
	d := newDisk(t)
	ok := commit(t, d, bombPNG(8000, 5000))
	_, err := d.Thumbnail(ok.Hash, 64)
	if duet.ErrorKind(err) != duet.EInvalid || !bytes.Contains([]byte(duet.ErrorMessage(err)), []byte("not a PNG or JPEG")) {
		t.Errorf("8000×5000: err = %v, want the decode failure", err)
	}
	big := commit(t, d, bombPNG(8000, 5001))
	_, err = d.Thumbnail(big.Hash, 64)
	if !bytes.Contains([]byte(duet.ErrorMessage(err)), []byte("megapixels")) {
		t.Errorf("8000×5001: err = %v, want refused by size", err)
	}
}
