package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// EVMQuery says when and against what to measure earned value.
type EVMQuery struct {
	// StatusDate is the moment to measure at; zero: the project's status
	// date, or else today (in the project's time zone).
	StatusDate time.Time
	// WholeDay says StatusDate is a bare date: measure at the end of its
	// working time (23:59 on a day without any), as cairn evm does.
	WholeDay bool
	Baseline int
	Method   evm.Method // "": cpi
}

// EarnedValue is a project measured at a status date.
type EarnedValue struct {
	Plan   *domain.Plan
	Result *evm.Result
	// Note says what the reader should know: that the current plan stood
	// in for a missing baseline.
	Note string
	// Recorded says actual cost came from approved timesheets and
	// expenses rather than from percent complete.
	Recorded bool
}

// EarnedValue measures the project at a status date against a baseline,
// as cairn evm does with a plan file, with what the project recorded:
// approved timesheets costed at the rates in force on their days, and
// expenses, are its actual cost; remaining work entered on tasks is
// their estimate to complete (see docs/decisions/0019).
func (a *App) EarnedValue(ctx context.Context, key string, q EVMQuery) (*EarnedValue, error) {
	var plan *domain.Plan
	var entries []domain.TimeEntry
	var expenses []domain.Expense
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if plan, err = loadPlan(ctx, tx, p); err != nil {
			return err
		}
		if entries, err = tx.TimeEntries(ctx, store.TimeFilter{ProjectID: p.ID, Status: domain.TimeApproved}); err != nil {
			return err
		}
		expenses, err = tx.Expenses(ctx, p.ID, store.Page{})
		return err
	})
	if err != nil {
		return nil, err
	}
	if q.StatusDate.IsZero() {
		q.StatusDate, q.WholeDay = plan.Project.StatusDate, true
		if q.StatusDate.IsZero() {
			q.StatusDate = a.localToday(plan.Project)
		}
	}
	return measure(plan, entries, expenses, q)
}

// measure is cairn evm's measurement (cmd/cairn/evm.go) with recorded
// actuals: schedule and cost the plan at the status date, let the current
// plan stand in for a missing baseline, and measure.
func measure(p *domain.Plan, entries []domain.TimeEntry, expenses []domain.Expense, q EVMQuery) (*EarnedValue, error) {
	cal, err := projectCalendar(p)
	if err != nil {
		return nil, err
	}
	status := q.StatusDate
	if q.WholeDay {
		day := time.Date(status.Year(), status.Month(), status.Day(), 0, 0, 0, 0, time.UTC)
		status = day.Add(24*time.Hour - time.Minute)
		if cal.WorkingMinutesOn(day) > 0 {
			status = cal.PrevWorkingEnd(day.Add(24 * time.Hour))
		}
	}
	s, err := schedule.Compute(p, schedule.Options{StatusDate: status})
	if err != nil {
		return nil, err
	}
	c, err := cost.Compute(p, s, cost.Options{StatusDate: status})
	if err != nil {
		return nil, err
	}
	out := &EarnedValue{Plan: p}
	if !hasBaseline(p, q.Baseline) {
		out.Note = fmt.Sprintf("the project has no baseline %d; its current plan stands in for it, so PV follows the current schedule", q.Baseline)
		bs, err := schedule.Compute(p, schedule.Options{})
		if err != nil {
			return nil, err
		}
		bc, err := cost.Compute(p, bs, cost.Options{})
		if err != nil {
			return nil, err
		}
		p.Baselines = append(p.Baselines, bc.Baseline(p, bs, q.Baseline)...)
	}
	rates, err := newTimeRates(p, entries)
	if err != nil {
		return nil, err
	}
	opt := evm.Options{StatusDate: status, Baseline: q.Baseline, Method: q.Method,
		Remaining: remainingCosts(p, c, status, rates, entries)}
	if len(entries) > 0 || len(expenses) > 0 {
		opt.Actuals, out.Recorded = recordedActuals(p, entries, expenses, rates), true
	}
	if out.Result, err = evm.Compute(p, s, c, opt); err != nil {
		return nil, err
	}
	return out, nil
}

func projectCalendar(p *domain.Plan) (*calendar.Calendar, error) {
	for _, c := range p.Calendars {
		if c.ID == p.Project.CalendarID {
			return calendar.New(c, p.Calendars...)
		}
	}
	return calendar.Standard(), nil
}

func hasBaseline(p *domain.Plan, n int) bool {
	return slices.ContainsFunc(p.Baselines, func(b domain.Baseline) bool { return b.Number == n })
}

// timeRates costs timesheet hours: each user's work resource (the one
// with their email) at its standard rate in force on the day.
type timeRates struct {
	resource map[string]*domain.Resource // by email
	changes  map[int64][]domain.RateChange
}

// newTimeRates finds the resource of every user with approved time, or
// fails naming each user without exactly one, with their hours.
func newTimeRates(p *domain.Plan, entries []domain.TimeEntry) (*timeRates, error) {
	r := &timeRates{resource: map[string]*domain.Resource{}, changes: map[int64][]domain.RateChange{}}
	for _, c := range p.RateChanges {
		r.changes[c.Resource] = append(r.changes[c.Resource], c)
	}
	for _, cs := range r.changes {
		slices.SortStableFunc(cs, func(a, b domain.RateChange) int { return a.From.Compare(b.From) })
	}
	failed := map[string]error{}
	hours := map[string]int64{}
	for _, e := range entries {
		if _, ok := r.resource[e.Email]; ok {
			continue
		}
		if _, ok := failed[e.Email]; ok {
			hours[e.Email] += e.Minutes
			continue
		}
		res, err := resourceOf(p.Resources, e.Email)
		if err != nil {
			failed[e.Email], hours[e.Email] = err, e.Minutes
			continue
		}
		r.resource[e.Email] = res
	}
	if len(failed) == 0 {
		return r, nil
	}
	var problems []string
	for _, email := range slices.Sorted(maps.Keys(failed)) {
		var de *domain.Error
		detail := failed[email].Error()
		if errors.As(failed[email], &de) {
			detail = de.Detail
		}
		problems = append(problems, fmt.Sprintf("%s h approved for %s, but %s", domain.FormatHours(hours[email]), email, detail))
	}
	return nil, domain.Invalid("no_resource", "", "approved time in project %s cannot be costed: %s", p.Project.Key, strings.Join(problems, "; "))
}

// rate is a resource's standard rate (minor units an hour) in force at t.
func (r *timeRates) rate(res *domain.Resource, t time.Time) int64 {
	rate := res.StandardRate
	for _, c := range r.changes[res.ID] {
		if c.From.After(t) {
			break
		}
		rate = c.StandardRate
	}
	return rate
}

// cost is what an entry's hours cost, at its user's rate on its day.
func (r *timeRates) cost(e domain.TimeEntry) int64 {
	return fraction(60, e.Minutes, r.rate(r.resource[e.Email], e.Date))
}

// recordedActuals are every task's actual cost as recorded: approved
// hours at their rates and expenses, each counted from the start of its
// day. Once a project records actual cost, a task with none recorded has
// spent nothing, rather than what percent complete would derive.
func recordedActuals(p *domain.Plan, entries []domain.TimeEntry, expenses []domain.Expense, rates *timeRates) map[int64]*cost.Curve {
	byTask := map[int64][]cost.Entry{}
	for _, e := range entries {
		byTask[e.Task] = append(byTask[e.Task], cost.Entry{Date: e.Date, Amount: rates.cost(e)})
	}
	for _, e := range expenses {
		byTask[e.Task] = append(byTask[e.Task], cost.Entry{Date: e.Date, Amount: e.Amount})
	}
	out := make(map[int64]*cost.Curve, len(p.Tasks))
	for _, t := range p.Tasks {
		out[t.ID] = cost.FromEntries(byTask[t.ID])
	}
	return out
}

// remainingCosts prices the remaining work entered on tasks: it replaces
// the remaining cost of the task's work resources, shared among them as
// their planned work is and each at its standard rate in force at the
// status date. A task without work resources prices it at the average
// rate of its approved time. Other remaining costs (fixed, material,
// cost resources) stay as the plan has them.
func remainingCosts(p *domain.Plan, c *cost.Result, status time.Time, rates *timeRates, entries []domain.TimeEntry) map[int64]int64 {
	own := make(map[int64]int64, len(c.Tasks))
	for _, t := range c.Tasks {
		own[t.ID] = t.Own.Total() - t.OwnActual.Total()
	}
	res := make(map[int64]*domain.Resource, len(p.Resources))
	for i := range p.Resources {
		res[p.Resources[i].ID] = &p.Resources[i]
	}
	out := map[int64]int64{}
	for _, t := range p.Tasks {
		if !t.RemainingWork.Set {
			continue
		}
		left := own[t.ID]
		type share struct {
			work, rate int64
		}
		var shares []share
		var total int64
		for i, as := range p.Assignments {
			r := res[as.Resource]
			if as.Task != t.ID || r == nil || r.Kind != domain.Work {
				continue
			}
			left -= c.Assignments[i].Cost - c.Assignments[i].ActualCost
			w := as.Work
			if w == 0 {
				w = int64(float64(t.Duration.Minutes)*as.Units + 0.5)
			}
			shares = append(shares, share{w, rates.rate(r, status)})
			total += w
		}
		if total == 0 {
			var minutes, spent int64
			for _, e := range entries {
				if e.Task == t.ID {
					minutes, spent = minutes+e.Minutes, spent+rates.cost(e)
				}
			}
			shares, total = []share{{1, 0}}, 1
			if minutes > 0 {
				shares[0].rate = fraction(minutes, spent, 60)
			}
		}
		for _, s := range shares {
			left += fraction(total*60, t.RemainingWork.Minutes, s.work, s.rate)
		}
		out[t.ID] = left
	}
	return out
}

// fraction returns the product of nums divided by den, rounded half away
// from zero as money is (docs/decisions/0012), without overflow on the
// way.
func fraction(den int64, nums ...int64) int64 {
	n := big.NewInt(1)
	for _, x := range nums {
		n.Mul(n, big.NewInt(x))
	}
	d := big.NewInt(den)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Sign() != 0 && new(big.Int).Abs(r.Lsh(r, 1)).Cmp(new(big.Int).Abs(d)) >= 0 {
		q.Add(q, big.NewInt(int64(n.Sign()*d.Sign())))
	}
	return q.Int64()
}
