package core

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"

	"duet/internal/duet"
	"duet/internal/store"
)

// RACIView is the RACI matrix with the workspace's roles as columns.
type RACIView struct {
	DocView
	// RACI is the latest version, or a draft from the task lists before
	// the first save (Drafted says which).
	RACI    duet.RACI
	Drafted bool
	Roles   []duet.Role
	// Problem is why the latest version does not validate, if it does
	// not (the roles may have changed since it was saved).
	Problem error
}

// RACI returns the RACI matrix.
func (s *Service) RACI(ctx context.Context, a *duet.Actor, wsID string) (RACIView, error) {
	var v RACIView
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, m *duet.Member) error {
		v.DocView, err = docView(ctx, tx, wsID, duet.DocRACI, m)
		return err
	})
	if err != nil {
		return v, err
	}
	v.Roles = d.Roles
	if v.Latest == nil {
		v.RACI, v.Drafted = s.draftRACI(ctx, d)
		return v, nil
	}
	if err := json.Unmarshal([]byte(v.Latest.Body), &v.RACI); err != nil {
		return v, err
	}
	check := v.RACI
	check.Rows = append([]duet.RACIRow(nil), v.RACI.Rows...)
	v.Problem = check.Validate(d.Roles)
	return v, nil
}

// SaveRACI saves a new version of the RACI. A matrix that does not
// validate is refused, naming the row.
func (s *Service) SaveRACI(ctx context.Context, a *duet.Actor, wsID string, in duet.DocSave, r duet.RACI) (RACIView, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return RACIView{}, err
	}
	if err := r.Validate(d.Roles); err != nil {
		return RACIView{}, err
	}
	if _, err := s.saveDoc(ctx, a, wsID, duet.DocRACI, in, r); err != nil {
		return RACIView{}, err
	}
	return s.RACI(ctx, a, wsID)
}

// DraftRACI proposes a matrix from the task lists' DRIs, their tasks'
// DRIs and collaborators, and the asset review steps. Nothing is saved.
func (s *Service) DraftRACI(ctx context.Context, a *duet.Actor, wsID string) (duet.RACI, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.RACI{}, err
	}
	r, _ := s.draftRACI(ctx, d)
	return r, nil
}

func (s *Service) draftRACI(ctx context.Context, d *duet.WorkspaceDetail) (duet.RACI, bool) {
	src := duet.RACISource{Lists: d.TaskLists, Members: d.Members, Roles: d.Roles}
	// Shared tasks only: both sides see the draft, so a task kept to one
	// side must not shape it.
	_ = s.db.View(ctx, func(tx *store.Tx) (err error) {
		src.Tasks, err = tx.Tasks(ctx, d.ID, "", duet.TaskFilter{})
		return err
	})
	if tpl, ok := s.templates.Get(d.TemplateKey); ok {
		for _, st := range tpl.Assets.ReviewSteps {
			src.ReviewRoles = append(src.ReviewRoles, st.Role)
		}
	}
	return duet.DraftRACI(src), true
}

// WriteRACICSV writes a version of the RACI (0: the latest) as CSV: a
// header of the roles used, then a row per workstream.
func (s *Service) WriteRACICSV(ctx context.Context, a *duet.Actor, wsID string, version int, w io.Writer) error {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return err
	}
	var v duet.DocVersion
	err = s.viewDoc(ctx, a, wsID, func(tx *store.Tx, _ *duet.Member) error {
		v, err = tx.DocVersion(ctx, wsID, duet.DocRACI, version)
		return err
	})
	if err != nil {
		return err
	}
	var r duet.RACI
	if err := json.Unmarshal([]byte(v.Body), &r); err != nil {
		return err
	}
	cols := r.RolesUsed(d.Roles)
	cw := csv.NewWriter(w)
	head := []string{"Workstream"}
	for _, ro := range cols {
		head = append(head, ro.Name+" ("+string(ro.Side)+")")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, row := range r.Rows {
		rec := []string{csvSafe(row.Workstream)}
		for _, ro := range cols {
			rec = append(rec, row.Cells[ro.Key])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading user text as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}
