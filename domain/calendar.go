package domain

import (
	"fmt"
	"strings"
	"time"
)

// Interval is a span of working time within one day, in minutes after
// midnight: {480, 720} is 08:00–12:00. End may be 1440 (midnight).
type Interval struct {
	Start, End int
}

// ParseInterval reads "08:00-12:00".
func ParseInterval(s string) (Interval, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return Interval{}, Invalid("invalid_interval", "", "%q is not a time range (try 08:00-12:00)", s)
	}
	start, err1 := parseClock(a)
	end, err2 := parseClock(b)
	if err1 != nil || err2 != nil {
		return Interval{}, Invalid("invalid_interval", "", "%q is not a time range (try 08:00-12:00)", s)
	}
	iv := Interval{start, end}
	if iv.End <= iv.Start {
		return Interval{}, Invalid("invalid_interval", "", "%q ends before it starts (try 08:00-12:00)", s)
	}
	return iv, nil
}

func parseClock(s string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d:%d", &h, &m); err != nil {
		return 0, err
	}
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("clock out of range")
	}
	return h*60 + m, nil
}

// String writes i as "08:00-12:00".
func (i Interval) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", i.Start/60, i.Start%60, i.End/60, i.End%60)
}

// FormatIntervals writes a day's working time as "08:00-12:00, 13:00-17:00".
func FormatIntervals(ivs []Interval) string {
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = iv.String()
	}
	return strings.Join(parts, ", ")
}

// ParseIntervals reads "08:00-12:00, 13:00-17:00"; "" or "off" means none.
func ParseIntervals(s string) ([]Interval, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "off") || strings.EqualFold(s, "none") {
		return nil, nil
	}
	var out []Interval
	for part := range strings.SplitSeq(s, ",") {
		iv, err := ParseInterval(part)
		if err != nil {
			return nil, err
		}
		out = append(out, iv)
	}
	return out, validateIntervals(out)
}

func validateIntervals(ivs []Interval) error {
	for i, iv := range ivs {
		if iv.Start < 0 || iv.End > 1440 || iv.End <= iv.Start {
			return Invalid("invalid_interval", "", "%s is not a valid time range within one day", iv)
		}
		if i > 0 && iv.Start < ivs[i-1].End {
			return Invalid("invalid_interval", "", "%s overlaps or precedes %s; list ranges in order without overlap", iv, ivs[i-1])
		}
	}
	return nil
}

// Exception replaces the weekly pattern on the days From..To (inclusive,
// dates at midnight). No Working intervals means the days are off
// (a holiday); intervals make them special working days.
type Exception struct {
	Name    string
	From    time.Time
	To      time.Time
	Working []Interval
}

// Calendar says when work can happen: a weekly pattern of working
// intervals and dated exceptions. A calendar with a Base inherits the base's
// week for any weekday it leaves unset, and the base's exceptions too.
type Calendar struct {
	ID        int64
	ProjectID int64
	Name      string
	BaseID    int64 // 0: no base
	// Week holds each weekday's working intervals, indexed by
	// time.Weekday (Sunday = 0). A nil entry inherits from the base
	// calendar (or is non-working without one); an empty non-nil entry is
	// explicitly non-working.
	Week       [7][]Interval
	Exceptions []Exception
	Version    int64
}

// StandardWeek is Monday–Friday 08:00–12:00 and 13:00–17:00, MS Project's
// "Standard" calendar.
func StandardWeek() [7][]Interval {
	day := []Interval{{480, 720}, {780, 1020}}
	var w [7][]Interval
	w[time.Sunday] = []Interval{}
	w[time.Saturday] = []Interval{}
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = append([]Interval(nil), day...)
	}
	return w
}

// Validate checks the intervals and exceptions of c.
func (c *Calendar) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return Invalid("required", "name", "calendar name is required")
	}
	for d, ivs := range c.Week {
		if err := validateIntervals(ivs); err != nil {
			return WithField(err, "week."+strings.ToLower(time.Weekday(d).String()[:3]))
		}
	}
	for i, ex := range c.Exceptions {
		f := fmt.Sprintf("exceptions[%d]", i)
		if ex.From.IsZero() {
			return Invalid("required", f+".from", "exception needs a date (YYYY-MM-DD)")
		}
		if !ex.To.IsZero() && ex.To.Before(ex.From) {
			return Invalid("invalid_range", f+".to", "exception ends (%s) before it starts (%s)", FormatDate(ex.To), FormatDate(ex.From))
		}
		if err := validateIntervals(ex.Working); err != nil {
			return WithField(err, f+".working")
		}
	}
	if c.BaseID == 0 {
		total := 0
		for _, ivs := range c.Week {
			for _, iv := range ivs {
				total += iv.End - iv.Start
			}
		}
		if total == 0 {
			return Invalid("no_working_time", "week", "the calendar has no working time in its week; give at least one weekday working hours")
		}
	}
	return nil
}
