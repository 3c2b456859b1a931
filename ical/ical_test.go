package ical_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/ical"
	"github.com/cairnpm/cairn/schedule"
)

var now = time.Date(2027, 1, 20, 9, 30, 0, 0, time.UTC)

func london(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func write(t *testing.T, c ical.Calendar) string {
	t.Helper()
	var b bytes.Buffer
	if err := ical.Write(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestLines checks the rules every line follows: CRLF ends, at most 75
// octets, folds between characters, text escaped.
func TestLines(t *testing.T) {
	long := strings.Repeat("Überprüfung der Netzwerkschränke; Kabel, Patchfelder\\Ports ", 6)
	out := write(t, ical.Calendar{Name: "NET", ProdID: "-//Cairn//test//EN", Events: []ical.Event{{
		UID: "net-1-task@cairn", Summary: long, Description: "line one\nline two\r\nthree\x07",
		AllDay: true, Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), Stamp: now,
	}}})
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatalf("lines do not all end in CRLF:\n%q", out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		`SUMMARY:` + strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`).Replace(long) + "\r\n",
		`DESCRIPTION:line one\nline two\nthree` + "\r\n",
		"DTSTART;VALUE=DATE:20270104\r\n", "DTEND;VALUE=DATE:20270105\r\n", "DTSTAMP:20270120T093000Z\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("no %q in\n%s", want, unfolded)
		}
	}
}

// TestTimeZone checks that a timed event refers to a VTIMEZONE whose
// observances give the offsets Go's zone database does, across a summer
// time change.
func TestTimeZone(t *testing.T) {
	loc := london(t)
	out := write(t, ical.Calendar{ProdID: "-//Cairn//test//EN", Events: []ical.Event{
		{UID: "a", Summary: "winter", Start: time.Date(2027, 3, 1, 20, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 1, 23, 0, 0, 0, time.UTC), Zone: loc, Stamp: now},
		{UID: "b", Summary: "summer", Start: time.Date(2027, 4, 5, 8, 0, 0, 0, time.UTC), End: time.Date(2027, 4, 5, 12, 0, 0, 0, time.UTC), Zone: loc, Stamp: now},
	}})
	for _, want := range []string{
		"DTSTART;TZID=Europe/London:20270301T200000\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n",
		// Summer time starts on 28 March 2027 at 01:00 GMT.
		"BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n",
		"BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Count(out, "BEGIN:VTIMEZONE") != 1 {
		t.Error("one zone, one VTIMEZONE")
	}
}

// TestFeedsParse writes the demo project's feed and a person's feed and
// reads them with a real iCalendar parser, Debian's python3-icalendar,
// checking every event's UID, summary and times.
func TestFeedsParse(t *testing.T) {
	python := icalendarPython(t)
	plan, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	plan.Project.CreatedAt = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	res, err := schedule.Compute(plan, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	project := ical.ProjectCalendar(plan, res, "-//Cairn//test//EN", now)
	mine := ical.Calendar{Name: "Tom's tasks", ProdID: "-//Cairn//test//EN",
		Events: ical.AssignedEvents(plan, res, "Tom.Rees@harbourside.example", now)}
	var milestones, deadlines, timed, allDay int
	for _, e := range project.Events {
		switch {
		case strings.HasPrefix(e.Summary, "Milestone: "):
			milestones++
		case strings.HasPrefix(e.Summary, "Deadline: "):
			deadlines++
		}
	}
	for _, e := range mine.Events {
		if e.AllDay {
			allDay++
		} else {
			timed++
		}
	}
	if milestones != 8 || deadlines != 1 || timed == 0 || allDay == 0 {
		t.Fatalf("%d milestones, %d deadlines; Tom's tasks: %d timed, %d all-day", milestones, deadlines, timed, allDay)
	}
	for name, c := range map[string]ical.Calendar{"project": project, "person": mine} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name+".ics")
			if err := os.WriteFile(path, []byte(write(t, c)), 0o644); err != nil {
				t.Fatal(err)
			}
			got := parse(t, python, path)
			if got.Name != c.Name || len(got.Events) != len(c.Events) {
				t.Fatalf("the parser read %q with %d events; wrote %q with %d", got.Name, len(got.Events), c.Name, len(c.Events))
			}
			for i, e := range c.Events {
				g := got.Events[i]
				start, end := e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly)
				if !e.AllDay {
					start = wallIn(e.Start, e.Zone).UTC().Format(time.RFC3339)
					end = wallIn(e.End, e.Zone).UTC().Format(time.RFC3339)
				}
				if g.UID != e.UID || g.Summary != e.Summary || g.Description != e.Description || g.Start != start || g.End != end {
					t.Errorf("event %d: the parser read %+v\nwant uid %s, %q, %q, %s – %s", i, g, e.UID, e.Summary, e.Description, start, end)
				}
			}
		})
	}
}

func wallIn(wall time.Time, loc *time.Location) time.Time {
	return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
}

type parsed struct {
	Name   string
	Events []struct{ UID, Summary, Description, Start, End string }
}

// parse reads an .ics file with python3-icalendar and reports what it
// understood: dates as YYYY-MM-DD, times as UTC RFC 3339.
func parse(t *testing.T, python, path string) parsed {
	t.Helper()
	const script = `
import datetime, json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
def when(v):
    v = v.dt
    if isinstance(v, datetime.datetime):
        return v.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return v.isoformat()
out = {'Name': str(cal.get('X-WR-CALNAME', '')), 'Events': []}
for e in cal.walk('VEVENT'):
    out['Events'].append({'UID': str(e['UID']), 'Summary': str(e['SUMMARY']), 'Description': str(e.get('DESCRIPTION', '')),
                          'Start': when(e['DTSTART']), 'End': when(e['DTEND'])})
print(json.dumps(out))
`
	cmd := exec.Command(python, "-c", script, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3-icalendar could not read the feed: %v\n%s", err, stderr.String())
	}
	var p parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// icalendarPython finds a Python with the icalendar module: Debian's
// (/usr/bin/python3, package python3-icalendar, installed by .ci/run)
// before any other on PATH.
func icalendarPython(t *testing.T) string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import icalendar").Run() == nil {
			return p
		}
	}
	t.Fatal("no python3 with the icalendar module: apt-get install python3-icalendar (.ci/run does)")
	return ""
}
