package xer

import (
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/fileerr"
)

// failer makes the errors of one read, each starting "FILE:LINE: ".
type failer = fileerr.Failer

// field returns an error about one value of a row: where it is, which
// table and field, what is wrong and, in hint, how to fix it.
func fieldErr(f *failer, r row, t *table, name, value, what, hint string) *domain.Error {
	return f.At(r.line, "invalid_value", "%s.%s: %q is not %s (%s)", t.name, name, clip(value), what, hint)
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
