package xer

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
		Code:   "xer_" + code,
		Detail: fmt.Sprintf("%s:%d: ", f.file, line) + fmt.Sprintf(format, args...),
	}
}

// field returns an error about one value of a row: where it is, which
// table and field, what is wrong and, in hint, how to fix it.
func (f *failer) field(r row, t *table, name, value, what, hint string) *domain.Error {
	return f.at(r.line, "invalid_value", "%s.%s: %q is not %s (%s)", t.name, name, clip(value), what, hint)
}

// place puts an error from domain.Plan.Validate at the line where the part
// it names was read, keeping its kind and code.
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

// clip shortens a value quoted in an error so that a hostile file cannot
// make the message huge.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	n := 60
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
