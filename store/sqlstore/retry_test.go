package sqlstore_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/storetest"
)

// TestUpdateRetriesDeadlock: two write transactions lock two tasks in
// opposite orders, so PostgreSQL aborts one of them as a deadlock. Update
// runs that one again, and both succeed.
func TestUpdateRetriesDeadlock(t *testing.T) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := storetest.NewProject("NET")
	var ids [2]int64
	err = st.Update(ctx, func(tx store.Tx) error {
		if err := tx.CreateProject(ctx, &p); err != nil {
			return err
		}
		for i := range ids {
			k := domain.Task{ProjectID: p.ID, Name: "T", Kind: domain.KindTask, Mode: domain.Auto, Constraint: domain.ASAP}
			if err := tx.CreateTask(ctx, &k); err != nil {
				return err
			}
			ids[i] = k.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	var locked sync.WaitGroup // both hold their first lock
	locked.Add(2)
	lockBoth := func(first, second int64) error {
		firstRun := true
		return st.Update(ctx, func(tx store.Tx) error {
			runs.Add(1)
			if _, err := tx.Task(ctx, p.ID, first); err != nil { // FOR UPDATE
				return err
			}
			if firstRun {
				firstRun = false
				locked.Done()
				locked.Wait()
			}
			_, err := tx.Task(ctx, p.ID, second)
			return err
		})
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() { errs[0] = lockBoth(ids[0], ids[1]) })
	wg.Go(func() { errs[1] = lockBoth(ids[1], ids[0]) })
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if n := runs.Load(); n != 3 {
		t.Errorf("%d runs of the two transactions, want 3: one retried after the deadlock", n)
	}
}
