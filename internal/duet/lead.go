package duet

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Lead statuses. A lead waits unrouted until the rules are approved; once
// routed it is assigned, then its owner accepts or rejects it. One not
// accepted by its deadline expires, and is reassigned when its rule says
// to re-route.
const (
	LeadUnrouted   = "unrouted"
	LeadAssigned   = "assigned"
	LeadAccepted   = "accepted"
	LeadRejected   = "rejected"
	LeadExpired    = "expired"
	LeadReassigned = "reassigned"
)

// LeadStatuses lists the statuses in the order pages show them.
var LeadStatuses = []string{LeadUnrouted, LeadAssigned, LeadReassigned, LeadAccepted, LeadRejected, LeadExpired}

// Open reports whether the lead waits for its owner to accept it.
func (l *Lead) Open() bool { return l.Status == LeadAssigned || l.Status == LeadReassigned }

// Lead sources.
const (
	SourceAPI     = "api"
	SourceCSV     = "csv"
	SourceWebhook = "webhook"
)

// LeadIn is a lead as it arrives, from the API, a CSV row or a webhook.
type LeadIn struct {
	Email      string `json:"email"`
	Name       string `json:"name"`
	Company    string `json:"company"`
	Country    string `json:"country"`
	Region     string `json:"region"`
	Industry   string `json:"industry"`
	Employees  *int   `json:"employees"`
	FormID     string `json:"form_id"`
	UTMSource  string `json:"utm_source"`
	Campaign   string `json:"campaign"`
	ExternalID string `json:"external_id"`
	// Owner is an owner the lead already has in a CRM.
	Owner string `json:"owner"`
	// Consent is the lead's consent to be shared with the other side;
	// missing means no.
	Consent bool `json:"consent"`
}

// MaxLeadBatch is how many leads one request may carry.
const MaxLeadBatch = 1000

// Normalize checks a lead and tidies it: the email lower-cased (what
// deduplication compares), text trimmed. field prefixes the names of its
// fields in errors ("leads[3]." or "").
func (in *LeadIn) Normalize(field string) error {
	email, err := NormalizeEmail(field+"email", in.Email)
	if err != nil {
		return err
	}
	in.Email = email
	for _, t := range []struct {
		name string
		v    *string
		max  int
	}{{"name", &in.Name, 200}, {"company", &in.Company, 200}, {"country", &in.Country, 80}, {"region", &in.Region, 80},
		{"industry", &in.Industry, 120}, {"form_id", &in.FormID, 200}, {"utm_source", &in.UTMSource, 200},
		{"campaign", &in.Campaign, 200}, {"external_id", &in.ExternalID, 200}, {"owner", &in.Owner, 200}} {
		*t.v = strings.TrimSpace(*t.v)
		if utf8.RuneCountInString(*t.v) > t.max {
			return Invalid(field+t.name, "must be at most %d characters", t.max)
		}
		if strings.ContainsAny(*t.v, "\r\n\x00") {
			return Invalid(field+t.name, "must be a single line")
		}
	}
	if in.Employees != nil && (*in.Employees < 0 || *in.Employees > 10_000_000) {
		return Invalid(field+"employees", "must be a count from 0 to 10,000,000")
	}
	return nil
}

// Domain returns the part of an email address after the @.
func Domain(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return strings.ToLower(d)
}

// Lead is one lead of the campaign with its current routing.
type Lead struct {
	ID          string
	WorkspaceID string
	Number      int // L-n within the workspace
	LeadIn
	Domain string
	Origin Side // the side that captured it
	Source string
	// Customer flags, from each side's account list at arrival.
	HostCustomer    bool
	PartnerCustomer bool
	Status          string
	RejectReason    string
	// Route is the latest routing record; nil while unrouted.
	Route       *LeadRoute
	AcceptedAt  *time.Time
	ContactedAt *time.Time
	Created     time.Time
	Updated     time.Time
	Version     int
}

// Facts returns what the rules read of the lead.
func (l *Lead) Facts() LeadFacts {
	f := LeadFacts{Domain: l.Domain, Company: l.Company, Country: l.Country, Region: l.Region, Industry: l.Industry,
		FormID: l.FormID, UTMSource: l.UTMSource, Campaign: l.Campaign, HostCustomer: l.HostCustomer,
		PartnerCustomer: l.PartnerCustomer, OwnerAssigned: l.Owner != "", Consent: l.Consent, Origin: l.Origin}
	if l.Employees != nil {
		f.Employees, f.EmployeesKnown = *l.Employees, true
	}
	return f
}

// VisibleTo reports whether a member of side may see the lead: the side
// that captured it and the side it is routed to.
func (l *Lead) VisibleTo(side Side) bool {
	return l.Origin == side || (l.Route != nil && l.Route.Side == side)
}

// LeadRoute is one routing of a lead, written once: the rules version and
// rule that decided, why, the owner, the SLA deadlines and attribution.
type LeadRoute struct {
	Seq          int
	RulesVersion int
	RuleKey      string
	RuleName     string
	Reason       string
	Side         Side
	Owner        *Author // nil while the lead waits in the side's inbox
	RoleKey      string
	AcceptBy     time.Time
	ContactBy    time.Time
	Attribution  Attribution
	ConsentKept  bool
	// Escalate is the rule's escalation role; Reroute its re-route flag.
	Escalate string
	Reroute  bool
	Created  time.Time
}

// LeadEvent is one entry of a lead's history.
type LeadEvent struct {
	At     time.Time
	Actor  *Author // nil for Duet itself
	Status string
	Note   string
}

// LeadFilter narrows a lead list.
type LeadFilter struct {
	Status string
	// Side lists leads routed to that side; Owner those owned by a member.
	Side  Side
	Owner string
	Query string // matches email, name or company
	Limit int
}

// Validate checks the filter.
func (f *LeadFilter) Validate() error {
	if f.Status != "" && !validLeadStatus(f.Status) {
		return Invalid("status", "%q is not a lead status; use one of %s", f.Status, strings.Join(LeadStatuses, ", "))
	}
	if f.Side != "" && !f.Side.Valid() {
		return Invalid("side", "must be host or partner")
	}
	if len(f.Query) > 200 {
		return Invalid("q", "must be at most 200 characters")
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	return nil
}

func validLeadStatus(s string) bool {
	for _, x := range LeadStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// ValidateRejection checks the reason an owner gives for rejecting a lead.
func ValidateRejection(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if err := textField("reason", reason, 500); err != nil {
		if reason == "" {
			return "", Invalid("reason", "is required: say why the lead is not yours to follow up")
		}
		return "", err
	}
	return reason, nil
}

// LeadRow is one data row of a CSV import: the lead it holds, or why not.
type LeadRow struct {
	Line int // in the file, the header being line 1
	Lead LeadIn
	Err  error
}

// leadColumns maps the header names a CSV may use to LeadIn fields.
var leadColumns = map[string]string{
	"email": "email", "e-mail": "email", "email address": "email",
	"name": "name", "full name": "name",
	"company": "company", "company name": "company", "organization": "company",
	"country": "country", "region": "region", "industry": "industry",
	"employees": "employees", "employee count": "employees", "company size": "employees",
	"form_id": "form_id", "form id": "form_id", "form": "form_id",
	"utm_source": "utm_source", "utm source": "utm_source",
	"campaign": "campaign", "utm_campaign": "campaign",
	"external_id": "external_id", "external id": "external_id", "id": "external_id",
	"owner": "owner", "consent": "consent", "sharing consent": "consent",
}

// MaxImportRows bounds one CSV import.
const MaxImportRows = 10000

// ParseLeadCSV reads a CSV of leads with a header row naming its columns
// (email is required; unknown columns are ignored). A file that is not
// CSV, or lacks an email column, is an error naming the line; a row with
// a bad value is returned with its own error and the rest still parse.
func ParseLeadCSV(r io.Reader) ([]LeadRow, []string, error) {
	// Spreadsheets start a UTF-8 CSV with a byte-order mark; before a
	// quoted header it would make the quote a bare one.
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, Invalid("file", "is empty; the first line must name the columns, with at least email")
	}
	if err != nil {
		return nil, nil, csvError(err)
	}
	cols := make([]string, len(header))
	var ignored []string
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if k, ok := leadColumns[h]; ok && !seen[k] {
			cols[i], seen[k] = k, true
		} else if h != "" {
			ignored = append(ignored, h)
		}
	}
	if !seen["email"] {
		return nil, nil, Invalid("file", "line 1 has no email column; name the columns on the first line (email, name, company, country, …)")
	}
	var rows []LeadRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rows) == MaxImportRows {
			return nil, nil, Invalid("file", "has more than %d rows; split it", MaxImportRows)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		row := LeadRow{Line: line}
		row.Lead, row.Err = leadFromRecord(rec, cols)
		if row.Err == nil && len(rec) > len(cols) {
			row.Err = Invalid("row", "has %d values but the header names %d columns", len(rec), len(cols))
		}
		if row.Err == nil {
			row.Err = row.Lead.Normalize("")
		}
		rows = append(rows, row)
	}
	return rows, ignored, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Invalid("file", "is not valid CSV at line %d: %v", pe.Line, pe.Err)
	}
	return Invalid("file", "cannot be read: %v", err)
}

func leadFromRecord(rec, cols []string) (LeadIn, error) {
	var in LeadIn
	for i, v := range rec {
		if i >= len(cols) {
			break
		}
		v = strings.TrimSpace(v)
		switch cols[i] {
		case "email":
			in.Email = v
		case "name":
			in.Name = v
		case "company":
			in.Company = v
		case "country":
			in.Country = v
		case "region":
			in.Region = v
		case "industry":
			in.Industry = v
		case "form_id":
			in.FormID = v
		case "utm_source":
			in.UTMSource = v
		case "campaign":
			in.Campaign = v
		case "external_id":
			in.ExternalID = v
		case "owner":
			in.Owner = v
		case "employees":
			n, err := ParseEmployees(v)
			if err != nil {
				return in, err
			}
			in.Employees = n
		case "consent":
			if v == "" {
				continue
			}
			b, ok := parseFlag(v)
			if !ok {
				return in, Invalid("consent", "%q is not yes or no", v)
			}
			in.Consent = b
		}
	}
	return in, nil
}

// ParseEmployees reads an employee count as CRMs export it: "1200",
// "1,200", or a band "201-500" (its lower bound). Empty is unknown.
func ParseEmployees(s string) (*int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return nil, nil
	}
	lo, _, _ := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	lo = strings.TrimSuffix(strings.TrimSpace(lo), "+")
	n, err := strconv.Atoi(lo)
	if err != nil || n < 0 {
		return nil, Invalid("employees", "%q is not an employee count such as 250 or 201-500", s)
	}
	return &n, nil
}

// LeadReport is the shared report: leads by side, by rule, SLA kept or
// missed, attribution, and the brief's lead goals.
type LeadReport struct {
	Total    int
	Unrouted int
	BySide   map[Side]SideLeads
	ByRule   []RuleLeads
	Goals    []KPIResult
}

// SideLeads counts the leads routed to one side.
type SideLeads struct {
	Routed, Accepted, Rejected, Expired, Open int
	AcceptMet, AcceptMissed                   int
	ContactMet, ContactMissed                 int
	Sourced, Influenced                       int // credited to this side
}

// RuleLeads counts the leads one rule routed.
type RuleLeads struct {
	RuleKey, RuleName string
	Side              Side
	Count             int
}
