package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

// InsertEntry writes a new launch calendar entry with its links.
func (tx *Tx) InsertEntry(ctx context.Context, e *duet.LaunchEntry) error {
	_, err := tx.exec(ctx, `INSERT INTO launch_entries (workspace_id, id, title, channel, side, dri_role_id, dri_member_id, publish_at, visibility,
			launch_critical, status, version, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($6, '')), NULLIF($7, ''), $8, $9,
			$10, $11, 1, $12, $13, $13)`,
		e.WorkspaceID, e.ID, e.Title, e.Channel, e.Side, e.DRI.RoleKey, e.DRI.MemberID, ts(e.PublishAt), e.Visibility,
		e.LaunchCritical, e.Status, e.By.MemberID, ts(e.Created))
	if err != nil {
		return mapErr(err)
	}
	e.Version = 1
	return tx.setEntryLinks(ctx, e)
}

func (tx *Tx) setEntryLinks(ctx context.Context, e *duet.LaunchEntry) error {
	if _, err := tx.exec(ctx, `DELETE FROM entry_assets WHERE entry_id = $1`, e.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM entry_deps WHERE entry_id = $1`, e.ID); err != nil {
		return err
	}
	for i, a := range e.Assets {
		if _, err := tx.exec(ctx, `INSERT INTO entry_assets (entry_id, asset_id, position) VALUES ($1, $2, $3)`, e.ID, a.ID, i); err != nil {
			return mapErr(err)
		}
	}
	for _, d := range e.After {
		if _, err := tx.exec(ctx, `INSERT INTO entry_deps (entry_id, after_id) VALUES ($1, $2)`, e.ID, d.ID); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// UpdateEntry writes an entry's plan, status and links if its version is
// still e.Version, and bumps the version. EConflict when it is not.
func (tx *Tx) UpdateEntry(ctx context.Context, e *duet.LaunchEntry, now time.Time) error {
	var override, published any
	if e.Override != nil {
		override = e.Override.ID
	}
	if e.Published != nil {
		published = ts(*e.Published)
	}
	res, err := tx.exec(ctx, `UPDATE launch_entries SET title = $3, channel = $4, dri_role_id = (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($5, '')),
			dri_member_id = NULLIF($6, ''), publish_at = $7, visibility = $8, launch_critical = $9, status = $10, live_url = $11,
			override_decision_id = $12, published_at = $13, version = version + 1, updated_at = $14
		WHERE workspace_id = $1 AND id = $2 AND version = $15`,
		e.WorkspaceID, e.ID, e.Title, e.Channel, e.DRI.RoleKey, e.DRI.MemberID, ts(e.PublishAt), e.Visibility, e.LaunchCritical,
		e.Status, e.LiveURL, override, published, ts(now), e.Version)
	if err := versioned(res, err, "calendar entry"); err != nil {
		return err
	}
	e.Version++
	e.Updated = now
	return tx.setEntryLinks(ctx, e)
}

const entrySelect = `SELECT e.id, e.workspace_id, e.title, e.channel, e.side, COALESCE(r.key, ''), COALESCE(e.dri_member_id, ''), e.publish_at, e.visibility,
	e.launch_critical, e.status, e.live_url, COALESCE(d.id, ''), COALESCE(d.number, 0), COALESCE(d.title, ''), COALESCE(d.status, ''),
	e.version, e.created_by, u.name, e.created_at, e.updated_at, e.published_at
	FROM launch_entries e LEFT JOIN roles r ON r.id = e.dri_role_id LEFT JOIN decisions d ON d.id = e.override_decision_id
	JOIN members cm ON cm.id = e.created_by JOIN users u ON u.id = cm.user_id`

func scanEntry(scan func(...any) error) (duet.LaunchEntry, error) {
	var e duet.LaunchEntry
	var at, created, updated string
	var published sql.NullString
	var o duet.DecisionRef
	err := scan(&e.ID, &e.WorkspaceID, &e.Title, &e.Channel, &e.Side, &e.DRI.RoleKey, &e.DRI.MemberID, &at, &e.Visibility,
		&e.LaunchCritical, &e.Status, &e.LiveURL, &o.ID, &o.Number, &o.Title, &o.Status,
		&e.Version, &e.By.MemberID, &e.By.Name, &created, &updated, &published)
	if o.ID != "" {
		e.Override = &o
	}
	e.PublishAt, e.Created, e.Updated, e.Published = parseTS(at), parseTS(created), parseTS(updated), parseNullTS(published)
	return e, err
}

// Entries lists the entries side may see ("" for both) publishing in
// the filter's window, in publish order, with the assets and entries
// they link to that side may see.
func (tx *Tx) Entries(ctx context.Context, wsID string, side duet.Side, f duet.EntryFilter) ([]duet.LaunchEntry, error) {
	where := []string{`e.workspace_id = $1`, `(e.visibility = 'shared' OR e.visibility = $2 OR $2 = '')`}
	args := []any{wsID, side}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if !f.From.IsZero() {
		add(`e.publish_at >= ?`, ts(f.From))
	}
	if !f.To.IsZero() {
		add(`e.publish_at < ?`, ts(f.To))
	}
	if f.Status != "" {
		add(`e.status = ?`, f.Status)
	}
	if f.Side != "" {
		add(`e.side = ?`, f.Side)
	}
	var out []duet.LaunchEntry
	err := tx.each(ctx, entrySelect+` WHERE `+strings.Join(where, " AND ")+` ORDER BY e.publish_at, e.created_at, e.id`, args,
		func(scan func(...any) error) error {
			e, err := scanEntry(scan)
			out = append(out, e)
			return err
		})
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, tx.entryLinks(ctx, wsID, side, out)
}

// Entry returns one entry, if side may see it ("" for either side).
func (tx *Tx) Entry(ctx context.Context, wsID, id string, side duet.Side) (duet.LaunchEntry, error) {
	e, err := scanEntry(tx.row(ctx, entrySelect+` WHERE e.workspace_id = $1 AND e.id = $2 AND (e.visibility = 'shared' OR e.visibility = $3 OR $3 = '')`,
		wsID, id, side).Scan)
	if err != nil {
		return e, notFound(err, "calendar entry")
	}
	es := []duet.LaunchEntry{e}
	err = tx.entryLinks(ctx, wsID, side, es)
	return es[0], err
}

// entryLinks fills in each entry's assets and the entries it follows.
func (tx *Tx) entryLinks(ctx context.Context, wsID string, side duet.Side, es []duet.LaunchEntry) error {
	idx := make(map[string]int, len(es))
	for i, e := range es {
		idx[e.ID] = i
	}
	err := tx.each(ctx, `SELECT ea.entry_id, a.id, a.number, a.title, a.status, a.due_on, a.visibility
		FROM entry_assets ea JOIN assets a ON a.id = ea.asset_id JOIN launch_entries e ON e.id = ea.entry_id
		WHERE e.workspace_id = $1 AND (a.visibility = 'shared' OR a.visibility = $2 OR $2 = '') ORDER BY ea.entry_id, ea.position`, []any{wsID, side},
		func(scan func(...any) error) error {
			var id, due string
			var r duet.AssetRef
			if err := scan(&id, &r.ID, &r.Number, &r.Title, &r.Status, &due, &r.Visibility); err != nil {
				return err
			}
			r.DueOn = parseDate(due)
			if i, ok := idx[id]; ok {
				es[i].Assets = append(es[i].Assets, r)
			}
			return nil
		})
	if err != nil {
		return err
	}
	return tx.each(ctx, `SELECT dp.entry_id, a.id, a.title, a.publish_at, a.status
		FROM entry_deps dp JOIN launch_entries a ON a.id = dp.after_id
		WHERE a.workspace_id = $1 AND (a.visibility = 'shared' OR a.visibility = $2 OR $2 = '') ORDER BY dp.entry_id, a.publish_at`, []any{wsID, side},
		func(scan func(...any) error) error {
			var id, at string
			var r duet.EntryRef
			if err := scan(&id, &r.ID, &r.Title, &at, &r.Status); err != nil {
				return err
			}
			r.PublishAt = parseTS(at)
			if i, ok := idx[id]; ok {
				es[i].After = append(es[i].After, r)
			}
			return nil
		})
}

// EntryDeps returns, for every entry of the workspace, the ids of the
// entries it must follow: for finding loops.
func (tx *Tx) EntryDeps(ctx context.Context, wsID string) (map[string][]string, error) {
	out := map[string][]string{}
	err := tx.each(ctx, `SELECT dp.entry_id, dp.after_id FROM entry_deps dp JOIN launch_entries e ON e.id = dp.entry_id WHERE e.workspace_id = $1`, []any{wsID},
		func(scan func(...any) error) error {
			var a, b string
			err := scan(&a, &b)
			out[a] = append(out[a], b)
			return err
		})
	return out, err
}

// LaunchCriticalCounts counts the workspace's launch-critical entries
// not cancelled, and those published: what the Launch go-live gate reads.
func (tx *Tx) LaunchCriticalCounts(ctx context.Context, wsID string) (total, published int, err error) {
	err = tx.row(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN status = 'published' THEN 1 ELSE 0 END), 0) FROM launch_entries
		WHERE workspace_id = $1 AND launch_critical AND status <> 'cancelled'`, wsID).Scan(&total, &published)
	return total, published, mapErr(err)
}

// CalendarAssetCounts counts the distinct assets linked from entries not
// cancelled, and those approved.
func (tx *Tx) CalendarAssetCounts(ctx context.Context, wsID string) (total, approved int, err error) {
	err = tx.row(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), 0) FROM assets
		WHERE workspace_id = $1 AND id IN (SELECT ea.asset_id FROM entry_assets ea JOIN launch_entries e ON e.id = ea.entry_id WHERE e.workspace_id = $1 AND e.status <> 'cancelled')`,
		wsID).Scan(&total, &approved)
	return total, approved, mapErr(err)
}

// DecisionRefByNumber names the workspace's decision D-n.
func (tx *Tx) DecisionRefByNumber(ctx context.Context, wsID string, n int) (duet.DecisionRef, error) {
	var r duet.DecisionRef
	err := tx.row(ctx, `SELECT id, number, title, status FROM decisions WHERE workspace_id = $1 AND number = $2`, wsID, n).Scan(&r.ID, &r.Number, &r.Title, &r.Status)
	return r, notFound(err, "decision")
}
