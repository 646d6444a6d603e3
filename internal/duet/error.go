// Package duet is the vocabulary of the application: the entities, their
// validation, the one error type, the actor and the pure rules that decide
// access. It uses the standard library only and does no I/O.
package duet

import (
	"errors"
	"fmt"
	"net/http"
)

// Error kinds. Every error that reaches a user carries one of these; the
// HTTP layers map each kind to one status code.
const (
	EBadRequest   = "bad_request"  // the request cannot be parsed at all
	EInvalid      = "invalid"      // the input is wrong; Field names what
	EForbidden    = "forbidden"    // visible to the actor, but not theirs to do
	ENotFound     = "not_found"    // missing, or the actor may not see it
	EConflict     = "conflict"     // the request clashes with existing state
	EUnauthorized = "unauthorized" // no valid credentials
	ERateLimited  = "rate_limited" // too many attempts, try later
	ETooLarge     = "too_large"    // the request body is over a size limit
	EInternal     = "internal"     // anything else; details only in logs
)

// Error is the application's error. Msg is safe to show to the actor.
type Error struct {
	Kind  string
	Field string // the input field at fault, when there is one
	Msg   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("duet %s: %s: %s", e.Kind, e.Field, e.Msg)
	}
	return fmt.Sprintf("duet %s: %s", e.Kind, e.Msg)
}

// Errorf returns an Error of the given kind without a field.
func Errorf(kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Invalid returns an EInvalid error naming the field at fault.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Kind: EInvalid, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// NotFound returns the one error used for anything missing or hidden.
func NotFound(what string) *Error {
	return &Error{Kind: ENotFound, Msg: what + " not found"}
}

// ErrorKind returns the kind of err, or EInternal for foreign errors.
func ErrorKind(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return EInternal
}

// ErrorMessage returns the message safe to show for err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return "Internal error."
}

// ErrorField returns the field named by err, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// HTTPStatus is the one table from error kinds to HTTP status codes, used
// by the HTML and the JSON handlers alike.
func HTTPStatus(err error) int {
	switch ErrorKind(err) {
	case EBadRequest:
		return http.StatusBadRequest
	case EInvalid:
		return http.StatusUnprocessableEntity
	case EUnauthorized:
		return http.StatusUnauthorized
	case EForbidden:
		return http.StatusForbidden
	case ENotFound:
		return http.StatusNotFound
	case EConflict:
		return http.StatusConflict
	case ERateLimited:
		return http.StatusTooManyRequests
	case ETooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}
