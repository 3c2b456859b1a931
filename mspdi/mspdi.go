package mspdi

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// File is what an MSPDI file holds, in Cairn's terms, plus what MS Project
// computed. The computed values are kept apart from the plan so that a
// scheduler can be run on the plan and checked against them.
type File struct {
	// Plan is the project as Cairn models it, validated. Task and
	// resource IDs and UIDs are MS Project's unique IDs, calendar IDs its
	// calendar UIDs; dependencies and assignments are numbered from 1 in
	// file order.
	Plan *domain.Plan
	// SaveVersion is 0 for Project 2002/2003 (which write none), 12 for
	// 2007 and 14 for 2010 and later.
	SaveVersion int
	BuildNumber string // "16.0.10730.20102" for Project 2016+; often empty
	// StatusDate is the project's status date, zero if none. CurrentDate
	// is not used: converters set it to the day they ran.
	StatusDate time.Time
	// LastSaved is when the file was last saved, zero if not given.
	LastSaved time.Time
	// CriticalSlackLimit is the slack at or under which MS Project calls
	// a task critical, in working minutes (the file stores days).
	CriticalSlackLimit    int64
	MultipleCriticalPaths bool
	// Reference holds MS Project's computed values by task UID, including
	// UID 0, the project summary task.
	Reference map[int64]Computed
	// Baselines holds each task's saved baselines by task UID.
	Baselines map[int64][]Baseline
	// Assignments holds what MS Project stored about the money and
	// actual work of each assignment, index for index with
	// Plan.Assignments.
	Assignments []AssignmentComputed
	// Extra holds fields the domain has no place for yet, by task UID.
	Extra map[int64]TaskExtra
	// Dropped says in plain words what was in the file but is not in
	// Plan, such as "3 tasks are inactive and were skipped" or
	// "custom field Text1 on 12 tasks". Empty when nothing was lost.
	Dropped []string
}

// Computed is what MS Project computed for one task. Durations and slack
// are in working minutes (the file stores slack in tenths of a minute).
// Zero slack is often omitted by converters, so an absent slack reads 0.
type Computed struct {
	Start, Finish           time.Time
	EarlyStart, EarlyFinish time.Time
	LateStart, LateFinish   time.Time
	TotalSlack, FreeSlack   int64
	// HasEarlyLate is set when all four early and late dates are present;
	// a few files leave them out for some tasks.
	HasEarlyLate bool
	// Critical is MS Project's flag. It depends on the version and on
	// CriticalSlackLimit; Project 2010 and 2013 files are unreliable, so
	// deriving criticality from TotalSlack is usually better.
	Critical bool
	Summary  bool
	Duration int64 // working minutes
	Costs    Costs
}

// Costs is what MS Project stored about a task's money, in minor units
// of the project currency: its Cost (actual plus remaining), ActualCost,
// the cost of baseline 0, and the earned-value fields BCWS (planned
// value), BCWP (earned value) and ACWP (actual cost of work performed)
// at the file's status date. Converters leave out fields, zeros above
// all, so Has says which were in the file.
type Costs struct {
	Cost, ActualCost, BaselineCost int64
	BCWS, BCWP, ACWP               int64
	Has                            CostFields
}

// CostFields is a set of cost fields present in a file.
type CostFields uint8

// The cost fields of a task or an assignment.
const (
	HasCost CostFields = 1 << iota
	HasActualCost
	HasBaselineCost
	HasBCWS
	HasBCWP
	HasACWP
)

// AssignmentComputed is what MS Project stored about one assignment:
// its Cost and ActualCost (minor units) and ActualWork (working minutes).
type AssignmentComputed struct {
	Cost, ActualCost int64
	ActualWork       int64
	Has              CostFields
}

// Baseline is one saved baseline of a task (Number 0 is "Baseline",
// 1–10 are "Baseline1"…"Baseline10").
type Baseline struct {
	Number         int
	Start, Finish  time.Time
	Duration, Work int64 // working minutes
	Cost           int64 // minor units of the project currency
	HasCost        bool  // the file gives Cost
}

// TaskExtra holds task fields MS Project has and the domain does not yet.
// Durations and work are working minutes; money is minor units.
type TaskExtra struct {
	Type                              int // 0 fixed units, 1 fixed duration, 2 fixed work
	EffortDriven                      bool
	Estimated                         bool
	Active                            bool // always true: inactive tasks are skipped
	ActualDuration, RemainingDuration int64
	Cost, FixedCost, ActualCost       int64
	BCWS, BCWP, ACWP                  int64
	DurationFormat                    int // how MS Project shows the duration (7 = days)
	Work                              int64
}

// Read reads an MSPDI document (MS Project's "XML format") from r.
// Errors are *domain.Error values of kind invalid whose message starts
// "<input>:LINE: ".
func Read(r io.Reader) (*File, error) {
	return read(r, "<input>")
}

// ReadNamed reads an MSPDI document from r; errors start "NAME:LINE: ",
// for a document that came from somewhere other than a file, such as an
// upload.
func ReadNamed(r io.Reader, name string) (*File, error) {
	return read(io.LimitReader(r, MaxSize+1), name)
}

// ReadFile reads the MSPDI file at path; errors start "PATH:LINE: ".
func ReadFile(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mspdi: %w", err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxSize {
		f := &failer{File: path, Format: "mspdi"}
		return nil, f.At(1, "too_large", "the file is %d MiB; MSPDI files are limited to %d MiB", st.Size()>>20, MaxSize>>20)
	}
	return read(fh, path)
}

func read(r io.Reader, name string) (*File, error) {
	f := &failer{File: name, Format: "mspdi"}
	src, err := sniff(r, f)
	if err != nil {
		return nil, err
	}
	d := newDecoder(newLexer(src, f))
	if err := d.document(); err != nil {
		return nil, err
	}
	return d.build()
}

// project2016 is the release of Project 2016, the first version to derive
// a predecessor's late dates from finish-based links only.
var project2016 = time.Date(2015, 9, 22, 0, 0, 0, 0, time.UTC)

// SavedBefore2016 reports whether the file was saved by a version of MS
// Project older than 2016: it says so with its SaveVersion (0 for 2002/2003,
// 12 for 2007), or it has no 2016+ BuildNumber and was saved before
// Project 2016 existed. Files that cannot tell count as 2016 or later.
func (f *File) SavedBefore2016() bool {
	if f.SaveVersion < 14 {
		return true
	}
	if f.BuildNumber != "" {
		major, _, _ := strings.Cut(f.BuildNumber, ".")
		n, err := strconv.Atoi(major)
		return err == nil && n < 16
	}
	return !f.LastSaved.IsZero() && f.LastSaved.Before(project2016)
}

// PlanBaselines returns the file's baselines as domain.Baseline rows, by
// task ID (the task's UID), in task and baseline order: what a plan read
// from the file would hold in Plan.Baselines. Numbers outside 0–10 are
// left out.
func (f *File) PlanBaselines() []domain.Baseline {
	var out []domain.Baseline
	for _, t := range f.Plan.Tasks {
		for _, b := range f.Baselines[t.ID] {
			if b.Number < 0 || b.Number > domain.MaxBaseline {
				continue
			}
			out = append(out, domain.Baseline{
				Number: b.Number, Task: t.ID, Start: b.Start, Finish: b.Finish,
				Duration: b.Duration, Work: b.Work, Cost: b.Cost,
			})
		}
	}
	return out
}
