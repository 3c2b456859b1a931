package risk

import (
	"encoding/json"
	"math"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Document is the JSON form of a simulation, shared by `cairn simulate
// --format json` and the REST API (GET /api/v1/projects/{key}/simulate).
// Dates are project-local, YYYY-MM-DDTHH:MM:SS; money is a decimal in the
// project's currency; shares are 0–1, rounded to four places.
type Document struct {
	Project       string         `json:"project"`
	Iterations    int            `json:"iterations"`
	Seed          uint64         `json:"seed"`
	PlannedFinish string         `json:"planned_finish"`
	OnTime        float64        `json:"on_time"` // share of runs finishing by the planned finish
	Finish        DateDocument   `json:"finish"`
	Target        *TargetDoc     `json:"target,omitempty"`
	Cost          *CostDocument  `json:"cost,omitempty"` // nil when the reader may not see costs
	Milestones    []TrackDoc     `json:"milestones"`
	Tasks         []TaskDocument `json:"tasks"`
	Risks         []EventDoc     `json:"risks"`
}

// DateDocument summarises a finish distribution.
type DateDocument struct {
	P10        string  `json:"p10"`
	P50        string  `json:"p50"`
	P80        string  `json:"p80"`
	P90        string  `json:"p90"`
	P95        string  `json:"p95"`
	Mean       string  `json:"mean"`
	Min        string  `json:"min"`
	Max        string  `json:"max"`
	StdDevDays float64 `json:"std_dev_days"`
}

// TargetDoc is the probability of finishing by a date.
type TargetDoc struct {
	Date        string  `json:"date"`
	Probability float64 `json:"probability"`
}

// CostDocument summarises the cost distribution.
type CostDocument struct {
	Currency string      `json:"currency"`
	Planned  json.Number `json:"planned"`
	P10      json.Number `json:"p10"`
	P50      json.Number `json:"p50"`
	P80      json.Number `json:"p80"`
	P90      json.Number `json:"p90"`
	P95      json.Number `json:"p95"`
	Mean     json.Number `json:"mean"`
	Min      json.Number `json:"min"`
	Max      json.Number `json:"max"`
}

// TrackDoc is the finish distribution of one tracked task.
type TrackDoc struct {
	UID      int64   `json:"uid"`
	Name     string  `json:"name"`
	Deadline string  `json:"deadline,omitempty"`
	Planned  string  `json:"planned_finish"`
	P50      string  `json:"p50"`
	P80      string  `json:"p80"`
	P95      string  `json:"p95"`
	OnTime   float64 `json:"on_time"` // by the deadline, or by the planned finish
}

// TaskDocument is what the runs say about one task.
type TaskDocument struct {
	UID              int64   `json:"uid"`
	Name             string  `json:"name"`
	Summary          bool    `json:"summary,omitempty"`
	Criticality      float64 `json:"criticality"`
	Sensitivity      float64 `json:"sensitivity"`
	Uncertain        bool    `json:"uncertain,omitempty"`
	MeanDurationDays float64 `json:"mean_duration_days"` // working days, or elapsed days when elapsed
	Elapsed          bool    `json:"elapsed,omitempty"`
}

// EventDoc is what the runs say about one risk event.
type EventDoc struct {
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	Probability      float64 `json:"probability"`
	Occurred         float64 `json:"occurred"`
	FinishImpactDays float64 `json:"finish_impact_days"`
}

// NewDocument lays out r, simulated from p, for JSON; a non-zero target
// adds the probability of finishing by that date.
func NewDocument(p *domain.Plan, r *Result, target time.Time) Document {
	mpd := float64(p.Project.Units.OrDefault().MinutesPerDay)
	money := func(v int64) json.Number { return json.Number(domain.FormatMoney(v, p.Project.Currency)) }
	d := Document{Project: p.Project.Key, Iterations: r.Iterations, Seed: r.Seed,
		PlannedFinish: domain.FormatDateTime(r.Planned), OnTime: Round4(r.OnTime),
		Finish: newDateDocument(r.Finish, mpd),
		Cost: &CostDocument{Currency: p.Project.Currency, Planned: money(r.PlannedCost), P10: money(r.Cost.P10), P50: money(r.Cost.P50),
			P80: money(r.Cost.P80), P90: money(r.Cost.P90), P95: money(r.Cost.P95), Mean: money(r.Cost.Mean),
			Min: money(r.Cost.Min), Max: money(r.Cost.Max)},
		Milestones: []TrackDoc{}, Tasks: []TaskDocument{}, Risks: []EventDoc{}}
	if !target.IsZero() {
		d.Target = &TargetDoc{Date: domain.FormatDate(target), Probability: Round4(r.ProbabilityBy(target))}
	}
	for _, m := range r.Milestones {
		d.Milestones = append(d.Milestones, TrackDoc{UID: m.UID, Name: m.Name, Deadline: domain.FormatDate(m.Deadline),
			Planned: domain.FormatDateTime(m.Planned), P50: domain.FormatDateTime(m.Finish.P50),
			P80: domain.FormatDateTime(m.Finish.P80), P95: domain.FormatDateTime(m.Finish.P95), OnTime: Round4(m.OnTime)})
	}
	for _, t := range r.Tasks {
		d.Tasks = append(d.Tasks, TaskDocument{UID: t.UID, Name: t.Name, Summary: t.Summary, Criticality: Round4(t.Criticality),
			Sensitivity: Round4(t.Sensitivity), Uncertain: t.Uncertain, MeanDurationDays: Round4(t.MeanDuration / t.DayMinutes(mpd)),
			Elapsed: t.Elapsed})
	}
	for _, e := range r.Risks {
		d.Risks = append(d.Risks, EventDoc{ID: e.ID, Name: e.Name, Probability: e.Probability,
			Occurred: Round4(e.Occurred), FinishImpactDays: Round4(e.FinishImpact / mpd)})
	}
	return d
}

func newDateDocument(s DateStats, minutesPerDay float64) DateDocument {
	f := domain.FormatDateTime
	return DateDocument{P10: f(s.P10), P50: f(s.P50), P80: f(s.P80), P90: f(s.P90), P95: f(s.P95),
		Mean: f(s.Mean), Min: f(s.Min), Max: f(s.Max), StdDevDays: Round4(s.StdDev / minutesPerDay)}
}

// DayMinutes is the length of a day of t's duration, in minutes: a
// working day of minutesPerDay, or 24 hours for an elapsed duration.
func (t TaskStats) DayMinutes(minutesPerDay float64) float64 {
	if t.Elapsed {
		return 24 * 60
	}
	return minutesPerDay
}

// Round4 rounds x to four decimal places, as documents show shares.
func Round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
