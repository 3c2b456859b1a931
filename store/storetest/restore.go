package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testRestamp checks that a restore can give rows back their versions and
// times, and that an entity without such a time refuses one.
func testRestamp(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	k := domain.Task{ProjectID: p.ID, Name: "A"}
	createTask(t, s, &k)
	u := createUser(t, s, "ann@example.com")
	m := domain.Membership{ProjectID: p.ID, UserID: u.ID, Role: domain.RoleOwner}
	c := domain.Calendar{ProjectID: p.ID, Name: "Night", Week: domain.StandardWeek()}
	update(t, s, func(tx store.Tx) error {
		if err := tx.AddMember(ctx, &m); err != nil {
			return err
		}
		return tx.CreateCalendar(ctx, &c)
	})
	created := time.Date(2026, 5, 1, 9, 30, 0, 123456000, time.UTC)
	updated := created.Add(36 * time.Hour)
	update(t, s, func(tx store.Tx) error {
		for _, r := range []struct {
			entity string
			id     int64
			c, u   time.Time
		}{{"project", p.ID, created, updated}, {"task", k.ID, created, updated}, {"user", u.ID, created, updated},
			{"member", m.ID, created, time.Time{}}, {"calendar", c.ID, time.Time{}, time.Time{}}} {
			if err := tx.Restamp(ctx, r.entity, r.id, 7, r.c, r.u); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, s, func(tx store.Tx) error {
		gp, err := tx.Project(ctx, "NET")
		if err != nil {
			return err
		}
		gk, err := tx.Task(ctx, p.ID, k.ID)
		if err != nil {
			return err
		}
		gu, err := tx.User(ctx, u.ID)
		if err != nil {
			return err
		}
		gm, err := tx.Member(ctx, p.ID, u.ID)
		if err != nil {
			return err
		}
		cals, err := tx.Calendars(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, got := range []struct {
			what             string
			version          int64
			created, updated time.Time
		}{{"project", gp.Version, gp.CreatedAt, gp.UpdatedAt}, {"task", gk.Version, gk.CreatedAt, gk.UpdatedAt},
			{"user", gu.Version, gu.CreatedAt, gu.UpdatedAt}, {"member", gm.Version, gm.CreatedAt, updated},
			{"calendar", cals[0].Version, created, updated}} {
			if got.version != 7 || !got.created.Equal(created) || !got.updated.Equal(updated) {
				t.Errorf("%s after restamp: version %d, created %v, updated %v", got.what, got.version, got.created, got.updated)
			}
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error { return tx.Restamp(ctx, "calendar", c.ID, 2, created, time.Time{}) })
	wantKind(t, err, domain.KindInvalid)
	err = s.Update(ctx, func(tx store.Tx) error { return tx.Restamp(ctx, "task", 9999, 2, time.Time{}, time.Time{}) })
	wantKind(t, err, domain.KindNotFound)
	err = s.Update(ctx, func(tx store.Tx) error { return tx.Restamp(ctx, "session", 1, 2, time.Time{}, time.Time{}) })
	wantKind(t, err, domain.KindInvalid)
}

// testSiteAudit checks that the events of no project (accounts, deleted
// projects) are listed by project ID 0, and only they.
func testSiteAudit(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	events := []domain.AuditEvent{
		{ProjectID: p.ID, Entity: "task", EntityID: 7, Action: "create", Actor: "ann@example.com", At: at},
		{Entity: "user", EntityID: 1, Action: "create", Actor: "cli", At: at.Add(time.Minute),
			Changes: []domain.Change{{Field: "email", New: "ann@example.com"}}},
		{Entity: "project", EntityID: 99, Action: "delete", Actor: "ann@example.com", At: at.Add(time.Hour)},
	}
	for i := range events {
		update(t, s, func(tx store.Tx) error { return tx.RecordAudit(ctx, &events[i]) })
	}
	var got []domain.AuditEvent
	view(t, s, func(tx store.Tx) (err error) {
		got, err = tx.AuditEvents(ctx, 0, store.AuditFilter{}, store.Page{})
		return err
	})
	if len(got) != 2 || got[0].Entity != "user" || got[0].ProjectID != 0 || got[0].Changes[0].New != "ann@example.com" ||
		got[1].EntityID != 99 || !got[1].At.Equal(events[2].At) {
		t.Fatalf("events of no project: %+v", got)
	}
	view(t, s, func(tx store.Tx) (err error) {
		got, err = tx.AuditEvents(ctx, 0, store.AuditFilter{Since: at.Add(30 * time.Minute)}, store.Page{Limit: 5})
		return err
	})
	if len(got) != 1 || got[0].EntityID != 99 {
		t.Fatalf("events of no project since 9:30: %+v", got)
	}
}
