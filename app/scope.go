package app

import (
	"context"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// scopedStore gives every use case a transaction seen through the eyes of
// the context's principal: project lists hold only the projects the user
// is a member of (all of them for site admins and trusted callers), and a
// project a user creates makes them its owner, in the same transaction.
// Putting these two rules here means every use case that lists or creates
// projects follows them without repeating them.
type scopedStore struct {
	store.Store
	app *App
}

func (s scopedStore) View(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.View(ctx, func(tx store.Tx) error { return fn(scopedTx{Tx: tx, app: s.app}) })
}

func (s scopedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.Update(ctx, func(tx store.Tx) error { return fn(scopedTx{Tx: tx, app: s.app}) })
}

type scopedTx struct {
	store.Tx
	app *App
}

// Projects lists the projects the principal may see.
func (t scopedTx) Projects(ctx context.Context, page store.Page) ([]domain.Project, error) {
	if p, ok := PrincipalFrom(ctx); ok && !p.User.SiteAdmin {
		return t.Tx.MemberProjects(ctx, p.User.ID, page)
	}
	return t.Tx.Projects(ctx, page)
}

// CreateProject stores the project and makes its creator its owner.
func (t scopedTx) CreateProject(ctx context.Context, p *domain.Project) error {
	if err := t.Tx.CreateProject(ctx, p); err != nil {
		return err
	}
	pr, ok := PrincipalFrom(ctx)
	if !ok {
		return nil
	}
	m := domain.Membership{ProjectID: p.ID, UserID: pr.User.ID, Role: domain.RoleOwner}
	if err := t.Tx.AddMember(ctx, &m); err != nil {
		return err
	}
	return t.app.audit(ctx, t.Tx, p.ID, "member", m.ID, "create", domain.Diff(nil, memberFields(pr.User.Email, m.Role)))
}

// projectSharer is a transaction that can read a project for a write
// that leaves the project and the plan's structure alone, without locking
// out other such writes, as sqlstore's can (ProjectShared).
type projectSharer interface {
	ProjectShared(ctx context.Context, key string) (domain.Project, error)
}

// projectShared reads a project for a write that changes one entity of
// it and nothing that other writers check (no parent, no link): such
// writes need not queue behind each other on the project row. A store
// that cannot lock more finely gets Project.
func projectShared(ctx context.Context, tx store.Tx, key string) (domain.Project, error) {
	if s, ok := storeTx(tx).(projectSharer); ok {
		return s.ProjectShared(ctx, key)
	}
	return tx.Project(ctx, key)
}

// storeTx is the store's own transaction inside tx, for the optional
// methods some stores have beyond store.Tx. Neither changes what the
// principal may see, so going around scopedTx for them is safe.
func storeTx(tx store.Tx) store.Tx {
	if s, ok := tx.(scopedTx); ok {
		return s.Tx
	}
	return tx
}

// memberFields lists a membership's auditable fields.
func memberFields(email string, role domain.Role) [][2]string {
	return [][2]string{{"email", email}, {"role", string(role)}}
}
