// Package backuptest fills a store with the kinds of data a backup must
// carry, through the application layer, for the backup tests and the
// CLI's.
package backuptest

import (
	"context"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Populate imports the demo plan (project NET) into s and then works on
// it as people would: two accounts, a member removed and added again, a
// token made and revoked, tasks edited, moved, added and deleted, links
// added and deleted, two baselines, and a second project deleted again,
// so that its history outlives it.
func Populate(t testing.TB, s store.Store) {
	t.Helper()
	ctx := app.WithActor(context.Background(), "cli")
	a := app.New(s, nil)
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	plan, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	must(a.ImportPlan(ctx, plan))
	must(a.AddUser(ctx, app.NewUser{Email: "ann@example.com", Name: "Ann Lee", TimeZone: "Europe/London",
		Password: "correct horse battery", SiteAdmin: true}))
	must(a.AddUser(ctx, app.NewUser{Email: "bob@example.com", Password: "bobs long password"}))
	must(a.SetUserDisabled(ctx, "bob@example.com", true))
	must(a.SetUserDisabled(ctx, "bob@example.com", false))
	secret, k, err := a.CreateToken(ctx, "ann@example.com", app.NewToken{Name: "CI"})
	must(nil, err)
	ann, err := a.TokenPrincipal(ctx, secret)
	must(nil, err)
	must(nil, a.RevokeToken(app.WithPrincipal(app.WithActor(ctx, "ann@example.com"), ann), k.ID))

	m, err := a.AddMember(ctx, "NET", "bob@example.com", domain.RoleViewer)
	must(nil, err)
	must(nil, a.RemoveMember(ctx, "NET", "bob@example.com", m.Version))
	must(a.AddMember(ctx, "NET", "bob@example.com", domain.RoleMember))
	must(a.AddMember(ctx, "NET", "ann@example.com", domain.RoleOwner))

	_, tasks, err := a.Tasks(ctx, "NET", store.Page{})
	must(nil, err)
	var summary, leaf domain.Task
	for _, k := range tasks {
		if k.Parent == 0 && summary.ID == 0 {
			summary = k
		}
		if k.Parent != 0 && k.Kind == domain.KindTask {
			leaf = k
		}
	}
	must(a.UpdateTask(ctx, "NET", leaf.ID, leaf.Version, func(_ domain.Project, k *domain.Task) error {
		k.Name, k.Duration, k.Notes = k.Name+" (revised)", domain.Duration{Minutes: 3 * 480}, "Vendor asked for a third day."
		k.PercentComplete, k.ActualStart = 40, time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
		return nil
	}))
	extra, err := a.CreateTask(ctx, "NET", func(_ domain.Project, k *domain.Task) error {
		k.Name, k.Duration, k.Parent = "Label the patch panels", domain.Duration{Minutes: 240}, summary.ID
		return nil
	})
	must(nil, err)
	gone, err := a.CreateTask(ctx, "NET", func(_ domain.Project, k *domain.Task) error {
		k.Name, k.Kind = "Celebrate", domain.KindMilestone
		return nil
	})
	must(nil, err)
	link, err := a.CreateDependency(ctx, "NET", func(_ domain.Project, d *domain.Dependency) error {
		d.Predecessor, d.Successor, d.Type = extra.ID, gone.ID, domain.FS
		return nil
	})
	must(nil, err)
	must(a.UpdateDependency(ctx, "NET", link.ID, link.Version, func(_ domain.Project, d *domain.Dependency) error {
		d.Lag = domain.Lag{Minutes: 480}
		return nil
	}))
	must(a.CreateDependency(ctx, "NET", func(_ domain.Project, d *domain.Dependency) error {
		d.Predecessor, d.Successor, d.Type = extra.ID, leaf.ID, domain.SS
		return nil
	}))
	must(a.SaveBaseline(ctx, "NET", 0))
	must(nil, a.DeleteTask(ctx, "NET", gone.ID, 0))
	must(a.UpdateTask(ctx, "NET", extra.ID, 0, func(_ domain.Project, k *domain.Task) error {
		k.Parent = 0 // a move: the history records the old parent's ID
		return nil
	}))
	must(a.SaveBaseline(ctx, "NET", 1))
	must(a.UpdateProject(ctx, "NET", 0, func(p *domain.Project) error {
		p.StatusDate, p.Phase = time.Date(2027, 1, 15, 17, 0, 0, 0, time.UTC), "Execution"
		return nil
	}))

	ops := domain.Project{Key: "OPS", Name: "Operations handover", Start: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}
	ops.Normalize()
	ops, err = a.CreateProject(ctx, ops)
	must(nil, err)
	must(nil, a.DeleteProject(ctx, "OPS", ops.Version))
}
