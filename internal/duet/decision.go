package duet

import (
	"html/template"
	"strings"
	"time"
	"unicode/utf8"
)

// Decision kinds.
const (
	KindCopy           = "copy"
	KindCreative       = "creative"
	KindLaunchSequence = "launch_sequencing"
	KindLeadShareRules = "lead_share_rules"
	KindScopeChange    = "scope_change"
	KindLaunchCall     = "launch_call"
	KindOther          = "other"
)

// DecisionKinds lists the kinds in the order pages show them.
var DecisionKinds = []string{KindCopy, KindCreative, KindLaunchSequence, KindLeadShareRules, KindScopeChange, KindLaunchCall, KindOther}

// DecisionKindName is how a kind reads on a page.
func DecisionKindName(k string) string {
	switch k {
	case KindLaunchSequence:
		return "Launch sequencing"
	case KindLeadShareRules:
		return "Lead-share rules"
	case KindScopeChange:
		return "Scope change"
	case KindLaunchCall:
		return "Launch call"
	}
	if k == "" {
		return ""
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

func validKind(k string) bool {
	for _, x := range DecisionKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Decision statuses. Proposed decisions may be edited (which resets their
// sign-offs); every other status is final, except that an approved
// decision becomes superseded when a decision replacing it is approved.
const (
	StatusProposed   = "proposed"
	StatusApproved   = "approved"
	StatusRejected   = "rejected"
	StatusWithdrawn  = "withdrawn"
	StatusSuperseded = "superseded"
)

// DecisionStatuses lists the statuses in the order pages show them.
var DecisionStatuses = []string{StatusProposed, StatusApproved, StatusRejected, StatusWithdrawn, StatusSuperseded}

// Decision is one entry of the #decisions log.
type Decision struct {
	ID        string
	Number    int // D-n within the workspace
	Kind      string
	Title     string
	Body      string
	HTML      template.HTML
	Rationale string
	RatHTML   template.HTML
	Status    string
	// Version counts edits; a sign-off is for one version.
	Version      int
	ProposedBy   Author
	Created      time.Time
	Updated      time.Time
	Decided      *time.Time
	SourceMsgID  string // the message it was recorded from
	SourceChanID string
	Supersedes   *DecisionRef
	SupersededBy *DecisionRef
	Reason       string // why it was rejected or withdrawn
	SignOffs     []SignOff
	Links        []DecisionRef
}

// DecisionRef names another decision.
type DecisionRef struct {
	ID     string
	Number int
	Title  string
	Status string
}

// SignOff is one required signature: a role of one side, and who signed
// which version when.
type SignOff struct {
	RoleKey  string
	RoleName string
	Side     Side
	Signer   *Author // nil until signed
	Version  int
	Signed   *time.Time
}

// Locked reports whether the decision can no longer change.
func (d *Decision) Locked() bool { return d.Status != StatusProposed }

// Pending returns the sign-offs still missing.
func (d *Decision) Pending() []SignOff {
	var out []SignOff
	for _, s := range d.SignOffs {
		if s.Signer == nil {
			out = append(out, s)
		}
	}
	return out
}

// FullySigned reports whether every required sign-off is in, for the
// current version.
func (d *Decision) FullySigned() bool {
	if len(d.SignOffs) == 0 {
		return false
	}
	for _, s := range d.SignOffs {
		if s.Signer == nil || s.Version != d.Version {
			return false
		}
	}
	return true
}

// DecisionCreate is the input for proposing a decision.
type DecisionCreate struct {
	Kind      string
	Title     string
	Body      string
	Rationale string
	// FromMessage records a chat message as this decision.
	FromMessage string
	// Supersedes names an approved decision this one replaces.
	Supersedes string
	// Signers overrides the template's roles for the kind: role keys, at
	// least one per side.
	Signers []string
}

// Validate checks the fields; signer roles are checked against the
// workspace by the caller.
func (in *DecisionCreate) Validate() error {
	if in.Kind == "" {
		in.Kind = KindOther
	}
	if !validKind(in.Kind) {
		return Invalid("kind", "%q is not a decision kind; use one of %s", in.Kind, strings.Join(DecisionKinds, ", "))
	}
	return validateDecisionText(&in.Title, &in.Body, &in.Rationale)
}

func validateDecisionText(title, body, rationale *string) error {
	*title = strings.TrimSpace(*title)
	if err := textField("title", *title, 200); err != nil {
		return err
	}
	b, err := ValidateBody("body", *body)
	if err != nil {
		return err
	}
	*body = b
	*rationale = strings.TrimSpace(*rationale)
	if len(*rationale) > MaxMessageBytes || !utf8.ValidString(*rationale) {
		return Invalid("rationale", "must be at most %d KB of text", MaxMessageBytes/1000)
	}
	return nil
}

// DecisionUpdate edits a proposed decision. Version is the version the
// editor saw: a stale one is refused, so nobody overwrites text they have
// not read.
type DecisionUpdate struct {
	Version   int
	Title     string
	Body      string
	Rationale string
}

// Validate checks the fields.
func (in *DecisionUpdate) Validate() error {
	if in.Version < 1 {
		return Invalid("version", "is required: the version you edited")
	}
	return validateDecisionText(&in.Title, &in.Body, &in.Rationale)
}

// DecisionFilter selects decisions for the log.
type DecisionFilter struct {
	Kind   string
	Status string
}

// Validate checks the filter values.
func (f DecisionFilter) Validate() error {
	if f.Kind != "" && !validKind(f.Kind) {
		return Invalid("kind", "%q is not a decision kind", f.Kind)
	}
	if f.Status != "" {
		for _, s := range DecisionStatuses {
			if s == f.Status {
				return nil
			}
		}
		return Invalid("status", "%q is not a decision status", f.Status)
	}
	return nil
}

// ValidateReason checks the reason given for rejecting or withdrawing.
func ValidateReason(s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", Invalid("reason", "is required: say why")
	}
	if utf8.RuneCountInString(s) > 2000 {
		return "", Invalid("reason", "must be at most 2000 characters")
	}
	return s, nil
}

// DecisionSigners returns the role keys that sign a decision of kind in a
// workspace made from t: the template's list for the kind, or else the
// first role of each side, so every decision is signed by both.
func DecisionSigners(t *Template, kind string) []string {
	if t != nil {
		if keys := t.DecisionSigners[kind]; len(keys) > 0 {
			return keys
		}
		var out []string
		for _, side := range []Side{SideHost, SidePartner} {
			if k := firstRoleOf(t, side); k != "" {
				out = append(out, k)
			}
		}
		return out
	}
	return nil
}

func firstRoleOf(t *Template, side Side) string {
	for _, r := range t.Roles {
		if r.Side == side {
			return r.Key
		}
	}
	return ""
}

// CheckSigners validates a list of signer role keys against the
// workspace's roles: known, distinct, and at least one per side.
func CheckSigners(keys []string, roles []Role) error {
	bySide := map[Side]int{}
	seen := map[string]bool{}
	for _, k := range keys {
		var role *Role
		for i := range roles {
			if roles[i].Key == k {
				role = &roles[i]
			}
		}
		if role == nil {
			return Invalid("signers", "%q is not a role of this workspace", k)
		}
		if seen[k] {
			return Invalid("signers", "%q is listed twice", k)
		}
		seen[k] = true
		bySide[role.Side]++
	}
	if bySide[SideHost] == 0 || bySide[SidePartner] == 0 {
		return Invalid("signers", "need at least one signer role on each side")
	}
	return nil
}
