package csvplan

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Dates are read in the forms spreadsheets and planning tools write:
//
//	2027-01-04   2027-01-04 08:00   2027-01-04T08:00:00   2027/01/04
//	1/4/2027     1/4/27 8:00 AM     Mon 1/4/27            (month first)
//	4/1/2027     04.01.2027         04-01-2027            (day first)
//	4-Jan-2027   4 Jan 27           Jan 4, 2027   January 4, 2027
//
// Dates with dots or dashes and the day first are day first. Dates with
// slashes are read month first or day first for the whole file: a day over
// 12 in either place decides; when none does, files separated by
// semicolons (as Excel writes in most of Europe) are day first and others
// month first. Options.DateOrder overrides this. A leading weekday is
// ignored; two-digit years are 20xx up to 68 and 19xx from 69.

// DateOrder says how to read dates written with slashes.
type DateOrder int

// Date orders.
const (
	DateOrderAuto DateOrder = iota // decide from the file (see above)
	MonthFirst                     // 1/4/2027 is 4 January
	DayFirst                       // 1/4/2027 is 1 April
)

var (
	timePart  = regexp.MustCompile(`(?i)[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?$`)
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	numDate   = regexp.MustCompile(`^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{2}|\d{4})$`)
	dayMonth  = regexp.MustCompile(`^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+(\d{2}|\d{4})$`)
	monthDay  = regexp.MustCompile(`^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$`)
	weekday   = regexp.MustCompile(`(?i)^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|rsday|urday)?\.?,?\s+`)
	errNoDate = errors.New("not a date")
)

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// slashOrder looks at a date with slashes for which order it implies:
// MonthFirst, DayFirst or, when both readings are possible, DateOrderAuto.
func slashOrder(s string) DateOrder {
	if !strings.Contains(s, "/") {
		return DateOrderAuto
	}
	s = strings.TrimSpace(weekday.ReplaceAllString(strings.TrimSpace(s), ""))
	if loc := timePart.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	m := numDate.FindStringSubmatch(s)
	if m == nil || m[2] != "/" {
		return DateOrderAuto
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	switch {
	case a > 12 && b <= 12:
		return DayFirst
	case b > 12 && a <= 12:
		return MonthFirst
	}
	return DateOrderAuto
}

// parseDate reads one date cell; hasTime says whether it gave a time.
// ISO dates with a zone ("2027-01-04T08:00:00Z") keep their clock reading.
func parseDate(s string, order DateOrder) (t time.Time, hasTime bool, err error) {
	s = strings.TrimSpace(s)
	if len(s) == 10 { // the common case first: 2027-01-04
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, false, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return domain.Wall(t), true, nil
	}
	s = strings.TrimSpace(weekday.ReplaceAllString(strings.TrimSpace(s), ""))
	hh, mm, ss := 0, 0, 0
	if m := timePart.FindStringSubmatch(s); m != nil {
		hh, _ = strconv.Atoi(m[1])
		mm, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			ss, _ = strconv.Atoi(m[3])
		}
		if ampm := strings.ToUpper(strings.ReplaceAll(m[4], ".", "")); ampm != "" {
			if hh < 1 || hh > 12 {
				return t, false, errNoDate
			}
			hh %= 12
			if ampm == "PM" {
				hh += 12
			}
		}
		if hh > 24 || mm > 59 || ss > 59 || hh == 24 && (mm > 0 || ss > 0) {
			return t, false, errNoDate
		}
		s, hasTime = strings.TrimSpace(s[:len(s)-len(m[0])]), true
	}
	y, mo, d, err := dateFields(s, order)
	if err != nil {
		return t, false, err
	}
	t = time.Date(y, mo, d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d || t.Month() != mo || y < 1000 || y > 9999 {
		return time.Time{}, false, errNoDate // 31 February and the like
	}
	return t, hasTime, nil
}

// dateFields reads the date part of a cell.
func dateFields(s string, order DateOrder) (int, time.Month, int, error) {
	num := func(v string) int { n, _ := strconv.Atoi(v); return n }
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return num(m[1]), time.Month(num(m[2])), num(m[3]), nil
	}
	if m := numDate.FindStringSubmatch(s); m != nil {
		a, b, y := num(m[1]), num(m[3]), year(m[4])
		if m[2] == "/" && order != DayFirst {
			a, b = b, a // month first
		}
		return y, time.Month(b), a, nil
	}
	if m := dayMonth.FindStringSubmatch(s); m != nil {
		if mo, ok := months[strings.ToLower(m[2])]; ok {
			return year(m[3]), mo, num(m[1]), nil
		}
	}
	if m := monthDay.FindStringSubmatch(s); m != nil {
		if mo, ok := months[strings.ToLower(m[1])]; ok {
			return year(m[3]), mo, num(m[2]), nil
		}
	}
	return 0, 0, 0, errNoDate
}

// year reads a two- or four-digit year.
func year(s string) int {
	y, _ := strconv.Atoi(s)
	if len(s) == 2 {
		if y <= 68 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}
