// Package psplib reads the instances and solution files of PSPLIB, the
// project scheduling problem library (Kolisch & Sprecher, 1996), and
// benchmarks package level on them the way the literature compares
// resource-constrained scheduling methods.
//
// Parse reads a single-mode instance (.sm) into a level.Problem, job k of
// the file being activity k−1, with the critical-path length the file
// states (MPM-Time); ParseSolutions reads a solutions file, the proven
// optima of j30opt.sm or the best-known makespans of j30hrs.sm,
// j60hrs.sm and j120hrs.sm. Both report errors as file:line and never
// panic, whatever the input.
//
// Bench solves every instance of a directory with a budget of schedules
// each, checks every schedule with level.Feasible, and summarises: the
// average deviation from the critical-path bound (how J60 and J120
// results are published), from the optima when ../solutions/<set>opt.sm
// exists beside the directory (how J30 results are published), and the
// share of best-known makespans reached. The Report renders as text for
// people and as JSON for tools.
package psplib
