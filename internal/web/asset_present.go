package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns assets, their versions and their reviews into what the
// approval folder and an asset's page show.

// assetsURL and assetURL are the folder and one asset's page.
func assetsURL(ws string) string    { return "/w/" + ws + "/assets" }
func assetURL(ws, id string) string { return assetsURL(ws) + "/" + id }

// versionLabel names a version number as pages show it: "v2".
func versionLabel(n int) string { return "v" + strconv.Itoa(n) }

// StepView is one review step of an asset: which role of which side
// approves, and where it stands for the asset's current version.
type StepView struct {
	Key        string
	Name       string
	Role       string
	Org        string
	Class      string // the step's side
	State      string // pending, approved or changes_requested
	StateLabel string
	// Open: the step may act now.
	Open    bool
	By      string
	When    string
	ISO     string
	Comment string
}

// Symbol marks the state beside its words, so that state is never told
// by colour alone.
func (s StepView) Symbol() string {
	switch {
	case s.State == duet.StepApproved:
		return "✓"
	case s.State == duet.StepChanges:
		return "!"
	case s.Open:
		return "●"
	}
	return "○"
}

// StageView is the steps that review side by side; stages follow each
// other.
type StageView struct {
	Steps    []StepView
	Parallel bool
}

// AssetCard is one asset in the folder.
type AssetCard struct {
	ID          string
	URL         string
	Ref         string
	Title       string
	Kind        string
	Org         string // the owning side
	SideClass   string
	DRI         DRIView
	Due         string
	DueISO      string
	DueRel      string
	DueLate     bool // the approval due date passed and it is not approved
	Status      string
	StatusLabel string
	Stages      []StageView
	Progress    string // "2 of 4 steps approved"
	Ships       *ShipsBadge
	// Draft names the newest version when it is not the one that ships:
	// "v3 · in review".
	Draft     string
	Slips     []string
	Only      string
	OnlyClass string
	Tags      []string
}

// ShipsBadge is the version that ships, pinned apart from any newer draft.
type ShipsBadge struct {
	Version     string
	Approved    string
	ApprovedISO string
}

// AssetHead is what an asset's page says about it above everything else.
type AssetHead struct {
	WS          string
	ID          string
	URL         string
	Ref         string
	Title       string
	Kind        string
	Org         string
	SideClass   string
	DRI         DRIView
	Due         string
	DueISO      string
	DueRel      string
	DueLate     bool
	Status      string
	StatusLabel string
	Tags        []string
	Only        string
	OnlyClass   string
	By          string
	Created     string
	CreatedISO  string
	OOB         bool
}

// VersionView is one version of an asset.
type VersionView struct {
	Number   int
	Label    string // "v2"
	FileName string
	Size     string
	Type     string
	Link     string
	Drive    bool // the link is a Google Drive or Docs file
	Note     string
	By       string
	Org      string
	Class    string
	When     string
	ISO      string
	Approved string // when its review completed
	Hash     string // "sha256:0a1b2c3d4e5f", or "" for a link
	// Download is the file's address, "" for a link; Preview is its
	// 160 px thumbnail for a PNG or JPEG image.
	Download string
	Preview  string
	Image    bool
	Text     bool
	Ships    bool
	Latest   bool
	// Compare compares it with the version before it, when both are
	// text (line by line) or both images (side by side).
	Compare      string
	CompareLabel string
}

// TrailView is one verdict of the approval trail: who reviewed which
// step of which exact content, and when.
type TrailView struct {
	Step         string
	Verdict      string
	VerdictLabel string
	By           string
	Org          string
	Class        string
	When         string
	ISO          string
	Version      string
	Hash         string // short: "sha256:0a1b2c3d4e5f"; "link" for a link
	Fingerprint  string // in full, for the tooltip
	Comment      string
}

// ShipsPanel is the version that ships and the approvals it carries.
type ShipsPanel struct {
	V     *VersionView // nil: no version is approved yet
	Trail []TrailView  // the approval in force for each step, in step order
	// Newer says that a later version exists and does not ship.
	Newer    string
	Download string
	OOB      bool
}

// ReviewPanel is the review steps in order, the forms of the steps the
// viewer may act on now, and the request for review.
type ReviewPanel struct {
	URL     string
	Status  string
	Stages  []StageView
	Note    string
	Forms   []ReviewForm
	Current int
	// CanRequest: the viewer's side may send the draft's current version
	// to review.
	CanRequest bool
	RequestErr FormError
	// Err is a refusal that belongs to no form shown: a step out of turn,
	// the other side's step, a version uploaded meanwhile.
	Err FormError
	OOB bool
}

// Hold keeps a refusal on screen: a live update does not replace the
// region while it shows one, until the person acts again.
func (p ReviewPanel) Hold() bool {
	held := p.Err.Msg != "" || p.RequestErr.Msg != ""
	for _, f := range p.Forms {
		held = held || f.Err.Msg != ""
	}
	return held
}

// ReviewForm approves or requests changes on one step, for the version
// shown.
type ReviewForm struct {
	Step    string
	Name    string
	Role    string
	Version int
	Comment string
	Err     FormError
}

// ID prefixes the form's element ids.
func (f ReviewForm) ID() string { return "review-" + f.Step }

// VersionsPanel lists the versions, newest first, with a way to compare
// any two of the same kind.
type VersionsPanel struct {
	Items   []VersionView
	Compare *CompareForm
	OOB     bool
}

// CompareForm picks two versions to compare.
type CompareForm struct {
	URL  string
	From []Option
	To   []Option
}

// VersionForm is what the upload form sends, as typed.
type VersionForm struct {
	Link          string
	Note          string
	RequestReview bool
	ResetFrom     string
	Key           string
}

// UploadForm is the form for a new version: a file or a link.
type UploadForm struct {
	Action string
	Form   VersionForm
	Err    FormError
	Limit  UploadLimit
	// Reset offers the steps a change may first concern, when approvals
	// can be kept; ResetNote says what a new version resets otherwise.
	Reset     []Option
	ResetNote string
	// Review: the new version can be sent to review at once.
	Review bool
}

// FileInput is a form's file input: the form's last field.
type FileInput struct {
	ID    string
	Limit UploadLimit
	Err   string
}

// File is the upload form's file input.
func (u UploadForm) File() FileInput {
	return FileInput{ID: "upload-file", Limit: u.Limit, Err: u.Err.For("file")}
}

// UploadLimit is what the file input says about the files it takes.
type UploadLimit struct {
	Bytes  int64
	Label  string // "100 MB"
	Accept string // ".pdf,.png,…"
	Types  string // "PDF, PNG, …"
}

// AssetForm is what the new-asset and edit forms send, as typed.
type AssetForm struct {
	Title         string
	Kind          string
	DRI           string
	DueOn         string
	Tags          string
	Visibility    string
	Share         bool
	Version       int
	Link          string
	Note          string
	RequestReview bool
}

// AssetEditForm changes an asset's title, DRI, approval due date and
// tags, or shares a side-only asset; it is sent with the version it was
// made from.
type AssetEditForm struct {
	Action    string
	Form      AssetForm
	Err       FormError
	DRI       DRIChoice
	ShareWith string // the other side's organization, for a side-only asset
	Open      bool
	Conflict  bool
}

// AssetEntryView is a calendar entry that publishes the asset.
type AssetEntryView struct {
	Title   string
	URL     string
	Channel string
	When    string
	ISO     string
	Status  string
	Label   string
	Slips   []string
}

// TimelinePanel is the asset's history and its approval trail, newest
// first.
type TimelinePanel struct {
	History []ChangeView
	Trail   []TrailView
	OOB     bool
}

// CalendarPanel is where the asset publishes and how its timing slips.
type CalendarPanel struct {
	WS      string
	Entries []AssetEntryView
	Slips   []string
	OOB     bool
}

// assetFields are the inputs of the asset forms, named as core names
// them.
var assetFields = []string{"title", "kind", "dri", "due_on", "visibility", "tags", "file", "link", "note", "version"}

// versionFields are the inputs of the upload form.
var versionFields = []string{"file", "link", "note", "reset_from"}

// reviewFields are the inputs of a review form.
var reviewFields = []string{"comment", "verdict"}

// statusOptions are the folder's status filter.
func statusOptions(chosen string) []Option {
	out := []Option{{Value: "", Label: "Any status", Selected: chosen == ""}}
	for _, s := range duet.AssetStatuses {
		out = append(out, Option{Value: s, Label: duet.AssetStatusName(s), Selected: s == chosen})
	}
	return out
}

// kindOptionsOf are the asset kinds, with the first choice given.
func kindOptionsOf(first Option, chosen string) []Option {
	out := []Option{first}
	for _, k := range duet.AssetKinds {
		out = append(out, Option{Value: k, Label: duet.AssetKindName(k), Selected: k == chosen})
	}
	return out
}

// sideOptions are the folder's filter by owning side.
func (v *viewer) sideOptions(chosen string) []Option {
	return []Option{{Value: "", Label: "Either side", Selected: chosen == ""},
		{Value: string(duet.SideHost), Label: v.o.host, Selected: chosen == string(duet.SideHost)},
		{Value: string(duet.SidePartner), Label: v.o.partner, Selected: chosen == string(duet.SidePartner)}}
}

// stepStateLabel says where a step stands, in words.
func stepStateLabel(s duet.ReviewStep, open bool, status string) string {
	switch {
	case s.State == duet.StepApproved:
		return "Approved"
	case s.State == duet.StepChanges:
		return "Changes requested"
	case open:
		return "Reviewing now"
	case status == duet.AssetDraft:
		return "Not requested yet"
	}
	return "Waiting"
}

// stages groups an asset's steps by stage, in order.
func (v *viewer) stages(a duet.Asset) []StageView {
	open := map[string]bool{}
	for _, s := range a.Open() {
		open[s.Key] = true
	}
	var out []StageView
	for i, s := range a.Steps {
		sv := StepView{Key: s.Key, Name: s.Name, Role: s.RoleName, Org: v.o.of(s.Side), Class: sideClass(s.Side), State: s.State,
			StateLabel: stepStateLabel(s, open[s.Key], a.Status), Open: open[s.Key], Comment: s.Comment}
		if s.By != nil {
			sv.By = s.By.Name
		}
		if s.At != nil && s.State != duet.StepPending {
			sv.When, sv.ISO, _ = v.when(*s.At)
		}
		if i > 0 && a.Steps[i-1].Stage == s.Stage {
			last := &out[len(out)-1]
			last.Steps, last.Parallel = append(last.Steps, sv), true
			continue
		}
		out = append(out, StageView{Steps: []StepView{sv}})
	}
	return out
}

// progress counts the steps approved: "2 of 4 steps approved".
func progress(a duet.Asset) string {
	if len(a.Steps) == 0 {
		return "No review steps"
	}
	n := 0
	for _, s := range a.Steps {
		if s.State == duet.StepApproved {
			n++
		}
	}
	return strconv.Itoa(n) + " of " + plural(len(a.Steps), "step", "steps") + " approved"
}

// assetDue writes an asset's approval due date, and whether it passed
// before the asset was approved.
func (v *viewer) assetDue(a duet.Asset) (day, iso, rel string, late bool) {
	if a.DueOn.IsZero() {
		return "", "", "", false
	}
	today := v.today()
	return formatDate(a.DueOn), a.DueOn.String(), relDays(daysFrom(today, a.DueOn)), a.Status != duet.AssetApproved && a.DueOn.Before(today.Time)
}

// slipTexts are the slips' messages.
func slipTexts(ss []duet.Slip) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Msg
	}
	return out
}

// draftLabel names the newest version when it does not ship.
func draftLabel(a duet.Asset) string {
	if a.Latest == nil || (a.Shipping != nil && a.Shipping.Number == a.Latest.Number) {
		return ""
	}
	return versionLabel(a.Latest.Number) + " · " + strings.ToLower(duet.AssetStatusName(a.Status))
}

// assetCard lays out one asset of the folder.
func (v *viewer) assetCard(a duet.Asset) AssetCard {
	c := AssetCard{ID: a.ID, URL: assetURL(v.d.ID, a.ID), Ref: duet.AssetNumber(a.Number), Title: a.Title, Kind: duet.AssetKindName(a.Kind),
		Org: v.o.of(a.Side), SideClass: sideClass(a.Side), DRI: v.dri(a.DRI), Status: a.Status, StatusLabel: duet.AssetStatusName(a.Status),
		Stages: v.stages(a), Progress: progress(a), Draft: draftLabel(a), Slips: slipTexts(a.Slips),
		Only: v.o.onlyLabel(a.Visibility), OnlyClass: visClass(a.Visibility), Tags: a.Tags}
	c.Due, c.DueISO, c.DueRel, c.DueLate = v.assetDue(a)
	if sv := a.Shipping; sv != nil {
		c.Ships = &ShipsBadge{Version: versionLabel(sv.Number)}
		if sv.Approved != nil {
			c.Ships.Approved, c.Ships.ApprovedISO, _ = v.when(*sv.Approved)
		}
	}
	return c
}

// assetHead lays out the top of an asset's page.
func (v *viewer) assetHead(a duet.Asset) AssetHead {
	h := AssetHead{WS: v.d.ID, ID: a.ID, URL: assetURL(v.d.ID, a.ID), Ref: duet.AssetNumber(a.Number), Title: a.Title,
		Kind: duet.AssetKindName(a.Kind), Org: v.o.of(a.Side), SideClass: sideClass(a.Side), DRI: v.dri(a.DRI), Status: a.Status,
		StatusLabel: duet.AssetStatusName(a.Status), Tags: a.Tags, Only: v.o.onlyLabel(a.Visibility), OnlyClass: visClass(a.Visibility),
		By: a.By.Name}
	h.Due, h.DueISO, h.DueRel, h.DueLate = v.assetDue(a)
	h.Created, h.CreatedISO, _ = v.when(a.Created)
	return h
}

// fileTypeNames are the accepted types as people call them.
var fileTypeNames = map[string]string{
	"application/pdf": "PDF", "image/png": "PNG image", "image/jpeg": "JPEG image", "image/gif": "GIF image",
	"image/webp": "WebP image", "text/plain": "Plain text", "text/markdown": "Markdown", "text/csv": "CSV",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   "Word document",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint deck",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "Excel sheet",
	"application/zip": "ZIP archive", "video/mp4": "MP4 video",
}

// fileTypeName names a content type for people.
func fileTypeName(ct string) string {
	base, _, _ := strings.Cut(ct, ";")
	if n, ok := fileTypeNames[strings.TrimSpace(base)]; ok {
		return n
	}
	return base
}

// byteSize writes a file size: "812 bytes", "14 KB", "2.4 MB".
func byteSize(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n < kb:
		return plural(int(n), "byte", "bytes")
	case n < mb:
		return strconv.FormatInt((n+kb/2)/kb, 10) + " KB"
	case n < 10*mb:
		return strconv.FormatFloat(float64(n)/mb, 'f', 1, 64) + " MB"
	}
	return strconv.FormatInt((n+mb/2)/mb, 10) + " MB"
}

// shortHash shortens a fingerprint for a page: the algorithm and the
// first twelve hex digits, which is plenty to tell versions apart.
func shortHash(fp string) string {
	if h, ok := strings.CutPrefix(fp, "sha256:"); ok {
		return "sha256:" + h[:min(12, len(h))]
	}
	return "link"
}

// version lays out one version of asset a.
func (v *viewer) version(a duet.Asset, x duet.AssetVersion) VersionView {
	vv := VersionView{Number: x.Number, Label: versionLabel(x.Number), Link: x.Link, Drive: duet.DriveLink(x.Link), Note: x.Note,
		By: x.By.Name, Org: v.o.of(x.By.Side), Class: sideClass(x.By.Side), Latest: x.Number == a.Current,
		Ships: a.Shipping != nil && a.Shipping.Number == x.Number}
	vv.When, vv.ISO, _ = v.when(x.Created)
	if x.Approved != nil {
		vv.Approved, _, _ = v.when(*x.Approved)
	}
	if f := x.File; f != nil {
		base := assetURL(v.d.ID, a.ID) + "/versions/" + strconv.Itoa(x.Number)
		vv.FileName, vv.Size, vv.Type, vv.Hash = f.Name, byteSize(f.Size), fileTypeName(f.ContentType), shortHash(x.Fingerprint())
		vv.Download, vv.Image, vv.Text = base+"/download", f.Image(), f.Text()
		if vv.Image {
			vv.Preview = base + "/preview?size=160"
		}
	}
	return vv
}

// comparable reports how two versions can be compared: "text" line by
// line, "image" side by side, or "" not at all.
func comparable(a, b *duet.FileRef) string {
	switch {
	case a.Text() && b.Text():
		return "text"
	case a.Image() && b.Image():
		return "image"
	}
	return ""
}

// compareURL is the page comparing two versions.
func compareURL(ws, id string, from, to int) string {
	return assetURL(ws, id) + "/compare?from=" + strconv.Itoa(from) + "&to=" + strconv.Itoa(to)
}

// versionsPanel lists an asset's versions, newest first, each linked to
// a comparison with the one before when the two can be compared.
func (v *viewer) versionsPanel(a duet.Asset, vs []duet.AssetVersion) VersionsPanel {
	p := VersionsPanel{}
	var files []duet.AssetVersion
	for i, x := range vs {
		vv := v.version(a, x)
		if i+1 < len(vs) {
			switch comparable(vs[i+1].File, x.File) {
			case "text":
				vv.Compare, vv.CompareLabel = compareURL(v.d.ID, a.ID, vs[i+1].Number, x.Number), "Compare with "+versionLabel(vs[i+1].Number)
			case "image":
				vv.Compare, vv.CompareLabel = compareURL(v.d.ID, a.ID, vs[i+1].Number, x.Number), "Side by side with "+versionLabel(vs[i+1].Number)
			}
		}
		if x.File != nil && (x.File.Text() || x.File.Image()) {
			files = append(files, x)
		}
		p.Items = append(p.Items, vv)
	}
	// Any two versions can be picked once there are more than two that
	// compare; two are covered by the link above.
	if len(files) > 2 {
		c := &CompareForm{URL: assetURL(v.d.ID, a.ID) + "/compare"}
		for i, x := range files {
			label := versionLabel(x.Number) + " · " + x.File.Name
			c.From = append(c.From, Option{Value: strconv.Itoa(x.Number), Label: label, Selected: i == 1})
			c.To = append(c.To, Option{Value: strconv.Itoa(x.Number), Label: label, Selected: i == 0})
		}
		p.Compare = c
	}
	return p
}

// trailView lays out one verdict.
func (v *viewer) trailView(r duet.ReviewRecord) TrailView {
	t := TrailView{Step: r.StepName, Verdict: r.Verdict, VerdictLabel: "Approved", By: r.By.Name, Org: v.o.of(r.By.Side),
		Class: sideClass(r.By.Side), Version: versionLabel(r.Version), Hash: shortHash(r.Fingerprint), Fingerprint: r.Fingerprint, Comment: r.Comment}
	if r.Verdict == duet.VerdictChanges {
		t.VerdictLabel = "Requested changes"
	}
	t.When, t.ISO, _ = v.when(r.At)
	return t
}

// shipsTrail is the approval in force for each step when the shipping
// version was approved: each step's last approval up to then. A step
// whose approval a new version kept shows the version it approved, with
// that version's hash, since that is exactly what it signed.
func (v *viewer) shipsTrail(a duet.Asset, trail []duet.ReviewRecord) []TrailView {
	sv := a.Shipping
	if sv == nil || sv.Approved == nil {
		return nil
	}
	last := map[string]duet.ReviewRecord{}
	for _, r := range trail {
		if r.Verdict == duet.VerdictApprove && r.Version <= sv.Number && !r.At.After(*sv.Approved) {
			last[r.StepKey] = r
		}
	}
	var out []TrailView
	for _, s := range a.Steps {
		if r, ok := last[s.Key]; ok {
			out = append(out, v.trailView(r))
		}
	}
	return out
}

// shipsPanel lays out the version that ships.
func (v *viewer) shipsPanel(ad *core.AssetDetail) ShipsPanel {
	a := ad.Asset
	p := ShipsPanel{}
	if a.Shipping == nil {
		return p
	}
	sv := v.version(a, *a.Shipping)
	p.V, p.Trail, p.Download = &sv, v.shipsTrail(a, ad.Trail), assetURL(v.d.ID, a.ID)+"/ships"
	if a.Current > a.Shipping.Number {
		p.Newer = versionLabel(a.Current) + " came later and is " + statusWords(a.Status) + ": it does not ship until every step approves it."
	}
	return p
}

// statusWords says what an asset's newer version is, in a sentence.
func statusWords(status string) string {
	switch status {
	case duet.AssetDraft:
		return "a draft"
	case duet.AssetChangesRequested:
		return "waiting on changes"
	}
	return strings.ToLower(duet.AssetStatusName(status))
}

// reviewNote says where the review stands and what happens next.
func (v *viewer) reviewNote(ad *core.AssetDetail) string {
	a := ad.Asset
	own := v.o.of(a.Side)
	switch {
	case len(a.Steps) == 0:
		return "This asset has no review steps."
	case a.Current == 0:
		return "No version yet: " + own + " uploads a file or a link, then requests review."
	case a.Status == duet.AssetDraft:
		return versionLabel(a.Current) + " is a draft: review has not been requested."
	case a.Status == duet.AssetChangesRequested:
		var asked []string
		for _, s := range a.Steps {
			if s.State == duet.StepChanges {
				asked = append(asked, s.Name)
			}
		}
		return duet.JoinWords(asked) + " asked for changes on " + versionLabel(a.Current) + ". " + own + " uploads a new version; review then picks up from there."
	case a.Status == duet.AssetApproved:
		return "Every step approved " + versionLabel(a.Current) + ": it is the version that ships."
	}
	var now []string
	for _, s := range a.Open() {
		now = append(now, s.Name+" ("+s.RoleName+", "+v.o.of(s.Side)+")")
	}
	return versionLabel(a.Current) + " is in review. Now: " + duet.JoinWords(now) + "."
}

// reviewPanel lays out the steps and the viewer's review forms.
func (v *viewer) reviewPanel(ad *core.AssetDetail) ReviewPanel {
	a := ad.Asset
	p := ReviewPanel{URL: assetURL(v.d.ID, a.ID), Status: a.Status, Stages: v.stages(a), Note: v.reviewNote(ad), Current: a.Current,
		CanRequest: ad.CanEdit && a.Status == duet.AssetDraft && a.Current > 0 && len(a.Steps) > 0}
	for _, s := range ad.Mine {
		p.Forms = append(p.Forms, ReviewForm{Step: s.Key, Name: s.Name, Role: s.RoleName, Version: a.Current})
	}
	return p
}

// uploadLimit describes what the file input takes.
func uploadLimit(max int64) UploadLimit {
	exts := duet.AcceptedExtensions()
	names := make([]string, len(exts))
	for i, e := range exts {
		names[i] = strings.ToUpper(strings.TrimPrefix(e, "."))
	}
	return UploadLimit{Bytes: max, Label: byteSize(max), Accept: strings.Join(exts, ","), Types: strings.Join(slices.Compact(names), ", ")}
}

// uploadForm lays out the form for a new version. With the from_changes
// policy and approvals to keep, the uploader says which step the change
// first concerns; when a step asked for changes, review restarts there.
func (v *viewer) uploadForm(a duet.Asset, policy string, limit UploadLimit, f VersionForm, fe FormError) UploadForm {
	u := UploadForm{Action: assetURL(v.d.ID, a.ID) + "/versions#upload", Form: f, Err: fe, Limit: limit,
		Review: len(a.Steps) > 0}
	approved := slices.ContainsFunc(a.Steps, func(s duet.ReviewStep) bool { return s.State == duet.StepApproved })
	i := slices.IndexFunc(a.Steps, func(s duet.ReviewStep) bool { return s.State == duet.StepChanges })
	switch {
	case !approved:
	case policy != duet.ResetFromChanges:
		u.ResetNote = "Every review step reviews a new version again."
	case i >= 0:
		u.ResetNote = "Review restarts at " + a.Steps[i].Name + ", which asked for changes; the approvals before it are kept."
	default:
		for j, s := range a.Steps {
			hint := "every step reviews it again"
			if s.Stage > a.Steps[0].Stage {
				var kept []string
				for _, k := range a.Steps[:j] {
					if k.Stage < s.Stage {
						kept = append(kept, k.Name)
					}
				}
				hint = "keeps " + duet.JoinWords(kept)
			}
			u.Reset = append(u.Reset, Option{Value: s.Key, Label: s.Name + " — " + hint, Selected: s.Key == f.ResetFrom})
		}
	}
	return u
}

// assetEditForm is the edit form with what was typed.
func (v *viewer) assetEditForm(a duet.Asset, f AssetForm, fe FormError) AssetEditForm {
	e := AssetEditForm{Action: assetURL(v.d.ID, a.ID) + "#edit", Form: f, Err: fe, DRI: v.driChoice("asset-edit-dri", f.DRI, fe.For("dri")),
		Open: fe.Msg != ""}
	if a.Visibility != duet.VisShared {
		other := duet.SidePartner
		if a.Side == duet.SidePartner {
			other = duet.SideHost
		}
		e.ShareWith = v.o.of(other)
	}
	return e
}

// assetFormFrom fills the edit form from the asset as it is.
func assetFormFrom(a duet.Asset) AssetForm {
	f := AssetForm{Title: a.Title, Kind: a.Kind, DRI: a.DRI.Ref(), Tags: strings.Join(a.Tags, ", "), Visibility: string(a.Visibility), Version: a.Version}
	if !a.DueOn.IsZero() {
		f.DueOn = a.DueOn.String()
	}
	return f
}

// entryView lays out a calendar entry that publishes the asset.
func (v *viewer) entryView(e duet.LaunchEntry) AssetEntryView {
	at := e.PublishAt.In(v.loc())
	return AssetEntryView{Title: e.Title, URL: "/w/" + v.d.ID + "/calendar/" + e.ID, Channel: duet.LaunchChannelName(e.Channel),
		When: at.Format("Mon 2 Jan 2006, 15:04"), ISO: at.Format(time.RFC3339), Status: e.Status, Label: duet.EntryStatusName(e.Status),
		Slips: slipTexts(e.Slips)}
}

// assetPage lays out an asset's page with empty forms.
func (v *viewer) assetPage(ad *core.AssetDetail, policy string, limit UploadLimit) *AssetPage {
	a := ad.Asset
	p := &AssetPage{WS: v.d.ID, A: v.assetHead(a), Ships: v.shipsPanel(ad), Review: v.reviewPanel(ad), Versions: v.versionsPanel(a, ad.Versions),
		CanEdit: ad.CanEdit, Calendar: CalendarPanel{WS: v.d.ID, Slips: slipTexts(ad.Slips)}, Timeline: TimelinePanel{History: v.changes(ad.History)}}
	for i := len(ad.Trail) - 1; i >= 0; i-- {
		p.Timeline.Trail = append(p.Timeline.Trail, v.trailView(ad.Trail[i]))
	}
	for _, e := range ad.Entries {
		p.Calendar.Entries = append(p.Calendar.Entries, v.entryView(e))
	}
	if ad.CanEdit {
		p.Upload = v.uploadForm(a, policy, limit, VersionForm{Key: newFormKey()}, FormError{})
		p.Edit = v.assetEditForm(a, assetFormFrom(a), FormError{})
	}
	return p
}

// assetHint explains the page to the viewer who cannot change it.
func (v *viewer) assetHint(a duet.Asset) string {
	switch {
	case v.guest():
		return "Guests review the steps of the roles they hold; they do not upload or edit."
	case v.me.Side != a.Side:
		return fmt.Sprintf("%s owns this asset: only they upload versions and edit it. You review the steps of your roles.", v.o.of(a.Side))
	}
	return ""
}
