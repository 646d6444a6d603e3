package core

import (
	"context"
	"slices"

	"duet/internal/duet"
	"duet/internal/store"
)

// Vote casts the actor's side's go/no-go at a launch-readiness
// occurrence. Each side votes once, by a member holding one of its voter
// roles; a no-go records its reason and the blockers the readiness
// summary lists at that moment. The second vote writes the outcome as an
// approved launch-call decision signed by both voters.
func (s *Service) Vote(ctx context.Context, a *duet.Actor, wsID, id string, in duet.VoteCast) (OccurrenceDetail, error) {
	if err := in.Validate(); err != nil {
		return OccurrenceDetail{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return OccurrenceDetail{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, o, c, err := s.occurrenceForChange(ctx, tx, a, d, id, duet.ActComment)
		if err != nil {
			return err
		}
		q, ok := c.GoNoGo()
		if !ok {
			return duet.Invalid("vote", "%s has no go/no-go question", c.Title)
		}
		if in.Side != "" && in.Side != m.Side {
			return duet.Errorf(duet.EForbidden, "You vote for the %s side; the %s side votes for itself.", m.Side, in.Side)
		}
		if !duet.CanVote(q, *m, d.Roles) {
			var names []string
			for _, r := range duet.VoterRoles(q, m.Side, d.Roles) {
				names = append(names, r.Name)
			}
			return duet.Errorf(duet.EForbidden, "Only the %s votes for the %s side.", duet.JoinWords(names), m.Side)
		}
		switch o.State(s.Now()) {
		case duet.OccSkipped:
			return duet.Errorf(duet.EConflict, "This check-in was skipped: %s", o.SkipReason)
		case duet.OccScheduled:
			return duet.Errorf(duet.EConflict, "Voting opens with the check-in on %s.", o.OpensAt.In(d.Loc).Format("Mon 2 Jan 15:04"))
		}
		votes, err := tx.Votes(ctx, id)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(votes, func(v duet.Vote) bool { return v.Side == m.Side }); i >= 0 {
			v := votes[i]
			return duet.Errorf(duet.EConflict, "The %s side already voted %s (%s, %s); a side votes once.", v.Side, duet.VoteWords(v.Vote), v.Author.Name, v.Created.In(d.Loc).Format("2 Jan 15:04"))
		}
		v := duet.Vote{Side: m.Side, Vote: in.Vote, Reason: in.Reason, Author: duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}, Created: s.Now()}
		if v.Vote == duet.VoteNoGo {
			g, err := s.agenda(ctx, tx, d, c, d.KickoffOn.Time, nil)
			if err != nil {
				return err
			}
			v.Blockers = g.Blockers()
		}
		if err := tx.InsertVote(ctx, id, v); err != nil {
			return err
		}
		if err := tx.AppendActivity(ctx, s.occurrenceEvent(a, wsID, "checkin.voted", o, c.Visibility)); err != nil {
			return err
		}
		if votes = append(votes, v); len(votes) < 2 {
			return nil
		}
		return s.recordLaunchCall(ctx, tx, a, d, o, q, votes, m)
	})
	if err != nil {
		return OccurrenceDetail{}, err
	}
	return s.Occurrence(ctx, a, wsID, id)
}

// recordLaunchCall writes both sides' votes as a launch-call decision,
// already signed by the two voters (their votes are their sign-offs), and
// links it to the occurrence.
func (s *Service) recordLaunchCall(ctx context.Context, tx *store.Tx, a *duet.Actor, d *duet.WorkspaceDetail, o duet.Occurrence, q duet.TemplateQuestion, votes []duet.Vote, by *duet.Member) error {
	slices.SortFunc(votes, func(x, y duet.Vote) int { return cmpSide(x.Side, y.Side) })
	title, body := duet.LaunchCall(o.CheckInTitle, o.StartsAt.In(d.Loc), votes)
	roles := make([]string, len(votes))
	for i, v := range votes {
		voter, _ := memberByID(d.Members, v.Author.MemberID)
		for _, r := range duet.VoterRoles(q, v.Side, d.Roles) {
			if slices.Contains(voter.RoleKeys, r.Key) {
				roles[i] = r.Key
				break
			}
		}
	}
	dec := s.newDecision(d, duet.KindLaunchCall, title, body, "", roles)
	for i := range dec.SignOffs {
		author := votes[i].Author
		dec.SignOffs[i].Signer = &author // signed by voting: nobody is asked to sign
	}
	if err := s.recordDecision(ctx, tx, a, d.ID, by, &dec, "", ""); err != nil {
		return err
	}
	now := s.Now()
	for i, v := range votes {
		if _, err := tx.SignOff(ctx, dec.ID, roles[i:i+1], v.Author.MemberID, dec.Version, now); err != nil {
			return err
		}
	}
	if err := tx.SetDecisionStatus(ctx, dec.ID, duet.StatusProposed, duet.StatusApproved, "", now); err != nil {
		return err
	}
	if err := tx.SetOccurrenceDecision(ctx, o.ID, dec.ID); err != nil {
		return err
	}
	dc, err := tx.ChannelByKey(ctx, d.ID, DecisionsChannel)
	if err != nil {
		return err
	}
	return tx.AppendActivity(ctx, s.channelEvent(a, d.ID, "decision.approved", dec.ID, dc))
}

func cmpSide(a, b duet.Side) int {
	if a == b {
		return 0
	}
	if a == duet.SideHost {
		return -1
	}
	return 1
}
