package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"duet/internal/duet"
)

// InboxPage is the viewer's notifications across their workspaces.
type InboxPage struct {
	Base
	Notes  []NoteView
	Unread int
}

// NoteView is one notification.
type NoteView struct {
	ID        string
	What      string // "mentioned you", …
	Kind      string
	Actor     string
	Workspace string
	Excerpt   string
	URL       string
	Time      string
	TimeISO   string
	Unread    bool
}

// inboxShow serves GET /inbox.
func (s *server) inboxShow(w http.ResponseWriter, r *http.Request) {
	in, err := s.svc.Notifications(r.Context(), actorOf(r))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	now := s.svc.Now()
	p := &InboxPage{Base: Base{Title: "Inbox", Bell: &BellView{Count: in.Unread}}, Unread: in.Unread}
	for _, n := range in.Notifications {
		p.Notes = append(p.Notes, noteOf(n, now))
	}
	s.render(w, r, http.StatusOK, "inbox_show", p)
}

// noteOf words a notification and links it to what it is about.
func noteOf(n duet.Notification, now time.Time) NoteView {
	v := NoteView{ID: n.ID, Kind: n.Kind, Actor: n.Actor.Name, Workspace: n.WorkspaceName, Unread: n.Read == nil,
		Excerpt: excerptOf(n.Excerpt, 180), TimeISO: n.Created.UTC().Format(time.RFC3339), Time: ago(n.Created, now)}
	if v.Actor == "" {
		v.Actor = "Someone"
	}
	switch n.Kind {
	case duet.NoteSignOff:
		v.What = "asks for your sign-off"
		v.URL = "/w/" + n.WorkspaceID + "/decisions/" + n.SubjectID
		if n.DecisionNumber > 0 {
			v.Excerpt = "D-" + strconv.Itoa(n.DecisionNumber) + " " + v.Excerpt
		}
	case duet.NoteAssigned, duet.NoteTaskMention:
		v.What = "made you DRI of"
		if n.Kind == duet.NoteTaskMention {
			v.What = "mentioned you on"
		}
		v.URL = taskURL(n.WorkspaceID, n.SubjectID)
		if n.TaskNumber > 0 {
			v.Excerpt = taskRef(n.TaskNumber) + " " + v.Excerpt
		}
	case duet.NoteCheckInOpen, duet.NoteCheckInNudge:
		// Duet itself tells: the check-in is the subject of the sentence.
		v.Actor, v.What, v.Excerpt = v.Excerpt, "is open for your answers", "Answer now"
		if n.Kind == duet.NoteCheckInNudge {
			v.What, v.Excerpt = "meets soon — you have not answered", "Answer before it meets"
		}
		if v.Actor == "" {
			v.Actor = "A check-in"
		}
		v.URL = occurrenceURL(n.WorkspaceID, n.SubjectID)
	case duet.NoteReview:
		// The excerpt is the asset's number and title as they are now.
		v.What = "asks for your review of"
		v.URL = assetURL(n.WorkspaceID, n.SubjectID) + "#review"
	case duet.NoteLead, duet.NoteLeadEscalated:
		// Duet itself routes and escalates; the excerpt is "L-n email".
		v.Actor, v.What = "Duet", "routed a lead to you"
		if n.Kind == duet.NoteLeadEscalated {
			v.Actor, v.What = "A lead", "was not accepted in time, or was rejected: it is escalated to you"
		}
		v.URL = leadURL(n.WorkspaceID, n.SubjectID)
	case duet.NoteReply:
		v.What = "replied in a thread"
		v.URL = messagePlace(n.WorkspaceID, n.SubjectID, n.ThreadID, n.ScopeID)
	default:
		v.What = "mentioned you"
		v.URL = messagePlace(n.WorkspaceID, n.SubjectID, n.ThreadID, n.ScopeID)
	}
	if v.Excerpt == "" {
		v.Excerpt = "(deleted)"
	}
	return v
}

// ago says how long ago something happened, in the words of an inbox.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	case d < 7*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day", "days") + " ago"
	}
	return t.UTC().Format("2 Jan 2006")
}
