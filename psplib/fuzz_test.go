package psplib_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/psplib"
)

// FuzzParse checks that no input makes Parse panic and that every instance
// Parse accepts is a valid problem that Solve can schedule feasibly. The
// interesting inputs found so far are kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(tiny))
	files, err := filepath.Glob(testdata + "j30/*.sm")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files[:3] {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, err := psplib.Parse("fuzz.sm", data)
		if err != nil {
			return
		}
		if err := inst.Problem.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid problem: %v", err)
		}
		if len(inst.Problem.Durations) > 200 || inst.Horizon > 1000 || sum(inst.Problem.Durations) > 1000 {
			return // legal, but slow to schedule
		}
		sol, err := level.Solve(t.Context(), &inst.Problem, level.Options{Schedules: 4})
		if err != nil {
			t.Fatal(err)
		}
		if err := level.Feasible(&inst.Problem, sol.Starts); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseSolutions checks that no input makes ParseSolutions panic.
func FuzzParseSolutions(f *testing.F) {
	data, err := os.ReadFile(testdata + "solutions/j30opt.sm")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:2000])
	f.Add([]byte("1\t1\t105\t\tTue Jan 30 16:52:23 2001  V. Valls\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sol, err := psplib.ParseSolutions("fuzz.sm", data)
		if err == nil && len(sol) == 0 {
			t.Fatal("no error and no solutions")
		}
	})
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
