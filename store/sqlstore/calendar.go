package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// exceptionJSON is how an exception is kept in the calendars.exceptions column.
type exceptionJSON struct {
	Name    string   `json:"name,omitempty"`
	From    string   `json:"from"`
	To      string   `json:"to,omitempty"`
	Working [][2]int `json:"working,omitempty"`
}

func encodeWeek(w [7][]domain.Interval) string {
	var out [7]*[][2]int
	for d, ivs := range w {
		if ivs == nil {
			continue
		}
		pairs := make([][2]int, len(ivs))
		for i, iv := range ivs {
			pairs[i] = [2]int{iv.Start, iv.End}
		}
		out[d] = &pairs
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func decodeWeek(raw [7]*[][2]int) [7][]domain.Interval {
	var w [7][]domain.Interval
	for d, pairs := range raw {
		if pairs == nil {
			continue
		}
		w[d] = make([]domain.Interval, len(*pairs))
		for i, p := range *pairs {
			w[d][i] = domain.Interval{Start: p[0], End: p[1]}
		}
	}
	return w
}

func encodeExceptions(exs []domain.Exception) string {
	out := make([]exceptionJSON, len(exs))
	for i, ex := range exs {
		out[i] = exceptionJSON{Name: ex.Name, From: domain.FormatDate(ex.From), To: domain.FormatDate(ex.To)}
		for _, iv := range ex.Working {
			out[i].Working = append(out[i].Working, [2]int{iv.Start, iv.End})
		}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func decodeExceptions(raw []exceptionJSON) ([]domain.Exception, error) {
	out := make([]domain.Exception, len(raw))
	for i, ex := range raw {
		from, err := time.Parse(domain.DateLayout, ex.From)
		if err != nil {
			return nil, fmt.Errorf("exception date: %w", err)
		}
		out[i] = domain.Exception{Name: ex.Name, From: from}
		if ex.To != "" {
			if out[i].To, err = time.Parse(domain.DateLayout, ex.To); err != nil {
				return nil, fmt.Errorf("exception date: %w", err)
			}
		}
		for _, p := range ex.Working {
			out[i].Working = append(out[i].Working, domain.Interval{Start: p[0], End: p[1]})
		}
	}
	return out, nil
}

func (t *tx) CreateCalendar(ctx context.Context, c *domain.Calendar) error {
	c.Version = 1
	id, err := t.insert(ctx, "calendar", "name", `INSERT INTO calendars (project_id, name, base_id, week, exceptions, version)
		VALUES (?,?,?,?,?,?)`, c.ProjectID, c.Name, nullID(c.BaseID), encodeWeek(c.Week), encodeExceptions(c.Exceptions), c.Version)
	c.ID = id
	return err
}

func (t *tx) Calendars(ctx context.Context, projectID int64) ([]domain.Calendar, error) {
	rows, err := t.query(ctx, `SELECT id, project_id, name, base_id, week, exceptions, version
		FROM calendars WHERE project_id = ? ORDER BY id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.Calendar, error) {
		var c domain.Calendar
		var week [7]*[][2]int
		var exs []exceptionJSON
		if err := row.Scan(&c.ID, &c.ProjectID, &c.Name, idScan{&c.BaseID}, jsonScan{&week}, jsonScan{&exs}, &c.Version); err != nil {
			return c, err
		}
		c.Week = decodeWeek(week)
		var err error
		c.Exceptions, err = decodeExceptions(exs)
		return c, err
	})
}

func (t *tx) UpdateCalendar(ctx context.Context, c *domain.Calendar) error {
	err := t.versioned(ctx, "calendar", "calendars", c.ProjectID, c.ID, c.Version, `UPDATE calendars SET name = ?, base_id = ?, week = ?,
		exceptions = ?, version = version + 1 WHERE id = ? AND project_id = ? AND version = ?`,
		c.Name, nullID(c.BaseID), encodeWeek(c.Week), encodeExceptions(c.Exceptions), c.ID, c.ProjectID, c.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "calendars", c.ID, &c.Version)
}
