package evm

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Method names a way of forecasting the estimate at completion.
type Method string

// EAC methods, named for the performance they assume of the work left.
const (
	// CPI: the work left costs what the work done did (BAC / CPI), the
	// PMI's "typical" forecast and the default.
	CPI Method = "cpi"
	// Atypical: the work left costs its budget (AC + BAC − EV).
	Atypical Method = "atypical"
	// CPISPI: cost and schedule performance both weigh on the work left
	// (AC + (BAC − EV) / (CPI × SPI)).
	CPISPI Method = "cpi_spi"
	// BottomUp: the work left costs what the current plan says (AC plus
	// the plan's remaining cost); MS Project's EAC.
	BottomUp Method = "bottom_up"
)

// Methods lists the EAC methods in the order reports show them.
var Methods = []Method{CPI, Atypical, CPISPI, BottomUp}

// Options tune a computation.
type Options struct {
	// StatusDate is the moment of measurement: planned value, actual cost
	// and actual time are taken up to it. Required.
	StatusDate time.Time
	// Baseline is the number of the baseline measured against (0–10).
	Baseline int
	// Method is the EAC method that EAC, ETC, VAC and the forecast use;
	// empty is CPI.
	Method Method
	// Actuals, when set, replace the actual cost the cost engine derives
	// from percent complete, by task ID: dated costs from timesheets,
	// invoices or another tool (see cost.FromEntries). A summary's given
	// actual cost is its own, added to its subtasks'.
	Actuals map[int64]*cost.Curve
	// Remaining, when set, replaces by task ID the cost still to spend on
	// a task's own work, which is otherwise its planned cost less the
	// actual cost percent complete derives: an estimate to complete from
	// the remaining work someone entered. The bottom-up EAC is AC plus
	// the remaining cost.
	Remaining map[int64]int64
}

// Measures are the earned-value measures of a task, a summary or the
// project at the status date. Money is minor units of the project
// currency; ratios are NaN where they divide by zero; times are working
// days of the project calendar.
type Measures struct {
	ID, UID int64 // 0 for the project
	Name    string
	Outline string
	Parent  int // index in Result.Tasks; -1 at the top
	Summary bool
	// InBaseline says the task is in the baseline measured against: has
	// a row there, or is a summary with such a subtask.
	InBaseline bool

	BAC, PV, EV, AC int64
	SV, CV          int64
	SPI, CPI        float64
	// EAC is the estimate at completion by the chosen method; ETC = EAC −
	// AC and VAC = BAC − EAC follow it. Forecasts holds every method's.
	EAC, ETC, VAC Estimate
	Forecasts     [4]Estimate // by Methods' order
	// TCPI is the cost performance the work left needs to finish on
	// budget: (BAC − EV) / (BAC − AC).
	TCPI float64

	// Earned schedule (Lipke): ES is the date by which the baseline
	// planned to have earned EV; ESDays the working days from the
	// baseline start to it; ATDays the actual time, working days from the
	// baseline start to the status date (or to the finish, once done).
	ES             time.Time
	ESDays, ATDays float64
	PDDays         float64 // planned duration: the baseline's working days
	SVt, SPIt      float64 // ES − AT; ES / AT
	// IEACt is the forecast finish: the baseline start plus IEACtDays =
	// PD / SPI(t). Zero when SPI(t) is zero or undefined.
	IEACt     time.Time
	IEACtDays float64
}

// Estimate is a forecast amount of money, which may be undefined (a CPI
// of zero forecasts no finish).
type Estimate struct {
	Amount  int64
	Defined bool
}

// Result is the earned value of a project at a status date.
type Result struct {
	StatusDate time.Time
	Baseline   int
	Method     Method
	Project    Measures
	Tasks      []Measures // the schedule's WBS order
	// Start and Finish span the baseline and the current schedule, for
	// charts.
	Start, Finish time.Time

	cal      *calendar.Calendar
	mpd      int64
	curves   []curves // by task, then the project last
	forecast time.Time
}

// curves are an element's time-phased planned value, earned value and
// actual cost.
type curves struct {
	pv, ev, ac *cost.Curve
}

// Compute measures plan p, scheduled as s and costed as c, against its
// baseline opt.Baseline at opt.StatusDate. Tasks missing from the
// baseline have no budget: they earn nothing and count their actual cost.
func Compute(p *domain.Plan, s *schedule.Result, c *cost.Result, opt Options) (*Result, error) {
	if opt.StatusDate.IsZero() {
		return nil, domain.Invalid("required", "status_date", "earned value needs a status date")
	}
	if err := domain.ValidateBaselineNumber(opt.Baseline); err != nil {
		return nil, err
	}
	if opt.Method == "" {
		opt.Method = CPI
	}
	if methodIndex(opt.Method) < 0 {
		return nil, domain.Invalid("invalid_method", "method", "%q is not an EAC method (use cpi, atypical, cpi_spi or bottom_up)", opt.Method)
	}
	m := newMeasurer(p, s, c, opt)
	return m.run(), nil
}

func methodIndex(m Method) int {
	for i, x := range Methods {
		if x == m {
			return i
		}
	}
	return -1
}

// ratio returns a/b, NaN when b is zero.
func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
