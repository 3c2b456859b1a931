package store

import (
	"context"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// CommentTx is the part of a transaction about team communication:
// comments, reading notifications, and notification preferences.
type CommentTx interface {
	// CreateComment stores c and sets its ID; Comment reads one back;
	// Comments lists those on one entity of a project, oldest first (an
	// empty entity: all of the project's); DeleteComment removes one, and
	// the notifications of its mentions with it.
	CreateComment(ctx context.Context, c *domain.Comment) error
	Comment(ctx context.Context, projectID, id int64) (domain.Comment, error)
	Comments(ctx context.Context, projectID int64, entity domain.CommentEntity, entityID int64) ([]domain.Comment, error)
	DeleteComment(ctx context.Context, projectID, id int64) error

	// MarkNotificationsRead marks a user's unread notifications ids (all
	// of them when ids is empty) read at at, and returns how many it
	// marked; another user's ids are left alone.
	MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int64, error)

	// Preferences returns a user's notification preferences, or
	// domain.DefaultPreferences when they never chose; SetPreferences
	// saves them.
	Preferences(ctx context.Context, userID int64) (domain.Preferences, error)
	SetPreferences(ctx context.Context, userID int64, p domain.Preferences) error
	// DigestSubscribers lists the enabled users who turned the daily
	// digest on, by id.
	DigestSubscribers(ctx context.Context) ([]domain.User, error)
}
