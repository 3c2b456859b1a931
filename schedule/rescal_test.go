package schedule_test

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Calendars for the resource-calendar cases: the project works 08:00–12:00
// and 13:00–17:00 on weekdays.
func everyDay(name string, id int64, from, to int) domain.Calendar {
	c := domain.Calendar{ID: id, Name: name}
	for d := range c.Week {
		c.Week[d] = []domain.Interval{{Start: from * 60, End: to * 60}}
	}
	return c
}

func weekends(id int64) domain.Calendar {
	c := domain.Calendar{ID: id, Name: "Weekends"}
	c.Week[time.Saturday] = []domain.Interval{{Start: 8 * 60, End: 16 * 60}}
	c.Week[time.Sunday] = []domain.Interval{{Start: 8 * 60, End: 16 * 60}}
	return c
}

func TestResourceCalendars(t *testing.T) {
	const (
		office = 1
		night  = 2 // 22:00–06:00 is two spans; 00:00–06:00 keeps the case simple
		allDay = 3
		wkends = 4
	)
	calendars := []domain.Calendar{
		{ID: office, Name: "Office", Week: domain.StandardWeek()},
		everyDay("Early shift", night, 0, 6),
		everyDay("24 hours", allDay, 0, 24),
		weekends(wkends),
	}
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02T15:04", s)
		if err != nil {
			panic(err)
		}
		return v
	}
	type asg struct {
		cal            int64
		units          float64
		work, overtime string
	}
	tests := []struct {
		name          string
		dur           string
		taskCal       int64
		asgs          []asg
		start, finish string
	}{
		{"office hours, as the project", "2d", 0, []asg{{office, 1, "", ""}},
			"2027-01-04T08:00", "2027-01-05T17:00"},
		{"early shift: works its own hours", "12h", 0, []asg{{night, 1, "", ""}},
			"2027-01-05T00:00", "2027-01-06T06:00"},
		{"two people, two calendars: earliest start, latest finish", "1d", 0,
			[]asg{{office, 1, "", ""}, {night, 1, "", ""}},
			"2027-01-04T08:00", "2027-01-06T02:00"},
		{"work over units sets each assignment's length", "1d", 0, []asg{{night, 0.5, "6h", ""}},
			"2027-01-05T00:00", "2027-01-06T06:00"},
		{"overtime does not lengthen the assignment", "1d", 0, []asg{{night, 1, "9h", "3h"}},
			"2027-01-05T00:00", "2027-01-05T06:00"},
		{"24-hour task worked by office staff: both calendars", "12h", allDay, []asg{{office, 1, "", ""}},
			"2027-01-04T08:00", "2027-01-05T12:00"},
		{"weekend task, office staff: no common time, the task's calendar wins", "1d", wkends, []asg{{office, 1, "", ""}},
			"2027-01-09T08:00", "2027-01-09T16:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newPlan()
			b.p.Calendars = calendars
			b.p.Project.CalendarID = office
			id := b.task("Cut-over", tt.dur, func(t *domain.Task) { t.CalendarID = tt.taskCal })
			after := b.task("Hand-over", "1d")
			b.link(id, after, domain.FS, "0")
			for k, a := range tt.asgs {
				r := domain.Resource{ID: int64(k + 1), Name: "R", Kind: domain.Work, MaxUnits: 1, CalendarID: a.cal}
				b.p.Resources = append(b.p.Resources, r)
				as := domain.Assignment{ID: int64(k + 1), Task: id, Resource: r.ID, Units: a.units}
				if a.work != "" {
					as.Work = mustDur(t, a.work)
				}
				if a.overtime != "" {
					as.OvertimeWork = mustDur(t, a.overtime)
				}
				b.p.Assignments = append(b.p.Assignments, as)
			}
			res, err := schedule.Compute(&b.p, schedule.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Tasks[0]
			if !got.Start.Equal(at(tt.start)) || !got.Finish.Equal(at(tt.finish)) {
				t.Errorf("scheduled %s – %s, want %s – %s", got.Start.Format("2006-01-02T15:04"), got.Finish.Format("2006-01-02T15:04"), tt.start, tt.finish)
			}
			// The successor follows on the project calendar from the
			// task's finish.
			if next := res.Tasks[1]; next.Start.Before(got.Finish) {
				t.Errorf("successor starts %s, before its predecessor finishes %s", next.Start, got.Finish)
			}
		})
	}
}

func mustDur(t *testing.T, s string) int64 {
	t.Helper()
	d, err := domain.ParseDuration(s, domain.DefaultUnits)
	if err != nil {
		t.Fatal(err)
	}
	return d.Minutes
}
