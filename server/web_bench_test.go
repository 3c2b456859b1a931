package server_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store/sqlite"
)

// bigPlan builds a plan of n tasks in phases of 50 under summaries, each
// task with up to two links from the 100 before it (mixed types, some
// lags), and five people assigned round the tasks.
func bigPlan(n int) *domain.Plan {
	r := rand.New(rand.NewPCG(uint64(n), 1))
	p := &domain.Plan{Project: domain.Project{Key: "BIG", Name: "Big rollout", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}
	for i := 1; i <= 5; i++ {
		p.Resources = append(p.Resources, domain.Resource{ID: int64(i), Name: fmt.Sprintf("Engineer %d", i), Kind: domain.Work, MaxUnits: 1})
	}
	types := []domain.DependencyType{domain.FS, domain.FS, domain.FS, domain.SS, domain.FF}
	seen := map[[2]int64]bool{}
	var phase int64
	var leaves []int64
	for i := 1; i <= n; i++ {
		id := int64(i)
		t := domain.Task{ID: id, UID: id, Name: fmt.Sprintf("Install site %d", i), Position: id, Priority: 500}
		if (i-1)%50 == 0 {
			phase = id
			t.Name = fmt.Sprintf("Wave %d", i/50+1)
			p.Tasks = append(p.Tasks, t)
			continue
		}
		t.Parent = phase
		t.Duration = domain.Duration{Minutes: int64(1+r.IntN(10)) * 480}
		p.Tasks = append(p.Tasks, t)
		p.Assignments = append(p.Assignments, domain.Assignment{ID: id, Task: id, Resource: int64(1 + i%5), Units: 1})
		for k := 0; k < 2 && len(leaves) > 0; k++ {
			lo := max(0, len(leaves)-100)
			pred := leaves[lo+r.IntN(len(leaves)-lo)]
			if seen[[2]int64{pred, id}] {
				continue
			}
			seen[[2]int64{pred, id}] = true
			d := domain.Dependency{ID: int64(len(p.Dependencies) + 1), Predecessor: pred, Successor: id, Type: types[r.IntN(len(types))]}
			if r.IntN(4) == 0 {
				d.Lag = domain.Lag{Minutes: int64(r.IntN(5)) * 480}
			}
			p.Dependencies = append(p.Dependencies, d)
		}
		leaves = append(leaves, id)
	}
	p.Project.Normalize()
	return p
}

// bigServer is a server over a SQLite file holding a plan of n tasks.
func bigServer(tb testing.TB, n int) http.Handler {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "cairn.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	a := app.New(st, nil)
	if _, err := a.ImportPlan(context.Background(), bigPlan(n)); err != nil {
		tb.Fatal(err)
	}
	srv, err := server.New(a, discard(), server.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return srv.Handler()
}

func getPage(tb testing.TB, h http.Handler, path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		tb.Fatalf("GET %s: %d\n%.300s", path, rec.Code, rec.Body.String())
	}
	return rec
}

// TestBigPlanIsPaged checks that a 10,000-task plan's page holds one page
// of rows and a chart of them, not the whole plan, and that the pages
// reach every task.
func TestBigPlanIsPaged(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 10,000 tasks")
	}
	h := bigServer(t, 10_000)
	body := getPage(t, h, "/projects/BIG/plan").Body.String()
	if rows := strings.Count(body, `<tr id="row-`); rows != 250 {
		t.Errorf("the first page has %d rows, want 250", rows)
	}
	if bars := strings.Count(body, `data-task="`); bars > 250 {
		t.Errorf("the first page's chart draws %d tasks, want at most 250", bars)
	}
	if !strings.Contains(body, "Rows 1–250 of 10000") || !strings.Contains(body, "page=2") {
		t.Error("no pager on the first page")
	}
	t.Logf("the first page of 10,000 tasks is %d bytes", len(body))
	if len(body) > 1<<20 {
		t.Errorf("the page is %d bytes; a page of rows should stay well under 1 MB", len(body))
	}
	last := getPage(t, h, "/projects/BIG/plan?page=40").Body.String()
	if !strings.Contains(last, "Rows 9751–10000 of 10000") || strings.Contains(last, "Next →") {
		t.Errorf("the last page is not rows 9751–10000")
	}
	jump := getPage(t, h, "/projects/BIG/plan?task=5000").Body.String()
	if !strings.Contains(jump, `id="row-5000"`) {
		t.Error("?task=5000 does not show the page holding task 5000")
	}
}

// BenchmarkPlanPage times the plan page, server side: reading the plan,
// scheduling it, laying out a page of rows and drawing its chart.
func BenchmarkPlanPage(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			h := bigServer(b, n)
			b.ResetTimer()
			for b.Loop() {
				getPage(b, h, "/projects/BIG/plan")
			}
		})
	}
}
