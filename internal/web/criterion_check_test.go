package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestCriterionCheck(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := milestone(t, f, "assets-approved")
		legal := criterion(t, m, "Legal on both sides")
		path := ws + "/milestones/" + m.ID + "/criteria/"

		// Either side may check off a manual criterion.
		e.post(path+legal.ID, e.as(f.Partner), url.Values{"checked": {"1"}, "version": {"1"}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		if c := criterion(t, milestone(t, f, "assets-approved"), "Legal on both sides"); !c.Met {
			t.Fatalf("not met after checking: %+v", c)
		}
		page := e.get(ws+"/milestones", e.as(f.Admin))
		page.wantBody(t, "Checked off by "+f.Partner.Name, "1 of 5 checks met", "Uncheck<span class=\"visually-hidden\">: Legal on both sides",
			"checked off “Legal on both sides")
		// And uncheck it.
		e.post(path+legal.ID, e.as(f.Admin), url.Values{"checked": {"0"}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		if c := criterion(t, milestone(t, f, "assets-approved"), "Legal on both sides"); c.Met {
			t.Fatalf("met after unchecking: %+v", c)
		}

		// A criterion Duet computes cannot be checked by hand.
		tasks := criterion(t, m, "Every task in Asset Development")
		r := e.post(path+tasks.ID, e.as(f.Admin), url.Values{"checked": {"1"}})
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, "is decided by Duet from the workspace&#39;s state")

		// Only 1 and 0.
		bad := e.post(path+legal.ID, e.as(f.Admin), url.Values{"checked": {"yes"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, "Checked must be 1 (check off) or 0 (uncheck).")

		e.post(path+legal.ID, e.as(f.Guest), url.Values{"checked": {"1"}}).wantStatus(t, http.StatusForbidden)
		e.post(path+legal.ID, e.as(f.Stranger), url.Values{"checked": {"1"}}).wantStatus(t, http.StatusNotFound)
		e.post(path+"nope", e.as(f.Admin), url.Values{"checked": {"1"}}).wantStatus(t, http.StatusNotFound)
	})
}
