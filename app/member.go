package app

import (
	"context"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Members lists the members of a project with their roles.
func (a *App) Members(ctx context.Context, key string) (ms []domain.Membership, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		id, err := a.access(ctx, tx, key, ActionView)
		if err != nil {
			return err
		}
		ms, err = tx.Members(ctx, id)
		return err
	})
	return ms, err
}

// AddMember gives the user with the given email a role in a project.
// Managers may add managers, members and viewers; only owners may add
// owners.
func (a *App) AddMember(ctx context.Context, key, email string, role domain.Role) (domain.Membership, error) {
	m := domain.Membership{Role: role}
	err := a.store.Update(ctx, func(tx store.Tx) error {
		id, err := a.access(ctx, tx, key, ActionManageMembers)
		if err != nil {
			return err
		}
		if _, err := domain.ParseRole(string(role)); err != nil {
			return err
		}
		if role == domain.RoleOwner {
			if _, err := a.access(ctx, tx, key, ActionManageOwners); err != nil {
				return err
			}
		}
		u, err := tx.UserByEmail(ctx, domain.NormalizeEmail(email))
		if domain.IsNotFound(err) {
			return domain.Invalid("unknown_user", "email", "no account has the email %q; create it first (cairn user add)", email)
		}
		if err != nil {
			return err
		}
		m.ProjectID, m.ProjectKey, m.UserID, m.Email, m.Name = id, key, u.ID, u.Email, u.Name
		if err := tx.AddMember(ctx, &m); err != nil {
			return err
		}
		return a.audit(ctx, tx, id, "member", m.ID, "create", domain.Diff(nil, memberFields(m.Email, m.Role)))
	})
	return m, err
}

// UpdateMember changes a member's role. version is the membership version
// the caller last saw (0: do not check). A project keeps at least one
// owner.
func (a *App) UpdateMember(ctx context.Context, key, email string, version int64, role domain.Role) (domain.Membership, error) {
	var m domain.Membership
	err := a.store.Update(ctx, func(tx store.Tx) error {
		var err error
		if m, err = a.member(ctx, tx, key, email); err != nil {
			return err
		}
		if _, err := domain.ParseRole(string(role)); err != nil {
			return err
		}
		if err := a.ownerChange(ctx, tx, key, m, role); err != nil {
			return err
		}
		if err := checkVersion("member", m.ID, version, m.Version); err != nil {
			return err
		}
		before := memberFields(m.Email, m.Role)
		m.Role = role
		if err := tx.UpdateMember(ctx, &m); err != nil {
			return err
		}
		return a.audit(ctx, tx, m.ProjectID, "member", m.ID, "update", domain.Diff(before, memberFields(m.Email, m.Role)))
	})
	return m, err
}

// RemoveMember takes a user out of a project. version is as for
// UpdateMember. A project keeps at least one owner.
func (a *App) RemoveMember(ctx context.Context, key, email string, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		m, err := a.member(ctx, tx, key, email)
		if err != nil {
			return err
		}
		if err := a.ownerChange(ctx, tx, key, m, ""); err != nil {
			return err
		}
		if err := checkVersion("member", m.ID, version, m.Version); err != nil {
			return err
		}
		if err := tx.RemoveMember(ctx, m.ProjectID, m.ID, m.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, m.ProjectID, "member", m.ID, "delete", domain.Diff(memberFields(m.Email, m.Role), nil))
	})
}

// member checks that the caller may manage the members of the project and
// loads the membership of the user with the given email.
func (a *App) member(ctx context.Context, tx store.Tx, key, email string) (domain.Membership, error) {
	id, err := a.access(ctx, tx, key, ActionManageMembers)
	if err != nil {
		return domain.Membership{}, err
	}
	notMember := domain.NotFound("member_not_found", "%s is not a member of project %s", email, key)
	u, err := tx.UserByEmail(ctx, domain.NormalizeEmail(email))
	if domain.IsNotFound(err) {
		return domain.Membership{}, notMember
	}
	if err != nil {
		return domain.Membership{}, err
	}
	m, err := tx.Member(ctx, id, u.ID)
	if domain.IsNotFound(err) {
		return m, notMember
	}
	return m, err
}

// ownerChange checks a change of m's role to role ("" for removal): only
// owners may touch the owner role, and the last owner cannot go.
func (a *App) ownerChange(ctx context.Context, tx store.Tx, key string, m domain.Membership, role domain.Role) error {
	if m.Role != domain.RoleOwner && role != domain.RoleOwner {
		return nil
	}
	if _, err := a.access(ctx, tx, key, ActionManageOwners); err != nil {
		return err
	}
	if m.Role != domain.RoleOwner || role == domain.RoleOwner {
		return nil
	}
	ms, err := tx.Members(ctx, m.ProjectID)
	if err != nil {
		return err
	}
	owners := 0
	for _, o := range ms {
		if o.Role == domain.RoleOwner {
			owners++
		}
	}
	if owners <= 1 {
		return domain.Conflict("last_owner", "role", "%s is the last owner of project %s; make someone else owner first", m.Email, key)
	}
	return nil
}
