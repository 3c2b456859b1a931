// Package gantt draws a computed schedule as a Gantt chart in SVG, for the
// screen and for print (A4 or A3 landscape).
//
// The chart has a task table on the left — WBS outline numbers and names,
// indented by level, summaries in bold — and a time axis on the right with
// one row per task: a bar from start to finish, the classic black bracket
// for a summary, a diamond with its date for a milestone, dependency
// arrows (FS, SS, FF, SF) as orthogonal connectors, and optionally the
// critical path in red, a grey baseline bar under each task, a dashed
// status-date line and a today line. Every shape carries a <title>, which
// browsers show on hover: name, dates, duration and total float.
//
// The time scale adapts to the density: days under weeks (weekends shaded)
// for short plans, weeks under months, months under quarters, then
// quarters under years. The horizontal axis is linear in wall-clock time:
// a bar runs from its start instant to its finish instant, so a task
// working 08:00–17:00 covers the middle of its day column and nights and
// weekends show as gaps. Bars are thus exact at every zoom, and the gaps
// are where links turn.
//
// Render is a pure function of its inputs: no clock (today's line comes
// from Options.Today), no globals, no I/O other than writing the chart,
// and the same input gives the same bytes, so charts can be golden-tested.
// It is linear in the number of tasks and links; a 1,000-task chart is a
// tall page of 24 px rows.
package gantt
