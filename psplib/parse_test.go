package psplib_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/psplib"
)

const testdata = "../testdata/psplib/"

func TestParseFile(t *testing.T) {
	inst, err := psplib.ParseFile(testdata + "j30/j301_1.sm")
	if err != nil {
		t.Fatal(err)
	}
	p := &inst.Problem
	if inst.Name != "j301_1.sm" || inst.Jobs != 32 || inst.Horizon != 158 || inst.MPMTime != 38 {
		t.Errorf("header: got %q, %d jobs, horizon %d, MPM-Time %d", inst.Name, inst.Jobs, inst.Horizon, inst.MPMTime)
	}
	if !slices.Equal(p.Capacity, []int{12, 13, 4, 12}) {
		t.Errorf("capacities %v", p.Capacity)
	}
	if len(p.Durations) != 32 || len(p.Succ) != 32 || len(p.Demand) != 32 {
		t.Fatalf("%d durations, %d successor lists, %d demand rows", len(p.Durations), len(p.Succ), len(p.Demand))
	}
	// Job 1 (the source) precedes jobs 2, 3 and 4; job 2 lasts 8 and
	// needs 4 of R 1; job 32 (the sink) has no successors.
	if !slices.Equal(p.Succ[0], []int{1, 2, 3}) || p.Durations[1] != 8 || !slices.Equal(p.Demand[1], []int{4, 0, 0, 0}) || len(p.Succ[31]) != 0 {
		t.Errorf("jobs: succ[0] %v, duration[1] %d, demand[1] %v, succ[31] %v", p.Succ[0], p.Durations[1], p.Demand[1], p.Succ[31])
	}
	if got := level.CriticalPathBound(p); got != inst.MPMTime {
		t.Errorf("critical path %d, the file says %d", got, inst.MPMTime)
	}
}

// Every instance of the copied set parses, and its stated MPM-Time is the
// critical-path length of what was parsed.
func TestParseAllTestdata(t *testing.T) {
	files, err := os.ReadDir(testdata + "j30")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		inst, err := psplib.ParseFile(testdata + "j30/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if got := level.CriticalPathBound(&inst.Problem); got != inst.MPMTime {
			t.Errorf("%s: critical path %d, MPM-Time %d", f.Name(), got, inst.MPMTime)
		}
	}
}

// tiny is a valid three-job instance; the error cases edit it.
const tiny = `************************************************************************
jobs (incl. supersource/sink ):  3
horizon                       :  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      1      0        4        1        4
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          1           3
   3        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     4       2
  3      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1
    3
************************************************************************
`

func TestParseTiny(t *testing.T) {
	inst, err := psplib.Parse("tiny.sm", []byte(strings.ReplaceAll(tiny, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := level.Problem{
		Durations: []int{0, 4, 0},
		Succ:      [][]int{{1}, {2}, {}},
		Capacity:  []int{3},
		Demand:    [][]int{{0}, {2}, {0}},
	}
	p := inst.Problem
	if !slices.Equal(p.Durations, want.Durations) || !slices.Equal(p.Capacity, want.Capacity) ||
		!slices.EqualFunc(p.Succ, want.Succ, slices.Equal) || !slices.EqualFunc(p.Demand, want.Demand, slices.Equal) {
		t.Errorf("got %+v, want %+v", p, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		old  string // replaced in tiny by new
		new  string
		want string // the error starts with this
	}{
		{"no jobs line", "jobs (incl. supersource/sink ):  3\n", "", "x.sm:28: missing header line"},
		{"jobs not a number", "sink ):  3", "sink ):  three", `x.sm:2: jobs (incl. supersource/sink ): "three" is not a whole number`},
		{"fewer jobs than declared", "sink ):  3", "sink ):  4", "x.sm:17: PRECEDENCE RELATIONS lists 3 jobs, the header says 4"},
		{"nonrenewable", "nonrenewable              :  0", "nonrenewable              :  2", "x.sm:6: nonrenewable resources are not supported"},
		{"short project line", "    1      1      0        4        1        4", "    1      1      0", "x.sm:11: PROJECT INFORMATION: want 6 numbers"},
		{"job out of order", "   2        1          1           3", "   5        1          1           3", "x.sm:16: PRECEDENCE RELATIONS: job 5 out of order (want job 2)"},
		{"multi-mode", "   2        1          1           3", "   2        2          1           3", "x.sm:16: job 2 has 2 modes"},
		{"successor count", "   2        1          1           3", "   2        1          2           3", "x.sm:16: job 2 declares 2 successors but lists 1"},
		{"unknown successor", "   2        1          1           3", "   2        1          1           9", "x.sm:16: job 2: successor 9 does not exist (jobs 1..3)"},
		{"self successor", "   2        1          1           3", "   2        1          1           2", "x.sm:16: job 2: 2 is not a valid successor"},
		{"cycle", "   3        1          0", "   3        1          1           2", "x.sm:16: job 2 lies on a cycle of precedences"},
		{"bad duration", "  2      1     4       2", "  2      1     4x      2", `x.sm:23: REQUESTS/DURATIONS: "4x" is not a whole number`},
		{"negative request", "  2      1     4       2", "  2      1     4      -2", `x.sm:23: REQUESTS/DURATIONS: "-2" is not a whole number`},
		{"ragged requests", "  2      1     4       2", "  2      1     4       2   1", "x.sm:23: job 2 has 2 resource requests, job 1 has 1"},
		{"demand above capacity", "  2      1     4       2", "  2      1     4       5", "x.sm:23: job 2 requests 5 units of R 1, which has 3"},
		{"capacities vs header", "  R 1\n    3\n", "  R 1  R 2\n    3  4\n", "x.sm:28: 2 capacities, the header says 1 renewable resources"},
		{"no capacities", "  R 1\n    3\n", "", "x.sm:27: RESOURCEAVAILABILITIES has no line of capacities"},
		{"duplicate section", "RESOURCEAVAILABILITIES:\n", "RESOURCEAVAILABILITIES:\n  R 1\n    3\nRESOURCEAVAILABILITIES:\n", "x.sm:29: section RESOURCEAVAILABILITIES appears twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(tiny, tc.old, tc.new, 1)
			if src == tiny {
				t.Fatalf("the test does not change the input: %q not found", tc.old)
			}
			_, err := psplib.Parse("x.sm", []byte(src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q…", err, tc.want)
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
				t.Errorf("got %T, want an invalid *domain.Error", err)
			}
		})
	}
}
