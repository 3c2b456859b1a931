// Package risk is Cairn's Monte Carlo schedule engine: it runs a plan's
// schedule thousands of times with uncertain durations and risk events,
// and reports the distribution of the finish date and cost, how often
// each task is critical, and which tasks and risks drive the date.
//
// It is a pure engine: a domain.Plan and a Model in, a Result out; no
// I/O, no clock, and the random numbers come from Model.Seed.
package risk
