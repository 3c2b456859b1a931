// Package evm measures earned value: how much of a project's budgeted
// work is done (EV) against how much was planned by the status date (PV)
// and what it cost (AC), with the variances, indices and forecasts drawn
// from them, and Lipke's earned schedule, which measures schedule
// performance in time rather than money. Every measure is given per task,
// per summary and for the project, and can be phased over time.
//
// Planned value is a baseline's cost phased over the baseline's dates in
// the shape the cost engine gives the current plan (see cost.Rephase).
// Earned value uses percent complete: a task earns that share of its
// budget, placed over the part of the task done. Actual cost is the cost
// engine's (percent complete at the plan's rates), or dated costs from
// elsewhere (Options.Actuals). Estimates at completion are given by four
// methods (see Method); earned schedule interpolates the baseline's
// planned value by working day of the project calendar.
//
// Money is int64 minor units of the project currency throughout; ratios
// are float64 and NaN where they would divide by zero.
//
// It is a pure engine: plan, schedule and costs in, a Result out; no I/O
// but the writers of its JSON document and its S-curve chart, which take
// an io.Writer.
package evm
