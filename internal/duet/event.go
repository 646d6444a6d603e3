package duet

import (
	"encoding/json"
	"fmt"
	"time"
)

// Event is one change to a workspace: ids and a type, never content. It is
// a row of the events table, written in the transaction that made the
// change, and what live streams carry to browsers, which then re-fetch
// what changed under their own permissions.
type Event struct {
	ID          int64
	WorkspaceID string
	ActorID     string
	Type        string     // e.g. "message.posted"
	Subject     string     // the id of the item that changed
	Scope       string     // the id of its container (a channel), or ""
	Visibility  Visibility // which sides may learn that it happened
	Created     time.Time
}

// VisibleTo reports whether a member on side may receive the event.
func (e Event) VisibleTo(side Side) bool { return e.Visibility.VisibleTo(side) }

// eventWire is the event as it travels between nodes (PostgreSQL NOTIFY)
// and to browsers: short keys, since NOTIFY payloads are limited to 8000
// bytes and every byte is multiplied by the number of subscribers.
type eventWire struct {
	ID         int64      `json:"id"`
	Workspace  string     `json:"ws"`
	Type       string     `json:"type"`
	Subject    string     `json:"subject"`
	Scope      string     `json:"scope,omitempty"`
	Visibility Visibility `json:"vis"`
}

// Payload encodes the event for NOTIFY and SSE data lines.
func (e Event) Payload() string {
	b, _ := json.Marshal(eventWire{e.ID, e.WorkspaceID, e.Type, e.Subject, e.Scope, e.Visibility})
	return string(b)
}

// ParseEventPayload decodes what Payload encoded.
func ParseEventPayload(s string) (Event, error) {
	var w eventWire
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return Event{}, fmt.Errorf("event payload: %w", err)
	}
	if w.ID <= 0 || w.Workspace == "" || w.Type == "" || !w.Visibility.Valid() {
		return Event{}, fmt.Errorf("event payload: missing id, workspace, type or visibility")
	}
	return Event{ID: w.ID, WorkspaceID: w.Workspace, Type: w.Type, Subject: w.Subject, Scope: w.Scope, Visibility: w.Visibility}, nil
}
