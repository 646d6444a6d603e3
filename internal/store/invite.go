package store

import (
	"context"
	"database/sql"
	"time"

	"duet/internal/duet"
)

// CreateInvite stores an invite with the hash of its token.
func (tx *Tx) CreateInvite(ctx context.Context, in *duet.Invite, tokenHash string) error {
	_, err := tx.exec(ctx, `INSERT INTO invites (id, workspace_id, email, side, permission, role_keys, token_hash, invited_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		in.ID, in.WorkspaceID, in.Email, in.Side, in.Permission, jsonText(in.RoleKeys), tokenHash, in.InvitedBy, ts(in.Created), ts(in.Expires))
	return err
}

const inviteCols = `id, workspace_id, email, side, permission, role_keys, invited_by, created_at, expires_at, accepted_at, revoked_at`

func scanInvite(scan func(...any) error) (duet.Invite, error) {
	var in duet.Invite
	var roles, created, expires string
	var accepted, revoked sql.NullString
	if err := scan(&in.ID, &in.WorkspaceID, &in.Email, &in.Side, &in.Permission, &roles, &in.InvitedBy, &created, &expires, &accepted, &revoked); err != nil {
		return in, err
	}
	in.Created, in.Expires = parseTS(created), parseTS(expires)
	in.Accepted, in.Revoked = parseNullTS(accepted), parseNullTS(revoked)
	return in, fromJSON(roles, &in.RoleKeys)
}

// InviteByHash returns an invite by the hash of its token.
func (tx *Tx) InviteByHash(ctx context.Context, hash string) (duet.Invite, error) {
	in, err := scanInvite(tx.row(ctx, `SELECT `+inviteCols+` FROM invites WHERE token_hash = $1`, hash).Scan)
	return in, notFound(err, "invite")
}

// Invite returns an invite of a workspace by id.
func (tx *Tx) Invite(ctx context.Context, wsID, id string) (duet.Invite, error) {
	in, err := scanInvite(tx.row(ctx, `SELECT `+inviteCols+` FROM invites WHERE workspace_id = $1 AND id = $2`, wsID, id).Scan)
	return in, notFound(err, "invite")
}

// Invites lists a workspace's invites, newest first; side limits them to
// one side when not empty.
func (tx *Tx) Invites(ctx context.Context, wsID string, side duet.Side) ([]duet.Invite, error) {
	out := []duet.Invite{}
	q, args := `SELECT `+inviteCols+` FROM invites WHERE workspace_id = $1`, []any{wsID}
	if side != "" {
		q, args = q+` AND side = $2`, append(args, side)
	}
	err := tx.each(ctx, q+` ORDER BY created_at DESC, id`, args,
		func(scan func(...any) error) error {
			in, err := scanInvite(scan)
			out = append(out, in)
			return err
		})
	return out, err
}

// MarkInviteAccepted closes an invite that is still pending; it reports a
// conflict when another request used it first.
func (tx *Tx) MarkInviteAccepted(ctx context.Context, id string, at time.Time) error {
	res, err := tx.exec(ctx, `UPDATE invites SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`, ts(at), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return duet.Errorf(duet.EConflict, "this invite has already been used")
	}
	return nil
}

// RevokeInvite revokes a pending invite.
func (tx *Tx) RevokeInvite(ctx context.Context, id string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE invites SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`, ts(at), id)
	return err
}
