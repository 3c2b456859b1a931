package schedule_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/schedule"
)

// field is one computed value compared with MS Project's.
type field struct {
	name string
	mine func(schedule.Task) time.Time
	ref  func(mspdi.Computed) time.Time
}

var diffLimit = flag.Int("msp.diffs", 5, "differences to show per MS Project file")

var dateFields = []field{
	{"start", func(t schedule.Task) time.Time { return t.Start }, func(c mspdi.Computed) time.Time { return c.Start }},
	{"finish", func(t schedule.Task) time.Time { return t.Finish }, func(c mspdi.Computed) time.Time { return c.Finish }},
	{"early_start", func(t schedule.Task) time.Time { return t.EarlyStart }, func(c mspdi.Computed) time.Time { return c.EarlyStart }},
	{"early_finish", func(t schedule.Task) time.Time { return t.EarlyFinish }, func(c mspdi.Computed) time.Time { return c.EarlyFinish }},
	{"late_start", func(t schedule.Task) time.Time { return t.LateStart }, func(c mspdi.Computed) time.Time { return c.LateStart }},
	{"late_finish", func(t schedule.Task) time.Time { return t.LateFinish }, func(c mspdi.Computed) time.Time { return c.LateFinish }},
}

// comparison counts, per field, how many tasks agree with MS Project.
type comparison struct {
	file       string
	tasks      int
	match, all map[string]int
	diffs      []string
}

func compareWithMSProject(t *testing.T, path string) comparison {
	t.Helper()
	f, err := mspdi.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	res, err := schedule.Compute(f.Plan, schedule.Options{LegacyStartLinkSlack: f.SavedBefore2016(), CriticalSlack: f.CriticalSlackLimit})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	cal := calendar.Standard()
	for _, c := range f.Plan.Calendars {
		if c.ID == f.Plan.Project.CalendarID {
			if cal, err = calendar.New(c, f.Plan.Calendars...); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmp := comparison{file: filepath.Base(path), match: map[string]int{}, all: map[string]int{}}
	same := func(a, b time.Time) bool { return cal.Ordinal(a) == cal.Ordinal(b) }
	for _, tk := range res.Tasks {
		ref, ok := f.Reference[tk.UID]
		if !ok {
			continue
		}
		cmp.tasks++
		for _, fd := range dateFields {
			rv := fd.ref(ref)
			if rv.IsZero() || (strings.HasPrefix(fd.name, "early") || strings.HasPrefix(fd.name, "late")) && !ref.HasEarlyLate {
				continue
			}
			cmp.all[fd.name]++
			if same(fd.mine(tk), rv) {
				cmp.match[fd.name]++
			} else {
				cmp.diffs = append(cmp.diffs, fmt.Sprintf("UID %d %q %s: got %s, MS Project %s", tk.UID, tk.Name, fd.name,
					domain.FormatDateTime(fd.mine(tk)), domain.FormatDateTime(rv)))
			}
		}
		for _, s := range []struct {
			name      string
			mine, ref int64
		}{{"total_float", tk.TotalFloat, ref.TotalSlack}, {"free_float", tk.FreeFloat, ref.FreeSlack}} {
			cmp.all[s.name]++
			if s.mine == s.ref {
				cmp.match[s.name]++
			} else {
				cmp.diffs = append(cmp.diffs, fmt.Sprintf("UID %d %q %s: got %d, MS Project %d", tk.UID, tk.Name, s.name, s.mine, s.ref))
			}
		}
	}
	return cmp
}

func TestMSProjectReference(t *testing.T) {
	files, _ := filepath.Glob("../testdata/mspdi/*.xml")
	more, _ := filepath.Glob("../testdata/mspdi/converted-from-mpp/*.xml")
	files = append(files, more...)
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no reference files")
	}
	var total, matched int
	var table strings.Builder
	for _, path := range files {
		var cmp comparison
		t.Run(filepath.Base(path), func(t *testing.T) { cmp = compareWithMSProject(t, path) })
		var parts []string
		for _, fd := range []string{"start", "finish", "early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float"} {
			if cmp.all[fd] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d/%d", fd, cmp.match[fd], cmp.all[fd]))
			}
			total += cmp.all[fd]
			matched += cmp.match[fd]
		}
		line := fmt.Sprintf("%-50s tasks %3d: %s", cmp.file, cmp.tasks, strings.Join(parts, ", "))
		t.Log(line)
		table.WriteString(line + "\n")
		for i, d := range cmp.diffs {
			if i == *diffLimit {
				t.Logf("    … %d more", len(cmp.diffs)-5)
				break
			}
			t.Logf("    %s", d)
		}
	}
	summary := fmt.Sprintf("overall: %d/%d values match MS Project (%.1f%%)", matched, total, 100*float64(matched)/float64(total))
	t.Log(summary)
	table.WriteString(summary + "\n")
	// The golden file records how far each file agrees today, so that a
	// change to the engine that loses agreement fails here, and one that
	// gains it shows in the diff (docs/compatibility.md explains the rest).
	golden(t, "msproject", []byte(table.String()))
}
