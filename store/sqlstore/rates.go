package sqlstore

import (
	"context"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

func (t *tx) SetRateChanges(ctx context.Context, projectID, resourceID int64, changes []domain.RateChange) error {
	if _, err := t.exec(ctx, "DELETE FROM rate_changes WHERE project_id = ? AND resource_id = ?", projectID, resourceID); err != nil {
		return fmt.Errorf("clear rate changes: %w", err)
	}
	for _, c := range changes {
		if _, err := t.exec(ctx, `INSERT INTO rate_changes (project_id, resource_id, rates_from, standard_rate, overtime_rate,
			cost_per_use) VALUES (?,?,?,?,?,?)`, projectID, resourceID, wall(c.From), c.StandardRate, c.OvertimeRate, c.CostPerUse); err != nil {
			return fmt.Errorf("save rate change: %w", t.db.mapErr(err, "rate change", "resource"))
		}
	}
	return nil
}

func (t *tx) RateChanges(ctx context.Context, projectID int64) ([]domain.RateChange, error) {
	rows, err := t.query(ctx, `SELECT resource_id, rates_from, standard_rate, overtime_rate, cost_per_use
		FROM rate_changes WHERE project_id = ? ORDER BY resource_id, rates_from`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list rate changes: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.RateChange, error) {
		var c domain.RateChange
		err := row.Scan(&c.Resource, wallScan{&c.From}, &c.StandardRate, &c.OvertimeRate, &c.CostPerUse)
		return c, err
	})
}
