// Package csvplan reads and writes task lists as CSV, the format every
// spreadsheet and most planning tools can export: one row per task, with
// its hierarchy (an Outline Level or WBS column), predecessors written the
// way people write them ("3FS+2d;5SS"), durations, dates, assignees
// ("Alice[50%];Bob"), work, three-point estimates, progress, constraints,
// deadlines and notes. docs/csv-format.md lists the columns and the
// synonyms Read accepts.
//
// Read detects the delimiter (comma, semicolon, tab or vertical bar, or
// Excel's "sep=" first line), accepts UTF-8 with or without a byte order
// mark, UTF-16 with one and Windows-1252, CRLF line ends and quoted fields
// across lines, and reads ISO, month-first, day-first and month-name
// dates. It reads all or nothing: any wrong cell fails the whole read,
// with up to ten problems reported as "FILE:LINE:COLUMN: what is wrong;
// how to fix it".
//
// Write writes what Read reads back to the same rows. The package is pure:
// it touches no files or clocks of its own.
package csvplan
