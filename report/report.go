// Package report drafts a project status report: a red/amber/green status
// for schedule, cost, scope and risk, each with its reasons, and a summary
// in plain language — "The cut-over is forecast for 17 March, two weeks
// later than planned, because switch delivery slipped" rather than
// "SPI 0.87, TF −10d" — with the milestones, the work finished in the
// period, the work starting next, the top risks and the decisions needed.
//
// Drafting is pure and deterministic: the same plan, schedule and inputs
// give the same report, word for word, so reports are tested with golden
// files. The rules and their thresholds are in Thresholds; every status
// says which rule set it.
package report

import (
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Level is a red/amber/green status.
type Level string

// The levels, from best to worst.
const (
	Green Level = "green"
	Amber Level = "amber"
	Red   Level = "red"
)

// worse returns the worse of two levels.
func worse(a, b Level) Level {
	rank := map[Level]int{Green: 0, Amber: 1, Red: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Status is one area's level and the reasons for it, in plain words.
// When the PM overrode the computed level, Level is their choice, Computed
// the rules' level, and Justification why they differ.
type Status struct {
	Level         Level    `json:"level"`
	Reasons       []string `json:"reasons"`
	Computed      Level    `json:"computed,omitempty"`
	Justification string   `json:"justification,omitempty"`
}

// RAG is a report's status by area; Overall is the worst of the others.
type RAG struct {
	Overall  Status `json:"overall"`
	Schedule Status `json:"schedule"`
	Cost     Status `json:"cost"`
	Scope    Status `json:"scope"`
	Risk     Status `json:"risk"`
}

// Input is what a report is drafted from. Plan and Result are required;
// the rest is used when present.
type Input struct {
	Plan   *domain.Plan
	Result *schedule.Result // the current schedule, at the status date
	// Baseline is the baseline number the report compares with (0 by
	// default); tasks without it have no planned dates to slip from.
	Baseline int
	// PeriodStart and PeriodEnd bound "this period": work finished in it
	// is an accomplishment, work starting in the next period of the same
	// length is a next step. PeriodStart defaults to a week before
	// PeriodEnd.
	PeriodStart, PeriodEnd time.Time
	Thresholds             Thresholds
	// Cost is the earned-value position, when the project has a budget.
	Cost *Cost
	// Risks are the open risks, worst first; the report shows the top few.
	Risks []Risk
	// Forecast is the Monte Carlo chance of finishing by the deadline.
	Forecast *Forecast
	// Decisions are questions the project board must answer.
	Decisions []string
}

// Cost is the earned-value position at the status date. Money is in minor
// units of the project currency.
type Cost struct {
	BAC, AC, EAC, VAC int64
	CPI, SPI          float64
	SPIt              float64 // earned schedule's SPI(t); 0 when unknown
}

// Risk is one open risk as a report lists it.
type Risk struct {
	Title    string `json:"title"`
	Owner    string `json:"owner,omitempty"`
	Score    int    `json:"score"` // probability × impact on the project's matrix
	MaxScore int    `json:"max_score"`
	Response string `json:"response,omitempty"`
}

// Forecast is a Monte Carlo chance of finishing by a date.
type Forecast struct {
	Deadline    time.Time
	Probability float64 // 0–1
	P80         time.Time
}

// Report is a drafted status report.
type Report struct {
	Project         string      `json:"project"`
	Name            string      `json:"name"`
	PeriodStart     string      `json:"period_start"`
	PeriodEnd       string      `json:"period_end"`
	RAG             RAG         `json:"rag"`
	Summary         string      `json:"summary"`
	Milestones      []Milestone `json:"milestones"`
	Accomplishments []Item      `json:"accomplishments"`
	NextSteps       []Item      `json:"next_steps"`
	Risks           []Risk      `json:"risks"`
	Decisions       []string    `json:"decisions"`
	Budget          *Budget     `json:"budget,omitempty"`
}

// Milestone is a milestone's planned (baseline) and forecast date.
type Milestone struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Baseline string `json:"baseline,omitempty"` // YYYY-MM-DD
	Forecast string `json:"forecast"`
	// VarianceDays is working days later (+) or earlier (−) than the
	// baseline.
	VarianceDays float64 `json:"variance_days"`
	Done         bool    `json:"done"`
	Deadline     string  `json:"deadline,omitempty"`
	Note         string  `json:"note"` // the variance in words
}

// Item is a task in a list of accomplishments or next steps.
type Item struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Date string `json:"date"` // finish (accomplishments) or start (next steps)
}

// Budget is the cost position in words and numbers (currency units).
type Budget struct {
	Currency string  `json:"currency"`
	BAC      float64 `json:"budget"`
	AC       float64 `json:"spent"`
	EAC      float64 `json:"forecast"`
	VAC      float64 `json:"variance"`
	Note     string  `json:"note"`
}
