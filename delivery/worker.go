package delivery

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// Worker queues due report occurrences and runs the shared job queue.
// Every `cairn serve` runs one; they share the work through the
// database, and the queue's dedupe keys and leases keep each report
// published once and each message sent once per occurrence (see
// docs/decisions/0022).
type Worker struct {
	App *app.App
	// ID names this worker in job leases; NewWorker makes a unique one.
	ID string
	// Now is the clock (tests inject one).
	Now func() time.Time
	// Mail sends e-mail; nil leaves e-mail jobs failing until configured.
	Mail *Mailer
	// Hooks posts webhooks.
	Hooks *Webhooks
	// PublicURL is Cairn's address as readers reach it, for links.
	PublicURL string
	Log       *slog.Logger

	lastPrune time.Time

	Interval   time.Duration // how often Run looks for work
	Lease      time.Duration // how long a claimed job is this worker's
	Backoff    time.Duration // the first retry's delay, doubled each time
	MaxBackoff time.Duration
}

// NewWorker returns a worker with the default timings: look every 30
// seconds, lease jobs for 5 minutes, retry after 1, 2, 4… minutes up to
// an hour.
func NewWorker(a *app.App, log *slog.Logger) *Worker {
	var b [4]byte
	_, _ = rand.Read(b[:])
	host, _ := os.Hostname()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{App: a, ID: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:])), Now: time.Now,
		Hooks: &Webhooks{}, Log: log, Interval: 30 * time.Second, Lease: 5 * time.Minute,
		Backoff: time.Minute, MaxBackoff: time.Hour}
}

// Run calls Tick every Interval until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		if err := w.Tick(ctx); err != nil && ctx.Err() == nil {
			w.Log.Error("delivery worker", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// maxPerTick bounds the jobs one Tick runs, so a long queue cannot hold
// a node's worker from noticing shutdown for long.
const maxPerTick = 100

// Tick queues the schedules' due occurrences, prunes old jobs (once an
// hour), then runs due jobs until none is left (or maxPerTick ran).
func (w *Worker) Tick(ctx context.Context) error {
	if n, err := w.App.EnqueueDueReports(ctx, w.Now()); err != nil {
		return fmt.Errorf("queue due reports: %w", err)
	} else if n > 0 {
		w.Log.Info("reports queued", "count", n)
	}
	if n, err := w.App.EnqueueDigests(ctx, w.Now()); err != nil {
		return fmt.Errorf("queue digests: %w", err)
	} else if n > 0 {
		w.Log.Info("digests queued", "count", n)
	}
	if now := w.Now(); now.Sub(w.lastPrune) >= time.Hour {
		if n, err := w.App.PruneJobs(ctx, now); err != nil {
			w.Log.Warn("prune jobs", "err", err)
		} else {
			w.lastPrune = now
			if n > 0 {
				w.Log.Info("old jobs pruned", "count", n)
			}
		}
	}
	for range maxPerTick {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		job, ok, err := w.App.ClaimJob(ctx, w.ID, w.Now(), w.Lease)
		if err != nil {
			return fmt.Errorf("claim job: %w", err)
		}
		if !ok {
			return nil
		}
		w.runJob(ctx, job)
	}
	return nil
}

// runJob runs one claimed job and records the outcome: done, a retry
// after a backoff, or given up.
func (w *Worker) runJob(ctx context.Context, job domain.Job) {
	log := w.Log.With("job", job.ID, "kind", job.Kind, "attempt", job.Attempts)
	var err error
	switch job.Kind {
	case app.JobReport:
		err = w.App.PublishScheduledReport(ctx, job, w.ID, w.Now())
		if err == nil {
			log.Info("scheduled report published")
			return
		}
	case app.JobDeliver:
		err = w.deliver(ctx, job)
		if err == nil {
			err = w.App.FinishJob(ctx, job.ID, w.ID, w.Now())
			if err == nil {
				log.Info("report delivered")
				return
			}
		}
	case app.JobMention, app.JobDigest:
		err = w.mention(ctx, job)
		if err == nil {
			err = w.App.FinishJob(ctx, job.ID, w.ID, w.Now())
			if err == nil {
				log.Info("e-mailed")
				return
			}
		}
	default:
		err = Permanent(fmt.Errorf("unknown job kind %q", job.Kind))
	}
	if leaseLost(err) {
		log.Warn("job lease lost; another worker has it", "err", err)
		return
	}
	retry := time.Time{}
	if !IsPermanent(err) && job.Attempts < job.MaxAttempts {
		retry = w.Now().Add(w.backoff(job.Attempts))
	}
	if rerr := w.App.RetryJob(ctx, job.ID, w.ID, retry, err, w.Now()); rerr != nil {
		log.Warn("could not release job", "err", rerr)
	}
	if retry.IsZero() {
		log.Error("job failed for good", "err", err)
	} else {
		log.Warn("job failed; will retry", "err", err, "retry_at", retry)
	}
}

// leaseLost reports whether err is the store's refusal to finish a job
// whose lease another worker has taken over.
func leaseLost(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Code == "job_lease_lost"
}

// backoff is the delay before retry number attempts: Backoff doubled
// for each earlier attempt, at most MaxBackoff.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.Backoff
	for i := 1; i < attempts && d < w.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.MaxBackoff)
}

// deliver sends one JobDeliver.
func (w *Worker) deliver(ctx context.Context, job domain.Job) error {
	d, ok, err := w.App.DeliveryOf(ctx, job)
	if err != nil || !ok {
		return err // !ok: deleted since; nothing to send
	}
	switch d.Channel {
	case domain.ChannelEmail:
		if w.Mail == nil {
			return errors.New("no SMTP server is configured (--smtp-url or CAIRN_SMTP_URL)")
		}
		msg, err := Email(d, w.Mail.Config.From, w.PublicURL, w.Now())
		if err != nil {
			return Permanent(err)
		}
		return w.Mail.Send(ctx, []string{d.To}, msg)
	case domain.ChannelWebhook:
		return w.Hooks.Post(ctx, d, w.PublicURL, job.ID)
	}
	return Permanent(fmt.Errorf("channel %q has nothing to send", d.Channel))
}
