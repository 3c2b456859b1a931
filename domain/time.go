package domain

import (
	"strings"
	"time"
)

// Layouts for project-local wall-clock times.
const (
	DateLayout     = "2006-01-02"
	DateTimeLayout = "2006-01-02T15:04:05"
)

// ParseDate reads "2027-01-04" (midnight) or "2027-01-04T08:00:00" (also
// with a trailing "Z" or offset, whose clock reading is kept) as a
// project-local wall-clock time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{DateLayout, DateTimeLayout, "2006-01-02T15:04", "2006-01-02 15:04", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return Wall(t), nil
		}
	}
	return time.Time{}, Invalid("invalid_date", "", "%q is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", s)
}

// Wall returns the wall-clock reading of t as a UTC time, dropping the zone.
func Wall(t time.Time) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

// FormatDate writes t as YYYY-MM-DD, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// FormatDateTime writes t as YYYY-MM-DDTHH:MM:SS, or "" for the zero time.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateTimeLayout)
}
