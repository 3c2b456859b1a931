package risk

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Result is what a simulation found. Percentiles are nearest-rank: P80
// is the finish that 80% of runs met or beat.
type Result struct {
	Iterations int
	Seed       uint64
	Start      time.Time // the schedule's start
	// Planned is the finish of the schedule with every duration as
	// planned (schedule.Compute), and PlannedCost its cost.
	Planned     time.Time
	PlannedCost int64
	// OnTime is the share of runs that finished by Planned.
	OnTime   float64
	Finish   DateStats
	Cost     MoneyStats // minor units of Currency
	Currency string
	// Tasks has one entry per task of the plan, in WBS order.
	Tasks []TaskStats
	// Milestones has one entry per tracked task (Model.Track).
	Milestones []TrackStats
	// Risks has one entry per event, largest expected effect on the
	// finish first.
	Risks []RiskStats

	cal      *calendar.Calendar
	finishes []int64 // sorted ordinals of the project calendar
	costs    []int64 // sorted
	planned  int64
}

// DateStats summarises a distribution of dates (project-local). StdDev is
// in working minutes of the project calendar.
type DateStats struct {
	P10, P50, P80, P90, P95 time.Time
	Mean, Min, Max          time.Time
	StdDev                  float64
}

// MoneyStats summarises a distribution of money, in minor units.
type MoneyStats struct {
	P10, P50, P80, P90, P95 int64
	Mean, Min, Max          int64
	StdDev                  float64
}

// TaskStats is what the runs say about one task.
type TaskStats struct {
	ID, UID int64
	Name    string
	Summary bool
	// Criticality is the share of runs in which the task was on a
	// driving path to the project finish (for a summary: in which any
	// task under it was).
	Criticality float64
	// Sensitivity is the Pearson correlation between the task's duration
	// and the project finish over the runs; 0 for a task whose duration
	// never varies.
	Sensitivity float64
	// Uncertain reports whether the task's duration varied (an estimate
	// or a risk event).
	Uncertain bool
	// MeanDuration is the average duration in minutes (for a summary, 0):
	// working minutes, or elapsed minutes when Elapsed.
	MeanDuration float64
	Elapsed      bool
}

// TrackStats is the finish distribution of one tracked task.
type TrackStats struct {
	ID, UID  int64
	Name     string
	Deadline time.Time // zero: none
	Planned  time.Time // its finish with durations as planned
	Finish   DateStats
	// OnTime is the share of runs that finished it by its deadline, or
	// by its planned finish when it has none.
	OnTime float64

	cal      *calendar.Calendar
	finishes []int64
}

// RiskStats is what the runs say about one risk event.
type RiskStats struct {
	ID, Name    string
	Probability float64 // as modelled
	Occurred    float64 // share of runs in which it occurred
	// FinishImpact is the mean project finish of the runs in which it
	// occurred minus that of the runs in which it did not, in working
	// minutes: how far it moves the date when it happens. 0 when it
	// always or never occurred.
	FinishImpact float64
}

// ProbabilityBy returns the share of runs that finished the project by
// t. A bare date (midnight) means the end of that day's work.
func (r *Result) ProbabilityBy(t time.Time) float64 {
	return shareBy(r.finishes, finishOrd(r.cal, t))
}

// Percentile returns the project finish that q percent of runs met or
// beat (nearest rank), q in 0–100.
func (r *Result) Percentile(q float64) time.Time {
	return r.cal.FinishOf(percentile(r.finishes, q))
}

// ProbabilityBy returns the share of runs that finished the task by t.
func (s *TrackStats) ProbabilityBy(t time.Time) float64 {
	return shareBy(s.finishes, finishOrd(s.cal, t))
}

// Bin is one bar of a finish histogram: the runs finishing on the
// working days from From (midnight) up to To (midnight), and the share of
// runs finished by To.
type Bin struct {
	From, To   time.Time
	Runs       int
	Cumulative float64
}

// Histogram groups the runs by the working day they finish on, in about
// bins bars of whole working days each, from the earliest finish to the
// latest.
func (r *Result) Histogram(bins int) []Bin {
	if len(r.finishes) == 0 || bins <= 0 {
		return nil
	}
	midnight := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	first := midnight(r.cal.FinishOf(r.finishes[0]))
	last := midnight(r.cal.FinishOf(r.finishes[len(r.finishes)-1]))
	var days []time.Time
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if d.Equal(first) || d.Equal(last) || r.cal.WorkingMinutesOn(d) > 0 {
			days = append(days, d)
		}
	}
	per := (len(days) + bins - 1) / bins
	var out []Bin
	j := 0
	for k := 0; k < len(days); k += per {
		from, to := days[k], days[min(k+per, len(days))-1].AddDate(0, 0, 1)
		end := r.cal.Ordinal(to)
		n := j + sort.Search(len(r.finishes)-j, func(x int) bool { return r.finishes[j+x] > end })
		out = append(out, Bin{From: from, To: to, Runs: n - j, Cumulative: float64(n) / float64(len(r.finishes))})
		j = n
	}
	return out
}

// result assembles the Result from the runs and their tallies.
func (s *sim) result(m *Model, det *schedule.Result, t *tally) *Result {
	net, n := s.net, float64(s.iterations)
	r := &Result{Iterations: s.iterations, Seed: m.Seed, Start: det.Start, Planned: det.Finish,
		Currency: m.Plan.Project.Currency, cal: net.cal, planned: s.plannedEnd}
	// Σφ and Σφ² over the runs in run order: the same sums for any number
	// of workers.
	var sphi, sphi2 float64
	for _, f := range s.finishes {
		phi := float64(f - s.plannedEnd)
		sphi, sphi2 = sphi+phi, sphi2+phi*phi
	}
	r.finishes = slices.Clone(s.finishes)
	slices.Sort(r.finishes)
	r.Finish = dateStats(net.cal, r.finishes)
	r.OnTime = shareBy(r.finishes, s.plannedEnd)
	r.costs = slices.Clone(s.costs)
	slices.Sort(r.costs)
	r.Cost = moneyStats(r.costs)
	r.PlannedCost = s.plannedCost
	byNode := make([]int, len(net.kind))
	for j, sm := range s.samplers {
		byNode[sm.node] = j + 1
	}
	varied := make([]bool, len(net.kind))
	for _, k := range s.reset {
		varied[k] = true
	}
	ix := s.ix
	for _, dt := range det.Tasks {
		i, _ := ix.Find(dt.ID)
		ts := TaskStats{ID: dt.ID, UID: dt.UID, Name: dt.Name, Summary: dt.Summary}
		k := net.leafOf[i]
		if k < 0 {
			ts.Criticality = float64(t.summary[i]) / n
			r.Tasks = append(r.Tasks, ts)
			continue
		}
		ts.Criticality = float64(t.critical[k]) / n
		ts.MeanDuration = float64(net.base[k])
		ts.Elapsed = m.Plan.Tasks[i].Duration.Elapsed
		ts.Uncertain = varied[k]
		if j := byNode[k] - 1; j >= 0 {
			ts.Uncertain = true
			sd, sdd, sdf := float64(t.sens[j].sd), t.sens[j].sdd.float(), t.sens[j].sdf.float()
			ts.MeanDuration += sd / n
			ts.Sensitivity = correlation(n, sd, sdd, sphi, sphi2, sdf)
		}
		r.Tasks = append(r.Tasks, ts)
	}
	for j, k := range s.track {
		i := int(net.task[k])
		task := &m.Plan.Tasks[i]
		fs := slices.Clone(s.trackFinish[j])
		slices.Sort(fs)
		ts := TrackStats{ID: task.ID, UID: task.UID, Name: task.Name, Deadline: task.Deadline,
			Finish: dateStats(net.cal, fs), cal: net.cal, finishes: fs}
		ts.Planned = net.cal.FinishOf(s.plannedEF[k])
		if task.Deadline.IsZero() {
			ts.OnTime = shareBy(fs, s.plannedEF[k])
		} else {
			ts.OnTime = ts.ProbabilityBy(task.Deadline)
		}
		r.Milestones = append(r.Milestones, ts)
	}
	for e := range s.events {
		ev := s.events[e].src
		rs := RiskStats{ID: ev.ID, Name: ev.Name, Probability: ev.Probability, Occurred: float64(t.occurred[e]) / n}
		if occ := float64(t.occurred[e]); occ > 0 && occ < n {
			in := t.occF[e].float()
			rs.FinishImpact = in/occ - (sphi-in)/(n-occ)
		}
		r.Risks = append(r.Risks, rs)
	}
	slices.SortStableFunc(r.Risks, func(a, b RiskStats) int {
		return cmp.Compare(b.Occurred*b.FinishImpact, a.Occurred*a.FinishImpact)
	})
	return r
}

// correlation is Pearson's r from the sums of x, x², y, y² and xy over n
// pairs; 0 when either varies not at all.
func correlation(n, sx, sxx, sy, syy, sxy float64) float64 {
	vx := sxx/n - (sx/n)*(sx/n)
	vy := syy/n - (sy/n)*(sy/n)
	if vx <= 0 || vy <= 0 {
		return 0
	}
	r := (sxy/n - (sx/n)*(sy/n)) / math.Sqrt(vx*vy)
	return max(-1, min(1, r))
}

// percentile returns the nearest-rank q-th percentile of sorted values.
func percentile(sorted []int64, q float64) int64 {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(q/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(k, len(sorted)-1))]
}

// shareBy is the share of sorted values at or below v.
func shareBy(sorted []int64, v int64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := sort.Search(len(sorted), func(i int) bool { return sorted[i] > v })
	return float64(k) / float64(len(sorted))
}

// meanStd returns the mean and the standard deviation of values, summed
// in the order given.
func meanStd(values []int64) (mean, std float64) {
	if len(values) == 0 {
		return 0, 0
	}
	ref := values[0] // centred on one value, so the squares stay small
	var s, s2 float64
	for _, v := range values {
		d := float64(v - ref)
		s, s2 = s+d, s2+d*d
	}
	n := float64(len(values))
	m := s / n
	return float64(ref) + m, math.Sqrt(max(0, s2/n-m*m))
}

func dateStats(cal *calendar.Calendar, sorted []int64) DateStats {
	mean, std := meanStd(sorted)
	at := func(q float64) time.Time { return cal.FinishOf(percentile(sorted, q)) }
	return DateStats{P10: at(10), P50: at(50), P80: at(80), P90: at(90), P95: at(95),
		Mean: cal.FinishOf(int64(math.Round(mean))), Min: at(0), Max: at(100), StdDev: std}
}

func moneyStats(sorted []int64) MoneyStats {
	mean, std := meanStd(sorted)
	return MoneyStats{P10: percentile(sorted, 10), P50: percentile(sorted, 50), P80: percentile(sorted, 80),
		P90: percentile(sorted, 90), P95: percentile(sorted, 95), Mean: int64(math.Round(mean)),
		Min: percentile(sorted, 0), Max: percentile(sorted, 100), StdDev: std}
}

// FormatMoney writes minor units in the result's currency, "1234.50".
func (r *Result) FormatMoney(minor int64) string { return domain.FormatMoney(minor, r.Currency) }
