package mspdi

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Write writes p as MS Project XML, the inverse of Read: project settings,
// calendars with their weeks and exceptions, the task tree in WBS order
// with durations, work, constraints, deadlines, progress, manual dates,
// task calendars, notes and links of every type and lag, baselines,
// resources with rates and calendars, and assignments with units, work and
// overtime. Each task keeps its UID, so a plan that came from MS Project
// goes back with the same UIDs; tasks without one get fresh UIDs above the
// largest.
//
// When res is not nil, each task also carries the computed schedule —
// Start, Finish, the early and late dates, TotalSlack, FreeSlack and
// Critical — which MS Project recomputes on opening but other readers
// show as they are.
//
// The file says it was saved by Project 2016 or later (SaveVersion 14,
// BuildNumber 16), whose scheduling rules Cairn follows by default, so
// reading it back schedules the same.
func Write(w io.Writer, p *domain.Plan, res *schedule.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	x := &writer{w: bw, p: p, dec: domain.CurrencyDecimals(p.Project.Currency)}
	x.uids()
	x.header()
	x.calendars()
	x.tasks(res)
	x.resources()
	x.assignments()
	bw.WriteString("</Project>\n")
	return bw.Flush()
}

// writer holds what the parts of a document share.
type writer struct {
	w   *bufio.Writer
	p   *domain.Plan
	dec int             // decimals of the project currency
	uid map[int64]int64 // task ID → UID written
}

// uids assigns each task its UID: its own when it has one that no earlier
// task took, otherwise a fresh one above the largest.
func (x *writer) uids() {
	x.uid = make(map[int64]int64, len(x.p.Tasks))
	var top int64
	for _, t := range x.p.Tasks {
		top = max(top, t.UID)
	}
	taken := make(map[int64]bool, len(x.p.Tasks))
	for _, t := range x.p.Tasks {
		u := t.UID
		if u <= 0 || taken[u] {
			top++
			u = top
		}
		taken[u] = true
		x.uid[t.ID] = u
	}
}

func (x *writer) header() {
	w, pr := x.w, &x.p.Project
	u := pr.Units.OrDefault()
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.WriteString(`<Project xmlns="http://schemas.microsoft.com/project">` + "\n")
	w.WriteString("<SaveVersion>14</SaveVersion>\n<BuildNumber>16.0.0.0</BuildNumber>\n")
	x.element("Name", pr.Name)
	x.element("Title", pr.Name)
	if pr.Manager != "" {
		x.element("Manager", pr.Manager)
	}
	w.WriteString("<ScheduleFromStart>1</ScheduleFromStart>\n")
	x.element("StartDate", dateTime(pr.Start))
	if !pr.StatusDate.IsZero() {
		x.element("StatusDate", dateTime(pr.StatusDate))
	}
	if pr.CalendarID != 0 {
		x.element("CalendarUID", strconv.FormatInt(pr.CalendarID, 10))
	}
	fmt.Fprintf(w, "<MinutesPerDay>%d</MinutesPerDay>\n<MinutesPerWeek>%d</MinutesPerWeek>\n<DaysPerMonth>%d</DaysPerMonth>\n",
		u.MinutesPerDay, u.MinutesPerWeek, u.DaysPerMonth)
	if pr.Currency != "" {
		x.element("CurrencyCode", pr.Currency)
		fmt.Fprintf(w, "<CurrencyDigits>%d</CurrencyDigits>\n", x.dec)
	}
}

// calendars writes every calendar: nil weekdays inherit and are left out;
// exceptions are written as Project 2007+ does, in Exceptions.
func (x *writer) calendars() {
	w := x.w
	w.WriteString("<Calendars>\n")
	for i := range x.p.Calendars {
		c := &x.p.Calendars[i]
		base := int64(-1)
		if c.BaseID != 0 {
			base = c.BaseID
		}
		fmt.Fprintf(w, "<Calendar><UID>%d</UID>", c.ID)
		x.element("Name", c.Name)
		fmt.Fprintf(w, "<IsBaseCalendar>%s</IsBaseCalendar><BaseCalendarUID>%d</BaseCalendarUID>\n<WeekDays>\n", flag(c.BaseID == 0), base)
		for wd, ivs := range c.Week {
			if ivs == nil {
				continue
			}
			fmt.Fprintf(w, "<WeekDay><DayType>%d</DayType><DayWorking>%s</DayWorking>", wd+1, flag(len(ivs) > 0))
			x.workingTimes(ivs)
			w.WriteString("</WeekDay>\n")
		}
		w.WriteString("</WeekDays>\n")
		if len(c.Exceptions) > 0 {
			w.WriteString("<Exceptions>\n")
			for _, ex := range c.Exceptions {
				to := ex.To
				if to.IsZero() {
					to = ex.From
				}
				fmt.Fprintf(w, "<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>%sT00:00:00</FromDate><ToDate>%sT23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences>",
					domain.FormatDate(ex.From), domain.FormatDate(to))
				x.element("Name", ex.Name)
				fmt.Fprintf(w, "<Type>1</Type><DayWorking>%s</DayWorking>", flag(len(ex.Working) > 0))
				x.workingTimes(ex.Working)
				w.WriteString("</Exception>\n")
			}
			w.WriteString("</Exceptions>\n")
		}
		w.WriteString("</Calendar>\n")
	}
	w.WriteString("</Calendars>\n")
}

// workingTimes writes a day's intervals; midnight as an end is 00:00:00,
// as MS Project writes it.
func (x *writer) workingTimes(ivs []domain.Interval) {
	if len(ivs) == 0 {
		return
	}
	x.w.WriteString("<WorkingTimes>")
	for _, iv := range ivs {
		fmt.Fprintf(x.w, "<WorkingTime><FromTime>%s</FromTime><ToTime>%s</ToTime></WorkingTime>", clock(iv.Start), clock(iv.End%1440))
	}
	x.w.WriteString("</WorkingTimes>")
}

// tasks writes the project summary (UID 0) and every task in WBS order,
// each with its links and baselines.
func (x *writer) tasks(res *schedule.Result) {
	w, p := x.w, x.p
	ids, outline := p.WBSOrder()
	idx := p.TaskIndex()
	summary := p.Summaries()
	preds := make(map[int64][]*domain.Dependency, len(p.Tasks))
	for i := range p.Dependencies {
		d := &p.Dependencies[i]
		preds[d.Successor] = append(preds[d.Successor], d)
	}
	baselines := make(map[int64][]*domain.Baseline)
	for i := range p.Baselines {
		b := &p.Baselines[i]
		baselines[b.Task] = append(baselines[b.Task], b)
	}
	computed := map[int64]*schedule.Task{}
	if res != nil {
		for i := range res.Tasks {
			computed[res.Tasks[i].ID] = &res.Tasks[i]
		}
	}
	w.WriteString("<Tasks>\n<Task><UID>0</UID><ID>0</ID>")
	x.element("Name", p.Project.Name)
	w.WriteString("<OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel><Summary>1</Summary>")
	if res != nil {
		fmt.Fprintf(w, "<Start>%s</Start><Finish>%s</Finish>", dateTime(res.Start), dateTime(res.Finish))
	}
	w.WriteString("</Task>\n")
	for row, id := range ids {
		t := &p.Tasks[idx[id]]
		x.task(t, row+1, outline[id], summary[id], computed[id])
		for _, l := range preds[id] {
			x.link(l)
		}
		for _, b := range baselines[id] {
			fmt.Fprintf(w, "<Baseline><Number>%d</Number>", b.Number)
			if !b.Start.IsZero() {
				fmt.Fprintf(w, "<Start>%s</Start><Finish>%s</Finish>", dateTime(b.Start), dateTime(b.Finish))
			}
			fmt.Fprintf(w, "<Duration>%s</Duration><Work>%s</Work><Cost>%d</Cost></Baseline>",
				duration(b.Duration), duration(b.Work), x.hundredths(b.Cost))
		}
		w.WriteString("</Task>\n")
	}
	w.WriteString("</Tasks>\n")
}

// constraintTypes are MSPDI's ConstraintType codes.
var constraintTypes = map[domain.ConstraintType]int{
	domain.ASAP: 0, domain.ALAP: 1, domain.MSO: 2, domain.MFO: 3,
	domain.SNET: 4, domain.SNLT: 5, domain.FNET: 6, domain.FNLT: 7,
}

// task writes one task's fields, leaving the element open for its links.
func (x *writer) task(t *domain.Task, row int, num string, summary bool, c *schedule.Task) {
	w := x.w
	fmt.Fprintf(w, "<Task><UID>%d</UID><ID>%d</ID>", x.uid[t.ID], row)
	x.element("Name", t.Name)
	manual := t.Mode == domain.Manual
	fmt.Fprintf(w, "<Manual>%s</Manual><OutlineNumber>%s</OutlineNumber><OutlineLevel>%d</OutlineLevel><Priority>%d</Priority>",
		flag(manual), num, strings.Count(num, ".")+1, t.Priority)
	d := t.Duration
	if summary || t.Kind == domain.KindMilestone {
		d = domain.Duration{}
	}
	if c != nil {
		fmt.Fprintf(w, "<Start>%s</Start><Finish>%s</Finish>", dateTime(c.Start), dateTime(c.Finish))
	}
	fmt.Fprintf(w, "<Duration>%s</Duration><DurationFormat>%d</DurationFormat>", duration(d.Minutes), durationFormat(d.Elapsed))
	if t.Work > 0 && !summary {
		fmt.Fprintf(w, "<Work>%s</Work>", duration(t.Work))
	}
	if manual && !t.Start.IsZero() && !t.Finish.IsZero() {
		fmt.Fprintf(w, "<ManualStart>%s</ManualStart><ManualFinish>%s</ManualFinish><ManualDuration>%s</ManualDuration>",
			dateTime(t.Start), dateTime(t.Finish), duration(d.Minutes))
	}
	fmt.Fprintf(w, "<Milestone>%s</Milestone><Summary>%s</Summary>", flag(t.Kind == domain.KindMilestone), flag(summary))
	if c != nil {
		fmt.Fprintf(w, "<Critical>%s</Critical><EarlyStart>%s</EarlyStart><EarlyFinish>%s</EarlyFinish><LateStart>%s</LateStart><LateFinish>%s</LateFinish><TotalSlack>%d</TotalSlack><FreeSlack>%d</FreeSlack>",
			flag(c.Critical), dateTime(c.EarlyStart), dateTime(c.EarlyFinish), dateTime(c.LateStart), dateTime(c.LateFinish),
			c.TotalFloat*10, c.FreeFloat*10)
	}
	fmt.Fprintf(w, "<ConstraintType>%d</ConstraintType>", constraintTypes[t.Constraint])
	if !t.ConstraintDate.IsZero() && t.Constraint != domain.ASAP && t.Constraint != domain.ALAP {
		x.element("ConstraintDate", dateTime(t.ConstraintDate))
	}
	if !t.Deadline.IsZero() {
		x.element("Deadline", dateTime(t.Deadline))
	}
	if t.FixedCost != 0 || t.FixedCostAccrual.Or() != domain.AccrueProrated {
		fmt.Fprintf(w, "<FixedCost>%d</FixedCost><FixedCostAccrual>%d</FixedCostAccrual>", x.hundredths(t.FixedCost), accrualCodes[t.FixedCostAccrual.Or()])
	}
	fmt.Fprintf(w, "<PercentComplete>%d</PercentComplete>", t.PercentComplete)
	if !t.ActualStart.IsZero() {
		x.element("ActualStart", dateTime(t.ActualStart))
	}
	if !t.ActualFinish.IsZero() {
		x.element("ActualFinish", dateTime(t.ActualFinish))
	}
	cal := t.CalendarID
	if cal == 0 {
		cal = -1
	}
	fmt.Fprintf(w, "<CalendarUID>%d</CalendarUID>", cal)
	if t.Notes != "" {
		x.element("Notes", t.Notes)
	}
}

// accrualCodes are MSPDI's AccrueAt and FixedCostAccrual codes.
var accrualCodes = map[domain.Accrual]int{domain.AccrueStart: 1, domain.AccrueEnd: 2, domain.AccrueProrated: 3}

// linkTypes are MSPDI's PredecessorLink Type codes.
var linkTypes = map[domain.DependencyType]int{domain.FF: 0, domain.FS: 1, domain.SF: 2, domain.SS: 3}

// link writes a PredecessorLink. LinkLag is tenths of a minute, or a
// plain percent with LagFormat 19 (see the package documentation).
func (x *writer) link(d *domain.Dependency) {
	lag, format := d.Lag.Minutes*10, durationFormat(d.Lag.Elapsed)
	if d.Lag.IsPercent {
		lag, format = d.Lag.Percent, 19
	}
	fmt.Fprintf(x.w, "<PredecessorLink><PredecessorUID>%d</PredecessorUID><Type>%d</Type><CrossProject>0</CrossProject><LinkLag>%d</LinkLag><LagFormat>%d</LagFormat></PredecessorLink>",
		x.uid[d.Predecessor], linkTypes[d.Type], lag, format)
}

// resourceTypes are MSPDI's Resource Type codes.
var resourceTypes = map[domain.ResourceKind]int{domain.Material: 0, domain.Work: 1, domain.Cost: 2}

func (x *writer) resources() {
	if len(x.p.Resources) == 0 {
		return
	}
	w := x.w
	changes := map[int64][]domain.RateChange{}
	for _, c := range x.p.RateChanges {
		changes[c.Resource] = append(changes[c.Resource], c)
	}
	w.WriteString("<Resources>\n")
	for i, r := range x.p.Resources {
		fmt.Fprintf(w, "<Resource><UID>%d</UID><ID>%d</ID>", r.ID, i+1)
		x.element("Name", r.Name)
		fmt.Fprintf(w, "<Type>%d</Type><IsNull>0</IsNull>", resourceTypes[r.Kind])
		if r.Kind == domain.Cost {
			w.WriteString("<IsCostResource>1</IsCostResource>")
		}
		if r.Email != "" {
			x.element("EmailAddress", r.Email)
		}
		if r.Group != "" {
			x.element("Group", r.Group)
		}
		x.element("MaxUnits", strconv.FormatFloat(r.MaxUnits, 'f', -1, 64))
		fmt.Fprintf(w, "<AccrueAt>%d</AccrueAt>", accrualCodes[r.Accrual.Or()])
		fmt.Fprintf(w, "<StandardRate>%s</StandardRate><StandardRateFormat>2</StandardRateFormat><OvertimeRate>%s</OvertimeRate><OvertimeRateFormat>2</OvertimeRateFormat><CostPerUse>%d</CostPerUse>",
			x.units(r.StandardRate), x.units(r.OvertimeRate), x.hundredths(r.CostPerUse))
		if r.CalendarID != 0 {
			fmt.Fprintf(w, "<CalendarUID>%d</CalendarUID>", r.CalendarID)
		}
		x.availability(r.Availability)
		x.rates(&r, changes[r.ID])
		w.WriteString("</Resource>\n")
	}
	w.WriteString("</Resources>\n")
}

// rates writes a resource's cost rate table A when its rates change over
// time: a first row from MS Project's earliest date with the resource's
// own rates, then a row per change, each running to a minute before the
// next.
func (x *writer) rates(r *domain.Resource, changes []domain.RateChange) {
	if len(changes) == 0 {
		return
	}
	slices.SortStableFunc(changes, func(a, b domain.RateChange) int { return a.From.Compare(b.From) })
	w := x.w
	w.WriteString("<Rates>")
	row := func(from, to time.Time, std, ot, cpu int64) {
		fmt.Fprintf(w, "<Rate><RatesFrom>%s</RatesFrom><RatesTo>%s</RatesTo><RateTable>0</RateTable><StandardRate>%s</StandardRate><StandardRateFormat>2</StandardRateFormat><OvertimeRate>%s</OvertimeRate><OvertimeRateFormat>2</OvertimeRateFormat><CostPerUse>%d</CostPerUse></Rate>",
			dateTime(from), dateTime(to), x.units(std), x.units(ot), x.hundredths(cpu))
	}
	row(rateTableStart, changes[0].From.Add(-time.Minute), r.StandardRate, r.OvertimeRate, r.CostPerUse)
	for i, c := range changes {
		to := rateTableEnd
		if i+1 < len(changes) {
			to = changes[i+1].From.Add(-time.Minute)
		}
		row(c.From, to, c.StandardRate, c.OvertimeRate, c.CostPerUse)
	}
	w.WriteString("</Rates>")
}

// The first and last dates of MS Project's rate tables.
var (
	rateTableStart = time.Date(1984, 1, 1, 0, 0, 0, 0, time.UTC)
	rateTableEnd   = time.Date(2049, 12, 31, 23, 59, 0, 0, time.UTC)
)

// availability writes a resource's availability periods; MS Project's
// AvailableTo is the period's last minute.
func (x *writer) availability(periods []domain.Availability) {
	if len(periods) == 0 {
		return
	}
	x.w.WriteString("<AvailabilityPeriods>")
	for _, a := range periods {
		fmt.Fprintf(x.w, "<AvailabilityPeriod><AvailableFrom>%s</AvailableFrom>", dateTime(a.From))
		if !a.To.IsZero() {
			fmt.Fprintf(x.w, "<AvailableTo>%s</AvailableTo>", dateTime(a.To.Add(-time.Minute)))
		}
		fmt.Fprintf(x.w, "<AvailableUnits>%s</AvailableUnits></AvailabilityPeriod>", strconv.FormatFloat(a.Units, 'f', -1, 64))
	}
	x.w.WriteString("</AvailabilityPeriods>")
}

func (x *writer) assignments() {
	if len(x.p.Assignments) == 0 {
		return
	}
	w := x.w
	w.WriteString("<Assignments>\n")
	for i, a := range x.p.Assignments {
		fmt.Fprintf(w, "<Assignment><UID>%d</UID><TaskUID>%d</TaskUID><ResourceUID>%d</ResourceUID><Units>%s</Units>",
			i+1, x.uid[a.Task], a.Resource, strconv.FormatFloat(a.Units, 'f', -1, 64))
		if a.Work > 0 {
			fmt.Fprintf(w, "<Work>%s</Work>", duration(a.Work))
		}
		if a.OvertimeWork > 0 {
			fmt.Fprintf(w, "<OvertimeWork>%s</OvertimeWork>", duration(a.OvertimeWork))
		}
		if c := domain.ContourCode(a.Contour); c != 0 {
			fmt.Fprintf(w, "<WorkContour>%d</WorkContour>", c)
		}
		if a.Cost != 0 {
			fmt.Fprintf(w, "<Cost>%d</Cost>", x.hundredths(a.Cost))
		}
		w.WriteString("</Assignment>\n")
	}
	w.WriteString("</Assignments>\n")
}

// hundredths converts minor units of the project currency to hundredths
// of the currency unit, as MSPDI stores costs (rounding half away from
// zero for currencies with more than two decimals).
func (x *writer) hundredths(minor int64) int64 {
	switch {
	case x.dec == 2:
		return minor
	case x.dec < 2:
		return minor * int64(math.Pow10(2-x.dec))
	}
	div := int64(math.Pow10(x.dec - 2))
	if minor < 0 {
		return -((-minor + div/2) / div)
	}
	return (minor + div/2) / div
}

// units writes minor units as a decimal number of currency units, exactly:
// 8550 minor units of EUR are "85.50".
func (x *writer) units(minor int64) string {
	if x.dec == 0 {
		return strconv.FormatInt(minor, 10)
	}
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	div := int64(math.Pow10(x.dec))
	return fmt.Sprintf("%s%d.%0*d", sign, minor/div, x.dec, minor%div)
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
func (x *writer) element(name, text string) {
	x.w.WriteString("<" + name + ">")
	xml.EscapeText(x.w, []byte(text))
	x.w.WriteString("</" + name + ">")
}
