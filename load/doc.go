// Package load measures how busy each resource is over a computed
// schedule: time-phased demand against capacity per day or week, and the
// over-allocations — who, when, by how much and on which tasks.
//
// Demand assumes flat assignment contours and the project calendar for
// every resource (resource calendars come with levelling). An assignment
// with explicit work spreads it evenly over the task's working time; one
// without works at its units for the task's duration.
//
// It is a pure engine: values in, values out.
package load
