package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

const reportColumns = `id, project_id, period_start, period_end, baseline, status, drafted, content, overrides,
	created_by, created_at, published_by, published_at, version`

func scanReport(row interface{ Scan(...any) error }) (domain.StatusReport, error) {
	var r domain.StatusReport
	var from, to, overrides, published string
	err := row.Scan(&r.ID, &r.ProjectID, &from, &to, &r.Baseline, &r.Status, &r.Drafted, &r.Content, &overrides,
		&r.CreatedBy, instantScan{&r.CreatedAt}, &r.PublishedBy, &published, &r.Version)
	if err != nil {
		return r, err
	}
	if r.PeriodStart, err = time.Parse(domain.DateLayout, from); err != nil {
		return r, fmt.Errorf("report period start: %w", err)
	}
	if r.PeriodEnd, err = time.Parse(domain.DateLayout, to); err != nil {
		return r, fmt.Errorf("report period end: %w", err)
	}
	if published != "" {
		if r.PublishedAt, err = time.Parse(time.RFC3339Nano, published); err != nil {
			return r, fmt.Errorf("report published at: %w", err)
		}
	}
	if err := json.Unmarshal([]byte(overrides), &r.Overrides); err != nil {
		return r, fmt.Errorf("report overrides: %w", err)
	}
	return r, nil
}

// reportArgs are the stored forms of the columns a write sets.
func reportArgs(r *domain.StatusReport) (overrides, published string, err error) {
	b, err := json.Marshal(r.Overrides)
	if r.Overrides == nil {
		b = []byte("[]")
	}
	if !r.PublishedAt.IsZero() {
		published = instant(r.PublishedAt)
	}
	return string(b), published, err
}

func (t *tx) CreateReport(ctx context.Context, r *domain.StatusReport) error {
	overrides, published, err := reportArgs(r)
	if err != nil {
		return fmt.Errorf("report overrides: %w", err)
	}
	r.Version = 1
	id, err := t.insert(ctx, "report", "", `INSERT INTO status_reports (project_id, period_start, period_end, baseline, status,
		drafted, content, overrides, created_by, created_at, published_by, published_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ProjectID, domain.FormatDate(r.PeriodStart), domain.FormatDate(r.PeriodEnd), r.Baseline, string(r.Status),
		r.Drafted, r.Content, overrides, r.CreatedBy, instant(r.CreatedAt), r.PublishedBy, published, r.Version)
	r.ID = id
	return err
}

func (t *tx) Report(ctx context.Context, projectID, id int64) (domain.StatusReport, error) {
	r, err := scanReport(t.queryRow(ctx, "SELECT "+reportColumns+" FROM status_reports WHERE id = ? AND project_id = ?"+t.lock(), id, projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("report_not_found", "report %d does not exist in this project", id)
	}
	if err != nil {
		return r, fmt.Errorf("read report: %w", err)
	}
	return r, nil
}

func (t *tx) Reports(ctx context.Context, projectID int64) ([]domain.StatusReport, error) {
	rows, err := t.query(ctx, "SELECT "+reportColumns+" FROM status_reports WHERE project_id = ? ORDER BY id DESC", projectID)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return collect(rows, scanReport)
}

func (t *tx) UpdateReport(ctx context.Context, r *domain.StatusReport) error {
	overrides, published, err := reportArgs(r)
	if err != nil {
		return fmt.Errorf("report overrides: %w", err)
	}
	if err := t.versioned(ctx, "report", "status_reports", r.ProjectID, r.ID, r.Version, `UPDATE status_reports SET
		status = ?, content = ?, overrides = ?, published_by = ?, published_at = ?, version = version + 1
		WHERE id = ? AND project_id = ? AND version = ?`,
		string(r.Status), r.Content, overrides, r.PublishedBy, published, r.ID, r.ProjectID, r.Version); err != nil {
		return err
	}
	r.Version++
	return nil
}
