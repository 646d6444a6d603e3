package web

import (
	"html/template"
	"strconv"

	"duet/internal/duet"
)

// This file turns decisions into what the decision views show.

// DecisionView is one decision of the log as the viewer sees it, with the
// actions open to them.
type DecisionView struct {
	WS           string
	ID           string
	Ref          string // "D-4"
	Kind         string
	KindName     string
	Title        string
	HTML         template.HTML
	RatHTML      template.HTML
	Status       string
	StatusLabel  string
	Version      int
	ProposedBy   string
	ProposerOrg  string
	ProposerSide string
	Created      string
	CreatedISO   string
	Decided      string
	DecidedISO   string
	Source       string // the message it was recorded from, when visible
	Supersedes   *DecisionRefView
	SupersededBy *DecisionRefView
	Reason       string
	SignOffs     []SignOffView
	Signed       int
	Locked       bool
	Waiting      string // the roles still to sign, in words
	CanSign      bool
	CanReject    bool
	CanWithdraw  bool
	CanEdit      bool
	CanSupersede bool
}

// URL is the decision's page.
func (d DecisionView) URL() string { return "/w/" + d.WS + "/decisions/" + d.ID }

// DecisionRefView links another decision.
type DecisionRefView struct {
	URL         string
	Ref         string
	Title       string
	Status      string
	StatusLabel string
}

// SignOffView is one row of the sign-off table.
type SignOffView struct {
	Role      string
	Org       string
	Class     string
	Signer    string
	Signed    string
	SignedISO string
	Version   int
	Stale     bool // signed for an earlier version
}

// statusLabels name the decision statuses.
var statusLabels = map[string]string{
	duet.StatusProposed:   "Awaiting sign-off",
	duet.StatusApproved:   "Approved",
	duet.StatusRejected:   "Rejected",
	duet.StatusWithdrawn:  "Withdrawn",
	duet.StatusSuperseded: "Superseded",
}

func decisionStatusLabel(s string) string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return statusLabel(s)
}

// decision lays out a decision for the viewer. Which buttons show follows
// core's rules, which still decide: the buttons only spare people actions
// that would be refused.
func (v *viewer) decision(d duet.Decision) DecisionView {
	dv := DecisionView{WS: v.d.ID, ID: d.ID, Ref: "D-" + strconv.Itoa(d.Number), Kind: d.Kind, KindName: duet.DecisionKindName(d.Kind),
		Title: d.Title, HTML: d.HTML, RatHTML: d.RatHTML, Status: d.Status, StatusLabel: decisionStatusLabel(d.Status),
		Version: d.Version, ProposedBy: d.ProposedBy.Name, ProposerOrg: v.o.of(d.ProposedBy.Side), ProposerSide: sideClass(d.ProposedBy.Side),
		Reason: d.Reason, Locked: d.Locked()}
	dv.Created, dv.CreatedISO, _ = v.when(d.Created)
	if d.Decided != nil {
		dv.Decided, dv.DecidedISO, _ = v.when(*d.Decided)
	}
	if d.SourceMsgID != "" {
		dv.Source = "/w/" + v.d.ID + "/m/" + d.SourceMsgID
	}
	dv.Supersedes, dv.SupersededBy = v.ref(d.Supersedes), v.ref(d.SupersededBy)

	held := map[string]bool{}
	for _, k := range v.me.RoleKeys {
		held[k] = true
	}
	holders := duet.RoleHolders(v.d.Members)
	proposed := d.Status == duet.StatusProposed
	var waiting []string
	for _, so := range d.SignOffs {
		sv := SignOffView{Role: so.RoleName, Org: v.o.of(so.Side), Class: sideClass(so.Side)}
		if so.Signer != nil {
			dv.Signed++
			sv.Signer, sv.Version, sv.Stale = so.Signer.Name, so.Version, so.Version != d.Version
			if so.Signed != nil {
				sv.Signed, sv.SignedISO, _ = v.when(*so.Signed)
			}
		} else {
			waiting = append(waiting, so.RoleName+" ("+sv.Org+")")
			eligible := held[so.RoleKey] || (v.me.Permission == duet.PermAdmin && so.Side == v.me.Side && len(holders[so.RoleKey]) == 0)
			dv.CanSign = dv.CanSign || (proposed && eligible)
		}
		dv.CanReject = dv.CanReject || (proposed && held[so.RoleKey])
		dv.SignOffs = append(dv.SignOffs, sv)
	}
	if proposed {
		dv.Waiting = duet.JoinWords(waiting)
	}
	ownSide := v.me.Permission == duet.PermAdmin && v.me.Side == d.ProposedBy.Side
	dv.CanWithdraw = proposed && (d.ProposedBy.MemberID == v.me.ID || ownSide)
	dv.CanEdit = proposed && !v.guest()
	dv.CanSupersede = d.Status == duet.StatusApproved && d.SupersededBy == nil && !v.guest()
	return dv
}

func (v *viewer) ref(r *duet.DecisionRef) *DecisionRefView {
	if r == nil {
		return nil
	}
	return &DecisionRefView{URL: "/w/" + v.d.ID + "/decisions/" + r.ID, Ref: "D-" + strconv.Itoa(r.Number), Title: r.Title,
		Status: r.Status, StatusLabel: decisionStatusLabel(r.Status)}
}

// DecisionForm is what the propose and edit forms send.
type DecisionForm struct {
	Kind        string
	Title       string
	Body        string
	Rationale   string
	FromMessage string
	Supersedes  string
	Version     int
}

// decisionFields are the inputs of the decision forms as core names them.
var decisionFields = []string{"kind", "title", "body", "rationale"}

// kindOptions are the decision kinds to choose from.
func kindOptions(chosen string) []Option {
	out := make([]Option, len(duet.DecisionKinds))
	for i, k := range duet.DecisionKinds {
		out[i] = Option{Value: k, Label: duet.DecisionKindName(k), Selected: k == chosen}
	}
	return out
}
