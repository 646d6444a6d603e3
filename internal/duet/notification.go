package duet

import "time"

// Notification kinds.
const (
	NoteMention = "mention"
	NoteSignOff = "signoff" // your sign-off is requested
	NoteReply   = "reply"   // a reply in a thread you started or joined
	// NoteAssigned: you became the DRI of a task (SubjectID is the task).
	NoteAssigned = "assigned"
	// NoteTaskMention: you were mentioned in a task's comment or notes
	// (SubjectID is the task).
	NoteTaskMention = "task_mention"
	// NoteCheckInOpen: a check-in that asks you opened for answers
	// (SubjectID is the occurrence, ScopeID its check-in).
	NoteCheckInOpen = "checkin_open"
	// NoteCheckInNudge: a check-in meets soon and you have not answered.
	NoteCheckInNudge = "checkin_nudge"
	// NoteReview: an asset's review step you hold the role of is open
	// (SubjectID is the asset).
	NoteReview = "review"
	// NoteLead: a lead was routed to you, or to your side's inbox with
	// nobody to take it (SubjectID is the lead).
	NoteLead = "lead"
	// NoteLeadEscalated: a lead's owner did not accept it in time, or
	// rejected it, and your role is its rule's escalation role.
	NoteLeadEscalated = "lead_escalated"
)

// Notification tells a user that something needs them.
type Notification struct {
	ID            string
	UserID        string
	WorkspaceID   string
	WorkspaceName string
	Kind          string
	SubjectID     string // message or decision
	ScopeID       string // the message's channel, "" for a decision
	ThreadID      string // the thread a reply belongs to
	Actor         Author
	Created       time.Time
	Read          *time.Time
	// Excerpt is the message's Markdown or the decision's title.
	Excerpt        string
	DecisionNumber int
	TaskNumber     int // for NoteAssigned and NoteTaskMention
}
