package duet

import (
	"time"
)

// Signed documents: the campaign brief, the RACI matrix and the lead-share
// rules. Each save makes a new version; a sign-off is for one exact
// version, so a new version starts unsigned. The body of a version is the
// document's JSON and never changes once written.
const (
	DocBrief = "brief"
	DocRACI  = "raci"
	DocRules = "lead_rules"
)

// DocName is how a document reads on a page.
func DocName(kind string) string {
	switch kind {
	case DocBrief:
		return "Campaign brief"
	case DocRACI:
		return "RACI matrix"
	case DocRules:
		return "Lead-share rules"
	}
	return kind
}

// Document version statuses. The brief and the RACI go from draft to
// approved when both sides sign; the rules are proposed first, as a
// decision both sides sign. An approved version stays approved until a
// newer one is approved, which supersedes it.
const (
	DocDraft      = "draft"
	DocProposed   = "proposed"
	DocApproved   = "approved"
	DocSuperseded = "superseded"
)

// DocVersion is one version of a signed document.
type DocVersion struct {
	Kind    string
	Version int
	Status  string
	Body    string // the document's JSON
	Note    string // what changed, in the author's words
	By      Author
	Created time.Time
	// SignOffs has one entry per side, signed or not.
	SignOffs []DocSignOff
	// Decision is the decision that approves a rules version.
	Decision *DecisionRef
}

// DocSignOff is one side's signature on a version.
type DocSignOff struct {
	Side   Side
	Signer *Author // nil until signed
	Signed *time.Time
}

// SignedBy returns the sign-off of side.
func (v *DocVersion) SignedBy(side Side) *DocSignOff {
	for i := range v.SignOffs {
		if v.SignOffs[i].Side == side {
			return &v.SignOffs[i]
		}
	}
	return nil
}

// FullySigned reports whether both sides signed this version.
func (v *DocVersion) FullySigned() bool {
	h, p := v.SignedBy(SideHost), v.SignedBy(SidePartner)
	return h != nil && h.Signer != nil && p != nil && p.Signer != nil
}

// DocSave is a new version of a document: its body, the version it was
// edited from (0 for the first) and an optional note.
type DocSave struct {
	Base int
	Note string
}

// Validate checks the note.
func (in *DocSave) Validate() error {
	if in.Base < 0 {
		return Invalid("base", "must be the version you edited, or 0 for the first")
	}
	if len(in.Note) > 500 {
		return Invalid("note", "must be at most 500 characters")
	}
	return nil
}
