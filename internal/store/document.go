package store

import (
	"context"
	"database/sql"
	"time"

	"duet/internal/duet"
)

const docSelect = `SELECT v.kind, v.version, v.status, v.body, v.note, v.created_by, u.name, cm.side, v.created_at,
	COALESCE(d.id, ''), COALESCE(d.number, 0), COALESCE(d.title, ''), COALESCE(d.status, '')
	FROM doc_versions v JOIN members cm ON cm.id = v.created_by JOIN users u ON u.id = cm.user_id
	LEFT JOIN decisions d ON d.id = v.decision_id`

func scanDoc(scan func(...any) error) (duet.DocVersion, error) {
	var v duet.DocVersion
	var created string
	var d duet.DecisionRef
	err := scan(&v.Kind, &v.Version, &v.Status, &v.Body, &v.Note, &v.By.MemberID, &v.By.Name, &v.By.Side, &created,
		&d.ID, &d.Number, &d.Title, &d.Status)
	v.Created = parseTS(created)
	if d.ID != "" {
		v.Decision = &d
	}
	return v, err
}

// DocVersions lists a document's versions, newest first, with their
// sign-offs.
func (tx *Tx) DocVersions(ctx context.Context, wsID, kind string) ([]duet.DocVersion, error) {
	var out []duet.DocVersion
	err := tx.each(ctx, docSelect+` WHERE v.workspace_id = $1 AND v.kind = $2 ORDER BY v.version DESC`, []any{wsID, kind},
		func(scan func(...any) error) error {
			v, err := scanDoc(scan)
			out = append(out, v)
			return err
		})
	if err != nil {
		return nil, err
	}
	return out, tx.loadSignOffs(ctx, wsID, kind, out)
}

// DocVersion returns one version of a document; version 0 is the latest.
// ENotFound when there is none.
func (tx *Tx) DocVersion(ctx context.Context, wsID, kind string, version int) (duet.DocVersion, error) {
	q := docSelect + ` WHERE v.workspace_id = $1 AND v.kind = $2 AND v.version = $3`
	if version == 0 {
		q = docSelect + ` WHERE v.workspace_id = $1 AND v.kind = $2 AND $3 = 0 ORDER BY v.version DESC LIMIT 1`
	}
	v, err := scanDoc(tx.row(ctx, q, wsID, kind, version).Scan)
	if err != nil {
		return v, notFound(err, duet.DocName(kind)+" version")
	}
	vs := []duet.DocVersion{v}
	err = tx.loadSignOffs(ctx, wsID, kind, vs)
	return vs[0], err
}

// ApprovedDoc returns the newest approved version of a document, or
// ENotFound.
func (tx *Tx) ApprovedDoc(ctx context.Context, wsID, kind string) (duet.DocVersion, error) {
	v, err := scanDoc(tx.row(ctx, docSelect+` WHERE v.workspace_id = $1 AND v.kind = $2 AND v.status = 'approved' ORDER BY v.version DESC LIMIT 1`, wsID, kind).Scan)
	return v, notFound(err, "approved "+duet.DocName(kind))
}

func (tx *Tx) loadSignOffs(ctx context.Context, wsID, kind string, vs []duet.DocVersion) error {
	if len(vs) == 0 {
		return nil
	}
	at := map[int]int{}
	for i := range vs {
		at[vs[i].Version] = i
		vs[i].SignOffs = []duet.DocSignOff{{Side: duet.SideHost}, {Side: duet.SidePartner}}
	}
	return tx.each(ctx, `SELECT s.version, s.side, s.member_id, u.name, s.signed_at FROM doc_signoffs s
		JOIN members m ON m.id = s.member_id JOIN users u ON u.id = m.user_id
		WHERE s.workspace_id = $1 AND s.kind = $2 AND s.version >= $3`, []any{wsID, kind, vs[len(vs)-1].Version},
		func(scan func(...any) error) error {
			var version int
			var side duet.Side
			var a duet.Author
			var signed string
			if err := scan(&version, &side, &a.MemberID, &a.Name, &signed); err != nil {
				return err
			}
			i, ok := at[version]
			if !ok {
				return nil
			}
			a.Side = side
			t := parseTS(signed)
			if so := vs[i].SignedBy(side); so != nil {
				so.Signer, so.Signed = &a, &t
			}
			return nil
		})
}

// InsertDocVersion writes a new version. EConflict when that version
// number exists: someone saved meanwhile.
func (tx *Tx) InsertDocVersion(ctx context.Context, wsID string, v duet.DocVersion) error {
	_, err := tx.exec(ctx, `INSERT INTO doc_versions (workspace_id, kind, version, status, body, note, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, wsID, v.Kind, v.Version, v.Status, v.Body, v.Note, v.By.MemberID, ts(v.Created))
	if duet.ErrorKind(err) == duet.EConflict {
		return duet.Errorf(duet.EConflict, "Someone saved version %d of the %s meanwhile; reload to see it.", v.Version, duet.DocName(v.Kind))
	}
	return err
}

// SetDocStatus moves a version from one status to another, naming the
// decision that approves it ("" keeps it). EConflict when it is not in
// status from.
func (tx *Tx) SetDocStatus(ctx context.Context, wsID, kind string, version int, from, to, decisionID string) error {
	res, err := tx.exec(ctx, `UPDATE doc_versions SET status = $5, decision_id = COALESCE(NULLIF($6, ''), decision_id)
		WHERE workspace_id = $1 AND kind = $2 AND version = $3 AND status = $4`, wsID, kind, version, from, to, decisionID)
	return versioned(res, err, duet.DocName(kind))
}

// SupersedeApproved marks every approved version older than version
// superseded.
func (tx *Tx) SupersedeApproved(ctx context.Context, wsID, kind string, version int) error {
	_, err := tx.exec(ctx, `UPDATE doc_versions SET status = 'superseded' WHERE workspace_id = $1 AND kind = $2 AND status = 'approved' AND version < $3`,
		wsID, kind, version)
	return err
}

// SignDoc records side's signature on a version; false when that side
// had already signed it.
func (tx *Tx) SignDoc(ctx context.Context, wsID, kind string, version int, side duet.Side, memberID string, at time.Time) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO doc_signoffs (workspace_id, kind, version, side, member_id, signed_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT DO NOTHING`, wsID, kind, version, side, memberID, ts(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DocByDecision returns the document version a decision approves.
func (tx *Tx) DocByDecision(ctx context.Context, decisionID string) (wsID, kind string, version int, ok bool, err error) {
	err = tx.row(ctx, `SELECT workspace_id, kind, version FROM doc_versions WHERE decision_id = $1`, decisionID).Scan(&wsID, &kind, &version)
	if err == sql.ErrNoRows {
		return "", "", 0, false, nil
	}
	return wsID, kind, version, err == nil, mapErr(err)
}

// DocStates returns where each of the workspace's documents stands.
func (tx *Tx) DocStates(ctx context.Context, wsID string) (map[string]duet.DocState, error) {
	out := map[string]duet.DocState{}
	err := tx.each(ctx, `SELECT v.kind, v.version, v.status,
			COALESCE((SELECT max(a.version) FROM doc_versions a WHERE a.workspace_id = v.workspace_id AND a.kind = v.kind AND a.status = 'approved'), 0)
		FROM doc_versions v WHERE v.workspace_id = $1
			AND v.version = (SELECT max(l.version) FROM doc_versions l WHERE l.workspace_id = v.workspace_id AND l.kind = v.kind)`, []any{wsID},
		func(scan func(...any) error) error {
			var kind string
			var s duet.DocState
			err := scan(&kind, &s.Latest, &s.LatestStatus, &s.Approved)
			out[kind] = s
			return err
		})
	return out, err
}

// SetActual records the entered actual of one of the brief's goals.
func (tx *Tx) SetActual(ctx context.Context, wsID, key string, value float64, memberID string, at time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO kpi_actuals (workspace_id, kpi_key, value, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (workspace_id, kpi_key) DO UPDATE SET value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
		wsID, key, value, memberID, ts(at))
	return err
}

// ClearActual forgets an entered actual.
func (tx *Tx) ClearActual(ctx context.Context, wsID, key string) error {
	_, err := tx.exec(ctx, `DELETE FROM kpi_actuals WHERE workspace_id = $1 AND kpi_key = $2`, wsID, key)
	return err
}

// Actuals returns the entered actuals by goal key.
func (tx *Tx) Actuals(ctx context.Context, wsID string) (map[string]float64, error) {
	out := map[string]float64{}
	err := tx.each(ctx, `SELECT kpi_key, value FROM kpi_actuals WHERE workspace_id = $1`, []any{wsID},
		func(scan func(...any) error) error {
			var k string
			var v float64
			err := scan(&k, &v)
			out[k] = v
			return err
		})
	return out, err
}
