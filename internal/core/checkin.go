package core

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// CheckInDetail is a check-in with its schedule in words and its
// occurrences around now.
type CheckInDetail struct {
	duet.CheckIn
	Upcoming []duet.Occurrence
	Past     []duet.Occurrence // newest first
	CanEdit  bool              // workspace admins change settings
}

// CheckIns returns the workspace's check-ins the actor may see, each with
// its next meeting.
func (s *Service) CheckIns(ctx context.Context, a *duet.Actor, wsID string) ([]duet.CheckIn, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	return d.At(s.Now()).CheckIns, nil
}

// CheckIn returns one check-in with its upcoming and past occurrences.
func (s *Service) CheckIn(ctx context.Context, a *duet.Actor, wsID, id string) (CheckInDetail, error) {
	var v CheckInDetail
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	c, ok := checkInByID(d.At(s.Now()), id)
	if !ok {
		return v, duet.NotFound("check-in")
	}
	v.CheckIn = c
	me, _ := memberOfUser(d, a)
	v.CanEdit = me.Permission == duet.PermAdmin
	now := s.Now()
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		if v.Upcoming, err = tx.Occurrences(ctx, wsID, d.Side, store.OccurrenceFilter{CheckInID: c.ID, After: now, Limit: 10}); err != nil {
			return err
		}
		v.Past, err = tx.Occurrences(ctx, wsID, d.Side, store.OccurrenceFilter{CheckInID: c.ID, Before: now.Add(time.Second), Newest: true, Limit: 26})
		return err
	})
	return v, err
}

func checkInByID(d *duet.WorkspaceDetail, id string) (duet.CheckIn, bool) {
	for _, c := range d.CheckIns {
		if c.ID == id || c.Key == id {
			return c, true
		}
	}
	return duet.CheckIn{}, false
}

// checkInAdmin checks that the actor is a workspace admin who may see
// the check-in (ENotFound otherwise, EForbidden for a non-admin).
func (s *Service) checkInAdmin(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, vis duet.Visibility) (*duet.Member, error) {
	m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{Visibility: vis})
	if err != nil {
		return nil, err
	}
	if m.Permission != duet.PermAdmin {
		return nil, duet.Errorf(duet.EForbidden, "Only a workspace admin can change check-ins.")
	}
	return m, nil
}

// CreateCheckIn adds a check-in; workspace admins only. Its occurrences
// are materialized at once.
func (s *Service) CreateCheckIn(ctx context.Context, a *duet.Actor, wsID string, in duet.CheckInSave) (duet.CheckIn, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.CheckIn{}, err
	}
	c, err := in.Validate(d.Roles, d.KickoffOn)
	if err != nil {
		return c, err
	}
	c.ID, c.Key, c.Version, c.Updated = store.NewID(), duet.Slug(c.Title), 1, s.Now()
	for n := 2; slices.ContainsFunc(d.CheckIns, func(x duet.CheckIn) bool { return x.Key == c.Key }); n++ {
		c.Key = fmt.Sprintf("%s-%d", duet.Slug(c.Title), n)
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		if _, err := s.checkInAdmin(ctx, tx, a, wsID, c.Visibility); err != nil {
			return err
		}
		if err := tx.InsertCheckIn(ctx, wsID, c); err != nil {
			return err
		}
		if err := s.materialize(ctx, tx, d.Workspace, c, s.Now()); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.checkInEvent(a, wsID, "checkin.updated", c))
	})
	if err != nil {
		return duet.CheckIn{}, err
	}
	return s.checkInAfter(ctx, a, wsID, c.ID)
}

func (s *Service) checkInEvent(a *duet.Actor, wsID, typ string, c duet.CheckIn) *duet.Event {
	e := s.event(a, wsID, typ, c.ID)
	e.Visibility = c.Visibility
	return e
}

func (s *Service) checkInAfter(ctx context.Context, a *duet.Actor, wsID, id string) (duet.CheckIn, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.CheckIn{}, err
	}
	c, ok := checkInByID(d.At(s.Now()), id)
	if !ok {
		return c, duet.NotFound("check-in")
	}
	return c, nil
}

// UpdateCheckIn replaces a check-in's settings, made from in.Version;
// workspace admins only. Occurrences that have not opened move to the new
// schedule; those already open keep their answers.
func (s *Service) UpdateCheckIn(ctx context.Context, a *duet.Actor, wsID, id string, in duet.CheckInSave) (duet.CheckIn, error) {
	if in.Version < 1 {
		return duet.CheckIn{}, duet.Invalid("version", "is required: the version you edited")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.CheckIn{}, err
	}
	c, err := in.Validate(d.Roles, d.KickoffOn)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		old, err := tx.CheckIn(ctx, wsID, id, d.Side)
		if err != nil {
			return err
		}
		if _, err := s.checkInAdmin(ctx, tx, a, wsID, old.Visibility); err != nil {
			return err
		}
		c.ID, c.Key, c.Paused, c.Updated = old.ID, old.Key, old.Paused, s.Now()
		if err := tx.UpdateCheckIn(ctx, c, in.Version); err != nil {
			return err
		}
		if err := s.materialize(ctx, tx, d.Workspace, c, s.Now()); err != nil {
			return err
		}
		// Event visibility is the wider of the old and new: a check-in
		// made internal-only must vanish from the other side's pages too.
		e := s.checkInEvent(a, wsID, "checkin.updated", c)
		if old.Visibility != c.Visibility {
			e.Visibility = duet.VisShared
		}
		return tx.AppendEvent(ctx, e)
	})
	if err != nil {
		return duet.CheckIn{}, err
	}
	return s.checkInAfter(ctx, a, wsID, id)
}

// PauseCheckIn pauses (paused true) or resumes a check-in edited from
// version; workspace admins only. A paused check-in's future occurrences
// are withdrawn; resuming materializes them again.
func (s *Service) PauseCheckIn(ctx context.Context, a *duet.Actor, wsID, id string, version int, paused bool) (duet.CheckIn, error) {
	if version < 1 {
		return duet.CheckIn{}, duet.Invalid("version", "is required: the version you read")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.CheckIn{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		c, err := tx.CheckIn(ctx, wsID, id, d.Side)
		if err != nil {
			return err
		}
		if _, err := s.checkInAdmin(ctx, tx, a, wsID, c.Visibility); err != nil {
			return err
		}
		if c.Paused == paused {
			if paused {
				return duet.Errorf(duet.EConflict, "%s is already paused.", c.Title)
			}
			return duet.Errorf(duet.EConflict, "%s is not paused.", c.Title)
		}
		if err := tx.PauseCheckIn(ctx, id, version, paused, s.Now()); err != nil {
			return err
		}
		c.Paused = paused
		if err := s.materialize(ctx, tx, d.Workspace, c, s.Now()); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.checkInEvent(a, wsID, "checkin.updated", c))
	})
	if err != nil {
		return duet.CheckIn{}, err
	}
	return s.checkInAfter(ctx, a, wsID, id)
}

// materializeAhead is how far ahead occurrences exist, so any of them
// can be skipped in advance; at least the next two always exist.
const materializeAhead = 15 * 24 * time.Hour

// materialize brings a check-in's coming occurrences in line with its
// schedule at now: adds the missing, moves the changed, withdraws those
// the schedule no longer falls on (all of them when paused). One that
// someone answered, voted or commented on stays whatever happens.
func (s *Service) materialize(ctx context.Context, tx *store.Tx, w duet.Workspace, c duet.CheckIn, now time.Time) error {
	loc, err := time.LoadLocation(w.TimeZone)
	if err != nil {
		return fmt.Errorf("workspace %s: time zone %q: %w", w.ID, w.TimeZone, err)
	}
	var want []duet.OccurrenceTimes
	for i, o := range c.Upcoming(w.KickoffOn, loc, now, 30) {
		if i >= 2 && o.StartsAt.After(now.Add(materializeAhead)) {
			break
		}
		want = append(want, o)
	}
	have, err := tx.MovableOccurrences(ctx, c.ID, now)
	if err != nil {
		return err
	}
	// A check-in's very first occurrence opens at once: whoever set it up
	// can answer now rather than a week from now.
	if len(want) > 0 {
		latest, err := tx.LatestOccurrence(ctx, c.ID)
		if err != nil {
			return err
		}
		if latest.ID == "" && now.Before(want[0].OpensAt) {
			want[0].OpensAt = now
		}
	}
	wanted := map[int64]duet.OccurrenceTimes{}
	for _, o := range want {
		wanted[o.StartsAt.Unix()] = o
	}
	existing := map[int64]bool{}
	for _, o := range have {
		times, ok := wanted[o.StartsAt.Unix()]
		switch {
		case !ok:
			if err := tx.DeleteOccurrence(ctx, o.ID); err != nil {
				return err
			}
		case !sameTimes(times, o.OccurrenceTimes):
			// An opening already moved earlier stays: never delay one.
			times.OpensAt = earlier(times.OpensAt, o.OpensAt)
			if sameTimes(times, o.OccurrenceTimes) {
				break
			}
			if err := tx.PutOccurrence(ctx, w.ID, c.ID, times); err != nil {
				return err
			}
		}
		existing[o.StartsAt.Unix()] = ok
	}
	for _, o := range want {
		if !existing[o.StartsAt.Unix()] {
			if err := tx.PutOccurrence(ctx, w.ID, c.ID, o); err != nil {
				return err
			}
		}
	}
	return nil
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func sameTimes(a, b duet.OccurrenceTimes) bool {
	return a.StartsAt.Equal(b.StartsAt) && a.OpensAt.Equal(b.OpensAt) && a.NudgeAt.Equal(b.NudgeAt) && a.ClosesAt.Equal(b.ClosesAt)
}

// OccurrenceDetail is one meeting of a check-in as the actor sees it.
type OccurrenceDetail struct {
	duet.Occurrence
	CheckIn duet.CheckIn
	State   string
	// Answers the actor may see, by question key.
	Answers     map[string][]duet.Answer
	Mine        map[string]duet.Answer // the actor's own answers
	Asked       []duet.Member
	NotAnswered []duet.Member
	CanAnswer   bool // the actor is asked and answers are open
	CanSkip     bool
	Votes       []duet.Vote
	// VoteSide is the side the actor votes for, "" when they do not
	// vote (not a voter role, or their side has voted).
	VoteSide duet.Side
	Agenda   duet.Agenda
	Comments []duet.Comment
	Previous *duet.Occurrence
	Next     *duet.Occurrence
}

// Occurrence returns one occurrence with its answers, who has not
// answered, votes, comments and the agenda Duet computed for it.
func (s *Service) Occurrence(ctx context.Context, a *duet.Actor, wsID, id string) (OccurrenceDetail, error) {
	var v OccurrenceDetail
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	me, _ := memberOfUser(d, a)
	now := s.Now()
	err = s.db.View(ctx, func(tx *store.Tx) error {
		o, err := tx.Occurrence(ctx, wsID, id, d.Side)
		if err != nil {
			return err
		}
		c, ok := checkInByID(d, o.CheckInID)
		if !ok {
			return duet.NotFound("check-in occurrence")
		}
		v.Occurrence, v.CheckIn, v.State = o, c, o.State(now)
		if err := s.occurrenceAnswers(ctx, tx, d, &v, me); err != nil {
			return err
		}
		if v.Votes, err = tx.Votes(ctx, id); err != nil {
			return err
		}
		if v.Comments, err = tx.OccurrenceComments(ctx, id); err != nil {
			return err
		}
		if prev, err := tx.Occurrences(ctx, wsID, d.Side, store.OccurrenceFilter{CheckInID: c.ID, Before: o.StartsAt, Newest: true, Limit: 1}); err != nil {
			return err
		} else if len(prev) == 1 {
			v.Previous = &prev[0]
		}
		if next, err := tx.Occurrences(ctx, wsID, d.Side, store.OccurrenceFilter{CheckInID: c.ID, After: o.StartsAt, Limit: 1}); err != nil {
			return err
		} else if len(next) == 1 {
			v.Next = &next[0]
		}
		since := d.KickoffOn.Time
		if v.Previous != nil {
			since = v.Previous.StartsAt
		}
		v.Agenda, err = s.agenda(ctx, tx, d, c, since, v.Answers)
		return err
	})
	if err != nil {
		return v, err
	}
	if q, ok := v.CheckIn.GoNoGo(); ok && v.State != duet.OccSkipped && v.State != duet.OccScheduled && duet.CanVote(q, me, d.Roles) &&
		!slices.ContainsFunc(v.Votes, func(x duet.Vote) bool { return x.Side == me.Side }) {
		v.VoteSide = me.Side
	}
	v.CanSkip = me.Permission == duet.PermAdmin && !v.Skipped && v.StartsAt.After(now)
	return v, s.renderOccurrence(ctx, d, &v)
}

// occurrenceAnswers fills in the answers the viewer may see, their own,
// who was asked and who has not answered.
func (s *Service) occurrenceAnswers(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, v *OccurrenceDetail, me duet.Member) error {
	answers, err := tx.Answers(ctx, v.ID, d.Side)
	if err != nil {
		return err
	}
	v.Answers, v.Mine = map[string][]duet.Answer{}, map[string]duet.Answer{}
	for _, x := range answers {
		v.Answers[x.QuestionKey] = append(v.Answers[x.QuestionKey], x)
		if x.Author.MemberID == me.ID {
			v.Mine[x.QuestionKey] = x
		}
	}
	asked, err := s.askedMembers(ctx, tx, d, v.CheckIn, v.Occurrence)
	if err != nil {
		return err
	}
	answered, err := tx.Answered(ctx, v.ID, d.Side)
	if err != nil {
		return err
	}
	v.Asked = asked
	for _, m := range asked {
		if !answered[m.ID] {
			v.NotAnswered = append(v.NotAnswered, m)
		}
		if m.ID == me.ID && v.State == duet.OccOpen {
			v.CanAnswer = true
		}
	}
	return nil
}

// askedMembers returns whom an occurrence asks: those fixed when it
// opened, and whoever the check-in asks now (a member who took on a role
// since), in the workspace's member order.
func (s *Service) askedMembers(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, c duet.CheckIn, o duet.Occurrence) ([]duet.Member, error) {
	fixed, err := tx.Asked(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	var out []duet.Member
	// Until answers close, whoever the check-in asks now counts too.
	current := o.OpenedAt == nil || o.ClosesAt.After(s.Now())
	for _, m := range d.Members {
		asksNow := current && c.Asks(m) && c.Visibility.VisibleTo(m.Side)
		if asksNow || slices.Contains(fixed, m.ID) {
			out = append(out, m)
		}
	}
	return out, nil
}

// renderOccurrence renders the answers and comments.
func (s *Service) renderOccurrence(ctx context.Context, d *duet.WorkspaceDetail, v *OccurrenceDetail) error {
	var texts []string
	for _, as := range v.Answers {
		for _, x := range as {
			texts = append(texts, x.Body)
		}
	}
	for _, c := range v.Comments {
		texts = append(texts, c.Body)
	}
	return s.db.Once(ctx, func(tx *store.Tx) error {
		r, err := newRenderer(ctx, tx, d, texts...)
		if err != nil {
			return err
		}
		// Each answer is rendered once; the actor's own and the agenda's
		// blocker answers are copies of the same ones.
		html := map[string]template.HTML{}
		for _, as := range v.Answers {
			for i := range as {
				as[i].HTML = r.html(as[i].Body)
				html[as[i].ID] = as[i].HTML
			}
		}
		for k, mine := range v.Mine {
			mine.HTML = html[mine.ID]
			v.Mine[k] = mine
		}
		for i := range v.Agenda.BlockerAnswers {
			v.Agenda.BlockerAnswers[i].HTML = html[v.Agenda.BlockerAnswers[i].ID]
		}
		for i := range v.Comments {
			v.Comments[i].HTML = r.html(v.Comments[i].Body)
		}
		return nil
	})
}

// occurrenceForChange loads an occurrence and its check-in for a change
// by the actor, under the occurrence's lock.
func (s *Service) occurrenceForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, d *duet.WorkspaceDetail, id string, act duet.Action) (*duet.Member, duet.Occurrence, duet.CheckIn, error) {
	var c duet.CheckIn
	o, err := tx.Occurrence(ctx, d.ID, id, d.Side)
	if err != nil {
		return nil, o, c, err
	}
	if c, err = tx.CheckIn(ctx, d.ID, o.CheckInID, d.Side); err != nil {
		return nil, o, c, err
	}
	m, err := s.member(ctx, tx, a, d.ID, act, duet.Resource{Visibility: c.Visibility})
	if err != nil {
		return nil, o, c, err
	}
	if err := tx.LockOccurrence(ctx, id); err != nil {
		return nil, o, c, err
	}
	return m, o, c, nil
}

// AnswerOccurrence writes the actor's answer to one question, or replaces
// it; answers can change until the next occurrence meets. Nobody answers
// for someone else, and only those the check-in asks answer.
func (s *Service) AnswerOccurrence(ctx context.Context, a *duet.Actor, wsID, id string, in duet.AnswerSave) (duet.Answer, error) {
	if err := in.Validate(); err != nil {
		return duet.Answer{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Answer{}, err
	}
	var ans duet.Answer
	err = s.write(ctx, func(tx *store.Tx) error {
		m, o, c, err := s.occurrenceForChange(ctx, tx, a, d, id, duet.ActComment)
		if err != nil {
			return err
		}
		if in.MemberID != "" && in.MemberID != m.ID {
			return duet.Errorf(duet.EForbidden, "You can only answer for yourself.")
		}
		q, ok := c.Question(in.Question)
		if !ok {
			return duet.Invalid("question", "%q is not a question of %s", in.Question, c.Title)
		}
		if q.Kind == duet.QuestionGoNoGo {
			return duet.Invalid("question", "the go/no-go is a vote, not an answer: vote go or no-go")
		}
		if err := answerable(o, s.Now(), d.Loc); err != nil {
			return err
		}
		full, err := s.askedMembers(ctx, tx, d, c, o)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(full, func(x duet.Member) bool { return x.ID == m.ID }) {
			return duet.Errorf(duet.EForbidden, "%s does not ask you; it asks %s.", c.Title, askWords(c, d.Roles))
		}
		if !in.Visibility.VisibleTo(m.Side) {
			return duet.Invalid("visibility", "an answer kept to the other side would be hidden from you")
		}
		if !c.Visibility.VisibleTo(m.Side) || (c.Visibility != duet.VisShared && in.Visibility == duet.VisShared) {
			in.Visibility = c.Visibility
		}
		now := s.Now()
		ans = duet.Answer{ID: store.NewID(), OccurrenceID: id, QuestionKey: q.Key, Body: in.Body, Visibility: in.Visibility,
			Author: duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}, Created: now, Updated: now}
		if err := tx.AddAsked(ctx, id, []string{m.ID}); err != nil {
			return err
		}
		if err := tx.SaveAnswer(ctx, wsID, ans); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.occurrenceEvent(a, wsID, "checkin.answered", o, in.Visibility))
	})
	if err != nil {
		return duet.Answer{}, err
	}
	ans.HTML, err = s.renderBody(ctx, d, ans.Body)
	return ans, err
}

// answerable refuses answers to an occurrence that is not open.
func answerable(o duet.Occurrence, now time.Time, loc *time.Location) error {
	switch o.State(now) {
	case duet.OccSkipped:
		return duet.Errorf(duet.EConflict, "This check-in was skipped: %s", o.SkipReason)
	case duet.OccScheduled:
		return duet.Errorf(duet.EConflict, "This check-in opens for answers on %s.", o.OpensAt.In(loc).Format("Mon 2 Jan 15:04 MST"))
	case duet.OccClosed:
		return duet.Errorf(duet.EConflict, "This check-in closed when the next one met; answer the current one instead.")
	}
	return nil
}

// askWords names who a check-in asks, for a refusal.
func askWords(c duet.CheckIn, roles []duet.Role) string {
	var who []string
	for _, side := range c.AskSides {
		who = append(who, "the "+string(side)+" side")
	}
	for _, k := range c.AskRoles {
		who = append(who, roleByKey(roles, k).Name)
	}
	return duet.JoinWords(who)
}

func (s *Service) occurrenceEvent(a *duet.Actor, wsID, typ string, o duet.Occurrence, vis duet.Visibility) *duet.Event {
	e := s.event(a, wsID, typ, o.ID)
	e.Scope, e.Visibility = o.CheckInID, vis
	return e
}

// CommentOnOccurrence adds a comment to an occurrence.
func (s *Service) CommentOnOccurrence(ctx context.Context, a *duet.Actor, wsID, id, body string) (duet.Comment, error) {
	body, err := duet.ValidateBody("body", body)
	if err != nil {
		return duet.Comment{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Comment{}, err
	}
	c := duet.Comment{ID: store.NewID(), Body: body, Created: s.Now()}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, o, ci, err := s.occurrenceForChange(ctx, tx, a, d, id, duet.ActComment)
		if err != nil {
			return err
		}
		c.Author = duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
		if err := tx.InsertOccurrenceComment(ctx, wsID, id, c); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.occurrenceEvent(a, wsID, "checkin.commented", o, ci.Visibility))
	})
	if err != nil {
		return c, err
	}
	c.HTML, err = s.renderBody(ctx, d, body)
	return c, err
}

// SkipOccurrence skips an occurrence that has not met; workspace admins
// only. Nobody is reminded of it, and calendar feeds drop it.
func (s *Service) SkipOccurrence(ctx context.Context, a *duet.Actor, wsID, id, reason string) (duet.Occurrence, error) {
	reason, err := duet.ValidateBody("reason", reason)
	if err != nil {
		return duet.Occurrence{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Occurrence{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, o, c, err := s.occurrenceForChange(ctx, tx, a, d, id, duet.ActEditItem)
		if err != nil {
			return err
		}
		if m.Permission != duet.PermAdmin {
			return duet.Errorf(duet.EForbidden, "Only a workspace admin can skip a check-in.")
		}
		if !o.StartsAt.After(s.Now()) {
			return duet.Errorf(duet.EConflict, "This check-in already met on %s; only a future one can be skipped.", o.StartsAt.In(d.Loc).Format("Mon 2 Jan 15:04"))
		}
		if err := tx.SkipOccurrence(ctx, id, m.ID, reason, s.Now()); err != nil {
			return err
		}
		if err := tx.BumpCheckIn(ctx, c.ID, s.Now()); err != nil {
			return err
		}
		// Structure: calendar feeds and check-in pages change.
		return tx.AppendEvent(ctx, s.occurrenceEvent(a, wsID, "checkin.updated", o, c.Visibility))
	})
	if err != nil {
		return duet.Occurrence{}, err
	}
	var o duet.Occurrence
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		o, err = tx.Occurrence(ctx, wsID, id, d.Side)
		return err
	})
	return o, err
}

// CurrentOccurrence returns the occurrence of a check-in people work on
// now: the open one meeting soonest, else the next to open, else the
// latest.
func (s *Service) CurrentOccurrence(ctx context.Context, a *duet.Actor, wsID, checkInID string) (duet.Occurrence, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Occurrence{}, err
	}
	c, ok := checkInByID(d, checkInID)
	if !ok {
		return duet.Occurrence{}, duet.NotFound("check-in")
	}
	now := s.Now()
	var all []duet.Occurrence
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		all, err = tx.Occurrences(ctx, wsID, d.Side, store.OccurrenceFilter{CheckInID: c.ID, After: now.Add(-60 * 24 * time.Hour)})
		return err
	})
	if err != nil {
		return duet.Occurrence{}, err
	}
	for _, want := range []string{duet.OccOpen, duet.OccScheduled} {
		for _, o := range all {
			if o.State(now) == want && (want == duet.OccScheduled || !o.StartsAt.Before(now.Add(-time.Duration(c.DurationMinutes)*time.Minute))) {
				return o, nil
			}
		}
	}
	for i := len(all) - 1; i >= 0; i-- {
		if !all[i].Skipped {
			return all[i], nil
		}
	}
	return duet.Occurrence{}, duet.NotFound("check-in occurrence")
}
