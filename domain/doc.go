// Package domain holds Cairn's core types — Project, Task, Dependency,
// Calendar, Resource, Assignment — and the rules that keep them valid.
//
// It imports only the standard library. Engines (calendar, schedule, …),
// interchange formats, the store and the application layer all speak in
// these types.
//
// Dates in a plan are project-local wall-clock times. They are carried as
// time.Time values in UTC whose clock reads the local time (2027-01-04T08:00
// means 08:00 in the project's time zone), because scheduling, like MS
// Project, works on the calendar on the wall, not on instants. The project's
// TimeZone turns them into instants where that matters (feeds, "now").
package domain
