package load_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/load"
	"github.com/cairnpm/cairn/schedule"
)

func day(d int) time.Time { return time.Date(2027, 1, d, 0, 0, 0, 0, time.UTC) }

// plan: Ann works on A (Mon–Wed, 100%) and B (Tue–Thu, 50%), so she is at
// 150% on Tuesday and Wednesday; Bob (50% max) works half-time on C.
func testPlan() *domain.Plan {
	p := &domain.Plan{Project: domain.Project{Key: "LD", Name: "Load <test>", Start: day(4)}}
	add := func(id int64, name string, days int64, start time.Time) {
		p.Tasks = append(p.Tasks, domain.Task{ID: id, UID: id, Name: name, Duration: domain.Duration{Minutes: days * 480},
			Constraint: domain.SNET, ConstraintDate: start})
	}
	add(1, "A", 3, day(4))
	add(2, "B", 3, day(5))
	add(3, "C", 2, day(4))
	p.Resources = []domain.Resource{
		{ID: 1, Name: "Ann", Kind: domain.Work, MaxUnits: 1},
		{ID: 2, Name: "Bob", Kind: domain.Work, MaxUnits: 0.5},
		{ID: 3, Name: "Cable", Kind: domain.Material},
	}
	p.Assignments = []domain.Assignment{
		{ID: 1, Task: 1, Resource: 1, Units: 1}, {ID: 2, Task: 2, Resource: 1, Units: 0.5},
		{ID: 3, Task: 3, Resource: 2, Units: 0.5}, {ID: 4, Task: 3, Resource: 3, Units: 100},
	}
	return p
}

func TestLoadAndOverAllocation(t *testing.T) {
	p := testPlan()
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := load.Compute(p, res, load.Day)
	if len(rep.Resources) != 2 {
		t.Fatalf("%d work resources, want 2 (materials have no load)", len(rep.Resources))
	}
	ann := rep.Resources[0]
	wantDemand := []int64{480, 720, 720, 240} // Mon A; Tue, Wed A+B/2; Thu B/2
	for k, want := range wantDemand {
		if got := ann.Periods[k].Demand; got != want || ann.Periods[k].Capacity != 480 {
			t.Errorf("Ann day %d: demand %d capacity %d, want %d of 480", k, got, ann.Periods[k].Capacity, want)
		}
	}
	if len(rep.OverAllocations) != 1 {
		t.Fatalf("over-allocations %+v, want one (Ann, Tue–Wed)", rep.OverAllocations)
	}
	o := rep.OverAllocations[0]
	if o.Name != "Ann" || o.Peak != 1.5 || !o.Start.Equal(time.Date(2027, 1, 5, 8, 0, 0, 0, time.UTC)) ||
		!o.End.Equal(time.Date(2027, 1, 6, 17, 0, 0, 0, time.UTC)) || len(o.Tasks) != 2 {
		t.Fatalf("over-allocation %+v", o)
	}
	bob := rep.Resources[1]
	if bob.Periods[0].Demand != 240 || bob.Periods[0].Capacity != 240 || bob.Periods[0].Over() {
		t.Errorf("Bob at 50%% of a 50%% resource: %+v", bob.Periods[0])
	}
	week := load.Compute(p, res, load.Week)
	if n := len(week.Resources[0].Periods); n != 1 || week.Resources[0].Periods[0].Demand != 2160 {
		t.Errorf("weekly: %+v", week.Resources[0].Periods)
	}
}

func TestBackToBackIsNotOverlap(t *testing.T) {
	p := testPlan()
	p.Tasks[1].ConstraintDate = day(7) // B starts when A ends
	res, _ := schedule.Compute(p, schedule.Options{})
	if rep := load.Compute(p, res, load.Day); len(rep.OverAllocations) != 0 {
		t.Fatalf("back-to-back tasks reported as over-allocation: %+v", rep.OverAllocations)
	}
}

func TestSVG(t *testing.T) {
	p := testPlan()
	res, _ := schedule.Compute(p, schedule.Options{})
	var buf bytes.Buffer
	if err := load.WriteSVG(&buf, load.Compute(p, res, load.Day), p.Project.Name); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v", err)
			}
			break
		}
	}
	s := buf.String()
	if !strings.Contains(s, `class="over"`) || !strings.Contains(s, `class="cap"`) || !strings.Contains(s, "Load &lt;test&gt;") {
		t.Fatalf("histogram lacks over-allocation, capacity line or escaping:\n%.500s", s)
	}
}

// An empty plan, or one with people but no tasks, has no load: one empty
// period, not a failure.
func TestEmptyPlan(t *testing.T) {
	p := testPlan()
	p.Tasks, p.Assignments = nil, nil
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finish.Equal(res.Start) {
		t.Errorf("empty plan runs %s–%s; want an instant", res.Start, res.Finish)
	}
	for _, g := range []load.Granularity{load.Day, load.Week} {
		rep := load.Compute(p, res, g)
		if len(rep.OverAllocations) != 0 {
			t.Errorf("over-allocations in an empty plan: %+v", rep.OverAllocations)
		}
		var buf bytes.Buffer
		if err := load.WriteSVG(&buf, rep, "empty"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAvailabilityAndContour: Ann is at half time in the second week, so a
// full-time task over both weeks is over-allocated only then; Bob's
// back-loaded assignment does a tenth of a day's work on its first day
// and a full day on its last.
func TestAvailabilityAndContour(t *testing.T) {
	p := &domain.Plan{Project: domain.Project{Key: "AV", Name: "Availability", Start: day(4)}}
	p.Tasks = []domain.Task{
		{ID: 1, UID: 1, Name: "Survey", Duration: domain.Duration{Minutes: 10 * 480}},
		{ID: 2, UID: 2, Name: "Cabling", Duration: domain.Duration{Minutes: 10 * 480}},
	}
	p.Resources = []domain.Resource{
		{ID: 1, Name: "Ann", Kind: domain.Work, MaxUnits: 1, Availability: []domain.Availability{{From: day(11), To: day(18), Units: 0.5}}},
		{ID: 2, Name: "Bob", Kind: domain.Work, MaxUnits: 1},
	}
	p.Assignments = []domain.Assignment{
		{ID: 1, Task: 1, Resource: 1, Units: 1},
		{ID: 2, Task: 2, Resource: 2, Units: 1, Contour: domain.BackLoaded},
	}
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := load.Compute(p, res, load.Day)
	ann, bob := rep.Resources[0], rep.Resources[1]
	if c := ann.Periods[0].Capacity; c != 480 {
		t.Errorf("Ann's capacity on Monday of week one: %d, want 480", c)
	}
	if c := ann.Periods[7].Capacity; c != 240 {
		t.Errorf("Ann's capacity on Monday of week two: %d, want 240", c)
	}
	if len(rep.OverAllocations) != 1 {
		t.Fatalf("over-allocations %+v; want Ann's second week only", rep.OverAllocations)
	}
	o := rep.OverAllocations[0]
	if o.Name != "Ann" || !o.Start.Equal(day(11).Add(8*time.Hour)) || o.MaxUnits != 0.5 || o.Peak != 1 {
		t.Errorf("over-allocation %+v; want Ann from Monday 11 January at 08:00, 100%% against 50%%", o)
	}
	first, last := bob.Periods[0].Demand, bob.Periods[len(bob.Periods)-1].Demand
	total := int64(0)
	for _, pd := range bob.Periods {
		total += pd.Demand
	}
	if first != 48 || last != 480 || total != 2880 {
		t.Errorf("Bob's back-loaded work: %d minutes on day one, %d on the last, %d in all; want 48, 480 and 2880 (60%% of flat)", first, last, total)
	}
}
