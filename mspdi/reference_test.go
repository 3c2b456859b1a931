package mspdi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// The reference files in ../testdata/mspdi were written by MS Project (or
// converted from .mpp by MPXJ); MANIFEST.tsv profiles each one. See the
// README there for where they come from and their licences.
const refDir = "../testdata/mspdi"

// profile is one row of MANIFEST.tsv.
type profile struct {
	file                              string
	tasks, summaries, milestones      int
	links                             int
	linkTypes                         map[string]int
	nonzeroLags, negativeLags         int
	constraints                       map[string]int
	slackTasks, critical              int
	calendars, resources, assignments int
	start                             string
}

func readManifest(t *testing.T) []profile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(refDir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[h] = i
	}
	var out []profile
	for _, line := range lines[1:] {
		f := strings.Split(line, "\t")
		num := func(name string) int {
			n, err := strconv.Atoi(f[col[name]])
			if err != nil {
				t.Fatalf("MANIFEST %s: %s %q: %v", f[0], name, f[col[name]], err)
			}
			return n
		}
		counts := func(name string) map[string]int {
			m := map[string]int{}
			if err := json.Unmarshal([]byte(f[col[name]]), &m); err != nil {
				t.Fatalf("MANIFEST %s: %s: %v", f[0], name, err)
			}
			return m
		}
		out = append(out, profile{
			file: f[col["file"]], tasks: num("tasks"), summaries: num("summary_tasks"),
			milestones: num("milestones"), links: num("predecessor_links"),
			linkTypes:   counts("link_types(0=FF,1=FS,2=SF,3=SS)"),
			nonzeroLags: num("nonzero_lags"), negativeLags: num("negative_lags"),
			constraints: counts("constraints(type:count)"),
			slackTasks:  num("tasks_with_nonzero_total_slack"), critical: num("critical_tasks"),
			calendars: num("calendars"), resources: num("resources"), assignments: num("assignments"),
			start: f[col["project_start"]],
		})
	}
	return out
}

func readTestdata(name string) ([]byte, error) { return os.ReadFile(filepath.Join(refDir, name)) }

func readRef(t *testing.T, name string) *File {
	t.Helper()
	f, err := ReadFile(filepath.Join(refDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestReferenceFiles reads every reference file and checks the plan
// against the manifest's profile. The manifest counts MS Project's rows,
// so its tasks include the project summary task (UID 0), its resources
// the placeholder resource (UID 0), and its assignments the placeholder
// assignments of tasks without resources.
func TestReferenceFiles(t *testing.T) {
	profiles := readManifest(t)
	files, _ := filepath.Glob(filepath.Join(refDir, "*.xml"))
	more, _ := filepath.Glob(filepath.Join(refDir, "converted-from-mpp", "*.xml"))
	if len(files)+len(more) != len(profiles) || len(profiles) < 30 {
		t.Fatalf("%d files, %d manifest rows", len(files)+len(more), len(profiles))
	}
	constraintCode := map[domain.ConstraintType]string{domain.ALAP: "1", domain.MSO: "2", domain.MFO: "3", domain.SNET: "4", domain.SNLT: "5", domain.FNET: "6", domain.FNLT: "7"}
	typeCode := map[domain.DependencyType]string{domain.FF: "0", domain.FS: "1", domain.SF: "2", domain.SS: "3"}
	for _, pr := range profiles {
		t.Run(pr.file, func(t *testing.T) {
			f := readRef(t, pr.file)
			p := f.Plan
			if err := p.Validate(); err != nil {
				t.Fatalf("plan does not validate: %v", err)
			}
			check := func(what string, got, want int) {
				t.Helper()
				if got != want {
					t.Errorf("%s: got %d, want %d", what, got, want)
				}
			}
			check("tasks (plus the project summary)", len(p.Tasks)+1, pr.tasks)
			check("summary tasks (plus the project summary)", len(p.Summaries())+1, pr.summaries)
			check("links", len(p.Dependencies), pr.links)
			check("calendars", len(p.Calendars), pr.calendars)
			if n := len(p.Resources); n != pr.resources && n+1 != pr.resources {
				t.Errorf("resources: got %d, want %d with or without the placeholder", n, pr.resources)
			}
			if len(p.Assignments) > pr.assignments {
				t.Errorf("%d assignments, more than the file's %d", len(p.Assignments), pr.assignments)
			}
			milestones, critical, slack := 0, 0, 0
			constraints := map[string]int{}
			for _, task := range p.Tasks {
				if task.Kind == domain.KindMilestone {
					milestones++
				}
				if c, ok := constraintCode[task.Constraint]; ok {
					constraints[c]++
				}
			}
			for uid, c := range f.Reference {
				if c.Critical && uid != 0 {
					critical++
				}
				if c.TotalSlack != 0 {
					slack++
				}
			}
			check("milestones", milestones, pr.milestones)
			check("critical tasks", critical+boolInt(f.Reference[0].Critical), pr.critical)
			check("tasks with slack", slack, pr.slackTasks)
			for c, n := range pr.constraints {
				check("constraint "+c, constraints[c], n)
			}
			types := map[string]int{}
			lags, leads := 0, 0
			for _, d := range p.Dependencies {
				types[typeCode[d.Type]]++
				if !d.Lag.IsZero() {
					lags++
				}
				if d.Lag.Minutes < 0 || d.Lag.Percent < 0 {
					leads++
				}
			}
			for c, n := range pr.linkTypes {
				check("links of type "+c, types[c], n)
			}
			check("links with lag", lags, pr.nonzeroLags)
			check("links with a lead", leads, pr.negativeLags)
			if got := p.Project.Start.Format("2006-01-02T15:04:05"); got != pr.start {
				t.Errorf("start %s, want %s", got, pr.start)
			}
			if len(f.Reference) != len(p.Tasks)+1 {
				t.Errorf("%d reference entries for %d tasks and the summary", len(f.Reference), len(p.Tasks))
			}
			t.Logf("key %s, %q; dropped %q", p.Project.Key, p.Project.Name, f.Dropped)
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestTaskLinks2019 checks the 17-row task-links file saved by Project
// 2019 against the values in the file (see the README): all four link
// types, lags of 1, 2, 5 and 10 days, and the slack MS Project 2016+
// gives the predecessors of the SF and SS links.
func TestTaskLinks2019(t *testing.T) {
	f := readRef(t, "task-links-project2019-mspdi.xml")
	p := f.Plan
	if f.SaveVersion != 14 || f.BuildNumber != "16.0.10730.20102" {
		t.Errorf("version %d build %q", f.SaveVersion, f.BuildNumber)
	}
	if len(p.Tasks)+1 != 17 {
		t.Fatalf("%d tasks plus the summary, want 17", len(p.Tasks)+1)
	}
	for i, task := range p.Tasks {
		want := int64(i + 1)
		if task.ID != want || task.UID != want || task.Parent != 0 || task.Position != int64(i) {
			t.Errorf("task %d: id %d uid %d parent %d position %d", i, task.ID, task.UID, task.Parent, task.Position)
		}
		if task.Mode != domain.Manual || task.Duration != (domain.Duration{Minutes: 480}) {
			t.Errorf("task %d: mode %s duration %+v, want manual, 1 day", task.ID, task.Mode, task.Duration)
		}
		if task.Name != "Task 1" && task.Name != "Task 2" {
			t.Errorf("task %d: name %q", task.ID, task.Name)
		}
	}
	if got, want := p.Tasks[3].Start, day("2018-10-22T08:00:00"); !got.Equal(want) {
		t.Errorf("UID 4 manual start %v, want %v", got, want)
	}
	type link struct {
		pred, succ int64
		typ        domain.DependencyType
		lag        domain.Lag
	}
	want := []link{
		{1, 2, domain.FS, domain.Lag{}},
		{3, 4, domain.FS, domain.Lag{Minutes: 480}},
		{5, 6, domain.FS, domain.Lag{Minutes: 960}},
		{7, 8, domain.FS, domain.Lag{Minutes: 2400}},  // LagFormat 9: shown in weeks
		{9, 10, domain.FS, domain.Lag{Minutes: 4800}}, // 2 weeks
		{11, 12, domain.SF, domain.Lag{Minutes: 960}},
		{13, 14, domain.SS, domain.Lag{Minutes: 960}},
		{15, 16, domain.FF, domain.Lag{Minutes: 960}},
	}
	if len(p.Dependencies) != len(want) {
		t.Fatalf("%d links, want %d", len(p.Dependencies), len(want))
	}
	for i, w := range want {
		d := p.Dependencies[i]
		if d.ID != int64(i+1) || d.Predecessor != w.pred || d.Successor != w.succ || d.Type != w.typ || d.Lag != w.lag {
			t.Errorf("link %d: got %d %d→%d %s %+v, want %d→%d %s %+v", i, d.ID, d.Predecessor, d.Successor, d.Type, d.Lag, w.pred, w.succ, w.typ, w.lag)
		}
	}
	// TotalSlack in tenths of a minute in the file: 52800 = 11 days.
	for uid, slack := range map[int64]int64{1: 4800, 2: 4800, 3: 4320, 9: 0, 10: 0, 11: 5280, 12: 4800, 13: 5280, 14: 4320} {
		if got := f.Reference[uid].TotalSlack; got != slack {
			t.Errorf("UID %d total slack %d min, want %d", uid, got, slack)
		}
	}
	r1 := f.Reference[1]
	if !r1.HasEarlyLate || !r1.LateFinish.Equal(day("2018-11-02T08:00:00")) || r1.Critical || r1.Duration != 480 {
		t.Errorf("UID 1 reference %+v", r1)
	}
	r0 := f.Reference[0]
	if !r0.Summary || !r0.Finish.Equal(day("2018-11-02T17:00:00")) || r0.Duration != 96*60 {
		t.Errorf("project summary reference %+v", r0)
	}
	if p.Project.Currency != "GBP" || p.Project.CalendarID != 1 || p.Project.TimeZone != "UTC" || p.Project.Units != domain.DefaultUnits {
		t.Errorf("project %+v", p.Project)
	}
	if !f.StatusDate.IsZero() || f.CriticalSlackLimit != 0 || f.MultipleCriticalPaths {
		t.Errorf("status %v, critical slack %d, multiple %v", f.StatusDate, f.CriticalSlackLimit, f.MultipleCriticalPaths)
	}
	cal := p.Calendars[0]
	if cal.ID != 1 || cal.Name != "Standard" || cal.BaseID != 0 || len(cal.Exceptions) != 0 {
		t.Errorf("calendar %+v", cal)
	}
	for wd, ivs := range domain.StandardWeek() {
		if domain.FormatIntervals(cal.Week[wd]) != domain.FormatIntervals(ivs) || cal.Week[wd] == nil {
			t.Errorf("%v: %v", time.Weekday(wd), cal.Week[wd])
		}
	}
}

// TestTaskLinksAcrossVersions reads the same plan saved by six versions
// of MS Project: the plan is the same, the versions are told apart, and
// the slack of the SS and SF predecessors differs as the README says.
func TestTaskLinksAcrossVersions(t *testing.T) {
	for _, tc := range []struct {
		year         string
		save         int
		slack11, s13 int64
	}{
		{"2003", 0, 4800, 4320}, {"2007", 12, 4800, 4320}, {"2010", 14, 4800, 4320},
		{"2013", 14, 4800, 4320}, {"2016", 14, 5280, 5280}, {"2019", 14, 5280, 5280},
	} {
		t.Run(tc.year, func(t *testing.T) {
			f := readRef(t, "task-links-project"+tc.year+"-mspdi.xml")
			if f.SaveVersion != tc.save {
				t.Errorf("SaveVersion %d, want %d", f.SaveVersion, tc.save)
			}
			if len(f.Plan.Tasks) != 16 || len(f.Plan.Dependencies) != 8 {
				t.Errorf("%d tasks, %d links", len(f.Plan.Tasks), len(f.Plan.Dependencies))
			}
			if got, want := f.SavedBefore2016(), tc.slack11 == 4800; got != want {
				t.Errorf("SavedBefore2016 %v, want %v (last saved %v)", got, want, f.LastSaved)
			}
			if got := f.Reference[11].TotalSlack; got != tc.slack11 {
				t.Errorf("UID 11 (SF predecessor) slack %d, want %d", got, tc.slack11)
			}
			if got := f.Reference[13].TotalSlack; got != tc.s13 {
				t.Errorf("UID 13 (SS predecessor) slack %d, want %d", got, tc.s13)
			}
		})
	}
}

// TestPercentLag checks the percentage lags of the converted Software
// Development plan: LinkLag -75 and -50 with LagFormat 19 are leads of 75 %
// and 50 % of the 15-day predecessor, which is what MS Project's own
// dates in the file say (see the package documentation).
func TestPercentLag(t *testing.T) {
	f := readRef(t, "converted-from-mpp/Software Development.mpxj.xml")
	got := map[int64]domain.Lag{}
	for _, d := range f.Plan.Dependencies {
		if d.Lag.IsPercent {
			got[d.Successor] = d.Lag
		}
	}
	want := map[int64]domain.Lag{30: {Percent: -75, IsPercent: true}, 59: {Percent: -50, IsPercent: true}, 63: {Percent: -50, IsPercent: true}}
	if len(got) != len(want) {
		t.Fatalf("percentage lags %v, want %v", got, want)
	}
	for succ, w := range want {
		if got[succ] != w {
			t.Errorf("link into UID %d: %+v, want %+v", succ, got[succ], w)
		}
	}
	// 75 % of 15 working days is 90 hours before the predecessor's
	// finish, Friday 2013-03-01 17:00: Thursday 2013-02-14 15:00.
	if pred := f.Reference[29]; pred.Duration != 120*60 || !pred.Finish.Equal(day("2013-03-01T17:00:00")) {
		t.Errorf("predecessor %+v", pred)
	}
	if s := f.Reference[30].Start; !s.Equal(day("2013-02-14T15:00:00")) {
		t.Errorf("successor start %v", s)
	}
}

// TestResourcesAndCosts checks rates, costs and assignments against the
// converted OzBuild plan, where every cost is rate × work.
func TestResourcesAndCosts(t *testing.T) {
	f := readRef(t, "converted-from-mpp/OzBuild 16 Orig.mpxj.xml")
	p := f.Plan
	if p.Project.Currency != "RUB" {
		t.Errorf("currency %q", p.Project.Currency)
	}
	byName := map[string]domain.Resource{}
	for _, r := range p.Resources {
		byName[r.Name] = r
	}
	bid := byName["Bid Manager"]
	if bid.Kind != domain.Work || bid.StandardRate != 10000 || bid.MaxUnits != 1 || bid.CalendarID == 0 {
		t.Errorf("Bid Manager %+v", bid)
	}
	binding := byName["Report Binding"]
	if binding.Kind != domain.Material || binding.StandardRate != 9000 {
		t.Errorf("Report Binding %+v", binding)
	}
	for _, a := range p.Assignments {
		if a.Resource == bid.ID && a.Work == 8*60 && a.Units != 1 {
			t.Errorf("assignment %+v", a)
		}
	}
	g := readRef(t, "converted-from-mpp/ActualTaskProperties.mpxj.xml")
	for _, r := range g.Plan.Resources {
		if r.Name == "Resource 1" && (r.StandardRate != 4500 || r.OvertimeRate != 2000 || r.CostPerUse != 4900) {
			t.Errorf("Resource 1 %+v", r)
		}
	}
	// Costs are hundredths in the file: 148900 is 1,489.00.
	total := int64(0)
	for _, x := range g.Extra {
		total += x.Cost
	}
	if total == 0 {
		t.Error("no task costs read")
	}
	progress := 0
	for _, task := range g.Plan.Tasks {
		if !task.ActualStart.IsZero() {
			progress++
			if task.PercentComplete == 0 {
				t.Errorf("task %d has an actual start and no progress", task.ID)
			}
		}
	}
	if progress == 0 {
		t.Error("no actual starts read")
	}
}

// TestCalendarsOfReferenceFiles checks the calendars of files written both
// ways: OzBuild's 80 holidays appear as DayType 0 week days and again as
// Exceptions, and must be read once; sample.xml (Project 2003) has only
// the DayType 0 kind, resource calendars based on two base calendars and
// a night shift crossing midnight.
func TestCalendarsOfReferenceFiles(t *testing.T) {
	f := readRef(t, "converted-from-mpp/OzBuild 16 Orig.mpxj.xml")
	for _, c := range f.Plan.Calendars {
		if c.Name != "Standard" {
			continue
		}
		days := 0
		for _, ex := range c.Exceptions {
			days += int(ex.To.Sub(ex.From).Hours()/24) + 1
			if len(ex.Working) != 0 {
				t.Errorf("exception %+v is working", ex)
			}
		}
		if days != 80 {
			t.Errorf("Standard has %d exception days, want 80", days)
		}
	}
	s := readRef(t, "sample.xml")
	cals := map[string]domain.Calendar{}
	for _, c := range s.Plan.Calendars {
		cals[c.Name] = c
	}
	night := cals["Night Shift"]
	if got := domain.FormatIntervals(night.Week[time.Tuesday]); got != "00:00-03:00, 04:00-08:00, 23:00-24:00" {
		t.Errorf("night shift Tuesday %q", got)
	}
	if night.Week[time.Sunday] == nil || len(night.Week[time.Sunday]) != 0 {
		t.Errorf("night shift Sunday %v, want empty", night.Week[time.Sunday])
	}
	second := cals["Second Resource"]
	if second.BaseID != night.ID || second.Week[time.Monday] != nil {
		t.Errorf("Second Resource %+v", second)
	}
	if s.Plan.Project.Currency != "USD" {
		t.Errorf("currency %q without a CurrencyCode", s.Plan.Project.Currency)
	}
	if got := s.Plan.Tasks[0].Notes; got != "Test Task Notes" {
		t.Errorf("notes %q", got)
	}
}

// TestAsposePlaceholders checks the Aspose-written file, which writes
// 2000-01-01T00:00:00 for every date that is not set.
func TestAsposePlaceholders(t *testing.T) {
	f := readRef(t, "aspose-java__DefaultProjectProperties__project.xml")
	if !f.StatusDate.IsZero() {
		t.Errorf("status date %v", f.StatusDate)
	}
	for _, task := range f.Plan.Tasks {
		if !task.Deadline.IsZero() || !task.ActualStart.IsZero() || !task.ActualFinish.IsZero() {
			t.Errorf("task %d: deadline %v actual %v–%v", task.ID, task.Deadline, task.ActualStart, task.ActualFinish)
		}
	}
	found := false
	for _, d := range f.Dropped {
		found = found || strings.Contains(d, "placeholder for \"not set\"")
	}
	if !found {
		t.Errorf("Dropped %q does not mention the placeholders", f.Dropped)
	}
}

// TestTreeAndBaselines checks the outline of the converted Commercial
// Construction plan and its baselines.
func TestTreeAndBaselines(t *testing.T) {
	f := readRef(t, "converted-from-mpp/Commercial construction project plan.mpxj.xml")
	p := f.Plan
	if p.Project.Name != "Commercial Construction" || p.Project.Key != "CC" {
		t.Errorf("project %q key %q", p.Project.Name, p.Project.Key)
	}
	ids, outline := p.WBSOrder()
	if len(ids) != len(p.Tasks) {
		t.Fatalf("WBS holds %d of %d tasks", len(ids), len(p.Tasks))
	}
	// Tasks are written in outline order, so the WBS order is the file's.
	for i, id := range ids {
		if p.Tasks[i].ID != id {
			t.Fatalf("WBS position %d is task %d, file order has %d (%s)", i, id, p.Tasks[i].ID, outline[id])
		}
	}
	summaries := p.Summaries()
	for _, task := range p.Tasks {
		if summaries[task.ID] && (task.Duration.Minutes != 0 || task.Work != 0) {
			t.Errorf("summary %d keeps duration %v work %d", task.ID, task.Duration, task.Work)
		}
		if !summaries[task.ID] && task.Kind == domain.KindTask && task.Duration.Minutes == 0 && task.Mode == domain.Auto {
			t.Errorf("task %d %q has no duration", task.ID, task.Name)
		}
	}
	if len(f.Baselines) == 0 {
		for _, g := range []string{"converted-from-mpp/Software Development.mpxj.xml", "converted-from-mpp/ActualTaskProperties.mpxj.xml"} {
			for uid, bl := range readRef(t, g).Baselines {
				if len(bl) == 0 || bl[0].Number != 0 || bl[0].Start.IsZero() {
					t.Errorf("%s UID %d baselines %+v", g, uid, bl)
				}
			}
		}
	}
}
