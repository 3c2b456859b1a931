package app

import (
	"context"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// ProjectCalendar returns the project's own calendar: the one its tasks
// and resources follow unless they have their own.
func (a *App) ProjectCalendar(ctx context.Context, key string) (p domain.Project, c domain.Calendar, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		if p, err = tx.Project(ctx, key); err != nil {
			return err
		}
		c, err = calendarOf(ctx, tx, p)
		return err
	})
	return p, c, err
}

func calendarOf(ctx context.Context, tx store.Tx, p domain.Project) (domain.Calendar, error) {
	cals, err := tx.Calendars(ctx, p.ID)
	if err != nil {
		return domain.Calendar{}, err
	}
	for _, c := range cals {
		if c.ID == p.CalendarID {
			return c, nil
		}
	}
	return domain.Calendar{}, domain.NotFound("calendar_not_found", "project %s has no calendar", p.Key)
}

// UpdateProjectCalendar applies edit to the project's calendar (its
// working week and its holidays and other exceptions) and saves it;
// every date of the plan moves with it. version is the calendar's
// version the caller last saw (0: do not check).
func (a *App) UpdateProjectCalendar(ctx context.Context, key string, version int64, edit func(*domain.Calendar) error) (domain.Calendar, error) {
	var c domain.Calendar
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if c, err = calendarOf(ctx, tx, p); err != nil {
			return err
		}
		if err := checkVersion("calendar", c.ID, version, c.Version); err != nil {
			return err
		}
		before := calendarFields(c)
		if err := edit(&c); err != nil {
			return err
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := tx.UpdateCalendar(ctx, &c); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "calendar", c.ID, "update", domain.Diff(before, calendarFields(c)))
	})
	return c, err
}

// calendarFields lists a calendar's auditable fields as text.
func calendarFields(c domain.Calendar) [][2]string {
	out := [][2]string{{"name", c.Name}}
	for d := time.Sunday; d <= time.Saturday; d++ {
		out = append(out, [2]string{strings.ToLower(d.String()), domain.FormatIntervals(c.Week[d])})
	}
	var exs []string
	for _, ex := range c.Exceptions {
		s := domain.FormatDate(ex.From)
		if !ex.To.IsZero() && !ex.To.Equal(ex.From) {
			s += " to " + domain.FormatDate(ex.To)
		}
		if ex.Name != "" {
			s += " " + ex.Name
		}
		if len(ex.Working) > 0 {
			s += " (" + domain.FormatIntervals(ex.Working) + ")"
		}
		exs = append(exs, s)
	}
	return append(out, [2]string{"exceptions", strings.Join(exs, "; ")})
}
