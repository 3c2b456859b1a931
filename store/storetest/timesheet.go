package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testTimeEntries: entries round-trip with their users' emails, one per
// user, task and day, filtered by project, user, dates and status, and
// versioned; deleting the task deletes them.
func testTimeEntries(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	other := createProject(t, s, "WEB")
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	cable := domain.Task{ProjectID: p.ID, Name: "Cable"}
	createTask(t, s, &cable)
	site := domain.Task{ProjectID: other.ID, Name: "Site"}
	createTask(t, s, &site)
	mon := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	entries := []*domain.TimeEntry{
		{ProjectID: p.ID, Task: cable.ID, User: ann.ID, Date: mon, Minutes: 450, Note: "patch panel", Status: domain.TimeDraft},
		{ProjectID: p.ID, Task: cable.ID, User: ann.ID, Date: mon.AddDate(0, 0, 1), Minutes: 480, Status: domain.TimeSubmitted},
		{ProjectID: p.ID, Task: cable.ID, User: bob.ID, Date: mon, Minutes: 60, Status: domain.TimeDraft},
		{ProjectID: other.ID, Task: site.ID, User: ann.ID, Date: mon, Minutes: 30, Status: domain.TimeDraft},
	}
	update(t, s, func(tx store.Tx) error {
		for _, e := range entries {
			if err := tx.CreateTimeEntry(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if entries[0].ID == 0 || entries[0].Version != 1 {
		t.Fatalf("create set ID %d version %d", entries[0].ID, entries[0].Version)
	}
	err := s.Update(ctx, func(tx store.Tx) error {
		dup := domain.TimeEntry{ProjectID: p.ID, Task: cable.ID, User: ann.ID, Date: mon, Minutes: 60, Status: domain.TimeDraft}
		return tx.CreateTimeEntry(ctx, &dup)
	})
	wantKind(t, err, domain.KindConflict)

	var got domain.TimeEntry
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.TimeEntry(ctx, p.ID, entries[0].ID); return err })
	if got.Email != "ann@example.com" || !got.Date.Equal(mon) || got.Minutes != 450 || got.Note != "patch panel" ||
		got.Status != domain.TimeDraft || got.Reviewer != 0 || !got.ReviewedAt.IsZero() || got.Version != 1 {
		t.Fatalf("round trip: %+v", got)
	}
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.TimeEntry(ctx, other.ID, entries[0].ID); return err })
	wantKind(t, err, domain.KindNotFound)

	for _, tc := range []struct {
		name string
		f    store.TimeFilter
		want []int
	}{
		{"project", store.TimeFilter{ProjectID: p.ID}, []int{0, 2, 1}},
		{"user everywhere", store.TimeFilter{User: ann.ID}, []int{0, 3, 1}},
		{"one day", store.TimeFilter{ProjectID: p.ID, User: ann.ID, From: mon, To: mon.AddDate(0, 0, 1)}, []int{0}},
		{"status", store.TimeFilter{ProjectID: p.ID, Status: domain.TimeSubmitted}, []int{1}},
	} {
		var list []domain.TimeEntry
		view(t, s, func(tx store.Tx) (err error) { list, err = tx.TimeEntries(ctx, tc.f); return err })
		var ids, want []int64
		for _, e := range list {
			ids = append(ids, e.ID)
		}
		for _, i := range tc.want {
			want = append(want, entries[i].ID)
		}
		if len(ids) != len(want) || (len(ids) > 0 && !equalIDs(ids, want)) {
			t.Errorf("%s: got entries %v, want %v", tc.name, ids, want)
		}
	}

	// A review, saved with the version read; a stale version fails.
	got.Status, got.Reviewer, got.ReviewComment = domain.TimeApproved, bob.ID, "fine"
	got.ReviewedAt = time.Date(2027, 1, 11, 9, 30, 0, 0, time.UTC)
	update(t, s, func(tx store.Tx) error { return tx.UpdateTimeEntry(ctx, &got) })
	if got.Version != 2 {
		t.Fatalf("version after update %d, want 2", got.Version)
	}
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.TimeEntry(ctx, p.ID, entries[0].ID); return err })
	if got.Status != domain.TimeApproved || got.ReviewerEmail != "bob@example.com" || got.ReviewComment != "fine" ||
		!got.ReviewedAt.Equal(time.Date(2027, 1, 11, 9, 30, 0, 0, time.UTC)) {
		t.Fatalf("after review: %+v", got)
	}
	stale := got
	stale.Version = 1
	err = s.Update(ctx, func(tx store.Tx) error { return tx.UpdateTimeEntry(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	moved := *entries[1]
	moved.Date = mon // onto the day entry 0 holds
	err = s.Update(ctx, func(tx store.Tx) error { return tx.UpdateTimeEntry(ctx, &moved) })
	wantKind(t, err, domain.KindConflict)

	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTimeEntry(ctx, p.ID, entries[2].ID, 7) })
	wantKind(t, err, domain.KindPreconditionFailed)
	update(t, s, func(tx store.Tx) error { return tx.DeleteTimeEntry(ctx, p.ID, entries[2].ID, 1) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, cable.ID, 0) })
	var left []domain.TimeEntry
	view(t, s, func(tx store.Tx) (err error) { left, err = tx.TimeEntries(ctx, store.TimeFilter{}); return err })
	if len(left) != 1 || left[0].ID != entries[3].ID {
		t.Errorf("after deleting the task: %+v", left)
	}
}

func equalIDs(a, b []int64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// testExpensesAndBudgets: expenses round-trip, page and are versioned;
// task budgets are set, replaced, version-checked and deleted; deleting
// a task deletes both; a task's remaining work round-trips, NULL apart
// from 0.
func testExpensesAndBudgets(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	phase := domain.Task{ProjectID: p.ID, Name: "Build"}
	createTask(t, s, &phase)
	kit := domain.Task{ProjectID: p.ID, Parent: phase.ID, Name: "Buy switches", RemainingWork: domain.RemainingWork{Set: true}}
	createTask(t, s, &kit)
	day := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	e := domain.Expense{ProjectID: p.ID, Task: kit.ID, Date: day, Amount: 1234567, Description: "24-port switches",
		Supplier: "Acme", Reference: "INV-42", CreatedBy: "ann@example.com"}
	update(t, s, func(tx store.Tx) error { return tx.CreateExpense(ctx, &e) })
	var got domain.Expense
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Expense(ctx, p.ID, e.ID); return err })
	if got.Amount != 1234567 || !got.Date.Equal(day) || got.Supplier != "Acme" || got.Reference != "INV-42" ||
		got.CreatedBy != "ann@example.com" || got.Version != 1 || !got.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("expense round trip: %+v", got)
	}
	got.Amount = -5000
	update(t, s, func(tx store.Tx) error { return tx.UpdateExpense(ctx, &got) })
	stale := got
	stale.Version = 1
	err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateExpense(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	second := domain.Expense{ProjectID: p.ID, Task: phase.ID, Date: day, Amount: 100, Description: "Taxi", CreatedBy: "cli"}
	update(t, s, func(tx store.Tx) error { return tx.CreateExpense(ctx, &second) })
	var page []domain.Expense
	view(t, s, func(tx store.Tx) (err error) {
		page, err = tx.Expenses(ctx, p.ID, store.Page{After: e.ID, Limit: 5})
		return err
	})
	if len(page) != 1 || page[0].ID != second.ID {
		t.Errorf("page after the first: %+v", page)
	}

	b := domain.TaskBudget{ProjectID: p.ID, Task: phase.ID, Amount: 5000000}
	update(t, s, func(tx store.Tx) error { return tx.SetTaskBudget(ctx, &b) })
	if b.Version != 1 {
		t.Fatalf("budget version %d, want 1", b.Version)
	}
	b.Amount = 6000000
	update(t, s, func(tx store.Tx) error { return tx.SetTaskBudget(ctx, &b) })
	old := domain.TaskBudget{ProjectID: p.ID, Task: phase.ID, Amount: 1, Version: 1}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.SetTaskBudget(ctx, &old) })
	wantKind(t, err, domain.KindPreconditionFailed)
	kb := domain.TaskBudget{ProjectID: p.ID, Task: kit.ID, Amount: 0}
	update(t, s, func(tx store.Tx) error { return tx.SetTaskBudget(ctx, &kb) })
	var budgets []domain.TaskBudget
	view(t, s, func(tx store.Tx) (err error) { budgets, err = tx.TaskBudgets(ctx, p.ID); return err })
	if len(budgets) != 2 || budgets[0] != (domain.TaskBudget{ProjectID: p.ID, Task: phase.ID, Amount: 6000000, Version: 2}) {
		t.Fatalf("budgets %+v", budgets)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTaskBudget(ctx, p.ID, kit.ID, 9) })
	wantKind(t, err, domain.KindPreconditionFailed)
	update(t, s, func(tx store.Tx) error { return tx.DeleteTaskBudget(ctx, p.ID, kit.ID, 1) })
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTaskBudget(ctx, p.ID, kit.ID, 0) })
	wantKind(t, err, domain.KindNotFound)

	var gotKit domain.Task
	view(t, s, func(tx store.Tx) (err error) { gotKit, err = tx.Task(ctx, p.ID, kit.ID); return err })
	if gotKit.RemainingWork != (domain.RemainingWork{Set: true}) {
		t.Errorf("remaining work %+v, want 0 and set", gotKit.RemainingWork)
	}
	gotKit.RemainingWork = domain.RemainingWork{Minutes: 720, Set: true}
	update(t, s, func(tx store.Tx) error { return tx.UpdateTask(ctx, &gotKit) })
	view(t, s, func(tx store.Tx) (err error) { gotKit, err = tx.Task(ctx, p.ID, kit.ID); return err })
	if gotKit.RemainingWork.Minutes != 720 {
		t.Errorf("remaining work %+v, want 720 minutes", gotKit.RemainingWork)
	}
	var gotPhase domain.Task
	view(t, s, func(tx store.Tx) (err error) { gotPhase, err = tx.Task(ctx, p.ID, phase.ID); return err })
	if gotPhase.RemainingWork.Set {
		t.Errorf("a task without remaining work reads back %+v", gotPhase.RemainingWork)
	}

	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, phase.ID, 0) })
	view(t, s, func(tx store.Tx) (err error) {
		if budgets, err = tx.TaskBudgets(ctx, p.ID); err != nil {
			return err
		}
		page, err = tx.Expenses(ctx, p.ID, store.Page{})
		return err
	})
	if len(budgets) != 0 || len(page) != 0 {
		t.Errorf("after deleting the phase: budgets %+v, expenses %+v", budgets, page)
	}
}
