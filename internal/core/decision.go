package core

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"duet/internal/duet"
	"duet/internal/markdown"
	"duet/internal/store"
)

// Decisions lists the workspace's decisions, newest first. Decisions are
// signed by both sides, so both see all of them.
func (s *Service) Decisions(ctx context.Context, a *duet.Actor, wsID string, f duet.DecisionFilter) ([]duet.Decision, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var out []duet.Decision
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Decisions(ctx, wsID, f)
		return err
	})
	// A decision may come from a message in a channel kept to one side:
	// the other side sees the decision, never where it came from.
	visible := map[string]bool{}
	for _, c := range d.Channels {
		visible[c.ID] = true
	}
	for i := range out {
		if !visible[out[i].SourceChanID] {
			out[i].SourceMsgID, out[i].SourceChanID = "", ""
		}
	}
	return out, err
}

// Decision returns one decision, rendered, with its sign-offs. The link to
// the message it was recorded from is dropped when that message is in a
// channel the actor cannot see.
func (s *Service) Decision(ctx context.Context, a *duet.Actor, wsID, id string) (duet.Decision, error) {
	var dec duet.Decision
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return dec, err
	}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if dec, err = tx.Decision(ctx, wsID, id); err != nil {
			return err
		}
		if dec.SourceMsgID != "" {
			if _, err := tx.Message(ctx, wsID, dec.SourceMsgID, d.Side); err != nil {
				dec.SourceMsgID, dec.SourceChanID = "", ""
			}
		}
		r, err := newRenderer(ctx, tx, d, dec.Body, dec.Rationale)
		if err != nil {
			return err
		}
		dec.HTML, dec.RatHTML = r.html(dec.Body), r.html(dec.Rationale)
		return nil
	})
	return dec, err
}

// ProposeDecision records a decision waiting for sign-off: new, recorded
// from a message, or superseding an approved decision. The template names
// the signer roles for its kind; the holders are asked to sign.
func (s *Service) ProposeDecision(ctx context.Context, a *duet.Actor, wsID string, in duet.DecisionCreate) (duet.Decision, error) {
	if err := in.Validate(); err != nil {
		return duet.Decision{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Decision{}, err
	}
	signers := in.Signers
	if len(signers) == 0 {
		tpl, _ := s.templates.Get(d.TemplateKey)
		signers = duet.DecisionSigners(tpl, in.Kind)
	}
	if err := duet.CheckSigners(signers, d.Roles); err != nil {
		return duet.Decision{}, err
	}
	dec := s.newDecision(d, in.Kind, in.Title, in.Body, in.Rationale, signers)
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		return s.recordDecision(ctx, tx, a, wsID, m, &dec, in.FromMessage, in.Supersedes)
	})
	if err != nil {
		return duet.Decision{}, err
	}
	return s.Decision(ctx, a, wsID, dec.ID)
}

// newDecision builds a proposed decision with a sign-off for each signer
// role.
func (s *Service) newDecision(d *duet.WorkspaceDetail, kind, title, body, rationale string, signers []string) duet.Decision {
	now := s.Now()
	dec := duet.Decision{ID: store.NewID(), Kind: kind, Title: title, Body: body, Rationale: rationale,
		Status: duet.StatusProposed, Version: 1, Created: now, Updated: now}
	for _, k := range signers {
		r := roleByKey(d.Roles, k)
		dec.SignOffs = append(dec.SignOffs, duet.SignOff{RoleKey: k, RoleName: r.Name, Side: r.Side})
	}
	return dec
}

// recordDecision writes a proposed decision into #decisions inside the
// caller's transaction, proposed by m: numbered, indexed, its signers
// asked. fromMessage and supersedes are optional.
func (s *Service) recordDecision(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, m *duet.Member, dec *duet.Decision, fromMessage, supersedes string) error {
	dc, err := tx.ChannelByKey(ctx, wsID, DecisionsChannel)
	if err != nil {
		return err
	}
	seq, err := tx.NextSeq(ctx, wsID)
	if err != nil {
		return err
	}
	var src duet.Message
	if fromMessage != "" {
		if src, err = tx.Message(ctx, wsID, fromMessage, m.Side); err != nil {
			return duet.Invalid("from_message", "no such message")
		}
		if src.Deleted {
			return duet.Invalid("from_message", "that message was deleted")
		}
		if src.DecisionID != "" {
			return duet.Errorf(duet.EConflict, "That message is already recorded as D-%d.", src.DecisionNumber)
		}
		dec.SourceMsgID = src.ID
	}
	if supersedes != "" {
		old, err := tx.Decision(ctx, wsID, supersedes)
		if err != nil {
			return err // ENotFound: the decision to supersede
		}
		if old.Status != duet.StatusApproved {
			return duet.Errorf(duet.EConflict, "D-%d is %s; only an approved decision can be superseded.", old.Number, old.Status)
		}
		if old.SupersededBy != nil {
			return duet.Errorf(duet.EConflict, "D-%d is already being superseded by D-%d.", old.Number, old.SupersededBy.Number)
		}
		dec.Supersedes = &duet.DecisionRef{ID: old.ID, Number: old.Number, Title: old.Title, Status: old.Status}
	}
	if dec.Number, err = tx.NextDecisionNumber(ctx, wsID); err != nil {
		return err
	}
	dec.ProposedBy = duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
	if err := tx.InsertDecision(ctx, wsID, dec, seq); err != nil {
		return err
	}
	if src.ID != "" {
		if err := tx.SetCandidate(ctx, src.ID, duet.CandidateRecorded, dec.ID); err != nil {
			return err
		}
		sc, err := tx.Channel(ctx, wsID, src.ChannelID, m.Side)
		if err != nil {
			return err
		}
		if err := tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.edited", src.ID, sc)); err != nil {
			return err
		}
	}
	if err := tx.IndexDoc(ctx, decisionDoc(wsID, dc.ID, *dec, seq)); err != nil {
		return err
	}
	if err := s.askSigners(ctx, tx, wsID, m, *dec); err != nil {
		return err
	}
	return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "decision.proposed", dec.ID, dc))
}

func roleByKey(roles []duet.Role, key string) duet.Role {
	for _, r := range roles {
		if r.Key == key {
			return r
		}
	}
	return duet.Role{Key: key, Name: key}
}

func decisionDoc(wsID, chID string, d duet.Decision, seq int64) store.SearchDoc {
	return store.SearchDoc{ItemID: d.ID, WorkspaceID: wsID, Kind: "decision", Visibility: duet.VisShared, ChannelID: chID, Seq: seq,
		Title: fmt.Sprintf("D-%d %s", d.Number, d.Title), Body: markdown.Plain(d.Body + "\n\n" + d.Rationale)}
}

// askSigners notifies the holders of every unsigned sign-off role.
func (s *Service) askSigners(ctx context.Context, tx *store.Tx, wsID string, by *duet.Member, d duet.Decision) error {
	members, err := tx.Members(ctx, wsID)
	if err != nil {
		return err
	}
	holders := duet.RoleHolders(members)
	asked := map[string]bool{by.ID: true}
	for _, so := range d.SignOffs {
		if so.Signer != nil {
			continue
		}
		for _, h := range holders[so.RoleKey] {
			if asked[h.ID] {
				continue
			}
			asked[h.ID] = true
			if err := tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: h.UserID, WorkspaceID: wsID, Kind: duet.NoteSignOff,
				SubjectID: d.ID, Actor: duet.Author{MemberID: by.ID}, Created: s.Now()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// decisionForChange loads a decision under the workspace lock, for a
// change that must see the latest state, with the sequence number the
// lock took.
func (s *Service) decisionForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, id string, act duet.Action) (*duet.Member, duet.Decision, int64, error) {
	m, err := s.member(ctx, tx, a, wsID, act, duet.Resource{})
	if err != nil {
		return nil, duet.Decision{}, 0, err
	}
	seq, err := tx.NextSeq(ctx, wsID) // take the lock before reading
	if err != nil {
		return nil, duet.Decision{}, 0, err
	}
	d, err := tx.Decision(ctx, wsID, id)
	return m, d, seq, err
}

func lockedError(d duet.Decision) error {
	if d.Status == duet.StatusApproved {
		return duet.Errorf(duet.EConflict, "D-%d is approved and locked; to change it, propose a decision that supersedes it.", d.Number)
	}
	return duet.Errorf(duet.EConflict, "D-%d is %s and can no longer change.", d.Number, d.Status)
}

// EditDecision changes a proposed decision's text; every sign-off given
// so far is reset, since it was for the earlier text.
func (s *Service) EditDecision(ctx context.Context, a *duet.Actor, wsID, id string, in duet.DecisionUpdate) (duet.Decision, error) {
	if err := in.Validate(); err != nil {
		return duet.Decision{}, err
	}
	err := s.write(ctx, func(tx *store.Tx) error {
		m, d, seq, err := s.decisionForChange(ctx, tx, a, wsID, id, duet.ActEditItem)
		if err != nil {
			return err
		}
		if d.Locked() {
			return lockedError(d)
		}
		if err := tx.UpdateDecisionText(ctx, id, in.Version, in.Title, in.Body, in.Rationale, s.Now()); err != nil {
			return err
		}
		d.Title, d.Body, d.Rationale, d.Version = in.Title, in.Body, in.Rationale, d.Version+1
		dc, err := tx.ChannelByKey(ctx, wsID, DecisionsChannel)
		if err != nil {
			return err
		}
		if err := tx.IndexDoc(ctx, decisionDoc(wsID, dc.ID, d, seq)); err != nil {
			return err
		}
		for i := range d.SignOffs {
			d.SignOffs[i].Signer = nil
		}
		if err := s.askSigners(ctx, tx, wsID, m, d); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "decision.edited", id, dc))
	})
	if err != nil {
		return duet.Decision{}, err
	}
	return s.Decision(ctx, a, wsID, id)
}

// SignDecision signs a proposed decision, at the version the signer read,
// for every unsigned role of theirs. A member signs the roles they hold;
// an admin may also sign their own side's roles that nobody holds. When
// the last sign-off is in, the decision is approved and locked, and a
// decision it supersedes becomes superseded.
func (s *Service) SignDecision(ctx context.Context, a *duet.Actor, wsID, id string, version int) (duet.Decision, error) {
	if version < 1 {
		return duet.Decision{}, duet.Invalid("version", "is required: the version you read and sign")
	}
	err := s.write(ctx, func(tx *store.Tx) error {
		m, d, _, err := s.decisionForChange(ctx, tx, a, wsID, id, duet.ActComment)
		if err != nil {
			return err
		}
		if d.Locked() {
			return lockedError(d)
		}
		if version != d.Version {
			return duet.Errorf(duet.EConflict, "D-%d changed since you read it (now version %d); read it again before signing.", d.Number, d.Version)
		}
		members, err := tx.Members(ctx, wsID)
		if err != nil {
			return err
		}
		holders := duet.RoleHolders(members)
		held := map[string]bool{}
		for _, k := range m.RoleKeys {
			held[k] = true
		}
		var mine, signedByMe, signedForMe, otherSide []string
		for _, so := range d.SignOffs {
			eligible := held[so.RoleKey] || (m.Permission == duet.PermAdmin && so.Side == m.Side && len(holders[so.RoleKey]) == 0)
			switch {
			case so.Signer != nil && so.Signer.MemberID == m.ID:
				signedByMe = append(signedByMe, so.RoleName)
			case so.Signer != nil && held[so.RoleKey]:
				signedForMe = append(signedForMe, so.Signer.Name+" as "+so.RoleName)
			case so.Signer == nil && eligible:
				mine = append(mine, so.RoleKey)
			case so.Signer == nil && so.Side != m.Side:
				otherSide = append(otherSide, so.RoleName)
			}
		}
		if len(mine) == 0 {
			switch {
			case len(signedByMe) > 0:
				return duet.Errorf(duet.EConflict, "You already signed D-%d as %s.", d.Number, strings.Join(signedByMe, ", "))
			case len(signedForMe) > 0:
				return duet.Errorf(duet.EConflict, "D-%d is already signed by %s.", d.Number, strings.Join(signedForMe, ", "))
			case len(otherSide) > 0 && len(otherSide) == len(d.Pending()):
				return duet.Errorf(duet.EForbidden, "D-%d now waits for the other side (%s); you cannot sign for them.", d.Number, strings.Join(otherSide, ", "))
			default:
				return duet.Errorf(duet.EForbidden, "D-%d needs a sign-off from %s; you do not hold that role.", d.Number, roleNames(d.Pending()))
			}
		}
		now := s.Now()
		if _, err := tx.SignOff(ctx, id, mine, m.ID, d.Version, now); err != nil {
			return err
		}
		if d, err = tx.Decision(ctx, wsID, id); err != nil {
			return err
		}
		dc, err := tx.ChannelByKey(ctx, wsID, DecisionsChannel)
		if err != nil {
			return err
		}
		typ := "decision.signed"
		if d.FullySigned() {
			typ = "decision.approved"
			if err := tx.SetDecisionStatus(ctx, id, duet.StatusProposed, duet.StatusApproved, "", now); err != nil {
				return err
			}
			if err := s.overrideDecided(ctx, tx, a, wsID, d, true); err != nil {
				return err
			}
			if err := s.docDecided(ctx, tx, a, wsID, d, true); err != nil {
				return err
			}
			if d.Supersedes != nil {
				if err := tx.SetDecisionStatus(ctx, d.Supersedes.ID, duet.StatusApproved, duet.StatusSuperseded, fmt.Sprintf("Superseded by D-%d.", d.Number), now); err != nil {
					return err
				}
				if err := tx.AppendActivity(ctx, s.channelEvent(a, wsID, "decision.superseded", d.Supersedes.ID, dc)); err != nil {
					return err
				}
			}
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, typ, id, dc))
	})
	if err != nil {
		return duet.Decision{}, err
	}
	return s.Decision(ctx, a, wsID, id)
}

// roleNames lists the roles of sign-offs for a message.
func roleNames(sos []duet.SignOff) string {
	names := make([]string, len(sos))
	for i, so := range sos {
		names[i] = so.RoleName
	}
	return strings.Join(names, ", ")
}

// RejectDecision closes a proposed decision as rejected; only a required
// signer (holding one of its roles) may, and must say why.
func (s *Service) RejectDecision(ctx context.Context, a *duet.Actor, wsID, id, reason string) (duet.Decision, error) {
	reason, err := duet.ValidateReason(reason, true)
	if err != nil {
		return duet.Decision{}, err
	}
	return s.closeAs(ctx, a, wsID, id, duet.StatusRejected, reason, func(m *duet.Member, d duet.Decision) error {
		for _, so := range d.SignOffs {
			if slices.Contains(m.RoleKeys, so.RoleKey) {
				return nil
			}
		}
		return duet.Errorf(duet.EForbidden, "Only a required signer (%s) can reject D-%d.", roleNames(d.SignOffs), d.Number)
	})
}

// WithdrawDecision closes a proposed decision as withdrawn: its proposer,
// or an admin of the proposer's side, may.
func (s *Service) WithdrawDecision(ctx context.Context, a *duet.Actor, wsID, id, reason string) (duet.Decision, error) {
	reason, err := duet.ValidateReason(reason, false)
	if err != nil {
		return duet.Decision{}, err
	}
	return s.closeAs(ctx, a, wsID, id, duet.StatusWithdrawn, reason, func(m *duet.Member, d duet.Decision) error {
		if d.ProposedBy.MemberID == m.ID || (m.Permission == duet.PermAdmin && m.Side == d.ProposedBy.Side) {
			return nil
		}
		return duet.Errorf(duet.EForbidden, "Only %s, who proposed D-%d, or an admin of their side can withdraw it.", d.ProposedBy.Name, d.Number)
	})
}

// closeAs ends a proposed decision with status to, if may allows the actor.
func (s *Service) closeAs(ctx context.Context, a *duet.Actor, wsID, id, to, reason string, may func(*duet.Member, duet.Decision) error) (duet.Decision, error) {
	err := s.write(ctx, func(tx *store.Tx) error {
		m, d, _, err := s.decisionForChange(ctx, tx, a, wsID, id, duet.ActComment)
		if err != nil {
			return err
		}
		if d.Locked() {
			return lockedError(d)
		}
		if err := may(m, d); err != nil {
			return err
		}
		return s.closeDecision(ctx, tx, a, wsID, d, to, reason)
	})
	if err != nil {
		return duet.Decision{}, err
	}
	return s.Decision(ctx, a, wsID, id)
}

func (s *Service) closeDecision(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, d duet.Decision, to, reason string) error {
	if err := tx.SetDecisionStatus(ctx, d.ID, duet.StatusProposed, to, reason, s.Now()); err != nil {
		return err
	}
	if err := s.overrideDecided(ctx, tx, a, wsID, d, false); err != nil {
		return err
	}
	if err := s.docDecided(ctx, tx, a, wsID, d, false); err != nil {
		return err
	}
	dc, err := tx.ChannelByKey(ctx, wsID, DecisionsChannel)
	if err != nil {
		return err
	}
	return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "decision."+to, d.ID, dc))
}
