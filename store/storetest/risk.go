package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testRisks checks that a risk keeps every field and its task links, that
// numbers count up per project, that versions are checked, and that
// deleting a task or the project takes its links with it.
func testRisks(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	other := createProject(t, s, "OPS")
	a, b, c := domain.Task{ProjectID: p.ID, Name: "A"}, domain.Task{ProjectID: p.ID, Name: "B"}, domain.Task{ProjectID: p.ID, Name: "C"}
	createTask(t, s, &a)
	createTask(t, s, &b)
	createTask(t, s, &c)
	day := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	r := domain.Risk{ProjectID: p.ID, Title: "Switches arrive late", Description: "Lead times", Category: "supply",
		Cause: "One supplier", Event: "Delivery slips", Effect: "Staging waits", Owner: "ann@example.com",
		Status: domain.RiskOccurred, Trigger: "No shipping notice by week 3", Proximity: day, Response: domain.ResponseMitigate,
		ResponsePlan: "Order early", Actions: []int64{c.ID},
		Initial:    domain.Assessment{Schedule: domain.Score{Probability: 4, Impact: 4}, Cost: domain.Score{Probability: 2, Impact: 3}},
		Current:    domain.Assessment{Schedule: domain.Score{Probability: 3, Impact: 4}, Quality: domain.Score{Probability: 1, Impact: 1}},
		Target:     domain.Assessment{Schedule: domain.Score{Probability: 1, Impact: 2}},
		ReviewedOn: day.AddDate(0, 0, -7), NextReview: day.AddDate(0, 0, 7), OccurredOn: day.AddDate(0, 0, 2),
		ActionOwner: "bob@example.com", Resolution: "Borrowed switches",
		TaskImpact: domain.RiskTaskImpact{Probability: 25.5, Tasks: []int64{a.ID, b.ID}, DelayMin: 960, DelayMax: 4800,
			DelayElapsed: true, CostMin: -500, CostMax: 150000}}
	r2 := domain.Risk{ProjectID: p.ID, Title: "Second", Status: domain.RiskOpen}
	r3 := domain.Risk{ProjectID: other.ID, Title: "Elsewhere", Status: domain.RiskOpen}
	update(t, s, func(tx store.Tx) error {
		for _, x := range []*domain.Risk{&r, &r2, &r3} {
			if err := tx.CreateRisk(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	if r.Number != 1 || r2.Number != 2 || r3.Number != 1 || r.Version != 1 {
		t.Fatalf("numbers %d, %d, %d (want 1, 2, and 1 in the other project), version %d", r.Number, r2.Number, r3.Number, r.Version)
	}
	var got domain.Risk
	var list []domain.Risk
	view(t, s, func(tx store.Tx) (err error) {
		if got, err = tx.Risk(ctx, p.ID, r.ID); err != nil {
			return err
		}
		list, err = tx.Risks(ctx, p.ID)
		return err
	})
	got.CreatedAt, got.UpdatedAt = r.CreatedAt, r.UpdatedAt
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, r)
	}
	if len(list) != 2 || list[0].ID != r.ID || !reflect.DeepEqual(list[0].TaskImpact.Tasks, r.TaskImpact.Tasks) || list[1].Title != "Second" {
		t.Fatalf("list: %+v", list)
	}
	view(t, s, func(tx store.Tx) error {
		_, err := tx.Risk(ctx, other.ID, r.ID)
		wantKind(t, err, domain.KindNotFound)
		return nil
	})

	r.Title, r.Actions, r.TaskImpact.Tasks = "Switches late", nil, []int64{b.ID}
	update(t, s, func(tx store.Tx) error { return tx.UpdateRisk(ctx, &r) })
	if r.Version != 2 {
		t.Fatalf("version after update %d, want 2", r.Version)
	}
	stale := r
	stale.Version = 1
	err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateRisk(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)

	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, b.ID, 0) })
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Risk(ctx, p.ID, r.ID); return err })
	if got.Title != "Switches late" || len(got.TaskImpact.Tasks) != 0 || len(got.Actions) != 0 {
		t.Fatalf("after the update and deleting task B: %+v", got)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteRisk(ctx, p.ID, r2.ID, r2.Version) })
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteRisk(ctx, p.ID, r2.ID, 0) })
	wantKind(t, err, domain.KindNotFound)
	err = s.Update(ctx, func(tx store.Tx) error {
		bad := domain.Risk{ProjectID: p.ID, Title: "Bad link", Status: domain.RiskOpen, Actions: []int64{999999}}
		return tx.CreateRisk(ctx, &bad)
	})
	wantKind(t, err, domain.KindInvalid)
}

// testRiskMatrix checks the default matrix, storing one, and its version.
func testRiskMatrix(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	var m domain.RiskMatrix
	view(t, s, func(tx store.Tx) (err error) { m, err = tx.RiskMatrix(ctx, p.ID); return err })
	if want := domain.DefaultRiskMatrix(); m.Size != want.Size || m.Medium != want.Medium || m.High != want.High || m.Version != 0 {
		t.Fatalf("default matrix %+v", m)
	}
	m.Size, m.Medium, m.High = 4, 4, 9
	update(t, s, func(tx store.Tx) error { return tx.SetRiskMatrix(ctx, &m) })
	m.High = 10
	update(t, s, func(tx store.Tx) error { return tx.SetRiskMatrix(ctx, &m) })
	var got domain.RiskMatrix
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.RiskMatrix(ctx, p.ID); return err })
	if got != m || got.Version != 2 {
		t.Fatalf("got %+v, want %+v (version 2)", got, m)
	}
	stale := got
	stale.Version = 1
	err := s.Update(ctx, func(tx store.Tx) error { return tx.SetRiskMatrix(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
}

// testEstimatesAndGroups checks task estimates and correlation groups,
// with a task in one group only.
func testEstimatesAndGroups(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a, b, c := domain.Task{ProjectID: p.ID, Name: "A"}, domain.Task{ProjectID: p.ID, Name: "B"}, domain.Task{ProjectID: p.ID, Name: "C"}
	createTask(t, s, &a)
	createTask(t, s, &b)
	createTask(t, s, &c)
	ea := domain.TaskEstimate{ProjectID: p.ID, TaskID: a.ID, Distribution: domain.DistPERT, Optimistic: 960, MostLikely: 1440, Pessimistic: 4320}
	eb := domain.TaskEstimate{ProjectID: p.ID, TaskID: b.ID, Distribution: domain.DistLognormal, P10: 30240, P90: 60480, Elapsed: true}
	update(t, s, func(tx store.Tx) error {
		if err := tx.SetTaskEstimate(ctx, ea); err != nil {
			return err
		}
		if err := tx.SetTaskEstimate(ctx, eb); err != nil {
			return err
		}
		ea.MostLikely = 2400
		return tx.SetTaskEstimate(ctx, ea) // replaces
	})
	var es []domain.TaskEstimate
	var one domain.TaskEstimate
	view(t, s, func(tx store.Tx) (err error) {
		if one, err = tx.TaskEstimate(ctx, p.ID, a.ID); err != nil {
			return err
		}
		es, err = tx.TaskEstimates(ctx, p.ID)
		return err
	})
	if one != ea || !reflect.DeepEqual(es, []domain.TaskEstimate{ea, eb}) {
		t.Fatalf("estimates %+v, one %+v", es, one)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteTaskEstimate(ctx, p.ID, b.ID) })
	err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTaskEstimate(ctx, p.ID, b.ID) })
	wantKind(t, err, domain.KindNotFound)

	g := domain.CorrelationGroup{ProjectID: p.ID, Name: "Design team", Correlation: 0.6, Tasks: []int64{a.ID, b.ID}}
	update(t, s, func(tx store.Tx) error { return tx.CreateCorrelationGroup(ctx, &g) })
	err = s.Update(ctx, func(tx store.Tx) error {
		h := domain.CorrelationGroup{ProjectID: p.ID, Name: "Other", Correlation: 0.3, Tasks: []int64{b.ID, c.ID}}
		return tx.CreateCorrelationGroup(ctx, &h)
	})
	wantKind(t, err, domain.KindConflict)
	g.Correlation, g.Tasks = 0.8, []int64{a.ID, c.ID}
	update(t, s, func(tx store.Tx) error { return tx.UpdateCorrelationGroup(ctx, &g) })
	var gs []domain.CorrelationGroup
	view(t, s, func(tx store.Tx) (err error) { gs, err = tx.CorrelationGroups(ctx, p.ID); return err })
	if len(gs) != 1 || !reflect.DeepEqual(gs[0], g) || g.Version != 2 {
		t.Fatalf("groups %+v, want %+v", gs, g)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, a.ID, 0) })
	var got domain.CorrelationGroup
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.CorrelationGroup(ctx, p.ID, g.ID); return err })
	if !reflect.DeepEqual(got.Tasks, []int64{c.ID}) {
		t.Fatalf("after deleting task A the group has %v", got.Tasks)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteCorrelationGroup(ctx, p.ID, g.ID, got.Version) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteProject(ctx, p.ID, 0) })
}
