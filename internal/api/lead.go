package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// The leads of the campaign: captured by one side (through this API, a
// CSV import or the side's signed webhook), deduplicated by email and
// external id, and routed by the approved lead-share rules to an owner
// who accepts or rejects them. A side sees the leads it captured and
// those routed to it; any other lead answers 404.

func leadURL(wsID, id string) string { return "/api/v1/workspaces/" + wsID + "/leads/" + id }

// leadRouteDTO is one routing of a lead, written once: the rules version
// and rule that decided and why, the side and owner (null while the lead
// waits in the side's inbox), the deadlines, and the credit.
type leadRouteDTO struct {
	Seq          int            `json:"seq"`
	RulesVersion int            `json:"rules_version"`
	RuleKey      string         `json:"rule_key"`
	RuleName     string         `json:"rule_name"`
	Reason       string         `json:"reason"`
	Side         string         `json:"side"`
	Owner        *authorDTO     `json:"owner"`
	RoleKey      *string        `json:"role_key"`
	AcceptBy     string         `json:"accept_by"`
	ContactBy    string         `json:"contact_by"`
	Attribution  attributionDTO `json:"attribution"`
	ConsentKept  bool           `json:"consent_kept"`
	Escalate     *string        `json:"escalate"`
	Reroute      bool           `json:"reroute"`
	CreatedAt    string         `json:"created_at"`
}

func toLeadRoute(r duet.LeadRoute) leadRouteDTO {
	dto := leadRouteDTO{Seq: r.Seq, RulesVersion: r.RulesVersion, RuleKey: r.RuleKey, RuleName: r.RuleName, Reason: r.Reason, Side: string(r.Side),
		RoleKey: optional(r.RoleKey), AcceptBy: stamp(r.AcceptBy), ContactBy: stamp(r.ContactBy), Attribution: toAttribution(r.Attribution),
		ConsentKept: r.ConsentKept, Escalate: optional(r.Escalate), Reroute: r.Reroute, CreatedAt: stamp(r.Created)}
	if r.Owner != nil {
		by := toAuthor(*r.Owner)
		by.Side = string(r.Side) // an owner is of the side the lead is routed to
		dto.Owner = &by
	}
	return dto
}

// leadDTO is a lead: its fields as captured (owner is an owner it
// already had in a CRM), the side that captured it (origin) and how
// (source), its status and its current routing (null while unrouted).
type leadDTO struct {
	ID           string        `json:"id"`
	Number       int           `json:"number"`
	Ref          string        `json:"ref"`
	Email        string        `json:"email"`
	Name         string        `json:"name"`
	Company      string        `json:"company"`
	Country      string        `json:"country"`
	Region       string        `json:"region"`
	Industry     string        `json:"industry"`
	Employees    *int          `json:"employees"`
	FormID       string        `json:"form_id"`
	UTMSource    string        `json:"utm_source"`
	Campaign     string        `json:"campaign"`
	ExternalID   string        `json:"external_id"`
	Owner        string        `json:"owner"`
	Consent      bool          `json:"consent"`
	Origin       string        `json:"origin"`
	Source       string        `json:"source"`
	Status       string        `json:"status"`
	RejectReason *string       `json:"reject_reason"`
	Route        *leadRouteDTO `json:"route"`
	AcceptedAt   *string       `json:"accepted_at"`
	ContactedAt  *string       `json:"contacted_at"`
	Version      int           `json:"version"`
	CreatedAt    string        `json:"created_at"`
	UpdatedAt    string        `json:"updated_at"`
	URL          string        `json:"url"`
}

func toLead(l duet.Lead) leadDTO {
	dto := leadDTO{ID: l.ID, Number: l.Number, Ref: "L-" + strconv.Itoa(l.Number), Email: l.Email, Name: l.Name, Company: l.Company,
		Country: l.Country, Region: l.Region, Industry: l.Industry, Employees: l.Employees, FormID: l.FormID, UTMSource: l.UTMSource,
		Campaign: l.Campaign, ExternalID: l.ExternalID, Owner: l.Owner, Consent: l.Consent, Origin: string(l.Origin), Source: l.Source,
		Status: l.Status, RejectReason: optional(l.RejectReason), AcceptedAt: stampPtr(l.AcceptedAt), ContactedAt: stampPtr(l.ContactedAt),
		Version: l.Version, CreatedAt: stamp(l.Created), UpdatedAt: stamp(l.Updated), URL: leadURL(l.WorkspaceID, l.ID)}
	if l.Route != nil {
		r := toLeadRoute(*l.Route)
		dto.Route = &r
	}
	return dto
}

// leadEventDTO is one entry of a lead's history; by is null for Duet.
type leadEventDTO struct {
	At     string     `json:"at"`
	By     *authorDTO `json:"by"`
	Status string     `json:"status"`
	Note   string     `json:"note"`
}

// leadPageDTO is GET of one lead: every routing, oldest first, its
// history, oldest first, and whether the caller may accept or reject it
// now.
type leadPageDTO struct {
	leadDTO
	Routes  []leadRouteDTO `json:"routes"`
	History []leadEventDTO `json:"history"`
	CanAct  bool           `json:"can_act"`
}

func toLeadPage(d core.LeadDetail) leadPageDTO {
	dto := leadPageDTO{leadDTO: toLead(d.Lead), Routes: make([]leadRouteDTO, 0, len(d.Routes)), History: make([]leadEventDTO, 0, len(d.History)),
		CanAct: d.CanAct}
	for _, r := range d.Routes {
		dto.Routes = append(dto.Routes, toLeadRoute(r))
	}
	for _, e := range d.History {
		ev := leadEventDTO{At: stamp(e.At), Status: e.Status, Note: e.Note}
		if e.Actor != nil {
			by := toAuthor(*e.Actor)
			ev.By = &by
		}
		dto.History = append(dto.History, ev)
	}
	return dto
}

// errorDTO is an error inside a successful answer: one row of a batch or
// an import. It has the shape of the error envelope's inside.
type errorDTO struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func toError(err error) *errorDTO {
	return &errorDTO{Code: duet.ErrorKind(err), Message: duet.ErrorMessage(err), Field: duet.ErrorField(err)}
}

// Outcomes of one lead of a batch.
const (
	intakeCreated   = "created"
	intakeDuplicate = "duplicate"
	intakeInvalid   = "invalid"
)

// intakeResultDTO is what became of one lead of a batch: created,
// duplicate (the lead already there; error says why it is left out when
// it is not the sender's side's to see) or invalid (error names the
// field, leads[3].email).
type intakeResultDTO struct {
	Index  int       `json:"index"`
	Status string    `json:"status"`
	Lead   *leadDTO  `json:"lead,omitempty"`
	Error  *errorDTO `json:"error,omitempty"`
}

type intakeDTO struct {
	Results    []intakeResultDTO `json:"results"`
	Created    int               `json:"created"`
	Duplicates int               `json:"duplicates"`
	Invalid    int               `json:"invalid"`
}

// hiddenDuplicate is why a duplicate is answered without the lead: the
// other side captured it and it is not routed to the sender's side.
var hiddenDuplicate = duet.Errorf(duet.EConflict, "A lead with this email or external id is already in the workspace, captured by the other side and not shared with yours.")

// batchField names a lead's field inside a batch: core names the fields
// of a batch of one as it names a single lead's.
func batchField(err error, i int) error {
	e, ok := errors.AsType[*duet.Error](err)
	if !ok || e.Field == "" || strings.HasPrefix(e.Field, "leads[") {
		return err
	}
	c := *e
	c.Field = "leads[" + strconv.Itoa(i) + "]." + c.Field
	return &c
}

// toIntake answers a batch; side is the sender's side, which sees the
// leads it creates and, of the duplicates, those visible to it.
func toIntake(res []core.IntakeResult, side func() (duet.Side, error)) (intakeDTO, error) {
	out := intakeDTO{Results: make([]intakeResultDTO, 0, len(res))}
	for i, x := range res {
		r := intakeResultDTO{Index: i}
		switch {
		case x.Err != nil:
			r.Status, r.Error = intakeInvalid, toError(batchField(x.Err, i))
			out.Invalid++
		case x.Created:
			l := toLead(x.Lead)
			r.Status, r.Lead = intakeCreated, &l
			out.Created++
		default:
			s, err := side()
			if err != nil {
				return out, err
			}
			r.Status = intakeDuplicate
			if x.Lead.VisibleTo(s) {
				l := toLead(x.Lead)
				r.Lead = &l
			} else {
				r.Error = toError(hiddenDuplicate)
			}
			out.Duplicates++
		}
		out.Results = append(out.Results, r)
	}
	return out, nil
}

// decodeLeads reads the leads of a body with core's decoder; when it
// refuses them, the body is read again strictly to name the field at
// fault, as every other body's errors do.
func decodeLeads(body []byte, batch bool) ([]duet.LeadIn, error) {
	in, err := core.DecodeLeads(body)
	if err == nil {
		if !json.Valid(body) { // core reads the first value and ignores the rest
			return nil, &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "send exactly one JSON value: a lead, a list of leads or {\"leads\": […]}"}
		}
		return in, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var v any = &duet.LeadIn{}
	switch {
	case len(bytes.TrimSpace(body)) > 0 && bytes.TrimSpace(body)[0] == '[':
		v = &[]duet.LeadIn{}
	case batch:
		v = &struct {
			Leads []duet.LeadIn `json:"leads"`
		}{}
	}
	if derr := dec.Decode(v); derr != nil {
		return nil, decodeError(derr)
	}
	if e, ok := errors.AsType[*duet.Error](err); ok && e.Field == "" {
		c := *e
		c.Field = "body"
		return nil, &c
	}
	return nil, err
}

// readBody reads a whole JSON body of at most maxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request, checkType bool) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); checkType && ct != "" && !strings.HasPrefix(ct, "application/json") {
		return nil, &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "send application/json"}
	}
	tooLarge := &statusError{status: http.StatusRequestEntityTooLarge, code: duet.ETooLarge, field: "body",
		msg: "The request body is larger than 1 MiB; nothing was saved."}
	if r.ContentLength > maxBody {
		return nil, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return nil, tooLarge
	}
	if err != nil {
		return nil, &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "could not be read"}
	}
	return body, nil
}

// leadIntake takes one lead, or a batch of up to duet.MaxLeadBatch, as
// captured by the caller's side. A single lead answers 201 when it is
// new, 200 with the lead already there when it is a duplicate, and 422
// naming the field when it is refused; a batch answers 200 with what
// became of each lead.
func (h *Handler) leadIntake(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(w, r, true)
	if err != nil {
		return err
	}
	batch := core.IsLeadBatch(body)
	in, err := decodeLeads(body, batch)
	if err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	res, err := h.svc.IntakeLeads(r.Context(), a, ws, duet.SourceAPI, in)
	if err != nil {
		return err
	}
	side := func() (duet.Side, error) {
		d, err := h.svc.Workspace(r.Context(), a, ws)
		if err != nil {
			return "", err
		}
		return d.Side, nil
	}
	if !batch {
		x := res[0]
		switch {
		case x.Err != nil:
			return x.Err
		case x.Created:
			w.Header().Set("Location", leadURL(ws, x.Lead.ID))
			writeJSON(w, http.StatusCreated, toLead(x.Lead))
			return nil
		}
		s, err := side()
		if err != nil {
			return err
		}
		if !x.Lead.VisibleTo(s) {
			return hiddenDuplicate
		}
		writeJSON(w, http.StatusOK, toLead(x.Lead))
		return nil
	}
	out, err := toIntake(res, side)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// leadFilter reads the lead filters of the query; owner=me is the
// caller.
func (h *Handler) leadFilter(r *http.Request) (duet.LeadFilter, error) {
	q := r.URL.Query()
	f := duet.LeadFilter{Status: q.Get("status"), Side: duet.Side(q.Get("side")), Owner: strings.TrimSpace(q.Get("owner")), Query: strings.TrimSpace(q.Get("q"))}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return f, err
	}
	if q.Has("limit") && (limit < 1 || limit > 1000) {
		return f, duet.Invalid("limit", "must be between 1 and 1000")
	}
	f.Limit = int(limit)
	if f.Owner == "me" {
		a := actorFrom(r.Context())
		d, err := h.svc.Workspace(r.Context(), a, r.PathValue("id"))
		if err != nil {
			return f, err
		}
		f.Owner = "-" // matches nobody: the caller is not a member
		for _, m := range d.Members {
			if m.UserID == a.User.ID {
				f.Owner = m.ID
			}
		}
	}
	return f, f.Validate()
}

// leadList lists the leads the caller's side sees, newest first.
func (h *Handler) leadList(w http.ResponseWriter, r *http.Request) error {
	f, err := h.leadFilter(r)
	if err != nil {
		return err
	}
	ls, err := h.svc.Leads(r.Context(), actorFrom(r.Context()), r.PathValue("id"), f)
	if err != nil {
		return err
	}
	out := make([]leadDTO, 0, len(ls))
	for _, l := range ls {
		out = append(out, toLead(l))
	}
	writeJSON(w, http.StatusOK, map[string]any{"leads": out})
	return nil
}

// leadCSV downloads the leads the caller's side sees, filtered, with
// their routing.
func (h *Handler) leadCSV(w http.ResponseWriter, r *http.Request) error {
	f, err := h.leadFilter(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.svc.WriteLeadsCSV(r.Context(), actorFrom(r.Context()), r.PathValue("id"), f, &buf); err != nil {
		return err
	}
	writeCSV(w, "leads.csv", buf.Bytes())
	return nil
}

// leadGet returns one lead with its routings and history.
func (h *Handler) leadGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Lead(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("lead"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toLeadPage(d))
	return nil
}

// leadChange reads {version, …} for a change to a lead; the version is
// required (core would skip the check without one).
func leadVersion(v int) error {
	if v < 1 {
		return duet.Invalid("version", "is required: the version of the lead you read")
	}
	return nil
}

// leadAccept accepts a lead for follow-up.
func (h *Handler) leadAccept(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := leadVersion(in.Version); err != nil {
		return err
	}
	l, err := h.svc.AcceptLead(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("lead"), in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toLead(l))
	return nil
}

// leadReject turns a lead down, with a reason.
func (h *Handler) leadReject(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int    `json:"version"`
		Reason  string `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := leadVersion(in.Version); err != nil {
		return err
	}
	l, err := h.svc.RejectLead(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("lead"), in.Version, in.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toLead(l))
	return nil
}

// leadContacted records the first contact with an accepted lead.
func (h *Handler) leadContacted(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := leadVersion(in.Version); err != nil {
		return err
	}
	l, err := h.svc.MarkContacted(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("lead"), in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toLead(l))
	return nil
}

// importRowDTO is one data row of an import preview: valid, duplicate
// (already in the workspace or earlier in the file) or invalid (error
// names the field); rule is the rule that would route it under the
// approved rules.
type importRowDTO struct {
	Line   int          `json:"line"`
	Status string       `json:"status"`
	Lead   *duet.LeadIn `json:"lead"`
	Rule   *string      `json:"rule"`
	Error  *errorDTO    `json:"error"`
}

// rowErrorDTO is a row an import refused: its line in the file (the
// header is line 1), the field at fault and why.
type rowErrorDTO struct {
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// leadImport imports a CSV of leads captured by the caller's side; with
// ?dry_run=1 it only says, row by row, what importing would do.
func (h *Handler) leadImport(w http.ResponseWriter, r *http.Request) error {
	dry := false
	switch v := r.URL.Query().Get("dry_run"); v {
	case "1", "true":
		dry = true
	case "", "0", "false":
	default:
		return duet.Invalid("dry_run", "must be 1 or 0, not %q", v)
	}
	body, err := textUpload(w, r)
	if err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	if dry {
		p, err := h.svc.PreviewImport(r.Context(), a, ws, body)
		if body.over {
			return tooLargeText
		}
		if err != nil {
			return err
		}
		rows := make([]importRowDTO, 0, len(p.Rows))
		for _, x := range p.Rows {
			row := importRowDTO{Line: x.Line, Rule: optional(x.Rule)}
			switch {
			case x.Err != nil:
				row.Status, row.Error = intakeInvalid, toError(x.Err)
			case x.Duplicate:
				row.Status = intakeDuplicate
			default:
				row.Status = "valid"
			}
			if x.Err == nil {
				l := x.Lead
				row.Lead = &l
			}
			rows = append(rows, row)
		}
		ignored := append([]string{}, p.Ignored...)
		writeJSON(w, http.StatusOK, map[string]any{"rows": rows, "valid": p.Valid, "duplicates": p.Dupes, "invalid": p.Invalid,
			"ignored_columns": ignored, "has_rules": p.HasRules})
		return nil
	}
	sum, err := h.svc.ImportLeads(r.Context(), a, ws, body)
	if body.over {
		return tooLargeText
	}
	if err != nil {
		return err
	}
	errs := make([]rowErrorDTO, 0, len(sum.Errors))
	for _, x := range sum.Errors {
		errs = append(errs, rowErrorDTO{Line: x.Line, Field: duet.ErrorField(x.Err), Message: duet.ErrorMessage(x.Err)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"created": sum.Created, "duplicates": sum.Duplicates, "invalid": len(errs), "errors": errs})
	return nil
}

// sideLeadsDTO counts the leads routed to one side; sourced and
// influenced count the leads credited to it.
type sideLeadsDTO struct {
	Routed        int `json:"routed"`
	Accepted      int `json:"accepted"`
	Rejected      int `json:"rejected"`
	Expired       int `json:"expired"`
	Open          int `json:"open"`
	AcceptMet     int `json:"accept_met"`
	AcceptMissed  int `json:"accept_missed"`
	ContactMet    int `json:"contact_met"`
	ContactMissed int `json:"contact_missed"`
	Sourced       int `json:"sourced"`
	Influenced    int `json:"influenced"`
}

type ruleLeadsDTO struct {
	RuleKey  string `json:"rule_key"`
	RuleName string `json:"rule_name"`
	Side     string `json:"side"`
	Count    int    `json:"count"`
}

// leadReport is the shared report: counts only, the same for both sides.
func (h *Handler) leadReport(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.svc.LeadReport(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	bySide := map[string]sideLeadsDTO{}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		s := rep.BySide[side]
		bySide[string(side)] = sideLeadsDTO{Routed: s.Routed, Accepted: s.Accepted, Rejected: s.Rejected, Expired: s.Expired, Open: s.Open,
			AcceptMet: s.AcceptMet, AcceptMissed: s.AcceptMissed, ContactMet: s.ContactMet, ContactMissed: s.ContactMissed,
			Sourced: s.Sourced, Influenced: s.Influenced}
	}
	byRule := make([]ruleLeadsDTO, 0, len(rep.ByRule))
	for _, x := range rep.ByRule {
		byRule = append(byRule, ruleLeadsDTO{RuleKey: x.RuleKey, RuleName: x.RuleName, Side: string(x.Side), Count: x.Count})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": rep.Total, "unrouted": rep.Unrouted, "by_side": bySide, "by_rule": byRule,
		"goals": toGoals(rep.Goals)})
	return nil
}

// awaySet marks the caller away (skipped by lead routing) or back, in
// one workspace, and answers them as a member.
func (h *Handler) awaySet(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Away *bool `json:"away"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Away == nil {
		return duet.Invalid("away", "is required: true while you are away, false when you are back")
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	if err := h.svc.SetAway(r.Context(), a, ws, *in.Away); err != nil {
		return err
	}
	d, err := h.svc.Workspace(r.Context(), a, ws)
	if err != nil {
		return err
	}
	for _, m := range d.Members {
		if m.UserID == a.User.ID {
			writeJSON(w, http.StatusOK, toMember(m))
			return nil
		}
	}
	return duet.NotFound("workspace")
}

// leadWebhook takes leads sent to a side's signed webhook: no token, but
// a signature of the exact body under the side's secret and a timestamp
// within five minutes. A replay changes nothing and answers
// {"replayed": true}. The secret and the signature are never logged.
func (h *Handler) leadWebhook(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(w, r, false)
	if err != nil {
		return err
	}
	side := duet.Side(r.PathValue("side"))
	res, replayed, err := h.svc.ReceiveLeadWebhook(r.Context(), r.PathValue("workspace"), side,
		r.Header.Get(duet.HeaderWebhookTimestamp), r.Header.Get(duet.HeaderWebhookSignature), body)
	if err != nil {
		return webhookError(err, body)
	}
	if replayed {
		writeJSON(w, http.StatusOK, map[string]bool{"replayed": true})
		return nil
	}
	out, err := toIntake(res, func() (duet.Side, error) { return side, nil })
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		intakeDTO
		Replayed bool `json:"replayed"`
	}{out, false})
	return nil
}

// webhookError names the header at fault in a refused signature, and the
// field at fault in a body that is not leads.
func webhookError(err error, body []byte) error {
	e, ok := errors.AsType[*duet.Error](err)
	if !ok || e.Field != "" {
		return err
	}
	c := *e
	switch {
	case e.Kind == duet.EUnauthorized && strings.Contains(e.Msg, duet.HeaderWebhookTimestamp):
		c.Field = duet.HeaderWebhookTimestamp
	case e.Kind == duet.EUnauthorized:
		c.Field = duet.HeaderWebhookSignature
	case e.Kind == duet.EBadRequest:
		_, derr := decodeLeads(body, core.IsLeadBatch(body))
		if derr != nil {
			return derr
		}
		return err
	default:
		return err
	}
	return &c
}
