package app

import (
	"context"
	"strconv"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// NewUser is what it takes to create an account.
type NewUser struct {
	Email, Name, TimeZone string
	Password              string
	SiteAdmin             bool
}

// AddUser creates an account. Only trusted callers (the CLI) and site
// admins may.
func (a *App) AddUser(ctx context.Context, in NewUser) (domain.User, error) {
	if err := requireSiteAdmin(ctx); err != nil {
		return domain.User{}, err
	}
	u := domain.User{Email: in.Email, Name: in.Name, TimeZone: in.TimeZone, SiteAdmin: in.SiteAdmin}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return u, err
	}
	if err := domain.ValidatePassword(in.Password); err != nil {
		return u, err
	}
	hash, err := a.hashPassword(ctx, in.Password) // outside the transaction: it is slow
	if err != nil {
		return u, err
	}
	u.PasswordHash = hash
	err = a.store.Update(ctx, func(tx store.Tx) error {
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		return a.audit(ctx, tx, 0, "user", u.ID, "create", domain.Diff(nil, userFields(u)))
	})
	if err != nil {
		return domain.User{}, err
	}
	a.hasUsers.Store(true)
	a.log.InfoContext(ctx, "user added", "email", u.Email, "site_admin", u.SiteAdmin)
	return u, nil
}

// Users lists one page of accounts. Only trusted callers and site admins
// may.
func (a *App) Users(ctx context.Context, page store.Page) (us []domain.User, err error) {
	if err := requireSiteAdmin(ctx); err != nil {
		return nil, err
	}
	err = a.store.View(ctx, func(tx store.Tx) error {
		us, err = tx.Users(ctx, page)
		return err
	})
	return us, err
}

// SetUserDisabled disables or enables an account. Disabling signs the
// user out everywhere; their API tokens stop working while disabled.
func (a *App) SetUserDisabled(ctx context.Context, email string, disabled bool) (domain.User, error) {
	if err := requireSiteAdmin(ctx); err != nil {
		return domain.User{}, err
	}
	var u domain.User
	err := a.store.Update(ctx, func(tx store.Tx) error {
		var err error
		if u, err = tx.UserByEmail(ctx, domain.NormalizeEmail(email)); err != nil {
			return err
		}
		before := userFields(u)
		u.Disabled = disabled
		if err := tx.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if disabled {
			if err := tx.DeleteSessions(ctx, u.ID); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, 0, "user", u.ID, "update", domain.Diff(before, userFields(u)))
	})
	return u, err
}

// HasUsers reports whether any account exists. Until one does, the server
// runs open, without sign-in. Once true, the answer is remembered: accounts
// are disabled, never deleted.
func (a *App) HasUsers(ctx context.Context) (bool, error) {
	if a.hasUsers.Load() {
		return true, nil
	}
	var has bool
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		has, err = tx.HasUsers(ctx)
		return err
	})
	if has {
		a.hasUsers.Store(true)
	}
	return has, err
}

// requireSiteAdmin lets trusted callers and site admins through.
func requireSiteAdmin(ctx context.Context) error {
	p, ok := PrincipalFrom(ctx)
	switch {
	case !ok:
		return nil
	case !p.User.SiteAdmin:
		return domain.Forbidden("forbidden", "only site administrators may manage accounts")
	case p.ReadOnly:
		return readOnlyError()
	}
	return nil
}

// userFields lists an account's auditable fields; never the password.
func userFields(u domain.User) [][2]string {
	return [][2]string{
		{"email", u.Email}, {"name", u.Name}, {"time_zone", u.TimeZone},
		{"site_admin", strconv.FormatBool(u.SiteAdmin)}, {"disabled", strconv.FormatBool(u.Disabled)},
	}
}
