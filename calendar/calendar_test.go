package calendar_test

import (
	"errors"
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// at reads "2027-01-04T08:00" or "2027-01-04" as a wall-clock time.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func fmtTime(v time.Time) string { return v.Format("Mon 2006-01-02T15:04:05") }

// holiday is a one-day exception without working time.
func holiday(t testing.TB, date string) domain.Exception {
	return domain.Exception{Name: "Holiday", From: at(t, date)}
}

func workday(t testing.TB, date string, ivs ...domain.Interval) domain.Exception {
	return domain.Exception{Name: "Working day", From: at(t, date), Working: ivs}
}

func mustNew(t testing.TB, c domain.Calendar, bases ...domain.Calendar) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.New(c, bases...)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func standardWith(t testing.TB, ex ...domain.Exception) *calendar.Calendar {
	return mustNew(t, domain.Calendar{Name: "Standard", Week: domain.StandardWeek(), Exceptions: ex})
}

// 2027-01-04 is a Monday.
func TestAdd(t *testing.T) {
	std := calendar.Standard()
	wednesdayOff := standardWith(t, holiday(t, "2027-01-06"))
	saturdayOn := standardWith(t, workday(t, "2027-01-09", domain.Interval{Start: 480, End: 720}))
	shutdown := standardWith(t, domain.Exception{Name: "Shutdown", From: at(t, "2027-01-11"), To: at(t, "2027-01-24")})
	tests := []struct {
		name    string
		cal     *calendar.Calendar
		from    string
		minutes int64
		want    string
	}{
		{"five days from Monday morning", std, "2027-01-04T08:00", 2400, "2027-01-08T17:00"},
		{"one minute after Friday close", std, "2027-01-08T17:00", 1, "2027-01-11T08:01"},
		{"from the weekend", std, "2027-01-09T10:00", 60, "2027-01-11T09:00"},
		{"up to lunch", std, "2027-01-04T11:00", 60, "2027-01-04T12:00"},
		{"across lunch", std, "2027-01-04T11:30", 60, "2027-01-04T13:30"},
		{"zero", std, "2027-01-09T10:00:30", 0, "2027-01-09T10:00:30"},
		{"seconds are dropped", std, "2027-01-04T08:00:59", 1, "2027-01-04T08:01"},
		{"one day back from Monday morning", std, "2027-01-04T08:00", -480, "2027-01-01T08:00"},
		{"one hour back from Monday morning", std, "2027-01-04T08:00", -60, "2027-01-01T16:00"},
		{"back from the weekend", std, "2027-01-09T10:00", -1, "2027-01-08T16:59"},
		{"back to Monday morning", std, "2027-01-08T17:00", -2400, "2027-01-04T08:00"},
		{"back to after lunch", std, "2027-01-04T14:00", -60, "2027-01-04T13:00"},
		{"back across lunch", std, "2027-01-04T13:30", -60, "2027-01-04T11:30"},
		{"Wednesday holiday pushes five days", wednesdayOff, "2027-01-04T08:00", 2400, "2027-01-11T17:00"},
		{"Wednesday holiday, back", wednesdayOff, "2027-01-11T17:00", -2400, "2027-01-04T08:00"},
		{"into a working Saturday", saturdayOn, "2027-01-08T16:00", 120, "2027-01-09T09:00"},
		{"through a working Saturday", saturdayOn, "2027-01-08T17:00", 300, "2027-01-11T09:00"},
		{"back into a working Saturday", saturdayOn, "2027-01-11T08:00", -60, "2027-01-09T11:00"},
		{"over a two-week shutdown", shutdown, "2027-01-08T16:00", 120, "2027-01-25T09:00"},
		{"back over a two-week shutdown", shutdown, "2027-01-25T08:00", -60, "2027-01-08T16:00"},
		{"in 1900", std, "1899-12-29T16:00", 120, "1900-01-01T09:00"},
		{"a year of weeks in 1900", std, "1900-01-01T08:00", 52 * 2400, "1900-12-28T17:00"},
		{"in 2200", std, "2199-12-31T16:00", 2400, "2200-01-07T16:00"},
		{"back across 1970", std, "1970-01-05T08:00", -2401, "1969-12-26T16:59"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.cal.Add(at(t, tc.from), tc.minutes)
			if want := at(t, tc.want); !got.Equal(want) {
				t.Errorf("Add(%s, %d) = %s, want %s", tc.from, tc.minutes, fmtTime(got), fmtTime(want))
			}
		})
	}
}

func TestEdges(t *testing.T) {
	std := calendar.Standard()
	tests := []struct {
		name         string
		t            string
		start, finis string
	}{
		{"weekend", "2027-01-08T17:00", "2027-01-11T08:00", "2027-01-08T17:00"},
		{"inside the weekend", "2027-01-10T12:00", "2027-01-11T08:00", "2027-01-08T17:00"},
		{"lunch", "2027-01-04T12:00", "2027-01-04T13:00", "2027-01-04T12:00"},
		{"night", "2027-01-05T03:00", "2027-01-05T08:00", "2027-01-04T17:00"},
		{"mid-interval", "2027-01-04T09:15", "2027-01-04T09:15", "2027-01-04T09:15"},
		{"first minute", "2027-01-04T08:00", "2027-01-04T08:00", "2027-01-01T17:00"},
		{"last minute", "2027-01-04T16:59", "2027-01-04T16:59", "2027-01-04T16:59"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ord := std.Ordinal(at(t, tc.t))
			if got, want := std.StartOf(ord), at(t, tc.start); !got.Equal(want) {
				t.Errorf("StartOf = %s, want %s", fmtTime(got), fmtTime(want))
			}
			if got, want := std.FinishOf(ord), at(t, tc.finis); !got.Equal(want) {
				t.Errorf("FinishOf = %s, want %s", fmtTime(got), fmtTime(want))
			}
		})
	}
}

func TestWorkBetween(t *testing.T) {
	cal := standardWith(t, holiday(t, "2027-01-13"), workday(t, "2027-01-16", domain.Interval{Start: 600, End: 660}))
	tests := []struct {
		name string
		a, b string
		want int64
	}{
		{"a working day", "2027-01-04T08:00", "2027-01-04T17:00", 480},
		{"weekend", "2027-01-08T12:00", "2027-01-11T12:00", 480},
		{"weekend only", "2027-01-08T17:00", "2027-01-11T08:00", 0},
		{"week with a holiday", "2027-01-11T00:00", "2027-01-15T23:59", 1920},
		{"weekend, holiday and working Saturday", "2027-01-08T13:00", "2027-01-18T12:00", 240 + 4*480 + 60 + 240},
		{"backwards", "2027-01-18T12:00", "2027-01-08T13:00", -(240 + 4*480 + 60 + 240)},
		{"same time", "2027-01-05T10:00", "2027-01-05T10:00", 0},
		{"seconds ignored", "2027-01-05T10:00:59", "2027-01-05T10:01:01", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cal.WorkBetween(at(t, tc.a), at(t, tc.b)); got != tc.want {
				t.Errorf("WorkBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestNextPrevIsWorking(t *testing.T) {
	cal := standardWith(t, holiday(t, "2027-01-06"))
	tests := []struct {
		t         string
		working   bool
		next, end string
	}{
		{"2027-01-04T08:00", true, "2027-01-04T08:00", "2027-01-04T08:00"},
		{"2027-01-04T07:59:59", false, "2027-01-04T08:00", "2027-01-01T17:00"},
		{"2027-01-04T10:30:15", true, "2027-01-04T10:30:15", "2027-01-04T10:30:15"},
		{"2027-01-04T11:59:59", true, "2027-01-04T11:59:59", "2027-01-04T11:59:59"},
		{"2027-01-04T12:00", false, "2027-01-04T13:00", "2027-01-04T12:00"},
		{"2027-01-04T12:30", false, "2027-01-04T13:00", "2027-01-04T12:00"},
		{"2027-01-05T17:00", false, "2027-01-07T08:00", "2027-01-05T17:00"},
		{"2027-01-06T10:00", false, "2027-01-07T08:00", "2027-01-05T17:00"},
		{"2027-01-09T10:00", false, "2027-01-11T08:00", "2027-01-08T17:00"},
	}
	for _, tc := range tests {
		t.Run(tc.t, func(t *testing.T) {
			v := at(t, tc.t)
			if got := cal.IsWorking(v); got != tc.working {
				t.Errorf("IsWorking = %v, want %v", got, tc.working)
			}
			if got, want := cal.NextWorking(v), at(t, tc.next); !got.Equal(want) {
				t.Errorf("NextWorking = %s, want %s", fmtTime(got), fmtTime(want))
			}
			if got, want := cal.PrevWorkingEnd(v), at(t, tc.end); !got.Equal(want) {
				t.Errorf("PrevWorkingEnd = %s, want %s", fmtTime(got), fmtTime(want))
			}
		})
	}
}

func TestInheritance(t *testing.T) {
	morning := []domain.Interval{{Start: 480, End: 720}}
	long := []domain.Interval{{Start: 420, End: 1140}}
	company := domain.Calendar{ID: 1, Name: "Company", Week: domain.StandardWeek(), Exceptions: []domain.Exception{
		holiday(t, "2027-01-06"), // Wednesday: inherited
		holiday(t, "2027-01-08"), // Friday: overridden below
		{Name: "Stocktake", From: at(t, "2027-01-16"), Working: morning}, // Saturday: inherited
	}}
	var team domain.Calendar
	team.ID, team.Name, team.BaseID = 2, "Team", 1
	team.Week[time.Friday] = morning // short Fridays; other days inherit
	team.Exceptions = []domain.Exception{{Name: "Release", From: at(t, "2027-01-08"), Working: long}}
	var nights domain.Calendar // a third level: works Sundays, inherits the rest
	nights.ID, nights.BaseID = 3, 2
	nights.Week[time.Sunday] = []domain.Interval{{Start: 1200, End: 1440}}
	nights.Week[time.Monday] = []domain.Interval{}

	cal := mustNew(t, team, company, nights)
	deep := mustNew(t, nights, team, company)
	tests := []struct {
		cal  *calendar.Calendar
		day  string
		want int64
	}{
		{cal, "2027-01-04", 480}, // Monday from the base week
		{cal, "2027-01-06", 0},   // base holiday
		{cal, "2027-01-08", 720}, // own exception beats the base holiday
		{cal, "2027-01-15", 240}, // own Friday
		{cal, "2027-01-16", 240}, // base working Saturday
		{cal, "2027-01-17", 0},
		{deep, "2027-01-03", 240}, // own Sunday
		{deep, "2027-01-04", 0},   // own non-working Monday
		{deep, "2027-01-05", 480}, // Tuesday from two levels up
		{deep, "2027-01-06", 0},   // holiday from two levels up
		{deep, "2027-01-08", 720}, // the middle calendar's exception
		{deep, "2027-01-15", 240}, // the middle calendar's Friday
	}
	for _, tc := range tests {
		if got := tc.cal.WorkingMinutesOn(at(t, tc.day)); got != tc.want {
			t.Errorf("WorkingMinutesOn(%s) = %d, want %d", tc.day, got, tc.want)
		}
	}
	if got, want := cal.MinutesPerWeek(), int64(4*480+240); got != want {
		t.Errorf("MinutesPerWeek = %d, want %d", got, want)
	}
	if got, want := deep.MinutesPerWeek(), int64(240+3*480+240); got != want {
		t.Errorf("deep MinutesPerWeek = %d, want %d", got, want)
	}
	// Thursday 16:00 + 3h: an hour on Thursday, then Friday's early start.
	if got, want := cal.Add(at(t, "2027-01-07T16:00"), 180), at(t, "2027-01-08T09:00"); !got.Equal(want) {
		t.Errorf("Add = %s, want %s", fmtTime(got), fmtTime(want))
	}
}

func TestTwentyFourHours(t *testing.T) {
	var c domain.Calendar
	for d := range c.Week {
		c.Week[d] = []domain.Interval{{Start: 0, End: 1440}}
	}
	c.Exceptions = []domain.Exception{{From: at(t, "2027-01-06"), Working: []domain.Interval{{Start: 0, End: 720}}}}
	cal := mustNew(t, c)
	if got := cal.MinutesPerWeek(); got != 7*1440 {
		t.Errorf("MinutesPerWeek = %d", got)
	}
	ord := cal.Ordinal(at(t, "2027-01-05"))
	if got, want := cal.FinishOf(ord), at(t, "2027-01-05"); !got.Equal(want) {
		t.Errorf("FinishOf(midnight) = %s, want %s", fmtTime(got), fmtTime(want))
	}
	if got, want := cal.Add(at(t, "2027-01-04T23:00"), 120), at(t, "2027-01-05T01:00"); !got.Equal(want) {
		t.Errorf("Add over midnight = %s, want %s", fmtTime(got), fmtTime(want))
	}
	if got, want := cal.Add(at(t, "2027-01-06T11:00"), 120), at(t, "2027-01-07T01:00"); !got.Equal(want) {
		t.Errorf("Add over a short day = %s, want %s", fmtTime(got), fmtTime(want))
	}
	if got, want := cal.PrevWorkingEnd(at(t, "2027-01-06T15:00")), at(t, "2027-01-06T12:00"); !got.Equal(want) {
		t.Errorf("PrevWorkingEnd = %s, want %s", fmtTime(got), fmtTime(want))
	}
}

// A week with working time on Tuesday only, and an exception adding a
// Sunday, is as good as any other.
func TestSparseWeek(t *testing.T) {
	var c domain.Calendar
	c.Week[time.Tuesday] = []domain.Interval{{Start: 600, End: 660}}
	c.Exceptions = []domain.Exception{
		{From: at(t, "2027-01-10"), Working: []domain.Interval{{Start: 0, End: 30}}}, // a Sunday
		{From: at(t, "2027-01-12"), To: at(t, "2027-01-26")},                         // three Tuesdays off
	}
	cal := mustNew(t, c)
	tests := []struct {
		from    string
		minutes int64
		want    string
	}{
		{"2027-01-04T00:00", 60, "2027-01-05T11:00"},
		{"2027-01-04T00:00", 61, "2027-01-10T00:01"},
		{"2027-01-04T00:00", 90, "2027-01-10T00:30"},
		{"2027-01-04T00:00", 91, "2027-02-02T10:01"},
		{"2027-02-02T10:00", -1, "2027-01-10T00:29"},
		{"2027-02-02T10:00", -31, "2027-01-05T10:59"},
	}
	for _, tc := range tests {
		if got, want := cal.Add(at(t, tc.from), tc.minutes), at(t, tc.want); !got.Equal(want) {
			t.Errorf("Add(%s, %d) = %s, want %s", tc.from, tc.minutes, fmtTime(got), fmtTime(want))
		}
	}
}

// Times outside UTC are read by their own clock, as domain.Wall does.
func TestZoneIgnored(t *testing.T) {
	zone := time.FixedZone("UTC+5", 5*3600)
	std := calendar.Standard()
	got := std.Add(time.Date(2027, 1, 4, 8, 0, 0, 0, zone), 60)
	if want := at(t, "2027-01-04T09:00"); !got.Equal(want) {
		t.Errorf("Add = %s, want %s", fmtTime(got), fmtTime(want))
	}
}

func TestNewErrors(t *testing.T) {
	week := domain.StandardWeek()
	day := at(t, "2027-01-04")
	tests := []struct {
		name  string
		cal   domain.Calendar
		bases []domain.Calendar
		code  string
	}{
		{"empty week", domain.Calendar{Name: "Off"}, nil, "no_working_time"},
		{"only exceptions", domain.Calendar{Name: "Off", Exceptions: []domain.Exception{
			{From: day, Working: []domain.Interval{{Start: 480, End: 1020}}}}}, nil, "no_working_time"},
		{"inherits nothing", domain.Calendar{Name: "Derived", BaseID: 1, Week: [7][]domain.Interval{{}, {}, {}, {}, {}, {}, {}}},
			[]domain.Calendar{{ID: 1, Name: "Base", Week: week}}, "no_working_time"},
		{"missing base", domain.Calendar{Name: "Derived", BaseID: 9}, nil, "unknown_base_calendar"},
		{"missing grandparent", domain.Calendar{Name: "Derived", BaseID: 1},
			[]domain.Calendar{{ID: 1, Name: "Base", BaseID: 2, Week: week}}, "unknown_base_calendar"},
		{"cycle", domain.Calendar{ID: 1, Name: "A", BaseID: 2},
			[]domain.Calendar{{ID: 2, Name: "B", BaseID: 3}, {ID: 3, Name: "C", BaseID: 1}}, "base_calendar_cycle"},
		{"self", domain.Calendar{ID: 1, Name: "A", BaseID: 1}, []domain.Calendar{{ID: 1, Name: "A", BaseID: 1}}, "base_calendar_cycle"},
		{"bad interval", domain.Calendar{Week: [7][]domain.Interval{{{Start: 600, End: 1500}}}}, nil, "invalid_interval"},
		{"bad base interval", domain.Calendar{Name: "Derived", BaseID: 1},
			[]domain.Calendar{{ID: 1, Week: [7][]domain.Interval{{{Start: 600, End: 500}}}}}, "invalid_interval"},
		{"exception ends first", domain.Calendar{Week: week, Exceptions: []domain.Exception{
			{From: day, To: day.AddDate(0, 0, -1)}}}, nil, "invalid_range"},
		{"exception without date", domain.Calendar{Week: week, Exceptions: []domain.Exception{{}}}, nil, "required"},
		{"overlapping exceptions", domain.Calendar{Week: week, Exceptions: []domain.Exception{
			{Name: "Christmas", From: day, To: day.AddDate(0, 0, 3)}, {Name: "Boxing Day", From: day.AddDate(0, 0, 3)}}}, nil, "overlapping_exceptions"},
		{"thousands of years", domain.Calendar{Week: week, Exceptions: []domain.Exception{
			{From: day, To: day.AddDate(7000, 0, 0)}}}, nil, "too_many_exception_days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := calendar.New(tc.cal, tc.bases...)
			var e *domain.Error
			if !errors.As(err, &e) {
				t.Fatalf("New() error = %v, want a *domain.Error", err)
			}
			if e.Kind != domain.KindInvalid || e.Code != tc.code {
				t.Errorf("New() error kind %s code %s, want invalid %s (%v)", e.Kind, e.Code, tc.code, err)
			}
			t.Log(err)
		})
	}
}

// New must not keep the caller's slices: the Calendar is immutable.
func TestNewCopies(t *testing.T) {
	c := domain.Calendar{Name: "Standard", Week: domain.StandardWeek(),
		Exceptions: []domain.Exception{workday(t, "2027-01-09", domain.Interval{Start: 480, End: 720})}}
	cal := mustNew(t, c)
	c.Week[time.Monday][0].End = 500
	c.Exceptions[0].Working[0].End = 500
	if got := cal.WorkingMinutesOn(at(t, "2027-01-04")); got != 480 {
		t.Errorf("Monday = %d after the caller changed its week, want 480", got)
	}
	if got := cal.WorkingMinutesOn(at(t, "2027-01-09")); got != 240 {
		t.Errorf("Saturday = %d after the caller changed its exception, want 240", got)
	}
}

func TestEqual(t *testing.T) {
	week := func(hours ...int) domain.Calendar {
		c := domain.Calendar{ID: 1, Name: "c"}
		for d := time.Monday; d <= time.Friday; d++ {
			for k := 0; k+1 < len(hours); k += 2 {
				c.Week[d] = append(c.Week[d], domain.Interval{Start: hours[k] * 60, End: hours[k+1] * 60})
			}
		}
		return c
	}
	a, b, night := week(8, 12, 13, 17), week(8, 12, 13, 17), week(0, 8)
	b.Name = "another name"
	holiday := week(8, 12, 13, 17)
	holiday.Exceptions = []domain.Exception{{From: time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)}}
	compile := func(c domain.Calendar) *calendar.Calendar {
		t.Helper()
		cal, err := calendar.New(c)
		if err != nil {
			t.Fatal(err)
		}
		return cal
	}
	tests := []struct {
		name string
		x, y domain.Calendar
		want bool
	}{
		{"same hours, other name", a, b, true},
		{"other hours", a, night, false},
		{"a holiday", a, holiday, false},
		{"same holiday", holiday, holiday, true},
	}
	for _, tt := range tests {
		if got := compile(tt.x).Equal(compile(tt.y)); got != tt.want {
			t.Errorf("%s: Equal = %v, want %v", tt.name, got, tt.want)
		}
	}
}
