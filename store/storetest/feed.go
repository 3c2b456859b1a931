package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testFeeds checks calendar feeds: found by their secret's hash with
// their user and project key, listed per user, revoked only by their
// owner, and gone with their project.
func testFeeds(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	proj := domain.Feed{UserID: ann.ID, ProjectID: p.ID, Name: "phone", TokenHash: "aa11", CreatedAt: at}
	mine := domain.Feed{UserID: ann.ID, Name: "my tasks", TokenHash: "bb22", CreatedAt: at.Add(time.Minute)}
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateFeed(ctx, &proj); err != nil {
			return err
		}
		return tx.CreateFeed(ctx, &mine)
	})
	if proj.ID == 0 || mine.ID == 0 {
		t.Fatal("create set no IDs")
	}
	dup := domain.Feed{UserID: bob.ID, Name: "dup", TokenHash: "aa11", CreatedAt: at}
	wantKind(t, s.Update(ctx, func(tx store.Tx) error { return tx.CreateFeed(ctx, &dup) }), domain.KindConflict)

	view(t, s, func(tx store.Tx) error {
		f, u, err := tx.Feed(ctx, "aa11")
		if err != nil {
			return err
		}
		if f.ID != proj.ID || f.ProjectKey != "NET" || f.ProjectID != p.ID || f.Name != "phone" || u.Email != "ann@example.com" || !f.CreatedAt.Equal(at) {
			t.Errorf("feed by hash: %+v of %s", f, u.Email)
		}
		f, _, err = tx.Feed(ctx, "bb22")
		if err != nil {
			return err
		}
		if f.ProjectID != 0 || f.ProjectKey != "" {
			t.Errorf("personal feed: %+v", f)
		}
		_, _, err = tx.Feed(ctx, "cc33")
		wantKind(t, err, domain.KindNotFound)
		fs, err := tx.Feeds(ctx, ann.ID)
		if len(fs) != 2 || fs[0].ID != proj.ID || fs[1].Name != "my tasks" {
			t.Errorf("ann's feeds: %+v", fs)
		}
		return err
	})
	wantKind(t, s.Update(ctx, func(tx store.Tx) error { return tx.DeleteFeed(ctx, bob.ID, mine.ID) }), domain.KindNotFound)
	update(t, s, func(tx store.Tx) error { return tx.DeleteFeed(ctx, ann.ID, mine.ID) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteProject(ctx, p.ID, 0) })
	view(t, s, func(tx store.Tx) error {
		fs, err := tx.Feeds(ctx, ann.ID)
		if len(fs) != 0 {
			t.Errorf("feeds after revoking one and deleting the project: %+v", fs)
		}
		return err
	})
}
