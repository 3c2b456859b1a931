package gantt_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files")

// builder makes test plans in Go rather than fixtures.
type builder struct{ p domain.Plan }

func newPlan(name string, start time.Time) *builder {
	return &builder{p: domain.Plan{Project: domain.Project{Key: "GT", Name: name, Start: start}}}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func (b *builder) task(name, dur string, opts ...func(*domain.Task)) int64 {
	d, err := domain.ParseDuration(dur, domain.DefaultUnits)
	if err != nil {
		panic(err)
	}
	id := int64(len(b.p.Tasks) + 1)
	t := domain.Task{ID: id, UID: id, Name: name, Duration: d, Position: id}
	for _, o := range opts {
		o(&t)
	}
	b.p.Tasks = append(b.p.Tasks, t)
	return id
}

func (b *builder) link(a, s int64, typ domain.DependencyType, lag string) {
	l, err := domain.ParseLag(lag, domain.DefaultUnits)
	if err != nil {
		panic(err)
	}
	b.p.Dependencies = append(b.p.Dependencies, domain.Dependency{Predecessor: a, Successor: s, Type: typ, Lag: l})
}

// chain links the tasks finish to start, in order.
func (b *builder) chain(ids ...int64) {
	for i := 1; i < len(ids); i++ {
		b.link(ids[i-1], ids[i], domain.FS, "")
	}
}

func under(parent int64) func(*domain.Task)   { return func(t *domain.Task) { t.Parent = parent } }
func milestone(t *domain.Task)                { t.Kind = domain.KindMilestone }
func percent(p int) func(*domain.Task)        { return func(t *domain.Task) { t.PercentComplete = p } }
func deadline(d time.Time) func(*domain.Task) { return func(t *domain.Task) { t.Deadline = d } }

// linkTypes is a small plan with all four link types, a lead, a summary
// and a milestone.
func linkTypes() *domain.Plan {
	b := newPlan("Link types", day(2027, 1, 4))
	ph := b.task("Phase", "0d")
	a := b.task("Design", "3d", under(ph))
	ss := b.task("Review (SS +1d)", "2d", under(ph))
	ff := b.task("Document (FF)", "1d", under(ph))
	sf := b.task("Hand over (SF)", "1d", under(ph))
	lead := b.task("Prepare (FS -1d)", "2d")
	done := b.task("Phase done", "0d", milestone)
	after := b.task("Follow-up", "2d")
	b.link(a, ss, domain.SS, "1d")
	b.link(a, ff, domain.FF, "")
	b.link(a, sf, domain.SF, "2d")
	b.link(a, lead, domain.FS, "-1d")
	b.link(ph, done, domain.FS, "")
	b.link(done, after, domain.FS, "")
	return &b.p
}

// twoWeeks is a server upgrade over about two weeks: a day scale.
func twoWeeks() *domain.Plan {
	b := newPlan("Mail server upgrade", day(2027, 3, 1))
	prep := b.task("Preparation", "0d")
	backup := b.task("Full backup", "1d", under(prep), percent(100))
	stage := b.task("Build staging server", "2d", under(prep), percent(50))
	test := b.task("Test migration", "2d", under(prep))
	mig := b.task("Migration", "0d")
	freeze := b.task("Change freeze", "0d", under(mig), milestone)
	move := b.task("Move mailboxes", "3d", under(mig))
	comms := b.task("Tell users", "1d", under(mig))
	check := b.task("Check & sign off <ops>", "1d", under(mig))
	live := b.task("Live", "0d", milestone)
	b.chain(backup, stage, test, freeze, move, check, live)
	b.link(move, comms, domain.SS, "")
	return &b.p
}

// eightMonths is a hardware rollout of about eight months: a month scale.
func eightMonths() *domain.Plan {
	b := newPlan("Laptop refresh", day(2027, 2, 1))
	plan := b.task("Planning", "0d")
	req := b.task("Requirements", "10d", under(plan))
	tender := b.task("Tender", "25d", under(plan))
	award := b.task("Contract awarded", "0d", under(plan), milestone)
	pilot := b.task("Pilot", "0d")
	img := b.task("Build image", "15d", under(pilot))
	p1 := b.task("Pilot 50 users", "10d", under(pilot))
	rev := b.task("Pilot review", "3d", under(pilot))
	roll := b.task("Rollout", "0d")
	w1 := b.task("Wave 1: finance and HR", "30d", under(roll))
	w2 := b.task("Wave 2: sales", "40d", under(roll))
	w3 := b.task("Wave 3: engineering", "40d", under(roll))
	dispose := b.task("Dispose of old laptops", "15d", under(roll))
	closed := b.task("Project closed", "0d", milestone, deadline(day(2027, 10, 1)))
	b.chain(req, tender, award, img, p1, rev, w1, w2, w3, closed)
	b.link(w1, dispose, domain.SS, "10d")
	b.link(dispose, closed, domain.FS, "")
	return &b.p
}

// release is a software release of about twelve weeks, drawn with a
// baseline, a status date and today: a week scale.
func release() (*domain.Plan, gantt.Options) {
	b := newPlan("Release 4.2", day(2027, 4, 5))
	dev := b.task("Development", "0d")
	api := b.task("API changes", "10d", under(dev), percent(100))
	ui := b.task("New reports screen", "20d", under(dev), percent(60))
	mig := b.task("Data migration", "8d", under(dev), percent(20))
	qa := b.task("Testing", "0d")
	sys := b.task("System test", "15d", under(qa))
	uat := b.task("User acceptance", "10d", under(qa))
	rel := b.task("Release", "0d", milestone)
	docs := b.task("Release notes", "3d")
	b.chain(api, ui, sys, uat, rel)
	b.link(api, mig, domain.FS, "")
	b.link(mig, sys, domain.FS, "")
	b.link(uat, docs, domain.FF, "")
	opt := gantt.Options{Critical: true, StatusDate: day(2027, 4, 30), Today: day(2027, 5, 3).Add(10 * time.Hour),
		Baseline: map[int64][2]time.Time{}}
	shift := map[int64]int{api: 0, ui: -2, mig: -3, sys: -5, uat: -5, rel: -7, dev: 0, qa: -5}
	p := &b.p
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		panic(err)
	}
	for _, t := range r.Tasks {
		if d, ok := shift[t.ID]; ok {
			opt.Baseline[t.ID] = [2]time.Time{t.Start.AddDate(0, 0, min(d, 0)/2), t.Finish.AddDate(0, 0, d)}
		}
	}
	return p, opt
}

type goldenCase struct {
	name string
	plan func() (*domain.Plan, gantt.Options)
}

func goldenCases() []goldenCase {
	critical := func(f func() *domain.Plan) func() (*domain.Plan, gantt.Options) {
		return func() (*domain.Plan, gantt.Options) { return f(), gantt.Options{Critical: true} }
	}
	return []goldenCase{
		{"link_types", critical(linkTypes)},
		{"two_weeks", critical(twoWeeks)},
		{"eight_months", critical(eightMonths)},
		{"baseline_status", release},
	}
}

func render(t testing.TB, p *domain.Plan, opt gantt.Options) []byte {
	t.Helper()
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gantt.Render(&buf, p, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, opt := tc.plan()
			got := render(t, p, opt)
			path := filepath.Join("testdata", tc.name+".svg.golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./gantt/ -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("chart differs from %s; view both, then run go test ./gantt/ -update if the change is right", path)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	p, opt := release()
	a, b := render(t, p, opt), render(t, p, opt)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same plan differ")
	}
}

// element is a parsed SVG element, enough to query the output.
type element struct {
	name     string
	attrs    map[string]string
	text     string // character data directly inside
	children []*element
}

func parse(t testing.TB, svg []byte) *element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	var root *element
	var stack []*element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("more than one root element")
				}
				root = e
				if tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root namespace %q", tok.Name.Space)
				}
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

// walk calls f for e and every element under it, depth first.
func (e *element) walk(f func(*element)) {
	f(e)
	for _, c := range e.children {
		c.walk(f)
	}
}

// title returns the text of e's <title> child, or "".
func (e *element) title() string {
	for _, c := range e.children {
		if c.name == "title" {
			return c.text
		}
	}
	return ""
}

func hasClass(e *element, class string) bool {
	return strings.Contains(" "+e.attrs["class"]+" ", " "+class+" ")
}

func TestWellFormed(t *testing.T) {
	cases := goldenCases()
	cases = append(cases,
		goldenCase{"fixed_width", func() (*domain.Plan, gantt.Options) { return eightMonths(), gantt.Options{Width: 1200} }},
		goldenCase{"large", func() (*domain.Plan, gantt.Options) { return synthetic(1000), gantt.Options{Critical: true} }},
		goldenCase{"empty", func() (*domain.Plan, gantt.Options) { return &newPlan("Empty", day(2027, 1, 4)).p, gantt.Options{} }},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, opt := tc.plan()
			svg := render(t, p, opt)
			root := parse(t, svg)
			if root.name != "svg" || root.attrs["version"] != "1.1" || root.attrs["role"] != "img" {
				t.Fatalf("root <%s> version=%q role=%q", root.name, root.attrs["version"], root.attrs["role"])
			}
			for _, a := range []string{"width", "height", "viewBox", "aria-label"} {
				if root.attrs[a] == "" {
					t.Errorf("root has no %s", a)
				}
			}
			if want := "0 0 " + root.attrs["width"] + " " + root.attrs["height"]; root.attrs["viewBox"] != want {
				t.Errorf("viewBox %q, want %q", root.attrs["viewBox"], want)
			}
			if !strings.HasPrefix(root.title(), "Gantt chart: ") {
				t.Errorf("root title %q", root.title())
			}
			if opt.Width > 0 && root.attrs["width"] != fmt.Sprint(opt.Width) {
				t.Errorf("width %s, want %d", root.attrs["width"], opt.Width)
			}
			bars := 0
			root.walk(func(e *element) {
				if e.name == "g" && (hasClass(e, "task") || hasClass(e, "summary") || hasClass(e, "milestone")) && e.title() != "" {
					bars++
				}
			})
			if bars != len(p.Tasks) {
				t.Errorf("%d task shapes with tooltips, want %d", bars, len(p.Tasks))
			}
		})
	}
}

func TestEscapesText(t *testing.T) {
	const nasty = `<script>&"'`
	b := newPlan("R&D <lab>", day(2027, 1, 4))
	b.task(nasty, "2d")
	b.task("Bad\x00byte", "1d")
	svg := render(t, &b.p, gantt.Options{Title: `Q&A "plan"`})
	if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte(`&"`)) {
		t.Fatalf("name not escaped:\n%s", svg)
	}
	root := parse(t, svg)
	if got := root.attrs["aria-label"]; got != `Gantt chart: Q&A "plan"` {
		t.Errorf("aria-label %q", got)
	}
	var names []string
	root.walk(func(e *element) {
		if e.name == "text" && hasClass(e, "name") {
			names = append(names, e.text)
		}
	})
	if len(names) != 2 || names[0] != nasty || names[1] != "Bad\uFFFDbyte" {
		t.Fatalf("names %q, want %q and a replacement character", names, nasty)
	}
}

func TestCriticalClass(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, opt := tc.plan()
			r, err := schedule.Compute(p, schedule.Options{})
			if err != nil {
				t.Fatal(err)
			}
			critical := map[string]bool{}
			for _, tk := range r.Tasks {
				critical[tk.Name] = tk.Critical
			}
			var buf bytes.Buffer
			if err := gantt.Render(&buf, p, r, opt); err != nil {
				t.Fatal(err)
			}
			seen, red := 0, 0
			parse(t, buf.Bytes()).walk(func(e *element) {
				tip := e.title()
				if e.name != "g" || tip == "" {
					return
				}
				_, name, _ := strings.Cut(strings.SplitN(tip, "\n", 2)[0], " ")
				want, ok := critical[name]
				if !ok {
					t.Errorf("tooltip %q names no task", tip)
					return
				}
				seen++
				if hasClass(e, "critical") != want {
					t.Errorf("%q: critical class %v, want %v", name, !want, want)
				}
				if want {
					red++
				}
			})
			if seen != len(r.Tasks) || red == 0 {
				t.Errorf("checked %d of %d tasks, %d critical", seen, len(r.Tasks), red)
			}

			buf.Reset()
			opt.Critical = false
			if err := gantt.Render(&buf, p, r, opt); err != nil {
				t.Fatal(err)
			}
			parse(t, buf.Bytes()).walk(func(e *element) {
				if hasClass(e, "critical") {
					t.Errorf("Critical off, but <%s> %q has the critical class", e.name, e.title())
				}
			})
		})
	}
}

func TestTimeScale(t *testing.T) {
	eight, _ := goldenCases()[2].plan()
	ten, tenOpt := release()
	tests := []struct {
		name string
		p    *domain.Plan
		opt  gantt.Options
		want []string
	}{
		{"days", twoWeeks(), gantt.Options{}, []string{">Week 9 · 1 Mar 2027<", ">11<", `class="we"`}},
		{"weeks", ten, tenOpt, []string{">April 2027<", ">12<", ">Status date 30 Apr<", ">Today<"}},
		{"months", eight, gantt.Options{}, []string{">Q2 2027<", ">June<"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svg := string(render(t, tc.p, tc.opt))
			for _, w := range tc.want {
				if !strings.Contains(svg, w) {
					t.Errorf("chart lacks %s", w)
				}
			}
		})
	}
}

func TestNilInputs(t *testing.T) {
	if err := gantt.Render(io.Discard, nil, &schedule.Result{}, gantt.Options{}); err == nil {
		t.Error("nil plan: no error")
	}
	if err := gantt.Render(io.Discard, &domain.Plan{}, nil, gantt.Options{}); err == nil {
		t.Error("nil result: no error")
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriteError(t *testing.T) {
	p := synthetic(200)
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	if err := gantt.Render(failWriter{boom}, p, r, gantt.Options{}); !errors.Is(err, boom) {
		t.Fatalf("got %v, want it to wrap %v", err, boom)
	}
}

// synthetic builds a plan of n tasks in phases of 50 under summaries:
// chains of tasks with some start-to-start and finish-to-finish links and
// a milestone closing each phase.
func synthetic(n int) *domain.Plan {
	b := newPlan("Synthetic", day(2027, 1, 4))
	var phase, prev int64
	for i := 0; i < n; i++ {
		switch {
		case i%50 == 0:
			phase = b.task(fmt.Sprintf("Phase %d", i/50+1), "0d")
			if prev != 0 {
				b.link(prev, phase, domain.FS, "")
			}
			prev = 0
		case i%50 == 49:
			ms := b.task(fmt.Sprintf("Phase %d done", i/50+1), "0d", under(phase), milestone)
			b.link(prev, ms, domain.FS, "")
			prev = ms
		default:
			id := b.task(fmt.Sprintf("Work package %d with a descriptive name", i), fmt.Sprintf("%dd", 1+i%4), under(phase))
			if prev != 0 {
				typ := []domain.DependencyType{domain.FS, domain.FS, domain.SS, domain.FF}[i%4]
				b.link(prev, id, typ, "")
			}
			prev = id
		}
	}
	return &b.p
}

func BenchmarkRender(b *testing.B) {
	p := synthetic(1000)
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		b.Fatal(err)
	}
	opt := gantt.Options{Critical: true, StatusDate: day(2027, 3, 1), Baseline: map[int64][2]time.Time{}}
	for _, t := range r.Tasks {
		opt.Baseline[t.ID] = [2]time.Time{t.Start, t.Finish}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := gantt.Render(io.Discard, p, r, opt); err != nil {
			b.Fatal(err)
		}
	}
}
