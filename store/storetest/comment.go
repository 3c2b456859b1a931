package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testComments stores comments with their mentions, lists them per
// entity and per project, and deletes one together with the
// notifications of its mentions.
func testComments(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "COM")
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	first := domain.Comment{ProjectID: p.ID, Entity: domain.CommentOnTask, EntityID: 7, AuthorID: ann.ID, Author: "ann@example.com",
		Body: "@bob@example.com can you check?", Mentions: []int64{bob.ID}, CreatedAt: at}
	second := domain.Comment{ProjectID: p.ID, Entity: domain.CommentOnRisk, EntityID: 7, AuthorID: bob.ID, Author: "bob@example.com",
		Body: "Done.", CreatedAt: at.Add(time.Minute)}
	var n domain.Notification
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateComment(ctx, &first); err != nil {
			return err
		}
		n = domain.Notification{UserID: bob.ID, ProjectID: p.ID, CommentID: first.ID, Title: "Ann mentioned you", CreatedAt: at}
		if err := tx.CreateNotification(ctx, &n); err != nil {
			return err
		}
		return tx.CreateComment(ctx, &second)
	})
	view(t, s, func(tx store.Tx) error {
		got, err := tx.Comment(ctx, p.ID, first.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, first) {
			t.Errorf("comment read back\n%+v\nwant\n%+v", got, first)
		}
		onTask, err := tx.Comments(ctx, p.ID, domain.CommentOnTask, 7)
		if err != nil {
			return err
		}
		all, err := tx.Comments(ctx, p.ID, "", 0)
		if err != nil {
			return err
		}
		if len(onTask) != 1 || onTask[0].ID != first.ID || len(all) != 2 || all[1].Mentions != nil {
			t.Errorf("comments on the task %+v, in the project %+v", onTask, all)
		}
		ns, err := tx.Notifications(ctx, bob.ID)
		if err != nil {
			return err
		}
		if len(ns) != 1 || ns[0].CommentID != first.ID {
			t.Errorf("bob's notifications %+v", ns)
		}
		return nil
	})
	update(t, s, func(tx store.Tx) error { return tx.DeleteComment(ctx, p.ID, first.ID) })
	view(t, s, func(tx store.Tx) error {
		if _, err := tx.Comment(ctx, p.ID, first.ID); !domain.IsNotFound(err) {
			t.Errorf("deleted comment: %v, want not found", err)
		}
		if ns, err := tx.Notifications(ctx, bob.ID); err != nil || len(ns) != 0 {
			t.Errorf("notifications of a deleted comment: %+v, %v", ns, err)
		}
		return nil
	})
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteComment(ctx, p.ID, first.ID) }); !domain.IsNotFound(err) {
		t.Errorf("deleting twice: %v, want not found", err)
	}
}

// testNotificationsRead marks one notification read, then the rest, and
// never another user's.
func testNotificationsRead(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "RED")
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	var ids []int64
	update(t, s, func(tx store.Tx) error {
		for _, u := range []int64{ann.ID, ann.ID, ann.ID, bob.ID} {
			n := domain.Notification{UserID: u, ProjectID: p.ID, Title: "Hello", CreatedAt: at}
			if err := tx.CreateNotification(ctx, &n); err != nil {
				return err
			}
			ids = append(ids, n.ID)
		}
		return nil
	})
	mark := func(user int64, ids []int64) int64 {
		var n int64
		update(t, s, func(tx store.Tx) (err error) {
			n, err = tx.MarkNotificationsRead(ctx, user, ids, at.Add(time.Hour))
			return err
		})
		return n
	}
	if n := mark(ann.ID, []int64{ids[0], ids[3]}); n != 1 {
		t.Errorf("marked %d of ann's, want 1 (the other is bob's)", n)
	}
	if n := mark(ann.ID, nil); n != 2 {
		t.Errorf("marked %d more, want the other 2", n)
	}
	view(t, s, func(tx store.Tx) error {
		ns, err := tx.Notifications(ctx, bob.ID)
		if err == nil && (len(ns) != 1 || !ns[0].ReadAt.IsZero()) {
			t.Errorf("bob's notifications %+v", ns)
		}
		as, err := tx.Notifications(ctx, ann.ID)
		if err == nil && (len(as) != 3 || !as[2].ReadAt.Equal(at.Add(time.Hour))) {
			t.Errorf("ann's notifications %+v", as)
		}
		return err
	})
}

// testPreferences reads the defaults, then what was saved, twice.
func testPreferences(t *testing.T, s store.Store) {
	ctx := context.Background()
	u := createUser(t, s, "ann@example.com")
	get := func() domain.Preferences {
		var p domain.Preferences
		view(t, s, func(tx store.Tx) (err error) { p, err = tx.Preferences(ctx, u.ID); return err })
		return p
	}
	if p := get(); p != domain.DefaultPreferences {
		t.Errorf("before choosing: %+v, want the defaults", p)
	}
	for _, want := range []domain.Preferences{{DailyDigest: true, UpdatedAt: at}, {MentionEmail: true, UpdatedAt: at.Add(time.Hour)}} {
		update(t, s, func(tx store.Tx) error { return tx.SetPreferences(ctx, u.ID, want) })
		if got := get(); !reflect.DeepEqual(got, want) {
			t.Errorf("preferences %+v, want %+v", got, want)
		}
		var subs []domain.User
		view(t, s, func(tx store.Tx) (err error) { subs, err = tx.DigestSubscribers(ctx); return err })
		if want.DailyDigest != (len(subs) == 1 && subs[0].ID == u.ID) || len(subs) > 1 {
			t.Errorf("digest subscribers %+v with %+v", subs, want)
		}
	}
}
