package duet

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Asset kinds: what a co-branded asset is. Each kind has its review
// steps from the workspace's template.
const (
	AssetLandingPage  = "landing_page"
	AssetEmail        = "email"
	AssetSocialPost   = "social_post"
	AssetBlogPost     = "blog_post"
	AssetEbook        = "ebook"
	AssetWebinarDeck  = "webinar_deck"
	AssetPressRelease = "press_release"
	AssetAdCreative   = "ad_creative"
	AssetOther        = "other"
)

// AssetKinds lists the kinds in the order pages show them.
var AssetKinds = []string{AssetLandingPage, AssetEmail, AssetSocialPost, AssetBlogPost, AssetEbook,
	AssetWebinarDeck, AssetPressRelease, AssetAdCreative, AssetOther}

// AssetKindName is how a kind reads on a page.
func AssetKindName(k string) string {
	switch k {
	case AssetEbook:
		return "Ebook / whitepaper"
	case AssetAdCreative:
		return "Ad creative"
	}
	return sentenceCase(k)
}

// sentenceCase turns a key such as "landing_page" into "Landing page".
func sentenceCase(k string) string {
	if k == "" {
		return ""
	}
	s := strings.ReplaceAll(k, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// Asset statuses. An asset is a draft until review is requested; it is
// approved when every review step has approved its current version.
const (
	AssetDraft            = "draft"
	AssetInReview         = "in_review"
	AssetChangesRequested = "changes_requested"
	AssetApproved         = "approved"
)

// AssetStatuses lists the statuses in the order pages show them.
var AssetStatuses = []string{AssetDraft, AssetInReview, AssetChangesRequested, AssetApproved}

// AssetStatusName is how a status reads on a page.
func AssetStatusName(s string) string { return sentenceCase(s) }

// Review step states, for the asset's current version.
const (
	StepPending  = "pending"
	StepApproved = "approved"
	StepChanges  = "changes_requested"
)

// Review verdicts.
const (
	VerdictApprove = "approve"
	VerdictChanges = "request_changes"
)

// What a new version resets.
const (
	// ResetAll sends every step back to pending.
	ResetAll = "all"
	// ResetFromChanges keeps the approvals of the stages before the
	// first step that requested changes (or, when none did, before the
	// step the uploader names).
	ResetFromChanges = "from_changes"
)

// ReviewStep is one step of an asset's review: a role of one side that
// approves or requests changes. Steps of one stage run in parallel; a
// stage opens when every earlier stage has approved.
type ReviewStep struct {
	Key      string
	Name     string
	RoleKey  string
	RoleName string
	Side     Side
	Stage    int
	State    string
	// Version is the version number the state was given for.
	Version int
	By      *Author
	At      *time.Time
	Comment string
}

// FileRef is an uploaded file, stored by the SHA-256 of its content.
type FileRef struct {
	Hash        string // hex SHA-256
	Size        int64
	ContentType string
	Name        string // the safe file name it is served as
}

// Image reports whether the file is a PNG or JPEG image Duet previews.
func (f *FileRef) Image() bool {
	return f != nil && (f.ContentType == "image/png" || f.ContentType == "image/jpeg")
}

// Text reports whether the file is plain text or Markdown, which
// versions can be compared line by line.
func (f *FileRef) Text() bool {
	return f != nil && (strings.HasPrefix(f.ContentType, "text/plain") || strings.HasPrefix(f.ContentType, "text/markdown"))
}

// AssetVersion is one version of an asset: an uploaded file or a link.
type AssetVersion struct {
	ID      string
	AssetID string
	Number  int
	File    *FileRef // nil for a link
	Link    string   // an external URL, such as a Google Drive file
	Note    string
	By      Author
	Created time.Time
	// Approved is when the review of this version completed.
	Approved *time.Time
}

// Source says what the version is, for a page: the file name or the link.
func (v *AssetVersion) Source() string {
	if v.File != nil {
		return v.File.Name
	}
	return v.Link
}

// Fingerprint names the exact content approved: the file's hash, or the
// link itself.
func (v *AssetVersion) Fingerprint() string {
	if v.File != nil {
		return "sha256:" + v.File.Hash
	}
	return v.Link
}

// ReviewRecord is one entry of an asset's approval trail.
type ReviewRecord struct {
	ID          string
	StepKey     string
	StepName    string
	Verdict     string
	Comment     string
	By          Author
	At          time.Time
	Version     int
	Fingerprint string // what exactly was reviewed
}

// Asset is one co-branded deliverable in the approval folder.
type Asset struct {
	ID          string
	WorkspaceID string
	Number      int // A-n within the workspace
	Title       string
	Kind        string
	Side        Side // the owning side
	DRI         DRI
	DueOn       Date // when it must be approved; zero: no date
	Visibility  Visibility
	Tags        []string
	Status      string
	Steps       []ReviewStep
	// Current is the newest version's number (0: none yet); Shipping is
	// the newest approved version, the one that ships, whatever drafts
	// came after it.
	Current  int
	Shipping *AssetVersion
	// Latest is the newest version, in listings.
	Latest *AssetVersion
	// Slips are the launch timing slips the asset is at fault in, in
	// listings: the folder warns of them next to each asset.
	Slips   []Slip
	Version int // counts changes, for optimistic updates
	By      Author
	Created time.Time
	Updated time.Time
}

// Ref names the asset for other items.
func (a *Asset) Ref() AssetRef {
	return AssetRef{ID: a.ID, Number: a.Number, Title: a.Title, Status: a.Status, DueOn: a.DueOn, Visibility: a.Visibility}
}

// AssetRef names an asset from elsewhere (a calendar entry).
type AssetRef struct {
	ID         string
	Number     int
	Title      string
	Status     string
	DueOn      Date
	Visibility Visibility
}

// Settle sets the status from whether review was requested and from the
// steps' states.
func (a *Asset) Settle(reviewRequested bool) {
	switch {
	case !reviewRequested || a.Current == 0:
		a.Status = AssetDraft
	case slices.ContainsFunc(a.Steps, func(s ReviewStep) bool { return s.State == StepChanges }):
		a.Status = AssetChangesRequested
	case !slices.ContainsFunc(a.Steps, func(s ReviewStep) bool { return s.State != StepApproved }):
		a.Status = AssetApproved
	default:
		a.Status = AssetInReview
	}
}

// Open returns the steps that may act now: pending steps of the first
// stage that has not fully approved.
func (a *Asset) Open() []ReviewStep {
	if a.Status != AssetInReview {
		return nil
	}
	stage := -1
	for _, s := range a.Steps {
		if s.State != StepApproved && (stage < 0 || s.Stage < stage) {
			stage = s.Stage
		}
	}
	var out []ReviewStep
	for _, s := range a.Steps {
		if s.Stage == stage && s.State == StepPending {
			out = append(out, s)
		}
	}
	return out
}

// step returns the step with key k.
func (a *Asset) step(k string) (*ReviewStep, bool) {
	for i := range a.Steps {
		if a.Steps[i].Key == k {
			return &a.Steps[i], true
		}
	}
	return nil, false
}

// CheckReview decides whether member m may give a verdict on step key of
// version number version, and says why not in words the reviewer can act
// on.
func (a *Asset) CheckReview(m *Member, key string, version int) error {
	st, ok := a.step(key)
	if !ok {
		return Invalid("step", "%q is not a review step of this asset", key)
	}
	if version != a.Current {
		return Errorf(EConflict, "Version %d was uploaded after the version %d you reviewed. Review version %d.", a.Current, version, a.Current)
	}
	switch a.Status {
	case AssetDraft:
		return Invalid("step", "review of %s has not been requested yet", a.Title)
	case AssetChangesRequested:
		return Invalid("step", "changes were requested on version %d; a new version must be uploaded first", a.Current)
	case AssetApproved:
		return Errorf(EConflict, "Version %d is already approved.", a.Current)
	}
	if m.Side != st.Side {
		return Errorf(EForbidden, "%s is done by the %s side's %s; you are on the %s side.", st.Name, st.Side, st.RoleName, m.Side)
	}
	if !slices.Contains(m.RoleKeys, st.RoleKey) {
		return Errorf(EForbidden, "%s is done by the %s; you do not hold that role.", st.Name, st.RoleName)
	}
	if st.State == StepApproved {
		return Errorf(EConflict, "%s already approved version %d.", st.Name, a.Current)
	}
	var waiting []string
	for _, s := range a.Steps {
		if s.Stage < st.Stage && s.State != StepApproved {
			waiting = append(waiting, s.Name)
		}
	}
	if len(waiting) > 0 {
		return Invalid("step", "%s comes after %s, which %s not approved version %d yet", st.Name, JoinWords(waiting), map[bool]string{true: "has", false: "have"}[len(waiting) == 1], a.Current)
	}
	return nil
}

// Review applies a verdict that CheckReview allowed, and settles the
// status.
func (a *Asset) Review(by Author, key, verdict, comment string, at time.Time) {
	st, _ := a.step(key)
	st.State = StepApproved
	if verdict == VerdictChanges {
		st.State = StepChanges
	}
	st.Version, st.By, st.At, st.Comment = a.Current, &by, &at, comment
	a.Settle(true)
}

// ResetFor moves the asset to a new version number and sends back to
// pending the steps that must see it again: with ResetAll every step;
// with ResetFromChanges every stage from the first one that requested
// changes, or when none did, from the stage of step from (every stage
// when from is empty). It returns the names of the steps reset.
func (a *Asset) ResetFor(number int, policy, from string) []string {
	a.Current = number
	stage := 0
	if policy == ResetFromChanges {
		stage = -1
		for _, s := range a.Steps {
			if s.State == StepChanges && (stage < 0 || s.Stage < stage) {
				stage = s.Stage
			}
		}
		if stage < 0 {
			stage = 0
			if st, ok := a.step(from); ok {
				stage = st.Stage
			}
		}
	}
	var reset []string
	for i := range a.Steps {
		s := &a.Steps[i]
		if s.Stage >= stage {
			if s.State != StepPending {
				reset = append(reset, s.Name)
			}
			*s = ReviewStep{Key: s.Key, Name: s.Name, RoleKey: s.RoleKey, RoleName: s.RoleName, Side: s.Side, Stage: s.Stage, State: StepPending}
			continue
		}
		s.Version = number // an approval kept carries over to the new version
	}
	return reset
}

// Asset limits.
const (
	MaxAssetTitle = 200
	MaxAssetTags  = 10
	MaxTagLen     = 30
	MaxNote       = 2000
	MaxComment    = 4000
)

var tagRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ParseTags reads comma- or space-separated tags, lowercased and
// deduplicated.
func ParseTags(field, s string) ([]string, error) {
	var out []string
	for _, t := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || r == ' ' }) {
		t = strings.TrimPrefix(t, "#")
		if len(t) > MaxTagLen || !tagRe.MatchString(t) {
			return nil, Invalid(field, "%q is not a tag: use letters, digits and dashes, at most %d characters", t, MaxTagLen)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) > MaxAssetTags {
		return nil, Invalid(field, "at most %d tags, not %d", MaxAssetTags, len(out))
	}
	return out, nil
}

// AssetCreate is the input for adding an asset; its first version comes
// with it or later.
type AssetCreate struct {
	Title      string
	Kind       string
	DRI        string // member:ID or role:KEY
	DueOn      string // YYYY-MM-DD or ""
	Visibility Visibility
	Tags       string
}

// AssetInput is an AssetCreate or AssetUpdate after validation.
type AssetInput struct {
	DRI  *DRI
	Due  *Date
	Tags []string
}

// Validate checks the input.
func (in *AssetCreate) Validate() (AssetInput, error) {
	var x AssetInput
	in.Title = strings.TrimSpace(in.Title)
	if err := textField("title", in.Title, MaxAssetTitle); err != nil {
		return x, err
	}
	if !slices.Contains(AssetKinds, in.Kind) {
		return x, Invalid("kind", "must be one of %s, not %q", strings.Join(AssetKinds, ", "), in.Kind)
	}
	if in.Visibility == "" {
		in.Visibility = VisShared
	}
	if !in.Visibility.Valid() {
		return x, Invalid("visibility", "must be shared, host or partner")
	}
	dri, err := ParseDRI("dri", in.DRI)
	if err != nil {
		return x, err
	}
	x.DRI = &dri
	if x.Due, err = optionalDate("due_on", in.DueOn); err != nil {
		return x, err
	}
	x.Tags, err = ParseTags("tags", in.Tags)
	return x, err
}

func optionalDate(field, s string) (*Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return &Date{}, nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return nil, Invalid(field, "must be a date like 2026-03-12, not %q", s)
	}
	return &d, nil
}

// AssetUpdate changes an asset; nil fields are left alone. Version names
// the version it was edited from. Visibility may only widen to shared.
type AssetUpdate struct {
	Version    int
	Title      *string
	DRI        *string
	DueOn      *string
	Visibility *Visibility
	Tags       *string
}

// Validate checks the fields that are set.
func (in *AssetUpdate) Validate() (AssetInput, error) {
	var x AssetInput
	if in.Version < 1 {
		return x, Invalid("version", "is required: the version of the asset you edited")
	}
	if in.Title != nil {
		*in.Title = strings.TrimSpace(*in.Title)
		if err := textField("title", *in.Title, MaxAssetTitle); err != nil {
			return x, err
		}
	}
	if in.DRI != nil {
		d, err := ParseDRI("dri", *in.DRI)
		if err != nil {
			return x, err
		}
		x.DRI = &d
	}
	var err error
	if in.DueOn != nil {
		if x.Due, err = optionalDate("due_on", *in.DueOn); err != nil {
			return x, err
		}
	}
	if in.Visibility != nil && !in.Visibility.Valid() {
		return x, Invalid("visibility", "must be shared, host or partner")
	}
	if in.Tags != nil {
		if x.Tags, err = ParseTags("tags", *in.Tags); err != nil {
			return x, err
		}
		if x.Tags == nil {
			x.Tags = []string{}
		}
	}
	return x, nil
}

// VersionCreate is a new version: an upload (whose body core streams)
// or a link. ResetFrom names the step the change first concerns, used
// when no step requested changes.
type VersionCreate struct {
	FileName      string
	Link          string
	Note          string
	RequestReview bool
	ResetFrom     string
	// IdempotencyKey makes a retried request create one version.
	IdempotencyKey string
}

// Validate checks everything but the upload's content.
func (in *VersionCreate) Validate() error {
	in.Link, in.Note = strings.TrimSpace(in.Link), strings.TrimSpace(in.Note)
	switch {
	case in.FileName == "" && in.Link == "":
		return Invalid("file", "is required: upload a file or give a link")
	case in.FileName != "" && in.Link != "":
		return Invalid("link", "give either a file or a link, not both")
	case in.Link != "":
		if err := CheckLink("link", in.Link); err != nil {
			return err
		}
	default:
		name, err := CleanFileName("file", in.FileName)
		if err != nil {
			return err
		}
		in.FileName = name
	}
	if len([]rune(in.Note)) > MaxNote {
		return Invalid("note", "must be at most %d characters", MaxNote)
	}
	if len(in.IdempotencyKey) > 200 {
		return Invalid("idempotency_key", "must be at most 200 characters")
	}
	return nil
}

// CheckLink accepts an absolute https URL (such as a Google Drive file).
func CheckLink(field, s string) error {
	u, err := url.Parse(s)
	switch {
	case len(s) > 2000:
		return Invalid(field, "must be at most 2000 characters")
	case err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil:
		return Invalid(field, "must be an https:// link, such as a Google Drive file's address")
	}
	return nil
}

// DriveLink reports whether a link points at Google Drive or Docs.
func DriveLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Host == "drive.google.com" || u.Host == "docs.google.com")
}

// ReviewAct is a verdict on one step for one version.
type ReviewAct struct {
	Step    string
	Verdict string
	Comment string
	Version int
}

// Validate checks the input; whether the actor may act is decided
// against the asset (CheckReview).
func (in *ReviewAct) Validate() error {
	in.Comment = strings.TrimSpace(in.Comment)
	switch {
	case in.Step == "":
		return Invalid("step", "is required")
	case in.Verdict != VerdictApprove && in.Verdict != VerdictChanges:
		return Invalid("verdict", "must be approve or request_changes, not %q", in.Verdict)
	case in.Verdict == VerdictChanges && in.Comment == "":
		return Invalid("comment", "is required: say what must change")
	case len([]rune(in.Comment)) > MaxComment:
		return Invalid("comment", "must be at most %d characters", MaxComment)
	case in.Version < 1:
		return Invalid("version", "is required: the version number you reviewed")
	}
	return nil
}

// AssetFilter selects assets; zero fields select everything.
type AssetFilter struct {
	Status string
	Kind   string
	Side   Side
	DRI    string // member:ID or role:KEY
	Tag    string
	Limit  int
}

// Validate checks the filter.
func (f *AssetFilter) Validate() error {
	switch {
	case f.Status != "" && !slices.Contains(AssetStatuses, f.Status):
		return Invalid("status", "must be one of %s", strings.Join(AssetStatuses, ", "))
	case f.Kind != "" && !slices.Contains(AssetKinds, f.Kind):
		return Invalid("kind", "must be one of %s", strings.Join(AssetKinds, ", "))
	case f.Side != "" && !f.Side.Valid():
		return Invalid("side", "must be host or partner")
	case f.Limit < 0:
		return Invalid("limit", "must not be negative")
	}
	if f.DRI != "" {
		if _, err := ParseDRI("dri", f.DRI); err != nil {
			return err
		}
	}
	return nil
}

// StepsFor builds the review steps of an asset of kind, kept to vis,
// from the template. A side-only asset is reviewed by its side's steps
// only; roles names the workspace's roles.
func StepsFor(t *Template, kind string, vis Visibility, roles []Role) []ReviewStep {
	var out []ReviewStep
	for _, ts := range t.ReviewStepsOf(kind) {
		r := findRole(roles, ts.Role)
		if r == nil || (vis != VisShared && vis != "" && string(vis) != string(r.Side)) {
			continue
		}
		out = append(out, ReviewStep{Key: ts.Key, Name: ts.Name, RoleKey: r.Key, RoleName: r.Name, Side: r.Side, Stage: ts.stage, State: StepPending})
	}
	return out
}

// StepNames lists the steps' names in order, for a sentence.
func StepNames(steps []ReviewStep) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Name
	}
	return JoinWords(names)
}

// AssetNumber formats an asset's number as pages show it.
func AssetNumber(n int) string { return fmt.Sprintf("A-%d", n) }
