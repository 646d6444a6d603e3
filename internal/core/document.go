package core

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"

	"duet/internal/duet"
	"duet/internal/store"
	"duet/internal/textdiff"
)

// DocView is a signed document as one viewer sees it: its versions,
// newest first, the latest and the newest approved.
type DocView struct {
	Kind     string
	Latest   *duet.DocVersion // nil before the first save
	Approved *duet.DocVersion
	Versions []duet.DocVersion
	// Side is the viewer's side; CanEdit says they may save a version,
	// CanSign that they may sign the latest for their side.
	Side    duet.Side
	CanEdit bool
	CanSign bool
}

// docView loads a document for the member m.
func docView(ctx context.Context, tx *store.Tx, wsID, kind string, m *duet.Member) (DocView, error) {
	v := DocView{Kind: kind, Side: m.Side, CanEdit: m.Permission != duet.PermGuest}
	vs, err := tx.DocVersions(ctx, wsID, kind)
	if err != nil {
		return v, err
	}
	v.Versions = vs
	for i := range vs {
		if v.Latest == nil {
			v.Latest = &vs[i]
		}
		if v.Approved == nil && vs[i].Status == duet.DocApproved {
			v.Approved = &vs[i]
		}
	}
	if l := v.Latest; l != nil && kind != duet.DocRules && l.Status == duet.DocDraft && v.CanEdit {
		so := l.SignedBy(m.Side)
		v.CanSign = so != nil && so.Signer == nil
	}
	return v, nil
}

// viewDoc runs load inside a read transaction with the viewer's
// membership.
func (s *Service) viewDoc(ctx context.Context, a *duet.Actor, wsID string, load func(tx *store.Tx, m *duet.Member) error) error {
	return s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewItem, duet.Resource{})
		if err != nil {
			return err
		}
		return load(tx, m)
	})
}

// saveDoc writes body as a new version of a document, edited from
// in.Base. A body equal to the latest version's saves nothing. Saving
// over a proposed version withdraws its decision: what was proposed is no
// longer what the document says. It returns the version number.
func (s *Service) saveDoc(ctx context.Context, a *duet.Actor, wsID, kind string, in duet.DocSave, body any) (int, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	var version int
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if _, err := tx.NextSeq(ctx, wsID); err != nil { // the workspace lock
			return err
		}
		latest, err := tx.DocVersion(ctx, wsID, kind, 0)
		switch {
		case duet.ErrorKind(err) == duet.ENotFound:
			latest = duet.DocVersion{}
		case err != nil:
			return err
		}
		if in.Base != latest.Version {
			return duet.Errorf(duet.EConflict, "Version %d of the %s was saved by %s meanwhile; you edited version %d. Reload and make your change again.",
				latest.Version, duet.DocName(kind), latest.By.Name, in.Base)
		}
		if latest.Version > 0 && latest.Body == string(raw) {
			version = latest.Version
			return nil
		}
		if latest.Status == duet.DocProposed && latest.Decision != nil {
			dec, err := tx.Decision(ctx, wsID, latest.Decision.ID)
			if err != nil {
				return err
			}
			if dec.Status == duet.StatusProposed {
				reason := fmt.Sprintf("Replaced by version %d of the %s.", latest.Version+1, duet.DocName(kind))
				if err := s.closeDecision(ctx, tx, a, wsID, dec, duet.StatusWithdrawn, reason); err != nil {
					return err
				}
			}
		}
		v := duet.DocVersion{Kind: kind, Version: latest.Version + 1, Status: duet.DocDraft, Body: string(raw), Note: in.Note,
			By: duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}, Created: s.Now()}
		if err := tx.InsertDocVersion(ctx, wsID, v); err != nil {
			return err
		}
		version = v.Version
		return tx.AppendEvent(ctx, s.event(a, wsID, "doc.saved", kind))
	})
	return version, err
}

// SignDoc signs the latest version of the brief or the RACI for the
// signer's side, at the version they read. When both sides have signed,
// the version is approved and the one approved before it superseded. The
// RACI is signed only when it validates.
func (s *Service) SignDoc(ctx context.Context, a *duet.Actor, wsID, kind string, version int) (duet.DocVersion, error) {
	if kind != duet.DocBrief && kind != duet.DocRACI {
		return duet.DocVersion{}, duet.Invalid("kind", "only the brief and the RACI are signed this way; the lead-share rules are proposed as a decision")
	}
	if version < 1 {
		return duet.DocVersion{}, duet.Invalid("version", "is required: the version you read and sign")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.DocVersion{}, err
	}
	var out duet.DocVersion
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if _, err := tx.NextSeq(ctx, wsID); err != nil {
			return err
		}
		latest, err := tx.DocVersion(ctx, wsID, kind, 0)
		if err != nil {
			return err
		}
		name := duet.DocName(kind)
		switch {
		case latest.Version != version:
			return duet.Errorf(duet.EConflict, "The %s changed since you read it (now version %d); read it again before signing.", name, latest.Version)
		case latest.Status != duet.DocDraft:
			return duet.Errorf(duet.EConflict, "Version %d of the %s is already %s.", version, name, latest.Status)
		}
		if so := latest.SignedBy(m.Side); so != nil && so.Signer != nil {
			return duet.Errorf(duet.EConflict, "%s already signed version %d for the %s side.", so.Signer.Name, version, m.Side)
		}
		if kind == duet.DocRACI {
			var r duet.RACI
			if err := json.Unmarshal([]byte(latest.Body), &r); err != nil {
				return err
			}
			if err := r.Validate(d.Roles); err != nil {
				return duet.Errorf(duet.EConflict, "The RACI cannot be signed until it is valid: %s", duet.ErrorMessage(err))
			}
		}
		now := s.Now()
		if _, err := tx.SignDoc(ctx, wsID, kind, version, m.Side, m.ID, now); err != nil {
			return err
		}
		if out, err = tx.DocVersion(ctx, wsID, kind, version); err != nil {
			return err
		}
		if out.FullySigned() {
			if err := tx.SetDocStatus(ctx, wsID, kind, version, duet.DocDraft, duet.DocApproved, ""); err != nil {
				return err
			}
			if err := tx.SupersedeApproved(ctx, wsID, kind, version); err != nil {
				return err
			}
			out.Status = duet.DocApproved
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "doc.signed", kind))
	})
	return out, err
}

// DocDiff is what changed between two versions of a document.
type DocDiff struct {
	From, To          duet.DocVersion
	Hunks             []textdiff.Hunk
	Inserted, Deleted int
}

// DiffDoc compares two versions of a document, as text.
func (s *Service) DiffDoc(ctx context.Context, a *duet.Actor, wsID, kind string, from, to int) (DocDiff, error) {
	var out DocDiff
	if from < 1 || to < 1 {
		return out, duet.Invalid("from", "both versions must be numbers from 1")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return out, err
	}
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, _ *duet.Member) error {
		if out.From, err = tx.DocVersion(ctx, wsID, kind, from); err != nil {
			return err
		}
		out.To, err = tx.DocVersion(ctx, wsID, kind, to)
		return err
	})
	if err != nil {
		return out, err
	}
	names := nameLookup(d)
	a1, err := docText(kind, out.From.Body, d.Roles, names)
	if err != nil {
		return out, err
	}
	b1, err := docText(kind, out.To.Body, d.Roles, names)
	if err != nil {
		return out, err
	}
	lines, err := textdiff.Lines(a1, b1)
	if err != nil {
		return out, duet.Errorf(duet.ETooLarge, "These versions are too different to compare line by line.")
	}
	out.Hunks = textdiff.Hunks(lines, 3)
	out.Inserted, out.Deleted = textdiff.Stats(lines)
	return out, nil
}

// docText renders a stored document body as the text diffs compare.
func docText(kind, body string, roles []duet.Role, names func(string) string) (string, error) {
	switch kind {
	case duet.DocBrief:
		var b duet.Brief
		err := json.Unmarshal([]byte(body), &b)
		return b.Text(), err
	case duet.DocRACI:
		var r duet.RACI
		err := json.Unmarshal([]byte(body), &r)
		return r.Text(roles), err
	case duet.DocRules:
		var rs duet.RuleSet
		err := json.Unmarshal([]byte(body), &rs)
		return rs.Text(names), err
	}
	return "", duet.Invalid("kind", "%q is not a signed document", kind)
}

// nameLookup turns member ids and role keys into names for rule texts.
func nameLookup(d *duet.WorkspaceDetail) func(string) string {
	names := map[string]string{}
	for _, r := range d.Roles {
		names[r.Key] = r.Name
	}
	for _, m := range d.Members {
		names[m.ID] = m.Name
	}
	return func(k string) string {
		if n, ok := names[k]; ok {
			return n
		}
		return "(former member)"
	}
}

// BriefView is the campaign brief with its goals compared to actuals.
type BriefView struct {
	DocView
	// Brief is the latest version, or the template's starting goals
	// before the first save.
	Brief   duet.Brief
	Results []duet.KPIResult
	Actuals map[string]float64
	// HTML is the brief's Markdown rendered and sanitized.
	HTML BriefHTML
}

// BriefHTML is the free text of a brief as sanitized HTML, with the
// workspace's mentions and D-n and T-n chips.
type BriefHTML struct {
	Audience, Scope, NonGoals, Messages, Timeline, BudgetNotes, Contacts template.HTML
}

// briefHTML renders the brief's Markdown for the viewer's side.
func (s *Service) briefHTML(ctx context.Context, d *duet.WorkspaceDetail, b *duet.Brief) (BriefHTML, error) {
	var h BriefHTML
	err := s.db.View(ctx, func(tx *store.Tx) error {
		r, err := newRenderer(ctx, tx, d, b.Audience, b.Scope, b.NonGoals, b.Messages, b.Timeline, b.BudgetNotes, b.Contacts)
		if err != nil {
			return err
		}
		h = BriefHTML{Audience: r.html(b.Audience), Scope: r.html(b.Scope), NonGoals: r.html(b.NonGoals), Messages: r.html(b.Messages),
			Timeline: r.html(b.Timeline), BudgetNotes: r.html(b.BudgetNotes), Contacts: r.html(b.Contacts)}
		return nil
	})
	return h, err
}

// Brief returns the campaign brief.
func (s *Service) Brief(ctx context.Context, a *duet.Actor, wsID string) (BriefView, error) {
	var v BriefView
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	var counts duet.LeadCounts
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, m *duet.Member) error {
		if v.DocView, err = docView(ctx, tx, wsID, duet.DocBrief, m); err != nil {
			return err
		}
		if v.Actuals, err = tx.Actuals(ctx, wsID); err != nil {
			return err
		}
		stats, err := tx.LeadStats(ctx, wsID)
		counts = leadCounts(stats)
		return err
	})
	if err != nil {
		return v, err
	}
	if v.Brief, err = s.briefOf(d, v.Latest); err != nil {
		return v, err
	}
	v.Results = v.Brief.Results(v.Actuals, counts)
	v.HTML, err = s.briefHTML(ctx, d, &v.Brief)
	return v, err
}

// briefOf reads a version of the brief, or before the first save (latest
// nil) the template's starting goals.
func (s *Service) briefOf(d *duet.WorkspaceDetail, latest *duet.DocVersion) (duet.Brief, error) {
	var b duet.Brief
	if latest != nil {
		err := json.Unmarshal([]byte(latest.Body), &b)
		return b, err
	}
	if tpl, ok := s.templates.Get(d.TemplateKey); ok {
		b = tpl.Brief
		// Validate tidies in place: it works on a copy of the template's
		// lists, which every request shares.
		b.Goals, b.Budget = slices.Clone(tpl.Brief.Goals), slices.Clone(tpl.Brief.Budget)
		_ = b.Validate() // templates are validated when loaded
	}
	return b, nil
}

// latestDoc returns the latest version of a document, nil before the
// first save.
func latestDoc(ctx context.Context, tx *store.Tx, wsID, kind string) (*duet.DocVersion, error) {
	v, err := tx.DocVersion(ctx, wsID, kind, 0)
	switch {
	case duet.ErrorKind(err) == duet.ENotFound:
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &v, nil
}

// SaveBrief saves a new version of the brief.
func (s *Service) SaveBrief(ctx context.Context, a *duet.Actor, wsID string, in duet.DocSave, b duet.Brief) (BriefView, error) {
	if err := b.Validate(); err != nil {
		return BriefView{}, err
	}
	if _, err := s.saveDoc(ctx, a, wsID, duet.DocBrief, in, b); err != nil {
		return BriefView{}, err
	}
	return s.Brief(ctx, a, wsID)
}

// SetActual enters the actual of one of the brief's goals measured by
// hand; nil clears it. Actuals are not part of the signed brief.
func (s *Service) SetActual(ctx context.Context, a *duet.Actor, wsID, key string, value *float64) error {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return err
	}
	var latest *duet.DocVersion
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, _ *duet.Member) (err error) {
		latest, err = latestDoc(ctx, tx, wsID, duet.DocBrief)
		return err
	})
	if err != nil {
		return err
	}
	b, err := s.briefOf(d, latest)
	if err != nil {
		return err
	}
	found := false
	for _, g := range b.Goals {
		if g.Key == key {
			found = true
			if g.Measure != duet.MeasureEntered {
				return duet.Invalid("key", "%q is computed from routed leads; it cannot be entered", g.Name)
			}
		}
	}
	if !found {
		return duet.Invalid("key", "%q is not a goal of the brief", key)
	}
	if value != nil && (*value < 0 || *value > 1e15 || *value != *value) {
		return duet.Invalid("value", "must be a number of zero or more")
	}
	return s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if value == nil {
			err = tx.ClearActual(ctx, wsID, key)
		} else {
			err = tx.SetActual(ctx, wsID, key, *value, m.ID, s.Now())
		}
		if err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.event(a, wsID, "brief.actual", key))
	})
}
