package domain

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers that must react to it, such as the
// HTTP layer choosing a status code.
type Kind string

// The error kinds. Each maps to exactly one HTTP status in the server.
const (
	KindInvalid            Kind = "invalid"
	KindNotFound           Kind = "not_found"
	KindConflict           Kind = "conflict"
	KindUnauthorized       Kind = "unauthorized"
	KindForbidden          Kind = "forbidden"
	KindPreconditionFailed Kind = "precondition_failed"
	KindInternal           Kind = "internal"
)

// Error is an error a user can act on: a kind, a stable machine code, the
// offending field (if any) and a human message that says how to fix it.
type Error struct {
	Kind   Kind
	Code   string // stable, e.g. "invalid_duration"
	Field  string // e.g. "duration", "tasks[3].after"
	Detail string // human message
	Err    error  // wrapped cause, if any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Detail
	}
	return e.Detail
}

func (e *Error) Unwrap() error { return e.Err }

// Invalid returns a KindInvalid error about field.
func Invalid(code, field, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Code: code, Field: field, Detail: fmt.Sprintf(format, args...)}
}

// NotFound returns a KindNotFound error.
func NotFound(code, format string, args ...any) *Error {
	return &Error{Kind: KindNotFound, Code: code, Detail: fmt.Sprintf(format, args...)}
}

// Conflict returns a KindConflict error about field.
func Conflict(code, field, format string, args ...any) *Error {
	return &Error{Kind: KindConflict, Code: code, Field: field, Detail: fmt.Sprintf(format, args...)}
}

// ErrorKind reports the kind of err: the Kind of the first *Error in its
// chain, or KindInternal when there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsNotFound reports whether err is a not-found error.
func IsNotFound(err error) bool { return ErrorKind(err) == KindNotFound }

// WithField returns a copy of err (if it is an *Error) with its field
// prefixed by prefix, so nested validation can say "tasks[3].duration".
func WithField(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	switch {
	case c.Field == "":
		c.Field = prefix
	case prefix != "":
		c.Field = prefix + "." + c.Field
	}
	return &c
}
