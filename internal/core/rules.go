package core

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// RulesView is the lead-share rules: the latest version, which may be a
// draft, and the approved version, the one that routes.
type RulesView struct {
	DocView
	// Draft is the latest version, or a starter with only a fallback
	// rule before the first save (Starter says which).
	Draft   duet.RuleSet
	Starter bool
	// Live is the approved version's rules; nil until one is approved.
	Live *duet.RuleSet
	// Names turns member ids and role keys into names.
	Names func(string) string
	// Accounts are the customer lists each side uploaded (counts only;
	// the domains stay with their side).
	Accounts map[duet.Side]store.AccountList
	// Webhook is the viewer's side's lead webhook, if set up.
	Webhook *store.LeadWebhook
}

// Rules returns the lead-share rules; both sides read them.
func (s *Service) Rules(ctx context.Context, a *duet.Actor, wsID string) (RulesView, error) {
	var v RulesView
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, m *duet.Member) error {
		if v.DocView, err = docView(ctx, tx, wsID, duet.DocRules, m); err != nil {
			return err
		}
		if v.Accounts, err = tx.AccountLists(ctx, wsID); err != nil {
			return err
		}
		h, _, err := tx.LeadWebhook(ctx, wsID, m.Side)
		switch {
		case err == nil:
			v.Webhook = &h
		case duet.ErrorKind(err) != duet.ENotFound:
			return err
		}
		return nil
	})
	if err != nil {
		return v, err
	}
	v.Names = nameLookup(d)
	if v.Latest == nil {
		v.Draft, v.Starter = starterRules(d), true
	} else if err := json.Unmarshal([]byte(v.Latest.Body), &v.Draft); err != nil {
		return v, err
	}
	if v.Approved != nil {
		var live duet.RuleSet
		if err := json.Unmarshal([]byte(v.Approved.Body), &live); err != nil {
			return v, err
		}
		v.Live = &live
	}
	return v, nil
}

// starterRules is the rule set before anyone writes one: a fallback that
// keeps every lead with the host, by its first role.
func starterRules(d *duet.WorkspaceDetail) duet.RuleSet {
	fallback := duet.Rule{Key: "fallback", Name: "Everything else", Route: duet.Route{Side: duet.SideHost, To: duet.ToRole},
		SLA: duet.SLA{AcceptHours: 8, ContactDays: 2}, Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}}
	for _, r := range d.Roles {
		if r.Side == duet.SideHost {
			fallback.Route.Role = r.Key
			break
		}
	}
	return duet.RuleSet{Rules: []duet.Rule{fallback}}
}

// SaveRules saves a new draft version of the rules. The approved version
// keeps routing until the new one is approved.
func (s *Service) SaveRules(ctx context.Context, a *duet.Actor, wsID string, in duet.DocSave, rs duet.RuleSet) (RulesView, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return RulesView{}, err
	}
	if err := rs.Validate(d.Roles, d.Members); err != nil {
		return RulesView{}, err
	}
	if _, err := s.saveDoc(ctx, a, wsID, duet.DocRules, in, rs); err != nil {
		return RulesView{}, err
	}
	return s.Rules(ctx, a, wsID)
}

// ProposeRules proposes a draft version of the rules for approval: a
// decision of kind lead-share rules, signed by the template's signers
// for that kind. When it is approved, the version routes.
func (s *Service) ProposeRules(ctx context.Context, a *duet.Actor, wsID string, version int) (duet.Decision, error) {
	if version < 1 {
		return duet.Decision{}, duet.Invalid("version", "is required: the version you propose")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Decision{}, err
	}
	tpl, _ := s.templates.Get(d.TemplateKey)
	signers := duet.DecisionSigners(tpl, duet.KindLeadShareRules)
	if err := duet.CheckSigners(signers, d.Roles); err != nil {
		return duet.Decision{}, err
	}
	var id string
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if _, err := tx.NextSeq(ctx, wsID); err != nil {
			return err
		}
		latest, err := tx.DocVersion(ctx, wsID, duet.DocRules, 0)
		if err != nil {
			return err
		}
		switch {
		case latest.Version != version:
			return duet.Errorf(duet.EConflict, "The rules changed since you read them (now version %d); read them again before proposing.", latest.Version)
		case latest.Status != duet.DocDraft:
			return duet.Errorf(duet.EConflict, "Version %d of the rules is already %s.", version, latest.Status)
		}
		var rs duet.RuleSet
		if err := json.Unmarshal([]byte(latest.Body), &rs); err != nil {
			return err
		}
		if err := rs.Validate(d.Roles, d.Members); err != nil {
			return duet.Errorf(duet.EConflict, "Version %d no longer validates (%s); save a corrected version first.", version, duet.ErrorMessage(err))
		}
		body := "These lead-share rules route every lead that arrives once both sides approve them. First match wins.\n\n" + rs.Text(nameLookup(d))
		dec := s.newDecision(d, duet.KindLeadShareRules, fmt.Sprintf("Lead-share rules, version %d", version), body, latest.Note, signers)
		if err := s.recordDecision(ctx, tx, a, wsID, m, &dec, "", ""); err != nil {
			return err
		}
		id = dec.ID
		if err := tx.SetDocStatus(ctx, wsID, duet.DocRules, version, duet.DocDraft, duet.DocProposed, dec.ID); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "doc.proposed", duet.DocRules))
	})
	if err != nil {
		return duet.Decision{}, err
	}
	return s.Decision(ctx, a, wsID, id)
}

// docDecided follows a decision that approves a document version: once
// approved, the version is approved (superseding the one before) and the
// leads waiting for rules are routed; otherwise it goes back to draft.
func (s *Service) docDecided(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, dec duet.Decision, approved bool) error {
	_, kind, version, ok, err := tx.DocByDecision(ctx, dec.ID)
	if err != nil || !ok {
		return err
	}
	if !approved {
		if err := tx.SetDocStatus(ctx, wsID, kind, version, duet.DocProposed, duet.DocDraft, ""); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "doc.returned", kind))
	}
	if err := tx.SetDocStatus(ctx, wsID, kind, version, duet.DocProposed, duet.DocApproved, ""); err != nil {
		return err
	}
	if err := tx.SupersedeApproved(ctx, wsID, kind, version); err != nil {
		return err
	}
	if err := tx.AppendEvent(ctx, s.event(a, wsID, "doc.approved", kind)); err != nil {
		return err
	}
	if kind == duet.DocRules {
		return s.routeWaiting(ctx, tx, wsID)
	}
	return nil
}

// RouteTry is where a lead would go under one version of the rules.
type RouteTry struct {
	Version int
	Outcome duet.Outcome
	// Owner names who would take it, or the side's inbox and why.
	Owner     string
	AcceptBy  time.Time
	ContactBy time.Time
}

// Explanation is "test a lead": a sample run through the latest draft
// and the approved rules, changing nothing.
type Explanation struct {
	Lead     duet.LeadIn
	Facts    duet.LeadFacts
	Draft    *RouteTry // nil when the latest version is the approved one
	Approved *RouteTry // nil before any version is approved
}

// ExplainLead shows which rule a sample lead would hit, why each earlier
// rule did not, and the owner, deadlines and attribution that would
// follow, as captured by the viewer's side. Nothing is written and no
// round-robin turn is taken.
func (s *Service) ExplainLead(ctx context.Context, a *duet.Actor, wsID string, in duet.LeadIn) (Explanation, error) {
	ex := Explanation{Lead: in}
	if err := ex.Lead.Normalize(""); err != nil {
		return ex, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return ex, err
	}
	v, err := s.Rules(ctx, a, wsID)
	if err != nil {
		return ex, err
	}
	l := duet.Lead{LeadIn: ex.Lead, Domain: duet.Domain(ex.Lead.Email), Origin: d.Side}
	now := s.Now()
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if l.HostCustomer, l.PartnerCustomer, err = tx.CustomerOf(ctx, wsID, l.Domain); err != nil {
			return err
		}
		ex.Facts = l.Facts()
		try := func(version int, rs duet.RuleSet) (*RouteTry, error) {
			t := &RouteTry{Version: version, Outcome: rs.Route(ex.Facts)}
			r := t.Outcome.Route
			var cursor int64
			if r.To == duet.ToPool {
				if cursor, err = tx.PeekRoundRobin(ctx, wsID, t.Outcome.Rule.Key); err != nil {
					return nil, err
				}
			}
			as := duet.Assign(r, d.Members, awayOf(d.Members), cursor)
			t.Owner = ownerText(as, r, v.Names)
			t.AcceptBy = duet.AddBusinessHours(now, t.Outcome.Rule.SLA.AcceptHours, d.Loc)
			t.ContactBy = duet.AddBusinessDays(now, t.Outcome.Rule.SLA.ContactDays, d.Loc)
			return t, nil
		}
		if v.Live != nil {
			if ex.Approved, err = try(v.Approved.Version, *v.Live); err != nil {
				return err
			}
		}
		if v.Latest == nil || v.Approved == nil || v.Latest.Version != v.Approved.Version {
			version := 0
			if v.Latest != nil {
				version = v.Latest.Version
			}
			ex.Draft, err = try(version, v.Draft)
		}
		return err
	})
	return ex, err
}

func awayOf(members []duet.Member) map[string]bool {
	away := map[string]bool{}
	for _, m := range members {
		if m.Away {
			away[m.ID] = true
		}
	}
	return away
}

// ownerText names who an assignment gives a lead to.
func ownerText(as duet.Assignment, r duet.Route, names func(string) string) string {
	if as.MemberID != "" {
		if as.RoleKey != "" {
			return names(as.MemberID) + " (" + names(as.RoleKey) + ")"
		}
		return names(as.MemberID)
	}
	s := "The " + string(r.Side) + " side's inbox"
	if as.Why != "" {
		s += ": " + as.Why
	}
	return s
}

// UploadAccounts replaces the viewer's side's customer list: one domain,
// email address or website per line, or a CSV whose header names a
// domain, website or email column. The rules' customer conditions read
// it; the other side never sees it. A line that is not a domain refuses
// the whole upload, naming the line; the list before stays.
func (s *Service) UploadAccounts(ctx context.Context, a *duet.Actor, wsID string, r io.Reader) (int, error) {
	domains, err := parseAccounts(r)
	if err != nil {
		return 0, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.ReplaceAccounts(ctx, wsID, m.Side, domains, m.ID, s.Now()); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.sideEvent(a, wsID, "accounts.uploaded", string(m.Side), m.Side))
	})
	return len(domains), err
}

// maxAccounts bounds one side's customer list.
const maxAccounts = 100000

func parseAccounts(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(io.LimitReader(r, 16<<20))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	seen := map[string]bool{}
	var out []string
	col := -1
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ",")
		if line == 1 {
			for i, f := range fields {
				switch strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`)) {
				case "domain", "website", "email", "company domain", "url":
					col = i
				}
			}
			if col >= 0 {
				continue
			}
			if len(fields) > 1 {
				return nil, duet.Invalid("file", "line 1 has several columns but none is named domain, website or email")
			}
			col = 0
		}
		if col >= len(fields) {
			return nil, duet.Invalid("file", "line %d has no value in the domain column", line)
		}
		d, ok := accountDomain(strings.Trim(strings.TrimSpace(fields[col]), `"`))
		if !ok {
			return nil, duet.Invalid("file", "line %d: %q is not a domain, email address or website", line, fields[col])
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
		if len(out) > maxAccounts {
			return nil, duet.Invalid("file", "lists more than %d domains", maxAccounts)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, duet.Invalid("file", "cannot be read: a line is too long or the file is not text")
	}
	if len(out) == 0 {
		return nil, duet.Invalid("file", "lists no domains")
	}
	slices.Sort(out)
	return out, nil
}

// accountDomain reads a domain from a domain, an email address or a URL.
func accountDomain(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if _, after, ok := strings.Cut(s, "@"); ok {
		s = after
	}
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", false
		}
		s = u.Hostname()
	}
	s, _, _ = strings.Cut(s, "/")
	s = strings.TrimPrefix(strings.TrimSuffix(s, "."), "www.")
	if len(s) < 3 || len(s) > 253 || !strings.Contains(s, ".") {
		return "", false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return "", false
		}
	}
	return s, true
}

// RotateLeadWebhook sets up (or replaces) the signed lead webhook of the
// admin's side and returns its new secret: shown once, never again.
func (s *Service) RotateLeadWebhook(ctx context.Context, a *duet.Actor, wsID string) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	secret := "whsec_" + hex.EncodeToString(b[:])
	err := s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if m.Permission != duet.PermAdmin {
			return duet.Errorf(duet.EForbidden, "Only a workspace admin can set up the lead webhook.")
		}
		if err := tx.SetLeadWebhook(ctx, wsID, m.Side, secret, m.ID, s.Now()); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.sideEvent(a, wsID, "webhook.rotated", string(m.Side), m.Side))
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// DisableLeadWebhook turns the admin's side's lead webhook off; requests
// signed with its secret are refused from then on.
func (s *Service) DisableLeadWebhook(ctx context.Context, a *duet.Actor, wsID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if m.Permission != duet.PermAdmin {
			return duet.Errorf(duet.EForbidden, "Only a workspace admin can turn the lead webhook off.")
		}
		if err := tx.DeleteLeadWebhook(ctx, wsID, m.Side); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.sideEvent(a, wsID, "webhook.disabled", string(m.Side), m.Side))
	})
}
