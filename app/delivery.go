package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Job kinds of the report delivery queue.
const (
	// JobReport drafts, publishes and fans out one occurrence of a
	// delivery schedule.
	JobReport = "report"
	// JobDeliver sends one published report to one recipient (an e-mail
	// address) or one webhook.
	JobDeliver = "deliver"
)

// Scheduler is the actor the audit trail names for scheduled reports.
const Scheduler = "scheduler"

// CatchUp is how late a schedule's occurrence may still be sent: a
// server that was down on Friday at 15:00 and starts at 16:00 sends
// Friday's report; one that starts next Tuesday does not.
const CatchUp = 24 * time.Hour

// reportJob is a JobReport's payload.
type reportJob struct {
	Schedule   int64     `json:"schedule"`
	Project    string    `json:"project"`
	Occurrence time.Time `json:"occurrence"`
}

// deliverJob is a JobDeliver's payload.
type deliverJob struct {
	Report   int64          `json:"report"`
	Project  string         `json:"project"`
	Schedule int64          `json:"schedule"`
	Channel  domain.Channel `json:"channel"`
	To       string         `json:"to,omitempty"`
}

// EnqueueDueReports queues the latest due occurrence of every enabled
// delivery schedule, and returns how many it queued. Each occurrence has
// a dedupe key, so every node may call this as often as it likes: an
// occurrence is queued once, however many nodes see it due.
func (a *App) EnqueueDueReports(ctx context.Context, now time.Time) (int, error) {
	// Most ticks find nothing to queue: look in a read transaction first,
	// so that idle nodes do not take the write lock every tick.
	enabled := false
	err := a.store.View(ctx, func(tx store.Tx) error {
		ds, err := tx.DeliverySchedules(ctx, 0)
		for _, d := range ds {
			enabled = enabled || d.Enabled
		}
		return err
	})
	if err != nil || !enabled {
		return 0, err
	}
	n := 0
	err = a.store.Update(ctx, func(tx store.Tx) error {
		n = 0
		ds, err := tx.DeliverySchedules(ctx, 0)
		if err != nil || len(ds) == 0 {
			return err
		}
		ps, err := tx.Projects(ctx, store.Page{})
		if err != nil {
			return err
		}
		projects := map[int64]domain.Project{}
		for _, p := range ps {
			projects[p.ID] = p
		}
		for _, d := range ds {
			p, ok := projects[d.ProjectID]
			if !d.Enabled || !ok {
				continue
			}
			loc, err := time.LoadLocation(p.TimeZone)
			if err != nil {
				loc = time.UTC
			}
			occ := d.Occurrence(now, loc)
			if occ.Before(d.CreatedAt) || now.Sub(occ) > CatchUp {
				continue
			}
			payload, _ := json.Marshal(reportJob{Schedule: d.ID, Project: p.Key, Occurrence: occ.UTC()})
			j := domain.Job{Kind: JobReport, Payload: string(payload), RunAt: occ.UTC(), CreatedAt: now.UTC(),
				DedupeKey: "report:" + strconv.FormatInt(d.ID, 10) + ":" + occ.UTC().Format(time.RFC3339)}
			added, err := tx.EnqueueJob(ctx, &j)
			if err != nil {
				return err
			}
			if added {
				n++
			}
		}
		return nil
	})
	return n, err
}

// JobRetention is how long finished and failed jobs are kept, for
// inspection. It must exceed CatchUp: a dedupe key forgotten while its
// occurrence could still be queued would let the occurrence run again.
const JobRetention = 30 * 24 * time.Hour

// PruneJobs deletes the jobs that finished or failed more than
// JobRetention before now.
func (a *App) PruneJobs(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := a.store.Update(ctx, func(tx store.Tx) (err error) {
		n, err = tx.PruneJobs(ctx, now.Add(-JobRetention).UTC())
		return err
	})
	return n, err
}

// ClaimJob leases the next due job to worker until lease from now;
// false when none is due.
func (a *App) ClaimJob(ctx context.Context, worker string, now time.Time, lease time.Duration) (domain.Job, bool, error) {
	var j domain.Job
	var ok bool
	err := a.store.Update(ctx, func(tx store.Tx) (err error) {
		j, ok, err = tx.ClaimJob(ctx, worker, now.UTC(), now.Add(lease).UTC())
		return err
	})
	return j, ok, err
}

// FinishJob marks a job that worker holds done.
func (a *App) FinishJob(ctx context.Context, id int64, worker string, now time.Time) error {
	return a.store.Update(ctx, func(tx store.Tx) error { return tx.FinishJob(ctx, id, worker, now.UTC()) })
}

// RetryJob releases a failed job to run again at runAt, or with runAt
// zero gives it up, recording why.
func (a *App) RetryJob(ctx context.Context, id int64, worker string, runAt time.Time, cause error, now time.Time) error {
	if !runAt.IsZero() {
		runAt = runAt.UTC()
	}
	return a.store.Update(ctx, func(tx store.Tx) error {
		return tx.RetryJob(ctx, id, worker, runAt, cause.Error(), now.UTC())
	})
}

// PublishScheduledReport runs a JobReport in one transaction: it drafts
// the project's report for the period ending on the occurrence's day,
// publishes it at once (so what is sent is the immutable report), queues
// one delivery per recipient, writes the in-app notifications, and marks
// the job done. A worker whose lease ran out fails to finish the job, so
// the whole transaction rolls back and the report is published once.
func (a *App) PublishScheduledReport(ctx context.Context, job domain.Job, worker string, now time.Time) error {
	var in reportJob
	if err := json.Unmarshal([]byte(job.Payload), &in); err != nil {
		return fmt.Errorf("job %d payload: %w", job.ID, err)
	}
	ctx = WithActor(ctx, Scheduler)
	now = now.UTC()
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, in.Project)
		if domain.IsNotFound(err) {
			return tx.FinishJob(ctx, job.ID, worker, now) // the project is gone: nothing to send
		}
		if err != nil {
			return err
		}
		d, err := tx.DeliverySchedule(ctx, p.ID, in.Schedule)
		if domain.IsNotFound(err) || (err == nil && !d.Enabled) {
			return tx.FinishJob(ctx, job.ID, worker, now)
		}
		if err != nil {
			return err
		}
		loc, err := time.LoadLocation(p.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		local := in.Occurrence.In(loc)
		rp := ReportPeriod{End: time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC),
			Days: d.PeriodDays, Baseline: d.Baseline}
		r, err := a.publishDraft(ctx, tx, p, rp, now)
		if err != nil {
			return err
		}
		if err := a.fanOut(ctx, tx, p, d, r, now); err != nil {
			return err
		}
		return tx.FinishJob(ctx, job.ID, worker, now)
	})
}

// publishDraft drafts and stores a published report, audited as made
// and published by the scheduler.
func (a *App) publishDraft(ctx context.Context, tx store.Tx, p domain.Project, rp ReportPeriod, now time.Time) (domain.StatusReport, error) {
	plan, err := loadPlan(ctx, tx, p)
	if err != nil {
		return domain.StatusReport{}, err
	}
	risks, err := openRisks(ctx, tx, p.ID)
	if err != nil {
		return domain.StatusReport{}, err
	}
	// No Monte Carlo here: it would hold the write transaction for the
	// length of a simulation.
	doc, err := draftReport(plan, rp, risks, nil)
	if err != nil {
		return domain.StatusReport{}, err
	}
	text, err := json.Marshal(doc)
	if err != nil {
		return domain.StatusReport{}, err
	}
	r := domain.StatusReport{ProjectID: p.ID, PeriodStart: rp.End.AddDate(0, 0, 1-rp.Days), PeriodEnd: rp.End,
		Baseline: rp.Baseline, Status: domain.ReportPublished, Drafted: string(text), Content: string(text),
		CreatedBy: Scheduler, CreatedAt: now, PublishedBy: Scheduler, PublishedAt: now}
	if err := tx.CreateReport(ctx, &r); err != nil {
		return r, err
	}
	if err := a.audit(ctx, tx, p.ID, "report", r.ID, "create", []domain.Change{
		{Field: "period_end", New: domain.FormatDate(rp.End)}, {Field: "overall", New: string(doc.RAG.Overall.Level)}}); err != nil {
		return r, err
	}
	return r, a.audit(ctx, tx, p.ID, "report", r.ID, "publish", []domain.Change{
		{Field: "status", Old: string(domain.ReportDraft), New: string(domain.ReportPublished)}})
}

// fanOut queues a published report's deliveries: one job per e-mail
// address, one per webhook; in-app notifications are written at once,
// to the schedule's stakeholders who are members of the project (who may
// see a published report).
func (a *App) fanOut(ctx context.Context, tx store.Tx, p domain.Project, d domain.DeliverySchedule, r domain.StatusReport, now time.Time) error {
	enqueue := func(key string, dj deliverJob) error {
		dj.Report, dj.Project, dj.Schedule, dj.Channel = r.ID, p.Key, d.ID, d.Channel
		payload, _ := json.Marshal(dj)
		j := domain.Job{Kind: JobDeliver, Payload: string(payload), RunAt: now, CreatedAt: now,
			DedupeKey: "deliver:" + strconv.FormatInt(r.ID, 10) + ":" + key}
		_, err := tx.EnqueueJob(ctx, &j)
		return err
	}
	if d.Channel == domain.ChannelWebhook {
		return enqueue("webhook:"+strconv.FormatInt(d.ID, 10), deliverJob{})
	}
	ss, err := tx.Stakeholders(ctx, p.ID)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, s := range ss {
		if !d.Includes(s) {
			continue
		}
		switch {
		case d.Channel == domain.ChannelEmail && s.Email != "" && !seen[s.Email]:
			seen[s.Email] = true
			if err := enqueue("email:"+s.Email, deliverJob{To: s.Email}); err != nil {
				return err
			}
		case d.Channel == domain.ChannelInApp && s.UserID != 0:
			if _, err := tx.Member(ctx, p.ID, s.UserID); domain.IsNotFound(err) {
				continue
			} else if err != nil {
				return err
			}
			n := domain.Notification{UserID: s.UserID, ProjectID: p.ID, ReportID: r.ID, CreatedAt: now,
				Title: fmt.Sprintf("Status report: %s, %s", p.Name, domain.FormatDate(r.PeriodEnd)),
				Body:  "/api/v1/projects/" + p.Key + "/reports/" + strconv.FormatInt(r.ID, 10)}
			if err := tx.CreateNotification(ctx, &n); err != nil {
				return err
			}
		}
	}
	return nil
}

// Delivery is what one JobDeliver sends: a published report, to an
// address or over a schedule's webhook (with its secret, to sign).
type Delivery struct {
	Project  domain.Project
	Report   StoredReport
	Schedule domain.DeliverySchedule
	Channel  domain.Channel
	To       string
}

// DeliveryOf reads what a JobDeliver sends. ok is false when there is
// nothing left to send: the project, the report or the webhook's
// schedule was deleted since.
func (a *App) DeliveryOf(ctx context.Context, job domain.Job) (Delivery, bool, error) {
	var in deliverJob
	if err := json.Unmarshal([]byte(job.Payload), &in); err != nil {
		return Delivery{}, false, fmt.Errorf("job %d payload: %w", job.ID, err)
	}
	out := Delivery{Channel: in.Channel, To: in.To}
	ok := false
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, in.Project)
		if err != nil {
			return err
		}
		r, err := tx.Report(ctx, p.ID, in.Report)
		if err != nil {
			return err
		}
		if out.Report, err = stored(r); err != nil {
			return err
		}
		out.Project = p
		if out.Schedule, err = tx.DeliverySchedule(ctx, p.ID, in.Schedule); err != nil && in.Channel == domain.ChannelWebhook {
			return err
		}
		ok = true
		return nil
	})
	if domain.IsNotFound(err) {
		return out, false, nil
	}
	return out, ok, err
}

// Notifications lists the signed-in user's in-app notifications, newest
// first.
func (a *App) Notifications(ctx context.Context) ([]domain.Notification, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return nil, nil
	}
	var out []domain.Notification
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		out, err = tx.Notifications(ctx, p.User.ID)
		return err
	})
	return out, err
}

// SetClock replaces the clock that stamps what the app records, for tests
// that run at a fixed time.
func (a *App) SetClock(now func() time.Time) { a.now = now }
