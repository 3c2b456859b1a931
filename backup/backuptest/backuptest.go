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
// added and deleted, two baselines, risks, estimates and a correlation
// group, and a second project deleted again, so that its history
// outlives it.
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

	populateRisks(t, ctx, a, leaf, extra)

	ops := domain.Project{Key: "OPS", Name: "Operations handover", Start: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}
	ops.Normalize()
	ops, err = a.CreateProject(ctx, ops)
	must(nil, err)
	must(nil, a.DeleteProject(ctx, "OPS", ops.Version))
}

// populateRisks gives NET a 6×6 risk matrix, two risks (R1 deleted, so
// that R2 keeps its number), estimates and a correlation group.
func populateRisks(t testing.TB, ctx context.Context, a *app.App, leaf, extra domain.Task) {
	t.Helper()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.UpdateRiskMatrix(ctx, "NET", 0, func(m *domain.RiskMatrix) error { m.Size, m.Medium, m.High = 6, 6, 18; return nil }))
	set := func(f func(*domain.Risk)) func(domain.Project, *domain.Risk) error {
		return func(_ domain.Project, r *domain.Risk) error { f(r); return nil }
	}
	_, first, err := a.CreateRisk(ctx, "NET", set(func(r *domain.Risk) { r.Title = "Withdrawn" }))
	must(nil, err)
	_, r, err := a.CreateRisk(ctx, "NET", set(func(r *domain.Risk) {
		r.Title, r.Category, r.Owner, r.Cause = "Switches arrive late", "Supply", "bob@example.com", "One supplier"
		r.Initial.Schedule, r.Current.Cost = domain.Score{Probability: 5, Impact: 4}, domain.Score{Probability: 2, Impact: 6}
		r.Proximity, r.Actions = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), []int64{extra.ID}
		r.TaskImpact = domain.RiskTaskImpact{Probability: 25, Tasks: []int64{leaf.ID}, DelayMin: 480, DelayMax: 2400, CostMax: 150000}
	}))
	must(nil, err)
	must(nil, a.DeleteRisk(ctx, "NET", first.ID, 0))
	must2 := func(_, _ any, err error) { must(nil, err) }
	must2(a.UpdateRisk(ctx, "NET", r.ID, 0, set(func(r *domain.Risk) {
		r.Status, r.OccurredOn, r.Resolution = domain.RiskOccurred, time.Date(2027, 2, 3, 0, 0, 0, 0, time.UTC), "Borrowed two"
	})))
	estimate := func(e domain.TaskEstimate) func(domain.Project, domain.Task, *domain.TaskEstimate) error {
		return func(_ domain.Project, _ domain.Task, out *domain.TaskEstimate) error { *out = e; return nil }
	}
	must2(a.SetEstimate(ctx, "NET", leaf.ID, estimate(domain.TaskEstimate{Distribution: domain.DistPERT,
		Optimistic: 960, MostLikely: 1440, Pessimistic: 2880})))
	must2(a.SetEstimate(ctx, "NET", extra.ID, estimate(domain.TaskEstimate{Distribution: domain.DistLognormal, P10: 120, P90: 480})))
	g, err := a.CreateCorrelationGroup(ctx, "NET", func(g *domain.CorrelationGroup) error {
		g.Name, g.Correlation, g.Tasks = "Cabling crew", 0.7, []int64{leaf.ID, extra.ID}
		return nil
	})
	must(nil, err)
	must(a.UpdateCorrelationGroup(ctx, "NET", g.ID, g.Version, func(g *domain.CorrelationGroup) error { g.Correlation = 0.6; return nil }))
}
