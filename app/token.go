package app

import (
	"context"
	"crypto/rand"
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TokenPrefix starts every personal API token, so that secret scanners and
// people can recognise one.
const TokenPrefix = "cairn_"

// tokenTouchEvery bounds how often a token's last-used time is written:
// recording every request would turn each read into a write.
const tokenTouchEvery = time.Minute

// NewToken is what it takes to create an API token.
type NewToken struct {
	Name      string
	ExpiresAt time.Time // zero: never
	ReadOnly  bool
}

// CreateToken creates a personal API token for the user with the given
// email and returns the secret, which is shown once and stored only as a
// hash. A signed-in user may create tokens only for themselves (site
// admins for anyone), and not with a read-only token.
func (a *App) CreateToken(ctx context.Context, email string, in NewToken) (string, domain.APIToken, error) {
	k := domain.APIToken{Name: in.Name, ReadOnly: in.ReadOnly, ExpiresAt: in.ExpiresAt.UTC()}
	if in.ExpiresAt.IsZero() {
		k.ExpiresAt = time.Time{}
	}
	if err := a.Authorize(ctx, "", ActionManageTokens); err != nil {
		return "", k, err
	}
	if err := k.Validate(); err != nil {
		return "", k, err
	}
	now := a.now().UTC().Truncate(time.Microsecond)
	if !k.ExpiresAt.IsZero() && !k.ExpiresAt.After(now) {
		return "", k, domain.Invalid("invalid_expiry", "expires_at", "the expiry %s is in the past; give a future time", k.ExpiresAt.Format(time.RFC3339))
	}
	secret := TokenPrefix + rand.Text()
	k.TokenHash, k.CreatedAt = hashToken(secret), now
	err := a.store.Update(ctx, func(tx store.Tx) error {
		u, err := tx.UserByEmail(ctx, domain.NormalizeEmail(email))
		if err != nil {
			return err
		}
		if p, ok := PrincipalFrom(ctx); ok && p.User.ID != u.ID && !p.User.SiteAdmin {
			return domain.Forbidden("forbidden", "you may create tokens only for yourself")
		}
		k.UserID = u.ID
		if err := tx.CreateAPIToken(ctx, &k); err != nil {
			return err
		}
		return a.audit(ctx, tx, 0, "token", k.ID, "create", domain.Diff(nil, tokenFields(u.Email, k)))
	})
	if err != nil {
		return "", domain.APIToken{}, err
	}
	return secret, k, nil
}

// Tokens lists the signed-in user's API tokens.
func (a *App) Tokens(ctx context.Context) (ks []domain.APIToken, err error) {
	p, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	err = a.store.View(ctx, func(tx store.Tx) error {
		ks, err = tx.APITokens(ctx, p.User.ID)
		return err
	})
	return ks, err
}

// RevokeToken deletes one of the signed-in user's API tokens.
func (a *App) RevokeToken(ctx context.Context, id int64) error {
	p, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if err := a.Authorize(ctx, "", ActionManageTokens); err != nil {
		return err
	}
	return a.store.Update(ctx, func(tx store.Tx) error {
		if err := tx.DeleteAPIToken(ctx, p.User.ID, id); err != nil {
			return err
		}
		return a.audit(ctx, tx, 0, "token", id, "delete", nil)
	})
}

// TokenPrincipal returns who an API token belongs to. An unknown, revoked
// or expired token, or one of a disabled user, is KindUnauthorized.
func (a *App) TokenPrincipal(ctx context.Context, secret string) (Principal, error) {
	return a.TokenAccess(ctx, secret, "", "")
}

// tokenRoleReader is a transaction that reads a token, its user and the
// user's role in a project in one statement, as sqlstore's can.
type tokenRoleReader interface {
	APITokenRole(ctx context.Context, tokenHash, key string) (domain.APIToken, domain.User, int64, domain.Role, error)
}

// TokenAccess is TokenPrincipal and then Authorize for action on the
// project with the given key, in one read: every API request asks both,
// and on PostgreSQL each read is a round trip. The errors come in the
// same order: the token's (401) before the permission's (403, or 404 for
// a project the user is not a member of). action "" checks only the
// token.
func (a *App) TokenAccess(ctx context.Context, secret, key string, action Action) (Principal, error) {
	bad := domain.Unauthorized("invalid_token", "the API token is not valid: it is mistyped, revoked or expired")
	if !strings.HasPrefix(secret, TokenPrefix) {
		return Principal{}, bad
	}
	project := action != "" && !slices.Contains(siteActions, action)
	var k domain.APIToken
	var u domain.User
	var projectID int64
	var role domain.Role
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		if r, ok := storeTx(tx).(tokenRoleReader); ok && project {
			k, u, projectID, role, err = r.APITokenRole(ctx, hashToken(secret), key)
			return err
		}
		if k, u, err = tx.APIToken(ctx, hashToken(secret)); err != nil || !project {
			return err
		}
		projectID, role, err = tx.ProjectRole(ctx, key, u.ID)
		if domain.IsNotFound(err) {
			return nil // the token is checked first
		}
		return err
	})
	if domain.IsNotFound(err) {
		return Principal{}, bad
	}
	if err != nil {
		return Principal{}, err
	}
	now := a.now().UTC()
	if !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt) {
		return Principal{}, domain.Unauthorized("token_expired", "the API token %q expired at %s; create a new one", k.Name, k.ExpiresAt.Format(time.RFC3339))
	}
	if u.Disabled {
		return Principal{}, domain.Unauthorized("account_disabled", "this account is disabled; ask an administrator")
	}
	if err := a.touchToken(ctx, k, now); err != nil {
		return Principal{}, err
	}
	p := Principal{User: u, ReadOnly: k.ReadOnly}
	switch {
	case action == "":
	case !project:
		err = decide(p, key, "", action)
	case projectID == 0:
		err = domain.NotFound("project_not_found", "project %q does not exist", key)
	default:
		err = decide(p, key, role, action)
	}
	return p, err
}

// touchToken records that a token was used, at most once per
// tokenTouchEvery: concurrent requests with one token on this node record
// it once, not once each.
func (a *App) touchToken(ctx context.Context, k domain.APIToken, now time.Time) error {
	if now.Sub(k.LastUsedAt) < tokenTouchEvery {
		return nil
	}
	if prev, ok := a.touched.Load(k.ID); ok && now.Sub(prev.(time.Time)) < tokenTouchEvery {
		return nil
	}
	a.touched.Store(k.ID, now)
	return a.store.Update(ctx, func(tx store.Tx) error { return tx.TouchAPIToken(ctx, k.ID, now) })
}

// signedIn returns ctx's principal, or KindUnauthorized for a use case
// that is about the signed-in user.
func signedIn(ctx context.Context) (Principal, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return p, domain.Unauthorized("not_signed_in", "sign in first: this is about your own account")
	}
	return p, nil
}

// tokenFields lists a token's auditable fields; never the secret.
func tokenFields(email string, k domain.APIToken) [][2]string {
	exp := ""
	if !k.ExpiresAt.IsZero() {
		exp = k.ExpiresAt.Format(time.RFC3339)
	}
	ro := ""
	if k.ReadOnly {
		ro = "true"
	}
	return [][2]string{{"user", email}, {"name", k.Name}, {"expires_at", exp}, {"read_only", ro}}
}
