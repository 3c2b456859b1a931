package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// memberSelect reads a membership with its user's email and name and its
// project's key.
const memberSelect = `SELECT m.id, m.project_id, p.key, m.user_id, u.email, u.name, m.role, m.version, m.created_at
	FROM memberships m JOIN users u ON u.id = m.user_id JOIN projects p ON p.id = m.project_id`

func scanMember(row interface{ Scan(...any) error }) (domain.Membership, error) {
	var m domain.Membership
	err := row.Scan(&m.ID, &m.ProjectID, &m.ProjectKey, &m.UserID, &m.Email, &m.Name, &m.Role, &m.Version, instantScan{&m.CreatedAt})
	return m, err
}

func (t *tx) AddMember(ctx context.Context, m *domain.Membership) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	m.Version, m.CreatedAt = 1, now
	id, err := t.insert(ctx, "member", "email", `INSERT INTO memberships (project_id, user_id, role, version, created_at) VALUES (?,?,?,?,?)`,
		m.ProjectID, m.UserID, m.Role, m.Version, stamp(now))
	m.ID = id
	if domain.ErrorKind(err) == domain.KindConflict {
		return domain.Conflict("already_member", "email", "this user is already a member of the project; change their role instead")
	}
	return err
}

func (t *tx) Member(ctx context.Context, projectID, userID int64) (domain.Membership, error) {
	m, err := scanMember(t.queryRow(ctx, memberSelect+" WHERE m.project_id = ? AND m.user_id = ?"+t.lockOf("m"), projectID, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.NotFound("member_not_found", "the user is not a member of this project")
	}
	if err != nil {
		return m, fmt.Errorf("read member: %w", err)
	}
	return m, nil
}

func (t *tx) Members(ctx context.Context, projectID int64) ([]domain.Membership, error) {
	rows, err := t.query(ctx, memberSelect+" WHERE m.project_id = ? ORDER BY m.id", projectID)
	if err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	return collect(rows, scanMember)
}

func (t *tx) Memberships(ctx context.Context, userID int64) ([]domain.Membership, error) {
	rows, err := t.query(ctx, memberSelect+" WHERE m.user_id = ? ORDER BY m.id", userID)
	if err != nil {
		return nil, fmt.Errorf("list memberships: %w", err)
	}
	return collect(rows, scanMember)
}

func (t *tx) UpdateMember(ctx context.Context, m *domain.Membership) error {
	err := t.versioned(ctx, "member", "memberships", m.ProjectID, m.ID, m.Version,
		"UPDATE memberships SET role = ?, version = version + 1 WHERE id = ? AND version = ?", m.Role, m.ID, m.Version)
	if err != nil {
		return err
	}
	return t.bump(ctx, "memberships", m.ID, &m.Version)
}

func (t *tx) RemoveMember(ctx context.Context, projectID, id, version int64) error {
	return t.versioned(ctx, "member", "memberships", projectID, id, version,
		"DELETE FROM memberships WHERE id = ? AND version = ?", id, version)
}

func (t *tx) ProjectRole(ctx context.Context, key string, userID int64) (int64, domain.Role, error) {
	var id int64
	var role sql.NullString
	err := t.queryRow(ctx, `SELECT p.id, m.role FROM projects p
		LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = ? WHERE p.key = ?`, userID, key).Scan(&id, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", domain.NotFound("project_not_found", "project %q does not exist", key)
	}
	if err != nil {
		return 0, "", fmt.Errorf("read project role: %w", err)
	}
	return id, domain.Role(role.String), nil
}

func (t *tx) MemberProjects(ctx context.Context, userID int64, page store.Page) ([]domain.Project, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+projectColumns+" FROM projects WHERE id IN (SELECT project_id FROM memberships WHERE user_id = ?)"+tail,
		append([]any{userID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list member projects: %w", err)
	}
	return collect(rows, scanProject)
}

// lockOf is lock for a query that joins: PostgreSQL cannot lock the
// nullable side of a join, so only the named table's rows are locked.
func (t *tx) lockOf(alias string) string {
	if l := t.lock(); l != "" {
		return l + " OF " + alias
	}
	return ""
}
