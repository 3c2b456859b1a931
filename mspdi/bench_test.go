package mspdi

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"testing"
	"time"
)

// synthetic writes an MSPDI document of n tasks shaped like MS Project's
// own output: a header, a Standard calendar with holidays written both
// ways (DayType 0 week days and Exceptions), a night-shift and a resource
// calendar, summary tasks every tenth row, about two links per task of all
// four types with lags, constraints, resources, assignments with
// timephased data, custom fields, and the dozens of elements per task
// Read skips.
func synthetic(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 2200)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
	<SaveVersion>14</SaveVersion>
	<BuildNumber>16.0.10730.20102</BuildNumber>
	<Name>synthetic.xml</Name>
	<Title>Synthetic benchmark plan</Title>
	<StartDate>2027-01-04T08:00:00</StartDate>
	<StatusDate>2027-03-01T17:00:00</StatusDate>
	<CriticalSlackLimit>0</CriticalSlackLimit>
	<CurrencyCode>GBP</CurrencyCode>
	<CalendarUID>1</CalendarUID>
	<MinutesPerDay>480</MinutesPerDay>
	<MinutesPerWeek>2400</MinutesPerWeek>
	<DaysPerMonth>20</DaysPerMonth>
	<Views><View><Name>&amp;Gantt Chart</Name></View></Views>
	<ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID><FieldName>Text1</FieldName><Alias>Site</Alias></ExtendedAttribute></ExtendedAttributes>
	<Calendars>
`)
	day := `<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>`
	b.WriteString("\t\t<Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>\n")
	for d := 1; d <= 7; d++ {
		if d == 1 || d == 7 {
			fmt.Fprintf(&b, "\t\t\t<WeekDay><DayType>%d</DayType><DayWorking>0</DayWorking></WeekDay>\n", d)
		} else {
			fmt.Fprintf(&b, "\t\t\t<WeekDay><DayType>%d</DayType><DayWorking>1</DayWorking>%s</WeekDay>\n", d, day)
		}
	}
	holidays := []string{"2027-01-01", "2027-04-02", "2027-04-05", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"}
	for _, h := range holidays {
		fmt.Fprintf(&b, "\t\t\t<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>%sT00:00:00</FromDate><ToDate>%sT23:59:00</ToDate></TimePeriod></WeekDay>\n", h, h)
	}
	b.WriteString("\t\t</WeekDays><Exceptions>\n")
	for _, h := range holidays {
		fmt.Fprintf(&b, "\t\t\t<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>%sT00:00:00</FromDate><ToDate>%sT23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences><Name>Holiday</Name><Type>1</Type><DayWorking>0</DayWorking></Exception>\n", h, h)
	}
	b.WriteString("\t\t\t<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2027-01-01T00:00:00</FromDate><ToDate>2036-01-01T23:59:00</ToDate></TimePeriod><Occurrences>10</Occurrences><Name>New Year</Name><Type>2</Type><Month>0</Month><MonthDay>1</MonthDay><DayWorking>0</DayWorking></Exception>\n")
	b.WriteString("\t\t</Exceptions></Calendar>\n")
	b.WriteString("\t\t<Calendar><UID>2</UID><Name>Night Shift</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>")
	for d := 1; d <= 7; d++ {
		fmt.Fprintf(&b, "<WeekDay><DayType>%d</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>00:00:00</FromTime><ToTime>03:00:00</ToTime></WorkingTime><WorkingTime><FromTime>23:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>", d)
	}
	b.WriteString("</WeekDays></Calendar>\n")
	for r := 1; r <= 50; r++ {
		fmt.Fprintf(&b, "\t\t<Calendar><UID>%d</UID><Name>Resource %d</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID></Calendar>\n", 100+r, r)
	}
	b.WriteString("\t</Calendars>\n\t<Tasks>\n")
	start := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
	task := func(uid, level int, outline string, summary bool, links string) {
		s := start.AddDate(0, 0, uid%200)
		f := s.Add(9 * time.Hour)
		dur := 8 * (1 + uid%5)
		ms := 0
		if uid%50 == 7 {
			ms, dur = 1, 0
		}
		sum := 0
		if summary {
			sum = 1
		}
		constraint := ""
		if uid%40 == 3 {
			constraint = fmt.Sprintf("<ConstraintType>4</ConstraintType><ConstraintDate>%s</ConstraintDate>", s.Format("2006-01-02T15:04:05"))
		} else {
			constraint = "<ConstraintType>0</ConstraintType>"
		}
		fmt.Fprintf(&b, `		<Task>
			<UID>%[1]d</UID>
			<GUID>%08X-DBD2-E811-AC3F-4CEDDE6E5B57</GUID>
			<ID>%[1]d</ID>
			<Name>Task %[1]d &amp; co</Name>
			<Active>1</Active>
			<Manual>0</Manual>
			<Type>%[2]d</Type>
			<IsNull>0</IsNull>
			<CreateDate>2018-10-18T14:37:00</CreateDate>
			<WBS>%[3]s</WBS>
			<OutlineNumber>%[3]s</OutlineNumber>
			<OutlineLevel>%[4]d</OutlineLevel>
			<Priority>500</Priority>
			<Start>%[5]s</Start>
			<Finish>%[6]s</Finish>
			<Duration>PT%[7]dH0M0S</Duration>
			<DurationFormat>%[8]d</DurationFormat>
			<Work>PT%[7]dH0M0S</Work>
			<EffortDriven>0</EffortDriven>
			<Estimated>0</Estimated>
			<Milestone>%[9]d</Milestone>
			<Summary>%[10]d</Summary>
			<Critical>%[11]d</Critical>
			<ExternalTask>0</ExternalTask>
			<EarlyStart>%[5]s</EarlyStart>
			<EarlyFinish>%[6]s</EarlyFinish>
			<LateStart>%[5]s</LateStart>
			<LateFinish>%[6]s</LateFinish>
			<FreeSlack>%[12]d</FreeSlack>
			<TotalSlack>%[12]d</TotalSlack>
			<FixedCost>0</FixedCost>
			<PercentComplete>0</PercentComplete>
			<Cost>%[13]d</Cost>
			<ActualDuration>PT0H0M0S</ActualDuration>
			<ActualWork>PT0H0M0S</ActualWork>
			<RemainingDuration>PT%[7]dH0M0S</RemainingDuration>
			%[14]s
			<LevelingDelay>0</LevelingDelay>
%[15]s%[16]s		</Task>
`, uid, uid%3, outline, level, s.Format("2006-01-02T15:04:05"), f.Format("2006-01-02T15:04:05"), dur,
			7+32*(uid%2), ms, sum, uid%2, (uid%7)*4800, uid*1000, constraint, links, extra(uid, s, f, dur))
	}
	uid := 0
	var prev []int
	for top := 1; uid < n; top++ {
		uid++
		summary := uid
		task(uid, 1, fmt.Sprint(top), true, "")
		for child := 1; child <= 9 && uid < n; child++ {
			uid++
			var links bytes.Buffer
			for k, p := range prev {
				if k >= 2 {
					break
				}
				typ := (uid + k) % 4
				lag := []int{0, 4800, -2400, 9600}[(uid+k)%4]
				format := []int{7, 7, 5, 8}[(uid+k)%4]
				fmt.Fprintf(&links, "\t\t\t<PredecessorLink><PredecessorUID>%d</PredecessorUID><Type>%d</Type><CrossProject>0</CrossProject><LinkLag>%d</LinkLag><LagFormat>%d</LagFormat></PredecessorLink>\n", p, typ, lag, format)
			}
			task(uid, 2, fmt.Sprintf("%d.%d", top, child), false, links.String())
			prev = append([]int{uid}, prev...)
			if len(prev) > 2 {
				prev = prev[:2]
			}
		}
		_ = summary
	}
	b.WriteString("\t</Tasks>\n\t<Resources>\n\t\t<Resource><UID>0</UID><ID>0</ID><Type>1</Type><IsNull>0</IsNull></Resource>\n")
	for r := 1; r <= 50; r++ {
		fmt.Fprintf(&b, "\t\t<Resource><UID>%d</UID><ID>%d</ID><Name>Engineer %d</Name><Type>1</Type><IsNull>0</IsNull><Initials>E</Initials><Group>Ops</Group><MaxUnits>1.00</MaxUnits><StandardRate>%d.50</StandardRate><StandardRateFormat>2</StandardRateFormat><OvertimeRate>0</OvertimeRate><OvertimeRateFormat>2</OvertimeRateFormat><CostPerUse>0</CostPerUse><CalendarUID>%d</CalendarUID></Resource>\n", r, r, r, 40+r, 100+r)
	}
	b.WriteString("\t</Resources>\n\t<Assignments>\n")
	for t := 1; t <= n; t++ {
		if t%10 == 1 {
			continue
		}
		fmt.Fprintf(&b, "\t\t<Assignment><UID>%d</UID><TaskUID>%d</TaskUID><ResourceUID>%d</ResourceUID><PercentWorkComplete>0</PercentWorkComplete><ActualCost>0</ActualCost><Cost>0</Cost><Finish>2027-01-04T17:00:00</Finish><Start>2027-01-04T08:00:00</Start><Units>1</Units><Work>PT8H0M0S</Work><WorkContour>0</WorkContour><TimephasedData><Type>1</Type><UID>%d</UID><Start>2027-01-04T08:00:00</Start><Finish>2027-01-04T17:00:00</Finish><Unit>2</Unit><Value>PT8H0M0S</Value></TimephasedData></Assignment>\n", t, t, 1+t%50, t)
	}
	b.WriteString("\t</Assignments>\n</Project>\n")
	return b.Bytes()
}

// extra writes a custom field on every third task and a baseline on
// every other one.
func extra(uid int, s, f time.Time, dur int) string {
	var b bytes.Buffer
	if uid%3 == 0 {
		fmt.Fprintf(&b, "\t\t\t<ExtendedAttribute><FieldID>188743731</FieldID><Value>Site %d</Value></ExtendedAttribute>\n", uid%9)
	}
	if uid%2 == 0 {
		fmt.Fprintf(&b, "\t\t\t<Baseline><Number>0</Number><Start>%s</Start><Finish>%s</Finish><Duration>PT%dH0M0S</Duration><Work>PT%dH0M0S</Work><Cost>%d</Cost></Baseline>\n",
			s.Format("2006-01-02T15:04:05"), f.Format("2006-01-02T15:04:05"), dur, dur, uid*1000)
	}
	return b.String()
}

// BenchmarkRead reads a synthetic 5,000-task document (about 10 MB) and
// reports the throughput and the time per file.
func BenchmarkRead(b *testing.B) {
	doc := synthetic(5000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/file")
}

// BenchmarkEncodingXML decodes the same document with encoding/xml into
// the small struct of the cross-check test, for comparison: the standard
// library's reflection decoder, reading far fewer fields and building no
// plan.
func BenchmarkEncodingXML(b *testing.B) {
	doc := synthetic(5000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var p xmlProject
		if err := xml.Unmarshal(doc, &p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/file")
}

func TestSynthetic(t *testing.T) {
	doc := synthetic(5000)
	f, err := Read(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plan
	if len(p.Tasks) != 5000 {
		t.Errorf("got %d tasks, want 5000", len(p.Tasks))
	}
	t.Logf("%d bytes, %d tasks, %d links, %d assignments, dropped %q", len(doc), len(p.Tasks), len(p.Dependencies), len(p.Assignments), f.Dropped)
}
