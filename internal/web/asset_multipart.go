package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"duet/internal/duet"
)

// uploadSlack is what an upload form may send besides its file: the
// text fields and the multipart framing.
const uploadSlack = 64 << 10

// maxUploadField bounds one text field of an upload form; the longest,
// a note, is duet.MaxNote characters.
const maxUploadField = 16 << 10

// slowUpload is the pace, in bytes per second, that a slow connection is
// given to send or fetch a file before the server gives up on it.
const slowUpload = 64 << 10

// uploadForm is an upload form as it streams in: its text fields, which
// come first, and its file, which the caller hands to core unread.
type uploadForm struct {
	fields   url.Values
	fileName string
	file     io.Reader // nil when no file was chosen
}

// tooLarge is the refusal of an upload over the size limit, at the file
// input.
func tooLarge(limit int64) error {
	return &duet.Error{Kind: duet.ETooLarge, Field: "file", Msg: "the file is larger than the " + byteSize(limit) + " limit; nothing was uploaded"}
}

// transferTime is how long moving n bytes may take at a slow pace, on top
// of the time an ordinary request has.
func transferTime(n int64) time.Duration {
	return time.Minute + time.Duration(max(n, 0)/slowUpload)*time.Second
}

// extendDeadlines gives a request moving n bytes the time it needs: the
// server's timeouts (30 s to read, 60 s to write) suit pages, not files.
// A writer that cannot move its deadlines (a test recorder) has none.
func extendDeadlines(w http.ResponseWriter, read bool, n int64) {
	rc := http.NewResponseController(w)
	at := time.Now().Add(transferTime(n))
	if read {
		_ = rc.SetReadDeadline(at)
	}
	_ = rc.SetWriteDeadline(at)
}

// readUpload reads an upload form's text fields and stops at its file
// field, which must be the form's last: the file streams on to core,
// which writes it to the file store as it arrives, so it is never held in
// memory or in a temporary file here (as ParseMultipartForm would). A
// body declared larger than the limit is refused before a byte is read;
// a body that turns out larger fails at the limit. A form without a file
// may come URL-encoded.
func (s *server) readUpload(w http.ResponseWriter, r *http.Request) (*uploadForm, error) {
	limit := s.svc.MaxUpload()
	if r.ContentLength > limit+uploadSlack {
		return nil, tooLarge(limit)
	}
	n := r.ContentLength
	if n < 0 { // sent in chunks: it may take as long as the largest
		n = limit + uploadSlack
	}
	extendDeadlines(w, true, n)
	r.Body = http.MaxBytesReader(w, r.Body, limit+uploadSlack)
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return nil, bodyError(err, limit)
		}
		return &uploadForm{fields: r.PostForm}, nil
	}
	if err != nil {
		return nil, duet.Errorf(duet.EBadRequest, "The form could not be read.")
	}
	f := &uploadForm{fields: url.Values{}}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			return nil, bodyError(err, limit)
		}
		if part.FormName() == "file" {
			// The name as sent: Part.FileName strips any path, which
			// would let "../x.png" through as "x.png" unnoticed.
			_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			if name := params["filename"]; name != "" {
				f.fileName, f.file = name, limitedBody{part, limit}
				return f, nil
			}
			continue // no file chosen: browsers send an empty part
		}
		b, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
		if err != nil {
			return nil, bodyError(err, limit)
		}
		if len(b) > maxUploadField {
			return nil, duet.Invalid(part.FormName(), "is too long")
		}
		f.fields.Add(part.FormName(), string(b))
	}
}

// bodyError words a failure to read an upload's body.
func bodyError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(limit)
	}
	return duet.Errorf(duet.EBadRequest, "The form could not be read.")
}

// limitedBody is an upload's file as core reads it: a body cut off by
// http.MaxBytesReader fails with the size limit in words.
type limitedBody struct {
	r     io.Reader
	limit int64
}

func (b limitedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = tooLarge(b.limit)
	}
	return n, err
}
