package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

const commentColumns = `id, project_id, entity, entity_id, author_id, author, body, mentions, created_at`

func scanComment(row interface{ Scan(...any) error }) (domain.Comment, error) {
	var c domain.Comment
	var mentions string
	err := row.Scan(&c.ID, &c.ProjectID, &c.Entity, &c.EntityID, idScan{&c.AuthorID}, &c.Author, &c.Body, &mentions,
		instantScan{&c.CreatedAt})
	if err != nil {
		return c, err
	}
	for s := range strings.SplitSeq(mentions, ",") {
		if s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return c, fmt.Errorf("comment %d mentions %q: %w", c.ID, s, err)
		}
		c.Mentions = append(c.Mentions, id)
	}
	return c, nil
}

func (t *tx) CreateComment(ctx context.Context, c *domain.Comment) error {
	ids := make([]string, len(c.Mentions))
	for i, id := range c.Mentions {
		ids[i] = strconv.FormatInt(id, 10)
	}
	id, err := t.insert(ctx, "comment", "", `INSERT INTO comments (project_id, entity, entity_id, author_id, author, body,
		mentions, created_at) VALUES (?,?,?,?,?,?,?,?)`, c.ProjectID, string(c.Entity), c.EntityID, nullID(c.AuthorID),
		c.Author, c.Body, strings.Join(ids, ","), instant(c.CreatedAt))
	c.ID = id
	return err
}

func (t *tx) Comment(ctx context.Context, projectID, id int64) (domain.Comment, error) {
	c, err := scanComment(t.queryRow(ctx, "SELECT "+commentColumns+" FROM comments WHERE id = ? AND project_id = ?"+t.lock(), id, projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.NotFound("comment_not_found", "comment %d does not exist in this project", id)
	}
	if err != nil {
		return c, fmt.Errorf("read comment: %w", err)
	}
	return c, nil
}

func (t *tx) Comments(ctx context.Context, projectID int64, entity domain.CommentEntity, entityID int64) ([]domain.Comment, error) {
	q, args := "SELECT "+commentColumns+" FROM comments WHERE project_id = ?", []any{projectID}
	if entity != "" {
		q, args = q+" AND entity = ? AND entity_id = ?", append(args, string(entity), entityID)
	}
	rows, err := t.query(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	return collect(rows, scanComment)
}

func (t *tx) DeleteComment(ctx context.Context, projectID, id int64) error {
	// Delete the mentions' notifications explicitly: SQLite connections
	// may run without foreign keys enforced.
	if _, err := t.exec(ctx, "DELETE FROM notifications WHERE comment_id = ?", id); err != nil {
		return fmt.Errorf("delete comment %d's notifications: %w", id, err)
	}
	res, err := t.exec(ctx, "DELETE FROM comments WHERE id = ? AND project_id = ?", id, projectID)
	if err != nil {
		return fmt.Errorf("delete comment: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("comment_not_found", "comment %d does not exist in this project", id)
	}
	return nil
}

func (t *tx) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int64, error) {
	q, args := "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", []any{instant(at), userID}
	if len(ids) > 0 {
		q += " AND id IN (" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("mark notifications read: %w", err)
	}
	return res.RowsAffected()
}

func (t *tx) Preferences(ctx context.Context, userID int64) (domain.Preferences, error) {
	var p domain.Preferences
	var mention, digest int
	err := t.queryRow(ctx, "SELECT mention_email, daily_digest, updated_at FROM user_preferences WHERE user_id = ?", userID).
		Scan(&mention, &digest, instantScan{&p.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return domain.DefaultPreferences, nil
	}
	if err != nil {
		return p, fmt.Errorf("read preferences: %w", err)
	}
	p.MentionEmail, p.DailyDigest = mention != 0, digest != 0
	return p, nil
}

func (t *tx) SetPreferences(ctx context.Context, userID int64, p domain.Preferences) error {
	_, err := t.exec(ctx, `INSERT INTO user_preferences (user_id, mention_email, daily_digest, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (user_id) DO UPDATE SET mention_email = excluded.mention_email, daily_digest = excluded.daily_digest,
		updated_at = excluded.updated_at`, userID, boolInt(p.MentionEmail), boolInt(p.DailyDigest), instant(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	return nil
}

func (t *tx) DigestSubscribers(ctx context.Context) ([]domain.User, error) {
	rows, err := t.query(ctx, "SELECT "+userColumnsOf("u")+` FROM users u JOIN user_preferences p ON p.user_id = u.id
		WHERE p.daily_digest <> 0 AND u.disabled = ? ORDER BY u.id`, boolInt(false))
	if err != nil {
		return nil, fmt.Errorf("list digest subscribers: %w", err)
	}
	return collect(rows, scanUser)
}
