package files

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"duet/internal/duet"
)

const (
	// maxPixels refuses images whose header promises more pixels than a
	// preview is worth decoding: a small, highly compressed PNG can claim
	// 100000×100000 and would take tens of gigabytes once decoded.
	maxPixels = 40_000_000

	// maxThumbSize bounds the size asked for. Each size is cached in its
	// own file, so an unbounded size would let requests fill the disk.
	maxThumbSize = 4096
)

// Thumbnail returns a PNG no wider or taller than size pixels of the
// stored PNG or JPEG image with hash, keeping its aspect ratio and never
// enlarging it. Thumbnails are cached under thumbs/<hash>-<size>.png, so
// each image is decoded once per size; the cache file is written to tmp
// and renamed into place, so a reader never sees half a thumbnail.
func (d *Disk) Thumbnail(hash string, size int) (io.ReadSeekCloser, error) {
	if !validHash(hash) {
		return nil, duet.NotFound("file")
	}
	if size < 1 || size > maxThumbSize {
		return nil, duet.Invalid("size", "must be between 1 and %d pixels", maxThumbSize)
	}
	cached := filepath.Join(d.dir, "thumbs", hash+"-"+strconv.Itoa(size)+".png")
	if f, err := os.Open(cached); err == nil {
		return f, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("files: %w", err)
	}

	src, err := d.Open(hash)
	if err != nil {
		return nil, err
	}
	img, err := decodeImage(src)
	src.Close()
	if err != nil {
		return nil, err
	}
	thumb := boxDownscale(img, size)

	tmp, err := os.CreateTemp(filepath.Join(d.dir, "tmp"), "thumb-*")
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	// Speed over size: thumbnails are small and written once per size.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err = enc.Encode(tmp, thumb)
	if err == nil {
		// Synced before the rename so a crash cannot leave an empty file
		// under the cache name, which would be served from then on.
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), cached)
	}
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	f, err := os.Open(cached)
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return f, nil
}

// decodeImage decodes a PNG or JPEG after reading only its header to
// check its dimensions, so a decompression bomb is refused before any
// pixel memory is allocated.
func decodeImage(f io.ReadSeeker) (image.Image, error) {
	notImage := duet.Invalid("file", "is not a PNG or JPEG image that can be previewed")
	cfg, format, err := image.DecodeConfig(f)
	if err != nil || (format != "png" && format != "jpeg") {
		// Other formats may be registered elsewhere in the binary; only
		// the two Duet previews are decoded here.
		return nil, notImage
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return nil, notImage
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, duet.Invalid("file", "the image is %d×%d pixels; images over %d megapixels are not previewed",
			cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	var img image.Image
	if format == "png" {
		img, err = png.Decode(f)
	} else {
		img, err = jpeg.Decode(f)
	}
	if err != nil {
		return nil, notImage
	}
	return img, nil
}

// boxDownscale shrinks src to fit in size×size, keeping its aspect ratio,
// by averaging the source pixels that fall in each output pixel (a box
// filter: every source pixel counts once, which is exactly right when
// shrinking and needs no kernel). An image that already fits is copied at
// its own size, never enlarged.
//
// It works one source row at a time: draw.Draw converts the row, whatever
// the decoded type (YCbCr from JPEG, NRGBA, paletted, gray, 16-bit from
// PNG), to premultiplied 8-bit RGBA, and the sums for one output row are
// kept per channel. Averaging premultiplied values keeps transparent
// pixels from darkening the edges around them. Memory beyond the decoded
// image is one source row and one output row of sums.
func boxDownscale(src image.Image, size int) *image.RGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dw, dh := fit(sw, sh, size)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))

	// Output pixel ox covers source columns xs[ox] to xs[ox+1]-1; since
	// dw <= sw every span has at least one column. The same for rows.
	xs, ys := spans(sw, dw), spans(sh, dh)
	row := image.NewRGBA(image.Rect(0, 0, sw, 1))
	sums := make([]uint64, 4*dw)

	for oy := range dh {
		clear(sums)
		y0, y1 := ys[oy], ys[oy+1]
		for y := y0; y < y1; y++ {
			draw.Draw(row, row.Rect, src, image.Pt(b.Min.X, b.Min.Y+y), draw.Src)
			for ox := range dw {
				s := sums[4*ox : 4*ox+4 : 4*ox+4]
				for x := xs[ox]; x < xs[ox+1]; x++ {
					px := row.Pix[4*x : 4*x+4 : 4*x+4]
					s[0] += uint64(px[0])
					s[1] += uint64(px[1])
					s[2] += uint64(px[2])
					s[3] += uint64(px[3])
				}
			}
		}
		out := dst.Pix[oy*dst.Stride : oy*dst.Stride+4*dw]
		for ox := range dw {
			n := uint64((xs[ox+1] - xs[ox]) * (y1 - y0))
			for c := range 4 {
				out[4*ox+c] = uint8((sums[4*ox+c] + n/2) / n) // rounded mean
			}
		}
	}
	return dst
}

// fit returns the size of a w×h image scaled to fit in size×size with
// its aspect ratio kept (rounded, at least one pixel), or w×h when it
// already fits.
func fit(w, h, size int) (int, int) {
	if w <= size && h <= size {
		return w, h
	}
	// 64-bit products: 40 megapixels times a size of 4096 overflows int32.
	if w >= h {
		return size, max(1, int((int64(h)*int64(size)+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*int64(size)+int64(h)/2)/int64(h))), size
}

// spans divides n source pixels among m <= n output pixels: output i
// covers [s[i], s[i+1]).
func spans(n, m int) []int {
	s := make([]int, m+1)
	for i := range s {
		s[i] = int(int64(i) * int64(n) / int64(m))
	}
	return s
}
