package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"duet/internal/duet"
	"duet/internal/textdiff"
)

// diffContext is how many unchanged lines a comparison shows around each
// change.
const diffContext = 3

// AssetComparePage compares two versions of an asset: line by line when
// both are plain text or Markdown, side by side when both are images.
type AssetComparePage struct {
	Base
	A    AssetHead
	From VersionView
	To   VersionView
	// Mode is "text", "image", or "" when the two cannot be compared;
	// Err then says why.
	Mode    string
	Err     string
	Hunks   []HunkView
	Added   int
	Removed int
	Summary string // "5 lines added, 2 removed"
	// FromImage and ToImage are the two images at 800 px.
	FromImage string
	ToImage   string
}

// HunkView is one changed region with the unchanged lines around it.
type HunkView struct {
	Head  string
	Lines []DiffLine
}

// DiffLine is one line of a comparison, with its numbers in the two
// versions ("" where it is not there) and its gutter mark.
type DiffLine struct {
	Old   string
	New   string
	Sign  string // "+", "−" or ""
	Class string // ins, del or eq
	What  string // the change in words, for screen readers
	Text  string
}

// assetCompare serves GET /w/{ws}/assets/{asset}/compare?from=1&to=2.
func (s *server) assetCompare(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws, id := v.d.ID, r.PathValue("asset")
	ad, err := s.svc.Asset(r.Context(), actorOf(r), ws, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	a := ad.Asset
	p := &AssetComparePage{A: v.assetHead(a)}
	q := r.URL.Query()
	from, ferr := strconv.Atoi(q.Get("from"))
	to, terr := strconv.Atoi(q.Get("to"))
	var fv, tv *duet.AssetVersion
	for i := range ad.Versions {
		switch ad.Versions[i].Number {
		case from:
			fv = &ad.Versions[i]
		case to:
			tv = &ad.Versions[i]
		}
	}
	status := http.StatusOK
	switch {
	case ferr != nil || terr != nil || from == to:
		p.Err, status = "Choose two different versions to compare.", http.StatusUnprocessableEntity
	case fv == nil || tv == nil:
		s.Error(w, r, duet.NotFound("version"))
		return
	default:
		p.From, p.To = v.version(a, *fv), v.version(a, *tv)
		p.Mode = comparable(fv.File, tv.File)
		switch p.Mode {
		case "text":
			if err := s.diff(r, p, ws, id, from, to); err != nil {
				if _, ok := formError(err); !ok {
					s.Error(w, r, err)
					return
				}
				p.Mode, p.Err, status = "", fieldMessage("", duet.ErrorMessage(err)), duet.HTTPStatus(err)
			}
		case "image":
			p.FromImage = assetURL(ws, id) + "/versions/" + strconv.Itoa(from) + "/preview?size=800"
			p.ToImage = assetURL(ws, id) + "/versions/" + strconv.Itoa(to) + "/preview?size=800"
		default:
			p.Err, status = fmt.Sprintf("%s (%s) and %s (%s) cannot be compared: Duet compares plain text and Markdown versions line by line, and PNG or JPEG images side by side. Download both to compare them.",
				p.From.Label, kindOf(p.From), p.To.Label, kindOf(p.To)), http.StatusUnprocessableEntity
		}
	}
	nav, bell, err := s.frame(r, v, "assets", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Compare " + p.A.Ref + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "asset_compare", p)
}

// kindOf names what a version is, for the reason it cannot be compared.
func kindOf(x VersionView) string {
	if x.Link != "" {
		return "a link"
	}
	return x.Type
}

// diff reads the two versions' texts and lays out their differences.
func (s *server) diff(r *http.Request, p *AssetComparePage, ws, id string, from, to int) error {
	old, cur, err := s.svc.VersionTexts(r.Context(), actorOf(r), ws, id, from, to)
	if err != nil {
		return err
	}
	lines, err := textdiff.Lines(old, cur)
	if errors.Is(err, textdiff.ErrTooLarge) {
		return duet.Invalid("from", "these versions have more than %d lines, too many to compare here; download both to compare them", textdiff.MaxLines)
	}
	if err != nil {
		return err
	}
	p.Added, p.Removed = textdiff.Stats(lines)
	p.Summary = plural(p.Added, "line", "lines") + " added, " + strconv.Itoa(p.Removed) + " removed"
	for _, h := range textdiff.Hunks(lines, diffContext) {
		p.Hunks = append(p.Hunks, hunkView(h, p.From.Label, p.To.Label))
	}
	return nil
}

// hunkView lays out one hunk, headed by the lines it covers in each
// version.
func hunkView(h textdiff.Hunk, from, to string) HunkView {
	var hv HunkView
	nOld, nNew := 0, 0
	for _, l := range h.Lines {
		dl := DiffLine{Text: l.Text, Class: "eq"}
		if l.Old > 0 {
			dl.Old, nOld = strconv.Itoa(l.Old), nOld+1
		}
		if l.New > 0 {
			dl.New, nNew = strconv.Itoa(l.New), nNew+1
		}
		switch l.Op {
		case textdiff.Insert:
			dl.Sign, dl.Class, dl.What = "+", "ins", "Added in "+to+": "
		case textdiff.Delete:
			dl.Sign, dl.Class, dl.What = "−", "del", "Removed from "+from+": "
		}
		hv.Lines = append(hv.Lines, dl)
	}
	hv.Head = from + " " + lineRange(h.OldStart, nOld) + " · " + to + " " + lineRange(h.NewStart, nNew)
	return hv
}

// lineRange writes the lines a hunk covers: "line 4", "lines 4–9", or
// "no lines" where it only adds or only removes.
func lineRange(start, n int) string {
	switch n {
	case 0:
		return "no lines"
	case 1:
		return "line " + strconv.Itoa(start)
	}
	return "lines " + strconv.Itoa(start) + "–" + strconv.Itoa(start+n-1)
}
