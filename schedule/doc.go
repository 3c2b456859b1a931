// Package schedule computes a project's schedule with the critical path
// method: a forward pass for early dates, a backward pass for late dates,
// and total and free float in working time.
//
// It is a pure engine: a domain.Plan in, a Result out, no I/O, no clock.
// All arithmetic happens on working-minute ordinals of the project
// calendar (see package calendar), so adding a duration is an integer
// addition; dates are produced only for the result.
//
// Summary tasks are modelled as in MS Project: a link into a summary
// constrains every task under it, and a link out of a summary follows the
// summary's rolled-up start or finish. A summary's dates are the earliest
// start and latest finish of its children.
package schedule
