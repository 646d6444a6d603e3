package web

import (
	"net/http"

	"duet/internal/duet"
)

// rulesWebhook serves POST /w/{ws}/rules/webhook: an admin sets up, or
// replaces, their side's signed lead webhook. The new secret is shown on
// this response only, with the endpoint and how to sign a request; it is
// never put in a redirect or shown again. The old secret stops working
// at once.
func (s *server) rulesWebhook(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	secret, err := s.svc.RotateLeadWebhook(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.webhookFailed(w, r, v, err)
		return
	}
	s.showRules(w, r, v, http.StatusOK, func(p *RulesPage) { p.Webhook.Secret = secret })
}

// rulesWebhookDisable serves POST /w/{ws}/rules/webhook/disable: an
// admin turns their side's lead webhook off.
func (s *server) rulesWebhookDisable(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.svc.DisableLeadWebhook(r.Context(), actorOf(r), v.d.ID); err != nil {
		s.webhookFailed(w, r, v, err)
		return
	}
	http.Redirect(w, r, rulesURL(v.d.ID)+"?webhook=off#webhook", http.StatusSeeOther)
}

// webhookFailed shows the refusal at the webhook panel.
func (s *server) webhookFailed(w http.ResponseWriter, r *http.Request, v *viewer, err error) {
	fe, ok := actionError(err)
	if !ok {
		s.Error(w, r, err)
		return
	}
	s.showRules(w, r, v, duet.HTTPStatus(err), func(p *RulesPage) { p.Webhook.Err = fe })
}
