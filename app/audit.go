package app

import (
	"context"
	"slices"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

type actorKey struct{}

// WithActor returns a context whose writes are recorded as done by actor
// (a user's e-mail, or "cli").
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// Actor returns who ctx acts for, "anonymous" when nobody is signed in.
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "anonymous"
}

// audit records a write in the transaction that makes it. An update that
// changed nothing records nothing.
func (a *App) audit(ctx context.Context, tx store.Tx, projectID int64, entity string, entityID int64, action string, changes []domain.Change) error {
	if action == "update" && len(changes) == 0 {
		return nil
	}
	return tx.RecordAudit(ctx, &domain.AuditEvent{
		ProjectID: projectID, Entity: entity, EntityID: entityID, Action: action,
		Actor: Actor(ctx), At: a.now().UTC(), Changes: changes,
	})
}

// History lists the audit events of one entity of a project, oldest first.
func (a *App) History(ctx context.Context, key, entity string, id int64, page store.Page) (evs []domain.AuditEvent, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		evs, err = tx.AuditEvents(ctx, p.ID, store.AuditFilter{Entity: entity, EntityID: id}, page)
		return err
	})
	return evs, err
}

// Changes lists what changed in a project since a moment ("what changed
// since Monday"), oldest first. Changes of money (in the risk register,
// expenses, budgets) are left out for a reader who may not see costs.
func (a *App) Changes(ctx context.Context, key string, f store.AuditFilter, page store.Page) (evs []domain.AuditEvent, err error) {
	var costs bool
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		costs = rights.costs
		evs, err = tx.AuditEvents(ctx, p.ID, f, page)
		return err
	})
	if err == nil && !costs {
		hideAuditCosts(evs)
		hideCostChanges(evs)
	}
	return evs, err
}

// hideCostChanges removes, for a reader who may not see costs, what
// expenses and budgets changed (the events stay, so pages keep their
// length) and the changes of the project's budget.
func hideCostChanges(evs []domain.AuditEvent) {
	for i := range evs {
		switch evs[i].Entity {
		case "expense", "budget":
			evs[i].Changes = nil
		case "project":
			evs[i].Changes = slices.DeleteFunc(slices.Clone(evs[i].Changes), func(c domain.Change) bool { return c.Field == "budget" })
		}
	}
}
