package tjbench

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// WriteMSPDI writes p as MS Project XML (MSPDI), so that `cairn schedule
// FILE.xml` — and MS Project itself — can schedule the very project the
// benchmark gave TaskJuggler. It writes only what a CPM schedule needs:
// the header (name, start, units, project calendar), every calendar's week
// and exceptions (as DayType 0 week days), and the tasks in WBS order with
// their outline, duration, milestone and summary flags and links. Task IDs
// become MSPDI UIDs, the one key MSPDI has, and <ID> is the row number.
//
// Plans using what the writer leaves out — constraints, manual scheduling,
// progress, deadlines, task calendars, resources — are refused, so that
// mspdi.ReadFile of the output always gives a plan that schedules the same.
func WriteMSPDI(w io.Writer, p *domain.Plan) error {
	if err := writable(p); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	u := p.Project.Units.OrDefault()
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	bw.WriteString(`<Project xmlns="http://schemas.microsoft.com/project">` + "\n")
	bw.WriteString("<SaveVersion>14</SaveVersion>\n")
	element(bw, "Name", p.Project.Name)
	element(bw, "Title", p.Project.Name)
	bw.WriteString("<ScheduleFromStart>1</ScheduleFromStart>\n")
	element(bw, "StartDate", dateTime(p.Project.Start))
	if p.Project.CalendarID != 0 {
		element(bw, "CalendarUID", strconv.FormatInt(p.Project.CalendarID, 10))
	}
	fmt.Fprintf(bw, "<MinutesPerDay>%d</MinutesPerDay>\n<MinutesPerWeek>%d</MinutesPerWeek>\n<DaysPerMonth>%d</DaysPerMonth>\n",
		u.MinutesPerDay, u.MinutesPerWeek, u.DaysPerMonth)
	bw.WriteString("<Calendars>\n")
	for i := range p.Calendars {
		writeCalendar(bw, &p.Calendars[i])
	}
	bw.WriteString("</Calendars>\n<Tasks>\n")
	bw.WriteString("<Task><UID>0</UID><ID>0</ID>")
	element(bw, "Name", p.Project.Name)
	bw.WriteString("<OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>\n")
	writeTasks(bw, p)
	bw.WriteString("</Tasks>\n</Project>\n")
	return bw.Flush()
}

// writable refuses plans with parts WriteMSPDI does not write.
func writable(p *domain.Plan) error {
	if len(p.Resources) > 0 || len(p.Assignments) > 0 {
		return fmt.Errorf("tjbench: WriteMSPDI does not write resources or assignments")
	}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		switch {
		case t.Constraint != "" && t.Constraint != domain.ASAP,
			t.Mode == domain.Manual,
			t.PercentComplete != 0, !t.ActualStart.IsZero(), !t.ActualFinish.IsZero(),
			!t.Deadline.IsZero(), t.CalendarID != 0:
			return fmt.Errorf("tjbench: task %q has a constraint, manual dates, progress, a deadline or its own calendar, which WriteMSPDI does not write", t.Name)
		}
	}
	return nil
}

// writeCalendar writes one calendar. A nil weekday inherits from the base
// calendar and is left out; exceptions are DayType 0 week days whose ToDate
// at 23:59 includes the last day.
func writeCalendar(w *bufio.Writer, c *domain.Calendar) {
	base := int64(-1)
	if c.BaseID != 0 {
		base = c.BaseID
	}
	fmt.Fprintf(w, "<Calendar><UID>%d</UID>", c.ID)
	element(w, "Name", c.Name)
	fmt.Fprintf(w, "<IsBaseCalendar>%s</IsBaseCalendar><BaseCalendarUID>%d</BaseCalendarUID>\n<WeekDays>\n", flag(c.BaseID == 0), base)
	for wd, ivs := range c.Week {
		if ivs == nil {
			continue
		}
		fmt.Fprintf(w, "<WeekDay><DayType>%d</DayType><DayWorking>%s</DayWorking>", wd+1, flag(len(ivs) > 0))
		workingTimes(w, ivs)
		w.WriteString("</WeekDay>\n")
	}
	for _, ex := range c.Exceptions {
		to := ex.To
		if to.IsZero() {
			to = ex.From
		}
		fmt.Fprintf(w, "<WeekDay><DayType>0</DayType><DayWorking>%s</DayWorking><TimePeriod><FromDate>%sT00:00:00</FromDate><ToDate>%sT23:59:00</ToDate></TimePeriod>",
			flag(len(ex.Working) > 0), domain.FormatDate(ex.From), domain.FormatDate(to))
		workingTimes(w, ex.Working)
		w.WriteString("</WeekDay>\n")
	}
	w.WriteString("</WeekDays>\n</Calendar>\n")
}

// workingTimes writes a day's intervals; midnight as an end is 00:00:00,
// as MS Project writes it.
func workingTimes(w *bufio.Writer, ivs []domain.Interval) {
	if len(ivs) == 0 {
		return
	}
	w.WriteString("<WorkingTimes>")
	for _, iv := range ivs {
		fmt.Fprintf(w, "<WorkingTime><FromTime>%s</FromTime><ToTime>%s</ToTime></WorkingTime>", clock(iv.Start), clock(iv.End%1440))
	}
	w.WriteString("</WorkingTimes>")
}

// writeTasks writes the tasks in WBS order, each with its links in.
func writeTasks(w *bufio.Writer, p *domain.Plan) {
	ids, outline := p.WBSOrder()
	idx := p.TaskIndex()
	summary := p.Summaries()
	preds := make(map[int64][]*domain.Dependency, len(p.Tasks))
	for i := range p.Dependencies {
		d := &p.Dependencies[i]
		preds[d.Successor] = append(preds[d.Successor], d)
	}
	for row, id := range ids {
		t := &p.Tasks[idx[id]]
		num := outline[id]
		fmt.Fprintf(w, "<Task><UID>%d</UID><ID>%d</ID>", t.ID, row+1)
		element(w, "Name", t.Name)
		fmt.Fprintf(w, "<Manual>0</Manual><OutlineNumber>%s</OutlineNumber><OutlineLevel>%d</OutlineLevel>", num, strings.Count(num, ".")+1)
		d := t.Duration
		if summary[id] || t.Kind == domain.KindMilestone {
			d = domain.Duration{}
		}
		fmt.Fprintf(w, "<Duration>%s</Duration><DurationFormat>%d</DurationFormat>", duration(d.Minutes), durationFormat(d.Elapsed))
		fmt.Fprintf(w, "<Milestone>%s</Milestone><Summary>%s</Summary><ConstraintType>0</ConstraintType>",
			flag(t.Kind == domain.KindMilestone && !summary[id]), flag(summary[id]))
		for _, l := range preds[id] {
			writeLink(w, l)
		}
		w.WriteString("</Task>\n")
	}
}

// linkTypes are MSPDI's PredecessorLink Type codes.
var linkTypes = map[domain.DependencyType]int{domain.FF: 0, domain.FS: 1, domain.SF: 2, domain.SS: 3}

// writeLink writes a PredecessorLink. LinkLag is tenths of a minute, or a
// plain percent with LagFormat 19.
func writeLink(w *bufio.Writer, d *domain.Dependency) {
	lag, format := d.Lag.Minutes*10, durationFormat(d.Lag.Elapsed)
	if d.Lag.IsPercent {
		lag, format = d.Lag.Percent, 19
	}
	fmt.Fprintf(w, "<PredecessorLink><PredecessorUID>%d</PredecessorUID><Type>%d</Type><LinkLag>%d</LinkLag><LagFormat>%d</LagFormat></PredecessorLink>",
		d.Predecessor, linkTypes[d.Type], lag, format)
}

// durationFormat is 7 (days) for working time and 8 (elapsed days) for
// elapsed time; the formats only say how MS Project shows a value.
func durationFormat(elapsed bool) int {
	if elapsed {
		return 8
	}
	return 7
}

// duration writes minutes as MSPDI does, hours not rolled into days:
// "PT824H0M0S".
func duration(minutes int64) string {
	return "PT" + strconv.FormatInt(minutes/60, 10) + "H" + strconv.FormatInt(minutes%60, 10) + "M0S"
}

func clock(minutes int) string {
	return fmt.Sprintf("%02d:%02d:00", minutes/60, minutes%60)
}

func dateTime(t time.Time) string { return t.Format(domain.DateTimeLayout) }

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// element writes <name>text</name> with text escaped.
func element(w *bufio.Writer, name, text string) {
	w.WriteString("<" + name + ">")
	xml.EscapeText(w, []byte(text))
	w.WriteString("</" + name + ">")
}
