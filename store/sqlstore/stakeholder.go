package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

const stakeholderColumns = `id, project_id, name, organisation, role, power, interest, email, user_id, notes,
	version, created_at, updated_at`

func scanStakeholder(row interface{ Scan(...any) error }) (domain.Stakeholder, error) {
	var s domain.Stakeholder
	err := row.Scan(&s.ID, &s.ProjectID, &s.Name, &s.Organisation, &s.Role, &s.Power, &s.Interest, &s.Email,
		idScan{&s.UserID}, &s.Notes, &s.Version, instantScan{&s.CreatedAt}, instantScan{&s.UpdatedAt})
	return s, err
}

func (t *tx) CreateStakeholder(ctx context.Context, s *domain.Stakeholder) error {
	s.Version = 1
	if s.UpdatedAt.IsZero() {
		s.UpdatedAt = s.CreatedAt
	}
	id, err := t.insert(ctx, "stakeholder", "", `INSERT INTO stakeholders (project_id, name, organisation, role, power, interest,
		email, user_id, notes, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		s.ProjectID, s.Name, s.Organisation, string(s.Role), s.Power, s.Interest, s.Email, nullID(s.UserID), s.Notes,
		s.Version, instant(s.CreatedAt), instant(s.UpdatedAt))
	s.ID = id
	return err
}

func (t *tx) Stakeholder(ctx context.Context, projectID, id int64) (domain.Stakeholder, error) {
	s, err := scanStakeholder(t.queryRow(ctx, "SELECT "+stakeholderColumns+" FROM stakeholders WHERE id = ? AND project_id = ?"+t.lock(), id, projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return s, domain.NotFound("stakeholder_not_found", "stakeholder %d does not exist in this project", id)
	}
	if err != nil {
		return s, fmt.Errorf("read stakeholder: %w", err)
	}
	return s, nil
}

func (t *tx) Stakeholders(ctx context.Context, projectID int64) ([]domain.Stakeholder, error) {
	rows, err := t.query(ctx, "SELECT "+stakeholderColumns+" FROM stakeholders WHERE project_id = ? ORDER BY id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list stakeholders: %w", err)
	}
	return collect(rows, scanStakeholder)
}

func (t *tx) UpdateStakeholder(ctx context.Context, s *domain.Stakeholder) error {
	err := t.versioned(ctx, "stakeholder", "stakeholders", s.ProjectID, s.ID, s.Version, `UPDATE stakeholders SET name = ?,
		organisation = ?, role = ?, power = ?, interest = ?, email = ?, user_id = ?, notes = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND project_id = ? AND version = ?`,
		s.Name, s.Organisation, string(s.Role), s.Power, s.Interest, s.Email, nullID(s.UserID), s.Notes, instant(s.UpdatedAt),
		s.ID, s.ProjectID, s.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "stakeholders", s.ID, &s.Version)
}

func (t *tx) DeleteStakeholder(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "stakeholder", "stakeholders", projectID, id, version,
		"DELETE FROM stakeholders WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}

const scheduleColumns = `id, project_id, name, weekday, minute, period_days, baseline, channel, roles, stakeholders,
	webhook_url, webhook_format, webhook_secret, enabled, created_by, version, created_at, updated_at`

func scanSchedule(row interface{ Scan(...any) error }) (domain.DeliverySchedule, error) {
	var d domain.DeliverySchedule
	var roles, ids string
	err := row.Scan(&d.ID, &d.ProjectID, &d.Name, &d.Weekday, &d.Minute, &d.PeriodDays, &d.Baseline, &d.Channel, &roles, &ids,
		&d.WebhookURL, &d.WebhookFormat, &d.WebhookSecret, boolScan{&d.Enabled}, &d.CreatedBy, &d.Version,
		instantScan{&d.CreatedAt}, instantScan{&d.UpdatedAt})
	if err != nil {
		return d, err
	}
	for r := range strings.SplitSeq(roles, ",") {
		if r != "" {
			d.Roles = append(d.Roles, domain.StakeholderRole(r))
		}
	}
	for s := range strings.SplitSeq(ids, ",") {
		if s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return d, fmt.Errorf("schedule %d stakeholders: %w", d.ID, err)
		}
		d.Stakeholders = append(d.Stakeholders, id)
	}
	return d, nil
}

// scheduleGroup is the stored form of a schedule's group.
func scheduleGroup(d *domain.DeliverySchedule) (roles, ids string) {
	rs := make([]string, len(d.Roles))
	for i, r := range d.Roles {
		rs[i] = string(r)
	}
	is := make([]string, len(d.Stakeholders))
	for i, id := range d.Stakeholders {
		is[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(rs, ","), strings.Join(is, ",")
}

func (t *tx) CreateDeliverySchedule(ctx context.Context, d *domain.DeliverySchedule) error {
	d.Version = 1
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = d.CreatedAt
	}
	roles, ids := scheduleGroup(d)
	id, err := t.insert(ctx, "delivery schedule", "", `INSERT INTO delivery_schedules (project_id, name, weekday, minute,
		period_days, baseline, channel, roles, stakeholders, webhook_url, webhook_format, webhook_secret, enabled, created_by,
		version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		d.ProjectID, d.Name, int(d.Weekday), d.Minute, d.PeriodDays, d.Baseline, string(d.Channel), roles, ids, d.WebhookURL,
		string(d.WebhookFormat), d.WebhookSecret, boolInt(d.Enabled), d.CreatedBy, d.Version, instant(d.CreatedAt), instant(d.UpdatedAt))
	d.ID = id
	return err
}

func (t *tx) DeliverySchedule(ctx context.Context, projectID, id int64) (domain.DeliverySchedule, error) {
	d, err := scanSchedule(t.queryRow(ctx, "SELECT "+scheduleColumns+" FROM delivery_schedules WHERE id = ? AND project_id = ?"+t.lock(), id, projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return d, domain.NotFound("schedule_not_found", "delivery schedule %d does not exist in this project", id)
	}
	if err != nil {
		return d, fmt.Errorf("read delivery schedule: %w", err)
	}
	return d, nil
}

func (t *tx) DeliverySchedules(ctx context.Context, projectID int64) ([]domain.DeliverySchedule, error) {
	q, args := "SELECT "+scheduleColumns+" FROM delivery_schedules WHERE project_id = ? ORDER BY id", []any{projectID}
	if projectID == 0 {
		q, args = "SELECT "+scheduleColumns+" FROM delivery_schedules ORDER BY id", nil
	}
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list delivery schedules: %w", err)
	}
	return collect(rows, scanSchedule)
}

func (t *tx) UpdateDeliverySchedule(ctx context.Context, d *domain.DeliverySchedule) error {
	roles, ids := scheduleGroup(d)
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	err := t.versioned(ctx, "delivery schedule", "delivery_schedules", d.ProjectID, d.ID, d.Version, `UPDATE delivery_schedules
		SET name = ?, weekday = ?, minute = ?, period_days = ?, baseline = ?, channel = ?, roles = ?, stakeholders = ?,
		webhook_url = ?, webhook_format = ?, webhook_secret = ?, enabled = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND project_id = ? AND version = ?`,
		d.Name, int(d.Weekday), d.Minute, d.PeriodDays, d.Baseline, string(d.Channel), roles, ids, d.WebhookURL,
		string(d.WebhookFormat), d.WebhookSecret, boolInt(d.Enabled), instant(d.UpdatedAt), d.ID, d.ProjectID, d.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "delivery_schedules", d.ID, &d.Version)
}

func (t *tx) DeleteDeliverySchedule(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "delivery schedule", "delivery_schedules", projectID, id, version,
		"DELETE FROM delivery_schedules WHERE id = ? AND project_id = ? AND version = ?", id, projectID, version)
}
