package web

import (
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// RulesPage is the lead-share rules as both sides read them: which
// version routes now and whether a newer one waits for approval, the
// ordered table, the versions, the "test a lead" box, the customer lists
// and the viewer's side's webhook.
type RulesPage struct {
	Base
	WS     string
	Tabs   LeadTabs
	Notice string
	// Err is a refused action of the page (proposing), shown at its
	// button.
	Err      FormError
	Status   RulesStatus
	Latest   RulesTable
	Live     *RulesTable // the approved rules, when a newer version waits
	Versions []RulesVersionView
	Compare  RulesCompare
	Test     RulesTestView
	Accounts AccountsPanel
	Webhook  WebhookPanel
	EditURL  string
}

// rulesShow serves GET /w/{ws}/rules.
func (s *server) rulesShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showRules(w, r, v, http.StatusOK, func(p *RulesPage) { p.Notice = rulesNotice(r) })
}

// rulesNotice confirms what the viewer just did, from the query the
// redirect after it carries.
func rulesNotice(r *http.Request) string {
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("saved")); err == nil && n > 0 {
		return "Saved as version " + strconv.Itoa(n) + ". Propose it for approval when both sides should sign it; until then the approved rules keep routing."
	}
	if n, err := strconv.Atoi(q.Get("proposed")); err == nil && n > 0 {
		return "Version " + strconv.Itoa(n) + " is proposed for approval. Its signers on both sides were asked to sign the decision."
	}
	if n, err := strconv.Atoi(q.Get("accounts")); err == nil && n >= 0 {
		return "Your customer list now has " + plural(n, "domain", "domains") + ". Only your side sees it; rules read it as “existing customer”."
	}
	if q.Get("webhook") == "off" {
		return "The lead webhook is off: requests signed with its secret are refused from now on."
	}
	return ""
}

// showRules renders the rules page as it is now; mark sets what the
// request adds (a notice, a test result, an error at its form).
func (s *server) showRules(w http.ResponseWriter, r *http.Request, v *viewer, status int, mark func(*RulesPage)) {
	a := actorOf(r)
	rv, err := s.svc.Rules(r.Context(), a, v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.rulesPage(r, v, rv)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if mark != nil {
		mark(p)
	}
	nav, bell, err := s.frame(r, v, "rules", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Lead-share rules · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "rules_show", p)
}

// rulesPage lays out the rules page. A proposed version's decision is
// read for its sign-offs.
func (s *server) rulesPage(r *http.Request, v *viewer, rv core.RulesView) (*RulesPage, error) {
	ws := v.d.ID
	p := &RulesPage{WS: ws, Tabs: leadTabs(ws, "rules"), EditURL: rulesURL(ws) + "/edit",
		Test:     RulesTestView{Action: rulesURL(ws) + "/test", Form: LeadTestForm{Consent: true}},
		Accounts: v.accountsPanel(rv), Webhook: v.webhookPanel(rv, s.absolute(r, webhookPath(ws, v.me.Side)))}
	st := &p.Status
	st.CanEdit, st.Starter = rv.CanEdit, rv.Starter
	if rv.Approved != nil {
		live := v.rulesVersion(*rv.Approved)
		st.Live = &live
	}
	if l := rv.Latest; l != nil && (rv.Approved == nil || l.Version != rv.Approved.Version) {
		pending := v.rulesVersion(*l)
		if l.Status == duet.DocProposed && l.Decision != nil {
			d, err := s.svc.Decision(r.Context(), actorOf(r), ws, l.Decision.ID)
			if err != nil {
				return nil, err
			}
			dv := v.decision(d)
			pending.Decision = &dv
		}
		st.Pending = &pending
		st.CanPropose = rv.CanEdit && l.Status == duet.DocDraft
	}
	p.Latest = RulesTable{ID: "rules-latest", Rows: v.ruleRows(rv.Draft, rv.Names)}
	switch {
	case rv.Starter:
		p.Latest.Caption = "A starting point: only the fallback"
		p.Latest.Note = "Nothing is saved yet. Until both sides approve a version, leads wait unrouted."
	case st.Pending != nil:
		p.Latest.Caption = st.Pending.Label + " · " + st.Pending.StatusLabel
		if st.Live != nil {
			p.Live = &RulesTable{ID: "rules-live", Caption: st.Live.Label + " · approved, routes leads now", Rows: v.ruleRows(*rv.Live, rv.Names)}
		}
	default:
		p.Latest.Caption = st.Live.Label + " · approved, routes leads now"
	}
	for _, x := range rv.Versions {
		p.Versions = append(p.Versions, v.rulesVersion(x))
	}
	if len(rv.Versions) > 1 {
		p.Compare = rulesCompareForm(ws, rv.Versions)
	}
	return p, nil
}
