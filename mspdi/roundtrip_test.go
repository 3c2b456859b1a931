package mspdi_test

import (
	"bytes"
	"cmp"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/schedule"
)

// TestRoundTrip reads every reference file, writes it with Write, reads
// the output and checks that nothing the plan holds changed — tasks,
// links, calendars, resources, assignments, baselines — and that every
// task schedules to the same dates, floats and work.
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("../testdata/mspdi", "*.xml"))
	more, _ := filepath.Glob(filepath.Join("../testdata/mspdi", "converted-from-mpp", "*.xml"))
	files = append(files, more...)
	if len(files) < 20 {
		t.Fatalf("only %d reference files", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			first, err := mspdi.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opt := schedule.Options{CriticalSlack: first.CriticalSlackLimit, LegacyStartLinkSlack: first.SavedBefore2016()}
			res1, err := schedule.Compute(first.Plan, opt)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := mspdi.Write(&buf, first.Plan, res1); err != nil {
				t.Fatal(err)
			}
			second, err := mspdi.Read(&buf)
			if err != nil {
				t.Fatalf("reading what Write wrote: %v", err)
			}
			samePlan(t, first.Plan, second.Plan)
			if second.SavedBefore2016() {
				t.Error("the written file reads as saved before Project 2016")
			}
			res2, err := schedule.Compute(second.Plan, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !res1.Start.Equal(res2.Start) || !res1.Finish.Equal(res2.Finish) {
				t.Errorf("project %s–%s became %s–%s", res1.Start, res1.Finish, res2.Start, res2.Finish)
			}
			if !reflect.DeepEqual(res1.Tasks, res2.Tasks) {
				for k := range res1.Tasks {
					if k < len(res2.Tasks) && !reflect.DeepEqual(res1.Tasks[k], res2.Tasks[k]) {
						t.Fatalf("task scheduled differently after the round trip:\nbefore %+v\nafter  %+v", res1.Tasks[k], res2.Tasks[k])
					}
				}
				t.Fatalf("%d tasks became %d", len(res1.Tasks), len(res2.Tasks))
			}
			// What MS Project stored is written back: the computed values
			// of the first read and the second agree.
			for uid, ref := range second.Reference {
				if uid == 0 {
					continue
				}
				var got *schedule.Task
				for k := range res1.Tasks {
					if res1.Tasks[k].UID == uid {
						got = &res1.Tasks[k]
					}
				}
				if got == nil || !ref.Start.Equal(got.Start) || !ref.Finish.Equal(got.Finish) || ref.TotalSlack != got.TotalFloat {
					t.Fatalf("task %d: written Start/Finish/TotalSlack %v/%v/%d, computed %+v", uid, ref.Start, ref.Finish, ref.TotalSlack, got)
				}
			}
		})
	}
}

// samePlan compares two plans read from MSPDI part by part. Links and
// assignments are numbered in file order, so they are compared without
// their IDs.
func samePlan(t *testing.T, a, b *domain.Plan) {
	t.Helper()
	if !reflect.DeepEqual(a.Project, b.Project) {
		t.Errorf("project %+v became %+v", a.Project, b.Project)
	}
	if !reflect.DeepEqual(a.Tasks, b.Tasks) {
		for k := range a.Tasks {
			if k < len(b.Tasks) && !reflect.DeepEqual(a.Tasks[k], b.Tasks[k]) {
				t.Fatalf("task changed:\nbefore %+v\nafter  %+v", a.Tasks[k], b.Tasks[k])
			}
		}
		t.Fatalf("%d tasks became %d", len(a.Tasks), len(b.Tasks))
	}
	if !reflect.DeepEqual(a.Calendars, b.Calendars) {
		for k := range a.Calendars {
			if k < len(b.Calendars) && !reflect.DeepEqual(a.Calendars[k], b.Calendars[k]) {
				t.Fatalf("calendar changed:\nbefore %+v\nafter  %+v", a.Calendars[k], b.Calendars[k])
			}
		}
		t.Fatalf("%d calendars became %d", len(a.Calendars), len(b.Calendars))
	}
	if !reflect.DeepEqual(a.Resources, b.Resources) {
		t.Errorf("resources changed:\nbefore %+v\nafter  %+v", a.Resources, b.Resources)
	}
	if !reflect.DeepEqual(a.Baselines, b.Baselines) {
		t.Errorf("baselines changed:\nbefore %+v\nafter  %+v", a.Baselines, b.Baselines)
	}
	links := func(p *domain.Plan) []domain.Dependency {
		ds := slices.Clone(p.Dependencies)
		for i := range ds {
			ds[i].ID = 0
		}
		slices.SortFunc(ds, func(x, y domain.Dependency) int {
			return cmp.Or(cmp.Compare(x.Successor, y.Successor), cmp.Compare(x.Predecessor, y.Predecessor))
		})
		return ds
	}
	if !reflect.DeepEqual(links(a), links(b)) {
		t.Errorf("links changed:\nbefore %+v\nafter  %+v", links(a), links(b))
	}
	asgs := func(p *domain.Plan) []domain.Assignment {
		as := slices.Clone(p.Assignments)
		for i := range as {
			as[i].ID = 0
		}
		return as
	}
	if !reflect.DeepEqual(asgs(a), asgs(b)) {
		t.Errorf("assignments changed:\nbefore %+v\nafter  %+v", asgs(a), asgs(b))
	}
}
