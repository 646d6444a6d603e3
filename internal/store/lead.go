package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

// NextLeadNumber takes the next L-n of a workspace. On PostgreSQL the row
// lock it takes serializes lead intake per workspace until commit, which
// is what makes deduplication exact under concurrency.
func (tx *Tx) NextLeadNumber(ctx context.Context, wsID string) (int, error) {
	var n int
	err := tx.row(ctx, `UPDATE workspaces SET lead_seq = lead_seq + 1 WHERE id = $1 RETURNING lead_seq`, wsID).Scan(&n)
	return n, notFound(err, "workspace")
}

// LeadByKey finds the lead with this (normalized) email or external id.
func (tx *Tx) LeadByKey(ctx context.Context, wsID, email, externalID string) (duet.Lead, bool, error) {
	l, err := tx.lead(ctx, `l.workspace_id = $1 AND (l.email = $2 OR l.external_id = NULLIF($3, ''))`, wsID, email, externalID)
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	}
	return l, err == nil, mapErr(err)
}

// InsertLead writes a new lead, unrouted.
func (tx *Tx) InsertLead(ctx context.Context, l *duet.Lead) error {
	var emp any
	if l.Employees != nil {
		emp = *l.Employees
	}
	_, err := tx.exec(ctx, `INSERT INTO leads (id, workspace_id, number, email, external_id, name, company, domain, country, region, industry, employees,
			form_id, utm_source, campaign, existing_owner, consent, origin_side, source, host_customer, partner_customer, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)`,
		l.ID, l.WorkspaceID, l.Number, l.Email, l.ExternalID, l.Name, l.Company, l.Domain, l.Country, l.Region, l.Industry, emp,
		l.FormID, l.UTMSource, l.Campaign, l.Owner, l.Consent, l.Origin, l.Source, l.HostCustomer, l.PartnerCustomer, l.Status, ts(l.Created))
	return err
}

// InsertRoute writes a routing record of a lead and makes it the lead's
// current routing, with the lead's new status.
func (tx *Tx) InsertRoute(ctx context.Context, l *duet.Lead, r *duet.LeadRoute, status string, at time.Time) error {
	var member any
	if r.Owner != nil {
		member = r.Owner.MemberID
	}
	err := tx.row(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM lead_routes WHERE lead_id = $1`, l.ID).Scan(&r.Seq)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO lead_routes (lead_id, seq, rules_version, rule_key, rule_name, reason, side, member_id, role_key, accept_by, contact_by,
			attr_kind, attr_side, attr_split, consent_kept, escalate, reroute, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		l.ID, r.Seq, r.RulesVersion, r.RuleKey, r.RuleName, r.Reason, r.Side, member, r.RoleKey, ts(r.AcceptBy), ts(r.ContactBy),
		r.Attribution.Kind, r.Attribution.Side, r.Attribution.Split, r.ConsentKept, r.Escalate, r.Reroute, ts(at))
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE leads SET route_seq = $2, owner_side = $3, owner_member_id = $4, accept_by = $5, escalated_at = NULL, status = $6,
			version = version + 1, updated_at = $7 WHERE id = $1`, l.ID, r.Seq, r.Side, member, ts(r.AcceptBy), status, ts(at))
	r.Created = at
	l.Route, l.Status, l.Updated = r, status, at
	l.Version++
	return err
}

// ClaimLead makes a member the owner of a lead waiting in their side's
// inbox.
func (tx *Tx) ClaimLead(ctx context.Context, id, memberID string) error {
	_, err := tx.exec(ctx, `UPDATE leads SET owner_member_id = $2 WHERE id = $1`, id, memberID)
	return err
}

// PeekRoundRobin returns a rule's round-robin cursor without taking it.
func (tx *Tx) PeekRoundRobin(ctx context.Context, wsID, ruleKey string) (int64, error) {
	var n int64
	err := tx.row(ctx, `SELECT COALESCE(max(position), 0) FROM rr_cursors WHERE workspace_id = $1 AND rule_key = $2`, wsID, ruleKey).Scan(&n)
	return n, mapErr(err)
}

// SetLeadStatus moves a lead at version from one of the statuses to
// status; EConflict when it changed meanwhile.
func (tx *Tx) SetLeadStatus(ctx context.Context, l *duet.Lead, status, reason string, at time.Time) error {
	var accepted, contacted any
	if l.AcceptedAt != nil {
		accepted = ts(*l.AcceptedAt)
	}
	if l.ContactedAt != nil {
		contacted = ts(*l.ContactedAt)
	}
	res, err := tx.exec(ctx, `UPDATE leads SET status = $3, reject_reason = $4, accepted_at = $5, contacted_at = $6, version = version + 1, updated_at = $7
		WHERE id = $1 AND version = $2`, l.ID, l.Version, status, reason, accepted, contacted, ts(at))
	if err := versioned(res, err, "lead"); err != nil {
		return err
	}
	l.Status, l.RejectReason, l.Version, l.Updated = status, reason, l.Version+1, at
	return nil
}

// ClaimEscalation marks a lead past its accept deadline as expired and
// escalated, if nobody has yet: false when another run claimed it first
// or its owner acted in time.
func (tx *Tx) ClaimEscalation(ctx context.Context, id string, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE leads SET status = 'expired', escalated_at = $2, version = version + 1, updated_at = $2
		WHERE id = $1 AND escalated_at IS NULL AND status IN ('assigned', 'reassigned') AND accept_by <= $2`, id, ts(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OverdueLeads returns leads past their accept deadline not yet
// escalated, oldest deadline first, at most limit, as (workspace, lead).
func (tx *Tx) OverdueLeads(ctx context.Context, now time.Time, limit int) ([][2]string, error) {
	var out [][2]string
	err := tx.each(ctx, `SELECT workspace_id, id FROM leads WHERE escalated_at IS NULL AND status IN ('assigned', 'reassigned') AND accept_by <= $1
		ORDER BY accept_by, id LIMIT $2`, []any{ts(now), limit},
		func(scan func(...any) error) error {
			var p [2]string
			err := scan(&p[0], &p[1])
			out = append(out, p)
			return err
		})
	return out, err
}

// NextAcceptDeadline returns the earliest accept deadline still to be
// escalated, or zero.
func (tx *Tx) NextAcceptDeadline(ctx context.Context) (time.Time, error) {
	var s sql.NullString
	err := tx.row(ctx, `SELECT min(accept_by) FROM leads WHERE escalated_at IS NULL AND status IN ('assigned', 'reassigned')`).Scan(&s)
	if err != nil || !s.Valid {
		return time.Time{}, mapErr(err)
	}
	return parseTS(s.String), nil
}

// UnroutedLeads returns the ids of a workspace's leads waiting for
// approved rules, oldest first, at most limit.
func (tx *Tx) UnroutedLeads(ctx context.Context, wsID string, limit int) ([]string, error) {
	var out []string
	err := tx.each(ctx, `SELECT id FROM leads WHERE workspace_id = $1 AND status = 'unrouted' ORDER BY created_at, id LIMIT $2`, []any{wsID, limit},
		func(scan func(...any) error) error {
			var id string
			err := scan(&id)
			out = append(out, id)
			return err
		})
	return out, err
}

// AddLeadEvent appends to a lead's history.
func (tx *Tx) AddLeadEvent(ctx context.Context, leadID string, e duet.LeadEvent) error {
	var member any
	if e.Actor != nil {
		member = e.Actor.MemberID
	}
	_, err := tx.exec(ctx, `INSERT INTO lead_events (id, lead_id, at, member_id, status, note) VALUES ($1, $2, $3, $4, $5, $6)`,
		NewID(), leadID, ts(e.At), member, e.Status, e.Note)
	return err
}

// LeadEvents returns a lead's history, oldest first. Events written by
// one transaction can share their time (a lead arrives and is routed; it
// expires and is re-routed): the one that comes first in a lead's life
// is listed first, rather than in the order of their random ids.
func (tx *Tx) LeadEvents(ctx context.Context, leadID string) ([]duet.LeadEvent, error) {
	var out []duet.LeadEvent
	err := tx.each(ctx, `SELECT e.at, COALESCE(e.member_id, ''), COALESCE(u.name, ''), COALESCE(m.side, ''), e.status, e.note FROM lead_events e
		LEFT JOIN members m ON m.id = e.member_id LEFT JOIN users u ON u.id = m.user_id
		WHERE e.lead_id = $1
		ORDER BY e.at, CASE e.status WHEN 'unrouted' THEN 0 WHEN 'expired' THEN 1 ELSE 2 END, e.id`, []any{leadID},
		func(scan func(...any) error) error {
			var e duet.LeadEvent
			var at string
			var a duet.Author
			if err := scan(&at, &a.MemberID, &a.Name, &a.Side, &e.Status, &e.Note); err != nil {
				return err
			}
			e.At = parseTS(at)
			if a.MemberID != "" {
				e.Actor = &a
			}
			out = append(out, e)
			return nil
		})
	return out, err
}

// LeadRoutes returns every routing of a lead, oldest first.
func (tx *Tx) LeadRoutes(ctx context.Context, leadID string) ([]duet.LeadRoute, error) {
	var out []duet.LeadRoute
	err := tx.each(ctx, routeSelect+` WHERE r.lead_id = $1 ORDER BY r.seq`, []any{leadID},
		func(scan func(...any) error) error {
			r, err := scanRoute(scan)
			out = append(out, r)
			return err
		})
	return out, err
}

const routeCols = `r.seq, r.rules_version, r.rule_key, r.rule_name, r.reason, r.side, COALESCE(r.member_id, ''), COALESCE(ru.name, ''), r.role_key,
	r.accept_by, r.contact_by, r.attr_kind, r.attr_side, r.attr_split, r.consent_kept, r.escalate, r.reroute, r.created_at`

const routeSelect = `SELECT ` + routeCols + ` FROM lead_routes r LEFT JOIN members rm ON rm.id = r.member_id LEFT JOIN users ru ON ru.id = rm.user_id`

func scanRoute(scan func(...any) error) (duet.LeadRoute, error) {
	var r duet.LeadRoute
	var owner duet.Author
	var accept, contact, created string
	err := scan(&r.Seq, &r.RulesVersion, &r.RuleKey, &r.RuleName, &r.Reason, &r.Side, &owner.MemberID, &owner.Name, &r.RoleKey,
		&accept, &contact, &r.Attribution.Kind, &r.Attribution.Side, &r.Attribution.Split, &r.ConsentKept, &r.Escalate, &r.Reroute, &created)
	r.AcceptBy, r.ContactBy, r.Created = parseTS(accept), parseTS(contact), parseTS(created)
	if owner.MemberID != "" {
		owner.Side = r.Side
		r.Owner = &owner
	}
	return r, err
}

const leadCols = `l.id, l.workspace_id, l.number, l.email, COALESCE(l.external_id, ''), l.name, l.company, l.domain, l.country, l.region, l.industry,
	l.employees, l.form_id, l.utm_source, l.campaign, l.existing_owner, l.consent, l.origin_side, l.source, l.host_customer, l.partner_customer,
	l.status, l.reject_reason, l.accepted_at, l.contacted_at, l.version, l.created_at, l.updated_at, l.route_seq`

// lead reads one lead with its current routing.
func (tx *Tx) lead(ctx context.Context, where string, args ...any) (duet.Lead, error) {
	ls, err := tx.leads(ctx, where+` LIMIT 1`, args...)
	if err != nil {
		return duet.Lead{}, err
	}
	if len(ls) == 0 {
		return duet.Lead{}, sql.ErrNoRows
	}
	return ls[0], nil
}

func (tx *Tx) leads(ctx context.Context, where string, args ...any) ([]duet.Lead, error) {
	var out []duet.Lead
	// The current owner is the lead's, not the routing's: a lead waiting
	// in a side's inbox is claimed by whoever accepts it.
	cols := strings.Replace(routeCols, "COALESCE(r.member_id, '')", "COALESCE(l.owner_member_id, '')", 1)
	err := tx.each(ctx, `SELECT `+leadCols+`, `+cols+` FROM leads l
		LEFT JOIN lead_routes r ON r.lead_id = l.id AND r.seq = l.route_seq
		LEFT JOIN members rm ON rm.id = l.owner_member_id LEFT JOIN users ru ON ru.id = rm.user_id WHERE `+where, args,
		func(scan func(...any) error) error {
			l, err := scanLeadRoute(scan)
			out = append(out, l)
			return err
		})
	return out, err
}

func scanLeadRoute(scan func(...any) error) (duet.Lead, error) {
	var l duet.Lead
	var emp sql.NullInt64
	var accepted, contacted sql.NullString
	var created, updated string
	var routeSeq int
	var r struct {
		seq, version, split                    sql.NullInt64
		key, name, reason, side, member, mname sql.NullString
		role, accept, contact, kind, aside     sql.NullString
		kept, reroute                          sql.NullBool
		escalate, at                           sql.NullString
	}
	err := scan(&l.ID, &l.WorkspaceID, &l.Number, &l.Email, &l.ExternalID, &l.Name, &l.Company, &l.Domain, &l.Country, &l.Region, &l.Industry,
		&emp, &l.FormID, &l.UTMSource, &l.Campaign, &l.Owner, &l.Consent, &l.Origin, &l.Source, &l.HostCustomer, &l.PartnerCustomer,
		&l.Status, &l.RejectReason, &accepted, &contacted, &l.Version, &created, &updated, &routeSeq,
		&r.seq, &r.version, &r.key, &r.name, &r.reason, &r.side, &r.member, &r.mname, &r.role,
		&r.accept, &r.contact, &r.kind, &r.aside, &r.split, &r.kept, &r.escalate, &r.reroute, &r.at)
	if err != nil {
		return l, err
	}
	if emp.Valid {
		n := int(emp.Int64)
		l.Employees = &n
	}
	l.AcceptedAt, l.ContactedAt = parseNullTS(accepted), parseNullTS(contacted)
	l.Created, l.Updated = parseTS(created), parseTS(updated)
	if r.seq.Valid {
		lr := &duet.LeadRoute{Seq: int(r.seq.Int64), RulesVersion: int(r.version.Int64), RuleKey: r.key.String, RuleName: r.name.String,
			Reason: r.reason.String, Side: duet.Side(r.side.String), RoleKey: r.role.String, AcceptBy: parseTS(r.accept.String),
			ContactBy: parseTS(r.contact.String), ConsentKept: r.kept.Bool, Escalate: r.escalate.String, Reroute: r.reroute.Bool,
			Attribution: duet.Attribution{Kind: r.kind.String, Side: duet.Side(r.aside.String), Split: int(r.split.Int64)},
			Created:     parseTS(r.at.String)}
		if r.member.String != "" {
			lr.Owner = &duet.Author{MemberID: r.member.String, Name: r.mname.String, Side: lr.Side}
		}
		l.Route = lr
	}
	return l, nil
}

// Lead returns one lead of a workspace with its current routing.
func (tx *Tx) Lead(ctx context.Context, wsID, id string) (duet.Lead, error) {
	l, err := tx.lead(ctx, `l.workspace_id = $1 AND l.id = $2`, wsID, id)
	return l, notFound(err, "lead")
}

// LockLead reads a lead for a change; on PostgreSQL the row stays locked
// until commit.
func (tx *Tx) LockLead(ctx context.Context, wsID, id string) (duet.Lead, error) {
	if tx.engine == Postgres {
		if _, err := tx.exec(ctx, `SELECT id FROM leads WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, wsID, id); err != nil {
			return duet.Lead{}, err
		}
	}
	return tx.Lead(ctx, wsID, id)
}

// Leads lists the leads side may see (captured by it or routed to it),
// newest first.
func (tx *Tx) Leads(ctx context.Context, wsID string, side duet.Side, f duet.LeadFilter) ([]duet.Lead, error) {
	where := []string{`l.workspace_id = $1`, `(l.origin_side = $2 OR l.owner_side = $2)`}
	args := []any{wsID, side}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Status != "" {
		add(`l.status = ?`, f.Status)
	}
	if f.Side != "" {
		add(`l.owner_side = ?`, f.Side)
	}
	if f.Owner != "" {
		add(`l.owner_member_id = ?`, f.Owner)
	}
	if f.Query != "" {
		q := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(f.Query)) + "%"
		add(`(l.email LIKE ? ESCAPE '\' OR lower(l.name) LIKE ? ESCAPE '\' OR lower(l.company) LIKE ? ESCAPE '\')`, q)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	args = append(args, limit)
	return tx.leads(ctx, strings.Join(where, " AND ")+` ORDER BY l.created_at DESC, l.number DESC LIMIT $`+strconv.Itoa(len(args)), args...)
}

// LeadStat is one lead as the report counts it.
type LeadStat struct {
	Status            string
	Side              duet.Side
	RuleKey, RuleName string
	AcceptBy          time.Time
	ContactBy         time.Time
	AcceptedAt        *time.Time
	ContactedAt       *time.Time
	AttrKind          string
	AttrSide          duet.Side
}

// Routed reports whether the lead has been routed: only then does it
// have a side.
func (s LeadStat) Routed() bool { return s.Side != "" }

// LeadStats returns every lead of the workspace as the report needs it.
func (tx *Tx) LeadStats(ctx context.Context, wsID string) ([]LeadStat, error) {
	var out []LeadStat
	err := tx.each(ctx, `SELECT l.status, COALESCE(r.side, ''), COALESCE(r.rule_key, ''), COALESCE(r.rule_name, ''), COALESCE(r.accept_by, ''),
			COALESCE(r.contact_by, ''), l.accepted_at, l.contacted_at, COALESCE(r.attr_kind, ''), COALESCE(r.attr_side, '')
		FROM leads l LEFT JOIN lead_routes r ON r.lead_id = l.id AND r.seq = l.route_seq WHERE l.workspace_id = $1`, []any{wsID},
		func(scan func(...any) error) error {
			var s LeadStat
			var accept, contact string
			var accepted, contacted sql.NullString
			if err := scan(&s.Status, &s.Side, &s.RuleKey, &s.RuleName, &accept, &contact, &accepted, &contacted, &s.AttrKind, &s.AttrSide); err != nil {
				return err
			}
			if s.Routed() {
				s.AcceptBy, s.ContactBy = parseTS(accept), parseTS(contact)
			}
			s.AcceptedAt, s.ContactedAt = parseNullTS(accepted), parseNullTS(contacted)
			out = append(out, s)
			return nil
		})
	return out, err
}

// RoundRobin returns a rule's round-robin cursor; on PostgreSQL the row
// stays locked until commit, so two leads never take the same turn.
func (tx *Tx) RoundRobin(ctx context.Context, wsID, ruleKey string) (int64, error) {
	if _, err := tx.exec(ctx, `INSERT INTO rr_cursors (workspace_id, rule_key, position) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`, wsID, ruleKey); err != nil {
		return 0, err
	}
	q := `SELECT position FROM rr_cursors WHERE workspace_id = $1 AND rule_key = $2`
	if tx.engine == Postgres {
		q += ` FOR UPDATE`
	}
	var n int64
	err := tx.row(ctx, q, wsID, ruleKey).Scan(&n)
	return n, mapErr(err)
}

// SetRoundRobin stores a rule's cursor.
func (tx *Tx) SetRoundRobin(ctx context.Context, wsID, ruleKey string, position int64) error {
	_, err := tx.exec(ctx, `UPDATE rr_cursors SET position = $3 WHERE workspace_id = $1 AND rule_key = $2`, wsID, ruleKey, position)
	return err
}

// SetAway marks a member away or back.
func (tx *Tx) SetAway(ctx context.Context, memberID string, away bool) error {
	_, err := tx.exec(ctx, `UPDATE members SET away = $2 WHERE id = $1`, memberID, away)
	return err
}

// ReplaceAccounts replaces a side's list of customer domains.
func (tx *Tx) ReplaceAccounts(ctx context.Context, wsID string, side duet.Side, domains []string, memberID string, at time.Time) error {
	if _, err := tx.exec(ctx, `DELETE FROM account_domains WHERE workspace_id = $1 AND side = $2`, wsID, side); err != nil {
		return err
	}
	for _, d := range domains {
		if _, err := tx.exec(ctx, `INSERT INTO account_domains (workspace_id, side, domain) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, wsID, side, d); err != nil {
			return err
		}
	}
	_, err := tx.exec(ctx, `INSERT INTO account_lists (workspace_id, side, domains, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (workspace_id, side) DO UPDATE SET domains = excluded.domains, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
		wsID, side, len(domains), memberID, ts(at))
	return err
}

// CustomerOf reports whether each side lists the domain (or a parent of
// it) as a customer.
func (tx *Tx) CustomerOf(ctx context.Context, wsID, domain string) (host, partner bool, err error) {
	cands := []string{domain}
	for d := domain; strings.Contains(d, "."); {
		_, d, _ = strings.Cut(d, ".")
		if strings.Contains(d, ".") {
			cands = append(cands, d)
		}
	}
	for _, c := range cands {
		err = tx.each(ctx, `SELECT side FROM account_domains WHERE workspace_id = $1 AND domain = $2`, []any{wsID, c},
			func(scan func(...any) error) error {
				var s duet.Side
				err := scan(&s)
				host, partner = host || s == duet.SideHost, partner || s == duet.SidePartner
				return err
			})
		if err != nil {
			return
		}
	}
	return
}

// AccountList is one side's uploaded customer list.
type AccountList struct {
	Side       duet.Side
	Domains    int
	UploadedBy string
	Uploaded   time.Time
}

// AccountLists returns the lists uploaded, by side.
func (tx *Tx) AccountLists(ctx context.Context, wsID string) (map[duet.Side]AccountList, error) {
	out := map[duet.Side]AccountList{}
	err := tx.each(ctx, `SELECT a.side, a.domains, u.name, a.uploaded_at FROM account_lists a JOIN members m ON m.id = a.uploaded_by
		JOIN users u ON u.id = m.user_id WHERE a.workspace_id = $1`, []any{wsID},
		func(scan func(...any) error) error {
			var a AccountList
			var at string
			err := scan(&a.Side, &a.Domains, &a.UploadedBy, &at)
			a.Uploaded = parseTS(at)
			out[a.Side] = a
			return err
		})
	return out, err
}

// SetLeadWebhook stores a side's webhook secret.
func (tx *Tx) SetLeadWebhook(ctx context.Context, wsID string, side duet.Side, secret, memberID string, at time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO lead_webhooks (workspace_id, side, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (workspace_id, side) DO UPDATE SET secret = excluded.secret, created_by = excluded.created_by, created_at = excluded.created_at`,
		wsID, side, secret, memberID, ts(at))
	return err
}

// DeleteLeadWebhook turns a side's webhook off.
func (tx *Tx) DeleteLeadWebhook(ctx context.Context, wsID string, side duet.Side) error {
	_, err := tx.exec(ctx, `DELETE FROM lead_webhooks WHERE workspace_id = $1 AND side = $2`, wsID, side)
	return err
}

// LeadWebhook is a side's webhook settings, without the secret.
type LeadWebhook struct {
	Side      duet.Side
	CreatedBy string
	Created   time.Time
}

// LeadWebhook returns a side's webhook and its secret; ENotFound when
// none is set up.
func (tx *Tx) LeadWebhook(ctx context.Context, wsID string, side duet.Side) (LeadWebhook, string, error) {
	h := LeadWebhook{Side: side}
	var secret, at string
	err := tx.row(ctx, `SELECT h.secret, u.name, h.created_at FROM lead_webhooks h JOIN members m ON m.id = h.created_by
		JOIN users u ON u.id = m.user_id WHERE h.workspace_id = $1 AND h.side = $2`, wsID, side).Scan(&secret, &h.CreatedBy, &at)
	h.Created = parseTS(at)
	return h, secret, notFound(err, "lead webhook")
}

// FirstDelivery records a webhook request's signature; false when it was
// seen before (a replay). Signatures older than the tolerance window are
// forgotten, since the timestamp check refuses those requests anyway.
func (tx *Tx) FirstDelivery(ctx context.Context, wsID, signature string, at time.Time) (bool, error) {
	if _, err := tx.exec(ctx, `DELETE FROM webhook_seen WHERE workspace_id = $1 AND received_at < $2`, wsID, ts(at.Add(-2*duet.WebhookTolerance))); err != nil {
		return false, err
	}
	res, err := tx.exec(ctx, `INSERT INTO webhook_seen (workspace_id, signature, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, wsID, signature, ts(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
