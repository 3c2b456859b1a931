package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// JobDigest e-mails one user the daily digest of one day.
const JobDigest = "digest"

// DigestHour is the hour, on the user's own clock, at which the daily
// digest of the 24 hours before goes out.
const DigestHour = 7

// digestJob is a JobDigest's payload.
type digestJob struct {
	User int64     `json:"user"`
	At   time.Time `json:"at"` // the occurrence: the digest covers the day before it
}

// digestOccurrence is the latest DigestHour on u's clock at or before now.
func digestOccurrence(u domain.User, now time.Time) time.Time {
	loc, err := time.LoadLocation(u.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	l := now.In(loc)
	occ := time.Date(l.Year(), l.Month(), l.Day(), DigestHour, 0, 0, 0, loc)
	if occ.After(now) {
		occ = time.Date(l.Year(), l.Month(), l.Day()-1, DigestHour, 0, 0, 0, loc)
	}
	return occ
}

func digestKey(user int64, occ time.Time) string {
	return "digest:" + strconv.FormatInt(user, 10) + ":" + occ.Format("2006-01-02")
}

// EnqueueDigests queues the day's digest of every user who turned it
// on, once per user and day (the dedupe key), and returns how many it
// queued. It looks in a read transaction first, so that the nodes'
// ticks do not take the write lock when every digest is queued already.
func (a *App) EnqueueDigests(ctx context.Context, now time.Time) (int, error) {
	var due []domain.Job
	err := a.store.View(ctx, func(tx store.Tx) error {
		us, err := tx.DigestSubscribers(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			occ := digestOccurrence(u, now)
			js, err := tx.Jobs(ctx, digestKey(u.ID, occ))
			if err != nil {
				return err
			}
			if len(js) > 0 {
				continue
			}
			payload, _ := json.Marshal(digestJob{User: u.ID, At: occ.UTC()})
			due = append(due, domain.Job{Kind: JobDigest, Payload: string(payload), RunAt: occ.UTC(),
				CreatedAt: now.UTC(), DedupeKey: digestKey(u.ID, occ)})
		}
		return nil
	})
	if err != nil || len(due) == 0 {
		return 0, err
	}
	n := 0
	err = a.store.Update(ctx, func(tx store.Tx) error {
		n = 0
		for i := range due {
			added, err := tx.EnqueueJob(ctx, &due[i])
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

// DigestMail writes a JobDigest's message: the user's notifications of
// the day before the occurrence and, per project they are in, how many
// changes and comments it saw. ok is false when there is nothing to
// tell (no message is sent) or the user is gone or turned the digest off.
func (a *App) DigestMail(ctx context.Context, job domain.Job) (PlainMail, bool, error) {
	var in digestJob
	if err := json.Unmarshal([]byte(job.Payload), &in); err != nil {
		return PlainMail{}, false, fmt.Errorf("job %d payload: %w", job.ID, err)
	}
	since := in.At.Add(-24 * time.Hour)
	var out PlainMail
	ok := false
	err := a.store.View(ctx, func(tx store.Tx) error {
		u, err := tx.User(ctx, in.User)
		if err != nil {
			return err
		}
		prefs, err := tx.Preferences(ctx, u.ID)
		if err != nil || !prefs.DailyDigest || u.Disabled {
			return err
		}
		var b strings.Builder
		ns, err := tx.Notifications(ctx, u.ID)
		if err != nil {
			return err
		}
		var lines []string
		for _, n := range ns {
			if !n.CreatedAt.Before(since) && n.CreatedAt.Before(in.At) {
				lines = append(lines, "- "+n.Title+" ("+n.Body+")")
			}
		}
		if len(lines) > 0 {
			fmt.Fprintf(&b, "For you:\n%s\n\n", strings.Join(lines, "\n"))
		}
		ms, err := tx.Memberships(ctx, u.ID)
		if err != nil {
			return err
		}
		lines = nil
		for _, m := range ms {
			evs, err := tx.AuditEvents(ctx, m.ProjectID, store.AuditFilter{Since: since}, store.Page{Limit: 1000})
			if err != nil {
				return err
			}
			changes, comments := 0, 0
			for _, ev := range evs {
				switch {
				case !ev.At.Before(in.At):
				case ev.Entity == "comment" && ev.Action == "create":
					comments++
				default:
					changes++
				}
			}
			if changes+comments > 0 {
				lines = append(lines, fmt.Sprintf("- %s: %s, %s (/projects/%s/activity)", m.ProjectKey,
					countWords(changes, "change"), countWords(comments, "comment"), m.ProjectKey))
			}
		}
		if len(lines) > 0 {
			fmt.Fprintf(&b, "In your projects:\n%s\n", strings.Join(lines, "\n"))
		}
		if b.Len() == 0 {
			return nil
		}
		day := since.In(time.UTC).Format("Monday 2 January")
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			day = since.In(loc).Format("Monday 2 January")
		}
		out = PlainMail{To: u.Email, Subject: "Cairn: your day, " + day,
			Text: "Hello " + u.Name + ",\n\nWhat happened in the 24 hours to " + DigestHourText + ":\n\n" + b.String() +
				"\nTurn this digest off in your preferences (PUT /api/v1/me/preferences {\"daily_digest\": false}).\n"}
		ok = true
		return nil
	})
	if domain.IsNotFound(err) {
		return out, false, nil
	}
	return out, ok, err
}

// DigestHourText is DigestHour as the digest says it.
var DigestHourText = fmt.Sprintf("%02d:00 today", DigestHour)

// countWords says "one change", "3 changes", "no comments".
func countWords(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "one " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
