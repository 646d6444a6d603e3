package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/store"
)

// The lead-share rules: an ordered table, first match wins, the last
// rule the fallback. A saved version is a draft until it is proposed as
// a decision and both signers approve it; the approved version routes
// every lead that arrives, and keeps routing while a newer draft waits.

// maxTextUpload caps a CSV or text upload (a customer list, a lead
// import): the largest file core reads.
const maxTextUpload = 16 << 20

// rulesOut is a rule set as the API answers it: the vocabulary's JSON,
// which a save takes back as it is, with every list present.
func rulesOut(rs duet.RuleSet) []duet.Rule {
	out := make([]duet.Rule, len(rs.Rules))
	for i, r := range rs.Rules {
		if r.When == nil {
			r.When = []duet.Condition{}
		}
		out[i] = r
	}
	return out
}

// summaryOf reads a rule set as sentences, one per rule.
func summaryOf(rs duet.RuleSet, names func(string) string) []string {
	return strings.Split(strings.TrimSuffix(rs.Text(names), "\n"), "\n")
}

type accountListDTO struct {
	Domains    int    `json:"domains"`
	UploadedBy string `json:"uploaded_by"` // a name
	UploadedAt string `json:"uploaded_at"`
}

// webhookDTO is the caller's side's lead webhook as set up; the secret
// is shown only when it is made.
type webhookDTO struct {
	Side      string `json:"side"`
	CreatedBy string `json:"created_by"` // a name
	CreatedAt string `json:"created_at"`
	URL       string `json:"url"`
}

func webhookURL(wsID string, side duet.Side) string {
	return "/api/v1/hooks/leads/" + wsID + "/" + string(side)
}

// rulesPageDTO is GET of the rules: rules is the latest version (a draft,
// proposed or approved; before the first save a starter with only a
// fallback, and starter is true), approved_rules the version that routes
// (null until one is approved). summary reads the rules as sentences.
// accounts counts each side's customer list; webhook is the caller's
// side's lead webhook, or null.
type rulesPageDTO struct {
	docStateDTO
	Starter         bool                       `json:"starter"`
	Rules           []duet.Rule                `json:"rules"`
	Summary         []string                   `json:"summary"`
	ApprovedRules   *[]duet.Rule               `json:"approved_rules"`
	ApprovedSummary *[]string                  `json:"approved_summary"`
	Accounts        map[string]*accountListDTO `json:"accounts"`
	Webhook         *webhookDTO                `json:"webhook"`
}

func toRulesPage(wsID string, v core.RulesView) rulesPageDTO {
	dto := rulesPageDTO{docStateDTO: toDocState(wsID, v.DocView), Starter: v.Starter, Rules: rulesOut(v.Draft), Summary: summaryOf(v.Draft, v.Names),
		Accounts: map[string]*accountListDTO{string(duet.SideHost): nil, string(duet.SidePartner): nil}}
	if v.Live != nil {
		live, sum := rulesOut(*v.Live), summaryOf(*v.Live, v.Names)
		dto.ApprovedRules, dto.ApprovedSummary = &live, &sum
	}
	for side, l := range v.Accounts {
		dto.Accounts[string(side)] = &accountListDTO{Domains: l.Domains, UploadedBy: l.UploadedBy, UploadedAt: stamp(l.Uploaded)}
	}
	if h := v.Webhook; h != nil {
		dto.Webhook = toWebhook(wsID, *h)
	}
	return dto
}

func toWebhook(wsID string, h store.LeadWebhook) *webhookDTO {
	return &webhookDTO{Side: string(h.Side), CreatedBy: h.CreatedBy, CreatedAt: stamp(h.Created), URL: webhookURL(wsID, h.Side)}
}

func (h *Handler) rulesGet(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.Rules(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRulesPage(r.PathValue("id"), v))
	return nil
}

// rulesSave saves a new draft of the whole rule table, edited from base.
func (h *Handler) rulesSave(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		docSave
		Rules *[]duet.Rule `json:"rules"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	save, err := in.save()
	if err != nil {
		return err
	}
	if in.Rules == nil {
		return duet.Invalid("rules", "is required: every rule, the fallback last, as a save replaces the table")
	}
	v, err := h.svc.SaveRules(r.Context(), actorFrom(r.Context()), r.PathValue("id"), save, duet.RuleSet{Rules: *in.Rules})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRulesPage(r.PathValue("id"), v))
	return nil
}

// rulesVersion returns one version of the rules as it was saved.
func (h *Handler) rulesVersion(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.Rules(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	x, err := versionOf(r, v.DocView)
	if err != nil {
		return err
	}
	var rs duet.RuleSet
	if err := json.Unmarshal([]byte(x.Body), &rs); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		docVersionDTO
		Rules   []duet.Rule `json:"rules"`
		Summary []string    `json:"summary"`
	}{toDocVersion(r.PathValue("id"), x), rulesOut(rs), summaryOf(rs, v.Names)})
	return nil
}

// rulesPropose proposes a draft version for approval: a decision of kind
// lead_share_rules, which its signers approve through the decision
// endpoints. Answers the decision.
func (h *Handler) rulesPropose(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	d, err := h.svc.ProposeRules(r.Context(), actorFrom(r.Context()), ws, in.Version)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/decisions/"+d.ID)
	writeJSON(w, http.StatusCreated, toDecision(d, true))
	return nil
}

// ruleRefDTO names the rule that decided, by its place in the table.
type ruleRefDTO struct {
	Index int    `json:"index"`
	Key   string `json:"key"`
	Name  string `json:"name"`
}

type ruleCheckDTO struct {
	Index   int    `json:"index"`
	Name    string `json:"name"`
	Matched bool   `json:"matched"`
	Why     string `json:"why"`
}

type attributionDTO struct {
	Kind  string `json:"kind"`
	Side  string `json:"side"`
	Split int    `json:"split"`
}

func toAttribution(a duet.Attribution) attributionDTO {
	return attributionDTO{Kind: a.Kind, Side: string(a.Side), Split: a.Split}
}

// routeTryDTO is where a sample lead would go under one version of the
// rules: the rule that decides (null only without any rule), every rule
// tried in order with why it did or did not match, the side and the
// owner it would get, its deadlines from now and the credit.
type routeTryDTO struct {
	Version     int            `json:"version"`
	Rule        *ruleRefDTO    `json:"rule"`
	Reason      string         `json:"reason"`
	Checks      []ruleCheckDTO `json:"checks"`
	Side        string         `json:"side"`
	Owner       string         `json:"owner"`
	AcceptBy    string         `json:"accept_by"`
	ContactBy   string         `json:"contact_by"`
	Attribution attributionDTO `json:"attribution"`
	ConsentKept bool           `json:"consent_kept"`
}

func toRouteTry(t *core.RouteTry) *routeTryDTO {
	if t == nil {
		return nil
	}
	o := t.Outcome
	dto := &routeTryDTO{Version: t.Version, Reason: o.Reason, Checks: make([]ruleCheckDTO, 0, len(o.Checks)), Side: string(o.Route.Side),
		Owner: t.Owner, AcceptBy: stamp(t.AcceptBy), ContactBy: stamp(t.ContactBy), Attribution: toAttribution(o.Rule.Attribution),
		ConsentKept: o.ConsentKept}
	if o.Index >= 0 {
		dto.Rule = &ruleRefDTO{Index: o.Index, Key: o.Rule.Key, Name: o.Rule.Name}
	}
	for _, c := range o.Checks {
		dto.Checks = append(dto.Checks, ruleCheckDTO{Index: c.Index, Name: c.Name, Matched: c.Matched, Why: c.Why})
	}
	return dto
}

// rulesExplain runs a sample lead, as the caller's side would capture
// it, through the latest draft and the approved rules. Nothing is
// written and no round-robin turn is taken.
func (h *Handler) rulesExplain(w http.ResponseWriter, r *http.Request) error {
	var in duet.LeadIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ex, err := h.svc.ExplainLead(r.Context(), actorFrom(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"lead": ex.Lead, "draft": toRouteTry(ex.Draft), "approved": toRouteTry(ex.Approved)})
	return nil
}

// textBody is a request body read as a file: over its limit, the error
// is remembered, since the parsers that read it word every read error as
// the file's fault.
type textBody struct {
	r    io.Reader
	over bool
}

func (b *textBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		b.over = true
	}
	return n, err
}

// tooLargeText is the answer to a file over maxTextUpload.
var tooLargeText = &duet.Error{Kind: duet.ETooLarge, Field: "body", Msg: "the file is larger than 16 MiB; nothing was saved"}

// textUpload checks that the body is a CSV or plain-text file within the
// limit and returns it to be read.
func textUpload(w http.ResponseWriter, r *http.Request) (*textBody, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "text/csv" && mt != "text/plain") {
			return nil, &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "send the file as text/csv or text/plain"}
		}
	}
	if r.ContentLength > maxTextUpload {
		return nil, tooLargeText
	}
	return &textBody{r: http.MaxBytesReader(w, r.Body, maxTextUpload)}, nil
}

// accountsUpload replaces the caller's side's customer list: one domain,
// email address or website per line, or a CSV with a domain, website or
// email column. The other side never sees it.
func (h *Handler) accountsUpload(w http.ResponseWriter, r *http.Request) error {
	body, err := textUpload(w, r)
	if err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	n, err := h.svc.UploadAccounts(r.Context(), a, ws, body)
	if body.over {
		return tooLargeText
	}
	if err != nil {
		return err
	}
	d, err := h.svc.Workspace(r.Context(), a, ws)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"side": d.Side, "domains": n})
	return nil
}

// webhookRotate sets up, or replaces, the signed lead webhook of the
// admin's side, and answers its secret: once, never again.
func (h *Handler) webhookRotate(w http.ResponseWriter, r *http.Request) error {
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	secret, err := h.svc.RotateLeadWebhook(r.Context(), a, ws)
	if err != nil {
		return err
	}
	d, err := h.svc.Workspace(r.Context(), a, ws)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"side": d.Side, "url": webhookURL(ws, d.Side), "secret": secret,
		"timestamp_header": duet.HeaderWebhookTimestamp, "signature_header": duet.HeaderWebhookSignature})
	return nil
}

// webhookDisable turns the admin's side's lead webhook off.
func (h *Handler) webhookDisable(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.DisableLeadWebhook(r.Context(), actorFrom(r.Context()), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
