package app

import (
	"context"
	"strconv"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Stakeholders lists a project's stakeholder register. E-mail addresses
// are left out unless withEmail (the caller manages the project): many
// stakeholders are outsiders whose addresses the team has no need of.
func (a *App) Stakeholders(ctx context.Context, key string, withEmail bool) ([]domain.Stakeholder, error) {
	var out []domain.Stakeholder
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		out, err = tx.Stakeholders(ctx, p.ID)
		return err
	})
	if !withEmail {
		for i := range out {
			out[i].Email = ""
		}
	}
	return out, err
}

// Stakeholder returns one stakeholder, without the e-mail address unless
// withEmail.
func (a *App) Stakeholder(ctx context.Context, key string, id int64, withEmail bool) (domain.Stakeholder, error) {
	var s domain.Stakeholder
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		s, err = tx.Stakeholder(ctx, p.ID, id)
		return err
	})
	if !withEmail {
		s.Email = ""
	}
	return s, err
}

// linkUser makes a stakeholder whose e-mail address is a Cairn account's
// that user, so that in-app delivery can reach them.
func linkUser(ctx context.Context, tx store.Tx, s *domain.Stakeholder) error {
	if s.Email == "" {
		s.UserID = 0
		return nil
	}
	u, err := tx.UserByEmail(ctx, s.Email)
	switch {
	case err == nil:
		s.UserID = u.ID
	case domain.IsNotFound(err):
		s.UserID = 0
	default:
		return err
	}
	return nil
}

// CreateStakeholder adds s to project key's register.
func (a *App) CreateStakeholder(ctx context.Context, key string, s domain.Stakeholder) (domain.Stakeholder, error) {
	if err := s.Validate(); err != nil {
		return s, err
	}
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		s.ProjectID, s.CreatedAt, s.UpdatedAt = p.ID, a.now().UTC(), a.now().UTC()
		if err := linkUser(ctx, tx, &s); err != nil {
			return err
		}
		if err := tx.CreateStakeholder(ctx, &s); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "stakeholder", s.ID, "create", domain.Diff(nil, stakeholderFields(s)))
	})
	return s, err
}

// UpdateStakeholder lets edit change stakeholder id (version 0: no
// check), validates the result, and saves and audits it.
func (a *App) UpdateStakeholder(ctx context.Context, key string, id, version int64, edit func(*domain.Stakeholder)) (domain.Stakeholder, error) {
	var s domain.Stakeholder
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if s, err = tx.Stakeholder(ctx, p.ID, id); err != nil {
			return err
		}
		if err := checkVersion("stakeholder", id, version, s.Version); err != nil {
			return err
		}
		old := stakeholderFields(s)
		edit(&s)
		if err := s.Validate(); err != nil {
			return err
		}
		if err := linkUser(ctx, tx, &s); err != nil {
			return err
		}
		s.UpdatedAt = a.now().UTC()
		if err := tx.UpdateStakeholder(ctx, &s); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "stakeholder", s.ID, "update", domain.Diff(old, stakeholderFields(s)))
	})
	return s, err
}

// DeleteStakeholder removes a stakeholder from the register.
func (a *App) DeleteStakeholder(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		s, err := tx.Stakeholder(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteStakeholder(ctx, p.ID, id, version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "stakeholder", id, "delete", domain.Diff(stakeholderFields(s), nil))
	})
}

// stakeholderFields lists a stakeholder's auditable fields.
func stakeholderFields(s domain.Stakeholder) [][2]string {
	return [][2]string{{"name", s.Name}, {"organisation", s.Organisation}, {"role", string(s.Role)},
		{"power", strconv.Itoa(s.Power)}, {"interest", strconv.Itoa(s.Interest)}, {"email", s.Email}, {"notes", s.Notes}}
}
