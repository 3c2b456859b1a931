// Package mspdi reads MS Project XML — the Microsoft Project Data
// Interchange format, "MSPDI", that Project saves as "XML Format (*.xml)"
// and that converters such as MPXJ write from .mpp files — into a
// validated domain.Plan, plus the values MS Project computed (dates,
// slack, criticality), baselines and the task fields the domain has no
// place for yet.
//
// # Reading
//
// Read and ReadFile stream the document through a small hand-written
// tokenizer: no reflection, no encoding/xml, and only the current token in
// memory, so a 5,000-task file of 10 MB reads in a few tens of
// milliseconds. Elements are picked by path — Project, Project/Calendars/
// Calendar, Project/Tasks/Task, Project/Resources/Resource,
// Project/Assignments/Assignment and their children — and everything else
// (views, tables, outline codes, TimephasedData, …) is skipped without
// being decoded.
//
// The tokenizer handles the XML declaration, comments, processing
// instructions, CDATA, the five predefined entities, numeric character
// references, attributes (read for syntax only), namespace prefixes,
// self-closing tags, CR LF line ends, and UTF-8 with or without a byte
// order mark; UTF-16 (with a byte order mark, or without one when the
// file starts "<?") is converted as it is read. It refuses, with an error
// naming the file and line:
//
//   - DOCTYPE declarations, which is what defeats "billion laughs" entity
//     expansion and external entities (XXE); MS Project never writes one;
//   - any entity other than the five predefined ones, and character
//     references to characters XML does not allow;
//   - nesting deeper than MaxDepth (64), any single text value, tag,
//     comment or CDATA section over MaxText (1 MiB), and files over
//     MaxSize (512 MiB);
//   - tags that do not match or are not closed, bytes before the root
//     element that are not markup, and encodings other than UTF-8/UTF-16.
//
// Every error is a *domain.Error of kind invalid whose message starts
// "FILE:LINE: " (Read without a file name says "<input>"), for example
// `plan.xml:123: Task UID "x" is not a number`.
//
// # Mapping
//
// IDs are the file's own: a task's ID and UID are its MSPDI UID, a
// resource's likewise, a calendar's ID is its UID; dependencies and
// assignments are numbered from 1 in file order. UIDs of 0 or less, which
// a domain ID cannot be, are renumbered after the largest UID and noted.
//
//   - Project: Title (else the project summary task's name, else Name
//     without its extension) → Name; a Key from the name's initials
//     ("Commercial Construction" → "CC", one word is used whole, "MSP"
//     when nothing fits); StartDate → Start; StatusDate (never
//     CurrentDate); MinutesPerDay, MinutesPerWeek, DaysPerMonth → Units;
//     CalendarUID → CalendarID; CurrencyCode → Currency (USD when absent);
//     time zone UTC, since MSPDI dates carry none.
//   - Calendars: WeekDay DayType 1–7 (Sunday–Saturday) → Week; a weekday
//     the file leaves out stays nil (inherit), DayWorking 0 is an empty
//     non-nil day. Exceptions come from Exceptions/Exception when the
//     calendar has them (Project 2007+, which also repeats every exception
//     as a DayType 0 week day — read only once) and from the DayType 0
//     week days otherwise. Recurring exceptions (daily, weekly, monthly
//     and yearly, by day or by position) are expanded to dates, bounded by
//     their Occurrences or ToDate and by ten years. A ToDate of
//     "…T23:59:00" includes its day; one at midnight ends the day before.
//     WorkWeeks — alternative weeks for a date range, which a
//     domain.Calendar cannot hold — become dated exceptions on the days
//     where they differ from the calendar's own week (exceptions of the
//     calendar and its bases win), for at most ten years. Days covered by
//     two exceptions keep the first. BaseCalendarUID → BaseID for
//     calendars that are not base calendars; an unknown base, a base
//     chain that loops, and a calendar with no working time of its own
//     are resolved with the project calendar. Resource calendars are kept.
//   - Tasks: the outline levels, in file order, make the tree; the task at
//     outline level 0 (UID 0) is the project summary and is not a task, but
//     its computed values are Reference[0]. Position is the order among
//     siblings. Milestone → KindMilestone when the duration is 0 (a
//     summary flagged as a milestone keeps the flag); Manual →
//     ModeManual with ManualStart/ManualFinish/ManualDuration (Project
//     2010+) or else Start/Finish/Duration as the user's values. Duration
//     and Work are working minutes; DurationFormat 4, 6, 8, 10, 12 (and
//     +32) make the duration elapsed. ConstraintType 0 ASAP, 1 ALAP, 2 MSO,
//     3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT with ConstraintDate; Deadline,
//     Priority, PercentComplete, CalendarUID (-1: none), Notes. Summary
//     tasks keep no duration or work of their own (the roll-ups are in
//     Reference and Extra). Inactive tasks (Active 0), blank rows
//     (IsNull 1) and external tasks are skipped; their active subtasks move
//     up to the nearest kept ancestor.
//   - Links: PredecessorLink Type 0 FF, 1 FS, 2 SF, 3 SS; LinkLag is tenths
//     of a minute (4800 = one 8-hour day): working minutes, or wall-clock
//     minutes for elapsed LagFormats (4, 6, 8, 10, 12, +32). For percentage
//     LagFormats (19 %, 20 e%, 51, 52) LinkLag is read as a plain percent
//     of the predecessor's duration, "-50" being a 50 % lead. That is how
//     MPXJ writes and reads it, how Aspose documents it ("tenths of a
//     minute or percentage"), and it is checked against MS Project's own
//     dates in converted-from-mpp/Software Development.mpxj.xml: LinkLag
//     -75 and -50 on a 15-day predecessor finishing 2013-03-01 17:00 give
//     successor starts of 2013-02-14 15:00 and 2013-02-20 13:00, exactly
//     75 % and 50 % leads (tenths of a percent would be 7.5 % and 5 %).
//     None of the reference files written by MS Project itself has a
//     percentage lag, so whether Project writes the same is unverified.
//   - Resources: Type 1 work, 0 material, 2 (or IsCostResource) cost;
//     MaxUnits (1.0 = 100 %); StandardRate and OvertimeRate are currency
//     units per hour (per unit for materials) whatever StandardRateFormat
//     says, converted exactly to minor units; CostPerUse and all other
//     costs are hundredths of the currency unit in the file. AccrueAt
//     (1 start, 2 end, 3 prorated) becomes the resource's accrual. Cost
//     rate table A (Rates/Rate with RateTable 0) gives the resource's
//     rates from its first row and a domain.RateChange from each later
//     RatesFrom; tables B–E are left out. UID 0, MS Project's
//     placeholder, is skipped.
//   - Tasks' FixedCost and FixedCostAccrual (codes as AccrueAt).
//   - Assignments: TaskUID, ResourceUID, Units, Work, OvertimeWork, and
//     Cost when the resource is a cost resource. Assignments of no
//     resource (ResourceUID -65535 from MS Project, -1 from Aspose) are
//     skipped, as are those of unknown resources or skipped tasks.
//   - Reference: Start, Finish, EarlyStart…LateFinish, TotalSlack and
//     FreeSlack (tenths of a minute → minutes; absent is 0, as converters
//     omit zero slack), Critical, Summary, Duration; Cost, ActualCost,
//     BCWS, BCWP, ACWP and baseline 0's Cost, with which were present.
//     Baselines: Number, Start, Finish, Duration, Work, Cost. Per
//     assignment (File.Assignments): Cost, ActualCost, ActualWork.
//
// # Traps handled
//
// Durations are working time with hours not rolled into days
// ("PT824H0M0S" is 103 eight-hour days); fractional and negative
// durations are read. Dates have no zone and are read as wall-clock
// times. Aspose writes 2000-01-01T00:00:00 for dates that are not set;
// those are read as not set. Actual starts on tasks without progress and
// actual finishes on unfinished tasks are ignored, as MS Project would.
// A milestone with a duration stays a task so that its dates do not move.
// Links to skipped tasks, to other projects, duplicates and links between
// a summary and its own subtask are dropped rather than failing the read.
// Empty elements (<TotalSlack/>) read as absent. Names are trimmed and
// clipped to the domain's limits; a task or resource without a name is
// named after its UID. What is left behind is counted in File.Dropped,
// for example:
//
//	3 tasks are inactive and were skipped
//	2 links to skipped or unknown tasks were dropped
//	custom field Text1 (Site) on 12 tasks
//	16 placeholder assignments without a resource were skipped
//	timephased data (work and cost per period) on 16 assignments
//	calendar "Standard": work week "Summer" runs beyond 10 years; only the first 10 years were kept
//
// # Speed
//
// BenchmarkRead reads a generated 5,000-task document of 10.8 MB — three
// calendars, about two links per task of all four types, constraints,
// baselines, custom fields, resources and assignments with timephased
// data — in 50–60 ms (about 200 MB/s) on a 2.5 GHz Xeon, validation of
// the plan included; encoding/xml's Unmarshal of the same document into a
// struct of a dozen fields takes ten times as long. Most of the time goes
// to the byte scanning in quick (fastpath.go), which reads a whole leaf
// element, <Name>value</Name>, in one pass without touching the element
// stack.
package mspdi
