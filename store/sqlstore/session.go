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

func (t *tx) CreateSession(ctx context.Context, s *domain.Session) error {
	id, err := t.insert(ctx, "session", "", `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)`,
		s.TokenHash, s.UserID, stamp(s.CreatedAt), stamp(s.ExpiresAt))
	s.ID = id
	return err
}

func (t *tx) Session(ctx context.Context, tokenHash string) (domain.Session, domain.User, error) {
	var s domain.Session
	var u domain.User
	dest := append([]any{&s.ID, &s.TokenHash, &s.UserID, instantScan{&s.CreatedAt}, instantScan{&s.ExpiresAt}}, userDest(&u)...)
	err := t.queryRow(ctx, `SELECT s.id, s.token_hash, s.user_id, s.created_at, s.expires_at, `+userColumnsOf("u")+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return s, u, domain.NotFound("session_not_found", "the session does not exist or has ended")
	}
	if err != nil {
		return s, u, fmt.Errorf("read session: %w", err)
	}
	return s, u, nil
}

func (t *tx) ExtendSession(ctx context.Context, id int64, expiresAt time.Time) error {
	if _, err := t.exec(ctx, "UPDATE sessions SET expires_at = ? WHERE id = ?", stamp(expiresAt), id); err != nil {
		return fmt.Errorf("extend session: %w", err)
	}
	return nil
}

func (t *tx) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := t.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

func (t *tx) DeleteSessions(ctx context.Context, userID int64) error {
	if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	return nil
}

func (t *tx) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	if _, err := t.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", stamp(now)); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}

const tokenColumns = `id, user_id, name, token_hash, read_only, expires_at, last_used_at, created_at`

func tokenDest(k *domain.APIToken) []any {
	return []any{&k.ID, &k.UserID, &k.Name, &k.TokenHash, boolScan{&k.ReadOnly}, nullInstantScan{&k.ExpiresAt},
		nullInstantScan{&k.LastUsedAt}, instantScan{&k.CreatedAt}}
}

func (t *tx) CreateAPIToken(ctx context.Context, k *domain.APIToken) error {
	id, err := t.insert(ctx, "token", "", `INSERT INTO api_tokens (user_id, name, token_hash, read_only, expires_at, last_used_at, created_at)
		VALUES (?,?,?,?,?,?,?)`, k.UserID, k.Name, k.TokenHash, boolInt(k.ReadOnly), nullStamp(k.ExpiresAt), nullStamp(k.LastUsedAt), stamp(k.CreatedAt))
	k.ID = id
	return err
}

func (t *tx) APIToken(ctx context.Context, tokenHash string) (domain.APIToken, domain.User, error) {
	var k domain.APIToken
	var u domain.User
	err := t.queryRow(ctx, `SELECT k.id, k.user_id, k.name, k.token_hash, k.read_only, k.expires_at, k.last_used_at, k.created_at, `+
		userColumnsOf("u")+` FROM api_tokens k JOIN users u ON u.id = k.user_id WHERE k.token_hash = ?`, tokenHash).
		Scan(append(tokenDest(&k), userDest(&u)...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return k, u, domain.NotFound("token_not_found", "the token does not exist or was revoked")
	}
	if err != nil {
		return k, u, fmt.Errorf("read token: %w", err)
	}
	return k, u, nil
}

func (t *tx) APITokens(ctx context.Context, userID int64) ([]domain.APIToken, error) {
	rows, err := t.query(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE user_id = ? ORDER BY id", userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.APIToken, error) {
		var k domain.APIToken
		return k, row.Scan(tokenDest(&k)...)
	})
}

func (t *tx) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	if _, err := t.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", stamp(at), id); err != nil {
		return fmt.Errorf("touch token: %w", err)
	}
	return nil
}

func (t *tx) DeleteAPIToken(ctx context.Context, userID, id int64) error {
	res, err := t.exec(ctx, "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", id, userID)
	if err != nil {
		return fmt.Errorf("delete token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.NotFound("token_not_found", "you have no token %d", id)
	}
	return nil
}

func (t *tx) RecordLoginFailure(ctx context.Context, f domain.LoginFailure) error {
	if _, err := t.exec(ctx, "INSERT INTO login_failures (account, ip, at) VALUES (?,?,?)", f.Account, f.IP, stamp(f.At)); err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	return nil
}

func (t *tx) LoginFailures(ctx context.Context, account, ip string, since time.Time) (store.LoginFailureCounts, error) {
	var c store.LoginFailureCounts
	for _, q := range []struct {
		column, value string
		n             *int
		oldest        *time.Time
	}{{"account", account, &c.Account, &c.AccountOldest}, {"ip", ip, &c.IP, &c.IPOldest}} {
		var oldest sql.NullString
		err := t.queryRow(ctx, "SELECT COUNT(*), MIN(at) FROM login_failures WHERE "+q.column+" = ? AND at >= ?", q.value, stamp(since)).
			Scan(q.n, &oldest)
		if err != nil {
			return c, fmt.Errorf("count login failures: %w", err)
		}
		if oldest.Valid {
			if err := (instantScan{q.oldest}).Scan(oldest.String); err != nil {
				return c, err
			}
		}
	}
	return c, nil
}

func (t *tx) ClearLoginFailures(ctx context.Context, account string) error {
	if _, err := t.exec(ctx, "DELETE FROM login_failures WHERE account = ?", account); err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

func (t *tx) PruneLoginFailures(ctx context.Context, before time.Time) error {
	if _, err := t.exec(ctx, "DELETE FROM login_failures WHERE at < ?", stamp(before)); err != nil {
		return fmt.Errorf("prune login failures: %w", err)
	}
	return nil
}
