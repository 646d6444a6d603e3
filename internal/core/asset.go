package core

import (
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"duet/internal/duet"
	"duet/internal/files"
	"duet/internal/store"
)

// FileStore keeps uploaded files by the hash of their content: on disk
// under the data directory now, S3-compatible storage later.
type FileStore interface {
	// Stage streams r to temporary storage, hashing it and refusing more
	// than limit bytes (ETooLarge), without holding it in memory.
	Stage(ctx context.Context, r io.Reader, limit int64) (*files.Staged, error)
	Open(hash string) (io.ReadSeekCloser, error)
	// Thumbnail is a PNG of an image no larger than size pixels.
	Thumbnail(hash string, size int) (io.ReadSeekCloser, error)
	// Sweep removes stored files keep does not name, last written
	// before olderThan.
	Sweep(keep func(hash string) bool, olderThan time.Time) (int, error)
}

// SweepGrace is how old an unreferenced file must be before the sweep
// removes it while uploads may be in flight: one is written to the store
// moments before its version row commits.
const SweepGrace = time.Hour

// SweepFiles removes stored files no version refers to, last written
// before now minus grace: what a crash between writing a file and
// committing its version leaves behind. As a scheduler task it runs
// hourly.
func (s *Service) SweepFiles(ctx context.Context, now time.Time, grace time.Duration) (time.Time, error) {
	next := now.Add(time.Hour)
	if s.files == nil {
		return next, nil
	}
	var keep map[string]bool
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		keep, err = tx.FileHashes(ctx)
		return err
	})
	if err != nil {
		return next, err
	}
	n, err := s.files.Sweep(func(h string) bool { return keep[h] }, now.Add(-grace))
	if n > 0 {
		s.log.Info("removed unreferenced files", "count", n)
	}
	return next, err
}

// DefaultMaxUpload is the upload size limit when none is configured.
const DefaultMaxUpload = 100 << 20

// MaxUpload is the configured limit on an uploaded file's size.
func (s *Service) MaxUpload() int64 { return s.maxUpload }

// AssetDetail is one asset with everything its page shows.
type AssetDetail struct {
	Asset    duet.Asset
	Versions []duet.AssetVersion // newest first
	Trail    []duet.ReviewRecord
	History  []duet.Change
	// Entries are the launch calendar entries that publish it.
	Entries []duet.LaunchEntry
	// Slips are the launch timing slips it is part of.
	Slips []duet.Slip
	// Mine are the open steps the viewer may act on now.
	Mine    []duet.ReviewStep
	CanEdit bool // the viewer is on the owning side and not a guest
}

// Assets lists the assets the actor sees, with their steps, their
// latest and shipping versions, and the launch timing slips they cause.
func (s *Service) Assets(ctx context.Context, a *duet.Actor, wsID string, f duet.AssetFilter) ([]duet.Asset, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var out []duet.Asset
	var entries []duet.LaunchEntry
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.Assets(ctx, wsID, d.Side, f); err != nil {
			return err
		}
		entries, err = tx.Entries(ctx, wsID, d.Side, duet.EntryFilter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	slips := s.slips(d, entries)
	for i := range out {
		d.ResolveDRI(&out[i].DRI)
		out[i].Slips = duet.SlipsOf(slips, "", out[i].ID)
	}
	return out, nil
}

// Asset returns one asset the actor may see.
func (s *Service) Asset(ctx context.Context, a *duet.Actor, wsID, id string) (*AssetDetail, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	v := &AssetDetail{}
	var entries []duet.LaunchEntry
	err = s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
		if err != nil {
			return err
		}
		row, err := tx.Asset(ctx, wsID, id, m.Side)
		if err != nil {
			return err
		}
		v.Asset = row.Asset
		if v.Versions, err = tx.Versions(ctx, id); err != nil {
			return err
		}
		for i := range v.Versions {
			if v.Versions[i].ID == row.ShippingID {
				v.Asset.Shipping = &v.Versions[i]
			}
			if v.Versions[i].Number == row.Current {
				v.Asset.Latest = &v.Versions[i]
			}
		}
		if v.Trail, err = tx.Reviews(ctx, id); err != nil {
			return err
		}
		if v.History, err = tx.History(ctx, wsID, id, maxHistory); err != nil {
			return err
		}
		entries, err = tx.Entries(ctx, wsID, m.Side, duet.EntryFilter{})
		if err != nil {
			return err
		}
		v.CanEdit = m.Side == row.Side && m.Permission != duet.PermGuest
		for _, st := range v.Asset.Open() {
			if v.Asset.CheckReview(m, st.Key, v.Asset.Current) == nil {
				v.Mine = append(v.Mine, st)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.ResolveDRI(&v.Asset.DRI)
	slips := s.slips(d, entries)
	v.Slips = duet.SlipsOf(slips, "", id)
	for _, e := range entries {
		if slices.ContainsFunc(e.Assets, func(r duet.AssetRef) bool { return r.ID == id }) {
			e.Slips = duet.SlipsOf(slips, e.ID, "")
			v.Entries = append(v.Entries, e)
		}
	}
	return v, nil
}

// VersionUpload is a new version with its body: the file's bytes, read
// once as they stream in (nil for a link).
type VersionUpload struct {
	duet.VersionCreate
	Body io.Reader
}

// CreateAsset adds an asset owned by the actor's side, with its review
// steps from the template, and its first version when one comes with it.
func (s *Service) CreateAsset(ctx context.Context, a *duet.Actor, wsID string, in duet.AssetCreate, first *VersionUpload) (duet.Asset, error) {
	x, err := in.Validate()
	if err != nil {
		return duet.Asset{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Asset{}, err
	}
	if in.Visibility != duet.VisShared && string(in.Visibility) != string(d.Side) {
		return duet.Asset{}, duet.Invalid("visibility", "an asset can be shared or kept to your own side")
	}
	dri, err := checkDRI(d, *x.DRI, in.Visibility)
	if err != nil {
		return duet.Asset{}, err
	}
	tpl, err := s.Template(d.TemplateKey)
	if err != nil {
		return duet.Asset{}, err
	}
	now := s.Now()
	as := duet.Asset{ID: store.NewID(), WorkspaceID: wsID, Title: in.Title, Kind: in.Kind, Side: d.Side, DRI: dri, DueOn: *x.Due,
		Visibility: in.Visibility, Tags: x.Tags, Steps: duet.StepsFor(tpl, in.Kind, in.Visibility, d.Roles), Status: duet.AssetDraft,
		Created: now, Updated: now}
	var staged *files.Staged
	if first != nil {
		if err := first.Validate(); err != nil {
			return as, err
		}
		if err := s.mayUpload(ctx, a, wsID, as.Side); err != nil {
			return as, err
		}
		if staged, err = s.stage(ctx, a, first); err != nil {
			return as, err
		}
		defer staged.Discard()
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{Visibility: in.Visibility})
		if err != nil {
			return err
		}
		as.By = duet.Author{MemberID: m.ID, UserID: a.User.ID, Name: a.User.Name, Side: m.Side}
		if as.Number, err = tx.NextAssetNumber(ctx, wsID); err != nil {
			return err
		}
		if err := tx.InsertAsset(ctx, &as, false); err != nil {
			return err
		}
		summary := fmt.Sprintf("added %s (%s) with %s as DRI", quote(as.Title), duet.AssetKindName(as.Kind), dri.Who())
		if err := s.history(ctx, tx, wsID, as.ID, m, summary); err != nil {
			return err
		}
		if first != nil {
			if _, _, err := s.addVersion(ctx, tx, d, m, &as, false, first.VersionCreate, staged); err != nil {
				return err
			}
		}
		return tx.AppendEvent(ctx, s.assetEvent(a, "asset.created", as))
	})
	return as, err
}

func (s *Service) assetEvent(a *duet.Actor, typ string, as duet.Asset) *duet.Event {
	e := s.event(a, as.WorkspaceID, typ, as.ID)
	e.Visibility = as.Visibility
	return e
}

// mayUpload checks, before a byte is stored, that the actor may add a
// version to an asset owned by side.
func (s *Service) mayUpload(ctx context.Context, a *duet.Actor, wsID string, side duet.Side) error {
	return s.db.Once(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		return ownSide(m, side)
	})
}

func ownSide(m *duet.Member, side duet.Side) error {
	if m.Side != side {
		return duet.Errorf(duet.EForbidden, "Only the %s side changes its own assets and calendar entries.", side)
	}
	return nil
}

// MaxUploadsInFlight bounds how many uploads one user streams at once:
// each holds a connection, a temporary file and disk bandwidth.
const MaxUploadsInFlight = 16

// uploads counts each user's uploads in flight.
type uploads struct {
	mu sync.Mutex
	n  map[string]int
}

// begin takes a slot for user, or refuses when they have too many.
func (u *uploads) begin(user string) (end func(), ok bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.n[user] >= MaxUploadsInFlight {
		return nil, false
	}
	u.n[user]++
	return func() {
		u.mu.Lock()
		defer u.mu.Unlock()
		if u.n[user]--; u.n[user] == 0 {
			delete(u.n, user)
		}
	}, true
}

// stage streams an upload's body to the file store and checks that its
// content is what its name says. A link stages nothing.
func (s *Service) stage(ctx context.Context, a *duet.Actor, up *VersionUpload) (*files.Staged, error) {
	if up.Link != "" {
		return nil, nil
	}
	if up.Body == nil {
		return nil, duet.Invalid("file", "is required: upload a file or give a link")
	}
	if s.files == nil {
		return nil, duet.Errorf(duet.EInternal, "no file store is configured")
	}
	end, ok := s.uploads.begin(a.User.ID)
	if !ok {
		return nil, duet.Errorf(duet.ERateLimited, "You have %d uploads in progress; wait for one to finish.", MaxUploadsInFlight)
	}
	defer end()
	st, err := s.files.Stage(ctx, up.Body, s.maxUpload)
	if err != nil {
		return nil, err
	}
	if _, err := duet.CheckContent("file", up.FileName, st.Head); err != nil {
		st.Discard()
		return nil, err
	}
	return st, nil
}

// addVersion commits a staged file into place and writes the version
// row, resetting the steps that must see it again. The file is in place
// before the row commits: a crash in between leaves an unreferenced file,
// which the store's sweep removes, never a row without its file. With an
// idempotency key used before it returns that version and created false.
func (s *Service) addVersion(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, m *duet.Member, as *duet.Asset, requested bool,
	in duet.VersionCreate, staged *files.Staged) (v duet.AssetVersion, created bool, err error) {
	if in.IdempotencyKey != "" {
		prev, err := tx.VersionByKey(ctx, m.ID, in.IdempotencyKey)
		if err == nil {
			if prev.AssetID != as.ID {
				return prev, false, duet.Invalid("idempotency_key", "was already used for another asset's version")
			}
			return prev, false, nil
		}
		if duet.ErrorKind(err) != duet.ENotFound {
			return v, false, err
		}
	}
	now := s.Now()
	v = duet.AssetVersion{ID: store.NewID(), AssetID: as.ID, Number: as.Current + 1, Link: in.Link, Note: in.Note,
		By: duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}, Created: now}
	if staged != nil {
		ct, _ := duet.CheckContent("file", in.FileName, staged.Head)
		v.File = &duet.FileRef{Hash: staged.Hash, Size: staged.Size, ContentType: ct, Name: in.FileName}
		if err := staged.Commit(); err != nil {
			return v, false, err
		}
	}
	if err := tx.InsertVersion(ctx, &v, in.IdempotencyKey); err != nil {
		return v, false, err
	}
	tpl, err := s.Template(d.TemplateKey)
	if err != nil {
		return v, false, err
	}
	reset := as.ResetFor(v.Number, tpl.Assets.ResetPolicy(), in.ResetFrom)
	requested = requested || in.RequestReview
	as.Settle(requested)
	if err := tx.SaveSteps(ctx, d.ID, as.ID, as.Steps); err != nil {
		return v, false, err
	}
	shipping := ""
	if as.Shipping != nil {
		shipping = as.Shipping.ID
	}
	if err := tx.UpdateAsset(ctx, as, requested, shipping, now); err != nil {
		return v, false, err
	}
	summary := fmt.Sprintf("uploaded version %d (%s)", v.Number, v.Source())
	if len(reset) > 0 {
		summary += "; " + duet.JoinWords(reset) + " must review it again"
	}
	if requested {
		summary += "; review requested"
	}
	if err := s.history(ctx, tx, d.ID, as.ID, m, summary); err != nil {
		return v, false, err
	}
	if as.Status == duet.AssetInReview {
		if err := s.askReviewers(ctx, tx, d, m, *as); err != nil {
			return v, false, err
		}
	}
	return v, true, nil
}

// loadAsset reads an asset for a change under its row lock, with its
// latest and shipping versions, so that what a change answers is whole.
func (s *Service) loadAsset(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, id string, act duet.Action) (*duet.Member, store.AssetRow, error) {
	m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
	if err != nil {
		return nil, store.AssetRow{}, err
	}
	row, err := tx.Asset(ctx, wsID, id, m.Side)
	if err != nil {
		return nil, row, err
	}
	if m, err = s.member(ctx, tx, a, wsID, act, duet.Resource{Visibility: row.Visibility}); err != nil {
		return nil, row, err
	}
	if err := tx.LockAsset(ctx, id); err != nil {
		return nil, row, err
	}
	if row, err = tx.Asset(ctx, wsID, id, m.Side); err != nil {
		return nil, row, err
	}
	vs, err := tx.Versions(ctx, id)
	if err != nil {
		return nil, row, err
	}
	for i := range vs {
		if vs[i].ID == row.ShippingID {
			row.Shipping = &vs[i]
		}
		if vs[i].Number == row.Current {
			row.Latest = &vs[i]
		}
	}
	return m, row, nil
}

// ownAsset loads an asset for a change only its owning side makes.
func (s *Service) ownAsset(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, id string) (*duet.Member, store.AssetRow, error) {
	m, row, err := s.loadAsset(ctx, tx, a, wsID, id, duet.ActEditItem)
	if err == nil {
		err = ownSide(m, row.Side)
	}
	return m, row, err
}

// AddVersion uploads a new version of an asset (or links one), streaming
// the file to the store before anything is written to the database. It
// reports whether a version was made: false when the idempotency key was
// used before, and the earlier version is returned.
func (s *Service) AddVersion(ctx context.Context, a *duet.Actor, wsID, assetID string, up VersionUpload) (duet.AssetVersion, bool, error) {
	if err := up.Validate(); err != nil {
		return duet.AssetVersion{}, false, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.AssetVersion{}, false, err
	}
	var row store.AssetRow
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		row, err = tx.Asset(ctx, wsID, assetID, d.Side)
		return err
	})
	if err != nil {
		return duet.AssetVersion{}, false, err
	}
	if err := s.mayUpload(ctx, a, wsID, row.Side); err != nil {
		return duet.AssetVersion{}, false, err
	}
	staged, err := s.stage(ctx, a, &up)
	if err != nil {
		return duet.AssetVersion{}, false, err
	}
	if staged != nil {
		defer staged.Discard()
	}
	var v duet.AssetVersion
	var created bool
	err = s.write(ctx, func(tx *store.Tx) error {
		m, row, err := s.ownAsset(ctx, tx, a, wsID, assetID)
		if err != nil {
			return err
		}
		as := row.Asset
		if v, created, err = s.addVersion(ctx, tx, d, m, &as, row.ReviewRequested && row.Status != duet.AssetApproved, up.VersionCreate, staged); err != nil || !created {
			return err
		}
		return tx.AppendEvent(ctx, s.assetEvent(a, "asset.updated", as))
	})
	if err != nil && duet.ErrorKind(err) == duet.EConflict && up.IdempotencyKey != "" {
		// A concurrent request with the same key won the race: its
		// version is this request's answer.
		err = s.db.View(ctx, func(tx *store.Tx) error {
			m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
			if err != nil {
				return err
			}
			v, err = tx.VersionByKey(ctx, m.ID, up.IdempotencyKey)
			return err
		})
		created = false
	}
	return v, created, err
}

// RequestReview sends a draft's current version to its review steps.
func (s *Service) RequestReview(ctx context.Context, a *duet.Actor, wsID, assetID string, version int) (duet.Asset, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Asset{}, err
	}
	var as duet.Asset
	err = s.write(ctx, func(tx *store.Tx) error {
		m, row, err := s.ownAsset(ctx, tx, a, wsID, assetID)
		if err != nil {
			return err
		}
		as = row.Asset
		switch {
		case as.Current == 0:
			return duet.Invalid("version", "upload a version before requesting review")
		case version != as.Current:
			return duet.Errorf(duet.EConflict, "Version %d was uploaded meanwhile; reload to see it.", as.Current)
		case row.ReviewRequested && as.Status != duet.AssetDraft:
			return duet.Errorf(duet.EConflict, "Review of version %d was already requested.", as.Current)
		case len(as.Steps) == 0:
			return duet.Invalid("version", "this asset has no review steps")
		}
		as.Settle(true)
		if err := tx.UpdateAsset(ctx, &as, true, row.ShippingID, s.Now()); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, as.ID, m, fmt.Sprintf("requested review of version %d", as.Current)); err != nil {
			return err
		}
		if err := s.askReviewers(ctx, tx, d, m, as); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.assetEvent(a, "asset.updated", as))
	})
	return as, err
}

// askReviewers tells the holders of the roles whose steps just opened
// that their review is needed.
func (s *Service) askReviewers(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, by *duet.Member, as duet.Asset) error {
	holders := duet.RoleHolders(d.Members)
	for _, st := range as.Open() {
		for _, h := range holders[st.RoleKey] {
			if h.ID == by.ID {
				continue
			}
			if err := tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: h.UserID, WorkspaceID: d.ID, Kind: duet.NoteReview,
				SubjectID: as.ID, Actor: duet.Author{MemberID: by.ID}, Created: s.Now(),
				Excerpt: fmt.Sprintf("%s of %s %s (version %d)", st.Name, duet.AssetNumber(as.Number), as.Title, as.Current)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReviewAsset records a verdict on one step. Once every step has
// approved, the version is pinned as the one that ships.
func (s *Service) ReviewAsset(ctx context.Context, a *duet.Actor, wsID, assetID string, in duet.ReviewAct) (duet.Asset, error) {
	if err := in.Validate(); err != nil {
		return duet.Asset{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Asset{}, err
	}
	var as duet.Asset
	err = s.write(ctx, func(tx *store.Tx) error {
		m, row, err := s.loadAsset(ctx, tx, a, wsID, assetID, duet.ActComment)
		if err != nil {
			return err
		}
		as = row.Asset
		if err := as.CheckReview(m, in.Step, in.Version); err != nil {
			return err
		}
		cur, err := tx.AssetVersion(ctx, as.ID, as.Current)
		if err != nil {
			return err
		}
		now := s.Now()
		by := duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}
		before := as.Open()
		as.Review(by, in.Step, in.Verdict, in.Comment, now)
		st := as.Steps[slices.IndexFunc(as.Steps, func(x duet.ReviewStep) bool { return x.Key == in.Step })]
		if err := tx.InsertReview(ctx, as.ID, duet.ReviewRecord{ID: store.NewID(), StepKey: st.Key, StepName: st.Name, Verdict: in.Verdict,
			Comment: in.Comment, By: by, At: now, Version: as.Current, Fingerprint: cur.Fingerprint()}); err != nil {
			return err
		}
		shipping := row.ShippingID
		if as.Status == duet.AssetApproved {
			shipping = cur.ID
			if err := tx.ApproveVersion(ctx, cur.ID, now); err != nil {
				return err
			}
			cur.Approved = &now
			as.Shipping, as.Latest = &cur, &cur
		}
		if err := tx.SaveSteps(ctx, wsID, as.ID, as.Steps); err != nil {
			return err
		}
		if err := tx.UpdateAsset(ctx, &as, true, shipping, now); err != nil {
			return err
		}
		verb := "approved"
		if in.Verdict == duet.VerdictChanges {
			verb = "requested changes in"
		}
		summary := fmt.Sprintf("%s %s of version %d", verb, st.Name, as.Current)
		if as.Status == duet.AssetApproved {
			summary += "; every step approved: version " + fmt.Sprint(as.Current) + " is the one that ships"
		}
		if err := s.history(ctx, tx, wsID, as.ID, m, summary); err != nil {
			return err
		}
		if len(as.Open()) > 0 && !sameSteps(before, as.Open()) {
			if err := s.askReviewers(ctx, tx, d, m, as); err != nil {
				return err
			}
		}
		return tx.AppendEvent(ctx, s.assetEvent(a, "asset.reviewed", as))
	})
	return as, err
}

// sameSteps reports whether two lists of open steps are the same: a
// stage only opens (and asks its reviewers) once.
func sameSteps(a, b []duet.ReviewStep) bool {
	return slices.EqualFunc(a, b, func(x, y duet.ReviewStep) bool { return x.Key == y.Key })
}

// UpdateAsset changes an asset's title, DRI, approval due date, tags, or
// widens its visibility to shared (which adds the other side's steps).
func (s *Service) UpdateAsset(ctx context.Context, a *duet.Actor, wsID, assetID string, in duet.AssetUpdate) (duet.Asset, error) {
	x, err := in.Validate()
	if err != nil {
		return duet.Asset{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Asset{}, err
	}
	var as duet.Asset
	err = s.write(ctx, func(tx *store.Tx) error {
		m, row, err := s.ownAsset(ctx, tx, a, wsID, assetID)
		if err != nil {
			return err
		}
		as = row.Asset
		if in.Version != as.Version {
			return duet.Errorf(duet.EConflict, "This asset was changed by someone else meanwhile; reload to see the change.")
		}
		var changes []string
		shared := false // the other side's steps were added
		if in.Title != nil && *in.Title != as.Title {
			as.Title = *in.Title
			changes = append(changes, "renamed it "+quote(as.Title))
		}
		if in.Visibility != nil && *in.Visibility != as.Visibility {
			if *in.Visibility != duet.VisShared {
				return duet.Invalid("visibility", "a shared asset stays shared: the other side has seen it")
			}
			tpl, err := s.Template(d.TemplateKey)
			if err != nil {
				return err
			}
			as.Visibility = duet.VisShared
			kept := as.Steps
			as.Steps = duet.StepsFor(tpl, as.Kind, duet.VisShared, d.Roles)
			for i, st := range as.Steps {
				if j := slices.IndexFunc(kept, func(k duet.ReviewStep) bool { return k.Key == st.Key }); j >= 0 {
					as.Steps[i] = kept[j]
				}
			}
			as.Settle(row.ReviewRequested)
			shared = true
			changes = append(changes, "shared it with both sides")
		}
		if x.DRI != nil && x.DRI.Ref() != as.DRI.Ref() {
			if as.DRI, err = checkDRI(d, *x.DRI, as.Visibility); err != nil {
				return err
			}
			changes = append(changes, "made "+as.DRI.Who()+" the DRI")
		}
		if x.Due != nil && *x.Due != as.DueOn {
			as.DueOn = *x.Due
			if as.DueOn.IsZero() {
				changes = append(changes, "removed the approval due date")
			} else {
				changes = append(changes, "set approval due on "+as.DueOn.String())
			}
		}
		if x.Tags != nil && !slices.Equal(x.Tags, as.Tags) {
			as.Tags = x.Tags
			changes = append(changes, "set tags to "+strings.Join(as.Tags, ", "))
		}
		if len(changes) == 0 {
			return nil
		}
		if shared {
			if err := tx.SaveSteps(ctx, wsID, as.ID, as.Steps); err != nil {
				return err
			}
		}
		if err := tx.UpdateAsset(ctx, &as, row.ReviewRequested, row.ShippingID, s.Now()); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, as.ID, m, strings.Join(changes, "; ")); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.assetEvent(a, "asset.updated", as))
	})
	return as, err
}

// FileDownload is a stored file to serve.
type FileDownload struct {
	Body     io.ReadSeekCloser
	Name     string
	Type     string
	Size     int64
	Modified time.Time
	Version  duet.AssetVersion
}

// OpenVersion opens the file of an asset's version number, or with
// number 0 the version that ships. ENotFound for a link, a version that
// does not exist, or an asset the actor may not see.
func (s *Service) OpenVersion(ctx context.Context, a *duet.Actor, wsID, assetID string, number int) (*FileDownload, error) {
	v, err := s.fileVersion(ctx, a, wsID, assetID, number)
	if err != nil {
		return nil, err
	}
	body, err := s.files.Open(v.File.Hash)
	if err != nil {
		return nil, err
	}
	return &FileDownload{Body: body, Name: v.File.Name, Type: v.File.ContentType, Size: v.File.Size, Modified: v.Created, Version: v}, nil
}

// fileVersion finds an uploaded version the actor may see: by number,
// or with number 0 the version that ships.
func (s *Service) fileVersion(ctx context.Context, a *duet.Actor, wsID, assetID string, number int) (duet.AssetVersion, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.AssetVersion{}, err
	}
	var v duet.AssetVersion
	err = s.db.View(ctx, func(tx *store.Tx) error {
		row, err := tx.Asset(ctx, wsID, assetID, d.Side)
		if err != nil {
			return err
		}
		if number == 0 {
			if row.ShippingID == "" {
				return duet.NotFound("approved version")
			}
			vs, err := tx.Versions(ctx, assetID)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(vs, func(x duet.AssetVersion) bool { return x.ID == row.ShippingID })
			if i < 0 {
				return duet.NotFound("approved version")
			}
			v = vs[i]
			return nil
		}
		v, err = tx.AssetVersion(ctx, assetID, number)
		return err
	})
	if err == nil && v.File == nil {
		err = duet.NotFound("file")
	}
	return v, err
}

// ThumbnailSizes are the preview sizes pages ask for.
var ThumbnailSizes = []int{160, 800}

// OpenThumbnail opens a PNG preview of an image version.
func (s *Service) OpenThumbnail(ctx context.Context, a *duet.Actor, wsID, assetID string, number, size int) (*FileDownload, error) {
	if !slices.Contains(ThumbnailSizes, size) {
		return nil, duet.NotFound("preview")
	}
	v, err := s.fileVersion(ctx, a, wsID, assetID, number)
	if err != nil {
		return nil, err
	}
	if !v.File.Image() {
		return nil, duet.NotFound("preview")
	}
	body, err := s.files.Thumbnail(v.File.Hash, size)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(v.File.Name, path.Ext(v.File.Name)) + ".png"
	return &FileDownload{Body: body, Name: name, Type: "image/png", Modified: v.Created, Version: v}, nil
}

// maxDiffBytes bounds what a text comparison reads of each version.
const maxDiffBytes = 1 << 20

// VersionTexts returns the text of two versions of a text-like asset,
// for a line-by-line comparison.
func (s *Service) VersionTexts(ctx context.Context, a *duet.Actor, wsID, assetID string, from, to int) (old, new string, err error) {
	read := func(n int) (string, error) {
		f, err := s.OpenVersion(ctx, a, wsID, assetID, n)
		if err != nil {
			return "", err
		}
		defer f.Body.Close()
		if !f.Version.File.Text() {
			return "", duet.Invalid("from", "version %d is not plain text or Markdown; only those can be compared line by line", n)
		}
		b, err := io.ReadAll(io.LimitReader(f.Body, maxDiffBytes+1))
		if err != nil {
			return "", err
		}
		if len(b) > maxDiffBytes {
			return "", duet.Invalid("from", "version %d is larger than 1 MB, too large to compare", n)
		}
		return string(b), nil
	}
	if from < 1 || to < 1 || from == to {
		return "", "", duet.Invalid("from", "choose two different versions")
	}
	if old, err = read(from); err != nil {
		return "", "", err
	}
	new, err = read(to)
	return old, new, err
}
