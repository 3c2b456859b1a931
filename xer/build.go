package xer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// builder turns the tables of one document into a File.
type builder struct {
	doc  *document
	f    *failer
	out  *File
	plan *domain.Plan

	projID   string // PROJECT.proj_id of the project read; may be empty
	projLine int
	// lines where each part of the plan was read, by index in the plan,
	// so that a validation error can name its line.
	taskLines, depLines, resLines, asgLines []int
	calendars                               map[int64]*calendarRow
	taskIndex                               map[int64]int // task_id → index in plan.Tasks
	// notes collects what was dropped, counted by kind.
	notes map[string]int
	order []string
}

// calendarRow is one CALENDAR row, read in full but added to the plan
// only if something uses it.
type calendarRow struct {
	cal      domain.Calendar
	line     int
	dayHours float64 // day_hr_cnt
	used     bool
	listed   bool  // clndr_data gives a week
	err      error // what is wrong with its clndr_data
}

// drop records that something in the file was not carried over; format
// gets the count as %d.
func (b *builder) drop(format string) {
	if b.notes[format] == 0 {
		b.order = append(b.order, format)
	}
	b.notes[format]++
}

func build(doc *document, f *failer) (*File, error) {
	b := &builder{doc: doc, f: f, plan: &domain.Plan{}, notes: map[string]int{},
		taskIndex: map[int64]int{}, calendars: map[int64]*calendarRow{}}
	b.out = &File{Plan: b.plan, Version: doc.version, Charset: doc.charset,
		Reference: map[int64]Computed{}, Extra: map[int64]TaskExtra{}}
	steps := []func() error{b.project, b.readCalendars, b.tasks, b.links, b.resources, b.assignments, b.memos, b.useCalendars}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for _, format := range b.order {
		b.out.Dropped = append(b.out.Dropped, fmt.Sprintf(format, b.notes[format]))
	}
	if len(doc.skipped) > 0 {
		b.out.Dropped = append(b.out.Dropped, "tables not read: "+doc.skippedSummary())
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	return b.out, nil
}

// ours reports whether a row with proj_id value v belongs to the project
// read. Rows without a proj_id belong to every project.
func (b *builder) ours(v string) bool {
	return b.projID == "" || v == "" || v == b.projID
}

// project reads the first project in the PROJECT table.
func (b *builder) project() error {
	t := b.doc.tables["PROJECT"]
	if t == nil || len(t.rows) == 0 {
		return b.f.At(1, "no_project", "the file has no PROJECT table with a project in it; export a project from P6, not only resources or calendars")
	}
	rd := reader{t, b.f}
	r := t.rows[0]
	b.projLine, b.projID = r.line, rd.str(r, "proj_id")
	if len(t.rows) > 1 {
		names := make([]string, len(t.rows))
		for i, o := range t.rows {
			names[i] = rd.str(o, "proj_short_name")
		}
		b.out.Dropped = append(b.out.Dropped, fmt.Sprintf("the file holds %d projects (%s); only the first, %s, was read",
			len(t.rows), strings.Join(names, ", "), names[0]))
	}
	short := rd.str(r, "proj_short_name")
	p := &b.plan.Project
	p.Key, p.Name = projectKey(short), short
	if name := b.rootWBSName(); name != "" {
		p.Name = name // P6 shows a project's name from its WBS root
	}
	if p.Name == "" {
		p.Name = "Primavera P6 project"
	}
	p.Name = truncate(p.Name, 200)
	var err error
	if p.Start, err = rd.date(r, "plan_start_date"); err != nil {
		return err
	}
	if b.out.DataDate, err = rd.date(r, "last_recalc_date"); err != nil {
		return err
	}
	p.StatusDate = b.out.DataDate
	if id, ok, err := rd.id(r, "clndr_id"); err != nil {
		return err
	} else if ok {
		p.CalendarID = id
	}
	p.Currency = b.currency()
	return nil
}

// rootWBSName is the name of the project's WBS root node, which is what
// P6 shows as the project name.
func (b *builder) rootWBSName() string {
	t := b.doc.tables["PROJWBS"]
	rd := reader{t, b.f}
	for _, r := range tableRows(t) {
		if rd.flag(r, "proj_node_flag") && b.ours(rd.str(r, "proj_id")) {
			return rd.str(r, "wbs_name")
		}
	}
	return ""
}

// tableRows returns t's rows, none for a missing table.
func tableRows(t *table) []row {
	if t == nil {
		return nil
	}
	return t.rows
}

// currency is the ISO code of the file's base currency (the CURRTYPE row
// with an exchange rate of 1): its short name, or one known from its
// symbol, else USD.
func (b *builder) currency() string {
	t := b.doc.tables["CURRTYPE"]
	rd := reader{t, b.f}
	for _, r := range tableRows(t) {
		if rate := rd.str(r, "base_exch_rate"); rate != "" && rate != "1" {
			continue
		}
		if c := strings.ToUpper(rd.str(r, "curr_short_name")); len(c) == 3 {
			return c
		}
		switch rd.str(r, "curr_symbol") {
		case "€":
			return "EUR"
		case "£":
			return "GBP"
		case "¥":
			return "JPY"
		}
		return "USD"
	}
	return "USD"
}

// readCalendars reads every CALENDAR row; useCalendars later adds those
// the project uses.
func (b *builder) readCalendars() error {
	t := b.doc.tables["CALENDAR"]
	rd := reader{t, b.f}
	for _, r := range tableRows(t) {
		id, err := rd.key(r, "clndr_id")
		if err != nil {
			return err
		}
		if b.calendars[id] != nil {
			return b.f.At(r.line, "duplicate_id", "CALENDAR.clndr_id %d is used by two calendars", id)
		}
		// Bad data in a calendar nothing uses is no reason to refuse the
		// file; useCalendars reports it only for a calendar in use.
		data, dataErr := readCalendarData(rd.str(r, "clndr_data"))
		base, _, err := rd.id(r, "base_clndr_id")
		if err != nil {
			return err
		}
		dayHours, _, err := rd.number(r, "day_hr_cnt")
		if err != nil {
			return err
		}
		name := rd.str(r, "clndr_name")
		if name == "" {
			name = "Calendar " + strconv.FormatInt(id, 10)
		}
		c := domain.Calendar{ID: id, Name: name, BaseID: base, Week: data.week, Exceptions: data.exceptions}
		if base != 0 && data.listed {
			for d := range c.Week { // P6 lists every day of a calendar it defines
				if c.Week[d] == nil {
					c.Week[d] = []domain.Interval{}
				}
			}
		}
		b.calendars[id] = &calendarRow{cal: c, line: r.line, dayHours: dayHours, listed: data.listed, err: dataErr}
	}
	return nil
}

// useCalendar marks calendar id, and its bases, as used; false when the
// file has no such calendar.
func (b *builder) useCalendar(id int64) bool {
	for hops := 0; id != 0 && hops < 64; hops++ {
		c := b.calendars[id]
		if c == nil {
			return false
		}
		c.used = true
		id = c.cal.BaseID
	}
	return true
}

// useCalendars adds the calendars the project, its activities and its
// resources use to the plan, in file order, and sets the project's
// minutes per day from the project calendar's hours per day.
func (b *builder) useCalendars() error {
	p := &b.plan.Project
	t := b.doc.tables["CALENDAR"]
	rd := reader{t, b.f}
	if p.CalendarID == 0 || b.calendars[p.CalendarID] == nil {
		// The project names none it has: the global default, else the
		// first calendar.
		p.CalendarID = 0
		for _, r := range tableRows(t) {
			if id, _, _ := rd.id(r, "clndr_id"); p.CalendarID == 0 || rd.flag(r, "default_flag") {
				p.CalendarID = id
			}
		}
	}
	if p.CalendarID != 0 {
		b.useCalendar(p.CalendarID)
	}
	names := map[string]int{}
	skipped := 0
	for _, r := range tableRows(t) {
		id, _, _ := rd.id(r, "clndr_id")
		c := b.calendars[id]
		if !c.used {
			skipped++
			continue
		}
		if c.err != nil {
			return b.f.At(c.line, "invalid_calendar", "CALENDAR.clndr_data of calendar %d: %v", id, c.err)
		}
		if c.cal.BaseID != 0 && b.calendars[c.cal.BaseID] == nil {
			b.drop("%d calendars name a base calendar the file does not have; they stand alone")
			c.cal.BaseID = 0
		}
		if c.cal.BaseID == 0 && !c.listed {
			// P6 gives a calendar without a week Monday to Friday,
			// 08:00–16:00 (as MPXJ observes).
			for d := time.Monday; d <= time.Friday; d++ {
				c.cal.Week[d] = []domain.Interval{{Start: 480, End: 960}}
			}
			b.drop("%d calendars have no working week in the file and were given Monday–Friday 08:00–16:00")
		}
		if n := names[strings.ToLower(c.cal.Name)]; n > 0 {
			c.cal.Name = fmt.Sprintf("%s (%d)", c.cal.Name, n+1)
		}
		names[strings.ToLower(c.cal.Name)]++
		b.plan.Calendars = append(b.plan.Calendars, c.cal)
	}
	if skipped > 0 {
		b.out.Dropped = append(b.out.Dropped, fmt.Sprintf("%d calendars not used by the project were not read", skipped))
	}
	if c := b.calendars[p.CalendarID]; c != nil && c.dayHours > 0 && c.dayHours <= 24 {
		p.Units.MinutesPerDay = int64(math.Round(c.dayHours * 60))
	}
	return nil
}

// validate checks the plan and puts any error at the line of the row the
// faulty part came from.
func (b *builder) validate() error {
	err := b.plan.Validate()
	if err == nil {
		return nil
	}
	var e *domain.Error
	line := b.projLine
	if errors.As(err, &e) {
		line = b.lineOf(e.Field)
	}
	return b.f.Place(err, line)
}

// lineOf finds the line of the part a validation error names, such as
// "tasks[3].name", "dependencies[2]" or "dependencies" (a cycle).
func (b *builder) lineOf(field string) int {
	name, rest, _ := strings.Cut(field, "[")
	idx, _ := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
	at := func(lines []int) int {
		if idx >= 0 && idx < len(lines) {
			return lines[idx]
		}
		return b.projLine
	}
	switch {
	case name == "tasks":
		return at(b.taskLines)
	case strings.HasPrefix(field, "tasks."):
		ref := strings.SplitN(strings.TrimPrefix(field, "tasks."), ".", 2)[0]
		for i, t := range b.plan.Tasks {
			if t.Ref == ref {
				return b.taskLines[i]
			}
		}
	case name == "dependencies" && rest != "":
		return at(b.depLines)
	case name == "dependencies":
		return b.cycleLine()
	case name == "resources":
		return at(b.resLines)
	case name == "assignments":
		return at(b.asgLines)
	case name == "calendars" || name == "calendar":
		cals := b.plan.Calendars
		if idx < len(cals) && b.calendars[cals[idx].ID] != nil {
			return b.calendars[cals[idx].ID].line
		}
	}
	return b.projLine
}

// cycleLine is the line of a relationship on a dependency cycle.
func (b *builder) cycleLine() int {
	cyc := domain.FindCycle(b.plan.Tasks, b.plan.Dependencies)
	if len(cyc) < 2 {
		return b.projLine
	}
	for i, d := range b.plan.Dependencies {
		if d.Predecessor == cyc[0] && d.Successor == cyc[1] {
			return b.depLines[i]
		}
	}
	return b.projLine
}
