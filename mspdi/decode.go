package mspdi

import (
	"time"
	"unicode/utf8"
)

// decoder walks the element tree by path, reading the elements Cairn needs
// into raw records and skipping the rest (views, timephased data, …)
// without decoding them. build turns the records into a domain.Plan.
type decoder struct {
	lx   *lexer
	f    *failer
	ctx  string // the record being read, for messages: "Task", "Calendar", …
	line int    // line of the element whose value was read last

	header     header
	calendars  []rawCalendar
	tasks      []*rawTask
	resources  []rawResource
	assigns    []rawAssignment
	fieldNames map[int64]string // custom field names by FieldID
	notes      notes
}

// header is what the Project element says about the whole file.
type header struct {
	line                                      int
	saveVersion                               int64
	buildNumber, name, title, manager         string
	currency                                  string
	start, statusDate, lastSaved              time.Time
	criticalSlackDays                         int64
	multipleCritical                          bool
	calendarUID                               int64
	minutesPerDay, minutesPerWeek, daysPerMon int64
	scheduleFromFinish                        bool
}

func newDecoder(lx *lexer) *decoder {
	return &decoder{lx: lx, f: lx.f, header: header{calendarUID: -1}, fieldNames: map[int64]string{}, notes: newNotes()}
}

// document reads the prolog and the root Project element.
func (d *decoder) document() error {
	for {
		tok, err := d.lx.next(false)
		if err != nil {
			return err
		}
		switch tok {
		case tokEOF:
			return d.f.At(d.lx.line, "empty", "the file holds no XML element; is it an MS Project XML file?")
		case tokStart:
			if string(d.lx.name) != "Project" {
				return d.f.At(d.lx.tokLine, "not_mspdi", "the root element is <%s>, not <Project>: this is not an MS Project XML (MSPDI) file", sanitize(d.lx.name))
			}
			d.header.line = d.lx.tokLine
			return d.project()
		}
	}
}

// child moves to the next child element of the current element and
// reports true, or consumes the current element's end tag and reports
// false. Text between children is ignored.
func (d *decoder) child() (bool, error) {
	if d.lx.pending { // a leaf has no children
		d.lx.pending = false
		return false, nil
	}
	if tok, ok := d.lx.quick(); ok {
		return tok == tokStart, nil
	}
	tok, err := d.lx.next(false)
	return tok == tokStart, err
}

// skip consumes the rest of the current element, children included.
func (d *decoder) skip() error {
	if d.lx.pending {
		d.lx.pending = false
		return nil
	}
	if _, ok := d.lx.leaf(); ok {
		return nil
	}
	depth := d.lx.depth()
	for {
		tok, err := d.lx.next(false)
		if err != nil {
			return err
		}
		if tok == tokEnd && d.lx.depth() < depth || tok == tokEOF {
			return nil
		}
	}
}

// value reads the text of the current element up to its end tag. The
// bytes are valid until the next call. Child elements are skipped.
func (d *decoder) value() ([]byte, error) {
	if d.lx.pending {
		d.lx.pending = false
		d.line = d.lx.tokLine
		return d.lx.pendingText, nil
	}
	d.line = d.lx.open[d.lx.depth()-1].line
	if v, ok := d.lx.leaf(); ok {
		return v, nil
	}
	d.lx.text = d.lx.text[:0]
	for {
		tok, err := d.lx.next(true)
		if err != nil {
			return nil, err
		}
		if tok != tokStart {
			return d.lx.text, nil
		}
		n := len(d.lx.text)
		if err := d.skip(); err != nil {
			return nil, err
		}
		d.lx.text = d.lx.text[:n]
	}
}

// bad reports a value that cannot be read as what it should be.
func (d *decoder) bad(v []byte, want string) error {
	if len(v) > 40 {
		v = append(v[:37:37], "..."...)
	}
	return d.f.At(d.line, "bad_value", "%s %s %q is not %s", d.ctx, sanitize(d.lx.name), sanitize(v), want)
}

// The readers below take an empty element (<TotalSlack/>) as the zero
// value, as if it were absent; uid does not.

func (d *decoder) int() (int64, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return 0, err
	}
	n, ok := parseInt(v)
	if !ok {
		// Some writers put "4800.0" where an integer belongs.
		if n, ok = parseScaled(v, 0); !ok {
			return 0, d.bad(v, "a number")
		}
	}
	return n, nil
}

// uid reads a UID, which must be there.
func (d *decoder) uid() (int64, error) {
	v, err := d.value()
	if err != nil {
		return 0, err
	}
	n, ok := parseInt(v)
	if !ok {
		return 0, d.bad(v, "a number")
	}
	return n, nil
}

func empty(v []byte) bool { return len(trim(v)) == 0 }

func (d *decoder) scaled(shift int) (int64, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return 0, err
	}
	n, ok := parseScaled(v, shift)
	if !ok {
		return 0, d.bad(v, "a number")
	}
	return n, nil
}

func (d *decoder) float() (float64, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return 0, err
	}
	x, ok := parseFloat(v)
	if !ok {
		return 0, d.bad(v, "a number")
	}
	return x, nil
}

func (d *decoder) bool() (bool, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return false, err
	}
	b, ok := parseBool(v)
	if !ok {
		return false, d.bad(v, "0 or 1")
	}
	return b, nil
}

// date reads a date; an empty element is no date.
func (d *decoder) date() (time.Time, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return time.Time{}, err
	}
	t, ok := parseDate(v)
	if !ok {
		return time.Time{}, d.bad(v, "a date (like 2018-10-18T08:00:00)")
	}
	return t, nil
}

// optDate reads a date that may be Aspose's "not set" placeholder,
// 2000-01-01T00:00:00, which is read as no date and counted.
func (d *decoder) optDate() (time.Time, error) {
	t, err := d.date()
	if err == nil && t.Equal(placeholderDate) {
		d.notes.add(notePlaceholder)
		return time.Time{}, nil
	}
	return t, err
}

var placeholderDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func (d *decoder) duration() (int64, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return 0, err
	}
	m, ok := parseDuration(v)
	if !ok {
		return 0, d.bad(v, "a duration (like PT8H0M0S)")
	}
	return m, nil
}

// clock reads a time of day; an empty element is -1, no time.
func (d *decoder) clock() (int, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return -1, err
	}
	m, ok := parseClock(v)
	if !ok {
		return 0, d.bad(v, "a time of day (like 08:00:00)")
	}
	return m, nil
}

// str reads text that goes into the plan: it must be UTF-8 without
// control characters other than tab and line feed.
func (d *decoder) str() (string, error) {
	v, err := d.value()
	if err != nil {
		return "", err
	}
	if !utf8.Valid(v) {
		return "", d.f.At(d.line, "encoding", "%s %s is not valid UTF-8; save the file as UTF-8", d.ctx, sanitize(d.lx.name))
	}
	for _, c := range v {
		if c < 0x20 && c != '\t' && c != '\n' {
			return "", d.f.At(d.line, "bad_value", "%s %s holds control character %#02x", d.ctx, sanitize(d.lx.name), c)
		}
	}
	return string(v), nil
}

// project reads the children of the root Project element.
func (d *decoder) project() error {
	h := &d.header
	for {
		ok, err := d.child()
		if err != nil || !ok {
			return err
		}
		d.ctx = "Project"
		switch string(d.lx.name) {
		case "SaveVersion":
			h.saveVersion, err = d.int()
		case "BuildNumber":
			h.buildNumber, err = d.str()
		case "Name":
			h.name, err = d.str()
		case "Title":
			h.title, err = d.str()
		case "Manager":
			h.manager, err = d.str()
		case "StartDate":
			h.start, err = d.date()
		case "StatusDate":
			h.statusDate, err = d.optDate()
		case "LastSaved":
			h.lastSaved, err = d.optDate()
		case "ScheduleFromStart":
			var fromStart bool
			fromStart, err = d.bool()
			h.scheduleFromFinish = !fromStart
		case "CriticalSlackLimit":
			h.criticalSlackDays, err = d.int()
		case "MultipleCriticalPaths":
			h.multipleCritical, err = d.bool()
		case "CurrencyCode":
			h.currency, err = d.str()
		case "CalendarUID":
			h.calendarUID, err = d.int()
		case "MinutesPerDay":
			h.minutesPerDay, err = d.int()
		case "MinutesPerWeek":
			h.minutesPerWeek, err = d.int()
		case "DaysPerMonth":
			h.daysPerMon, err = d.int()
		case "ExtendedAttributes":
			err = d.list("ExtendedAttribute", d.fieldDefinition)
		case "Calendars":
			err = d.list("Calendar", d.calendar)
		case "Tasks":
			err = d.list("Task", d.task)
		case "Resources":
			err = d.list("Resource", d.resource)
		case "Assignments":
			err = d.list("Assignment", d.assignment)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
}

// list reads the children named item of a collection element with read,
// skipping anything else.
func (d *decoder) list(item string, read func() error) error {
	for {
		ok, err := d.child()
		if err != nil || !ok {
			return err
		}
		if string(d.lx.name) == item {
			err = read()
		} else {
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
}

// fieldDefinition reads Project/ExtendedAttributes/ExtendedAttribute, the
// definition of a custom field, for naming custom fields in Dropped.
func (d *decoder) fieldDefinition() error {
	d.ctx = "ExtendedAttribute"
	var id int64
	var name, alias string
	for {
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "FieldID":
			id, err = d.int()
		case "FieldName":
			name, err = d.str()
		case "Alias":
			alias, err = d.str()
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	if alias != "" && alias != name {
		name += " (" + alias + ")"
	}
	if name != "" {
		d.fieldNames[id] = name
	}
	return nil
}

// customField reads a task's or resource's ExtendedAttribute, returning
// its FieldID.
func (d *decoder) customField() (int64, error) {
	ctx := d.ctx
	defer func() { d.ctx = ctx }()
	d.ctx = "ExtendedAttribute"
	var id int64
	for {
		ok, err := d.child()
		if err != nil || !ok {
			return id, err
		}
		if string(d.lx.name) == "FieldID" {
			id, err = d.int()
		} else {
			err = d.skip()
		}
		if err != nil {
			return 0, err
		}
	}
}
