// Package xer reads Primavera P6 XER exports into a validated domain.Plan,
// with what P6 computed (early and late dates, total and free float) kept
// apart in File.Reference so that Cairn's scheduler can be checked against
// it.
//
// An XER file is tab-separated text: an ERMHDR header line, then for each
// table a "%T" line naming it, a "%F" line naming its fields and one "%R"
// line per row, and "%E" at the end. P6 writes it in the Windows code page
// (Windows-1252 in the West) unless configured for Unicode; Read takes
// UTF-8 (with or without a byte order mark) when the bytes are valid
// UTF-8, UTF-16 with a byte order mark, and Windows-1252 otherwise.
//
// # Mapping
//
// Read takes the first project of the PROJECT table (File.Dropped names
// the others) and the rows of the other tables that belong to it:
//
//   - PROJECT: proj_short_name → Key (see projectKey), the WBS root's
//     wbs_name → Name, plan_start_date → Start, last_recalc_date (the data
//     date) → StatusDate and File.DataDate, clndr_id → CalendarID.
//   - CALENDAR: clndr_data's week (days 1–7 are Sunday–Saturday) and
//     exceptions (day numbers counted from 30 December 1899) →
//     Week/Exceptions, base_clndr_id → BaseID, day_hr_cnt of the project
//     calendar → Units.MinutesPerDay. Only calendars the project, its
//     activities or its resources use, and their bases, are kept.
//   - PROJWBS: elements with activities beneath them → summary tasks
//     (numbered after the largest task_id), in seq_num order.
//   - TASK: task_code → Ref (made a valid handle), task_name → Name;
//     TT_Mile/TT_FinMile → milestones; remain_drtn_hr_cnt (not started),
//     or target_drtn_hr_cnt with the share done (in progress) → Duration;
//     act_start_date/act_end_date → actuals; cstr_type/cstr_date →
//     Constraint; priority_type → Priority; target_work_qty → Work;
//     clndr_id → CalendarID. Early/late dates and floats → Reference.
//   - TASKPRED: PR_FS/SS/FF/SF with lag_hr_cnt working hours → links.
//   - RSRC, RSRCRATE: resources with their kind, calendar, parent (as
//     Group), availability and standard rate in force at the start.
//   - TASKRSRC: assignments with units per hour as units and actual plus
//     remaining quantity as work.
//   - TASKMEMO: notebook topics → Notes, as plain text.
//
// Durations and lags are P6 hours turned into working minutes (×60) on
// the activity's calendar, as P6 counts them. Errors are *domain.Error
// values of kind invalid that start "FILE:LINE: " and name the table and
// field: `plan.xer:214: TASK.target_drtn_hr_cnt: "five" is not a number
// (such as 8 or 0.5)`.
package xer
