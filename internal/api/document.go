package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// The signed documents: the campaign brief, the RACI matrix and the
// lead-share rules. Each save is a new version, edited from the version
// the caller read (base); a sign-off is for one exact version. The brief
// and the RACI are signed by one member of each side; the rules are
// proposed as a decision, which both sides sign.

// docPath is where the API answers a document.
func docPath(wsID, kind string) string {
	return "/api/v1/workspaces/" + wsID + "/" + map[string]string{duet.DocBrief: "brief", duet.DocRACI: "raci", duet.DocRules: "rules"}[kind]
}

// docSignOffDTO is one side's signature on a version; signed_by and
// signed_at are null until that side signs.
type docSignOffDTO struct {
	Side     string     `json:"side"`
	SignedBy *authorDTO `json:"signed_by"`
	SignedAt *string    `json:"signed_at"`
}

// docVersionDTO is one version of a signed document, without its body.
// sign_offs are the brief's and the RACI's; the rules are approved by
// their decision instead, and leave the key out.
type docVersionDTO struct {
	Version   int              `json:"version"`
	Status    string           `json:"status"`
	Note      string           `json:"note"`
	By        authorDTO        `json:"by"`
	CreatedAt string           `json:"created_at"`
	SignOffs  *[]docSignOffDTO `json:"sign_offs,omitempty"`
	Decision  *decisionRefDTO  `json:"decision"`
	URL       string           `json:"url"`
}

func toDocVersion(wsID string, v duet.DocVersion) docVersionDTO {
	dto := docVersionDTO{Version: v.Version, Status: v.Status, Note: v.Note, By: toAuthor(v.By), CreatedAt: stamp(v.Created),
		Decision: toDecisionRef(v.Decision), URL: docPath(wsID, v.Kind) + "/versions/" + strconv.Itoa(v.Version)}
	if v.Kind != duet.DocRules {
		sos := make([]docSignOffDTO, 0, len(v.SignOffs))
		for _, so := range v.SignOffs {
			s := docSignOffDTO{Side: string(so.Side), SignedAt: stampPtr(so.Signed)}
			if so.Signer != nil {
				by := toAuthor(*so.Signer)
				by.Side = string(so.Side) // a side signs for itself
				s.SignedBy = &by
			}
			sos = append(sos, s)
		}
		dto.SignOffs = &sos
	}
	return dto
}

func toDocVersionPtr(wsID string, v *duet.DocVersion) *docVersionDTO {
	if v == nil {
		return nil
	}
	dto := toDocVersion(wsID, *v)
	return &dto
}

// docStateDTO is what every document page starts with: the latest
// version (whose number is the base of the next save, 0 before the
// first), the approved one, and what the caller may do.
type docStateDTO struct {
	LatestVersion   int            `json:"latest_version"`
	ApprovedVersion *int           `json:"approved_version"`
	Status          *string        `json:"status"`
	Latest          *docVersionDTO `json:"latest"`
	Approved        *docVersionDTO `json:"approved"`
	CanEdit         bool           `json:"can_edit"`
	CanSign         bool           `json:"can_sign"`
	VersionsURL     string         `json:"versions_url"`
}

func toDocState(wsID string, v core.DocView) docStateDTO {
	dto := docStateDTO{Latest: toDocVersionPtr(wsID, v.Latest), Approved: toDocVersionPtr(wsID, v.Approved), CanEdit: v.CanEdit,
		CanSign: v.CanSign, VersionsURL: docPath(wsID, v.Kind) + "/versions"}
	if v.Latest != nil {
		dto.LatestVersion, dto.Status = v.Latest.Version, &v.Latest.Status
	}
	if v.Approved != nil {
		dto.ApprovedVersion = &v.Approved.Version
	}
	return dto
}

// docSave is what every save sends besides the document: the version
// edited (required, 0 for the first) and a note.
type docSave struct {
	Base *int   `json:"base"`
	Note string `json:"note"`
}

func (in docSave) save() (duet.DocSave, error) {
	if in.Base == nil {
		return duet.DocSave{}, duet.Invalid("base", "is required: the version you edited (latest_version as you read it), or 0 for the first")
	}
	return duet.DocSave{Base: *in.Base, Note: in.Note}, nil
}

// docView loads any document's view for the lists of versions and the
// diffs.
func (h *Handler) docView(r *http.Request, kind string) (core.DocView, error) {
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	switch kind {
	case duet.DocBrief:
		v, err := h.svc.Brief(r.Context(), a, ws)
		return v.DocView, err
	case duet.DocRACI:
		v, err := h.svc.RACI(r.Context(), a, ws)
		return v.DocView, err
	}
	v, err := h.svc.Rules(r.Context(), a, ws)
	return v.DocView, err
}

// docVersions lists a document's versions, newest first, without their
// bodies.
func (h *Handler) docVersions(kind string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		v, err := h.docView(r, kind)
		if err != nil {
			return err
		}
		out := make([]docVersionDTO, 0, len(v.Versions))
		for _, x := range v.Versions {
			out = append(out, toDocVersion(r.PathValue("id"), x))
		}
		writeJSON(w, http.StatusOK, map[string]any{"versions": out})
		return nil
	}
}

// versionOf finds the version the path names among a view's versions.
func versionOf(r *http.Request, v core.DocView) (duet.DocVersion, error) {
	n, err := strconv.Atoi(r.PathValue("version"))
	if err == nil && n > 0 {
		for _, x := range v.Versions {
			if x.Version == n {
				return x, nil
			}
		}
	}
	return duet.DocVersion{}, duet.NotFound(duet.DocName(v.Kind) + " version")
}

// lineDTO is one line of a diff: op is equal, delete or insert; old and
// new are its line numbers in each version (null where it is not).
type lineDTO struct {
	Op   string `json:"op"`
	Text string `json:"text"`
	Old  *int   `json:"old"`
	New  *int   `json:"new"`
}

// hunkDTO is one changed region with up to three equal lines around it.
type hunkDTO struct {
	OldStart int       `json:"old_start"`
	NewStart int       `json:"new_start"`
	Lines    []lineDTO `json:"lines"`
}

// docDiff compares two versions of a document as text: ?from=&to=.
func (h *Handler) docDiff(kind string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		var n [2]int
		for i, name := range []string{"from", "to"} {
			v, err := queryInt(r, name)
			if err != nil {
				return err
			}
			if v < 1 {
				return duet.Invalid(name, "is required: a version number from 1")
			}
			n[i] = int(min(v, 1<<31-1))
		}
		d, err := h.svc.DiffDoc(r.Context(), actorFrom(r.Context()), r.PathValue("id"), kind, n[0], n[1])
		if err != nil {
			return err
		}
		ws := r.PathValue("id")
		out := struct {
			From     docVersionDTO `json:"from"`
			To       docVersionDTO `json:"to"`
			Inserted int           `json:"inserted"`
			Deleted  int           `json:"deleted"`
			Hunks    []hunkDTO     `json:"hunks"`
		}{From: toDocVersion(ws, d.From), To: toDocVersion(ws, d.To), Inserted: d.Inserted, Deleted: d.Deleted, Hunks: []hunkDTO{}}
		lineNo := func(n int) *int {
			if n == 0 {
				return nil
			}
			return &n
		}
		for _, hk := range d.Hunks {
			dto := hunkDTO{OldStart: hk.OldStart, NewStart: hk.NewStart, Lines: make([]lineDTO, 0, len(hk.Lines))}
			for _, l := range hk.Lines {
				dto.Lines = append(dto.Lines, lineDTO{Op: l.Op.String(), Text: l.Text, Old: lineNo(l.Old), New: lineNo(l.New)})
			}
			out.Hunks = append(out.Hunks, dto)
		}
		writeJSON(w, http.StatusOK, out)
		return nil
	}
}

// docSign signs the latest version of the brief or the RACI for the
// caller's side, at the version they read, and answers the document.
func (h *Handler) docSign(kind string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		var in struct {
			Version int `json:"version"`
		}
		if err := decode(w, r, &in); err != nil {
			return err
		}
		if _, err := h.svc.SignDoc(r.Context(), actorFrom(r.Context()), r.PathValue("id"), kind, in.Version); err != nil {
			return err
		}
		if kind == duet.DocBrief {
			return h.briefGet(w, r)
		}
		return h.raciGet(w, r)
	}
}

// --- The campaign brief.

// goalInput is one goal as a save sends it. key is kept from the version
// read, so that entered actuals stay with the goal when it is renamed;
// a new goal leaves it out and gets one from its name.
type goalInput struct {
	Key     string  `json:"key"`
	Name    string  `json:"name"`
	Target  float64 `json:"target"`
	Unit    string  `json:"unit"`
	Side    string  `json:"side"`
	Measure string  `json:"measure"`
}

type budgetLineDTO struct {
	Item      string  `json:"item"`
	Amount    float64 `json:"amount"`
	PaidBy    string  `json:"paid_by"`
	HostShare int     `json:"host_share"`
}

// briefInput is the brief as a save sends it, and as a version holds it.
type briefInput struct {
	Goals       []goalInput     `json:"goals"`
	Audience    string          `json:"audience"`
	Scope       string          `json:"scope"`
	NonGoals    string          `json:"non_goals"`
	Messages    string          `json:"messages"`
	Timeline    string          `json:"timeline"`
	Currency    string          `json:"currency"`
	Budget      []budgetLineDTO `json:"budget"`
	BudgetNotes string          `json:"budget_notes"`
	Contacts    string          `json:"contacts"`
}

func (in *briefInput) brief() duet.Brief {
	b := duet.Brief{Audience: in.Audience, Scope: in.Scope, NonGoals: in.NonGoals, Messages: in.Messages, Timeline: in.Timeline,
		Currency: in.Currency, BudgetNotes: in.BudgetNotes, Contacts: in.Contacts}
	for _, g := range in.Goals {
		b.Goals = append(b.Goals, duet.KPI{Key: g.Key, Name: g.Name, Target: g.Target, Unit: g.Unit, Side: duet.Side(g.Side), Measure: g.Measure})
	}
	for _, l := range in.Budget {
		b.Budget = append(b.Budget, duet.BudgetLine{Item: l.Item, Amount: l.Amount, PaidBy: l.PaidBy, HostShare: l.HostShare})
	}
	return b
}

func toBriefInput(b duet.Brief) briefInput {
	out := briefInput{Goals: make([]goalInput, 0, len(b.Goals)), Audience: b.Audience, Scope: b.Scope, NonGoals: b.NonGoals, Messages: b.Messages,
		Timeline: b.Timeline, Currency: b.Currency, Budget: make([]budgetLineDTO, 0, len(b.Budget)), BudgetNotes: b.BudgetNotes, Contacts: b.Contacts}
	for _, g := range b.Goals {
		out.Goals = append(out.Goals, goalInput{Key: g.Key, Name: g.Name, Target: g.Target, Unit: g.Unit, Side: string(g.Side), Measure: g.Measure})
	}
	for _, l := range b.Budget {
		out.Budget = append(out.Budget, budgetLineDTO{Item: l.Item, Amount: l.Amount, PaidBy: l.PaidBy, HostShare: l.HostShare})
	}
	return out
}

// goalDTO is a goal compared with its actual: entered by hand (measure
// "") or computed from routed leads (computed). actual and percent are
// null until there is an actual.
type goalDTO struct {
	goalInput
	Actual   *float64 `json:"actual"`
	Percent  *int     `json:"percent"`
	Met      bool     `json:"met"`
	Computed bool     `json:"computed"`
}

func toGoals(rs []duet.KPIResult) []goalDTO {
	out := make([]goalDTO, 0, len(rs))
	for _, r := range rs {
		g := goalDTO{goalInput: goalInput{Key: r.Key, Name: r.Name, Target: r.Target, Unit: r.Unit, Side: string(r.Side), Measure: r.Measure},
			Actual: r.Actual, Met: r.Met, Computed: r.Computed}
		if r.Actual != nil {
			p := r.Percent
			g.Percent = &p
		}
		out = append(out, g)
	}
	return out
}

// briefDTO is the brief with its goals' results.
type briefDTO struct {
	briefInput
	Goals []goalDTO `json:"goals"`
}

type budgetTotalsDTO struct {
	Total   float64 `json:"total"`
	Host    float64 `json:"host"`
	Partner float64 `json:"partner"`
}

// briefPageDTO is GET of the brief. starter says nothing was saved yet
// and the brief is the template's starting goals.
type briefPageDTO struct {
	docStateDTO
	Starter      bool            `json:"starter"`
	Brief        briefDTO        `json:"brief"`
	BudgetTotals budgetTotalsDTO `json:"budget_totals"`
}

func toBriefPage(wsID string, v core.BriefView) briefPageDTO {
	dto := briefPageDTO{docStateDTO: toDocState(wsID, v.DocView), Starter: v.Latest == nil,
		Brief: briefDTO{briefInput: toBriefInput(v.Brief), Goals: toGoals(v.Results)}}
	dto.BudgetTotals.Total, dto.BudgetTotals.Host, dto.BudgetTotals.Partner = v.Brief.BudgetTotals()
	return dto
}

func (h *Handler) briefGet(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.Brief(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toBriefPage(r.PathValue("id"), v))
	return nil
}

// briefSave saves a new version of the whole brief, edited from base.
func (h *Handler) briefSave(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		docSave
		Brief *briefInput `json:"brief"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	save, err := in.save()
	if err != nil {
		return err
	}
	if in.Brief == nil {
		return duet.Invalid("brief", "is required: the whole brief, as a save replaces it")
	}
	v, err := h.svc.SaveBrief(r.Context(), actorFrom(r.Context()), r.PathValue("id"), save, in.Brief.brief())
	if err != nil {
		return prefixField(err, "brief.")
	}
	writeJSON(w, http.StatusOK, toBriefPage(r.PathValue("id"), v))
	return nil
}

// prefixField names a field of the document inside the body it was sent
// in: the brief's goals[0].name is brief.goals[0].name.
func prefixField(err error, prefix string) error {
	e, ok := errors.AsType[*duet.Error](err)
	if !ok || e.Kind != duet.EInvalid || e.Field == "" || e.Field == "base" || e.Field == "note" {
		return err
	}
	c := *e
	c.Field = prefix + c.Field
	return &c
}

// briefVersion returns one version of the brief as it was saved.
func (h *Handler) briefVersion(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.Brief(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	x, err := versionOf(r, v.DocView)
	if err != nil {
		return err
	}
	var b duet.Brief
	if err := json.Unmarshal([]byte(x.Body), &b); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		docVersionDTO
		Brief briefInput `json:"brief"`
	}{toDocVersion(r.PathValue("id"), x), toBriefInput(b)})
	return nil
}

// actualSet enters the actual of a goal measured by hand; null clears it.
func (h *Handler) actualSet(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Value json.RawMessage `json:"value"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var value *float64
	switch {
	case len(in.Value) == 0:
		return duet.Invalid("value", "is required: a number, or null to clear the actual")
	case !bytes.Equal(in.Value, []byte("null")):
		var f float64
		if err := json.Unmarshal(in.Value, &f); err != nil {
			return &duet.Error{Kind: duet.EBadRequest, Field: "value", Msg: "must be a JSON number or null"}
		}
		value = &f
	}
	a, ws, key := actorFrom(r.Context()), r.PathValue("id"), r.PathValue("goal")
	v, err := h.svc.Brief(r.Context(), a, ws)
	if err != nil {
		return err
	}
	found := false
	for _, g := range v.Brief.Goals {
		if g.Key == key {
			found = true
			if g.Measure != duet.MeasureEntered {
				return duet.Invalid("goal", "%q is computed from routed leads (%s); it cannot be entered", g.Name, duet.MeasureName(g.Measure))
			}
		}
	}
	if !found {
		return duet.NotFound("goal") // the path names it
	}
	if err := h.svc.SetActual(r.Context(), a, ws, key, value); err != nil {
		if e, ok := errors.AsType[*duet.Error](err); ok && e.Field == "key" {
			c := *e
			c.Field = "goal"
			return &c
		}
		return err
	}
	return h.briefGet(w, r)
}

// --- The RACI matrix.

type raciRowDTO struct {
	Workstream string            `json:"workstream"`
	Cells      map[string]string `json:"cells"`
}

// raciRoleDTO is a column of the matrix: every role of the workspace,
// in order; used says a row gives it a letter.
type raciRoleDTO struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Side string `json:"side"`
	Used bool   `json:"used"`
}

// problemDTO is why a matrix does not validate, naming the row.
type problemDTO struct {
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func toProblem(err error) *problemDTO {
	if err == nil {
		return nil
	}
	return &problemDTO{Message: duet.ErrorMessage(err), Field: duet.ErrorField(err)}
}

func toRACIRows(r duet.RACI) []raciRowDTO {
	out := make([]raciRowDTO, 0, len(r.Rows))
	for _, row := range r.Rows {
		cells := row.Cells
		if cells == nil {
			cells = map[string]string{}
		}
		out = append(out, raciRowDTO{Workstream: row.Workstream, Cells: cells})
	}
	return out
}

func toRACIRoles(r duet.RACI, roles []duet.Role) []raciRoleDTO {
	used := map[string]bool{}
	for _, ro := range r.RolesUsed(roles) {
		used[ro.Key] = true
	}
	out := make([]raciRoleDTO, 0, len(roles))
	for _, ro := range roles {
		out = append(out, raciRoleDTO{Key: ro.Key, Name: ro.Name, Side: string(ro.Side), Used: used[ro.Key]})
	}
	return out
}

// raciPageDTO is GET of the RACI: drafted says nothing was saved yet and
// the rows are a draft from the task lists; problem is why the latest
// version does not validate now (the roles may have changed), or null.
type raciPageDTO struct {
	docStateDTO
	Drafted bool          `json:"drafted"`
	Problem *problemDTO   `json:"problem"`
	Roles   []raciRoleDTO `json:"roles"`
	Rows    []raciRowDTO  `json:"rows"`
	CSVURL  string        `json:"csv_url"`
}

func toRACIPage(wsID string, v core.RACIView) raciPageDTO {
	return raciPageDTO{docStateDTO: toDocState(wsID, v.DocView), Drafted: v.Drafted, Problem: toProblem(v.Problem),
		Roles: toRACIRoles(v.RACI, v.Roles), Rows: toRACIRows(v.RACI), CSVURL: "/api/v1/workspaces/" + wsID + "/raci.csv"}
}

func (h *Handler) raciGet(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.RACI(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRACIPage(r.PathValue("id"), v))
	return nil
}

// raciSave saves a new version of the whole matrix, edited from base.
func (h *Handler) raciSave(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		docSave
		Rows *[]raciRowDTO `json:"rows"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	save, err := in.save()
	if err != nil {
		return err
	}
	if in.Rows == nil {
		return duet.Invalid("rows", "is required: every workstream, as a save replaces the matrix")
	}
	var m duet.RACI
	for _, row := range *in.Rows {
		m.Rows = append(m.Rows, duet.RACIRow{Workstream: row.Workstream, Cells: row.Cells})
	}
	v, err := h.svc.SaveRACI(r.Context(), actorFrom(r.Context()), r.PathValue("id"), save, m)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRACIPage(r.PathValue("id"), v))
	return nil
}

// raciVersion returns one version of the matrix as it was saved.
func (h *Handler) raciVersion(w http.ResponseWriter, r *http.Request) error {
	v, err := h.svc.RACI(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	x, err := versionOf(r, v.DocView)
	if err != nil {
		return err
	}
	var m duet.RACI
	if err := json.Unmarshal([]byte(x.Body), &m); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		docVersionDTO
		Roles []raciRoleDTO `json:"roles"`
		Rows  []raciRowDTO  `json:"rows"`
	}{toDocVersion(r.PathValue("id"), x), toRACIRoles(m, v.Roles), toRACIRows(m)})
	return nil
}

// raciDraft proposes a matrix from the task lists, their tasks and the
// asset review steps. Nothing is saved: the answer is for editing, then
// PUT.
func (h *Handler) raciDraft(w http.ResponseWriter, r *http.Request) error {
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	m, err := h.svc.DraftRACI(r.Context(), a, ws)
	if err != nil {
		return err
	}
	d, err := h.svc.Workspace(r.Context(), a, ws)
	if err != nil {
		return err
	}
	rows := toRACIRows(m)
	check := duet.RACI{Rows: append([]duet.RACIRow(nil), m.Rows...)}
	writeJSON(w, http.StatusOK, map[string]any{"problem": toProblem(check.Validate(d.Roles)), "roles": toRACIRoles(m, d.Roles), "rows": rows})
	return nil
}

// raciCSV downloads a version of the matrix (?version=; the latest by
// default) as CSV.
func (h *Handler) raciCSV(w http.ResponseWriter, r *http.Request) error {
	n, err := queryInt(r, "version")
	if err != nil {
		return err
	}
	if n < 0 || n > 1<<31-1 {
		return duet.Invalid("version", "must be a version number from 1")
	}
	var buf bytes.Buffer
	if err := h.svc.WriteRACICSV(r.Context(), actorFrom(r.Context()), r.PathValue("id"), int(n), &buf); err != nil {
		return err
	}
	writeCSV(w, "raci.csv", buf.Bytes())
	return nil
}

// writeCSV answers a CSV file, written in full before it is sent so that
// a failure midway is still an error answer.
func writeCSV(w http.ResponseWriter, name string, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "text/csv; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
