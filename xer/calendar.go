package xer

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// P6 keeps a calendar's week and exceptions in clndr_data, a nested
// "structured text" of records:
//
//	(0||CalendarData()(
//	  (0||DaysOfWeek()(
//	    (0||1()())                                  Sunday: no hours, off
//	    (0||2()((0||0(s|08:00|f|12:00)())           Monday: two ranges
//	            (0||1(s|13:00|f|17:00)())))
//	    …))
//	  (0||Exceptions()(
//	    (0||0(d|36892)())                           1 January 2001 off
//	    (0||1(d|36900)((0||0(s|08:00|f|12:00)()))))))
//
// A record is "(" number "||" name "(" attributes ")" "(" children ")" ")",
// attributes are "key|value" pairs separated by "|". Days are numbered 1
// (Sunday) to 7 (Saturday); an exception's d is a day count from 30
// December 1899, as in spreadsheets. Between records P6 may put spaces,
// line breaks or DEL characters (0x7F), which are skipped.

// record is one parsed structured-text record.
type record struct {
	name  string
	attrs []string // key, value, key, value…
	kids  []record
}

// attr returns the value of attribute key, "" if absent.
func (r *record) attr(key string) string {
	for i := 0; i+1 < len(r.attrs); i += 2 {
		if r.attrs[i] == key {
			return r.attrs[i+1]
		}
	}
	return ""
}

// child returns the first child named name, or nil.
func (r *record) child(name string) *record {
	for i := range r.kids {
		if r.kids[i].name == name {
			return &r.kids[i]
		}
	}
	return nil
}

// Limits on calendar data, which real calendars stay far below.
const (
	maxCalendarDepth   = 16
	maxCalendarRecords = 100_000
)

// errCalendar is wrapped by every structured-text syntax error.
var errCalendar = errors.New("calendar data")

// textParser reads structured text.
type textParser struct {
	s       string
	i       int
	records int
}

// parseCalendarData parses clndr_data into its root record.
func parseCalendarData(s string) (record, error) {
	p := &textParser{s: s}
	p.skip()
	r, err := p.record(0)
	if err != nil {
		return record{}, err
	}
	p.skip()
	if p.i < len(p.s) {
		return record{}, p.fail("unexpected text after the calendar data")
	}
	return r, nil
}

func (p *textParser) fail(format string, args ...any) error {
	return fmt.Errorf("%w: %s at character %d", errCalendar, fmt.Sprintf(format, args...), p.i+1)
}

// skip passes spaces, line breaks and other control characters.
func (p *textParser) skip() {
	for p.i < len(p.s) && (p.s[p.i] <= ' ' || p.s[p.i] == 0x7F) {
		p.i++
	}
}

func (p *textParser) expect(c byte) error {
	p.skip()
	if p.i >= len(p.s) || p.s[p.i] != c {
		if p.i >= len(p.s) {
			return p.fail("the data ends where %q was expected", c)
		}
		return p.fail("%q where %q was expected", p.s[p.i], c)
	}
	p.i++
	return nil
}

// record reads "(N||name(attrs)(children))".
func (p *textParser) record(depth int) (record, error) {
	if depth > maxCalendarDepth {
		return record{}, p.fail("records nested more than %d deep", maxCalendarDepth)
	}
	if p.records++; p.records > maxCalendarRecords {
		return record{}, p.fail("more than %d records", maxCalendarRecords)
	}
	if err := p.expect('('); err != nil {
		return record{}, err
	}
	p.skip()
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	if p.i == start {
		return record{}, p.fail("a record without its number")
	}
	if !strings.HasPrefix(p.s[p.i:], "||") {
		return record{}, p.fail("a record number not followed by ||")
	}
	p.i += 2
	end := strings.IndexByte(p.s[p.i:], '(')
	if end < 0 {
		return record{}, p.fail("a record name not followed by (")
	}
	r := record{name: strings.TrimSpace(p.s[p.i : p.i+end])}
	p.i += end + 1
	end = strings.IndexByte(p.s[p.i:], ')')
	if end < 0 {
		return record{}, p.fail("attributes not closed with )")
	}
	if a := p.s[p.i : p.i+end]; a != "" {
		r.attrs = strings.Split(a, "|")
	}
	p.i += end + 1
	if err := p.expect('('); err != nil {
		return record{}, err
	}
	for {
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == '(' {
			kid, err := p.record(depth + 1)
			if err != nil {
				return record{}, err
			}
			r.kids = append(r.kids, kid)
			continue
		}
		break
	}
	if err := p.expect(')'); err != nil {
		return record{}, err
	}
	return r, p.expect(')')
}

// excelEpoch is day 0 of the spreadsheet day count P6 uses for exceptions.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// calendarData is what clndr_data says.
type calendarData struct {
	week       [7][]domain.Interval // nil: the day is not given
	listed     bool                 // DaysOfWeek lists at least one day
	exceptions []domain.Exception
}

// readCalendarData interprets parsed structured text.
func readCalendarData(s string) (calendarData, error) {
	var out calendarData
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	root, err := parseCalendarData(s)
	if err != nil {
		return out, err
	}
	if days := root.child("DaysOfWeek"); days != nil {
		for _, d := range days.kids {
			n, err := strconv.Atoi(d.name)
			if err != nil || n < 1 || n > 7 {
				return out, fmt.Errorf("%w: day %q is not 1 (Sunday) to 7 (Saturday)", errCalendar, clip(d.name))
			}
			ivs, err := hours(d.kids)
			if err != nil {
				return out, err
			}
			out.week[n-1] = ivs
			out.listed = true
		}
	}
	if ex := root.child("Exceptions"); ex != nil {
		for _, e := range ex.kids {
			serial, err := strconv.Atoi(strings.TrimSpace(e.attr("d")))
			if err != nil || serial < 1 || serial > 2958465 { // 31 December 9999
				return out, fmt.Errorf("%w: exception day %q is not a day number (days since 30 December 1899)", errCalendar, clip(e.attr("d")))
			}
			ivs, err := hours(e.kids)
			if err != nil {
				return out, err
			}
			day := excelEpoch.AddDate(0, 0, serial)
			out.exceptions = append(out.exceptions, domain.Exception{From: day, To: day, Working: ivs})
		}
	}
	return out, nil
}

// hours reads a day's working ranges, "(0||0(s|08:00|f|12:00)())",
// sorted and with overlapping or touching ranges joined. A finish of
// 00:00 is midnight at the end of the day. The result is never nil.
func hours(recs []record) ([]domain.Interval, error) {
	ivs := []domain.Interval{}
	for _, r := range recs {
		s, f := r.attr("s"), r.attr("f")
		if s == "" && f == "" {
			continue
		}
		start, err1 := clock(s)
		end, err2 := clock(f)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if end == 0 {
			end = 1440
		}
		if end <= start {
			return nil, fmt.Errorf("%w: working time %s–%s ends before it starts", errCalendar, s, f)
		}
		ivs = append(ivs, domain.Interval{Start: start, End: end})
	}
	slices.SortFunc(ivs, func(a, b domain.Interval) int { return a.Start - b.Start })
	out := ivs[:0]
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
			continue
		}
		out = append(out, iv)
	}
	return out, nil
}

// clock reads "08:00", "8:00", "24:00" or "8:00 AM" as minutes after
// midnight.
func clock(s string) (int, error) {
	t := strings.TrimSpace(s)
	pm, am := strings.HasSuffix(strings.ToUpper(t), "PM"), strings.HasSuffix(strings.ToUpper(t), "AM")
	if am || pm {
		t = strings.TrimSpace(t[:len(t)-2])
	}
	hh, mm, ok := strings.Cut(t, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m != 0 || (am || pm) && (h < 1 || h > 12) {
		return 0, fmt.Errorf("%w: %q is not a time of day (HH:MM)", errCalendar, clip(s))
	}
	switch {
	case am && h == 12:
		h = 0
	case pm && h != 12:
		h += 12
	}
	return h*60 + m, nil
}
