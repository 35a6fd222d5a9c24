// Package minsheng holds the words every other package shares: the application
// error with its short code. It imports nothing from the project, so any
// package may use it without creating a cycle.
package minsheng

import (
	"errors"
	"fmt"
)

// Error codes. They are the values of extensions.code in GraphQL answers, so
// clients can branch on them; never rename one.
const (
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	ENOTFOUND        = "NOT_FOUND"
	EINVALID         = "BAD_USER_INPUT"
	ECONFLICT        = "CONFLICT"
	ERATELIMITED     = "RATE_LIMITED"
	EINTERNAL        = "INTERNAL"
)

// Error is an error meant for the caller: a code and a message a person can
// act on. Anything that is not an *Error is treated as internal, logged, and
// answered with a generic message, so no internal detail leaks.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an application error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error in err's chain, or
// EINTERNAL for any other non-nil error.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message of an application error, or a generic
// message for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "internal error"
	}
}
