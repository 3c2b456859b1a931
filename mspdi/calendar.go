package mspdi

import (
	"time"

	"github.com/cairnpm/cairn/domain"
)

// rawCalendar is a Calendar element as read.
type rawCalendar struct {
	line    int
	uid     int64
	hasUID  bool
	name    string
	isBase  bool
	baseUID int64
	week    [7]*rawDay     // WeekDay with DayType 1–7, by time.Weekday
	dated   []rawException // WeekDay with DayType 0 (all versions)
	// exceptions are Exceptions/Exception (Project 2007+), which repeat
	// the dated week days with their recurrence; when present they are
	// used instead of dated.
	exceptions    []rawException
	hasExceptions bool
	workWeeks     []rawWorkWeek
}

// rawDay is the working time of a weekday or an exception.
type rawDay struct {
	working    bool
	hasWorking bool
	times      []domain.Interval
}

// rawException is a dated exception, possibly recurring.
type rawException struct {
	line                int
	name                string
	from, to            time.Time
	typ                 int64 // 0: a plain range (DayType 0 week day)
	period, occurrences int64
	byOccurrences       bool
	daysOfWeek          int64
	monthItem, monthPos int64
	month, monthDay     int64
	day                 rawDay
}

// rawWorkWeek is an alternative working week for a range of dates.
type rawWorkWeek struct {
	line     int
	name     string
	from, to time.Time
	week     [7]*rawDay
}

// calendar reads Project/Calendars/Calendar.
func (d *decoder) calendar() error {
	c := rawCalendar{line: d.lx.tokLine, baseUID: -1}
	for {
		d.ctx = "Calendar"
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "UID":
			c.uid, err = d.uid()
			c.hasUID = true
		case "Name":
			c.name, err = d.str()
		case "IsBaseCalendar":
			c.isBase, err = d.bool()
		case "BaseCalendarUID":
			c.baseUID, err = d.int()
		case "WeekDays":
			err = d.list("WeekDay", func() error { return d.weekDay(&c.week, &c.dated) })
		case "Exceptions":
			c.hasExceptions = true
			err = d.list("Exception", func() error {
				ex, err := d.exception()
				c.exceptions = append(c.exceptions, ex)
				return err
			})
		case "WorkWeeks":
			err = d.list("WorkWeek", func() error {
				ww, err := d.workWeek()
				c.workWeeks = append(c.workWeeks, ww)
				return err
			})
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	if !c.hasUID {
		return d.f.At(c.line, "missing", "a Calendar has no UID")
	}
	d.calendars = append(d.calendars, c)
	return nil
}

// weekDay reads a WeekDay: a weekday's working time into week, or, with
// DayType 0, a dated exception into dated (nil where none are allowed).
func (d *decoder) weekDay(week *[7]*rawDay, dated *[]rawException) error {
	line := d.lx.tokLine
	dayType := int64(-1)
	var day rawDay
	var from, to time.Time
	for {
		d.ctx = "WeekDay"
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "DayType":
			dayType, err = d.int()
		case "TimePeriod":
			from, to, err = d.timePeriod()
		default:
			err = d.dayPart(&day)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case dayType >= 1 && dayType <= 7:
		week[dayType-1] = &day
	case dayType == 0:
		if dated != nil && !from.IsZero() {
			*dated = append(*dated, rawException{line: line, from: from, to: to, day: day})
		}
	default:
		return d.f.At(line, "bad_value", "WeekDay DayType %d is not 0 (a date) or 1–7 (Sunday–Saturday)", dayType)
	}
	return nil
}

// dayPart reads DayWorking or WorkingTimes into day, skipping anything
// else.
func (d *decoder) dayPart(day *rawDay) error {
	var err error
	switch string(d.lx.name) {
	case "DayWorking":
		day.working, err = d.bool()
		day.hasWorking = true
	case "WorkingTimes":
		err = d.list("WorkingTime", func() error {
			iv, ok, err := d.workingTime()
			if ok {
				day.times = append(day.times, iv)
			}
			return err
		})
	default:
		err = d.skip()
	}
	return err
}

// workingTime reads WorkingTime/FromTime and ToTime. A ToTime of 00:00
// is the midnight that ends the day. A range ending before it starts is
// reported with ok false.
func (d *decoder) workingTime() (domain.Interval, bool, error) {
	iv := domain.Interval{Start: -1, End: -1}
	for {
		d.ctx = "WorkingTime"
		ok, err := d.child()
		if err != nil {
			return iv, false, err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "FromTime":
			iv.Start, err = d.clock()
		case "ToTime":
			iv.End, err = d.clock()
		default:
			err = d.skip()
		}
		if err != nil {
			return iv, false, err
		}
	}
	if iv.Start < 0 || iv.End < 0 {
		return iv, false, nil // an empty WorkingTime
	}
	if iv.End == 0 {
		iv.End = 24 * 60
	}
	if iv.End <= iv.Start {
		d.notes.add(noteBadInterval)
		return iv, false, nil
	}
	return iv, true, nil
}

// timePeriod reads TimePeriod/FromDate and ToDate.
func (d *decoder) timePeriod() (from, to time.Time, err error) {
	for {
		d.ctx = "TimePeriod"
		ok, err := d.child()
		if err != nil || !ok {
			return from, to, err
		}
		switch string(d.lx.name) {
		case "FromDate":
			from, err = d.date()
		case "ToDate":
			to, err = d.date()
		default:
			err = d.skip()
		}
		if err != nil {
			return from, to, err
		}
	}
}

// exception reads Exceptions/Exception (Project 2007+).
func (d *decoder) exception() (rawException, error) {
	ex := rawException{line: d.lx.tokLine, typ: 1, period: 1, monthItem: -1, monthPos: -1, month: -1, monthDay: -1}
	for {
		d.ctx = "Exception"
		ok, err := d.child()
		if err != nil || !ok {
			return ex, err
		}
		switch string(d.lx.name) {
		case "Name":
			ex.name, err = d.str()
		case "TimePeriod":
			ex.from, ex.to, err = d.timePeriod()
		case "Type":
			ex.typ, err = d.int()
		case "Period":
			ex.period, err = d.int()
		case "Occurrences":
			ex.occurrences, err = d.int()
		case "EnteredByOccurrences":
			ex.byOccurrences, err = d.bool()
		case "DaysOfWeek":
			ex.daysOfWeek, err = d.int()
		case "MonthItem":
			ex.monthItem, err = d.int()
		case "MonthPosition":
			ex.monthPos, err = d.int()
		case "Month":
			ex.month, err = d.int()
		case "MonthDay":
			ex.monthDay, err = d.int()
		default:
			err = d.dayPart(&ex.day)
		}
		if err != nil {
			return ex, err
		}
	}
}

// workWeek reads WorkWeeks/WorkWeek. Its week days sit in WeekDays, or
// straight under WorkWeek in files that follow the Project 2007 schema.
func (d *decoder) workWeek() (rawWorkWeek, error) {
	ww := rawWorkWeek{line: d.lx.tokLine}
	for {
		d.ctx = "WorkWeek"
		ok, err := d.child()
		if err != nil || !ok {
			return ww, err
		}
		switch string(d.lx.name) {
		case "Name":
			ww.name, err = d.str()
		case "TimePeriod":
			ww.from, ww.to, err = d.timePeriod()
		case "WeekDays":
			err = d.list("WeekDay", func() error { return d.weekDay(&ww.week, nil) })
		case "WeekDay":
			err = d.weekDay(&ww.week, nil)
		default:
			err = d.skip()
		}
		if err != nil {
			return ww, err
		}
	}
}
