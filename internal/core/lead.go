package core

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// router routes leads inside one transaction by the approved rules.
type router struct {
	s       *Service
	tx      *store.Tx
	wsID    string
	loc     *time.Location
	members []duet.Member
	away    map[string]bool
	version int            // the approved rules version; 0 when none
	rules   duet.RuleSet   // the approved rules
	names   map[string]int // member id → index in members
}

// newRouter loads what routing needs: the workspace's time zone, its
// members and the approved rules.
func (s *Service) newRouter(ctx context.Context, tx *store.Tx, wsID string) (*router, error) {
	w, err := tx.Workspace(ctx, wsID)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(w.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("workspace %s time zone: %w", wsID, err)
	}
	r := &router{s: s, tx: tx, wsID: wsID, loc: loc, names: map[string]int{}}
	if r.members, err = tx.Members(ctx, wsID); err != nil {
		return nil, err
	}
	r.away = awayOf(r.members)
	for i, m := range r.members {
		r.names[m.ID] = i
	}
	v, err := tx.ApprovedDoc(ctx, wsID, duet.DocRules)
	switch {
	case duet.ErrorKind(err) == duet.ENotFound:
		return r, nil
	case err != nil:
		return nil, err
	}
	if err := json.Unmarshal([]byte(v.Body), &r.rules); err != nil {
		return nil, fmt.Errorf("rules version %d: %w", v.Version, err)
	}
	r.version = v.Version
	return r, nil
}

// route routes a lead by the approved rules (only their fallback, when
// fallback is set), writes the routing record once, sets the lead's
// status and tells whoever must take it. Without approved rules the lead
// stays unrouted.
func (r *router) route(ctx context.Context, l *duet.Lead, status string, fallback bool, note string) error {
	if r.version == 0 {
		return nil
	}
	rs := r.rules
	if fallback {
		rs = duet.RuleSet{Rules: rs.Rules[len(rs.Rules)-1:]}
	}
	o := rs.Route(l.Facts())
	var cursor int64
	var err error
	if o.Route.To == duet.ToPool {
		if cursor, err = r.tx.RoundRobin(ctx, r.wsID, o.Rule.Key); err != nil {
			return err
		}
	}
	as := duet.Assign(o.Route, r.members, r.away, cursor)
	if o.Route.To == duet.ToPool && as.Next != cursor {
		if err := r.tx.SetRoundRobin(ctx, r.wsID, o.Rule.Key, as.Next); err != nil {
			return err
		}
	}
	now := r.s.Now()
	lr := &duet.LeadRoute{RulesVersion: r.version, RuleKey: o.Rule.Key, RuleName: o.Rule.Name, Reason: o.Reason, Side: o.Route.Side,
		RoleKey: as.RoleKey, AcceptBy: duet.AddBusinessHours(now, o.Rule.SLA.AcceptHours, r.loc),
		ContactBy: duet.AddBusinessDays(now, o.Rule.SLA.ContactDays, r.loc), Attribution: o.Rule.Attribution,
		ConsentKept: o.ConsentKept, Escalate: o.Rule.Escalate, Reroute: o.Rule.Reroute}
	if as.MemberID != "" {
		m := r.members[r.names[as.MemberID]]
		lr.Owner = &duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
	} else if as.Why != "" {
		lr.Reason += " It waits in the " + string(lr.Side) + " side's inbox: " + as.Why + "."
	}
	if err := r.tx.InsertRoute(ctx, l, lr, status, now); err != nil {
		return err
	}
	who := "the " + string(lr.Side) + " side's inbox"
	if lr.Owner != nil {
		who = lr.Owner.Name
	}
	if note == "" {
		note = fmt.Sprintf("Routed to %s by rule %q (version %d).", who, lr.RuleName, r.version)
	}
	if err := r.tx.AddLeadEvent(ctx, l.ID, duet.LeadEvent{At: now, Status: status, Note: note}); err != nil {
		return err
	}
	if lr.Owner != nil {
		return r.notify(ctx, l, []string{lr.Owner.UserID}, duet.NoteLead)
	}
	// Nobody named: the holders of the escalation role who can see the
	// lead, or else the admins of the side it went to.
	users := r.holders(l, lr.Escalate)
	if len(users) == 0 {
		for _, m := range r.members {
			if m.Side == lr.Side && m.Permission == duet.PermAdmin {
				users = append(users, m.UserID)
			}
		}
	}
	return r.notify(ctx, l, users, duet.NoteLead)
}

// holders returns the users holding role who may see the lead.
func (r *router) holders(l *duet.Lead, role string) []string {
	var users []string
	for _, m := range r.members {
		if role != "" && slices.Contains(m.RoleKeys, role) && l.VisibleTo(m.Side) {
			users = append(users, m.UserID)
		}
	}
	return users
}

func (r *router) notify(ctx context.Context, l *duet.Lead, users []string, kind string) error {
	for _, u := range users {
		if err := r.tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: u, WorkspaceID: r.wsID, Kind: kind,
			SubjectID: l.ID, Created: r.s.Now()}); err != nil {
			return err
		}
	}
	return nil
}

// routeWaiting routes every lead of the workspace that arrived before
// any rules were approved.
func (s *Service) routeWaiting(ctx context.Context, tx *store.Tx, wsID string) error {
	ids, err := tx.UnroutedLeads(ctx, wsID, duet.MaxImportRows)
	if err != nil || len(ids) == 0 {
		return err
	}
	r, err := s.newRouter(ctx, tx, wsID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		l, err := tx.Lead(ctx, wsID, id)
		if err != nil {
			return err
		}
		if err := r.route(ctx, &l, duet.LeadAssigned, false, ""); err != nil {
			return err
		}
	}
	return nil
}

// IntakeResult is what became of one lead sent in.
type IntakeResult struct {
	Lead    duet.Lead
	Created bool  // false: it matched a lead already there
	Err     error // the lead was refused; nothing was written for it
}

// IntakeLeads takes leads captured by the actor's side, from the API or
// an import: each is deduplicated by its email and external id, and a
// new one is routed by the approved rules (or waits for them). A bad lead
// is refused on its own; the others go in, in one transaction.
func (s *Service) IntakeLeads(ctx context.Context, a *duet.Actor, wsID, source string, in []duet.LeadIn) ([]IntakeResult, error) {
	if len(in) == 0 {
		return nil, duet.Invalid("leads", "needs at least one lead")
	}
	if len(in) > duet.MaxLeadBatch {
		return nil, duet.Invalid("leads", "has %d leads; send at most %d at once", len(in), duet.MaxLeadBatch)
	}
	out := make([]IntakeResult, len(in))
	err := s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		return s.intake(ctx, tx, wsID, m.Side, source, in, out)
	})
	return out, err
}

// intake writes the leads of in into out, inside the caller's
// transaction.
func (s *Service) intake(ctx context.Context, tx *store.Tx, wsID string, origin duet.Side, source string, in []duet.LeadIn, out []IntakeResult) error {
	var r *router
	field := func(i int) string {
		if len(in) == 1 {
			return ""
		}
		return "leads[" + strconv.Itoa(i) + "]."
	}
	for i := range in {
		l := in[i]
		if err := l.Normalize(field(i)); err != nil {
			out[i].Err = err
			continue
		}
		if r == nil {
			var err error
			if r, err = s.newRouter(ctx, tx, wsID); err != nil {
				return err
			}
		}
		lead, created, err := s.intakeOne(ctx, tx, r, l, origin, source)
		if err != nil {
			return err
		}
		out[i] = IntakeResult{Lead: lead, Created: created}
	}
	return nil
}

// intakeOne writes one normalized lead unless it is already there.
func (s *Service) intakeOne(ctx context.Context, tx *store.Tx, r *router, in duet.LeadIn, origin duet.Side, source string) (duet.Lead, bool, error) {
	if l, ok, err := tx.LeadByKey(ctx, r.wsID, in.Email, in.ExternalID); err != nil || ok {
		return l, false, err
	}
	n, err := tx.NextLeadNumber(ctx, r.wsID)
	if err != nil {
		return duet.Lead{}, false, err
	}
	// Look again under the lock NextLeadNumber took: a concurrent intake
	// of the same lead has committed by now.
	if l, ok, err := tx.LeadByKey(ctx, r.wsID, in.Email, in.ExternalID); err != nil || ok {
		return l, false, err
	}
	now := s.Now()
	l := duet.Lead{ID: store.NewID(), WorkspaceID: r.wsID, Number: n, LeadIn: in, Domain: duet.Domain(in.Email), Origin: origin, Source: source,
		Status: duet.LeadUnrouted, Created: now, Updated: now, Version: 1}
	if l.HostCustomer, l.PartnerCustomer, err = tx.CustomerOf(ctx, r.wsID, l.Domain); err != nil {
		return l, false, err
	}
	if err := tx.InsertLead(ctx, &l); err != nil {
		return l, false, err
	}
	note := "Arrived through " + map[string]string{duet.SourceAPI: "the API", duet.SourceCSV: "a CSV import", duet.SourceWebhook: "the webhook"}[source]
	if r.version == 0 {
		note += "; it waits until both sides approve the lead-share rules"
	}
	if err := tx.AddLeadEvent(ctx, l.ID, duet.LeadEvent{At: now, Status: duet.LeadUnrouted, Note: note + "."}); err != nil {
		return l, false, err
	}
	if err := r.route(ctx, &l, duet.LeadAssigned, false, ""); err != nil {
		return l, false, err
	}
	err = tx.AppendActivity(ctx, s.leadEvent(nil, r.wsID, "lead.created", &l))
	return l, true, err
}

// leadEvent is the event of a change to a lead: seen by both sides only
// when both may see the lead.
func (s *Service) leadEvent(a *duet.Actor, wsID, typ string, l *duet.Lead) *duet.Event {
	if l.VisibleTo(duet.SideHost) && l.VisibleTo(duet.SidePartner) {
		return s.event(a, wsID, typ, l.ID)
	}
	return s.sideEvent(a, wsID, typ, l.ID, l.Origin)
}

// ReceiveLeadWebhook takes leads sent to a side's signed webhook. The
// request must carry a timestamp within five minutes and a signature of
// the exact body under the side's secret. A replayed request (a signature
// seen before) changes nothing and reports replayed. The body is one lead
// object, an array of them, or {"leads": [...]}.
func (s *Service) ReceiveLeadWebhook(ctx context.Context, wsID string, side duet.Side, timestamp, signature string, body []byte) ([]IntakeResult, bool, error) {
	if !side.Valid() {
		return nil, false, duet.NotFound("lead webhook")
	}
	var secret string
	err := s.db.Once(ctx, func(tx *store.Tx) (err error) {
		_, secret, err = tx.LeadWebhook(ctx, wsID, side)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	if err := duet.VerifyWebhook([]byte(secret), timestamp, signature, body, s.Now()); err != nil {
		return nil, false, err
	}
	in, err := DecodeLeads(body)
	if err != nil {
		return nil, false, err
	}
	if len(in) > duet.MaxLeadBatch {
		return nil, false, duet.Invalid("leads", "has %d leads; send at most %d at once", len(in), duet.MaxLeadBatch)
	}
	out := make([]IntakeResult, len(in))
	replayed := false
	err = s.write(ctx, func(tx *store.Tx) error {
		first, err := tx.FirstDelivery(ctx, wsID, signature, s.Now())
		if err != nil || !first {
			replayed = !first
			return err
		}
		return s.intake(ctx, tx, wsID, side, duet.SourceWebhook, in, out)
	})
	if replayed {
		return nil, true, err
	}
	return out, false, err
}

// DecodeLeads reads leads sent as JSON: one lead object, an array of
// them, or an object with a "leads" array.
func DecodeLeads(body []byte) ([]duet.LeadIn, error) {
	text := strings.TrimSpace(string(body))
	dec := func(v any) error {
		d := json.NewDecoder(strings.NewReader(text))
		d.DisallowUnknownFields()
		if err := d.Decode(v); err != nil {
			return duet.Errorf(duet.EBadRequest, "The body is not a lead, a list of leads or {\"leads\": […]}: %v.", err)
		}
		return nil
	}
	switch {
	case strings.HasPrefix(text, "["):
		var in []duet.LeadIn
		return in, dec(&in)
	case IsLeadBatch(body):
		var wrap struct {
			Leads []duet.LeadIn `json:"leads"`
		}
		return wrap.Leads, dec(&wrap)
	}
	var one duet.LeadIn
	err := dec(&one)
	return []duet.LeadIn{one}, err
}

// IsLeadBatch reports whether a JSON body of leads is a batch: an array,
// or an object with a "leads" key at its top level. A lead with a value
// that reads "leads" is still one lead.
func IsLeadBatch(body []byte) bool {
	text := strings.TrimSpace(string(body))
	if strings.HasPrefix(text, "[") {
		return true
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		if key == "leads" {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// ImportRow is one row of a CSV import, as previewed or imported.
type ImportRow struct {
	duet.LeadRow
	// Duplicate is true when the lead is already in the workspace or
	// earlier in the file.
	Duplicate bool
	// Rule is the rule that routes it under the approved rules.
	Rule string
}

// ImportPreview is what an import would do, before it does it.
type ImportPreview struct {
	Rows     []ImportRow
	Valid    int
	Invalid  int
	Dupes    int
	Ignored  []string // columns not read
	HasRules bool     // approved rules exist; without, leads wait
}

// PreviewImport reads a CSV of leads and says, row by row, what
// importing it would do. Nothing is written.
func (s *Service) PreviewImport(ctx context.Context, a *duet.Actor, wsID string, r io.Reader) (ImportPreview, error) {
	var p ImportPreview
	rows, ignored, err := duet.ParseLeadCSV(r)
	if err != nil {
		return p, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return p, err
	}
	p.Ignored = ignored
	seen := map[string]bool{}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if _, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{}); err != nil {
			return err
		}
		var live *duet.RuleSet
		if v, err := tx.ApprovedDoc(ctx, wsID, duet.DocRules); err == nil {
			live = &duet.RuleSet{}
			if err := json.Unmarshal([]byte(v.Body), live); err != nil {
				return err
			}
		} else if duet.ErrorKind(err) != duet.ENotFound {
			return err
		}
		p.HasRules = live != nil
		for _, row := range rows {
			ir := ImportRow{LeadRow: row}
			if row.Err != nil {
				p.Invalid++
				p.Rows = append(p.Rows, ir)
				continue
			}
			_, found, err := tx.LeadByKey(ctx, wsID, row.Lead.Email, row.Lead.ExternalID)
			if err != nil {
				return err
			}
			ir.Duplicate = found || seen[row.Lead.Email]
			seen[row.Lead.Email] = true
			switch {
			case ir.Duplicate:
				p.Dupes++
			case live != nil:
				l := duet.Lead{LeadIn: row.Lead, Domain: duet.Domain(row.Lead.Email), Origin: d.Side}
				if l.HostCustomer, l.PartnerCustomer, err = tx.CustomerOf(ctx, wsID, l.Domain); err != nil {
					return err
				}
				ir.Rule = live.Route(l.Facts()).Rule.Name
			}
			if !ir.Duplicate {
				p.Valid++
			}
			p.Rows = append(p.Rows, ir)
		}
		return nil
	})
	return p, err
}

// ImportSummary is what an import did.
type ImportSummary struct {
	Created    int
	Duplicates int
	// Errors are the rows refused, with their line and why.
	Errors []duet.LeadRow
}

// importBatch is how many rows of an import share a transaction.
const importBatch = 250

// ImportLeads imports a CSV of leads captured by the actor's side: the
// good rows go in and are routed, a bad row is reported with its line
// and refused on its own. Importing the same file again adds nothing.
func (s *Service) ImportLeads(ctx context.Context, a *duet.Actor, wsID string, r io.Reader) (ImportSummary, error) {
	var sum ImportSummary
	// Asked first: a file whose every row is refused writes nothing, and
	// must not tell someone who may not import whether the workspace
	// exists.
	err := s.db.View(ctx, func(tx *store.Tx) error {
		_, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		return err
	})
	if err != nil {
		return sum, err
	}
	rows, _, err := duet.ParseLeadCSV(r)
	if err != nil {
		return sum, err
	}
	var good []duet.LeadIn
	for _, row := range rows {
		if row.Err != nil {
			sum.Errors = append(sum.Errors, row)
		} else {
			good = append(good, row.Lead)
		}
	}
	for start := 0; start < len(good); start += importBatch {
		res, err := s.IntakeLeads(ctx, a, wsID, duet.SourceCSV, good[start:min(start+importBatch, len(good))])
		if err != nil {
			return sum, err
		}
		for _, x := range res {
			if x.Created {
				sum.Created++
			} else {
				sum.Duplicates++
			}
		}
	}
	return sum, nil
}

// Leads lists the leads the actor's side may see: captured by it or
// routed to it.
func (s *Service) Leads(ctx context.Context, a *duet.Actor, wsID string, f duet.LeadFilter) ([]duet.Lead, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []duet.Lead
	err := s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewItem, duet.Resource{})
		if err != nil {
			return err
		}
		out, err = tx.Leads(ctx, wsID, m.Side, f)
		return err
	})
	return out, err
}

// LeadDetail is one lead with its routings and history.
type LeadDetail struct {
	Lead    duet.Lead
	Routes  []duet.LeadRoute
	History []duet.LeadEvent
	// CanAct says the viewer may accept or reject it now.
	CanAct bool
}

// Lead returns one lead the actor's side may see; any other is not found.
func (s *Service) Lead(ctx context.Context, a *duet.Actor, wsID, id string) (LeadDetail, error) {
	var v LeadDetail
	err := s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewItem, duet.Resource{})
		if err != nil {
			return err
		}
		if v.Lead, err = tx.Lead(ctx, wsID, id); err != nil {
			return err
		}
		if !v.Lead.VisibleTo(m.Side) {
			return duet.NotFound("lead")
		}
		if v.Routes, err = tx.LeadRoutes(ctx, id); err != nil {
			return err
		}
		if v.History, err = tx.LeadEvents(ctx, id); err != nil {
			return err
		}
		v.CanAct = mayAct(m, &v.Lead) == nil
		return nil
	})
	return v, err
}

// mayAct says whether m may accept or reject the lead: its owner, an
// admin of the side it is routed to, or anyone of that side (not a
// guest) while it waits in the side's inbox.
func mayAct(m *duet.Member, l *duet.Lead) error {
	switch {
	case l.Route == nil:
		return duet.Errorf(duet.EConflict, "L-%d is not routed yet: it waits until both sides approve the lead-share rules.", l.Number)
	case !l.Open() && l.Status != duet.LeadExpired:
		return duet.Errorf(duet.EConflict, "L-%d is already %s.", l.Number, l.Status)
	case m.Side != l.Route.Side || m.Permission == duet.PermGuest:
		return duet.Errorf(duet.EForbidden, "L-%d is routed to the %s side; only its owner there can accept or reject it.", l.Number, l.Route.Side)
	case l.Route.Owner == nil || l.Route.Owner.MemberID == m.ID || m.Permission == duet.PermAdmin:
		return nil
	}
	return duet.Errorf(duet.EForbidden, "L-%d is %s's to accept or reject.", l.Number, l.Route.Owner.Name)
}

// leadForChange locks a lead the member may see, at the version they
// read.
func leadForChange(ctx context.Context, tx *store.Tx, m *duet.Member, wsID, id string, version int) (duet.Lead, error) {
	l, err := tx.LockLead(ctx, wsID, id)
	if err != nil {
		return l, err
	}
	if !l.VisibleTo(m.Side) {
		return l, duet.NotFound("lead")
	}
	if version != 0 && version != l.Version {
		return l, duet.Errorf(duet.EConflict, "L-%d changed since you read it; reload to see what changed.", l.Number)
	}
	return l, nil
}

// AcceptLead accepts a lead for follow-up. Accepting one waiting in the
// side's inbox makes the accepter its owner; accepting after the
// deadline is allowed, and counts as a missed SLA.
func (s *Service) AcceptLead(ctx context.Context, a *duet.Actor, wsID, id string, version int) (duet.Lead, error) {
	return s.changeLead(ctx, a, wsID, id, version, func(tx *store.Tx, m *duet.Member, l *duet.Lead) (string, error) {
		if err := mayAct(m, l); err != nil {
			return "", err
		}
		now := s.Now()
		l.AcceptedAt = &now
		if l.Route.Owner == nil || l.Route.Owner.MemberID != m.ID {
			if err := tx.ClaimLead(ctx, l.ID, m.ID); err != nil {
				return "", err
			}
		}
		note := "Accepted by " + m.Name + "."
		if now.After(l.Route.AcceptBy) {
			note = fmt.Sprintf("Accepted by %s, after the deadline.", m.Name)
		}
		return note, tx.SetLeadStatus(ctx, l, duet.LeadAccepted, "", now)
	})
}

// RejectLead turns a lead down with a reason; the holders of its rule's
// escalation role are told.
func (s *Service) RejectLead(ctx context.Context, a *duet.Actor, wsID, id string, version int, reason string) (duet.Lead, error) {
	reason, err := duet.ValidateRejection(reason)
	if err != nil {
		return duet.Lead{}, err
	}
	return s.changeLead(ctx, a, wsID, id, version, func(tx *store.Tx, m *duet.Member, l *duet.Lead) (string, error) {
		if err := mayAct(m, l); err != nil {
			return "", err
		}
		if err := tx.SetLeadStatus(ctx, l, duet.LeadRejected, reason, s.Now()); err != nil {
			return "", err
		}
		r, err := s.newRouter(ctx, tx, wsID)
		if err != nil {
			return "", err
		}
		return "Rejected by " + m.Name + ": " + reason, r.notify(ctx, l, r.holders(l, l.Route.Escalate), duet.NoteLeadEscalated)
	})
}

// MarkContacted records the first contact with an accepted lead, which
// the contact SLA measures.
func (s *Service) MarkContacted(ctx context.Context, a *duet.Actor, wsID, id string, version int) (duet.Lead, error) {
	return s.changeLead(ctx, a, wsID, id, version, func(tx *store.Tx, m *duet.Member, l *duet.Lead) (string, error) {
		switch {
		case l.Status != duet.LeadAccepted:
			return "", duet.Errorf(duet.EConflict, "L-%d is %s; accept it before recording the first contact.", l.Number, l.Status)
		case l.ContactedAt != nil:
			return "", duet.Errorf(duet.EConflict, "The first contact with L-%d is already recorded.", l.Number)
		case l.Route.Owner == nil || (l.Route.Owner.MemberID != m.ID && !(m.Permission == duet.PermAdmin && m.Side == l.Route.Side)):
			return "", duet.Errorf(duet.EForbidden, "Only the owner of L-%d records its first contact.", l.Number)
		}
		now := s.Now()
		l.ContactedAt = &now
		return "First contact made by " + m.Name + ".", tx.SetLeadStatus(ctx, l, duet.LeadAccepted, "", now)
	})
}

// changeLead runs one change to a lead and records it in its history.
func (s *Service) changeLead(ctx context.Context, a *duet.Actor, wsID, id string, version int, change func(*store.Tx, *duet.Member, *duet.Lead) (string, error)) (duet.Lead, error) {
	var l duet.Lead
	err := s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActComment, duet.Resource{})
		if err != nil {
			return err
		}
		if l, err = leadForChange(ctx, tx, m, wsID, id, version); err != nil {
			return err
		}
		note, err := change(tx, m, &l)
		if err != nil {
			return err
		}
		if err := tx.AddLeadEvent(ctx, l.ID, duet.LeadEvent{At: s.Now(), Actor: &duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}, Status: l.Status, Note: note}); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.leadEvent(a, wsID, "lead.updated", &l))
	})
	if err != nil {
		return l, err
	}
	v, err := s.Lead(ctx, a, wsID, id)
	return v.Lead, err
}

// SetAway marks the actor away (skipped by lead routing) or back.
func (s *Service) SetAway(ctx context.Context, a *duet.Actor, wsID string, away bool) error {
	return s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.SetAway(ctx, m.ID, away); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "member.updated", m.ID))
	})
}

// escalationBatch bounds the leads one run escalates; the rest follow at
// once in the next run.
const escalationBatch = 100

// EscalateLeads expires the leads nobody accepted by their deadline:
// each is claimed in the transaction that tells its rule's escalation
// role and, when the rule says so, re-routes it by the fallback rule, so
// it happens exactly once across nodes and restarts. It is a scheduler
// task; it asks to run again at the next deadline.
func (s *Service) EscalateLeads(ctx context.Context, now time.Time) (time.Time, error) {
	var due [][2]string
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		due, err = tx.OverdueLeads(ctx, now, escalationBatch)
		return err
	})
	if err != nil {
		return time.Time{}, err
	}
	for _, p := range due {
		if err := s.write(ctx, func(tx *store.Tx) error { return s.escalate(ctx, tx, p[0], p[1], now) }); err != nil {
			return time.Time{}, fmt.Errorf("escalate lead %s: %w", p[1], err)
		}
	}
	if len(due) == escalationBatch {
		return now, nil
	}
	var next time.Time
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		next, err = tx.NextAcceptDeadline(ctx)
		return err
	})
	return next, err
}

func (s *Service) escalate(ctx context.Context, tx *store.Tx, wsID, id string, now time.Time) error {
	claimed, err := tx.ClaimEscalation(ctx, id, now)
	if err != nil || !claimed {
		return err
	}
	l, err := tx.Lead(ctx, wsID, id)
	if err != nil {
		return err
	}
	who := "its owner"
	if l.Route.Owner != nil {
		who = l.Route.Owner.Name
	}
	note := fmt.Sprintf("Not accepted by %s before the deadline; escalated.", who)
	if err := tx.AddLeadEvent(ctx, id, duet.LeadEvent{At: now, Status: duet.LeadExpired, Note: note}); err != nil {
		return err
	}
	r, err := s.newRouter(ctx, tx, wsID)
	if err != nil {
		return err
	}
	if err := r.notify(ctx, &l, r.holders(&l, l.Route.Escalate), duet.NoteLeadEscalated); err != nil {
		return err
	}
	if l.Route.Reroute && r.version > 0 {
		if err := r.route(ctx, &l, duet.LeadReassigned, true, ""); err != nil {
			return err
		}
	}
	return tx.AppendActivity(ctx, s.leadEvent(nil, wsID, "lead.escalated", &l))
}

// leadCounts totals leads for the brief's lead-measured goals.
func leadCounts(stats []store.LeadStat) duet.LeadCounts {
	var c duet.LeadCounts
	for _, st := range stats {
		if !st.Routed() {
			continue
		}
		c.Routed++
		if st.AcceptedAt != nil {
			c.Accepted++
		}
		if st.Side == duet.SideHost {
			c.ToHost++
		} else {
			c.ToPartner++
		}
		if st.AttrKind == duet.AttrSourced {
			if st.AttrSide == duet.SideHost {
				c.SourcedByHost++
			} else {
				c.SourcedByPart++
			}
		}
	}
	return c
}

// LeadReport is the shared report: counts only, so both sides read it
// whatever each may see of the leads themselves.
func (s *Service) LeadReport(ctx context.Context, a *duet.Actor, wsID string) (duet.LeadReport, error) {
	rep := duet.LeadReport{BySide: map[duet.Side]duet.SideLeads{}}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return rep, err
	}
	var stats []store.LeadStat
	var actuals map[string]float64
	var latest *duet.DocVersion
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, _ *duet.Member) (err error) {
		if stats, err = tx.LeadStats(ctx, wsID); err != nil {
			return err
		}
		if actuals, err = tx.Actuals(ctx, wsID); err != nil {
			return err
		}
		latest, err = latestDoc(ctx, tx, wsID, duet.DocBrief)
		return err
	})
	if err != nil {
		return rep, err
	}
	b, err := s.briefOf(d, latest)
	if err != nil {
		return rep, err
	}
	now := s.Now()
	byRule := map[string]int{}
	for _, st := range stats {
		rep.Total++
		if !st.Routed() {
			rep.Unrouted++
			continue
		}
		sl := rep.BySide[st.Side]
		sl.Routed++
		switch st.Status {
		case duet.LeadAccepted:
			sl.Accepted++
		case duet.LeadRejected:
			sl.Rejected++
		case duet.LeadExpired:
			sl.Expired++
		default:
			sl.Open++
		}
		switch {
		case st.AcceptedAt != nil && !st.AcceptedAt.After(st.AcceptBy):
			sl.AcceptMet++
		case st.AcceptedAt != nil || now.After(st.AcceptBy):
			sl.AcceptMissed++
		}
		switch {
		case st.ContactedAt != nil && !st.ContactedAt.After(st.ContactBy):
			sl.ContactMet++
		case st.ContactedAt != nil || (st.AcceptedAt != nil && now.After(st.ContactBy)):
			sl.ContactMissed++
		}
		rep.BySide[st.Side] = sl
		credit := rep.BySide[st.AttrSide]
		if st.AttrKind == duet.AttrSourced {
			credit.Sourced++
		} else {
			credit.Influenced++
		}
		rep.BySide[st.AttrSide] = credit
		// A key is reused when a rule is removed and a new one added in a
		// later version: the name tells those rules apart.
		k := st.RuleKey + "\x00" + st.RuleName + "\x00" + string(st.Side)
		if i, ok := byRule[k]; ok {
			rep.ByRule[i].Count++
		} else {
			byRule[k] = len(rep.ByRule)
			rep.ByRule = append(rep.ByRule, duet.RuleLeads{RuleKey: st.RuleKey, RuleName: st.RuleName, Side: st.Side, Count: 1})
		}
	}
	slices.SortStableFunc(rep.ByRule, func(x, y duet.RuleLeads) int { return y.Count - x.Count })
	rep.Goals = b.Results(actuals, leadCounts(stats))
	return rep, nil
}

// WriteLeadsCSV writes the leads the actor's side may see, filtered, as
// CSV with their routing.
func (s *Service) WriteLeadsCSV(ctx context.Context, a *duet.Actor, wsID string, f duet.LeadFilter, w io.Writer) error {
	var all []duet.Lead
	err := s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := f.Validate(); err != nil {
			return err
		}
		f.Limit = duet.MaxImportRows
		all, err = tx.Leads(ctx, wsID, m.Side, f)
		return err
	})
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"lead", "email", "name", "company", "country", "status", "routed_to", "owner", "rule", "reason",
		"accept_by", "contact_by", "accepted_at", "attribution", "created_at"})
	for _, l := range all {
		rec := []string{"L-" + strconv.Itoa(l.Number), csvSafe(l.Email), csvSafe(l.Name), csvSafe(l.Company), csvSafe(l.Country), l.Status}
		if r := l.Route; r != nil {
			owner := ""
			if r.Owner != nil {
				owner = r.Owner.Name
			}
			accepted := ""
			if l.AcceptedAt != nil {
				accepted = l.AcceptedAt.UTC().Format(time.RFC3339)
			}
			rec = append(rec, string(r.Side), csvSafe(owner), csvSafe(r.RuleName), csvSafe(r.Reason), r.AcceptBy.UTC().Format(time.RFC3339),
				r.ContactBy.UTC().Format(time.RFC3339), accepted, r.Attribution.Text())
		} else {
			rec = append(rec, "", "", "", "", "", "", "", "")
		}
		rec = append(rec, l.Created.UTC().Format(time.RFC3339))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
