// Package calendar does working-time arithmetic: how many working minutes
// lie between two times, and where a given amount of work starting at some
// time ends. It is a pure engine — no I/O, no clock, no shared state — and
// is built for speed, since a Monte Carlo schedule makes hundreds of
// millions of these conversions.
//
// # Working time
//
// A domain.Calendar says when work can happen: a weekly pattern of working
// intervals per weekday, and dated exceptions that replace the pattern on
// their days (no intervals make a holiday; intervals make a special working
// day, such as a working Saturday). New compiles one into a Calendar.
//
// Times are project-local wall-clock times: time.Time values in UTC whose
// clock reads the local time (see package domain); a time in another zone is
// read by its clock, as domain.Wall would. The calendar works in whole
// minutes and ignores seconds. There is no daylight saving: a working
// day of 08:00–17:00 is nine hours of wall clock whatever the date.
//
// Every conversion goes through the working-time axis. Ordinal(t) counts
// the working minutes from a fixed epoch up to t; it climbs by one per
// working minute and stands still outside working time, so WorkBetween(a, b)
// is Ordinal(b) − Ordinal(a). No per-day table is kept: an ordinal is whole
// weeks times the minutes per week, plus a prefix sum within the weekly
// pattern, plus the running correction of the exception days before t,
// found by a binary search that a coarse index of the exception days
// narrows to a key or two. Cost grows at most with the logarithm of the
// number of exception days, never with the length of the project.
//
// # Start and finish edges
//
// Going back from an ordinal to a time is ambiguous where working time
// stops: with the Standard calendar, Friday 17:00 and Monday 08:00 have the
// same ordinal, and so does every time in the weekend between. Scheduling
// needs both readings. StartOf gives the start edge, the moment work
// resumes (Monday 08:00), which is where a task starts; FinishOf gives the
// finish edge, the moment work stopped (Friday 17:00), which is where a task
// finishes. Inside a working interval the two agree.
//
// So Add, moving forwards, lands on a finish edge: five working days
// (2400 minutes) from Monday 08:00 is Friday 17:00, not the next Monday
// 08:00; and one minute after Friday 17:00 is Monday 08:01. Moving
// backwards it lands on a start edge: an hour before Monday 08:00 is
// Friday 16:00.
//
// # Inheritance
//
// As in MS Project, a calendar may be based on another (domain.Calendar's
// BaseID), which may itself have a base. A weekday the derived calendar
// leaves nil takes the base's working time; an empty, non-nil weekday is
// non-working whatever the base says. The base's exceptions apply too,
// except on the days the derived calendar has an exception of its own,
// which wins: a resource calendar inherits the company holidays from the
// Standard calendar and can still mark one of them as a working day.
package calendar
