package csvplan

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// row is one task row as read, before the rows are linked.
type row struct {
	rec      record
	task     domain.Task
	level    int    // outline level, 1 at the top; 0 when not given
	wbs      string // WBS code, "" when not given
	id       string // the ID cell
	hasDur   bool   // the Duration cell is not empty
	start    time.Time
	finish   time.Time
	estimate Estimate
}

const hintDuration = "try 5d, 3h, 90m, 1.5d, 2w or 5 days"

// build turns the rows into a plan.
func (rd *reader) build() (*File, error) {
	rd.order = rd.dateOrder()
	rows := make([]row, 0, len(rd.rows))
	projectName := ""
	for _, rec := range rd.rows {
		r := rd.row(rec)
		if r.level == 0 && rd.col[colLevel] >= 0 && rd.cell(rec, colLevel) != "" {
			// MS Project's project summary task (outline level 0)
			// names the project and is not a task.
			if projectName == "" {
				projectName = r.task.Name
			}
			continue
		}
		r.task.ID = int64(len(rows) + 1)
		rows = append(rows, r)
	}
	if err := rd.failed(); err != nil {
		return nil, err
	}
	out := &File{Plan: &domain.Plan{Tasks: make([]domain.Task, 0, len(rows))}, Estimates: map[int64]Estimate{}}
	rd.project(out.Plan, rows, projectName)
	rd.hierarchy(rows)
	rd.identify(rows)
	ids := rd.references(rows)
	summaries := map[int64]bool{}
	for _, r := range rows {
		if r.task.Parent != 0 {
			summaries[r.task.Parent] = true
		}
	}
	for i := range rows {
		rd.schedule(&rows[i], summaries[rows[i].task.ID], out.Plan.Project.Start)
	}
	rd.links(out.Plan, rows, ids)
	rd.assign(out.Plan, rows)
	if err := rd.failed(); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out.Plan.Tasks = append(out.Plan.Tasks, r.task)
		if r.estimate != (Estimate{}) {
			out.Estimates[r.task.ID] = r.estimate
		}
	}
	if err := out.Plan.Validate(); err != nil {
		rd.placeInvalid(err, out.Plan, rows)
		return nil, rd.failed()
	}
	out.Warnings = rd.warn
	return out, nil
}

// dateOrder decides how dates with slashes read, for the whole file.
func (rd *reader) dateOrder() DateOrder {
	if rd.opt.DateOrder != DateOrderAuto {
		return rd.opt.DateOrder
	}
	var dayFirst, monthFirst bool
	for _, rec := range rd.rows {
		for _, c := range []column{colStart, colFinish, colConstraintDate, colDeadline, colActualStart, colActualFinish} {
			switch slashOrder(rd.cell(rec, c)) {
			case DayFirst:
				dayFirst = true
			case MonthFirst:
				monthFirst = true
			}
		}
	}
	switch {
	case dayFirst && monthFirst:
		rd.warn = append(rd.warn, "dates with slashes are written both day first and month first; they were read month first")
		return MonthFirst
	case dayFirst || !monthFirst && rd.delim == ';':
		return DayFirst
	}
	return MonthFirst
}

// row reads the cells of one row that need no other row.
func (rd *reader) row(rec record) row {
	r := row{rec: rec, id: rd.cell(rec, colID), wbs: rd.cell(rec, colWBS)}
	t := &r.task
	t.Name = unescapeText(rd.cell(rec, colName))
	if t.Name == "" {
		rd.fail(rec, colName, "the row has no %s; give every task a name, or delete the row", rd.label(colName))
	}
	if v := rd.cell(rec, colLevel); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 100 {
			rd.fail(rec, colLevel, "%s %q is not an outline level; use 1 for top-level tasks, 2 for their subtasks and so on", rd.label(colLevel), v)
		}
		r.level = n
	} else if rd.col[colLevel] >= 0 {
		rd.fail(rec, colLevel, "%s is empty; use 1 for top-level tasks, 2 for their subtasks and so on", rd.label(colLevel))
	}
	if v := rd.cell(rec, colDuration); v != "" {
		d, err := duration(v, rd.units)
		if err != nil {
			rd.fail(rec, colDuration, "%s %q is not a duration; %s", rd.label(colDuration), v, hintDuration)
		}
		t.Duration, r.hasDur = d, true
	}
	if v := rd.cell(rec, colWork); v != "" {
		d, err := duration(v, rd.units)
		if err != nil || d.Elapsed {
			rd.fail(rec, colWork, "%s %q is not an amount of work; try 16h, 2d or 90m", rd.label(colWork), v)
		}
		t.Work = d.Minutes
	}
	for _, e := range []struct {
		c   column
		dst *domain.Duration
	}{{colOptimistic, &r.estimate.Optimistic}, {colMostLikely, &r.estimate.MostLikely}, {colPessimistic, &r.estimate.Pessimistic}} {
		if v := rd.cell(rec, e.c); v != "" {
			d, err := duration(v, rd.units)
			if err != nil {
				rd.fail(rec, e.c, "%s %q is not a duration; %s", rd.label(e.c), v, hintDuration)
			}
			*e.dst = d
		}
	}
	r.start = rd.date(rec, colStart, false)
	r.finish = rd.date(rec, colFinish, true)
	t.ActualStart = rd.date(rec, colActualStart, false)
	t.ActualFinish = rd.date(rec, colActualFinish, true)
	t.Deadline = rd.date(rec, colDeadline, false)
	rd.progress(rec, t)
	rd.constraint(rec, t)
	t.Notes = unescapeText(rd.raw(rec, colNotes)) // notes keep their spacing
	return r
}

// progress reads % Complete, Priority and Mode.
func (rd *reader) progress(rec record, t *domain.Task) {
	if v := rd.cell(rec, colPercent); v != "" {
		p, err := percent(v)
		if err != nil {
			rd.fail(rec, colPercent, "%s %q is not a percentage from 0 to 100; try 50%% or 50", rd.label(colPercent), v)
		}
		t.PercentComplete = p
	}
	t.Priority = 500
	if v := rd.cell(rec, colPriority); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 0 || p > 1000 {
			rd.fail(rec, colPriority, "%s %q is not a priority; use a whole number from 0 to 1000 (500 is normal)", rd.label(colPriority), v)
		}
		t.Priority = p
	}
	m, err := mode(rd.cell(rec, colMode))
	if err != nil {
		rd.fail(rec, colMode, "%s %q is not a scheduling mode; use auto or manual", rd.label(colMode), rd.cell(rec, colMode))
	}
	t.Mode = m
}

// constraint reads Constraint and Constraint Date.
func (rd *reader) constraint(rec record, t *domain.Task) {
	v := rd.cell(rec, colConstraint)
	if v == "" {
		return
	}
	c, date, err := constraint(v)
	if err != nil {
		rd.fail(rec, colConstraint, "%s %q is not a constraint; use ASAP, ALAP, or SNET, SNLT, FNET, FNLT, MSO or MFO with a date (SNET 2027-03-01)", rd.label(colConstraint), v)
		return
	}
	t.Constraint = c
	if !c.NeedsDate() {
		return
	}
	if date != "" {
		d, _, err := parseDate(date, rd.order)
		if err != nil {
			rd.fail(rec, colConstraint, "%s %q does not end in a date; write the type and a date, such as SNET 2027-03-01", rd.label(colConstraint), v)
		}
		t.ConstraintDate = d
		return
	}
	if t.ConstraintDate = rd.date(rec, colConstraintDate, false); t.ConstraintDate.IsZero() {
		rd.fail(rec, colConstraint, "constraint %s needs a date; write it after the type (%s 2027-03-01) or in a Constraint Date column", c, c)
	}
}

// date reads a date cell of column c; a date without a time that ends
// something (end) means the end of that day.
func (rd *reader) date(rec record, c column, end bool) time.Time {
	v := rd.cell(rec, c)
	if blankDate(v) {
		return time.Time{}
	}
	d, hasTime, err := parseDate(v, rd.order)
	if err != nil {
		rd.fail(rec, c, "%s %q is not a date; write 2027-03-01 or 2027-03-01 08:00 (day-first and month-first dates with slashes work too)", rd.label(c), v)
		return time.Time{}
	}
	if end && !hasTime {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// project sets the project's key, name, units and start.
func (rd *reader) project(p *domain.Plan, rows []row, summaryName string) {
	pr := &p.Project
	pr.Name = rd.opt.Name
	if pr.Name == "" {
		pr.Name = summaryName
	}
	if pr.Name == "" {
		pr.Name = baseName(rd.name)
	}
	if len(pr.Name) > 200 {
		pr.Name = strings.TrimSpace(pr.Name[:200])
	}
	pr.Key = rd.opt.Key
	if pr.Key == "" {
		pr.Key = keyFromName(baseName(rd.name))
	}
	pr.Units = rd.units
	for _, r := range rows {
		for _, d := range []time.Time{r.start, r.task.ActualStart} {
			if !d.IsZero() && (pr.Start.IsZero() || d.Before(pr.Start)) {
				pr.Start = d
			}
		}
	}
	if pr.Start.IsZero() {
		pr.Start = rd.opt.DefaultStart
	}
	if pr.Start.IsZero() && len(rows) > 0 {
		rd.failAt(rows[0].rec.at[0][0], 1, "no row gives a start date, so the project has no start; add a Start date to the first task")
	}
}

// hierarchy sets each task's parent and position from Outline Level, or
// else from WBS codes; without either the list is flat.
func (rd *reader) hierarchy(rows []row) {
	pos := map[int64]int64{}
	place := func(t *domain.Task) { pos[t.Parent]++; t.Position = pos[t.Parent] }
	switch {
	case rd.col[colLevel] >= 0:
		var stack []int64 // task IDs of the open levels
		for i := range rows {
			r := &rows[i]
			if r.level > len(stack)+1 {
				rd.fail(r.rec, colLevel, "%s %d follows level %d; a task can be at most one level deeper than the row above", rd.label(colLevel), r.level, len(stack))
				r.level = len(stack) + 1
			}
			stack = stack[:r.level-1]
			if len(stack) > 0 {
				r.task.Parent = stack[len(stack)-1]
			}
			stack = append(stack, r.task.ID)
			place(&r.task)
		}
	case rd.col[colWBS] >= 0:
		byCode := map[string]int{}
		for i, r := range rows {
			if r.wbs == "" {
				rd.fail(r.rec, colWBS, "%s is empty; give every row its WBS code (1, 1.1, 1.2, 2…)", rd.label(colWBS))
				continue
			}
			if j, dup := byCode[r.wbs]; dup {
				rd.fail(r.rec, colWBS, "%s %q is also the code of the row on line %d; WBS codes must be unique", rd.label(colWBS), r.wbs, rows[j].rec.at[0][0])
				continue
			}
			byCode[r.wbs] = i
		}
		for i := range rows {
			r := &rows[i]
			if k := strings.LastIndexByte(r.wbs, '.'); k > 0 {
				j, ok := byCode[r.wbs[:k]]
				if !ok {
					rd.fail(r.rec, colWBS, "%s %q has no parent row %q; add it, or fix the code", rd.label(colWBS), r.wbs, r.wbs[:k])
				} else {
					r.task.Parent = rows[j].task.ID
				}
			}
			place(&r.task)
		}
	default:
		for i := range rows {
			place(&rows[i].task)
		}
	}
}

// identify sets each task's UID and handle from the ID column: whole
// numbers become UIDs, other IDs handles; without IDs tasks are numbered
// in row order.
func (rd *reader) identify(rows []row) {
	numeric := rd.col[colID] >= 0
	for _, r := range rows {
		n, err := strconv.ParseInt(r.id, 10, 64)
		if r.id != "" && (err != nil || n <= 0 || n > math.MaxInt32) {
			numeric = false
		}
	}
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		r.task.UID = r.task.ID
		if r.id == "" {
			continue
		}
		if line, dup := seen[r.id]; dup {
			rd.fail(r.rec, colID, "%s %q is also the ID of the row on line %d; IDs must be unique", rd.label(colID), r.id, line)
			continue
		}
		seen[r.id] = r.rec.at[0][0]
		if numeric {
			r.task.UID, _ = strconv.ParseInt(r.id, 10, 64)
		} else if validRef(r.id) {
			r.task.Ref = r.id
		}
	}
	if numeric { // rows without an ID are numbered after the largest
		var top int64
		for _, r := range rows {
			if r.id != "" {
				top = max(top, r.task.UID)
			}
		}
		for i := range rows {
			if rows[i].id == "" {
				top++
				rows[i].task.UID = top
			}
		}
	}
}

// validRef reports whether s can be a plan-file handle.
func validRef(s string) bool {
	if s == "" || len(s) > 100 || !isAlnum(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// references maps what a Predecessors cell may name to task IDs: the ID
// column's values, or row numbers (1 for the first task row) without one.
func (rd *reader) references(rows []row) map[string]int64 {
	ids := make(map[string]int64, len(rows))
	for i, r := range rows {
		if rd.col[colID] >= 0 {
			if r.id != "" {
				ids[r.id] = r.task.ID
			}
		} else {
			ids[strconv.Itoa(i+1)] = r.task.ID
		}
	}
	return ids
}

// schedule decides kind and mode: summaries roll up; a zero duration or
// the Milestone column makes a milestone; a row with a start and a finish
// but no duration is fixed to its dates (manual). The start of another
// automatic task with no predecessors and no constraint is kept as a
// start-no-earlier-than constraint, as MS Project does when one types a
// start.
func (rd *reader) schedule(r *row, summary bool, projectStart time.Time) {
	t := &r.task
	if summary {
		t.Duration = domain.Duration{}
		return
	}
	if v := rd.cell(r.rec, colMilestone); rd.col[colMilestone] >= 0 {
		m, err := yes(v)
		if err != nil {
			rd.fail(r.rec, colMilestone, "%s %q is not yes or no", rd.label(colMilestone), v)
		}
		if m {
			t.Kind = domain.KindMilestone
		}
	} else if r.hasDur && t.Duration.Minutes == 0 {
		t.Kind = domain.KindMilestone
	}
	if rd.col[colMode] < 0 && !r.hasDur && !r.start.IsZero() && !r.finish.IsZero() && t.Kind != domain.KindMilestone {
		t.Mode = domain.Manual
	}
	switch {
	case t.Mode == domain.Manual:
		t.Start, t.Finish = r.start, r.finish
		if !t.Start.IsZero() && !t.Finish.IsZero() && t.Finish.Before(t.Start) {
			rd.fail(r.rec, colFinish, "%s is before %s; swap them", rd.label(colFinish), rd.label(colStart))
		}
	case !r.start.IsZero() && rd.cell(r.rec, colConstraint) == "" && rd.cell(r.rec, colPredecessors) == "" &&
		domain.FormatDate(r.start) > domain.FormatDate(projectStart):
		t.Constraint, t.ConstraintDate = domain.SNET, r.start
	}
}
