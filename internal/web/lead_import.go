package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// maxCSV caps a CSV of leads or a customer list: 5 MB is some 25,000
// rows, more than an import takes.
const maxCSV = 5 << 20

// csvLimit is what a CSV file input takes.
func csvLimit() UploadLimit {
	return UploadLimit{Bytes: maxCSV, Label: byteSize(maxCSV), Accept: ".csv,.txt,text/csv,text/plain", Types: "CSV or plain text"}
}

// csvTooLarge is the refusal of a file over the limit, at the file input.
func csvTooLarge() error {
	return &duet.Error{Kind: duet.ETooLarge, Field: "file", Msg: "the file is larger than " + byteSize(maxCSV) + "; nothing was read. Split it and upload the parts one by one"}
}

// readTextForm reads a form that sends a text file: an uploaded file
// (the field "file"), or text pasted into the field named text. The
// form may be multipart or URL-encoded. A body over the limit is refused
// before it is read when its length is declared.
func readTextForm(w http.ResponseWriter, r *http.Request, text string) (string, url.Values, error) {
	if r.ContentLength > maxCSV+uploadSlack {
		return "", nil, csvTooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCSV+uploadSlack)
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return "", nil, textBodyError(err)
		}
		return r.PostForm.Get(text), r.PostForm, nil
	}
	if err != nil {
		return "", nil, duet.Errorf(duet.EBadRequest, "The form could not be read.")
	}
	fields := url.Values{}
	var file string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fields, textBodyError(err)
		}
		b, err := io.ReadAll(io.LimitReader(part, maxCSV+1))
		if err != nil {
			return "", fields, textBodyError(err)
		}
		if len(b) > maxCSV {
			return "", fields, csvTooLarge()
		}
		if part.FormName() == "file" && part.FileName() != "" {
			file = string(b)
			continue
		}
		fields.Add(part.FormName(), string(b))
	}
	if strings.TrimSpace(file) != "" {
		return file, fields, nil
	}
	return fields.Get(text), fields, nil
}

// fileFormError is actionError for a form that sends a file: core's
// messages about the file that follow its name ("lists no domains",
// "has more than 10000 rows") read as sentences about "the file".
func fileFormError(err error) (FormError, bool) {
	fe, ok := actionError(err, "file")
	if !ok || duet.ErrorField(err) != "file" {
		return fe, ok
	}
	msg := duet.ErrorMessage(err)
	for _, verb := range []string{"lists ", "has ", "cannot ", "is ", "must "} {
		if strings.HasPrefix(msg, verb) {
			msg = "The file " + msg
			break
		}
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	fe.Msg = capitalize(msg)
	return fe, ok
}

// textBodyError words a failure to read a text upload.
func textBodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return csvTooLarge()
	}
	return duet.Errorf(duet.EBadRequest, "The form could not be read.")
}

// LeadImportPage is a CSV import of leads: the upload form, then the
// preview of what importing would do, then what it did.
type LeadImportPage struct {
	Base
	WS      string
	Tabs    LeadTabs
	Action  string
	Err     FormError
	Limit   UploadLimit
	CSV     string // the file, carried from the preview to the import
	Preview *ImportPreviewView
	Done    *ImportDoneView
	Inbox   string
	Rules   string
}

// ImportPreviewView is what an import would do, row by row.
type ImportPreviewView struct {
	Rows     int
	Valid    int
	Invalid  int
	Dupes    int
	Ignored  string
	HasRules bool
	Errors   []ImportErrorRow
	ByRule   []RuleCount
	Sample   []ImportSampleRow
	More     int // valid rows not in the sample
}

// ImportErrorRow is a refused row: its line in the file and why.
type ImportErrorRow struct {
	Line  int
	Field string
	Msg   string
}

// RuleCount is how many rows of an import one rule would route.
type RuleCount struct {
	Rule  string
	Count int
}

// ImportSampleRow is one good row of the preview.
type ImportSampleRow struct {
	Line      int
	Email     string
	Name      string
	Company   string
	Rule      string
	Duplicate bool
}

// ImportDoneView is what an import did.
type ImportDoneView struct {
	Created    int
	Duplicates int
	Errors     []ImportErrorRow
}

// importSample is how many good rows the preview lists.
const importSample = 25

// importColumns name a CSV's columns for its row errors.
var importColumns = map[string]string{
	"email": "email", "name": "name", "company": "company", "country": "country", "region": "region", "industry": "industry",
	"employees": "employees", "form_id": "form id", "utm_source": "UTM source", "campaign": "campaign", "external_id": "external id",
	"owner": "owner", "consent": "consent", "row": "row",
}

// importError lays out a refused row.
func importError(row duet.LeadRow) ImportErrorRow {
	field := duet.ErrorField(row.Err)
	msg := duet.ErrorMessage(row.Err)
	col, ok := importColumns[field]
	if !ok {
		col = field
	}
	if strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "must ") || strings.HasPrefix(msg, "has ") {
		msg = capitalize(col) + " " + msg
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return ImportErrorRow{Line: row.Line, Field: col, Msg: capitalize(msg)}
}

// importPreview lays out a preview.
func importPreview(p core.ImportPreview) *ImportPreviewView {
	pv := &ImportPreviewView{Rows: len(p.Rows), Valid: p.Valid, Invalid: p.Invalid, Dupes: p.Dupes, HasRules: p.HasRules,
		Ignored: strings.Join(p.Ignored, ", ")}
	counts := map[string]int{}
	for _, row := range p.Rows {
		if row.Err != nil {
			pv.Errors = append(pv.Errors, importError(row.LeadRow))
			continue
		}
		if !row.Duplicate && row.Rule != "" {
			if counts[row.Rule] == 0 {
				pv.ByRule = append(pv.ByRule, RuleCount{Rule: row.Rule})
			}
			counts[row.Rule]++
		}
		if len(pv.Sample) < importSample {
			pv.Sample = append(pv.Sample, ImportSampleRow{Line: row.Line, Email: row.Lead.Email, Name: row.Lead.Name, Company: row.Lead.Company,
				Rule: row.Rule, Duplicate: row.Duplicate})
		} else {
			pv.More++
		}
	}
	for i := range pv.ByRule {
		pv.ByRule[i].Count = counts[pv.ByRule[i].Rule]
	}
	slices.SortStableFunc(pv.ByRule, func(a, b RuleCount) int { return b.Count - a.Count })
	return pv
}

// leadImportShow serves GET /w/{ws}/leads/import: the upload form.
// Guests read leads but do not bring any in.
func (s *server) leadImportShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the leads but not import any."))
		return
	}
	s.showLeadImport(w, r, v, http.StatusOK, &LeadImportPage{})
}

// leadImport serves POST /w/{ws}/leads/import: the CSV (uploaded, or
// pasted) is read and previewed row by row, nothing written; with
// ?confirm=1 (the preview's button, which carries the file forward) it
// is imported: the good rows go in and are routed, and each refused row
// is reported with its line. A file that is not CSV is refused whole,
// naming the line.
func (s *server) leadImport(w http.ResponseWriter, r *http.Request) {
	text, _, err := readTextForm(w, r, "csv")
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the leads but not import any."))
		return
	}
	a, ws := actorOf(r), v.d.ID
	p := &LeadImportPage{}
	if err == nil && strings.TrimSpace(text) == "" {
		err = duet.Invalid("file", "is required: choose a CSV file, or paste its rows")
	}
	if err == nil && r.URL.Query().Get("confirm") != "" {
		var sum core.ImportSummary
		if sum, err = s.svc.ImportLeads(r.Context(), a, ws, strings.NewReader(text)); err == nil {
			p.Done = &ImportDoneView{Created: sum.Created, Duplicates: sum.Duplicates}
			for _, row := range sum.Errors {
				p.Done.Errors = append(p.Done.Errors, importError(row))
			}
			s.showLeadImport(w, r, v, http.StatusOK, p)
			return
		}
	} else if err == nil {
		var pv core.ImportPreview
		if pv, err = s.svc.PreviewImport(r.Context(), a, ws, strings.NewReader(text)); err == nil {
			p.Preview, p.CSV = importPreview(pv), text
			s.showLeadImport(w, r, v, http.StatusOK, p)
			return
		}
	}
	fe, ok := fileFormError(err)
	if !ok {
		s.Error(w, r, err)
		return
	}
	if fe.Field == "" && duet.ErrorKind(err) != duet.EForbidden {
		fe.Field = "file"
	}
	p.Err = fe
	s.showLeadImport(w, r, v, duet.HTTPStatus(err), p)
}

// showLeadImport renders the import page around p.
func (s *server) showLeadImport(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *LeadImportPage) {
	ws := v.d.ID
	p.WS, p.Tabs, p.Action, p.Limit = ws, leadTabs(ws, "import"), leadImportURL(ws), csvLimit()
	p.Inbox, p.Rules = leadsURL(ws), rulesURL(ws)
	nav, bell, err := s.frame(r, v, "leads", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	title := "Import leads"
	switch {
	case p.Done != nil:
		title = "Leads imported"
	case p.Preview != nil:
		title = "Check the import"
	}
	p.Base = Base{Title: title + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "lead_import", p)
}
