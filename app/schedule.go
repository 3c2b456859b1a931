package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// DeliverySchedules lists a project's delivery schedules, without their webhook
// secrets (shown once, when made).
func (a *App) DeliverySchedules(ctx context.Context, key string) ([]domain.DeliverySchedule, error) {
	var out []domain.DeliverySchedule
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		out, err = tx.DeliverySchedules(ctx, p.ID)
		return err
	})
	for i := range out {
		out[i].WebhookSecret = ""
	}
	return out, err
}

// DeliverySchedule returns one delivery schedule, without its webhook secret.
func (a *App) DeliverySchedule(ctx context.Context, key string, id int64) (domain.DeliverySchedule, error) {
	var d domain.DeliverySchedule
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		d, err = tx.DeliverySchedule(ctx, p.ID, id)
		return err
	})
	d.WebhookSecret = ""
	return d, err
}

// newWebhookSecret makes a secret to sign a webhook's payloads with.
func newWebhookSecret() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b[:])
}

// CreateDeliverySchedule adds a delivery schedule to project key. A webhook
// schedule gets a new signing secret, returned this once.
func (a *App) CreateDeliverySchedule(ctx context.Context, key string, d domain.DeliverySchedule) (domain.DeliverySchedule, error) {
	if d.Channel == domain.ChannelWebhook {
		d.WebhookSecret = newWebhookSecret()
	}
	if err := d.Validate(); err != nil {
		return d, err
	}
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if err := checkAudience(ctx, tx, p.ID, d.Stakeholders); err != nil {
			return err
		}
		d.ProjectID, d.CreatedBy, d.CreatedAt, d.UpdatedAt = p.ID, Actor(ctx), a.now().UTC(), a.now().UTC()
		if err := tx.CreateDeliverySchedule(ctx, &d); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "schedule", d.ID, "create", domain.Diff(nil, scheduleFields(d)))
	})
	return d, err
}

// checkAudience checks that the listed stakeholders are the project's.
func checkAudience(ctx context.Context, tx store.Tx, projectID int64, ids []int64) error {
	for _, id := range ids {
		if _, err := tx.Stakeholder(ctx, projectID, id); domain.IsNotFound(err) {
			return domain.Invalid("unknown_stakeholder", "stakeholders", "stakeholder %d is not in this project's register", id)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// UpdateDeliverySchedule lets edit change schedule id (version 0: no
// check); an error from edit rolls the change back.
// Turning a schedule into a webhook schedule gives it a secret, returned
// this once.
func (a *App) UpdateDeliverySchedule(ctx context.Context, key string, id, version int64, edit func(*domain.DeliverySchedule) error) (domain.DeliverySchedule, error) {
	var d domain.DeliverySchedule
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if d, err = tx.DeliverySchedule(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("schedule", id, version, d.Version); err != nil {
			return err
		}
		old := scheduleFields(d)
		if err := edit(&d); err != nil {
			return err
		}
		if d.Channel == domain.ChannelWebhook && d.WebhookSecret == "" {
			d.WebhookSecret = newWebhookSecret()
		}
		if err := d.Validate(); err != nil {
			return err
		}
		if err := checkAudience(ctx, tx, p.ID, d.Stakeholders); err != nil {
			return err
		}
		d.UpdatedAt = a.now().UTC()
		if err := tx.UpdateDeliverySchedule(ctx, &d); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "schedule", d.ID, "update", domain.Diff(old, scheduleFields(d)))
	})
	return d, err
}

// DeleteDeliverySchedule removes a delivery schedule; reports it already queued
// are still sent.
func (a *App) DeleteDeliverySchedule(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		d, err := tx.DeliverySchedule(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteDeliverySchedule(ctx, p.ID, id, version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "schedule", id, "delete", domain.Diff(scheduleFields(d), nil))
	})
}

// scheduleFields lists a schedule's auditable fields (not the secret).
func scheduleFields(d domain.DeliverySchedule) [][2]string {
	roles := make([]string, len(d.Roles))
	for i, r := range d.Roles {
		roles[i] = string(r)
	}
	ids := make([]string, len(d.Stakeholders))
	for i, id := range d.Stakeholders {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return [][2]string{{"name", d.Name}, {"weekday", d.Weekday.String()}, {"time", ClockTime(d.Minute)},
		{"period_days", strconv.Itoa(d.PeriodDays)}, {"channel", string(d.Channel)}, {"roles", strings.Join(roles, ",")},
		{"stakeholders", strings.Join(ids, ",")}, {"webhook_url", d.WebhookURL}, {"webhook_format", string(d.WebhookFormat)},
		{"enabled", strconv.FormatBool(d.Enabled)}}
}

// ClockTime writes minutes after midnight as HH:MM.
func ClockTime(minute int) string {
	return clockDigits(minute/60) + ":" + clockDigits(minute%60)
}

func clockDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
