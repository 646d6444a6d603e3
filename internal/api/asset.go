package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// The asset endpoints: the approval folder. An asset is addressed by its
// id; its versions by their number within it.

// uploadOverhead is what a multipart upload may carry besides the file:
// the boundaries, part headers and the text fields before it.
const uploadOverhead = 64 << 10

// maxUploadField caps one text field of a multipart upload; the longest,
// the note, is at most duet.MaxNote characters.
const maxUploadField = 16 << 10

// minTransferRate is the slowest transfer of a file Duet waits for, in
// bytes per second (about 1 Mbit/s): the server's timeouts (30 seconds to
// read a request, 60 to write the answer, both counted from its start)
// are for small bodies and would cut a large file off.
const minTransferRate = 128 << 10

// transferDeadline is when a transfer of size bytes that starts now must
// be done: a minute, never less than the server gives any request, plus
// the time it takes at minTransferRate. Network deadlines are wall-clock
// time, not the service's clock.
func transferDeadline(size int64) time.Time {
	return time.Now().Add(time.Minute + time.Duration(size/minTransferRate)*time.Second)
}

// joinTags turns the API's list of tags into core's words, refusing an
// item that is not one tag (core would split "a b" into two).
func joinTags(tags []string) (string, error) {
	for _, t := range tags {
		if got, err := duet.ParseTags("tags", t); err != nil {
			return "", err
		} else if len(got) != 1 {
			return "", duet.Invalid("tags", "%q is not one tag: use letters, digits and dashes", t)
		}
	}
	return strings.Join(tags, ","), nil
}

// assetFilter reads the asset filters of the query.
func assetFilter(r *http.Request) (duet.AssetFilter, error) {
	q := r.URL.Query()
	f := duet.AssetFilter{Status: q.Get("status"), Kind: q.Get("kind"), Side: duet.Side(q.Get("side")), DRI: strings.TrimSpace(q.Get("dri"))}
	if q.Has("tag") {
		// The tag is matched as a word of the stored list: one real tag,
		// never a pattern.
		tags, err := duet.ParseTags("tag", q.Get("tag"))
		if err != nil {
			return f, err
		}
		if len(tags) != 1 {
			return f, duet.Invalid("tag", "name one tag")
		}
		f.Tag = tags[0]
	}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return f, err
	}
	if q.Has("limit") && (limit < 1 || limit > 1000) {
		return f, duet.Invalid("limit", "must be between 1 and 1000")
	}
	f.Limit = int(limit)
	return f, nil
}

// assetList lists the assets the caller sees, newest first, with their
// review steps and their latest and shipping versions.
func (h *Handler) assetList(w http.ResponseWriter, r *http.Request) error {
	f, err := assetFilter(r)
	if err != nil {
		return err
	}
	as, err := h.svc.Assets(r.Context(), actorFrom(r.Context()), r.PathValue("id"), f)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	out := make([]assetDTO, 0, len(as))
	for _, a := range as {
		out = append(out, toAsset(a, p))
	}
	writeJSON(w, http.StatusOK, map[string]any{"assets": out})
	return nil
}

// assetCreate adds an asset owned by the caller's side, with the review
// steps its kind has in the template; versions are added afterwards.
func (h *Handler) assetCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Title      string   `json:"title"`
		Kind       string   `json:"kind"`
		DRI        string   `json:"dri"`
		DueOn      string   `json:"due_on"`
		Visibility string   `json:"visibility"`
		Tags       []string `json:"tags"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	tags, err := joinTags(in.Tags)
	if err != nil {
		return err
	}
	ws := r.PathValue("id")
	a, err := h.svc.CreateAsset(r.Context(), actorFrom(r.Context()), ws, duet.AssetCreate{Title: in.Title, Kind: in.Kind, DRI: in.DRI,
		DueOn: in.DueOn, Visibility: duet.Visibility(in.Visibility), Tags: tags}, nil)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	w.Header().Set("Location", assetURL(ws, a.ID))
	writeJSON(w, http.StatusCreated, toAsset(a, p))
	return nil
}

// assetGet returns one asset with its versions, approval trail, history,
// calendar entries and slips.
func (h *Handler) assetGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Asset(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAssetPage(d, p))
	return nil
}

// assetUpdate changes an asset at the version the caller read; fields
// left out (or null) stay as they are.
func (h *Handler) assetUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version    int       `json:"version"`
		Title      *string   `json:"title"`
		DRI        *string   `json:"dri"`
		DueOn      *string   `json:"due_on"`
		Visibility *string   `json:"visibility"`
		Tags       *[]string `json:"tags"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	up := duet.AssetUpdate{Version: in.Version, Title: in.Title, DRI: in.DRI, DueOn: in.DueOn}
	if in.Visibility != nil {
		v := duet.Visibility(*in.Visibility)
		up.Visibility = &v
	}
	if in.Tags != nil {
		tags, err := joinTags(*in.Tags)
		if err != nil {
			return err
		}
		up.Tags = &tags
	}
	a, err := h.svc.UpdateAsset(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"), up)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAsset(a, p))
	return nil
}

// versionList lists an asset's versions, newest first.
func (h *Handler) versionList(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Asset(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"))
	if err != nil {
		return err
	}
	out := make([]versionDTO, 0, len(d.Versions))
	for _, v := range d.Versions {
		out = append(out, toVersion(r.PathValue("id"), v))
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": out})
	return nil
}

// versionAdd adds a version: a file uploaded as multipart/form-data,
// streamed into core as it arrives, or a link sent as JSON. With an
// Idempotency-Key the first request answers 201 and a retry 200 with the
// same version.
func (h *Handler) versionAdd(w http.ResponseWriter, r *http.Request) error {
	limit := h.svc.MaxUpload() + uploadOverhead
	if r.ContentLength > limit {
		// Refused before a byte of the body is read: the server then
		// closes the connection instead of draining the body.
		return tooLarge(h.svc.MaxUpload())
	}
	size := r.ContentLength
	if size < 0 {
		size = limit
	}
	// The answer is written after the body is read, so the write
	// deadline moves too. A writer that cannot move them keeps the
	// server's timeouts; nothing better can be done, so the errors are
	// dropped.
	rc := http.NewResponseController(w)
	deadline := transferDeadline(size)
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline.Add(30 * time.Second))
	r.Body = http.MaxBytesReader(w, r.Body, limit)

	in := core.VersionUpload{VersionCreate: duet.VersionCreate{IdempotencyKey: r.Header.Get("Idempotency-Key")}}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := readUploadForm(r, &in); err != nil {
			return uploadError(err, h.svc.MaxUpload())
		}
	case "application/json", "":
		var link struct {
			Link          string `json:"link"`
			Note          string `json:"note"`
			RequestReview bool   `json:"request_review"`
			ResetFrom     string `json:"reset_from"`
		}
		if err := decode(w, r, &link); err != nil {
			return err
		}
		in.Link, in.Note, in.RequestReview, in.ResetFrom = link.Link, link.Note, link.RequestReview, link.ResetFrom
	default:
		return &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "send multipart/form-data with the file, or application/json with a link"}
	}
	ws := r.PathValue("id")
	v, created, err := h.svc.AddVersion(r.Context(), actorFrom(r.Context()), ws, r.PathValue("asset"), in)
	if err != nil {
		return uploadError(err, h.svc.MaxUpload())
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, toVersion(ws, v))
	return nil
}

// tooLarge is the answer to an upload over the limit, which is set in
// whole megabytes.
func tooLarge(limit int64) error {
	return &duet.Error{Kind: duet.ETooLarge, Field: "file", Msg: fmt.Sprintf("the upload is larger than the %d MB limit; nothing was saved", limit>>20)}
}

// uploadError names the exchange's own failures that reach core through
// the body it reads: the body over its limit, and a body cut off before
// its end, which is the client's doing. The header Idempotency-Key is
// named as the header it is sent in.
func uploadError(err error, limit int64) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return tooLarge(limit)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "the upload ended before the form did; nothing was saved"}
	}
	if e, ok := errors.AsType[*duet.Error](err); ok && e.Field == "idempotency_key" {
		c := *e
		c.Field = "Idempotency-Key"
		return &c
	}
	return err
}

// readUploadForm reads the text fields of a multipart upload up to its
// file part, which becomes the upload's body: core streams it to the
// file store as it arrives, so nothing is held in memory and fields must
// come before the file. A form without a file part leaves the body nil,
// which core refuses naming the file.
func readUploadForm(r *http.Request, in *core.VersionUpload) error {
	form, err := r.MultipartReader()
	if err != nil {
		return &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "is not a multipart/form-data type with a boundary"}
	}
	seen := map[string]bool{}
	for {
		part, err := form.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return badForm(err)
		}
		name := part.FormName()
		if seen[name] {
			return &duet.Error{Kind: duet.EBadRequest, Field: name, Msg: "is sent twice"}
		}
		seen[name] = true
		if name == "file" {
			// The name as sent: Part.FileName would strip a path, which
			// core refuses rather than guess at.
			_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			in.FileName, in.Body = params["filename"], &fileBody{part: part, form: form}
			return nil
		}
		value, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
		if err != nil {
			return badForm(err)
		}
		if len(value) > maxUploadField {
			return duet.Invalid(name, "is longer than %d KiB", maxUploadField>>10)
		}
		switch name {
		case "note":
			in.Note = string(value)
		case "reset_from":
			in.ResetFrom = string(value)
		case "request_review":
			switch string(value) {
			case "true":
				in.RequestReview = true
			case "false":
			default:
				return &duet.Error{Kind: duet.EBadRequest, Field: name, Msg: "must be true or false"}
			}
		default:
			return &duet.Error{Kind: duet.EBadRequest, Field: name, Msg: "is not a known field"}
		}
	}
}

// badForm is the answer to a form that cannot be read as multipart.
func badForm(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok || errors.Is(err, io.ErrUnexpectedEOF) {
		return err // uploadError words these
	}
	return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "could not be read as multipart/form-data"}
}

// fileBody is the file part of an upload. At the file's end it reads on
// to the end of the form, before core saves anything: a field sent after
// the file could no longer be used, and refusing it beats dropping it.
type fileBody struct {
	part *multipart.Part
	form *multipart.Reader
	done bool
}

func (b *fileBody) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	n, err := b.part.Read(p)
	if err != io.EOF {
		return n, err
	}
	b.done = true
	next, err := b.form.NextPart()
	switch {
	case err == io.EOF:
		return n, io.EOF
	case err != nil:
		return n, badForm(err)
	}
	return n, &duet.Error{Kind: duet.EBadRequest, Field: next.FormName(), Msg: "comes after the file; send every field before the file, and one file"}
}

// versionFile downloads the file of one version.
func (h *Handler) versionFile(w http.ResponseWriter, r *http.Request) error {
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || n < 1 {
		return duet.NotFound("version")
	}
	return h.download(w, r, n)
}

// assetShips downloads the file of the version that ships: the newest
// approved one.
func (h *Handler) assetShips(w http.ResponseWriter, r *http.Request) error {
	return h.download(w, r, 0)
}

// download serves a version's file (0: the version that ships) as an
// attachment, never as a page of this origin: the type it was checked
// to be, not sniffed, and sandboxed should a browser render it anyway.
// Ranges are served, so a broken download can resume.
func (h *Handler) download(w http.ResponseWriter, r *http.Request, number int) error {
	f, err := h.svc.OpenVersion(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"), number)
	if err != nil {
		return err
	}
	defer f.Body.Close()
	_ = http.NewResponseController(w).SetWriteDeadline(transferDeadline(f.Size)) // as for uploads
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": f.Name})
	if disposition == "" {
		disposition = "attachment" // core's names always format; the browser then names it itself
	}
	hd := w.Header()
	hd.Set("Content-Type", f.Type)
	hd.Set("Content-Disposition", disposition)
	hd.Set("Content-Security-Policy", "sandbox")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	hd.Set("ETag", `"`+f.Version.File.Hash+`"`)
	http.ServeContent(w, r, "", f.Modified, f.Body)
	return nil
}

// reviewRequest sends the asset's current version to its review steps.
func (h *Handler) reviewRequest(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		return duet.Invalid("version", "is required: the number of the version to review")
	}
	a, err := h.svc.RequestReview(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"), in.Version)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAsset(a, p))
	return nil
}

// reviewAdd records the caller's verdict on one step of one version.
func (h *Handler) reviewAdd(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Step    string `json:"step"`
		Verdict string `json:"verdict"`
		Comment string `json:"comment"`
		Version int    `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	a, err := h.svc.ReviewAsset(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("asset"), duet.ReviewAct{
		Step: in.Step, Verdict: in.Verdict, Comment: in.Comment, Version: in.Version})
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAsset(a, p))
	return nil
}
