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

// stamp encodes an instant of the account tables in UTC with a fixed
// number of fractional digits, so that comparing the text in SQL
// (expiry, rate-limit windows) compares the times.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// nullStamp encodes an optional instant; the zero time is NULL.
func nullStamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return stamp(t)
}

// nullInstantScan reads a nullable instant as the zero time for NULL.
type nullInstantScan struct{ t *time.Time }

func (n nullInstantScan) Scan(src any) error {
	if src == nil {
		*n.t = time.Time{}
		return nil
	}
	return instantScan{n.t}.Scan(src)
}

// boolScan reads an integer 0/1 column as a bool.
type boolScan struct{ b *bool }

func (s boolScan) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.b = n.Int64 != 0
	return nil
}

const userColumns = `id, email, name, time_zone, password_hash, site_admin, disabled, version, created_at, updated_at`

// userColumnsOf is userColumns qualified with a table alias, for joins.
func userColumnsOf(alias string) string {
	return alias + ".id, " + alias + ".email, " + alias + ".name, " + alias + ".time_zone, " + alias + ".password_hash, " +
		alias + ".site_admin, " + alias + ".disabled, " + alias + ".version, " + alias + ".created_at, " + alias + ".updated_at"
}

func userDest(u *domain.User) []any {
	return []any{&u.ID, &u.Email, &u.Name, &u.TimeZone, &u.PasswordHash, boolScan{&u.SiteAdmin}, boolScan{&u.Disabled},
		&u.Version, instantScan{&u.CreatedAt}, instantScan{&u.UpdatedAt}}
}

func scanUser(row interface{ Scan(...any) error }) (domain.User, error) {
	var u domain.User
	err := row.Scan(userDest(&u)...)
	return u, err
}

func (t *tx) CreateUser(ctx context.Context, u *domain.User) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	u.Version, u.CreatedAt, u.UpdatedAt = 1, now, now
	id, err := t.insert(ctx, "user", "email", `INSERT INTO users (email, name, time_zone, password_hash, site_admin, disabled,
		version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
		u.Email, u.Name, u.TimeZone, u.PasswordHash, boolInt(u.SiteAdmin), boolInt(u.Disabled), u.Version, stamp(now), stamp(now))
	u.ID = id
	return err
}

func (t *tx) oneUser(ctx context.Context, what string, query string, arg any) (domain.User, error) {
	u, err := scanUser(t.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE "+query+t.lock(), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.NotFound("user_not_found", "there is no user %s", what)
	}
	if err != nil {
		return u, fmt.Errorf("read user %s: %w", what, err)
	}
	return u, nil
}

func (t *tx) User(ctx context.Context, id int64) (domain.User, error) {
	return t.oneUser(ctx, fmt.Sprint(id), "id = ?", id)
}

func (t *tx) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	return t.oneUser(ctx, "with email "+email, "email = ?", email)
}

func (t *tx) Users(ctx context.Context, page store.Page) ([]domain.User, error) {
	tail, args := pageClause(page)
	rows, err := t.query(ctx, "SELECT "+userColumns+" FROM users WHERE 1=1"+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return collect(rows, scanUser)
}

func (t *tx) UpdateUser(ctx context.Context, u *domain.User) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := t.versioned(ctx, "user", "users", 0, u.ID, u.Version, `UPDATE users SET name = ?, time_zone = ?, password_hash = ?,
		site_admin = ?, disabled = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		u.Name, u.TimeZone, u.PasswordHash, boolInt(u.SiteAdmin), boolInt(u.Disabled), stamp(now), u.ID, u.Version)
	if err != nil {
		return err
	}
	u.UpdatedAt = now
	return t.bump(ctx, "users", u.ID, &u.Version)
}

func (t *tx) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := t.queryRow(ctx, "SELECT 1 FROM users LIMIT 1").Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	return true, nil
}
