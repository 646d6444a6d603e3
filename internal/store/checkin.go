package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

const checkInColumns = `id, key, title, purpose, schedule, time_of_day, duration_minutes, starts_on, open_days, nudge_minutes,
	ask_roles, ask_sides, questions, visibility, paused_at IS NOT NULL, version, updated_at`

// checkIns loads the check-ins matching where, in their order.
func (tx *Tx) checkIns(ctx context.Context, where string, args ...any) ([]duet.CheckIn, error) {
	out := []duet.CheckIn{}
	err := tx.each(ctx, `SELECT `+checkInColumns+` FROM check_ins WHERE `+where+` ORDER BY position, id`, args,
		func(scan func(...any) error) error {
			c, err := scanCheckIn(scan)
			out = append(out, c)
			return err
		})
	return out, err
}

func scanCheckIn(scan func(...any) error) (duet.CheckIn, error) {
	var c duet.CheckIn
	var roles, sides, questions, startsOn, updated string
	if err := scan(&c.ID, &c.Key, &c.Title, &c.Purpose, &c.Schedule, &c.Time, &c.DurationMinutes, &startsOn, &c.OpenDays, &c.NudgeMinutes,
		&roles, &sides, &questions, &c.Visibility, &c.Paused, &c.Version, &updated); err != nil {
		return c, err
	}
	if startsOn != "" {
		c.StartsOn = parseDate(startsOn)
	}
	c.Updated = parseTS(updated)
	return c, fromJSON(roles, &c.AskRoles, sides, &c.AskSides, questions, &c.Questions)
}

func dateOrEmpty(d duet.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (tx *Tx) insertCheckIn(ctx context.Context, wsID string, c duet.CheckIn, position int) error {
	_, err := tx.exec(ctx, `INSERT INTO check_ins (id, workspace_id, key, title, purpose, schedule, time_of_day, duration_minutes, starts_on, open_days, nudge_minutes,
			ask_roles, ask_sides, questions, visibility, position, version, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17)`,
		c.ID, wsID, c.Key, c.Title, c.Purpose, c.Schedule, c.Time, c.DurationMinutes, dateOrEmpty(c.StartsOn), c.OpenDays, c.NudgeMinutes,
		jsonText(c.AskRoles), jsonText(c.AskSides), jsonText(c.Questions), c.Visibility, position, ts(c.Updated))
	return err
}

// InsertCheckIn adds a check-in after the workspace's others.
func (tx *Tx) InsertCheckIn(ctx context.Context, wsID string, c duet.CheckIn) error {
	var pos int
	if err := tx.row(ctx, `SELECT COALESCE(max(position) + 1, 0) FROM check_ins WHERE workspace_id = $1`, wsID).Scan(&pos); err != nil {
		return err
	}
	return tx.insertCheckIn(ctx, wsID, c, pos)
}

// CheckIn returns one check-in a side may see.
func (tx *Tx) CheckIn(ctx context.Context, wsID, id string, side duet.Side) (duet.CheckIn, error) {
	cs, err := tx.checkIns(ctx, `workspace_id = $1 AND `+visibleTo+` AND id = $3`, wsID, side, id)
	if err != nil {
		return duet.CheckIn{}, err
	}
	if len(cs) == 0 {
		return duet.CheckIn{}, duet.NotFound("check-in")
	}
	return cs[0], nil
}

// UpdateCheckIn saves a check-in's settings made from version expect and
// bumps its version; EConflict when it changed meanwhile.
func (tx *Tx) UpdateCheckIn(ctx context.Context, c duet.CheckIn, expect int) error {
	res, err := tx.exec(ctx, `UPDATE check_ins SET title = $3, purpose = $4, schedule = $5, time_of_day = $6, duration_minutes = $7, starts_on = $8,
			open_days = $9, nudge_minutes = $10, ask_roles = $11, ask_sides = $12, questions = $13, visibility = $14, version = version + 1, updated_at = $15
		WHERE id = $1 AND version = $2`,
		c.ID, expect, c.Title, c.Purpose, c.Schedule, c.Time, c.DurationMinutes, dateOrEmpty(c.StartsOn), c.OpenDays, c.NudgeMinutes,
		jsonText(c.AskRoles), jsonText(c.AskSides), jsonText(c.Questions), c.Visibility, ts(c.Updated))
	return versioned(res, err, "check-in")
}

// PauseCheckIn pauses (paused true) or resumes a check-in edited from
// version expect.
func (tx *Tx) PauseCheckIn(ctx context.Context, id string, expect int, paused bool, at time.Time) error {
	var pausedAt any
	if paused {
		pausedAt = ts(at)
	}
	res, err := tx.exec(ctx, `UPDATE check_ins SET paused_at = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2`,
		id, expect, pausedAt, ts(at))
	return versioned(res, err, "check-in")
}

// versioned turns an update that matched no row into EConflict.
func versioned(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return duet.Errorf(duet.EConflict, "This %s was changed by someone else meanwhile; reload to see the change.", what)
	}
	return nil
}

// ScheduledCheckIn is a check-in with what its schedule needs from its
// workspace.
type ScheduledCheckIn struct {
	WorkspaceID string
	KickoffOn   duet.Date
	TimeZone    string
	duet.CheckIn
}

// ScheduledCheckIns returns every check-in of every workspace, paused
// ones included (their future occurrences are withdrawn).
func (tx *Tx) ScheduledCheckIns(ctx context.Context) ([]ScheduledCheckIn, error) {
	var out []ScheduledCheckIn
	err := tx.each(ctx, `SELECT w.id, w.kickoff_on, w.time_zone, c.id, c.key, c.title, c.purpose, c.schedule, c.time_of_day, c.duration_minutes, c.starts_on,
			c.open_days, c.nudge_minutes, c.ask_roles, c.ask_sides, c.questions, c.visibility, c.paused_at IS NOT NULL, c.version, c.updated_at
		FROM check_ins c JOIN workspaces w ON w.id = c.workspace_id ORDER BY w.id, c.position`, nil,
		func(scan func(...any) error) error {
			var s ScheduledCheckIn
			var kickoff string
			c, err := scanCheckIn(func(dest ...any) error {
				return scan(append([]any{&s.WorkspaceID, &kickoff, &s.TimeZone}, dest...)...)
			})
			s.CheckIn, s.KickoffOn = c, parseDate(kickoff)
			out = append(out, s)
			return err
		})
	return out, err
}

const occurrenceColumns = `o.id, o.workspace_id, o.check_in_id, c.title, o.starts_at, o.opens_at, o.nudge_at, o.closes_at,
	o.skipped_at IS NOT NULL, o.skip_reason, COALESCE(o.skipped_by, ''), COALESCE(su.name, ''), COALESCE(sm.side, ''), o.opened_at, o.nudged_at,
	COALESCE(o.decision_id, ''), COALESCE(d.number, 0), COALESCE(d.title, ''), COALESCE(d.status, '')`

const occurrenceFrom = ` FROM occurrences o JOIN check_ins c ON c.id = o.check_in_id
	LEFT JOIN members sm ON sm.id = o.skipped_by LEFT JOIN users su ON su.id = sm.user_id
	LEFT JOIN decisions d ON d.id = o.decision_id `

func scanOccurrence(scan func(...any) error) (duet.Occurrence, error) {
	var o duet.Occurrence
	var starts, opens, closes string
	var nudge, opened, nudged sql.NullString
	var by duet.Author
	var dec duet.DecisionRef
	err := scan(&o.ID, &o.WorkspaceID, &o.CheckInID, &o.CheckInTitle, &starts, &opens, &nudge, &closes,
		&o.Skipped, &o.SkipReason, &by.MemberID, &by.Name, &by.Side, &opened, &nudged, &dec.ID, &dec.Number, &dec.Title, &dec.Status)
	o.StartsAt, o.OpensAt, o.ClosesAt = parseTS(starts), parseTS(opens), parseTS(closes)
	if nudge.Valid {
		o.NudgeAt = parseTS(nudge.String)
	}
	o.OpenedAt, o.NudgedAt = parseNullTS(opened), parseNullTS(nudged)
	if by.MemberID != "" {
		o.SkippedBy = &by
	}
	if dec.ID != "" {
		o.LaunchCall = &dec
	}
	return o, err
}

// occurrences runs one query for occurrences: where (with args) and
// order are appended to the shared select.
func (tx *Tx) occurrences(ctx context.Context, rest string, args ...any) ([]duet.Occurrence, error) {
	out := []duet.Occurrence{}
	err := tx.each(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+rest, args, func(scan func(...any) error) error {
		o, err := scanOccurrence(scan)
		out = append(out, o)
		return err
	})
	return out, err
}

// Occurrence returns one occurrence of a check-in the side may see.
func (tx *Tx) Occurrence(ctx context.Context, wsID, id string, side duet.Side) (duet.Occurrence, error) {
	os, err := tx.occurrences(ctx, `WHERE o.workspace_id = $1 AND c.visibility IN ('shared', $2) AND o.id = $3`, wsID, side, id)
	if err != nil {
		return duet.Occurrence{}, err
	}
	if len(os) == 0 {
		return duet.Occurrence{}, duet.NotFound("check-in occurrence")
	}
	return os[0], nil
}

// OccurrenceFilter selects occurrences; zero fields select all.
type OccurrenceFilter struct {
	CheckInID string
	Before    time.Time // meetings before this instant
	After     time.Time // meetings after this instant
	Skipped   bool      // only skipped meetings
	Newest    bool      // newest first
	Limit     int       // 1000 when zero
}

// Occurrences returns the occurrences of a workspace's check-ins the
// side may see.
func (tx *Tx) Occurrences(ctx context.Context, wsID string, side duet.Side, f OccurrenceFilter) ([]duet.Occurrence, error) {
	where := []string{`o.workspace_id = $1`, `c.visibility IN ('shared', $2)`}
	args := []any{wsID, side}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.CheckInID != "" {
		add(`o.check_in_id = ?`, f.CheckInID)
	}
	if !f.Before.IsZero() {
		add(`o.starts_at < ?`, ts(f.Before))
	}
	if !f.After.IsZero() {
		add(`o.starts_at > ?`, ts(f.After))
	}
	if f.Skipped {
		where = append(where, `o.skipped_at IS NOT NULL`)
	}
	order := `o.starts_at, o.id`
	if f.Newest {
		order = `o.starts_at DESC, o.id`
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	args = append(args, f.Limit)
	return tx.occurrences(ctx, `WHERE `+strings.Join(where, " AND ")+` ORDER BY `+order+` LIMIT $`+strconv.Itoa(len(args)), args...)
}

// untouched is the SQL condition for an occurrence nobody has worked
// on yet: no answers, votes or comments.
const untouched = `NOT EXISTS (SELECT 1 FROM answers a WHERE a.occurrence_id = o.id)
	AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.occurrence_id = o.id)
	AND NOT EXISTS (SELECT 1 FROM occurrence_comments oc WHERE oc.occurrence_id = o.id)`

// MovableOccurrences returns a check-in's occurrences that meet after now
// and that nobody has worked on yet, by meeting time: those a schedule
// change may move or withdraw.
func (tx *Tx) MovableOccurrences(ctx context.Context, checkInID string, now time.Time) ([]duet.Occurrence, error) {
	return tx.occurrences(ctx, `WHERE o.check_in_id = $1 AND o.starts_at > $2 AND `+untouched+` ORDER BY o.starts_at`, checkInID, ts(now))
}

// LatestOccurrence returns a check-in's last occurrence, zero when it has
// none.
func (tx *Tx) LatestOccurrence(ctx context.Context, checkInID string) (duet.Occurrence, error) {
	os, err := tx.occurrences(ctx, `WHERE o.check_in_id = $1 ORDER BY o.starts_at DESC LIMIT 1`, checkInID)
	if err != nil || len(os) == 0 {
		return duet.Occurrence{}, err
	}
	return os[0], nil
}

// PutOccurrence materializes an occurrence, or moves the open, nudge and
// close times of one that exists at that meeting time; it keeps its id,
// its skip and whether it was opened, and an opening never moves later:
// answers once open stay open.
func (tx *Tx) PutOccurrence(ctx context.Context, wsID, checkInID string, o duet.OccurrenceTimes) error {
	var nudge any
	if !o.NudgeAt.IsZero() {
		nudge = ts(o.NudgeAt)
	}
	_, err := tx.exec(ctx, `INSERT INTO occurrences (id, workspace_id, check_in_id, starts_at, opens_at, nudge_at, closes_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (check_in_id, starts_at) DO UPDATE SET nudge_at = excluded.nudge_at, closes_at = excluded.closes_at,
			opens_at = CASE WHEN excluded.opens_at < occurrences.opens_at THEN excluded.opens_at ELSE occurrences.opens_at END`,
		NewID(), wsID, checkInID, ts(o.StartsAt), ts(o.OpensAt), nudge, ts(o.ClosesAt))
	return err
}

// DeleteOccurrence withdraws an occurrence nobody has worked on: its
// schedule no longer falls on it.
func (tx *Tx) DeleteOccurrence(ctx context.Context, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM occurrences WHERE id = $1 AND id IN (SELECT o.id FROM occurrences o WHERE o.id = $1 AND `+untouched+`)`, id)
	return err
}

// DueOccurrences returns up to limit occurrences whose opening (nudge
// false) or nudge (nudge true) is due at now and not yet sent.
func (tx *Tx) DueOccurrences(ctx context.Context, now time.Time, nudge bool, limit int) ([]duet.Occurrence, error) {
	q := `WHERE o.opened_at IS NULL AND o.opens_at <= $1 ORDER BY o.opens_at`
	if nudge {
		q = `WHERE o.nudged_at IS NULL AND o.nudge_at IS NOT NULL AND o.nudge_at <= $1 ORDER BY o.nudge_at`
	}
	return tx.occurrences(ctx, q+` LIMIT $2`, ts(now), limit)
}

// ClaimOccurrence marks an occurrence's opening (nudge false) or nudge as
// sent at now, and reports whether this call did it: of several nodes
// racing, exactly one claims it, and its reminders are written in the
// same transaction, so they are sent once or (on rollback) not at all.
func (tx *Tx) ClaimOccurrence(ctx context.Context, id string, nudge bool, now time.Time) (bool, error) {
	q := `UPDATE occurrences SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL`
	if nudge {
		q = `UPDATE occurrences SET nudged_at = $2 WHERE id = $1 AND nudged_at IS NULL`
	}
	res, err := tx.exec(ctx, q, id, ts(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SkipOccurrence marks an occurrence skipped; EConflict when it already
// is.
func (tx *Tx) SkipOccurrence(ctx context.Context, id, memberID, reason string, at time.Time) error {
	res, err := tx.exec(ctx, `UPDATE occurrences SET skipped_at = $2, skipped_by = $3, skip_reason = $4 WHERE id = $1 AND skipped_at IS NULL`,
		id, ts(at), memberID, reason)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return duet.Errorf(duet.EConflict, "This occurrence is already skipped.")
	}
	return nil
}

// SetOccurrenceDecision links the launch-call decision the votes made.
func (tx *Tx) SetOccurrenceDecision(ctx context.Context, id, decisionID string) error {
	_, err := tx.exec(ctx, `UPDATE occurrences SET decision_id = $2 WHERE id = $1 AND decision_id IS NULL`, id, decisionID)
	return err
}

// AddAsked records members an occurrence asks; already asked ones stay.
func (tx *Tx) AddAsked(ctx context.Context, occurrenceID string, memberIDs []string) error {
	for _, m := range memberIDs {
		if _, err := tx.exec(ctx, `INSERT INTO occurrence_asked (occurrence_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, occurrenceID, m); err != nil {
			return err
		}
	}
	return nil
}

// Asked returns the ids of the members an occurrence asked.
func (tx *Tx) Asked(ctx context.Context, occurrenceID string) ([]string, error) {
	var out []string
	err := tx.each(ctx, `SELECT member_id FROM occurrence_asked WHERE occurrence_id = $1 ORDER BY member_id`, []any{occurrenceID},
		func(scan func(...any) error) error {
			var id string
			err := scan(&id)
			out = append(out, id)
			return err
		})
	return out, err
}

// SaveAnswer writes a member's answer to a question, replacing an
// earlier one.
func (tx *Tx) SaveAnswer(ctx context.Context, wsID string, a duet.Answer) error {
	_, err := tx.exec(ctx, `INSERT INTO answers (id, workspace_id, occurrence_id, member_id, question_key, body, visibility, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (occurrence_id, member_id, question_key) DO UPDATE SET body = excluded.body, visibility = excluded.visibility, updated_at = excluded.updated_at`,
		a.ID, wsID, a.OccurrenceID, a.Author.MemberID, a.QuestionKey, a.Body, a.Visibility, ts(a.Updated))
	return err
}

// Answers returns an occurrence's answers a side may see, by question
// then by when they were first written.
func (tx *Tx) Answers(ctx context.Context, occurrenceID string, side duet.Side) ([]duet.Answer, error) {
	out := []duet.Answer{}
	err := tx.each(ctx, `SELECT a.id, a.question_key, a.member_id, u.id, u.name, m.side, a.body, a.visibility, a.created_at, a.updated_at
		FROM answers a JOIN members m ON m.id = a.member_id JOIN users u ON u.id = m.user_id
		WHERE a.occurrence_id = $1 AND a.visibility IN ('shared', $2) ORDER BY a.question_key, a.created_at, a.id`, []any{occurrenceID, side},
		func(scan func(...any) error) error {
			a := duet.Answer{OccurrenceID: occurrenceID}
			var created, updated string
			if err := scan(&a.ID, &a.QuestionKey, &a.Author.MemberID, &a.Author.UserID, &a.Author.Name, &a.Author.Side, &a.Body, &a.Visibility, &created, &updated); err != nil {
				return err
			}
			a.Created, a.Updated = parseTS(created), parseTS(updated)
			out = append(out, a)
			return nil
		})
	return out, err
}

// Answered returns the ids of the members who answered at least one
// question of an occurrence in a way side may see; side "" counts every
// answer (for nudges, which the scheduler sends for nobody's side). An
// answer kept to one side does not even show the other side that it
// exists.
func (tx *Tx) Answered(ctx context.Context, occurrenceID string, side duet.Side) (map[string]bool, error) {
	out := map[string]bool{}
	err := tx.each(ctx, `SELECT DISTINCT member_id FROM answers WHERE occurrence_id = $1 AND ($2 = '' OR visibility IN ('shared', $2))`,
		[]any{occurrenceID, side},
		func(scan func(...any) error) error {
			var id string
			err := scan(&id)
			out[id] = true
			return err
		})
	return out, err
}

// InsertVote records a side's vote; EConflict when the side already
// voted.
func (tx *Tx) InsertVote(ctx context.Context, occurrenceID string, v duet.Vote) error {
	_, err := tx.exec(ctx, `INSERT INTO votes (occurrence_id, side, member_id, vote, reason, blockers, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		occurrenceID, v.Side, v.Author.MemberID, v.Vote, v.Reason, jsonText(orEmpty(v.Blockers)), ts(v.Created))
	return err
}

// orEmpty stores a nil list as [] rather than null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Votes returns an occurrence's votes, host first.
func (tx *Tx) Votes(ctx context.Context, occurrenceID string) ([]duet.Vote, error) {
	out := []duet.Vote{}
	err := tx.each(ctx, `SELECT v.side, v.member_id, u.id, u.name, v.vote, v.reason, v.blockers, v.created_at
		FROM votes v JOIN members m ON m.id = v.member_id JOIN users u ON u.id = m.user_id
		WHERE v.occurrence_id = $1 ORDER BY v.side`, []any{occurrenceID},
		func(scan func(...any) error) error {
			var v duet.Vote
			var blockers, created string
			if err := scan(&v.Side, &v.Author.MemberID, &v.Author.UserID, &v.Author.Name, &v.Vote, &v.Reason, &blockers, &created); err != nil {
				return err
			}
			v.Author.Side, v.Created = v.Side, parseTS(created)
			out = append(out, v)
			return fromJSON(blockers, &out[len(out)-1].Blockers)
		})
	return out, err
}

// InsertOccurrenceComment adds a comment to an occurrence.
func (tx *Tx) InsertOccurrenceComment(ctx context.Context, wsID, occurrenceID string, c duet.Comment) error {
	_, err := tx.exec(ctx, `INSERT INTO occurrence_comments (id, workspace_id, occurrence_id, member_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ID, wsID, occurrenceID, c.Author.MemberID, c.Body, ts(c.Created))
	return err
}

// OccurrenceComments returns an occurrence's comments, oldest first.
func (tx *Tx) OccurrenceComments(ctx context.Context, occurrenceID string) ([]duet.Comment, error) {
	out := []duet.Comment{}
	err := tx.each(ctx, `SELECT c.id, c.member_id, u.id, u.name, m.side, c.body, c.created_at
		FROM occurrence_comments c JOIN members m ON m.id = c.member_id JOIN users u ON u.id = m.user_id
		WHERE c.occurrence_id = $1 ORDER BY c.created_at, c.id`, []any{occurrenceID},
		func(scan func(...any) error) error {
			var c duet.Comment
			var created string
			if err := scan(&c.ID, &c.Author.MemberID, &c.Author.UserID, &c.Author.Name, &c.Author.Side, &c.Body, &created); err != nil {
				return err
			}
			c.Created = parseTS(created)
			out = append(out, c)
			return nil
		})
	return out, err
}

// LockOccurrence takes an occurrence's row lock (on PostgreSQL; SQLite
// writes one at a time), so two votes cast at once see each other.
func (tx *Tx) LockOccurrence(ctx context.Context, id string) error {
	_, err := tx.exec(ctx, `UPDATE occurrences SET skip_reason = skip_reason WHERE id = $1`, id)
	return err
}

// CheckInByID returns a check-in whichever side may see it: for the
// scheduler, which acts for nobody.
func (tx *Tx) CheckInByID(ctx context.Context, id string) (duet.CheckIn, error) {
	cs, err := tx.checkIns(ctx, `id = $1`, id)
	if err != nil {
		return duet.CheckIn{}, err
	}
	if len(cs) == 0 {
		return duet.CheckIn{}, duet.NotFound("check-in")
	}
	return cs[0], nil
}

// NextReminder returns when the earliest unsent opening or nudge is due,
// zero when none is.
func (tx *Tx) NextReminder(ctx context.Context) (time.Time, error) {
	var open, nudge sql.NullString
	err := tx.row(ctx, `SELECT (SELECT min(opens_at) FROM occurrences WHERE opened_at IS NULL),
		(SELECT min(nudge_at) FROM occurrences WHERE nudged_at IS NULL AND nudge_at IS NOT NULL)`).Scan(&open, &nudge)
	var next time.Time
	for _, s := range []sql.NullString{open, nudge} {
		if t := parseTS(s.String); s.Valid && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next, err
}

// BumpCheckIn records a change to a check-in's series that is not a
// settings change (an occurrence skipped): calendar feeds see a new
// SEQUENCE.
func (tx *Tx) BumpCheckIn(ctx context.Context, id string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE check_ins SET version = version + 1, updated_at = $2 WHERE id = $1`, id, ts(at))
	return err
}

// WorkspaceCheckIns returns all of a workspace's check-ins, both sides'.
func (tx *Tx) WorkspaceCheckIns(ctx context.Context, wsID string) ([]duet.CheckIn, error) {
	return tx.checkIns(ctx, `workspace_id = $1`, wsID)
}

// LastVotes returns the go/no-go votes, by side, of the workspace's
// latest meeting that has any: what the go-live gate reads.
func (tx *Tx) LastVotes(ctx context.Context, wsID string) (map[duet.Side]string, error) {
	out := map[duet.Side]string{}
	err := tx.each(ctx, `SELECT v.side, v.vote FROM votes v JOIN occurrences o ON o.id = v.occurrence_id
		WHERE o.workspace_id = $1 AND o.starts_at = (SELECT max(o2.starts_at) FROM occurrences o2 JOIN votes v2 ON v2.occurrence_id = o2.id WHERE o2.workspace_id = $1)`,
		[]any{wsID}, func(scan func(...any) error) error {
			var side duet.Side
			var vote string
			err := scan(&side, &vote)
			out[side] = vote
			return err
		})
	return out, err
}
