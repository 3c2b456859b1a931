// Package fileerr makes the errors of Cairn's file readers (MS Project XML,
// Primavera XER): each a *domain.Error of kind invalid whose message
// starts "FILE:LINE: ", so a user can go straight to the place at fault.
package fileerr

import (
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

// Failer makes the errors of one read of File; error codes start with
// Format and an underscore ("mspdi_missing").
type Failer struct {
	File   string
	Format string
}

// At returns an invalid-input error at line.
func (f *Failer) At(line int, code, format string, args ...any) *domain.Error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   f.Format + "_" + code,
		Detail: fmt.Sprintf("%s:%d: ", f.File, line) + fmt.Sprintf(format, args...),
	}
}

// Wrap reports a failure to read the input at line, keeping err in the
// chain so that callers can test for it.
func (f *Failer) Wrap(line int, err error) *domain.Error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   f.Format + "_read",
		Detail: fmt.Sprintf("%s:%d: cannot read the file: %v", f.File, line, err),
		Err:    err,
	}
}

// Place puts an error from domain.Plan.Validate at the line where the part
// it names was read, keeping its kind and code; the field moves into the
// message so that the message still starts with "FILE:LINE: ".
func (f *Failer) Place(err error, line int) error {
	var e *domain.Error
	if !errors.As(err, &e) {
		return f.At(line, "invalid", "%v", err)
	}
	out := *e
	out.Err, out.Field = nil, ""
	msg := e.Detail
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	out.Detail = fmt.Sprintf("%s:%d: the plan read from the file is not valid: %s", f.File, line, msg)
	return &out
}
