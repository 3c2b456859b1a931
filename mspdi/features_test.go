package mspdi

import (
	"slices"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
)

// features is a small plan that uses most of what Read maps and most of
// what it leaves behind.
const features = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
<SaveVersion>14</SaveVersion>
<Name>Data centre move.xml</Name>
<Manager>Ana</Manager>
<StartDate>2027-01-04T08:00:00</StartDate>
<StatusDate>2027-01-15T17:00:00</StatusDate>
<CurrentDate>2030-01-01T08:00:00</CurrentDate>
<CriticalSlackLimit>2</CriticalSlackLimit>
<MultipleCriticalPaths>1</MultipleCriticalPaths>
<CurrencyCode>EUR</CurrencyCode>
<CalendarUID>1</CalendarUID>
<MinutesPerDay>450</MinutesPerDay>
<MinutesPerWeek>2250</MinutesPerWeek>
<DaysPerMonth>21</DaysPerMonth>
<ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID><FieldName>Text1</FieldName></ExtendedAttribute></ExtendedAttributes>
<Calendars>
 <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>
  <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
  <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>15:30:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
  <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
 </WeekDays></Calendar>
 <Calendar><UID>2</UID><Name>Alice</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID></Calendar>
</Calendars>
<Tasks>
 <Task><UID>0</UID><Name>Data centre move</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary><Duration>PT90H0M0S</Duration><TotalSlack>0</TotalSlack><Critical>1</Critical></Task>
 <Task><UID>1</UID><Name>Plan</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary><Duration>PT45H0M0S</Duration><Work>PT45H0M0S</Work></Task>
 <Task><UID>2</UID><Name>Survey</Name><OutlineLevel>2</OutlineLevel><Duration>PT15H0M0S</Duration><Work>PT15H0M0S</Work><Priority>700</Priority>
  <ConstraintType>4</ConstraintType><ConstraintDate>2027-01-05T08:00:00</ConstraintDate><Deadline>2027-01-08T17:00:00</Deadline>
  <PercentComplete>50</PercentComplete><ActualStart>2027-01-05T08:00:00</ActualStart><CalendarUID>2</CalendarUID>
  <Notes><![CDATA[Racks & cabling]]></Notes><Type>2</Type><EffortDriven>1</EffortDriven><Cost>150050</Cost><FixedCost>10000</FixedCost>
  <ExtendedAttribute><FieldID>188743731</FieldID><Value>Hall B</Value></ExtendedAttribute>
  <Baseline><Number>0</Number><Start>2027-01-04T08:00:00</Start><Finish>2027-01-05T15:30:00</Finish><Duration>PT15H0M0S</Duration><Work>PT15H0M0S</Work><Cost>150000</Cost></Baseline>
  <Baseline><Number>1</Number><Duration>PT7H30M0S</Duration></Baseline>
  <EarlyStart>2027-01-05T08:00:00</EarlyStart><EarlyFinish>2027-01-06T15:30:00</EarlyFinish><LateStart>2027-01-06T08:00:00</LateStart><LateFinish>2027-01-07T15:30:00</LateFinish>
  <TotalSlack>4500</TotalSlack><FreeSlack>-4500</FreeSlack>
 </Task>
 <Task><UID>3</UID><Name>Design</Name><OutlineLevel>2</OutlineLevel><Manual>1</Manual><Start>2027-01-07T08:00:00</Start><Finish>2027-01-08T15:30:00</Finish><Duration>PT15H0M0S</Duration><DurationFormat>39</DurationFormat><Estimated>1</Estimated>
  <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type><LinkLag>4500</LinkLag><LagFormat>7</LagFormat></PredecessorLink>
  <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>3</Type><LinkLag>0</LinkLag></PredecessorLink>
  <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>
  <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type></PredecessorLink>
 </Task>
 <Task><UID>4</UID><Name>Old idea</Name><OutlineLevel>2</OutlineLevel><Active>0</Active><Duration>PT7H30M0S</Duration></Task>
 <Task><UID>5</UID><Name>Sub-step of the old idea</Name><OutlineLevel>3</OutlineLevel><Duration>PT7H30M0S</Duration>
  <PredecessorLink><PredecessorUID>4</PredecessorUID></PredecessorLink></Task>
 <Task><UID>6</UID><IsNull>1</IsNull><OutlineLevel>1</OutlineLevel></Task>
 <Task><UID>7</UID><Name>Move</Name><OutlineLevel>1</OutlineLevel><Duration>PT48H0M0S</Duration><DurationFormat>8</DurationFormat><ConstraintType>7</ConstraintType>
  <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>0</Type><LinkLag>-50</LinkLag><LagFormat>19</LagFormat></PredecessorLink>
  <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>2</Type><LinkLag>14400</LinkLag><LagFormat>8</LagFormat></PredecessorLink>
  <PredecessorLink><PredecessorUID>99</PredecessorUID><CrossProject>1</CrossProject></PredecessorLink>
  <PredecessorLink><PredecessorUID>4</PredecessorUID></PredecessorLink>
 </Task>
 <Task><UID>8</UID><Name>Go live</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT0H0M0S</Duration>
  <PredecessorLink><PredecessorUID>7</PredecessorUID><LinkLag>-4500</LinkLag></PredecessorLink></Task>
 <Task><UID>9</UID><Name>Sign-off</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT7H30M0S</Duration><CalendarUID>42</CalendarUID></Task>
 <Task><UID>10</UID><Name></Name><OutlineLevel>1</OutlineLevel><Duration>PT1H0M0S</Duration><LevelingDelay>4800</LevelingDelay><ActualFinish>2027-01-05T17:00:00</ActualFinish></Task>
</Tasks>
<Resources>
 <Resource><UID>0</UID><ID>0</ID></Resource>
 <Resource><UID>1</UID><Name>Alice</Name><Type>1</Type><MaxUnits>0.5</MaxUnits><StandardRate>62.505</StandardRate><OvertimeRate>80</OvertimeRate><CostPerUse>2500</CostPerUse><CalendarUID>2</CalendarUID><EmailAddress>alice@example.com</EmailAddress><Group>Ops</Group></Resource>
 <Resource><UID>2</UID><Name>Cable</Name><Type>0</Type><StandardRate>3</StandardRate></Resource>
 <Resource><UID>3</UID><Name>Travel</Name><Type>2</Type><IsCostResource>1</IsCostResource></Resource>
 <Resource><UID>4</UID><IsNull>1</IsNull></Resource>
</Resources>
<Assignments>
 <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID><Units>0.5</Units><Work>PT15H0M0S</Work><TimephasedData><Type>1</Type><Value>PT7H30M0S</Value></TimephasedData></Assignment>
 <Assignment><UID>2</UID><TaskUID>7</TaskUID><ResourceUID>2</ResourceUID><Units>40</Units></Assignment>
 <Assignment><UID>3</UID><TaskUID>8</TaskUID><ResourceUID>-65535</ResourceUID></Assignment>
 <Assignment><UID>4</UID><TaskUID>4</TaskUID><ResourceUID>1</ResourceUID></Assignment>
 <Assignment><UID>5</UID><TaskUID>7</TaskUID><ResourceUID>77</ResourceUID></Assignment>
</Assignments>
</Project>`

func TestFeatures(t *testing.T) {
	f, err := readString(features)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plan
	pr := p.Project
	if pr.Name != "Data centre move" || pr.Key != "DCM" || pr.Manager != "Ana" || pr.Currency != "EUR" || pr.CalendarID != 1 ||
		pr.Units != (domain.Units{MinutesPerDay: 450, MinutesPerWeek: 2250, DaysPerMonth: 21}) || !pr.StatusDate.Equal(day("2027-01-15T17:00:00")) {
		t.Errorf("project %+v", pr)
	}
	if f.CriticalSlackLimit != 900 || !f.MultipleCriticalPaths || f.SaveVersion != 14 || !f.StatusDate.Equal(pr.StatusDate) {
		t.Errorf("file: slack limit %d, multiple %v, version %d, status %v", f.CriticalSlackLimit, f.MultipleCriticalPaths, f.SaveVersion, f.StatusDate)
	}
	tasks := map[int64]domain.Task{}
	var order []int64
	for _, task := range p.Tasks {
		tasks[task.ID] = task
		order = append(order, task.ID)
	}
	// Inactive UID 4 and blank UID 6 are skipped; UID 5 moves up to Plan.
	if want := []int64{1, 2, 3, 5, 7, 8, 9, 10}; !slices.Equal(order, want) {
		t.Fatalf("tasks %v, want %v", order, want)
	}
	for id, parent := range map[int64]int64{1: 0, 2: 1, 3: 1, 5: 1, 7: 0, 8: 0} {
		if tasks[id].Parent != parent {
			t.Errorf("task %d: parent %d, want %d", id, tasks[id].Parent, parent)
		}
	}
	if tasks[5].Position != 2 || tasks[7].Position != 1 || tasks[10].Position != 4 {
		t.Errorf("positions %d %d %d", tasks[5].Position, tasks[7].Position, tasks[10].Position)
	}
	survey := tasks[2]
	if survey.Duration != (domain.Duration{Minutes: 900}) || survey.Work != 900 || survey.Priority != 700 ||
		survey.Constraint != domain.SNET || !survey.ConstraintDate.Equal(day("2027-01-05T08:00:00")) ||
		!survey.Deadline.Equal(day("2027-01-08T17:00:00")) || survey.PercentComplete != 50 ||
		!survey.ActualStart.Equal(day("2027-01-05T08:00:00")) || survey.CalendarID != 2 || survey.Notes != "Racks & cabling" || survey.Mode != domain.Auto {
		t.Errorf("Survey %+v", survey)
	}
	if s := tasks[1]; s.Duration.Minutes != 0 || s.Work != 0 {
		t.Errorf("summary keeps %v, %d", s.Duration, s.Work)
	}
	design := tasks[3]
	if design.Mode != domain.Manual || !design.Start.Equal(day("2027-01-07T08:00:00")) || !design.Finish.Equal(day("2027-01-08T15:30:00")) || design.Duration.Minutes != 900 {
		t.Errorf("Design %+v", design)
	}
	if move := tasks[7]; move.Duration != (domain.Duration{Minutes: 48 * 60, Elapsed: true}) || move.Constraint != domain.ASAP {
		t.Errorf("Move %+v", move)
	}
	if tasks[8].Kind != domain.KindMilestone || tasks[9].Kind != domain.KindTask || tasks[9].Duration.Minutes != 450 || tasks[9].CalendarID != 0 {
		t.Errorf("milestones %+v %+v", tasks[8], tasks[9])
	}
	if u := tasks[10]; u.Name != "Task 10" || !u.ActualFinish.IsZero() {
		t.Errorf("unnamed %+v", u)
	}
	type link struct {
		pred, succ int64
		typ        domain.DependencyType
		lag        domain.Lag
	}
	var links []link
	for i, d := range p.Dependencies {
		if d.ID != int64(i+1) {
			t.Errorf("dependency %d has ID %d", i, d.ID)
		}
		links = append(links, link{d.Predecessor, d.Successor, d.Type, d.Lag})
	}
	wantLinks := []link{
		{2, 3, domain.FS, domain.Lag{Minutes: 450}},
		{3, 7, domain.FF, domain.Lag{Percent: -50, IsPercent: true}},
		{2, 7, domain.SF, domain.Lag{Minutes: 1440, Elapsed: true}},
		{7, 8, domain.FS, domain.Lag{Minutes: -450}},
	}
	if len(links) != len(wantLinks) {
		t.Fatalf("links %+v", links)
	}
	for i := range links {
		if links[i] != wantLinks[i] {
			t.Errorf("link %d: %+v, want %+v", i, links[i], wantLinks[i])
		}
	}
	ref := f.Reference[2]
	if ref.TotalSlack != 450 || ref.FreeSlack != -450 || !ref.HasEarlyLate || !ref.LateFinish.Equal(day("2027-01-07T15:30:00")) || ref.Duration != 900 {
		t.Errorf("reference %+v", ref)
	}
	if r0 := f.Reference[0]; !r0.Summary || !r0.Critical || r0.Duration != 90*60 {
		t.Errorf("project summary %+v", r0)
	}
	if _, ok := f.Reference[4]; ok {
		t.Error("skipped task has reference values")
	}
	bl := f.Baselines[2]
	if len(bl) != 2 || bl[0].Cost != 150000 || bl[0].Work != 900 || !bl[0].Finish.Equal(day("2027-01-05T15:30:00")) || bl[1].Number != 1 || bl[1].Duration != 450 {
		t.Errorf("baselines %+v", bl)
	}
	x := f.Extra[2]
	if x.Type != 2 || !x.EffortDriven || x.Cost != 150050 || x.FixedCost != 10000 || !x.Active || x.DurationFormat != 7 || x.Work != 900 {
		t.Errorf("extra %+v", x)
	}
	if x := f.Extra[3]; !x.Estimated || x.DurationFormat != 39 {
		t.Errorf("extra %+v", x)
	}
	res := map[int64]domain.Resource{}
	for _, r := range p.Resources {
		res[r.ID] = r
	}
	alice := res[1]
	if len(res) != 3 || alice.Kind != domain.Work || alice.MaxUnits != 0.5 || alice.StandardRate != 6251 || alice.OvertimeRate != 8000 ||
		alice.CostPerUse != 2500 || alice.CalendarID != 2 || alice.Email != "alice@example.com" || alice.Group != "Ops" {
		t.Errorf("resources %+v", res)
	}
	if res[2].Kind != domain.Material || res[2].StandardRate != 300 || res[3].Kind != domain.Cost {
		t.Errorf("material and cost %+v %+v", res[2], res[3])
	}
	if len(p.Assignments) != 2 || p.Assignments[0] != (domain.Assignment{ID: 1, ProjectID: 1, Task: 2, Resource: 1, Units: 0.5, Work: 900}) ||
		p.Assignments[1].Units != 40 || p.Assignments[1].Task != 7 {
		t.Errorf("assignments %+v", p.Assignments)
	}
	want := []string{
		"1 task is inactive and was skipped",
		"1 blank task row was skipped",
		"1 constraint without a date was read as ASAP",
		"1 reference to an unknown calendar was dropped (the project calendar applies)",
		"1 task flagged as a milestone has a duration; it was kept as a task so that its dates do not change",
		"1 task had no name and was named after its UID",
		"1 actual finish on a task not 100% complete was ignored",
		"leveling delay on 1 task",
		"custom field Text1 on 1 task",
		"1 duplicate link was dropped",
		"1 link between a summary task and its own subtask was dropped",
		"1 link from a task to itself was dropped",
		"2 links to skipped or unknown tasks were dropped",
		"1 link to a task in another project was dropped",
		"1 blank resource row was skipped",
		"timephased data (work and cost per period) on 1 assignment",
		"1 placeholder assignment without a resource was skipped",
		"1 assignment to a skipped or unknown task was skipped",
		"1 assignment of an unknown resource was skipped",
	}
	if got := strings.Join(f.Dropped, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("Dropped:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
