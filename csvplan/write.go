package csvplan

import (
	"cmp"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// WriteOptions say what to write besides the plan.
type WriteOptions struct {
	// Result fills Start and Finish of automatically scheduled tasks, and
	// the Duration of summaries; without it those cells are empty.
	Result *schedule.Result
	// Estimates adds the Optimistic, Most Likely and Pessimistic
	// columns.
	Estimates map[int64]Estimate
	// Delimiter separates fields; ',' when 0.
	Delimiter rune
}

// Write writes p as a CSV task list that Read reads back to the same
// tasks, links, assignments and estimates: UTF-8 with a byte order mark
// (so that Excel sees the accents), CRLF line ends, one row per task in
// WBS order, with the columns of docs/csv-format.md. Optional columns
// (Mode, Priority, Actual Start, Actual Finish, the estimates) appear
// only when some task uses them.
func Write(w io.Writer, p *domain.Plan, opt WriteOptions) error {
	u := p.Project.Units.OrDefault()
	order, outline := p.WBSOrder()
	idx := p.TaskIndex()
	summaries := p.Summaries()
	computed := map[int64]schedule.Task{}
	if opt.Result != nil {
		for _, t := range opt.Result.Tasks {
			computed[t.ID] = t
		}
	}
	cols := writeColumns(p, opt.Estimates)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if opt.Delimiter != 0 {
		cw.Comma = opt.Delimiter
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = headers[c]
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	preds := predecessorCells(p, idx, u)
	names := assigneeCells(p)
	rec := make([]string, len(cols))
	for _, id := range order {
		t := &p.Tasks[idx[id]]
		ct, hasComputed := computed[id]
		for i, c := range cols {
			rec[i] = cellFor(c, t, cellContext{outline[id], summaries[id], ct, hasComputed, preds[id], names[id], opt.Estimates[id], u})
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeColumns picks the columns to write.
func writeColumns(p *domain.Plan, est map[int64]Estimate) []column {
	cols := []column{colID, colWBS, colLevel, colName}
	var manual, priority, actualStart, actualFinish bool
	for _, t := range p.Tasks {
		manual = manual || t.Mode == domain.Manual
		priority = priority || t.Priority != 500
		actualStart = actualStart || !t.ActualStart.IsZero()
		actualFinish = actualFinish || !t.ActualFinish.IsZero()
	}
	if manual {
		cols = append(cols, colMode)
	}
	cols = append(cols, colMilestone, colDuration, colStart, colFinish, colPredecessors, colResources, colWork)
	if len(est) > 0 {
		cols = append(cols, colOptimistic, colMostLikely, colPessimistic)
	}
	cols = append(cols, colPercent)
	if actualStart {
		cols = append(cols, colActualStart)
	}
	if actualFinish {
		cols = append(cols, colActualFinish)
	}
	cols = append(cols, colConstraint, colDeadline)
	if priority {
		cols = append(cols, colPriority)
	}
	return append(cols, colNotes)
}

// cellContext is what a cell may need beyond the task itself.
type cellContext struct {
	outline     string
	summary     bool
	computed    schedule.Task
	hasComputed bool
	preds       string
	assignees   string
	estimate    Estimate
	units       domain.Units
}

// cellFor writes column c of task t.
func cellFor(c column, t *domain.Task, x cellContext) string {
	switch c {
	case colID:
		return strconv.FormatInt(t.UID, 10)
	case colWBS:
		return x.outline
	case colLevel:
		return strconv.Itoa(strings.Count(x.outline, ".") + 1)
	case colName:
		return escapeText(t.Name)
	case colMode:
		return string(t.Mode)
	case colMilestone:
		if t.Kind == domain.KindMilestone {
			return "Yes"
		}
		return ""
	case colDuration:
		if x.summary {
			if x.hasComputed {
				return formatAmount(domain.Duration{Minutes: x.computed.Duration}, x.units)
			}
			return ""
		}
		return formatAmount(t.Duration, x.units)
	case colStart, colFinish:
		return startFinish(c, t, x)
	case colPredecessors:
		return x.preds
	case colResources:
		return escapeText(x.assignees)
	case colWork:
		if t.Work == 0 {
			return ""
		}
		return formatHours(t.Work)
	case colOptimistic:
		return estimateCell(x.estimate.Optimistic, x.units)
	case colMostLikely:
		return estimateCell(x.estimate.MostLikely, x.units)
	case colPessimistic:
		return estimateCell(x.estimate.Pessimistic, x.units)
	case colPercent:
		return strconv.Itoa(t.PercentComplete) + "%"
	case colActualStart:
		return formatDate(t.ActualStart, false)
	case colActualFinish:
		return formatDate(t.ActualFinish, true)
	case colConstraint:
		if t.Constraint.NeedsDate() {
			return string(t.Constraint) + " " + formatDate(t.ConstraintDate, false)
		}
		return string(cmp.Or(t.Constraint, domain.ASAP))
	case colDeadline:
		return formatDate(t.Deadline, false)
	case colPriority:
		return strconv.Itoa(t.Priority)
	case colNotes:
		return escapeText(t.Notes)
	}
	return ""
}

// startFinish writes a manual task's own dates and an automatic task's
// computed ones.
func startFinish(c column, t *domain.Task, x cellContext) string {
	if t.Mode == domain.Manual && !x.summary {
		if c == colStart {
			return formatDate(t.Start, false)
		}
		return formatDate(t.Finish, true)
	}
	if !x.hasComputed {
		return ""
	}
	if c == colStart {
		return formatDate(x.computed.Start, false)
	}
	return formatDate(x.computed.Finish, true)
}

func estimateCell(d domain.Duration, u domain.Units) string {
	if d == (domain.Duration{}) {
		return ""
	}
	return formatAmount(d, u)
}

// formatAmount writes a duration in the plan's units when they are the
// defaults Read assumes, and in hours or minutes otherwise, so that a
// plan with 7.5-hour days reads back to the same minutes.
func formatAmount(d domain.Duration, u domain.Units) string {
	if d.Elapsed || u == domain.DefaultUnits {
		return d.Format(u)
	}
	return formatHours(d.Minutes)
}

// formatHours writes working minutes as hours, or minutes when they are
// not whole hours: "16h", "90m".
func formatHours(m int64) string {
	if m%60 == 0 {
		return strconv.FormatInt(m/60, 10) + "h"
	}
	return strconv.FormatInt(m, 10) + "m"
}

// formatDate writes a date as 2027-01-04, or 2027-01-04 08:00 with a time.
// A date that ends something always carries its time, since Read takes
// a bare date there to mean the end of that day.
func formatDate(t time.Time, end bool) string {
	switch {
	case t.IsZero():
		return ""
	case t.Second() != 0:
		return t.Format("2006-01-02 15:04:05")
	case end || t.Hour() != 0 || t.Minute() != 0:
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("2006-01-02")
}

// predecessorCells writes each task's Predecessors cell: "3FS+2d;5SS", by
// UID, finish-to-start without a lag as the bare UID.
func predecessorCells(p *domain.Plan, idx map[int64]int, u domain.Units) map[int64]string {
	cells := map[int64]string{}
	for _, d := range p.Dependencies {
		pred := p.Tasks[idx[d.Predecessor]]
		s := strconv.FormatInt(pred.UID, 10)
		typ := cmp.Or(d.Type, domain.FS)
		if typ != domain.FS || !d.Lag.IsZero() {
			s += string(typ)
		}
		if !d.Lag.IsZero() {
			s += formatLag(d.Lag, u)
		}
		if c := cells[d.Successor]; c != "" {
			s = c + ";" + s
		}
		cells[d.Successor] = s
	}
	return cells
}

// formatLag writes a lag with its sign: "+2d", "-1d", "+50%".
func formatLag(l domain.Lag, u domain.Units) string {
	if l.IsPercent || l.Elapsed || u == domain.DefaultUnits {
		s := l.Format(u)
		if !strings.HasPrefix(s, "-") {
			s = "+" + s
		}
		return s
	}
	if l.Minutes < 0 {
		return "-" + formatHours(-l.Minutes)
	}
	return "+" + formatHours(l.Minutes)
}

// assigneeCells writes each task's Resource Names cell:
// "Alice[50%];Bob".
func assigneeCells(p *domain.Plan) map[int64]string {
	names := make(map[int64]string, len(p.Resources))
	for _, r := range p.Resources {
		names[r.ID] = r.Name
	}
	cells := map[int64]string{}
	for _, a := range p.Assignments {
		s := names[a.Resource]
		if a.Units != 1 {
			s += "[" + strconv.FormatFloat(a.Units*100, 'f', -1, 64) + "%]"
		}
		if c := cells[a.Task]; c != "" {
			s = c + ";" + s
		}
		cells[a.Task] = s
	}
	return cells
}
