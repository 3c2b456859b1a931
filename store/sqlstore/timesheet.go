package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// timeSelect reads a timesheet entry with its user's and reviewer's
// emails.
const timeSelect = `SELECT e.id, e.project_id, e.task_id, e.user_id, u.email, e.day, e.minutes, e.note, e.status,
	e.reviewer_id, COALESCE(r.email, ''), e.review_comment, e.reviewed_at, e.version, e.created_at, e.updated_at
	FROM time_entries e JOIN users u ON u.id = e.user_id LEFT JOIN users r ON r.id = e.reviewer_id`

func scanTimeEntry(row interface{ Scan(...any) error }) (domain.TimeEntry, error) {
	var e domain.TimeEntry
	err := row.Scan(&e.ID, &e.ProjectID, &e.Task, &e.User, &e.Email, dayScan{&e.Date}, &e.Minutes, &e.Note, &e.Status,
		idScan{&e.Reviewer}, &e.ReviewerEmail, &e.ReviewComment, nullInstantScan{&e.ReviewedAt}, &e.Version,
		instantScan{&e.CreatedAt}, instantScan{&e.UpdatedAt})
	return e, err
}

func (t *tx) CreateTimeEntry(ctx context.Context, e *domain.TimeEntry) error {
	now := time.Now().UTC()
	e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
	id, err := t.insert(ctx, "timesheet entry", "date", `INSERT INTO time_entries (project_id, task_id, user_id, day, minutes,
		note, status, reviewer_id, review_comment, reviewed_at, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.ProjectID, e.Task, e.User, day(e.Date), e.Minutes, e.Note, e.Status, nullID(e.Reviewer), e.ReviewComment,
		nullStamp(e.ReviewedAt), e.Version, instant(now), instant(now))
	e.ID = id
	if domain.ErrorKind(err) == domain.KindConflict {
		return domain.Conflict("already_logged", "date", "time is already logged on this task on %s; change that entry instead", domain.FormatDate(e.Date))
	}
	return err
}

func (t *tx) TimeEntry(ctx context.Context, projectID, id int64) (domain.TimeEntry, error) {
	e, err := scanTimeEntry(t.queryRow(ctx, timeSelect+" WHERE e.project_id = ? AND e.id = ?"+t.lockOf("e"), projectID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("time_entry_not_found", "timesheet entry %d does not exist in this project", id)
	}
	if err != nil {
		return e, fmt.Errorf("read timesheet entry %d: %w", id, err)
	}
	return e, nil
}

func (t *tx) TimeEntries(ctx context.Context, f store.TimeFilter) ([]domain.TimeEntry, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.ProjectID != 0 {
		add("e.project_id = ?", f.ProjectID)
	}
	if f.User != 0 {
		add("e.user_id = ?", f.User)
	}
	if !f.From.IsZero() {
		add("e.day >= ?", day(f.From))
	}
	if !f.To.IsZero() {
		add("e.day < ?", day(f.To))
	}
	if f.Status != "" {
		add("e.status = ?", string(f.Status))
	}
	q := timeSelect
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := t.query(ctx, q+" ORDER BY e.day, e.id", args...)
	if err != nil {
		return nil, fmt.Errorf("list timesheet entries: %w", err)
	}
	return collect(rows, scanTimeEntry)
}

func (t *tx) UpdateTimeEntry(ctx context.Context, e *domain.TimeEntry) error {
	now := time.Now().UTC()
	err := t.versioned(ctx, "timesheet entry", "time_entries", e.ProjectID, e.ID, e.Version, `UPDATE time_entries SET task_id = ?,
		day = ?, minutes = ?, note = ?, status = ?, reviewer_id = ?, review_comment = ?, reviewed_at = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND project_id = ? AND version = ?`,
		e.Task, day(e.Date), e.Minutes, e.Note, e.Status, nullID(e.Reviewer), e.ReviewComment, nullStamp(e.ReviewedAt),
		instant(now), e.ID, e.ProjectID, e.Version)
	if domain.ErrorKind(err) == domain.KindConflict {
		return domain.Conflict("already_logged", "date", "time is already logged on this task on %s; change that entry instead", domain.FormatDate(e.Date))
	}
	if err != nil {
		return err
	}
	e.UpdatedAt = now
	return t.bump(ctx, "time_entries", e.ID, &e.Version)
}

func (t *tx) DeleteTimeEntry(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "timesheet entry", "time_entries", projectID, id, version,
		"DELETE FROM time_entries WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

// day encodes a date as YYYY-MM-DD, which sorts as text in date order.
func day(t time.Time) string { return t.Format(domain.DateLayout) }

// dayScan reads a YYYY-MM-DD column.
type dayScan struct{ t *time.Time }

func (d dayScan) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("day: unexpected %T", src)
	}
	t, err := time.Parse(domain.DateLayout, s)
	if err != nil {
		return fmt.Errorf("day %q: %w", s, err)
	}
	*d.t = t
	return nil
}
