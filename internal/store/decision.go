package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"duet/internal/duet"
)

// NextDecisionNumber takes the workspace's next D-n number.
func (tx *Tx) NextDecisionNumber(ctx context.Context, wsID string) (int, error) {
	var n int
	err := tx.row(ctx, `UPDATE workspaces SET decision_seq = decision_seq + 1 WHERE id = $1 RETURNING decision_seq`, wsID).Scan(&n)
	return n, notFound(err, "workspace")
}

// InsertDecision writes a proposed decision and its required sign-offs.
func (tx *Tx) InsertDecision(ctx context.Context, wsID string, d *duet.Decision, seq int64) error {
	var src, sup any
	if d.SourceMsgID != "" {
		src = d.SourceMsgID
	}
	if d.Supersedes != nil {
		sup = d.Supersedes.ID
	}
	if _, err := tx.exec(ctx, `INSERT INTO decisions (id, workspace_id, number, kind, title, body, rationale, status, version, proposed_by, created_at, updated_at, source_msg_id, supersedes_id, seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14)`,
		d.ID, wsID, d.Number, d.Kind, d.Title, d.Body, d.Rationale, d.Status, d.Version, d.ProposedBy.MemberID, ts(d.Created), src, sup, seq); err != nil {
		return err
	}
	for i, s := range d.SignOffs {
		if _, err := tx.exec(ctx, `INSERT INTO decision_signoffs (decision_id, role_key, side, position) VALUES ($1, $2, $3, $4)`, d.ID, s.RoleKey, s.Side, i); err != nil {
			return err
		}
	}
	return nil
}

const decisionCols = `d.id, d.number, d.kind, d.title, d.body, d.rationale, d.status, d.version, d.proposed_by, u.id, u.name, a.side,
	d.created_at, d.updated_at, d.decided_at, d.reason, COALESCE(d.source_msg_id, ''), COALESCE(sm.channel_id, ''),
	COALESCE(d.supersedes_id, ''), COALESCE(sd.number, 0), COALESCE(sd.title, ''), COALESCE(sd.status, ''),
	COALESCE(nd.id, ''), COALESCE(nd.number, 0), COALESCE(nd.title, ''), COALESCE(nd.status, '')`

const decisionFrom = ` FROM decisions d JOIN members a ON a.id = d.proposed_by JOIN users u ON u.id = a.user_id
	LEFT JOIN messages sm ON sm.id = d.source_msg_id
	LEFT JOIN decisions sd ON sd.id = d.supersedes_id
	LEFT JOIN decisions nd ON nd.supersedes_id = d.id AND nd.status IN ('proposed', 'approved') `

func scanDecision(scan func(...any) error) (duet.Decision, error) {
	var d duet.Decision
	var created, updated string
	var decided sql.NullString
	var sup, next duet.DecisionRef
	err := scan(&d.ID, &d.Number, &d.Kind, &d.Title, &d.Body, &d.Rationale, &d.Status, &d.Version,
		&d.ProposedBy.MemberID, &d.ProposedBy.UserID, &d.ProposedBy.Name, &d.ProposedBy.Side,
		&created, &updated, &decided, &d.Reason, &d.SourceMsgID, &d.SourceChanID,
		&sup.ID, &sup.Number, &sup.Title, &sup.Status, &next.ID, &next.Number, &next.Title, &next.Status)
	d.Created, d.Updated, d.Decided = parseTS(created), parseTS(updated), parseNullTS(decided)
	if sup.ID != "" {
		d.Supersedes = &sup
	}
	if next.ID != "" {
		d.SupersededBy = &next
	}
	return d, err
}

// Decision returns one decision of a workspace with its sign-offs.
// Decisions are always shared by both sides.
func (tx *Tx) Decision(ctx context.Context, wsID, id string) (duet.Decision, error) {
	ds, err := tx.decisions(ctx, `d.workspace_id = $1 AND d.id = $2`, "", 1, wsID, id)
	if err != nil {
		return duet.Decision{}, err
	}
	if len(ds) == 0 {
		return duet.Decision{}, duet.NotFound("decision")
	}
	return ds[0], nil
}

// Decisions lists a workspace's decisions, newest first.
func (tx *Tx) Decisions(ctx context.Context, wsID string, f duet.DecisionFilter) ([]duet.Decision, error) {
	return tx.decisions(ctx, `d.workspace_id = $1 AND ($2 = '' OR d.kind = $2) AND ($3 = '' OR d.status = $3)`, "d.number DESC", 1000, wsID, f.Kind, f.Status)
}

// DecisionRefs returns the numbers and titles of a workspace's decisions
// with the given numbers, for rendering D-n chips.
func (tx *Tx) DecisionRefs(ctx context.Context, wsID string, numbers []int) (map[int]duet.DecisionRef, error) {
	out := map[int]duet.DecisionRef{}
	if len(numbers) == 0 {
		return out, nil
	}
	args := []any{wsID}
	for _, n := range numbers {
		args = append(args, n)
	}
	err := tx.each(ctx, `SELECT id, number, title, status FROM decisions WHERE workspace_id = $1 AND number IN (`+placeholders(2, len(numbers))+`)`, args,
		func(scan func(...any) error) error {
			var r duet.DecisionRef
			if err := scan(&r.ID, &r.Number, &r.Title, &r.Status); err != nil {
				return err
			}
			out[r.Number] = r
			return nil
		})
	return out, err
}

func (tx *Tx) decisions(ctx context.Context, where, order string, limit int, args ...any) ([]duet.Decision, error) {
	q := `SELECT ` + decisionCols + decisionFrom + ` WHERE ` + where
	if order != "" {
		q += ` ORDER BY ` + order
	}
	q += ` LIMIT ` + strconv.Itoa(limit)
	var out []duet.Decision
	idx := map[string]int{}
	err := tx.each(ctx, q, args, func(scan func(...any) error) error {
		d, err := scanDecision(scan)
		idx[d.ID] = len(out)
		out = append(out, d)
		return err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]any, len(out))
	for i, d := range out {
		ids[i] = d.ID
	}
	err = tx.each(ctx, `SELECT s.decision_id, s.role_key, COALESCE(r.name, s.role_key), s.side, COALESCE(s.signer_id, ''), COALESCE(u.id, ''), COALESCE(u.name, ''), COALESCE(s.version, 0), s.signed_at
		FROM decision_signoffs s JOIN decisions d ON d.id = s.decision_id
		LEFT JOIN roles r ON r.workspace_id = d.workspace_id AND r.key = s.role_key
		LEFT JOIN members a ON a.id = s.signer_id LEFT JOIN users u ON u.id = a.user_id
		WHERE s.decision_id IN (`+placeholders(1, len(ids))+`) ORDER BY s.decision_id, s.position`, ids,
		func(scan func(...any) error) error {
			var id string
			var s duet.SignOff
			var signer duet.Author
			var signed sql.NullString
			if err := scan(&id, &s.RoleKey, &s.RoleName, &s.Side, &signer.MemberID, &signer.UserID, &signer.Name, &s.Version, &signed); err != nil {
				return err
			}
			i, ok := idx[id]
			if !ok {
				return nil
			}
			if signer.MemberID != "" {
				signer.Side = s.Side
				s.Signer = &signer
			}
			s.Signed = parseNullTS(signed)
			out[i].SignOffs = append(out[i].SignOffs, s)
			return nil
		})
	return out, err
}

// UpdateDecisionText edits a proposed decision and empties its sign-offs:
// a sign-off is for the exact text signed.
func (tx *Tx) UpdateDecisionText(ctx context.Context, id string, expectVersion int, title, body, rationale string, at time.Time) error {
	r, err := tx.exec(ctx, `UPDATE decisions SET title = $1, body = $2, rationale = $3, version = version + 1, updated_at = $4
		WHERE id = $5 AND version = $6 AND status = 'proposed'`, title, body, rationale, ts(at), id, expectVersion)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return duet.Errorf(duet.EConflict, "This decision changed since you opened it; reload to see the current text.")
	}
	_, err = tx.exec(ctx, `UPDATE decision_signoffs SET signer_id = NULL, version = NULL, signed_at = NULL WHERE decision_id = $1`, id)
	return err
}

// SignOff fills the unsigned sign-offs for the given roles with the
// member's signature for version; it returns how many it filled.
func (tx *Tx) SignOff(ctx context.Context, id string, roleKeys []string, memberID string, version int, at time.Time) (int, error) {
	n := 0
	for _, k := range roleKeys {
		r, err := tx.exec(ctx, `UPDATE decision_signoffs SET signer_id = $1, version = $2, signed_at = $3
			WHERE decision_id = $4 AND role_key = $5 AND signer_id IS NULL`, memberID, version, ts(at), id, k)
		if err != nil {
			return n, err
		}
		c, _ := r.RowsAffected()
		n += int(c)
	}
	return n, nil
}

// SetDecisionStatus moves a decision from one status to another; it fails
// with EConflict if the decision is no longer in from.
func (tx *Tx) SetDecisionStatus(ctx context.Context, id, from, to, reason string, at time.Time) error {
	r, err := tx.exec(ctx, `UPDATE decisions SET status = $1, reason = $2, decided_at = $3, updated_at = $3 WHERE id = $4 AND status = $5`,
		to, reason, ts(at), id, from)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return duet.Errorf(duet.EConflict, "This decision is no longer %s.", from)
	}
	return nil
}
