package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

var at = time.Date(2027, 1, 8, 15, 0, 0, 0, time.UTC)

// testStakeholders stores, edits, lists and deletes stakeholders and
// delivery schedules, checking versions.
func testStakeholders(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "STK")
	u := createUser(t, s, "sponsor@example.com")
	sh := domain.Stakeholder{ProjectID: p.ID, Name: "Sam Sponsor", Organisation: "Acme", Role: domain.StakeholderSponsor,
		Power: 5, Interest: 4, Email: "sponsor@example.com", UserID: u.ID, Notes: "Prefers one page", CreatedAt: at}
	other := domain.Stakeholder{ProjectID: p.ID, Name: "Vic Vendor", Role: domain.StakeholderSupplier, Power: 2, Interest: 2, CreatedAt: at}
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateStakeholder(ctx, &sh); err != nil {
			return err
		}
		return tx.CreateStakeholder(ctx, &other)
	})
	if sh.ID == 0 || sh.Version != 1 {
		t.Fatalf("created %+v", sh)
	}
	sh.Interest, sh.UpdatedAt = 5, at.Add(time.Hour)
	update(t, s, func(tx store.Tx) error { return tx.UpdateStakeholder(ctx, &sh) })
	stale := sh
	stale.Version = 1
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateStakeholder(ctx, &stale) }); domain.ErrorKind(err) != domain.KindPreconditionFailed {
		t.Errorf("stale update: %v, want precondition failed", err)
	}
	d := domain.DeliverySchedule{ProjectID: p.ID, Name: "Weekly to the board", Weekday: time.Friday, Minute: 15 * 60,
		PeriodDays: 7, Channel: domain.ChannelWebhook, Roles: []domain.StakeholderRole{"sponsor", "board"},
		Stakeholders: []int64{other.ID}, WebhookURL: "https://hooks.example.com/x", WebhookFormat: domain.WebhookSlack,
		WebhookSecret: "s3cret", Enabled: true, CreatedBy: "pm@example.com", CreatedAt: at, UpdatedAt: at}
	update(t, s, func(tx store.Tx) error { return tx.CreateDeliverySchedule(ctx, &d) })
	d.Enabled, d.UpdatedAt = false, at.Add(time.Minute)
	update(t, s, func(tx store.Tx) error { return tx.UpdateDeliverySchedule(ctx, &d) })
	view(t, s, func(tx store.Tx) error {
		got, err := tx.Stakeholder(ctx, p.ID, sh.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, sh) {
			t.Errorf("stakeholder read back\n%+v\nwant\n%+v", got, sh)
		}
		list, err := tx.Stakeholders(ctx, p.ID)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].ID != sh.ID || list[1].UserID != 0 {
			t.Errorf("stakeholders %+v", list)
		}
		gd, err := tx.DeliverySchedule(ctx, p.ID, d.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(gd, d) {
			t.Errorf("schedule read back\n%+v\nwant\n%+v", gd, d)
		}
		all, err := tx.DeliverySchedules(ctx, 0)
		if err != nil {
			return err
		}
		if len(all) != 1 {
			t.Errorf("every project's schedules: %+v", all)
		}
		return nil
	})
	update(t, s, func(tx store.Tx) error { return tx.DeleteStakeholder(ctx, p.ID, other.ID, other.Version) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteDeliverySchedule(ctx, p.ID, d.ID, 0) })
	view(t, s, func(tx store.Tx) error {
		if _, err := tx.Stakeholder(ctx, p.ID, other.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("deleted stakeholder: %v", err)
		}
		if _, err := tx.DeliverySchedule(ctx, p.ID, d.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("deleted schedule: %v", err)
		}
		return nil
	})
}

// testJobs checks the queue: a dedupe key inserts once, a claim leases
// one job to one worker, a lost lease cannot finish, retries wait, and
// giving up records the error.
func testJobs(t *testing.T, s store.Store) {
	ctx := context.Background()
	enqueue := func(j domain.Job) (domain.Job, bool) {
		var added bool
		update(t, s, func(tx store.Tx) (err error) { added, err = tx.EnqueueJob(ctx, &j); return err })
		return j, added
	}
	a, added := enqueue(domain.Job{Kind: "report", Payload: `{"schedule":1}`, DedupeKey: "report:1:x", RunAt: at, CreatedAt: at})
	if !added || a.ID == 0 {
		t.Fatalf("first enqueue: added %v, %+v", added, a)
	}
	if _, again := enqueue(domain.Job{Kind: "report", DedupeKey: "report:1:x", RunAt: at, CreatedAt: at}); again {
		t.Error("a second job with the same dedupe key was added")
	}
	later, _ := enqueue(domain.Job{Kind: "deliver", RunAt: at.Add(time.Hour), CreatedAt: at})
	claim := func(worker string, now time.Time) (domain.Job, bool) {
		var j domain.Job
		var ok bool
		update(t, s, func(tx store.Tx) (err error) {
			j, ok, err = tx.ClaimJob(ctx, worker, now, now.Add(time.Minute))
			return err
		})
		return j, ok
	}
	j, ok := claim("w1", at)
	if !ok || j.ID != a.ID || j.Attempts != 1 || j.LockedBy != "w1" {
		t.Fatalf("claim: %v %+v", ok, j)
	}
	if j2, ok := claim("w2", at.Add(time.Second)); ok {
		t.Fatalf("w2 claimed %+v while w1 holds the only due job", j2)
	}
	// The lease runs out: w2 takes the job and w1 can no longer finish it.
	j2, ok := claim("w2", at.Add(2*time.Minute))
	if !ok || j2.ID != a.ID || j2.Attempts != 2 {
		t.Fatalf("claim after the lease: %v %+v", ok, j2)
	}
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.FinishJob(ctx, a.ID, "w1", at) }); domain.ErrorKind(err) != domain.KindConflict {
		t.Errorf("finish with a lost lease: %v, want conflict", err)
	}
	retryAt := at.Add(10 * time.Minute)
	update(t, s, func(tx store.Tx) error {
		return tx.RetryJob(ctx, a.ID, "w2", retryAt, "smtp: 451", at.Add(2*time.Minute))
	})
	if j, ok := claim("w3", at.Add(5*time.Minute)); ok {
		t.Errorf("claimed %+v before its retry time", j)
	}
	j3, ok := claim("w3", retryAt)
	if !ok || j3.ID != a.ID || j3.LastError != "smtp: 451" {
		t.Fatalf("claim at the retry time: %v %+v", ok, j3)
	}
	update(t, s, func(tx store.Tx) error { return tx.FinishJob(ctx, a.ID, "w3", retryAt) })
	j4, ok := claim("w3", at.Add(2*time.Hour))
	if !ok || j4.ID != later.ID {
		t.Fatalf("claim the later job: %v %+v", ok, j4)
	}
	update(t, s, func(tx store.Tx) error {
		return tx.RetryJob(ctx, later.ID, "w3", time.Time{}, "gave up", at.Add(2*time.Hour))
	})
	if j, ok := claim("w3", at.Add(48*time.Hour)); ok {
		t.Errorf("claimed %+v after every job finished or failed", j)
	}
	view(t, s, func(tx store.Tx) error {
		done, err := tx.Job(ctx, a.ID)
		if err != nil {
			return err
		}
		if !done.DoneAt.Equal(retryAt) || done.Attempts != 3 || done.DedupeKey != "report:1:x" {
			t.Errorf("done job %+v", done)
		}
		failed, err := tx.Job(ctx, later.ID)
		if err != nil {
			return err
		}
		if failed.FailedAt.IsZero() || failed.LastError != "gave up" || !failed.DoneAt.IsZero() {
			t.Errorf("failed job %+v", failed)
		}
		list, err := tx.Jobs(ctx, "report:1:")
		if err != nil {
			return err
		}
		if len(list) != 1 || list[0].ID != a.ID {
			t.Errorf("jobs by prefix: %+v", list)
		}
		return nil
	})
	// The done job finished at retryAt, the failed one two hours after at.
	var pruned int64
	update(t, s, func(tx store.Tx) (err error) { pruned, err = tx.PruneJobs(ctx, at.Add(time.Hour)); return err })
	if pruned != 1 {
		t.Errorf("pruned %d jobs, want the one done before the cut-off", pruned)
	}
	view(t, s, func(tx store.Tx) error {
		if _, err := tx.Job(ctx, a.ID); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("pruned job: %v", err)
		}
		_, err := tx.Job(ctx, later.ID)
		return err
	})
}

// testNotifications stores in-app notifications and lists them newest
// first.
func testNotifications(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NOT")
	u := createUser(t, s, "viewer@example.com")
	for i := range 2 {
		n := domain.Notification{UserID: u.ID, ProjectID: p.ID, Title: "Status report", Body: string(rune('a' + i)), CreatedAt: at}
		update(t, s, func(tx store.Tx) error { return tx.CreateNotification(ctx, &n) })
	}
	view(t, s, func(tx store.Tx) error {
		ns, err := tx.Notifications(ctx, u.ID)
		if err != nil {
			return err
		}
		if len(ns) != 2 || ns[0].Body != "b" || ns[1].ReportID != 0 || !ns[0].CreatedAt.Equal(at) {
			t.Errorf("notifications %+v", ns)
		}
		return nil
	})
}
