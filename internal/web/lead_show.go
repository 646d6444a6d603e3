package web

import (
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// LeadPage is one lead: what it is, where it came from, its consent,
// every routing record (written once), its status with its history, and
// what the viewer may do with it.
type LeadPage struct {
	Base
	WS      string
	Tabs    LeadTabs
	Back    string
	Notice  string
	Head    LeadHead
	Facts   []Fact
	Consent string
	Shared  bool
	Routes  []RouteView
	History []LeadEventView
	Acts    LeadActs
}

// LeadHead heads a lead's page.
type LeadHead struct {
	Ref         string
	Name        string
	Email       string
	Company     string
	Status      string
	StatusLabel string
	Origin      string
	OriginClass string
	Source      string
	Created     string
	CreatedISO  string
	Reason      string // why it was rejected
}

// LeadActs are the lead's buttons: accept, reject with a reason, and
// record the first contact, each sent with the version shown.
type LeadActs struct {
	Action  string // the lead's URL; each act posts to a path under it
	Version int
	Accept  bool
	Reject  bool
	Contact bool
	Reason  string
	Err     FormError
	// Hint says why nothing can be done, when the viewer may not act.
	Hint string
}

// leadShow serves GET /w/{ws}/leads/{lead}. A lead the viewer's side
// did not capture and is not routed to is not found.
func (s *server) leadShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showLead(w, r, v, http.StatusOK, func(p *LeadPage) { p.Notice = leadNotice(r.URL.Query().Get("done")) })
}

// leadNotice confirms an act on the lead's page it redirects to.
func leadNotice(done string) string {
	switch done {
	case "accepted":
		return "Accepted: the lead is yours to follow up. Record the first contact when you make it."
	case "rejected":
		return "Rejected. The escalation role of its rule was told."
	case "contacted":
		return "First contact recorded."
	}
	return ""
}

// showLead renders the lead's page as it is now; mark adds what the
// request brings (a notice, an error at an act).
func (s *server) showLead(w http.ResponseWriter, r *http.Request, v *viewer, status int, mark func(*LeadPage)) {
	ld, err := s.svc.Lead(r.Context(), actorOf(r), v.d.ID, r.PathValue("lead"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := v.leadPage(ld)
	if mark != nil {
		mark(p)
	}
	nav, bell, err := s.frame(r, v, "leads", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.Head.Ref + " " + p.Head.Email + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "lead_show", p)
}

// leadPage lays out a lead's page.
func (v *viewer) leadPage(ld core.LeadDetail) *LeadPage {
	l := ld.Lead
	ws := v.d.ID
	p := &LeadPage{WS: ws, Tabs: leadTabs(ws, "inbox"), Back: leadsURL(ws), Shared: l.Consent}
	p.Head = LeadHead{Ref: leadRef(l.Number), Name: l.Name, Email: l.Email, Company: l.Company, Status: l.Status, StatusLabel: leadStatusLabel(l.Status),
		Origin: v.o.of(l.Origin), OriginClass: sideClass(l.Origin), Source: sourceLabel(l.Source), Reason: l.RejectReason}
	p.Head.Created, p.Head.CreatedISO = v.deadline(l.Created)
	add := func(label, value string) {
		if value != "" {
			p.Facts = append(p.Facts, Fact{label, value})
		}
	}
	add("Company", l.Company)
	add("Email domain", l.Domain)
	add("Country", l.Country)
	add("Region", l.Region)
	add("Industry", l.Industry)
	if l.Employees != nil {
		add("Employees", duet.FormatNumber(float64(*l.Employees)))
	}
	add("Form", l.FormID)
	add("UTM source", l.UTMSource)
	add("Campaign", l.Campaign)
	add("External id", l.ExternalID)
	add("Owner in the CRM", l.Owner)
	// Each side's customer list stays with that side: the page says only
	// whether the lead is a customer of the viewer's own side.
	mine := l.HostCustomer
	if v.me.Side == duet.SidePartner {
		mine = l.PartnerCustomer
	}
	if mine {
		add("Customer", "An existing customer of "+v.o.of(v.me.Side))
	}
	if l.Consent {
		p.Consent = "Consents to be shared with the other side: rules may route it to either side."
	} else {
		p.Consent = "No consent to be shared: it never goes to the other side, whatever the rules say."
	}
	names := v.names()
	for i := len(ld.Routes) - 1; i >= 0; i-- {
		rv := v.routeView(ld.Routes[i], names)
		rv.Current = i == len(ld.Routes)-1
		p.Routes = append(p.Routes, rv)
	}
	for i := len(ld.History) - 1; i >= 0; i-- {
		p.History = append(p.History, v.leadEventView(ld.History[i]))
	}
	acts := LeadActs{Action: leadURL(ws, l.ID), Version: l.Version, Accept: ld.CanAct, Reject: ld.CanAct}
	if r := l.Route; r != nil && l.Status == duet.LeadAccepted && l.ContactedAt == nil && r.Owner != nil &&
		(r.Owner.MemberID == v.me.ID || (v.me.Permission == duet.PermAdmin && v.me.Side == r.Side)) {
		acts.Contact = true
	}
	switch {
	case acts.Accept || acts.Contact:
	case l.Route == nil:
		acts.Hint = "It waits until both sides approve the lead-share rules; then it is routed at once."
	case l.Status == duet.LeadAccepted && l.ContactedAt != nil:
		acts.Hint = "Accepted and contacted."
	case l.Status == duet.LeadAccepted, l.Status == duet.LeadRejected:
		acts.Hint = "It is " + l.Status + "."
	case l.Route.Side != v.me.Side:
		acts.Hint = "It is routed to " + v.o.of(l.Route.Side) + "; only its owner there accepts or rejects it."
	case v.guest():
		acts.Hint = "Guests read leads but do not accept or reject them."
	case l.Route.Owner != nil:
		acts.Hint = "It is " + l.Route.Owner.Name + "'s to accept or reject."
	}
	p.Acts = acts
	return p
}

// leadActed answers an act on a lead: to its page with a notice when it
// worked; the page again with the refusal at the acts when it did not.
// A lead the viewer may not see stays a 404.
func (s *server) leadActed(w http.ResponseWriter, r *http.Request, v *viewer, err error, done, reason string) {
	if err == nil {
		http.Redirect(w, r, leadURL(v.d.ID, r.PathValue("lead"))+"?done="+done, http.StatusSeeOther)
		return
	}
	fe, ok := actionError(err, "reason")
	if !ok {
		s.Error(w, r, err)
		return
	}
	if duet.ErrorKind(err) == duet.EConflict {
		fe.Msg += " The page below shows it as it is now."
	}
	s.showLead(w, r, v, duet.HTTPStatus(err), func(p *LeadPage) { p.Acts.Err, p.Acts.Reason = fe, reason })
}

// leadVersion reads the version an act was sent with.
func leadVersion(r *http.Request) int {
	n, _ := strconv.Atoi(r.PostForm.Get("version"))
	return n
}
