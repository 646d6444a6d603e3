package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

// NextAssetNumber takes the workspace's next A-n number.
func (tx *Tx) NextAssetNumber(ctx context.Context, wsID string) (int, error) {
	var n int
	err := tx.row(ctx, `UPDATE workspaces SET asset_seq = asset_seq + 1 WHERE id = $1 RETURNING asset_seq`, wsID).Scan(&n)
	return n, notFound(err, "workspace")
}

// tagsText stores tags with a space at each end, so one matches LIKE '% tag %'.
func tagsText(tags []string) string { return " " + strings.Join(tags, " ") + " " }

// InsertAsset writes a new asset with its review steps.
func (tx *Tx) InsertAsset(ctx context.Context, a *duet.Asset, requested bool) error {
	_, err := tx.exec(ctx, `INSERT INTO assets (workspace_id, id, number, title, kind, side, dri_role_id, dri_member_id, due_on, visibility, tags,
			status, review_requested, current_version, version, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($7, '')), NULLIF($8, ''), $9, $10, $11,
			$12, $13, $14, 1, $15, $16, $16)`,
		a.WorkspaceID, a.ID, a.Number, a.Title, a.Kind, a.Side, a.DRI.RoleKey, a.DRI.MemberID, dateText(a.DueOn), a.Visibility, tagsText(a.Tags),
		a.Status, requested, a.Current, a.By.MemberID, ts(a.Created))
	if err != nil {
		return mapErr(err)
	}
	a.Version = 1
	return tx.SaveSteps(ctx, a.WorkspaceID, a.ID, a.Steps)
}

// SaveSteps replaces an asset's review steps.
func (tx *Tx) SaveSteps(ctx context.Context, wsID, assetID string, steps []duet.ReviewStep) error {
	if _, err := tx.exec(ctx, `DELETE FROM asset_steps WHERE asset_id = $1`, assetID); err != nil {
		return err
	}
	for i, s := range steps {
		var by, at any
		if s.By != nil {
			by, at = s.By.MemberID, ts(*s.At)
		}
		if _, err := tx.exec(ctx, `INSERT INTO asset_steps (asset_id, key, name, role_id, stage, position, state, version, acted_by, acted_at, comment)
			VALUES ($1, $2, $3, (SELECT id FROM roles WHERE workspace_id = $11 AND key = $4), $5, $6, $7, $8, $9, $10, $12)`,
			assetID, s.Key, s.Name, s.RoleKey, s.Stage, i, s.State, s.Version, by, at, wsID, s.Comment); err != nil {
			return err
		}
	}
	return nil
}

// UpdateAsset writes an asset's fields and state if its version is still
// a.Version, and bumps the version. EConflict when it is not.
func (tx *Tx) UpdateAsset(ctx context.Context, a *duet.Asset, requested bool, shippingID string, now time.Time) error {
	res, err := tx.exec(ctx, `UPDATE assets SET title = $3, dri_role_id = (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($4, '')),
			dri_member_id = NULLIF($5, ''), due_on = $6, visibility = $7, tags = $8, status = $9, review_requested = $10,
			current_version = $11, shipping_version_id = NULLIF($12, ''), version = version + 1, updated_at = $13
		WHERE workspace_id = $1 AND id = $2 AND version = $14`,
		a.WorkspaceID, a.ID, a.Title, a.DRI.RoleKey, a.DRI.MemberID, dateText(a.DueOn), a.Visibility, tagsText(a.Tags), a.Status, requested,
		a.Current, shippingID, ts(now), a.Version)
	if err := versioned(res, err, "asset"); err != nil {
		return err
	}
	a.Version++
	a.Updated = now
	return nil
}

// LockAsset takes the asset's row lock for the rest of the transaction,
// so verdicts on parallel steps are applied one after the other.
func (tx *Tx) LockAsset(ctx context.Context, id string) error {
	_, err := tx.exec(ctx, `UPDATE assets SET version = version WHERE id = $1`, id)
	return err
}

const assetCols = `a.id, a.workspace_id, a.number, a.title, a.kind, a.side, COALESCE(r.key, ''), COALESCE(a.dri_member_id, ''), a.due_on, a.visibility,
	a.tags, a.status, a.review_requested, a.current_version, COALESCE(a.shipping_version_id, ''), a.version, a.created_by, u.name, a.created_at, a.updated_at`

const assetFrom = ` FROM assets a LEFT JOIN roles r ON r.id = a.dri_role_id JOIN members cm ON cm.id = a.created_by JOIN users u ON u.id = cm.user_id`

// AssetRow is an asset as stored, with what only the store knows.
type AssetRow struct {
	duet.Asset
	ReviewRequested bool
	ShippingID      string
}

func scanAsset(scan func(...any) error) (AssetRow, error) {
	var a AssetRow
	var due, tags, created, updated string
	err := scan(&a.ID, &a.WorkspaceID, &a.Number, &a.Title, &a.Kind, &a.Side, &a.DRI.RoleKey, &a.DRI.MemberID, &due, &a.Visibility,
		&tags, &a.Status, &a.ReviewRequested, &a.Current, &a.ShippingID, &a.Version, &a.By.MemberID, &a.By.Name, &created, &updated)
	a.DueOn, a.Tags = parseDate(due), strings.Fields(tags)
	a.Created, a.Updated = parseTS(created), parseTS(updated)
	return a, err
}

// Asset returns one asset with its steps, if side may see it ("" for
// either side).
func (tx *Tx) Asset(ctx context.Context, wsID, id string, side duet.Side) (AssetRow, error) {
	a, err := scanAsset(tx.row(ctx, `SELECT `+assetCols+assetFrom+` WHERE a.workspace_id = $1 AND a.id = $2 AND (a.visibility = 'shared' OR a.visibility = $3 OR $3 = '')`,
		wsID, id, side).Scan)
	if err != nil {
		return a, notFound(err, "asset")
	}
	steps, err := tx.steps(ctx, `s.asset_id = $1`, id)
	a.Steps = steps[id]
	return a, err
}

// steps loads review steps by asset id.
func (tx *Tx) steps(ctx context.Context, where string, arg string) (map[string][]duet.ReviewStep, error) {
	out := map[string][]duet.ReviewStep{}
	err := tx.each(ctx, `SELECT s.asset_id, s.key, s.name, r.key, r.name, r.side, s.stage, s.state, s.version, COALESCE(s.acted_by, ''), COALESCE(u.name, ''), s.acted_at, s.comment
		FROM asset_steps s JOIN roles r ON r.id = s.role_id LEFT JOIN members m ON m.id = s.acted_by LEFT JOIN users u ON u.id = m.user_id
		WHERE `+where+` ORDER BY s.asset_id, s.position`, []any{arg},
		func(scan func(...any) error) error {
			var s duet.ReviewStep
			var assetID, by, name string
			var at sql.NullString
			if err := scan(&assetID, &s.Key, &s.Name, &s.RoleKey, &s.RoleName, &s.Side, &s.Stage, &s.State, &s.Version, &by, &name, &at, &s.Comment); err != nil {
				return err
			}
			if by != "" {
				s.By, s.At = &duet.Author{MemberID: by, Name: name}, parseNullTS(at)
			}
			out[assetID] = append(out[assetID], s)
			return nil
		})
	return out, err
}

// Assets lists the assets side may see that match f, newest number
// first, with their steps and their latest and shipping versions.
func (tx *Tx) Assets(ctx context.Context, wsID string, side duet.Side, f duet.AssetFilter) ([]duet.Asset, error) {
	where := []string{`a.workspace_id = $1`, `(a.visibility = 'shared' OR a.visibility = $2 OR $2 = '')`}
	args := []any{wsID, side}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Status != "" {
		add(`a.status = ?`, f.Status)
	}
	if f.Kind != "" {
		add(`a.kind = ?`, f.Kind)
	}
	if f.Side != "" {
		add(`a.side = ?`, f.Side)
	}
	if f.Tag != "" {
		add(`a.tags LIKE ?`, "% "+f.Tag+" %")
	}
	if x, err := duet.ParseDRI("dri", f.DRI); f.DRI != "" && err == nil {
		if x.MemberID != "" {
			add(`a.dri_member_id = ?`, x.MemberID)
		} else {
			add(`r.key = ?`, x.RoleKey)
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	args = append(args, limit)
	var rows []AssetRow
	err := tx.each(ctx, `SELECT `+assetCols+assetFrom+` WHERE `+strings.Join(where, " AND ")+` ORDER BY a.number DESC LIMIT $`+strconv.Itoa(len(args)), args,
		func(scan func(...any) error) error {
			a, err := scanAsset(scan)
			rows = append(rows, a)
			return err
		})
	if err != nil {
		return nil, err
	}
	steps, err := tx.steps(ctx, `s.asset_id IN (SELECT id FROM assets WHERE workspace_id = $1)`, wsID)
	if err != nil {
		return nil, err
	}
	versions := map[string]duet.AssetVersion{}
	err = tx.each(ctx, versionSelect+` JOIN assets a ON a.id = v.asset_id
		WHERE a.workspace_id = $1 AND (v.number = a.current_version OR v.id = a.shipping_version_id)`, []any{wsID},
		func(scan func(...any) error) error {
			v, err := scanVersion(scan)
			versions[v.ID] = v
			versions[v.AssetID+"#"+strconv.Itoa(v.Number)] = v
			return err
		})
	out := make([]duet.Asset, len(rows))
	for i, r := range rows {
		a := r.Asset
		a.Steps = steps[a.ID]
		if v, ok := versions[a.ID+"#"+strconv.Itoa(a.Current)]; ok {
			a.Latest = &v
		}
		if v, ok := versions[r.ShippingID]; ok {
			a.Shipping = &v
		}
		out[i] = a
	}
	return out, err
}

// AssetRefs names every asset side may see ("" for both), by id.
func (tx *Tx) AssetRefs(ctx context.Context, wsID string, side duet.Side) (map[string]duet.AssetRef, error) {
	out := map[string]duet.AssetRef{}
	err := tx.each(ctx, `SELECT id, number, title, status, due_on, visibility FROM assets
		WHERE workspace_id = $1 AND (visibility = 'shared' OR visibility = $2 OR $2 = '')`, []any{wsID, side},
		func(scan func(...any) error) error {
			var r duet.AssetRef
			var due string
			if err := scan(&r.ID, &r.Number, &r.Title, &r.Status, &due, &r.Visibility); err != nil {
				return err
			}
			r.DueOn = parseDate(due)
			out[r.ID] = r
			return nil
		})
	return out, err
}

const versionSelect = `SELECT v.id, v.asset_id, v.number, COALESCE(v.file_hash, ''), v.file_size, v.content_type, v.file_name, v.link, v.note,
	v.created_by, vu.name, vm.side, v.created_at, v.approved_at
	FROM asset_versions v JOIN members vm ON vm.id = v.created_by JOIN users vu ON vu.id = vm.user_id`

func scanVersion(scan func(...any) error) (duet.AssetVersion, error) {
	var v duet.AssetVersion
	var f duet.FileRef
	var created string
	var approved sql.NullString
	err := scan(&v.ID, &v.AssetID, &v.Number, &f.Hash, &f.Size, &f.ContentType, &f.Name, &v.Link, &v.Note,
		&v.By.MemberID, &v.By.Name, &v.By.Side, &created, &approved)
	if f.Hash != "" {
		v.File = &f
	}
	v.Created, v.Approved = parseTS(created), parseNullTS(approved)
	return v, err
}

// InsertVersion writes a new version. With an idempotency key already
// used by the same member it returns EConflict and writes nothing.
func (tx *Tx) InsertVersion(ctx context.Context, v *duet.AssetVersion, idemKey string) error {
	var hash, key any
	var f duet.FileRef
	if v.File != nil {
		f, hash = *v.File, v.File.Hash
	}
	if idemKey != "" {
		key = idemKey
	}
	_, err := tx.exec(ctx, `INSERT INTO asset_versions (id, asset_id, number, file_hash, file_size, content_type, file_name, link, note, created_by, created_at, idempotency_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		v.ID, v.AssetID, v.Number, hash, f.Size, f.ContentType, f.Name, v.Link, v.Note, v.By.MemberID, ts(v.Created), key)
	return mapErr(err)
}

// VersionByKey returns the version a member made with an idempotency key.
func (tx *Tx) VersionByKey(ctx context.Context, memberID, key string) (duet.AssetVersion, error) {
	v, err := scanVersion(tx.row(ctx, versionSelect+` WHERE v.created_by = $1 AND v.idempotency_key = $2`, memberID, key).Scan)
	return v, notFound(err, "version")
}

// Versions returns an asset's versions, newest first.
func (tx *Tx) Versions(ctx context.Context, assetID string) ([]duet.AssetVersion, error) {
	out := []duet.AssetVersion{}
	err := tx.each(ctx, versionSelect+` WHERE v.asset_id = $1 ORDER BY v.number DESC`, []any{assetID},
		func(scan func(...any) error) error {
			v, err := scanVersion(scan)
			out = append(out, v)
			return err
		})
	return out, err
}

// AssetVersion returns one version of an asset by number.
func (tx *Tx) AssetVersion(ctx context.Context, assetID string, number int) (duet.AssetVersion, error) {
	v, err := scanVersion(tx.row(ctx, versionSelect+` WHERE v.asset_id = $1 AND v.number = $2`, assetID, number).Scan)
	return v, notFound(err, "version")
}

// ApproveVersion records when a version's review completed.
func (tx *Tx) ApproveVersion(ctx context.Context, versionID string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE asset_versions SET approved_at = $2 WHERE id = $1`, versionID, ts(at))
	return err
}

// FileVersion finds a version that holds the file with hash, in a
// workspace, for serving it; ENotFound when side may not see it.
func (tx *Tx) FileVersion(ctx context.Context, wsID, hash string, side duet.Side) (duet.AssetVersion, error) {
	v, err := scanVersion(tx.row(ctx, versionSelect+` JOIN assets a ON a.id = v.asset_id
		WHERE a.workspace_id = $1 AND v.file_hash = $2 AND (a.visibility = 'shared' OR a.visibility = $3) LIMIT 1`, wsID, hash, side).Scan)
	return v, notFound(err, "file")
}

// FileHashes returns the hash of every stored file a version refers to.
func (tx *Tx) FileHashes(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := tx.each(ctx, `SELECT DISTINCT file_hash FROM asset_versions WHERE file_hash IS NOT NULL`, nil,
		func(scan func(...any) error) error {
			var h string
			err := scan(&h)
			out[h] = true
			return err
		})
	return out, err
}

// InsertReview adds a verdict to an asset's approval trail.
func (tx *Tx) InsertReview(ctx context.Context, assetID string, r duet.ReviewRecord) error {
	_, err := tx.exec(ctx, `INSERT INTO asset_reviews (id, asset_id, step_key, step_name, verdict, comment, member_id, created_at, version, fingerprint, seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT COALESCE(max(seq), 0) + 1 FROM asset_reviews WHERE asset_id = $2))`,
		r.ID, assetID, r.StepKey, r.StepName, r.Verdict, r.Comment, r.By.MemberID, ts(r.At), r.Version, r.Fingerprint)
	return err
}

// Reviews returns an asset's approval trail, oldest first.
func (tx *Tx) Reviews(ctx context.Context, assetID string) ([]duet.ReviewRecord, error) {
	out := []duet.ReviewRecord{}
	err := tx.each(ctx, `SELECT r.id, r.step_key, r.step_name, r.verdict, r.comment, m.id, u.name, m.side, r.created_at, r.version, r.fingerprint
		FROM asset_reviews r JOIN members m ON m.id = r.member_id JOIN users u ON u.id = m.user_id
		WHERE r.asset_id = $1 ORDER BY r.seq`, []any{assetID},
		func(scan func(...any) error) error {
			var r duet.ReviewRecord
			var at string
			if err := scan(&r.ID, &r.StepKey, &r.StepName, &r.Verdict, &r.Comment, &r.By.MemberID, &r.By.Name, &r.By.Side, &at, &r.Version, &r.Fingerprint); err != nil {
				return err
			}
			r.At = parseTS(at)
			out = append(out, r)
			return nil
		})
	return out, err
}

// AssetCounts counts the workspace's assets, both sides', and those
// approved: what the Assets approved gate reads.
func (tx *Tx) AssetCounts(ctx context.Context, wsID string) (total, approved int, err error) {
	err = tx.row(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), 0) FROM assets WHERE workspace_id = $1`, wsID).Scan(&total, &approved)
	return total, approved, mapErr(err)
}
