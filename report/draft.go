package report

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// topRisks is how many risks a report lists.
const topRisks = 5

// Draft writes the report for in.
func Draft(in Input) (*Report, error) {
	if in.Plan == nil || in.Result == nil {
		return nil, errors.New("report: a plan and its schedule are required")
	}
	th := in.Thresholds.orDefault()
	if err := th.Validate(); err != nil {
		return nil, err
	}
	if in.PeriodEnd.IsZero() {
		return nil, errors.New("report: the period's end is required")
	}
	if in.PeriodStart.IsZero() {
		in.PeriodStart = in.PeriodEnd.AddDate(0, 0, -7)
	}
	d := newDrafter(in, th)
	r := &Report{
		Project: in.Plan.Project.Key, Name: in.Plan.Project.Name,
		PeriodStart: domain.FormatDate(in.PeriodStart), PeriodEnd: domain.FormatDate(in.PeriodEnd),
		Milestones: d.milestones(), Accomplishments: d.accomplishments(), NextSteps: d.nextSteps(),
		Risks: d.risks(), Decisions: append([]string{}, in.Decisions...),
	}
	r.RAG.Schedule = d.scheduleStatus()
	r.RAG.Cost, r.Budget = d.costStatus()
	r.RAG.Scope = d.scopeStatus()
	r.RAG.Risk = d.riskStatus()
	r.RAG.Overall = overall(r.RAG)
	r.Summary = d.summary(r)
	return r, nil
}

// drafter holds what the parts of a report share.
type drafter struct {
	in        Input
	th        Thresholds
	plan      *domain.Plan
	res       *schedule.Result
	perDay    float64
	year      int
	task      map[int64]*domain.Task
	row       map[int64]*schedule.Task
	base      map[int64]domain.Baseline
	slip      map[int64]float64 // finish variance, working days, per baselined task
	summaries map[int64]bool
}

func newDrafter(in Input, th Thresholds) *drafter {
	d := &drafter{in: in, th: th, plan: in.Plan, res: in.Result, year: in.PeriodEnd.Year(),
		perDay: float64(in.Plan.Project.Units.OrDefault().MinutesPerDay),
		task:   map[int64]*domain.Task{}, row: map[int64]*schedule.Task{},
		base: map[int64]domain.Baseline{}, slip: map[int64]float64{}, summaries: in.Plan.Summaries()}
	for i := range d.plan.Tasks {
		d.task[d.plan.Tasks[i].ID] = &d.plan.Tasks[i]
	}
	for i := range d.res.Tasks {
		d.row[d.res.Tasks[i].ID] = &d.res.Tasks[i]
	}
	for _, b := range d.plan.Baselines {
		if b.Number == in.Baseline {
			d.base[b.Task] = b
		}
	}
	for _, v := range d.res.Variances(d.plan.Baselines, in.Baseline) {
		d.slip[v.Task] = float64(v.Finish) / d.perDay
	}
	return d
}

func (d *drafter) key(id int64) string {
	return d.plan.Project.Key + "-" + strconv.FormatInt(d.task[id].UID, 10)
}

// done reports whether a task is finished.
func (d *drafter) done(id int64) bool {
	t := d.task[id]
	return t.PercentComplete >= 100 || !t.ActualFinish.IsZero()
}

// milestones lists the plan's milestones by forecast date.
func (d *drafter) milestones() []Milestone {
	out := []Milestone{}
	for _, r := range d.res.Tasks {
		if !r.Milestone {
			continue
		}
		m := Milestone{Key: d.key(r.ID), Name: r.Name, Forecast: domain.FormatDate(r.Finish), Done: d.done(r.ID), Note: "no baseline"}
		if b, ok := d.base[r.ID]; ok {
			m.Baseline = domain.FormatDate(b.Finish)
			m.VarianceDays = math.Round(d.slip[r.ID]*10) / 10
			m.Note = relative(d.slip[r.ID])
		}
		if dl := d.task[r.ID].Deadline; !dl.IsZero() {
			m.Deadline = domain.FormatDate(dl)
		}
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b Milestone) int { return compareStrings(a.Forecast, b.Forecast) })
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// accomplishments lists the tasks finished in the period.
func (d *drafter) accomplishments() []Item {
	out := []Item{}
	for _, r := range d.res.Tasks {
		if r.Summary || !d.done(r.ID) {
			continue
		}
		fin := d.task[r.ID].ActualFinish
		if fin.IsZero() {
			fin = r.Finish
		}
		if !fin.Before(d.in.PeriodStart) && !fin.After(endOfDay(d.in.PeriodEnd)) {
			out = append(out, Item{Key: d.key(r.ID), Name: r.Name, Date: domain.FormatDate(fin)})
		}
	}
	return out
}

// nextSteps lists the tasks not yet started that start in the next period
// of the same length.
func (d *drafter) nextSteps() []Item {
	out := []Item{}
	from := endOfDay(d.in.PeriodEnd)
	to := from.Add(d.in.PeriodEnd.Sub(d.in.PeriodStart))
	for _, r := range d.res.Tasks {
		t := d.task[r.ID]
		if r.Summary || d.done(r.ID) || !t.ActualStart.IsZero() || t.PercentComplete > 0 {
			continue
		}
		if r.Start.After(from) && !r.Start.After(to) {
			out = append(out, Item{Key: d.key(r.ID), Name: r.Name, Date: domain.FormatDate(r.Start)})
		}
	}
	slices.SortStableFunc(out, func(a, b Item) int { return compareStrings(a.Date, b.Date) })
	return out
}

func endOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, 0, t.Location())
}

// risks lists the worst open risks.
func (d *drafter) risks() []Risk {
	rs := slices.Clone(d.in.Risks)
	slices.SortStableFunc(rs, func(a, b Risk) int { return b.Score*a.MaxScore - a.Score*b.MaxScore })
	if len(rs) > topRisks {
		rs = rs[:topRisks]
	}
	if rs == nil {
		rs = []Risk{}
	}
	return rs
}

// projectSlip is the project finish's variance from the latest baselined
// finish, in working days, and whether there is a baseline.
func (d *drafter) projectSlip() (float64, time.Time, bool) {
	var latest time.Time
	for _, b := range d.base {
		if b.Finish.After(latest) {
			latest = b.Finish
		}
	}
	if latest.IsZero() {
		return 0, latest, false
	}
	return float64(d.res.Calendar().WorkBetween(latest, d.res.Finish)) / d.perDay, latest, true
}

// driver finds where a task's slip came from: among it and the tasks
// before it (through links), the one that added the most slip of its own
// — its finish variance beyond its predecessors'.
func (d *drafter) driver(id int64) (int64, bool) {
	preds := map[int64][]int64{}
	for _, dep := range d.plan.Dependencies {
		preds[dep.Successor] = append(preds[dep.Successor], dep.Predecessor)
	}
	seen := map[int64]bool{}
	stack := []int64{id}
	best, bestOwn := int64(0), 0.5 // at least half a day of its own
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[k] {
			continue
		}
		seen[k] = true
		inherited := 0.0
		for _, p := range preds[k] {
			inherited = math.Max(inherited, d.slip[p])
			stack = append(stack, p)
		}
		if k == id && d.task[k].Kind == domain.KindMilestone {
			continue // a milestone adds nothing of its own
		}
		if own := d.slip[k] - inherited; own > bestOwn || own == bestOwn && best != 0 && d.key(k) < d.key(best) {
			best, bestOwn = k, own
		}
	}
	return best, best != 0
}

// overall is the worst area's level, with that area's reasons.
func overall(r RAG) Status {
	s := Status{Level: Green}
	for _, a := range []Status{r.Schedule, r.Cost, r.Scope, r.Risk} {
		s.Level = worse(s.Level, a.Level)
	}
	for _, a := range []Status{r.Schedule, r.Cost, r.Scope, r.Risk} {
		if a.Level == s.Level && s.Level != Green {
			s.Reasons = append(s.Reasons, a.Reasons...)
		}
	}
	if s.Level == Green {
		s.Reasons = []string{"Schedule, cost, scope and risk are all within their thresholds."}
	}
	return s
}
