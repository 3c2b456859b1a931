package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// LoginLimits bound failed sign-ins. The counts live in the database, so
// every node behind a load balancer sees the same ones.
type LoginLimits struct {
	Window     time.Duration
	PerAccount int // failures per account within Window
	PerIP      int // failures from one address within Window
}

// DefaultLoginLimits: 10 failures per account and 50 per address in 15
// minutes. The address limit is higher because an office shares one.
var DefaultLoginLimits = LoginLimits{Window: 15 * time.Minute, PerAccount: 10, PerIP: 50}

// SetLoginLimits replaces the sign-in limits (tests make them small).
func (a *App) SetLoginLimits(l LoginLimits) { a.limits = l }

// SessionPolicy says how long a sign-in lasts: it ends after Idle without
// use, and in any case MaxAge after signing in. Use extends it, but at most
// once per Refresh, so that reading pages does not write to the database
// on every request.
type SessionPolicy struct {
	Idle, MaxAge, Refresh time.Duration
}

// DefaultSessionPolicy: 14 days idle, 30 days at most, refreshed hourly.
var DefaultSessionPolicy = SessionPolicy{Idle: 14 * 24 * time.Hour, MaxAge: 30 * 24 * time.Hour, Refresh: time.Hour}

// SessionMaxAge is how long a session can last at most; the server gives
// the cookie this lifetime and leaves the rest to the database.
func (a *App) SessionMaxAge() time.Duration { return a.sessions.MaxAge }

// hashToken is how session and API tokens are stored: hex SHA-256. The
// tokens are 128+ random bits, so a plain hash is enough (no salt or slow
// hash): nobody can guess one whose hash they saw.
func hashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// Login checks an email and password and starts a session. It returns the
// session's token, for the cookie. ip is the client's address, for rate
// limiting. Wrong credentials are KindUnauthorized, too many recent
// failures KindRateLimited (before the password is even checked).
func (a *App) Login(ctx context.Context, email, password, ip string) (string, domain.User, error) {
	account := domain.NormalizeEmail(email)
	now := a.now().UTC()
	var u domain.User
	var userErr error
	err := a.store.View(ctx, func(tx store.Tx) error {
		// A failure counts for exactly Window: the stored times have
		// microsecond precision.
		c, err := tx.LoginFailures(ctx, account, ip, now.Add(-a.limits.Window+time.Microsecond))
		if err != nil {
			return err
		}
		if err := a.limited(c, now); err != nil {
			return err
		}
		u, userErr = tx.UserByEmail(ctx, account)
		if userErr != nil && !domain.IsNotFound(userErr) {
			return userErr
		}
		return nil
	})
	if err != nil {
		return "", domain.User{}, err
	}
	hash := u.PasswordHash
	if userErr != nil {
		hash = a.dummyHash(ctx)
	}
	ok, stale, err := a.verifyPassword(ctx, hash, password)
	if err != nil {
		return "", domain.User{}, err
	}
	if !ok || userErr != nil {
		err := a.store.Update(ctx, func(tx store.Tx) error {
			if err := tx.PruneLoginFailures(ctx, now.Add(-a.limits.Window)); err != nil {
				return err
			}
			return tx.RecordLoginFailure(ctx, domain.LoginFailure{Account: account, IP: ip, At: now})
		})
		if err != nil {
			return "", domain.User{}, err
		}
		a.log.InfoContext(ctx, "sign-in failed", "account", account, "ip", ip)
		return "", domain.User{}, domain.Unauthorized("login_failed", "the email or password is wrong")
	}
	if u.Disabled {
		return "", domain.User{}, domain.Unauthorized("account_disabled", "this account is disabled; ask an administrator")
	}
	var rehash string
	if stale {
		if rehash, err = a.hashPassword(ctx, password); err != nil {
			return "", domain.User{}, err
		}
	}
	token := rand.Text()
	err = a.store.Update(ctx, func(tx store.Tx) error {
		if err := tx.ClearLoginFailures(ctx, account); err != nil {
			return err
		}
		if err := tx.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		if rehash != "" {
			u.PasswordHash = rehash
			if err := tx.UpdateUser(ctx, &u); err != nil {
				return err
			}
		}
		return tx.CreateSession(ctx, &domain.Session{TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now,
			ExpiresAt: now.Add(min(a.sessions.Idle, a.sessions.MaxAge))})
	})
	if err != nil {
		return "", domain.User{}, err
	}
	a.log.InfoContext(ctx, "signed in", "email", u.Email, "ip", ip)
	return token, u, nil
}

// limited fails when an account or an address has too many recent
// failures, saying when the oldest of them leaves the window.
func (a *App) limited(c store.LoginFailureCounts, now time.Time) error {
	var wait time.Duration
	if c.Account >= a.limits.PerAccount {
		wait = c.AccountOldest.Add(a.limits.Window).Sub(now)
	}
	if c.IP >= a.limits.PerIP {
		wait = max(wait, c.IPOldest.Add(a.limits.Window).Sub(now))
	}
	if wait <= 0 && c.Account < a.limits.PerAccount && c.IP < a.limits.PerIP {
		return nil
	}
	wait = max(wait, time.Second)
	return domain.RateLimited("too_many_attempts", wait, "too many failed sign-ins; try again in %s", roundUp(wait))
}

// roundUp says a wait in whole minutes, or seconds under one.
func roundUp(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	m := (d + time.Minute - 1) / time.Minute
	if m == 1 {
		return "1 minute"
	}
	return strconv.FormatInt(int64(m), 10) + " minutes"
}

// Logout ends the session with the given token. An unknown token is not
// an error: the user is signed out either way.
func (a *App) Logout(ctx context.Context, token string) error {
	return a.store.Update(ctx, func(tx store.Tx) error { return tx.DeleteSession(ctx, hashToken(token)) })
}

// SessionPrincipal returns who the session with the given token belongs
// to, extending the session if it is due. An unknown or expired session,
// or a disabled user, is KindUnauthorized.
func (a *App) SessionPrincipal(ctx context.Context, token string) (Principal, error) {
	var s domain.Session
	var u domain.User
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		s, u, err = tx.Session(ctx, hashToken(token))
		return err
	})
	if domain.IsNotFound(err) {
		return Principal{}, domain.Unauthorized("session_ended", "your session has ended; sign in again")
	}
	if err != nil {
		return Principal{}, err
	}
	now := a.now().UTC()
	if !now.Before(s.ExpiresAt) {
		return Principal{}, domain.Unauthorized("session_ended", "your session has expired; sign in again")
	}
	if u.Disabled {
		return Principal{}, domain.Unauthorized("account_disabled", "this account is disabled; ask an administrator")
	}
	next := minTime(now.Add(a.sessions.Idle), s.CreatedAt.Add(a.sessions.MaxAge))
	if next.Sub(s.ExpiresAt) >= a.sessions.Refresh {
		err := a.store.Update(ctx, func(tx store.Tx) error { return tx.ExtendSession(ctx, s.ID, next) })
		if err != nil {
			return Principal{}, err
		}
	}
	return Principal{User: u}, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
