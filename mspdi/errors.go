package mspdi

import (
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

// failer makes the errors of one read, each starting "FILE:LINE: ".
type failer struct {
	file string
}

// at returns an invalid-input error at line.
func (f *failer) at(line int, code, format string, args ...any) *domain.Error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   "mspdi_" + code,
		Detail: fmt.Sprintf("%s:%d: ", f.file, line) + fmt.Sprintf(format, args...),
	}
}

// wrap reports a failure to read the input at line, keeping err in the
// chain so that callers can test for it.
func (f *failer) wrap(line int, err error) *domain.Error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   "mspdi_read",
		Detail: fmt.Sprintf("%s:%d: cannot read the file: %v", f.file, line, err),
		Err:    err,
	}
}

// place puts an error from domain.Plan.Validate at the line where the part
// it names was read, keeping its kind and code; the field moves into the
// message so that the message still starts with "FILE:LINE: ".
func (f *failer) place(err error, line int) error {
	var e *domain.Error
	if !errors.As(err, &e) {
		return f.at(line, "invalid", "%v", err)
	}
	out := *e
	out.Err, out.Field = nil, ""
	msg := e.Detail
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	out.Detail = fmt.Sprintf("%s:%d: the plan read from the file is not valid: %s", f.file, line, msg)
	return &out
}
