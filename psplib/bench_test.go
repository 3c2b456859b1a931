package psplib_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/psplib"
)

// The twelve J30 instances of testdata with their proven optima, at 1,000
// schedules: the search must stay close to them. Measured with seeds 1–8:
// average deviation 0.26–1.15% (seed 1: 0.63%), 8–10 optima reached, and
// seven instances solved to optimality by every seed. The bounds leave
// room for changes that do not make the search worse.
func TestBenchKnownOptima(t *testing.T) {
	rep, err := psplib.Bench(context.Background(), testdata+"j30", 1000, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.Instances != 12 || s.WithOptimum != 12 || s.Set != "j30" {
		t.Fatalf("summary %+v: want 12 J30 instances with optima", s)
	}
	for _, r := range rep.Results {
		inst, err := psplib.ParseFile(testdata + "j30/" + r.Instance)
		if err != nil {
			t.Fatal(err)
		}
		if err := level.Feasible(&inst.Problem, r.Starts); err != nil {
			t.Errorf("%s: %v", r.Instance, err)
		}
		if r.Makespan < r.Optimum || r.Schedules > 1000 {
			t.Errorf("%s: makespan %d below the optimum %d, or %d schedules", r.Instance, r.Makespan, r.Optimum, r.Schedules)
		}
		if alwaysOptimal[r.Instance] && r.Makespan != r.Optimum {
			t.Errorf("%s: makespan %d, want the optimum %d", r.Instance, r.Makespan, r.Optimum)
		}
	}
	if s.DevOptimum > maxDevOptimum {
		t.Errorf("average deviation from the optima %.2f%%, want at most %.2f%%", s.DevOptimum, maxDevOptimum)
	}
	if s.Optimal < minOptimal {
		t.Errorf("%d optima reached, want at least %d", s.Optimal, minOptimal)
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PSPLIB j30: 12 instances", "deviation from optimum", "deviation from critical-path bound"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text summary lacks %q:\n%s", want, text.String())
		}
	}
}

const (
	maxDevOptimum = 1.5
	minOptimal    = 8
)

// alwaysOptimal are the instances every seed solves to optimality.
var alwaysOptimal = map[string]bool{
	"j301_1.sm": true, "j301_7.sm": true, "j305_7.sm": true, "j306_5.sm": true,
	"j309_1.sm": true, "j3010_1.sm": true, "j3017_1.sm": true,
}

// The JSON form is exactly {"results":[{"instance","makespan","starts"}]}
// with one start per job, dummies included, in file order.
func TestBenchJSONContract(t *testing.T) {
	rep, err := psplib.Bench(context.Background(), testdata+"j30", 20, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc map[string][]map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc) != 1 || len(doc["results"]) != 12 {
		t.Fatalf("want one key, results, with 12 entries: %s", buf.String()[:200])
	}
	first := doc["results"][0]
	keys := make([]string, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"instance", "makespan", "starts"}) {
		t.Errorf("result keys %v", keys)
	}
	if !strings.HasPrefix(buf.String(), `{"results":[{"instance":"j301_1.sm","makespan":`) {
		t.Errorf("unexpected start: %s", buf.String()[:80])
	}
	var starts []int
	if err := json.Unmarshal(first["starts"], &starts); err != nil || len(starts) != 32 || starts[0] != 0 {
		t.Errorf("starts %v (%v): want 32, the source at 0", starts, err)
	}
}

// The same seed gives the same report, however many workers share the
// instances.
func TestBenchDeterministic(t *testing.T) {
	var first string
	for _, workers := range []int{1, 2, 5} {
		rep, err := psplib.Bench(context.Background(), testdata+"j30", 300, 7, workers)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = buf.String()
		} else if buf.String() != first {
			t.Fatalf("workers=%d: a different report for the same seed", workers)
		}
	}
}

func TestBenchMissingDir(t *testing.T) {
	if _, err := psplib.Bench(context.Background(), testdata+"nope", 10, 1, 1); err == nil {
		t.Fatal("no error for a missing directory")
	}
	if _, err := psplib.Bench(context.Background(), testdata+"solutions", 10, 1, 1); err == nil {
		t.Fatal("no error for a directory without .sm files")
	}
}

func BenchmarkSolveJ30(b *testing.B) {
	inst, err := psplib.ParseFile(testdata + "j30/j3013_8.sm")
	if err != nil {
		b.Fatal(err)
	}
	const schedules = 1000
	for b.Loop() {
		if _, err := level.Solve(b.Context(), &inst.Problem, level.Options{Schedules: schedules, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*schedules), "ns/schedule")
}

func TestBenchCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := psplib.Bench(ctx, testdata+"j30", 100, 1, 2); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
