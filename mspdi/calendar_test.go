package mspdi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
)

// calendarDoc is a plan whose only calendar holds the given XML after its
// standard week.
func calendarDoc(inner string) string {
	var wd strings.Builder
	for d := 1; d <= 7; d++ {
		if d == 1 || d == 7 {
			fmt.Fprintf(&wd, "<WeekDay><DayType>%d</DayType><DayWorking>0</DayWorking></WeekDay>", d)
			continue
		}
		fmt.Fprintf(&wd, "<WeekDay><DayType>%d</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>", d)
	}
	return `<Project><Name>Calendars</Name><StartDate>2027-01-04T08:00:00</StartDate><CalendarUID>1</CalendarUID>
<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
<WeekDays>` + wd.String() + `</WeekDays>` + inner + `</Calendar></Calendars>
<Tasks><Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task></Tasks></Project>`
}

func exception(typ int, name, from, to string, extra string) string {
	return fmt.Sprintf(`<Exception><TimePeriod><FromDate>%sT00:00:00</FromDate><ToDate>%sT23:59:00</ToDate></TimePeriod><Name>%s</Name><Type>%d</Type>%s<DayWorking>0</DayWorking></Exception>`,
		from, to, name, typ, extra)
}

// describe writes exceptions as "2027-01-01 New Year off", or with a
// range and working time: "2027-07-05..2027-07-09 Short 09:00-12:00".
func describe(exs []domain.Exception) string {
	var out []string
	for _, ex := range exs {
		s := domain.FormatDate(ex.From)
		if !ex.To.Equal(ex.From) {
			s += ".." + domain.FormatDate(ex.To)
		}
		s += " " + ex.Name
		if len(ex.Working) == 0 {
			s += " off"
		} else {
			s += " " + domain.FormatIntervals(ex.Working)
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func readCalendar(t *testing.T, doc string) (*File, domain.Calendar) {
	t.Helper()
	f, err := readString(doc)
	if err != nil {
		t.Fatal(err)
	}
	return f, f.Plan.Calendars[0]
}

func TestRecurringExceptions(t *testing.T) {
	for _, tc := range []struct {
		name, xml, want string
	}{
		{"yearly by day", exception(2, "New Year", "2027-01-01", "2031-01-01", "<Occurrences>5</Occurrences><Month>0</Month><MonthDay>1</MonthDay>"),
			"2027-01-01 New Year off\n2028-01-01 New Year off\n2029-01-01 New Year off\n2030-01-01 New Year off\n2031-01-01 New Year off"},
		// The example of the MSPDI documentation: the fourth (3) Thursday
		// (7) of November (10).
		{"yearly by position", exception(3, "Thanksgiving", "2027-11-25", "2029-11-22", "<Occurrences>3</Occurrences><Month>10</Month><MonthPosition>3</MonthPosition><MonthItem>7</MonthItem>"),
			"2027-11-25 Thanksgiving off\n2028-11-23 Thanksgiving off\n2029-11-22 Thanksgiving off"},
		{"monthly by day every 2 months", exception(4, "Audit", "2027-01-15", "2027-07-15", "<Occurrences>4</Occurrences><Period>2</Period><MonthDay>15</MonthDay>"),
			"2027-01-15 Audit off\n2027-03-15 Audit off\n2027-05-15 Audit off\n2027-07-15 Audit off"},
		{"monthly on the 31st", exception(4, "Close", "2027-01-31", "2027-04-30", "<Period>1</Period><MonthDay>31</MonthDay>"),
			"2027-01-31 Close off\n2027-02-28 Close off\n2027-03-31 Close off\n2027-04-30 Close off"},
		{"monthly by position: last Friday", exception(5, "Release", "2027-01-01", "2027-03-31", "<EnteredByOccurrences>1</EnteredByOccurrences><Occurrences>3</Occurrences><Period>1</Period><MonthPosition>4</MonthPosition><MonthItem>8</MonthItem>"),
			"2027-01-29 Release off\n2027-02-26 Release off\n2027-03-26 Release off"},
		{"monthly by position: first weekday", exception(5, "Payroll", "2027-05-01", "2027-06-30", "<Period>1</Period><MonthPosition>0</MonthPosition><MonthItem>1</MonthItem>"),
			"2027-05-03 Payroll off\n2027-06-01 Payroll off"},
		{"weekly every 2 weeks on Monday and Wednesday", exception(6, "Training", "2027-02-01", "2027-02-28", "<Period>2</Period><DaysOfWeek>10</DaysOfWeek>"),
			"2027-02-01 Training off\n2027-02-03 Training off\n2027-02-15 Training off\n2027-02-17 Training off"},
		{"daily every 3 days by occurrences", exception(1, "Drill", "2027-06-01", "2027-06-30", "<EnteredByOccurrences>1</EnteredByOccurrences><Occurrences>3</Occurrences><Period>3</Period>"),
			"2027-06-01 Drill off\n2027-06-04 Drill off\n2027-06-07 Drill off"},
		{"a range of days", exception(1, "Shutdown", "2027-12-24", "2028-01-02", "<Occurrences>10</Occurrences><Period>1</Period>"),
			"2027-12-24..2028-01-02 Shutdown off"},
		{"a working exception", `<Exception><TimePeriod><FromDate>2027-07-05T00:00:00</FromDate><ToDate>2027-07-09T23:59:00</ToDate></TimePeriod><Name>Short</Name><Type>1</Type><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes></Exception>`,
			"2027-07-05..2027-07-09 Short 09:00-12:00"},
		{"ToDate at midnight ends the day before", `<Exception><TimePeriod><FromDate>2027-08-02T00:00:00</FromDate><ToDate>2027-08-04T00:00:00</ToDate></TimePeriod><Name>Fair</Name><DayWorking>0</DayWorking></Exception>`,
			"2027-08-02..2027-08-03 Fair off"},
		{"overlaps keep the first", exception(1, "Holiday", "2027-12-27", "2027-12-28", "") + exception(1, "Shutdown", "2027-12-24", "2027-12-31", ""),
			"2027-12-24 Shutdown off\n2027-12-25..2027-12-26 Shutdown off\n2027-12-27..2027-12-28 Holiday off\n2027-12-29..2027-12-31 Shutdown off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Project 2007+ also writes each exception as a DayType 0 week
			// day; those must not be counted again.
			dup := `<WeekDays><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2027-03-03T00:00:00</FromDate><ToDate>2027-03-03T23:59:00</ToDate></TimePeriod></WeekDay></WeekDays>`
			_, cal := readCalendar(t, calendarDoc(dup+"<Exceptions>"+tc.xml+"</Exceptions>"))
			got := describe(cal.Exceptions)
			// Joined runs of the same exception are one range.
			got = strings.ReplaceAll(got, "2027-12-24 Shutdown off\n2027-12-25..2027-12-26 Shutdown off", "2027-12-24..2027-12-26 Shutdown off")
			want := strings.ReplaceAll(tc.want, "2027-12-24 Shutdown off\n2027-12-25..2027-12-26 Shutdown off", "2027-12-24..2027-12-26 Shutdown off")
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestRecurrenceLimit(t *testing.T) {
	f, cal := readCalendar(t, calendarDoc("<Exceptions>"+exception(2, "New Year", "2027-01-01", "2076-01-01", "<Occurrences>50</Occurrences><Month>0</Month><MonthDay>1</MonthDay>")+"</Exceptions>"))
	if len(cal.Exceptions) != 10 || domain.FormatDate(cal.Exceptions[9].From) != "2036-01-01" {
		t.Errorf("got %d exceptions:\n%s", len(cal.Exceptions), describe(cal.Exceptions))
	}
	if !strings.Contains(strings.Join(f.Dropped, "\n"), `exception "New Year" repeats beyond 10 years`) {
		t.Errorf("Dropped %q", f.Dropped)
	}
	// A hostile recurrence: every day for a million occurrences.
	f, cal = readCalendar(t, calendarDoc("<Exceptions>"+exception(6, "Daily", "2027-01-01", "9999-12-31", "<Occurrences>1000000</Occurrences><DaysOfWeek>127</DaysOfWeek>")+"</Exceptions>"))
	if n := len(cal.Exceptions); n != 1 || domain.FormatDate(cal.Exceptions[0].To) != "2036-12-31" {
		t.Errorf("got %d exceptions:\n%s", n, describe(cal.Exceptions))
	}
}

// TestDayTypeZero checks Project 2002/2003 calendars, whose exceptions are
// only DayType 0 week days.
func TestDayTypeZero(t *testing.T) {
	inner := `<WeekDays><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2027-04-02T00:00:00</FromDate><ToDate>2027-04-05T23:59:00</ToDate></TimePeriod></WeekDay>
<WeekDay><DayType>0</DayType><DayWorking>1</DayWorking><TimePeriod><FromDate>2027-04-10T00:00:00</FromDate><ToDate>2027-04-10T23:59:00</ToDate></TimePeriod><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>`
	_, cal := readCalendar(t, calendarDoc(inner))
	if got, want := describe(cal.Exceptions), "2027-04-02..2027-04-05  off\n2027-04-10  08:00-12:00"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestWorkWeeks checks that an alternative work week becomes exceptions
// on the days it differs from the calendar's week, that the calendar's own
// exceptions win, and that a long one is cut at ten years and noted.
func TestWorkWeeks(t *testing.T) {
	morning := `<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes>`
	week := `<WorkWeeks><WorkWeek><TimePeriod><FromDate>2027-03-08T00:00:00</FromDate><ToDate>2027-03-19T23:59:00</ToDate></TimePeriod><Name>Summer</Name><WeekDays>`
	for d := 2; d <= 5; d++ {
		week += fmt.Sprintf("<WeekDay><DayType>%d</DayType><DayWorking>1</DayWorking>%s</WeekDay>", d, morning)
	}
	week += `<WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></WorkWeek></WorkWeeks>`
	holiday := "<Exceptions>" + exception(1, "Holiday", "2027-03-10", "2027-03-10", "") + "</Exceptions>"
	f, cal := readCalendar(t, calendarDoc(holiday+week))
	want := strings.Join([]string{
		"2027-03-08..2027-03-09 Summer 08:00-12:00",
		"2027-03-10 Holiday off",
		"2027-03-11 Summer 08:00-12:00",
		"2027-03-12 Summer off",
		"2027-03-15..2027-03-18 Summer 08:00-12:00",
		"2027-03-19 Summer off",
	}, "\n")
	if got := describe(cal.Exceptions); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(f.Dropped) != 0 {
		t.Errorf("Dropped %q", f.Dropped)
	}
	long := strings.Replace(week, "2027-03-19T23:59:00", "2049-12-31T23:59:00", 1)
	f, cal = readCalendar(t, calendarDoc(long))
	last := cal.Exceptions[len(cal.Exceptions)-1]
	if got := domain.FormatDate(last.To); got != "2037-03-06" {
		t.Errorf("last work-week day %s, want 2037-03-06 (ten years less a day, a Friday)", got)
	}
	if !strings.Contains(strings.Join(f.Dropped, "\n"), `work week "Summer" runs beyond 10 years`) {
		t.Errorf("Dropped %q", f.Dropped)
	}
}

// TestCalendarBases checks inheritance: weekdays a derived calendar leaves
// out are nil, an unknown base and a loop of bases are resolved with the
// project calendar, and a calendar without working time inherits it.
func TestCalendarBases(t *testing.T) {
	doc := calendarDoc("")
	doc = strings.Replace(doc, "</Calendars>", `<Calendar><UID>2</UID><Name>Alice</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>
<WeekDays><WeekDay><DayType>7</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
<WeekDay><DayType>2</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></Calendar>
<Calendar><UID>3</UID><Name>Bob</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>99</BaseCalendarUID></Calendar>
<Calendar><UID>4</UID><Name>Loop A</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>5</BaseCalendarUID></Calendar>
<Calendar><UID>5</UID><Name>Loop B</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>4</BaseCalendarUID></Calendar>
<Calendar><UID>6</UID><Name></Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>`, 1)
	f, err := readString(doc)
	if err != nil {
		t.Fatal(err)
	}
	cals := map[int64]domain.Calendar{}
	for _, c := range f.Plan.Calendars {
		cals[c.ID] = c
	}
	alice := cals[2]
	if alice.BaseID != 1 || alice.Week[1] == nil || len(alice.Week[1]) != 0 || alice.Week[2] != nil || domain.FormatIntervals(alice.Week[6]) != "09:00-13:00" {
		t.Errorf("Alice %+v", alice)
	}
	if cals[3].BaseID != 1 {
		t.Errorf("Bob's unknown base: %d, want the project calendar", cals[3].BaseID)
	}
	if a, b := cals[4].BaseID, cals[5].BaseID; (a == 5 && b == 4) || a == 0 && b == 0 {
		t.Errorf("loop: A based on %d, B on %d", a, b)
	}
	if c := cals[6]; c.Name != "Calendar 6" || c.BaseID != 1 {
		t.Errorf("empty base calendar %+v", c)
	}
	if len(f.Dropped) == 0 {
		t.Error("nothing noted")
	}
	t.Logf("Dropped: %q", f.Dropped)
}
