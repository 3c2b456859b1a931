package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// ProjectEvents lists a project's milestones, on their scheduled dates,
// and its tasks' deadlines, as all-day events: a milestone or deadline is
// a day in the plan, the same day wherever the reader is. now is the
// feed's DTSTAMP.
func ProjectEvents(p *domain.Plan, res *schedule.Result, now time.Time) []Event {
	var out []Event
	byID := tasksByID(p)
	for _, st := range res.Tasks {
		t := byID[st.ID]
		if t == nil {
			continue
		}
		if st.Milestone && !st.Summary {
			out = append(out, allDay(p, t, "milestone", "Milestone: "+t.Name, "Milestone", st.Finish, st.Finish, now))
		}
		if !t.Deadline.IsZero() {
			e := allDay(p, t, "deadline", "Deadline: "+t.Name, "Deadline", t.Deadline, t.Deadline, now)
			e.Description += "\nScheduled to finish " + domain.FormatDateTime(st.Finish)
			out = append(out, e)
		}
	}
	return out
}

// AssignedEvents lists the tasks of a project assigned to a resource
// whose e-mail is email. A task that starts and finishes on one day is a
// timed event in the project's time zone, so the hours show (a cut-over
// from 20:00 to 24:00); a longer one is an all-day event over its days,
// which calendars show as a bar instead of a block of busy time.
func AssignedEvents(p *domain.Plan, res *schedule.Result, email string, now time.Time) []Event {
	email = domain.NormalizeEmail(email)
	mine := map[int64]bool{}
	for _, r := range p.Resources {
		if email != "" && domain.NormalizeEmail(r.Email) == email {
			mine[r.ID] = true
		}
	}
	assigned := map[int64]bool{}
	for _, a := range p.Assignments {
		if mine[a.Resource] {
			assigned[a.Task] = true
		}
	}
	loc := location(p.Project.TimeZone)
	byID := tasksByID(p)
	var out []Event
	for _, st := range res.Tasks {
		t := byID[st.ID]
		if t == nil || !assigned[st.ID] || st.Summary {
			continue
		}
		summary := t.Name
		if st.PercentComplete == 100 {
			summary += " (done)"
		}
		e := allDay(p, t, "task", summary, "Task", st.Start, st.Finish, now)
		if !st.Milestone && st.Finish.After(st.Start) && sameDay(st.Start, st.Finish) {
			e.AllDay, e.Start, e.End, e.Zone = false, st.Start, st.Finish, loc
		}
		out = append(out, describe(e, st))
	}
	return out
}

func describe(e Event, st schedule.Task) Event {
	e.Description += fmt.Sprintf("\n%d%% complete", st.PercentComplete)
	if st.Critical {
		e.Description += ", on the critical path"
		e.Categories = append(e.Categories, "Critical")
	}
	return e
}

// allDay is an all-day event for task t over the days from first to
// last. A last time of midnight ends the day before: the task finished
// as that day began.
func allDay(p *domain.Plan, t *domain.Task, kind, summary, category string, first, last time.Time, now time.Time) Event {
	startDay := day(first)
	endDay := day(last)
	if last.After(first) && last.Equal(endDay) {
		endDay = endDay.AddDate(0, 0, -1)
	}
	if endDay.Before(startDay) {
		endDay = startDay
	}
	key := t.Key(p.Project.Key)
	return Event{
		UID:         uid(p.Project, t, kind),
		Summary:     summary,
		Description: key + " · " + p.Project.Name,
		Categories:  []string{category, p.Project.Key},
		AllDay:      true,
		Start:       startDay,
		End:         endDay.AddDate(0, 0, 1),
		Stamp:       now,
		Modified:    t.UpdatedAt,
	}
}

// uid names an event for good: the project key, the task's UID and the
// kind of event, and the project's creation time (when it has one: a plan
// file's has not), which tells apart two installations' projects that
// share a key, and survives a backup and restore.
func uid(p domain.Project, t *domain.Task, kind string) string {
	s := strings.ToLower(p.Key) + "-" + strconv.FormatInt(t.UID, 10) + "-" + kind
	if !p.CreatedAt.IsZero() {
		s += "-" + strconv.FormatInt(p.CreatedAt.Unix(), 36)
	}
	return s + "@cairn"
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func sameDay(a, b time.Time) bool {
	b = b.Add(-time.Nanosecond) // a finish at midnight ends the day before
	return day(a).Equal(day(b))
}

func tasksByID(p *domain.Plan) map[int64]*domain.Task {
	m := make(map[int64]*domain.Task, len(p.Tasks))
	for i := range p.Tasks {
		m[p.Tasks[i].ID] = &p.Tasks[i]
	}
	return m
}

// location is the project's time zone, UTC when it cannot be loaded.
func location(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ProjectCalendar is the feed of a project's milestones and deadlines.
func ProjectCalendar(p *domain.Plan, res *schedule.Result, prodID string, now time.Time) Calendar {
	return Calendar{Name: p.Project.Key + " · " + p.Project.Name + ": milestones and deadlines", ProdID: prodID,
		Events: ProjectEvents(p, res, now)}
}
