package store

import (
	"context"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// DeliveryTx is the part of a transaction about who gets the project's
// reports and how: the stakeholder register, delivery schedules, the
// shared job queue and in-app notifications.
type DeliveryTx interface {
	// CreateStakeholder stores s and sets its ID, Version and times;
	// Stakeholder and Stakeholders read them back (ordered by ID);
	// UpdateStakeholder and DeleteStakeholder check the version (0: no
	// check).
	CreateStakeholder(ctx context.Context, s *domain.Stakeholder) error
	Stakeholder(ctx context.Context, projectID, id int64) (domain.Stakeholder, error)
	Stakeholders(ctx context.Context, projectID int64) ([]domain.Stakeholder, error)
	UpdateStakeholder(ctx context.Context, s *domain.Stakeholder) error
	DeleteStakeholder(ctx context.Context, projectID, id, version int64) error

	// CreateDeliverySchedule stores d and sets its ID, Version and times;
	// DeliverySchedule and DeliverySchedules read them back (projectID 0:
	// every project's, for the scheduler); UpdateDeliverySchedule and
	// DeleteDeliverySchedule check the version (0: no check).
	CreateDeliverySchedule(ctx context.Context, d *domain.DeliverySchedule) error
	DeliverySchedule(ctx context.Context, projectID, id int64) (domain.DeliverySchedule, error)
	DeliverySchedules(ctx context.Context, projectID int64) ([]domain.DeliverySchedule, error)
	UpdateDeliverySchedule(ctx context.Context, d *domain.DeliverySchedule) error
	DeleteDeliverySchedule(ctx context.Context, projectID, id, version int64) error

	// EnqueueJob adds j to the queue and sets its ID. A job whose
	// DedupeKey is already queued (or was, ever) is not added: EnqueueJob
	// then returns false, so nodes that enqueue the same work insert it
	// once.
	EnqueueJob(ctx context.Context, j *domain.Job) (bool, error)
	// ClaimJob takes the next job due at now that no live lease holds,
	// leases it to worker until leaseUntil and counts the attempt; false
	// when none is due. Two workers never hold the same lease.
	ClaimJob(ctx context.Context, worker string, now, leaseUntil time.Time) (domain.Job, bool, error)
	// FinishJob marks a job that worker holds done at now. It fails with
	// KindConflict when the worker's lease was lost, so that work done in
	// the same transaction is rolled back.
	FinishJob(ctx context.Context, id int64, worker string, now time.Time) error
	// RetryJob releases a job that worker holds after a failure, to run
	// again at runAt, or with runAt zero marks it failed for good.
	RetryJob(ctx context.Context, id int64, worker string, runAt time.Time, lastErr string, now time.Time) error
	// PruneJobs deletes the jobs that finished or failed before before,
	// and returns how many.
	PruneJobs(ctx context.Context, before time.Time) (int64, error)
	// Job reads one job; Jobs lists those whose dedupe key starts with
	// prefix, by ID.
	Job(ctx context.Context, id int64) (domain.Job, error)
	Jobs(ctx context.Context, prefix string) ([]domain.Job, error)

	// CreateNotification stores n and sets its ID; Notifications lists a
	// user's, newest first.
	CreateNotification(ctx context.Context, n *domain.Notification) error
	Notifications(ctx context.Context, userID int64) ([]domain.Notification, error)
}
