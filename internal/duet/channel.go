package duet

import (
	"html/template"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxMessageBytes bounds a message, a decision's text and a comment: long
// enough for a pasted brief, short enough that a page of them stays small.
const MaxMessageBytes = 40_000

// ChannelInfo is a channel as one member sees it in the sidebar.
type ChannelInfo struct {
	Channel
	// Unread counts top-level messages by others after the member's last
	// read, capped at UnreadCap so a long-idle channel costs no more.
	Unread  int
	LastSeq int64
}

// UnreadCap is the largest unread count worth counting exactly; beyond
// it the page shows "99+".
const UnreadCap = 100

// ChannelCreate is the input for adding a channel.
type ChannelCreate struct {
	Name       string
	Purpose    string
	Visibility Visibility
}

var channelName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// Validate normalizes the name (lowercase, spaces to dashes, a leading #
// dropped) and checks every field.
func (in *ChannelCreate) Validate() error {
	n, err := normalizeChannelName(in.Name)
	if err != nil {
		return err
	}
	in.Name = n
	in.Purpose = strings.TrimSpace(in.Purpose)
	if utf8.RuneCountInString(in.Purpose) > 250 || strings.ContainsAny(in.Purpose, "\x00") {
		return Invalid("purpose", "must be at most 250 characters")
	}
	if in.Visibility == "" {
		in.Visibility = VisShared
	}
	if !in.Visibility.Valid() {
		return Invalid("visibility", "must be shared, host or partner")
	}
	return nil
}

func normalizeChannelName(s string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#")))
	n = strings.Join(strings.Fields(n), "-")
	if n == "" {
		return "", Invalid("name", "is required")
	}
	if !channelName.MatchString(n) {
		return "", Invalid("name", "%q must be 1–40 lowercase letters, digits or dashes", n)
	}
	return n, nil
}

// ChannelUpdate renames, re-purposes, archives or restores a channel; nil
// fields are left alone.
type ChannelUpdate struct {
	Name     *string
	Purpose  *string
	Archived *bool
}

// Validate normalizes the fields that are set.
func (in *ChannelUpdate) Validate() error {
	if in.Name != nil {
		n, err := normalizeChannelName(*in.Name)
		if err != nil {
			return err
		}
		in.Name = &n
	}
	if in.Purpose != nil {
		p := strings.TrimSpace(*in.Purpose)
		if utf8.RuneCountInString(p) > 250 {
			return Invalid("purpose", "must be at most 250 characters")
		}
		in.Purpose = &p
	}
	if in.Name == nil && in.Purpose == nil && in.Archived == nil {
		return Invalid("name", "nothing to change")
	}
	return nil
}

// Author is who wrote something, as readers see them.
type Author struct {
	MemberID string
	UserID   string
	Name     string
	Side     Side
}

// Message is one message of a channel, or a reply in a thread.
type Message struct {
	ID        string
	Seq       int64 // order within the workspace; pages are keyed on it
	ChannelID string
	ParentID  string // "" for a top-level message
	Author    Author
	Body      string        // Markdown as written; "" once deleted
	HTML      template.HTML // Body rendered and sanitized
	Created   time.Time
	Edited    *time.Time
	Deleted   bool
	Replies   int
	LastReply *time.Time
	Reactions []Reaction
	// DecisionID is set once the message was recorded as a decision.
	DecisionID     string
	DecisionNumber int
	// Candidate says whether it reads like an unrecorded decision:
	// "flagged", "dismissed", "recorded" or "".
	Candidate string
}

// Candidate states of a message.
const (
	CandidateFlagged   = "flagged"
	CandidateDismissed = "dismissed"
	CandidateRecorded  = "recorded"
)

// Reaction is one emoji on a message with who reacted.
type Reaction struct {
	Emoji string
	Count int
	Names []string
	// MemberIDs says who reacted, to tell a viewer's own reaction apart.
	MemberIDs []string
}

// MessageEdit is an earlier text of a message.
type MessageEdit struct {
	Body     string
	HTML     template.HTML
	Replaced time.Time // when this text was replaced
	Editor   string
}

// MessagePage is a page of a channel, newest first.
type MessagePage struct {
	Messages []Message
	// Before is the cursor for the next (older) page; 0 when there is none.
	Before int64
}

// MessageFilter selects a page: messages older than Before (all when 0),
// at most Limit (1–200, default 50).
type MessageFilter struct {
	Before int64
	Limit  int
}

// Validate applies the default and bounds.
func (f *MessageFilter) Validate() error {
	switch {
	case f.Limit == 0:
		f.Limit = 50
	case f.Limit < 1 || f.Limit > 200:
		return Invalid("limit", "must be between 1 and 200")
	}
	if f.Before < 0 {
		return Invalid("before", "must be a message cursor")
	}
	return nil
}

// MessagePost is the input for posting; ParentID makes it a reply.
type MessagePost struct {
	Body     string
	ParentID string
}

// ValidateBody checks the text of a message, decision or comment.
func ValidateBody(field, body string) (string, error) {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	switch {
	case body == "":
		return "", Invalid(field, "is empty; write something first")
	case len(body) > MaxMessageBytes:
		return "", Invalid(field, "is %d KB; the limit is %d KB", (len(body)+1023)/1024, MaxMessageBytes/1000)
	case !utf8.ValidString(body) || strings.ContainsRune(body, 0):
		return "", Invalid(field, "is not valid text")
	case quoteDepth(body) > maxQuoteDepth:
		return "", Invalid(field, "nests quotes more than %d deep", maxQuoteDepth)
	}
	return body, nil
}

// maxQuoteDepth bounds nested block quotes: no one writes more than a
// few, and the Markdown parser slows down sharply on thousands.
const maxQuoteDepth = 16

// quoteDepth returns the deepest run of leading '>' on any line.
func quoteDepth(s string) int {
	deepest := 0
	for line := range strings.SplitSeq(s, "\n") {
		n := 0
		for _, r := range line {
			if r == '>' {
				n++
			} else if r != ' ' && r != '\t' {
				break
			}
		}
		deepest = max(deepest, n)
	}
	return deepest
}

// MaxReactionLen bounds a reaction: one emoji, possibly with modifiers.
const MaxReactionLen = 32

// ValidateReaction checks one emoji reaction.
func ValidateReaction(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid("emoji", "is required")
	}
	if len(s) > MaxReactionLen || strings.ContainsAny(s, " \t\r\n<>&\"'") || !utf8.ValidString(s) {
		return "", Invalid("emoji", "must be a single emoji")
	}
	for _, r := range s {
		if r < 0x80 {
			return "", Invalid("emoji", "must be a single emoji")
		}
	}
	return s, nil
}

// SearchHit is one search result.
type SearchHit struct {
	ItemID    string
	Kind      string // "message" or "decision"
	ChannelID string
	Seq       int64
	Title     string
	// Snippet is plain text with matches between the store's markers;
	// pages escape it before highlighting.
	Snippet string
	// Highlighted is Snippet escaped, with matches in <mark>.
	Highlighted template.HTML
	Author      string
	Created     time.Time
	ChannelName string
	ThreadID    string
}
