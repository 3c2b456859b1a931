package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

const jobColumns = `id, kind, payload, dedupe_key, run_at, attempts, max_attempts, locked_by, locked_until, done_at,
	failed_at, last_error, created_at`

func scanJob(row interface{ Scan(...any) error }) (domain.Job, error) {
	var j domain.Job
	err := row.Scan(&j.ID, &j.Kind, &j.Payload, textScan{&j.DedupeKey}, instantScan{&j.RunAt}, &j.Attempts, &j.MaxAttempts,
		&j.LockedBy, nullInstantScan{&j.LockedUntil}, nullInstantScan{&j.DoneAt}, nullInstantScan{&j.FailedAt},
		&j.LastError, instantScan{&j.CreatedAt})
	return j, err
}

// nullInstant encodes an optional instant in the fixed-width form that
// sorts as text; the zero time is NULL.
func nullInstant(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return instant(t)
}

// EnqueueJob inserts with ON CONFLICT DO NOTHING (both SQLite and
// PostgreSQL have it): of two nodes enqueuing one occurrence, the second
// inserts nothing and does not abort its transaction.
func (t *tx) EnqueueJob(ctx context.Context, j *domain.Job) (bool, error) {
	if !t.write {
		return false, errReadOnly
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = 8
	}
	if j.Payload == "" {
		j.Payload = "{}"
	}
	err := t.queryRow(ctx, `INSERT INTO jobs (kind, payload, dedupe_key, run_at, attempts, max_attempts, created_at)
		VALUES (?,?,?,?,0,?,?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
		j.Kind, j.Payload, nullText(j.DedupeKey), instant(j.RunAt), j.MaxAttempts, instant(j.CreatedAt)).Scan(&j.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("enqueue job: %w", err)
	}
	return true, nil
}

// ClaimJob is one UPDATE … RETURNING. On PostgreSQL the subquery takes
// the candidate row FOR UPDATE SKIP LOCKED, so concurrent claimers pass
// over each other's rows instead of queueing on them; the WHERE guard is
// repeated in the UPDATE, so a row whose lease was renewed in between is
// not taken. SQLite runs one writer at a time, which makes the plain
// statement safe.
func (t *tx) ClaimJob(ctx context.Context, worker string, now, leaseUntil time.Time) (domain.Job, bool, error) {
	if !t.write {
		return domain.Job{}, false, errReadOnly
	}
	skip := ""
	if t.db.Dialect.Name() == "postgres" {
		skip = " FOR UPDATE SKIP LOCKED"
	}
	const due = `done_at IS NULL AND failed_at IS NULL AND run_at <= ? AND (locked_until IS NULL OR locked_until < ?)`
	j, err := scanJob(t.queryRow(ctx, `UPDATE jobs SET locked_by = ?, locked_until = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM jobs WHERE `+due+` ORDER BY run_at, id LIMIT 1`+skip+`) AND `+due+`
		RETURNING `+jobColumns, worker, instant(leaseUntil), instant(now), instant(now), instant(now), instant(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return j, false, nil
	}
	if err != nil {
		return j, false, fmt.Errorf("claim job: %w", err)
	}
	return j, true, nil
}

func (t *tx) FinishJob(ctx context.Context, id int64, worker string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE jobs SET done_at = ?, locked_until = NULL, last_error = ''
		WHERE id = ? AND locked_by = ? AND done_at IS NULL AND failed_at IS NULL`, instant(now), id, worker)
	if err != nil {
		return fmt.Errorf("finish job: %w", err)
	}
	return leaseHeld(res, id)
}

func (t *tx) RetryJob(ctx context.Context, id int64, worker string, runAt time.Time, lastErr string, now time.Time) error {
	q, args := `UPDATE jobs SET run_at = ?, locked_until = NULL, last_error = ?
		WHERE id = ? AND locked_by = ? AND done_at IS NULL AND failed_at IS NULL`, []any{instant(runAt), lastErr, id, worker}
	if runAt.IsZero() {
		q, args = `UPDATE jobs SET failed_at = ?, locked_until = NULL, last_error = ?
		WHERE id = ? AND locked_by = ? AND done_at IS NULL AND failed_at IS NULL`, []any{instant(now), lastErr, id, worker}
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("release job: %w", err)
	}
	return leaseHeld(res, id)
}

// leaseHeld reports a write that matched no row as a lost lease.
func leaseHeld(res sql.Result, id int64) error {
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	return domain.Conflict("job_lease_lost", "", "job %d is no longer held by this worker (its lease ran out and another worker took it)", id)
}

func (t *tx) PruneJobs(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.exec(ctx, "DELETE FROM jobs WHERE done_at < ? OR failed_at < ?", instant(before), instant(before))
	if err != nil {
		return 0, fmt.Errorf("prune jobs: %w", err)
	}
	return res.RowsAffected()
}

func (t *tx) Job(ctx context.Context, id int64) (domain.Job, error) {
	j, err := scanJob(t.queryRow(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return j, domain.NotFound("job_not_found", "job %d does not exist", id)
	}
	if err != nil {
		return j, fmt.Errorf("read job: %w", err)
	}
	return j, nil
}

func (t *tx) Jobs(ctx context.Context, prefix string) ([]domain.Job, error) {
	rows, err := t.query(ctx, "SELECT "+jobColumns+" FROM jobs WHERE dedupe_key LIKE ? ORDER BY id", likePrefix(prefix))
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return collect(rows, scanJob)
}

// likePrefix is a LIKE pattern matching strings that start with prefix;
// dedupe keys never hold % or _ wildcards' meaning, so they are escaped
// only by being absent (keys are built from kinds and numbers).
func likePrefix(prefix string) string { return prefix + "%" }

func (t *tx) CreateNotification(ctx context.Context, n *domain.Notification) error {
	id, err := t.insert(ctx, "notification", "", `INSERT INTO notifications (user_id, project_id, report_id, comment_id, title, body,
		created_at, read_at) VALUES (?,?,?,?,?,?,?,?)`, n.UserID, n.ProjectID, nullID(n.ReportID), nullID(n.CommentID), n.Title, n.Body,
		instant(n.CreatedAt), nullInstant(n.ReadAt))
	n.ID = id
	return err
}

func (t *tx) Notifications(ctx context.Context, userID int64) ([]domain.Notification, error) {
	rows, err := t.query(ctx, `SELECT id, user_id, project_id, report_id, comment_id, title, body, created_at, read_at
		FROM notifications WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.Notification, error) {
		var n domain.Notification
		return n, row.Scan(&n.ID, &n.UserID, &n.ProjectID, idScan{&n.ReportID}, idScan{&n.CommentID}, &n.Title, &n.Body,
			instantScan{&n.CreatedAt}, nullInstantScan{&n.ReadAt})
	})
}
