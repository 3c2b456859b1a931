package mspdi

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// tasks places the file's tasks in the plan: the outline levels become
// parents, skipped tasks (inactive, blank, external) leave their active
// subtasks to the nearest kept ancestor, and the project summary task
// (outline level 0) only contributes Reference[0].
func (b *builder) tasks() {
	maxUID := int64(0)
	for _, t := range b.d.tasks {
		maxUID = max(maxUID, t.uid)
	}
	b.plan.Tasks = make([]domain.Task, 0, len(b.d.tasks))
	b.taskLines = make([]int, 0, len(b.d.tasks))
	type frame struct {
		level int64
		id    int64 // 0: skipped
	}
	var stack []frame
	next := map[int64]int64{} // parent ID → position of its next child
	seen := make(map[int64]bool, len(b.d.tasks))
	summaryDone := false
	custom := map[int64]int{} // tasks by custom field
	holders := 0              // tasks with any custom field
	for _, t := range b.d.tasks {
		level := t.level
		if !t.hasLevel {
			level = t.outline
			if level < 0 && t.uid == 0 {
				level = 0
			} else if level < 0 {
				level = 1
			}
		}
		if level <= 0 && !summaryDone && !seen[t.uid] {
			summaryDone = true
			seen[t.uid] = true
			b.file.Reference[t.uid] = b.computed(t)
			continue
		}
		level = max(level, 1)
		for len(stack) > 0 && stack[len(stack)-1].level >= level {
			stack = stack[:len(stack)-1]
		}
		if skip := b.skipReason(t, seen[t.uid]); skip != (note{}) {
			b.notes.add(skip)
			stack = append(stack, frame{level, 0})
			continue
		}
		seen[t.uid] = true
		id := t.uid
		if id <= 0 {
			maxUID++
			id = maxUID
			b.notes.say("task UID %d cannot be a task's ID; it was read as UID %d", t.uid, id)
		}
		parent := int64(0)
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].id != 0 {
				parent = stack[k].id
				break
			}
		}
		stack = append(stack, frame{level, id})
		task := b.task(t, id)
		task.Parent = parent
		task.Position = next[parent]
		next[parent]++
		b.taskID[t.uid] = id
		b.taskIdx[id] = len(b.plan.Tasks)
		b.plan.Tasks = append(b.plan.Tasks, task)
		b.taskLines = append(b.taskLines, t.line)
		for _, f := range t.custom {
			custom[f]++
		}
		if len(t.custom) > 0 {
			holders++
		}
	}
	b.finishSummaries()
	b.customNotes(custom, holders, "task", "tasks")
}

// skipReason says why a task is left out of the plan, or is empty.
func (b *builder) skipReason(t *rawTask, dup bool) note {
	switch {
	case dup:
		return noteDupUID
	case t.isNull:
		return noteNull
	case !t.active:
		return noteInactive
	case t.external:
		return noteExternal
	}
	return note{}
}

// computed is what MS Project computed for t.
func (b *builder) computed(t *rawTask) Computed {
	c := Costs{
		Cost: b.minor(t.cost), ActualCost: b.minor(t.actualCost),
		BCWS: b.minor(t.bcws), BCWP: b.minor(t.bcwp), ACWP: b.minor(t.acwp), Has: t.has,
	}
	for _, bl := range t.baselines {
		if bl.Number == 0 && bl.HasCost {
			c.BaselineCost, c.Has = b.minor(bl.Cost), c.Has|HasBaselineCost
		}
	}
	return Computed{
		Costs: c,
		Start: t.start, Finish: t.finish,
		EarlyStart: t.es, EarlyFinish: t.ef, LateStart: t.ls, LateFinish: t.lf,
		TotalSlack: t.totalSlack, FreeSlack: t.freeSlack,
		HasEarlyLate: !t.es.IsZero() && !t.ef.IsZero() && !t.ls.IsZero() && !t.lf.IsZero(),
		Critical:     t.critical, Summary: t.summary, Duration: t.duration,
	}
}

// task converts one kept task; its parent and position are set by tasks.
func (b *builder) task(t *rawTask, id int64) domain.Task {
	task := domain.Task{
		ID: id, ProjectID: 1, UID: id,
		Name:            clip(strings.TrimSpace(t.name), 500),
		Kind:            domain.KindTask,
		Mode:            domain.Auto,
		Priority:        int(min(max(t.priority, 0), 1000)),
		PercentComplete: int(min(max(t.percent, 0), 100)),
		Deadline:        t.deadline,
		Notes:           t.notes,
		CalendarID:      b.calendarRef(t.calendarUID),
		FixedCost:       b.minor(t.fixedCost),
	}
	task.FixedCostAccrual = accrual(t.fixedAccrual)
	if task.Name == "" {
		task.Name = "Task " + strconv.FormatInt(id, 10)
		b.notes.add(noteUnnamed)
	}
	dur := t.duration
	if t.manual {
		task.Mode = domain.Manual
		if t.hasManualDuration {
			dur = t.manualDuration
		}
		task.Start, task.Finish = t.manualStart, t.manualFinish
		if task.Start.IsZero() {
			task.Start = t.start
		}
		if task.Finish.IsZero() {
			task.Finish = t.finish
		}
		if !task.Start.IsZero() && task.Finish.Before(task.Start) {
			task.Finish = task.Start
			b.notes.add(noteBadFinish)
		}
	}
	if dur < 0 || t.work < 0 {
		b.notes.add(noteNegDuration)
	}
	task.Duration = domain.Duration{Minutes: max(dur, 0), Elapsed: elapsedFormat(t.format)}
	task.Work = max(t.work, 0)
	if t.milestone {
		if task.Duration.Minutes == 0 {
			task.Kind = domain.KindMilestone
		} else {
			b.notes.add(noteMilestoneDur)
		}
	}
	task.Constraint, _ = constraintType(t.constraint)
	if task.Constraint.NeedsDate() {
		task.ConstraintDate = t.constraintDate
		if task.ConstraintDate.IsZero() {
			task.Constraint = domain.ASAP
			b.notes.add(noteNoConstraint)
		}
	}
	b.actuals(&task, t)
	if t.leveling {
		b.notes.add(noteLeveling)
	}
	if t.subproject {
		b.notes.add(noteSubproject)
	}
	b.file.Reference[id] = b.computed(t)
	if len(t.baselines) > 0 {
		bl := make([]Baseline, len(t.baselines))
		for i, x := range t.baselines {
			x.Cost = b.minor(x.Cost)
			bl[i] = x
		}
		b.file.Baselines[id] = bl
	}
	b.file.Extra[id] = TaskExtra{
		Type: int(t.typ), EffortDriven: t.effortDriven, Estimated: t.estimated, Active: true,
		ActualDuration: t.actualDuration, RemainingDuration: t.remainingDuration,
		Cost: b.minor(t.cost), FixedCost: b.minor(t.fixedCost), ActualCost: b.minor(t.actualCost),
		BCWS: b.minor(t.bcws), BCWP: b.minor(t.bcwp), ACWP: b.minor(t.acwp),
		DurationFormat: int(t.format), Work: t.work,
	}
	return task
}

// accrual maps MSPDI's AccrueAt and FixedCostAccrual codes (1 start,
// 2 end, 3 prorated) to an accrual; prorated, the default, is left empty.
func accrual(code int64) domain.Accrual {
	switch code {
	case 1:
		return domain.AccrueStart
	case 2:
		return domain.AccrueEnd
	}
	return ""
}

// actuals sets the actual dates MS Project's rules allow: an actual start
// once a task has progress, an actual finish once it is complete. Files
// from other tools sometimes carry placeholder actuals on untouched tasks.
func (b *builder) actuals(task *domain.Task, t *rawTask) {
	if !t.actualStart.IsZero() {
		if t.percent > 0 || t.actualDuration > 0 {
			task.ActualStart = t.actualStart
		} else {
			b.notes.add(noteActualStart)
		}
	}
	if !t.actualFinish.IsZero() {
		switch {
		case t.percent < 100:
			b.notes.add(noteActualFinish)
		case !task.ActualStart.IsZero() && t.actualFinish.Before(task.ActualStart):
			b.notes.add(noteBadFinish)
		default:
			task.ActualFinish = t.actualFinish
		}
	}
}

// calendarRef maps a task's or resource's CalendarUID to a plan calendar
// ID; -1 (none) and unknown calendars are 0, the project calendar.
func (b *builder) calendarRef(uid int64) int64 {
	if uid < 0 {
		return 0
	}
	if id, ok := b.calID[uid]; ok {
		return id
	}
	b.notes.add(noteUnknownCal)
	return 0
}

// finishSummaries clears the durations and work of tasks that turned out
// to have subtasks: a summary's own values are roll-ups, kept in
// Reference and Extra, and the scheduler computes them again.
func (b *builder) finishSummaries() {
	for _, t := range b.plan.Tasks {
		if t.Parent != 0 {
			s := &b.plan.Tasks[b.taskIdx[t.Parent]]
			s.Duration, s.Work = domain.Duration{}, 0
		}
	}
}

// customNotes words the custom fields (ExtendedAttribute) left behind on
// tasks or resources: "custom field Text1 on 12 tasks", or one line for
// all of them when there are many.
func (b *builder) customNotes(counts map[int64]int, holders int, one, many string) {
	if len(counts) == 0 {
		return
	}
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	names := make([]string, len(ids))
	for i, id := range ids {
		if names[i] = b.d.fieldNames[id]; names[i] == "" {
			names[i] = "with FieldID " + strconv.FormatInt(id, 10)
		}
	}
	if len(ids) <= 5 {
		for i, id := range ids {
			b.notes.addN(note{"custom field " + names[i] + " on 1 " + one, "custom field " + names[i] + " on %d " + many}, counts[id])
		}
		return
	}
	shown := names[:3]
	if b.d.fieldNames[ids[0]] == "" {
		shown = nil
	}
	list := ""
	if len(shown) > 0 {
		list = " (" + strings.Join(shown, ", ") + " and " + strconv.Itoa(len(ids)-len(shown)) + " more)"
	}
	b.notes.addN(note{
		strconv.Itoa(len(ids)) + " custom fields" + list + " on 1 " + one,
		strconv.Itoa(len(ids)) + " custom fields" + list + " on %d " + many,
	}, holders)
}
