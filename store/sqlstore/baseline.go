package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

func (t *tx) SaveBaseline(ctx context.Context, projectID int64, number int, rows []domain.Baseline) error {
	if _, err := t.exec(ctx, "DELETE FROM baselines WHERE project_id = ? AND number = ?", projectID, number); err != nil {
		return fmt.Errorf("clear baseline %d: %w", number, err)
	}
	now := instant(time.Now())
	for _, b := range rows {
		if _, err := t.exec(ctx, `INSERT INTO baselines (project_id, number, task_id, start, finish, duration_minutes,
			work_minutes, cost, saved_at) VALUES (?,?,?,?,?,?,?,?,?)`,
			projectID, number, b.Task, wall(b.Start), wall(b.Finish), b.Duration, b.Work, b.Cost, now); err != nil {
			return fmt.Errorf("save baseline %d: %w", number, t.db.mapErr(err, "baseline", "task"))
		}
	}
	return nil
}

func (t *tx) Baselines(ctx context.Context, projectID int64) ([]domain.Baseline, error) {
	rows, err := t.query(ctx, `SELECT number, task_id, start, finish, duration_minutes, work_minutes, cost
		FROM baselines WHERE project_id = ? ORDER BY number, task_id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list baselines: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.Baseline, error) {
		var b domain.Baseline
		err := row.Scan(&b.Number, &b.Task, wallScan{&b.Start}, wallScan{&b.Finish}, &b.Duration, &b.Work, &b.Cost)
		return b, err
	})
}
