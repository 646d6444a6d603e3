package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"duet/internal/duet"
)

// ErrorPage shows a request that failed.
type ErrorPage struct {
	Base
	Status  int
	Heading string
	Message string
}

// Error is the one way a handler answers with a failure: the status comes
// from duet.HTTPStatus and the text from duet.ErrorMessage, so internal
// details never reach the page; those are logged with the request path.
// A request without valid credentials is sent to sign in instead.
func (s *server) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := duet.HTTPStatus(err)
	if status == http.StatusUnauthorized {
		s.toLogin(w, r)
		return
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", logPath(r), "err", err)
	}
	p := &ErrorPage{Status: status, Heading: http.StatusText(status), Message: duet.ErrorMessage(err)}
	switch status {
	case http.StatusNotFound:
		// Missing and hidden look the same, whatever core called it.
		p.Heading = "Page not found"
		p.Message = "There is nothing here, or it is not shared with you."
	case http.StatusForbidden:
		p.Heading = "Not allowed"
	case http.StatusInternalServerError:
		p.Heading = "Something went wrong"
		p.Message = "The error is logged. Try again in a moment."
	}
	p.Title, p.Narrow = p.Heading, true
	s.render(w, r, status, "error", p)
}

// notFound answers every path no route matches.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, duet.NotFound("page"))
}

// logPath is the request path without secrets: invite and calendar feed
// tokens are part of their paths, and the setup token's query is never
// logged.
func logPath(r *http.Request) string {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/invite/"):
		return "/invite/[token]"
	case strings.HasPrefix(p, "/cal/"):
		return "/cal/[token]"
	}
	return p
}

// FormError is the failure of a submitted form, shown next to the field
// it names, or above the form when it names none of the form's fields.
type FormError struct {
	Field string
	Msg   string
}

// For returns the message for one field.
func (e FormError) For(field string) string {
	if e.Field == field {
		return e.Msg
	}
	return ""
}

// General returns the message that belongs to no field of the form.
func (e FormError) General() string {
	if e.Field == "" {
		return e.Msg
	}
	return ""
}

// formError decides whether err is the user's to fix on the form they sent:
// invalid input, a conflict with existing data, wrong credentials or too
// many attempts. The form is then shown again with the message, at the
// named field when the form has it. Anything else is for Error.
func formError(err error, fields ...string) (FormError, bool) {
	switch duet.ErrorKind(err) {
	case duet.EInvalid, duet.EConflict, duet.EUnauthorized, duet.ERateLimited, duet.ETooLarge:
	default:
		return FormError{}, false
	}
	fe := FormError{Field: duet.ErrorField(err), Msg: fieldMessage(duet.ErrorField(err), duet.ErrorMessage(err))}
	if fe.Field != "" && !slices.Contains(fields, fe.Field) {
		fe.Field = ""
	}
	return fe, true
}

// fieldLabels name core's input fields the way the forms label them.
var fieldLabels = map[string]string{
	"email": "Email", "name": "Name", "org": "Organization", "password": "Password",
	"template": "Template", "partner_org": "Partner organization", "kickoff_on": "Kickoff date",
	"launch_on": "Launch date", "time_zone": "Time zone", "side": "Side",
	"permission": "Permission", "roles": "Roles",
	"body": "The text", "title": "Title", "rationale": "Rationale", "reason": "Reason", "purpose": "Purpose",
	"visibility": "Visibility", "kind": "Kind", "q": "The search", "version": "Version",
	"dri": "DRI", "override_kind": "Override kind", "override_reason": "The reason", "due": "Due date",
	"blocked_reason": "The reason", "depends_on": "Depends on", "list": "The list",
	"file": "File", "link": "Link", "note": "Note", "step": "Review step", "verdict": "Verdict", "comment": "Comment",
	"due_on": "Approval due date", "tags": "Tags", "reset_from": "The step the change concerns",
	"channel": "Channel", "publish_at": "The publish time", "live_url": "The live URL", "decision": "The override decision",
}

// fieldMessage makes core's message about a field a sentence: core words
// them to follow the field's name ("is required").
func fieldMessage(field, msg string) string {
	if field == "" || msg == "" {
		return msg
	}
	if strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "must ") {
		label, ok := fieldLabels[field]
		if !ok {
			label = strings.ReplaceAll(field, "_", " ")
		}
		msg = label + " " + msg
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return capitalize(msg)
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// actionError is formError for an action on something the actor can see,
// such as signing a decision or deleting a message: a refusal because of
// their role ("you cannot sign for the other side") is shown next to the
// action too. Anything hidden stays a 404 page.
func actionError(err error, fields ...string) (FormError, bool) {
	if duet.ErrorKind(err) == duet.EForbidden {
		return FormError{Msg: fieldMessage("", duet.ErrorMessage(err))}, true
	}
	return formError(err, fields...)
}
