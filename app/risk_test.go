package app

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// riskProject imports NET (Design 5d → Build 10d, and a milestone) with
// ann as its manager and bob as a member, and returns their contexts and
// the tasks' IDs by name.
func riskProject(t *testing.T, a *App) (ann, bob context.Context, ids map[string]int64) {
	t.Helper()
	cli := WithActor(context.Background(), "cli")
	for _, email := range []string{"ann@example.com", "bob@example.com"} {
		if _, err := a.AddUser(cli, NewUser{Email: email, Password: "long enough password"}); err != nil {
			t.Fatal(err)
		}
	}
	plan := &domain.Plan{Project: domain.Project{Key: "NET", Name: "Network", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), Currency: "GBP"},
		Tasks: []domain.Task{{ID: 1, Name: "Design", Duration: domain.Duration{Minutes: 5 * 480}},
			{ID: 2, Name: "Build", Duration: domain.Duration{Minutes: 10 * 480}},
			{ID: 3, Name: "Live", Kind: domain.KindMilestone}},
		Dependencies: []domain.Dependency{{ID: 1, Predecessor: 1, Successor: 2, Type: domain.FS}, {ID: 2, Predecessor: 2, Successor: 3, Type: domain.FS}}}
	plan.Project.Normalize()
	for i := range plan.Tasks {
		plan.Tasks[i].Normalize()
	}
	if _, err := a.ImportPlan(cli, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddMember(cli, "NET", "ann@example.com", domain.RoleManager); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddMember(cli, "NET", "bob@example.com", domain.RoleMember); err != nil {
		t.Fatal(err)
	}
	_, ts, err := a.Tasks(cli, "NET", store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	ids = map[string]int64{}
	for _, tk := range ts {
		ids[tk.Name] = tk.ID
	}
	return as(t, a, "ann@example.com"), as(t, a, "bob@example.com"), ids
}

// TestRiskRules checks the rules of the register in the app: ownership,
// money for those who may see costs, the issue log's defaults, and a
// matrix that cannot shrink under a score.
func TestRiskRules(t *testing.T) {
	a, _ := newApp(t)
	ann, bob, ids := riskProject(t, a)
	set := func(f func(*domain.Risk)) func(domain.Project, *domain.Risk) error {
		return func(_ domain.Project, r *domain.Risk) error { f(r); return nil }
	}
	_, mine, err := a.CreateRisk(bob, "NET", set(func(r *domain.Risk) {
		r.Title = "Cabling late"
		r.Initial.Schedule = domain.Score{Probability: 3, Impact: 4}
	}))
	if err != nil || mine.Owner != "bob@example.com" || mine.Number != 1 {
		t.Fatalf("bob's risk: %+v, %v", mine, err)
	}
	_, theirs, err := a.CreateRisk(ann, "NET", set(func(r *domain.Risk) {
		r.Title, r.Owner = "Budget cut", "ann@example.com"
		r.TaskImpact = domain.RiskTaskImpact{Probability: 20, Tasks: []int64{ids["Build"]}, DelayMax: 960, CostMin: 100, CostMax: 50000}
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = a.UpdateRisk(bob, "NET", theirs.ID, 0, set(func(r *domain.Risk) { r.Title = "Mine" }))
	wantKind(t, err, domain.KindForbidden)
	_, _, err = a.UpdateRisk(bob, "NET", mine.ID, 0, set(func(r *domain.Risk) { r.Owner = "ann@example.com" }))
	wantKind(t, err, domain.KindForbidden)
	_, _, err = a.CreateRisk(bob, "NET", set(func(r *domain.Risk) {
		r.Title = "Costly"
		r.TaskImpact = domain.RiskTaskImpact{Probability: 20, Tasks: []int64{ids["Build"]}, CostMax: 100}
	}))
	wantKind(t, err, domain.KindForbidden)

	// Bob sees the register without money; his edits keep what he cannot see.
	v, rs, err := a.Risks(bob, "NET", RiskFilter{Sort: "score"})
	if err != nil || v.Costs || len(rs) != 2 || rs[1].TaskImpact.CostMax != 0 {
		t.Fatalf("bob's register: costs %v, %+v, %v", v.Costs, rs, err)
	}
	_, _, err = a.UpdateRisk(ann, "NET", mine.ID, 0, set(func(r *domain.Risk) { r.Status = domain.RiskOccurred }))
	if err != nil {
		t.Fatal(err)
	}
	_, occurred, _ := a.Risk(ann, "NET", mine.ID)
	if occurred.OccurredOn != time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC) || occurred.ActionOwner != "bob@example.com" {
		t.Errorf("issue log defaults: occurred %v, action owner %q", occurred.OccurredOn, occurred.ActionOwner)
	}
	evs, err := a.RiskHistory(bob, "NET", theirs.ID, store.Page{})
	if err != nil || len(evs) != 1 || slices.ContainsFunc(evs[0].Changes, func(c domain.Change) bool { return c.Field == "task_impact_cost" }) {
		t.Errorf("bob's history of ann's risk: %+v, %v", evs, err)
	}
	evs, _ = a.RiskHistory(ann, "NET", theirs.ID, store.Page{})
	if !slices.ContainsFunc(evs[0].Changes, func(c domain.Change) bool { return c.Field == "task_impact_cost" && c.New == "1.00 500.00" }) {
		t.Errorf("ann's history of her risk: %+v", evs)
	}

	_, err = a.UpdateRiskMatrix(ann, "NET", 0, func(m *domain.RiskMatrix) error { m.Size, m.Medium, m.High = 3, 3, 6; return nil })
	wantKind(t, err, domain.KindInvalid)
	m, err := a.UpdateRiskMatrix(ann, "NET", 0, func(m *domain.RiskMatrix) error { m.Size, m.Medium, m.High = 4, 4, 9; return nil })
	if err != nil || m.Version != 1 {
		t.Fatalf("matrix: %+v, %v", m, err)
	}
	_, err = a.UpdateRiskMatrix(bob, "NET", 0, func(m *domain.RiskMatrix) error { return nil })
	wantKind(t, err, domain.KindForbidden)
	wantKind(t, a.DeleteRisk(bob, "NET", theirs.ID, 0), domain.KindForbidden)
	if err := a.DeleteRisk(ann, "NET", theirs.ID, 0); err != nil {
		t.Fatal(err)
	}
}

// TestSimulateModel checks what the simulation is built from: estimates,
// groups and only the open risks' impacts; a task that became a summary
// after it was estimated is named; and a cancelled request stops it.
func TestSimulateModel(t *testing.T) {
	a, _ := newApp(t)
	ann, _, ids := riskProject(t, a)
	build := func(e domain.TaskEstimate) func(domain.Project, domain.Task, *domain.TaskEstimate) error {
		return func(_ domain.Project, _ domain.Task, out *domain.TaskEstimate) error { *out = e; return nil }
	}
	if _, _, err := a.SetEstimate(ann, "NET", ids["Design"], build(domain.TaskEstimate{Distribution: domain.DistPERT,
		Optimistic: 4 * 480, MostLikely: 5 * 480, Pessimistic: 9 * 480})); err != nil {
		t.Fatal(err)
	}
	_, _, err := a.SetEstimate(ann, "NET", ids["Live"], build(domain.TaskEstimate{Distribution: domain.DistUniform, Pessimistic: 480}))
	wantKind(t, err, domain.KindInvalid)
	_, _, err = a.SetEstimate(ann, "NET", ids["Build"], build(domain.TaskEstimate{Distribution: domain.DistUniform,
		Optimistic: 8 * 1440, Pessimistic: 12 * 1440, Elapsed: true}))
	wantKind(t, err, domain.KindInvalid)
	if _, err := a.CreateCorrelationGroup(ann, "NET", func(g *domain.CorrelationGroup) error {
		g.Name, g.Correlation, g.Tasks = "Team", 0.5, []int64{ids["Design"], ids["Build"]}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []domain.Risk{
		{Title: "Open", TaskImpact: domain.RiskTaskImpact{Probability: 50, Tasks: []int64{ids["Build"]}, DelayMin: 480, DelayMax: 960}},
		{Title: "Closed", Status: domain.RiskClosed, TaskImpact: domain.RiskTaskImpact{Probability: 100, Tasks: []int64{ids["Build"]}, DelayMax: 9600}},
	} {
		if _, _, err := a.CreateRisk(ann, "NET", func(_ domain.Project, out *domain.Risk) error { *out = r; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	sim, err := a.Simulate(ann, "NET", SimulateOptions{Iterations: 300, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !sim.Costs || len(sim.Result.Risks) != 1 || sim.Result.Risks[0].ID != "R1" || sim.Result.Finish.P80.Before(sim.Result.Planned) {
		t.Errorf("simulation: costs %v, risks %+v, P80 %v, planned %v", sim.Costs, sim.Result.Risks, sim.Result.Finish.P80, sim.Result.Planned)
	}
	if _, err := a.Simulate(ann, "NET", SimulateOptions{Iterations: MaxIterations + 1}); domain.ErrorKind(err) != domain.KindInvalid {
		t.Errorf("too many iterations: %v", err)
	}
	ctx, cancel := context.WithCancel(ann)
	cancel()
	if _, err := a.Simulate(ctx, "NET", SimulateOptions{Iterations: MaxIterations}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled simulation: %v", err)
	}

	// Design gets a subtask: its estimate no longer applies.
	if _, err := a.CreateTask(ann, "NET", func(_ domain.Project, tk *domain.Task) error {
		tk.Name, tk.Parent, tk.Duration = "Sketch", ids["Design"], domain.Duration{Minutes: 480}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, err = a.Simulate(ann, "NET", SimulateOptions{Iterations: 10})
	if e := (*domain.Error)(nil); !errors.As(err, &e) || e.Code != "summary_task" || e.Field != "estimates" {
		t.Errorf("an estimate of a task that became a summary: %v", err)
	}
}
