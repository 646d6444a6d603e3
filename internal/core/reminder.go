package core

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/jobs"
	"duet/internal/mail"
	"duet/internal/store"
)

// MaterializeCheckIns brings every check-in's coming occurrences in line
// with its schedule at now. Changes to a check-in materialize at once;
// this keeps the window moving forward. It is a scheduler task.
func (s *Service) MaterializeCheckIns(ctx context.Context, now time.Time) (time.Time, error) {
	var all []store.ScheduledCheckIn
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		all, err = tx.ScheduledCheckIns(ctx)
		return err
	})
	if err != nil {
		return time.Time{}, err
	}
	for _, c := range all {
		err := s.db.Tx(ctx, func(tx *store.Tx) error {
			w := duet.Workspace{ID: c.WorkspaceID, KickoffOn: c.KickoffOn, TimeZone: c.TimeZone}
			return s.materialize(ctx, tx, w, c.CheckIn, now)
		})
		if err != nil {
			return time.Time{}, fmt.Errorf("materialize check-in %s: %w", c.ID, err)
		}
	}
	return now.Add(time.Hour), nil
}

// reminderBatch bounds the reminders one run sends; the rest follow at
// once in the next run.
const reminderBatch = 100

// SendReminders opens the occurrences due at now, telling those asked,
// and nudges those who have not answered before a meeting. Each opening
// and nudge is claimed in the transaction that writes its notifications
// and queues its mail, so across nodes, crashes and restarts it happens
// exactly once. It is a scheduler task; it asks to run again when the
// next reminder is due.
func (s *Service) SendReminders(ctx context.Context, now time.Time) (time.Time, error) {
	for _, nudge := range []bool{false, true} {
		var due []duet.Occurrence
		err := s.db.View(ctx, func(tx *store.Tx) (err error) {
			due, err = tx.DueOccurrences(ctx, now, nudge, reminderBatch)
			return err
		})
		if err != nil {
			return time.Time{}, err
		}
		for _, o := range due {
			if err := s.write(ctx, func(tx *store.Tx) error { return s.remind(ctx, tx, o, nudge, now) }); err != nil {
				return time.Time{}, fmt.Errorf("remind occurrence %s: %w", o.ID, err)
			}
		}
		if len(due) == reminderBatch {
			return now, nil
		}
	}
	var next time.Time
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		next, err = tx.NextReminder(ctx)
		return err
	})
	return next, err
}

// remind claims one opening or nudge and, if this call claimed it and it
// is still worth sending, notifies the members concerned.
func (s *Service) remind(ctx context.Context, tx *store.Tx, o duet.Occurrence, nudge bool, now time.Time) error {
	claimed, err := tx.ClaimOccurrence(ctx, o.ID, nudge, now)
	if err != nil || !claimed {
		return err
	}
	// A server down for a while sends nothing stale: no opening after
	// answers closed, no nudge after the meeting began.
	if o.Skipped || !now.Before(o.ClosesAt) || nudge && !now.Before(o.StartsAt) {
		return nil
	}
	c, err := tx.CheckInByID(ctx, o.CheckInID)
	if err != nil {
		return err
	}
	w, err := tx.Workspace(ctx, o.WorkspaceID)
	if err != nil {
		return err
	}
	members, err := tx.Members(ctx, o.WorkspaceID)
	if err != nil {
		return err
	}
	var to []duet.Member
	if !nudge {
		for _, m := range members {
			if c.Asks(m) && c.Visibility.VisibleTo(m.Side) {
				to = append(to, m)
			}
		}
		ids := make([]string, len(to))
		for i, m := range to {
			ids[i] = m.ID
		}
		if err := tx.AddAsked(ctx, o.ID, ids); err != nil {
			return err
		}
	} else {
		asked, err := tx.Asked(ctx, o.ID)
		if err != nil {
			return err
		}
		answered, err := tx.Answered(ctx, o.ID, "")
		if err != nil {
			return err
		}
		for _, m := range members {
			if !answered[m.ID] && c.Visibility.VisibleTo(m.Side) && slices.Contains(asked, m.ID) {
				to = append(to, m)
			}
		}
	}
	kind := duet.NoteCheckInOpen
	if nudge {
		kind = duet.NoteCheckInNudge
	}
	for _, m := range to {
		if err := tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: m.UserID, WorkspaceID: w.ID, Kind: kind,
			SubjectID: o.ID, ScopeID: c.ID, Created: now}); err != nil {
			return err
		}
		if s.mailer != nil && m.Email != "" {
			if err := s.queueMail(ctx, tx, w, reminderMail(s.baseURL, w, c, o, m, nudge)); err != nil {
				return err
			}
		}
	}
	if nudge {
		return nil
	}
	e := &duet.Event{WorkspaceID: w.ID, Type: "checkin.opened", Subject: o.ID, Scope: c.ID, Visibility: c.Visibility, Created: now}
	return tx.AppendActivity(ctx, e)
}

// queueMail writes a mail into the outbox, in the caller's transaction.
func (s *Service) queueMail(ctx context.Context, tx *store.Tx, w duet.Workspace, m mail.Message) error {
	payload, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return tx.InsertOutbox(ctx, store.OutboxItem{ID: store.NewID(), WorkspaceID: w.ID, Kind: jobs.KindMail, Payload: string(payload), Created: s.Now()})
}

// reminderMail writes the mail of an opening or a nudge. Its Message-ID
// is fixed by occurrence, member and kind: delivered again after a crash,
// it is the same message.
func reminderMail(base string, w duet.Workspace, c duet.CheckIn, o duet.Occurrence, m duet.Member, nudge bool) mail.Message {
	loc, err := time.LoadLocation(w.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	when := o.StartsAt.In(loc).Format("Monday 2 January, 15:04 MST")
	var b strings.Builder
	subject, kind := fmt.Sprintf("%s is open for your answers — %s", c.Title, w.Name), "open"
	if nudge {
		subject, kind = fmt.Sprintf("Reminder: %s meets soon and you have not answered — %s", c.Title, w.Name), "nudge"
	}
	fmt.Fprintf(&b, "Hello %s,\n\n%s meets on %s.\n", m.Name, c.Title, when)
	if nudge {
		b.WriteString("Your answers are not in yet; a minute now saves the meeting's time.\n")
	}
	b.WriteString("\nThe questions:\n")
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionText {
			fmt.Fprintf(&b, "- %s\n", q.Text)
		}
	}
	fmt.Fprintf(&b, "\nAnswer here: %s/w/%s/occurrences/%s\n", base, w.ID, o.ID)
	return mail.Message{To: m.Email, Subject: subject, Body: b.String(), ID: fmt.Sprintf("%s.%s.%s", o.ID, kind, m.ID)}
}

// MailDeliverer delivers the outbox's mail through sender.
func MailDeliverer(sender interface {
	Deliver(ctx context.Context, m mail.Message) error
}) jobs.Deliverer {
	return func(ctx context.Context, it store.OutboxItem) error {
		var m mail.Message
		if err := json.Unmarshal([]byte(it.Payload), &m); err != nil {
			return &jobs.Permanent{Err: fmt.Errorf("outbox mail %s: %w", it.ID, err)}
		}
		return sender.Deliver(ctx, m)
	}
}
