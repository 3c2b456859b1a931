package xer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// reader reads typed values from the rows of one table, reporting a bad
// value with its file, line, table and field.
type reader struct {
	t *table
	f *failer
}

// str returns field name of r, trimmed.
func (rd reader) str(r row, name string) string {
	return strings.TrimSpace(r.at(rd.t.col(name)))
}

// id reads an id, a whole number from 0 (P6 numbers from 1, but the
// root of a WBS may be 0); ok is false when the field is empty.
func (rd reader) id(r row, name string) (int64, bool, error) {
	s := rd.str(r, name)
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt32 {
		return 0, false, fieldErr(rd.f, r, rd.t, name, s, "an id", "P6 ids are whole numbers")
	}
	return n, true, nil
}

// number reads a decimal; ok is false when the field is empty.
func (rd reader) number(r row, name string) (float64, bool, error) {
	s := rd.str(r, name)
	if s == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
		return 0, false, fieldErr(rd.f, r, rd.t, name, s, "a number", "such as 8 or 0.5")
	}
	return v, true, nil
}

// minutes reads a count of hours as minutes, rounded; ok is false when the
// field is empty.
func (rd reader) minutes(r row, name string) (int64, bool, error) {
	h, ok, err := rd.number(r, name)
	return int64(math.Round(h * 60)), ok, err
}

// date reads "2027-01-04 08:00", with or without seconds, or a date alone.
func (rd reader) date(r row, name string) (time.Time, error) {
	s := rd.str(r, name)
	if s == "" {
		return time.Time{}, nil
	}
	layout := "2006-01-02 15:04" // P6's own form; the others by length
	switch len(s) {
	case 10:
		layout = time.DateOnly
	case 19:
		layout = time.DateTime
		if s[10] == 'T' {
			layout = "2006-01-02T15:04:05"
		}
	}
	if t, err := time.Parse(layout, s); err == nil {
		return t, nil
	}
	return time.Time{}, fieldErr(rd.f, r, rd.t, name, s, "a date", "P6 writes YYYY-MM-DD HH:MM")
}

// flag reads a Y/N field.
func (rd reader) flag(r row, name string) bool {
	return strings.EqualFold(rd.str(r, name), "Y")
}

// handle turns a P6 code such as an Activity ID ("A1000", "EXC 10") into
// a plan-file handle: letters, digits, "-", "_" and ".", starting with a
// letter or digit, other characters replaced by "-". "" when nothing is
// left.
func handle(code string) string {
	var b strings.Builder
	dash := false
	for _, c := range code {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
		switch {
		case ok && (b.Len() > 0 || c != '_' && c != '.' && c != '-'):
			b.WriteRune(c)
			dash = false
		case !ok && b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 100 {
			break
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// projectKey makes a project key from P6's project short name: its
// letters and digits in capitals without leading digits when that is 2 to
// 10 long ("EC00515"), else the initials of its words ("EventsExample2002"
// → "EE2"; a capital after a small letter, or a change between letters and
// digits, starts a word), else its first 10; "P6" when nothing fits.
func projectKey(short string) string {
	var whole, initials []byte
	prev := byte(' ')
	for i := 0; i < len(short); i++ {
		c := short[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum {
			prev = ' '
			continue
		}
		up := c &^ 0x20
		if c >= '0' && c <= '9' {
			up = c
		}
		digit, prevDigit := c <= '9', prev <= '9' && prev >= '0'
		newWord := prev == ' ' || digit != prevDigit || c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z'
		if len(whole) > 0 || !digit {
			whole = append(whole, up)
			if newWord {
				initials = append(initials, up)
			}
		}
		prev = c
	}
	switch {
	case len(whole) >= 2 && len(whole) <= 10:
		return string(whole)
	case len(initials) >= 2:
		return string(initials[:min(len(initials), 10)])
	case len(whole) > 10:
		return string(whole[:10])
	}
	return "P6"
}

// key reads the id that identifies a row, which must be given and
// positive: Cairn numbers from 1.
func (rd reader) key(r row, name string) (int64, error) {
	id, ok, err := rd.id(r, name)
	if err != nil {
		return 0, err
	}
	if !ok || id == 0 {
		return 0, rd.f.At(r.line, "missing_id", "%s.%s is %q; every row of %s needs an id from 1", rd.t.name, name, rd.str(r, name), rd.t.name)
	}
	return id, nil
}

// truncate shortens s to at most n bytes without splitting a character;
// the domain limits names, and P6 allows longer ones.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}
