// Package ical writes iCalendar (RFC 5545) files: the calendar feeds that
// calendar apps subscribe to, of a project's milestones and deadlines and
// of the tasks assigned to someone (feed.go), and cairn export --format
// ical. It writes only what those need: VEVENTs, all-day or timed, and
// the VTIMEZONEs their times refer to.
package ical

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is one iCalendar object.
type Calendar struct {
	Name   string // shown by calendar apps (X-WR-CALNAME)
	ProdID string // the product that wrote it, "-//Cairn//Cairn 1.2//EN"
	Events []Event
}

// Event is one VEVENT.
type Event struct {
	UID         string // stable: the same task gives the same UID in every feed
	Summary     string
	Description string
	Categories  []string
	// AllDay events run from Start's date to End's date, End exclusive
	// (an event on one day has End one day after Start). Otherwise Start
	// and End are wall-clock times in Zone (nil: UTC).
	AllDay     bool
	Start, End time.Time
	Zone       *time.Location
	// Stamp is when the feed was made (DTSTAMP); Modified when the task
	// last changed (LAST-MODIFIED, omitted when zero).
	Stamp, Modified time.Time
}

// Write writes c as an iCalendar object: CRLF line ends, lines folded at
// 75 octets, text escaped, and a VTIMEZONE for every zone the events'
// times are in, covering their dates.
func Write(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	out := &writer{w: bw}
	out.line("BEGIN", "VCALENDAR")
	out.line("VERSION", "2.0")
	out.line("PRODID", c.ProdID)
	out.line("CALSCALE", "GREGORIAN")
	if c.Name != "" {
		out.line("X-WR-CALNAME", escape(c.Name))
	}
	// Ask subscribers to refresh hourly; the schedule moves as people work.
	out.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	out.line("X-PUBLISHED-TTL", "PT1H")
	for _, z := range zones(c.Events) {
		writeZone(out, z.loc, z.from, z.to)
	}
	for _, e := range c.Events {
		writeEvent(out, e)
	}
	out.line("END", "VCALENDAR")
	if out.err != nil {
		return out.err
	}
	return bw.Flush()
}

func writeEvent(out *writer, e Event) {
	out.line("BEGIN", "VEVENT")
	out.line("UID", escape(e.UID))
	out.line("DTSTAMP", utc(e.Stamp))
	if !e.Modified.IsZero() {
		out.line("LAST-MODIFIED", utc(e.Modified))
	}
	switch {
	case e.AllDay:
		out.line("DTSTART;VALUE=DATE", e.Start.Format("20060102"))
		out.line("DTEND;VALUE=DATE", e.End.Format("20060102"))
	case isUTC(e.Zone):
		out.line("DTSTART", e.Start.Format("20060102T150405Z"))
		out.line("DTEND", e.End.Format("20060102T150405Z"))
	default:
		out.line("DTSTART;TZID="+paramValue(e.Zone.String()), e.Start.Format("20060102T150405"))
		out.line("DTEND;TZID="+paramValue(e.Zone.String()), e.End.Format("20060102T150405"))
	}
	out.line("SUMMARY", escape(e.Summary))
	if e.Description != "" {
		out.line("DESCRIPTION", escape(e.Description))
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = escape(c)
		}
		out.line("CATEGORIES", strings.Join(cats, ","))
	}
	// A plan is not a booking: the events do not make anyone look busy.
	out.line("TRANSP", "TRANSPARENT")
	out.line("END", "VEVENT")
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func isUTC(loc *time.Location) bool { return loc == nil || loc == time.UTC || loc.String() == "UTC" }

// writer writes content lines, folded, with CRLF.
type writer struct {
	w   *bufio.Writer
	err error
}

// line writes "name:value" folded so that no line is longer than 75
// octets: a longer one continues on lines that start with a space, split
// between characters, never inside one.
func (o *writer) line(name, value string) {
	s := name + ":" + value
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		o.write(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	o.write(s + "\r\n")
}

func (o *writer) write(s string) {
	if o.err == nil {
		_, o.err = o.w.WriteString(s)
	}
}

// escape writes s as a TEXT value: backslash, semicolon, comma and line
// breaks escaped; other control characters, which TEXT may not hold,
// dropped.
func escape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// paramValue quotes a parameter value that holds a character a bare one
// may not.
func paramValue(s string) string {
	if strings.ContainsAny(s, ";:,") {
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	return s
}

// zoneSpan is a time zone and the span of wall-clock times used in it.
type zoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

// zones lists the zones of the timed events, in order of their names.
func zones(events []Event) []zoneSpan {
	byName := map[string]*zoneSpan{}
	for _, e := range events {
		if e.AllDay || isUTC(e.Zone) {
			continue
		}
		z, ok := byName[e.Zone.String()]
		if !ok {
			z = &zoneSpan{loc: e.Zone, from: e.Start, to: e.End}
			byName[e.Zone.String()] = z
		}
		z.from, z.to = minTime(z.from, e.Start), maxTime(z.to, e.End)
	}
	out := make([]zoneSpan, 0, len(byName))
	for _, z := range byName {
		out = append(out, *z)
	}
	slices.SortFunc(out, func(a, b zoneSpan) int { return strings.Compare(a.loc.String(), b.loc.String()) })
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// writeZone writes a VTIMEZONE for loc with one observance per period of
// its offset that overlaps [from, to] (wall-clock times in loc), taken
// from Go's time zone database: each STANDARD or DAYLIGHT part starts at
// a transition, given in the local time before it (RFC 5545 3.6.5).
func writeZone(out *writer, loc *time.Location, from, to time.Time) {
	out.line("BEGIN", "VTIMEZONE")
	out.line("TZID", loc.String())
	at := inZone(from, loc).AddDate(0, 0, -1)
	end := inZone(to, loc).AddDate(0, 0, 1)
	for range 1000 { // a zone changes offset a few times a year at most
		start, next := at.ZoneBounds()
		name, offset := at.Zone()
		before := offset
		if !start.IsZero() {
			_, before = start.Add(-time.Second).Zone()
		}
		kind := "STANDARD"
		if at.IsDST() {
			kind = "DAYLIGHT"
		}
		out.line("BEGIN", kind)
		begin := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		if !start.IsZero() {
			begin = start.UTC().Add(time.Duration(before) * time.Second)
		}
		out.line("DTSTART", begin.Format("20060102T150405"))
		out.line("TZOFFSETFROM", offsetText(before))
		out.line("TZOFFSETTO", offsetText(offset))
		out.line("TZNAME", escape(name))
		out.line("END", kind)
		if next.IsZero() || next.After(end) {
			break
		}
		at = next
	}
	out.line("END", "VTIMEZONE")
}

// inZone reads a wall-clock time as a time in loc.
func inZone(wall time.Time, loc *time.Location) time.Time {
	y, m, d := wall.Date()
	hh, mm, ss := wall.Clock()
	return time.Date(y, m, d, hh, mm, ss, 0, loc)
}

// offsetText writes a UTC offset in seconds as +HHMM (or +HHMMSS).
func offsetText(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	s := fmt.Sprintf("%s%02d%02d", sign, seconds/3600, seconds/60%60)
	if seconds%60 != 0 {
		s += fmt.Sprintf("%02d", seconds%60)
	}
	return s
}
