package xer

import (
	"math"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// constraints maps P6's cstr_type to Cairn's constraint types. P6's
// mandatory start and finish are as hard as Cairn's must-start and
// must-finish; its "start on" and "finish on" are the same types.
var constraints = map[string]domain.ConstraintType{
	"CS_ALAP":      domain.ALAP,
	"CS_MSO":       domain.MSO,
	"CS_MSOA":      domain.SNET,
	"CS_MSOB":      domain.SNLT,
	"CS_MEO":       domain.MFO,
	"CS_MEOA":      domain.FNET,
	"CS_MEOB":      domain.FNLT,
	"CS_MANDSTART": domain.MSO,
	"CS_MANDFIN":   domain.MFO,
}

// priorities maps P6's priority_type to Cairn's 0–1000 scale.
var priorities = map[string]int{
	"PT_Lowest": 100, "PT_Low": 300, "PT_Normal": 500, "PT_High": 700, "PT_Top": 900,
}

// activity reads one TASK row into a task (without its parent and
// position) and the fields the domain has no place for.
func (b *builder) activity(rd reader, r row, id int64) (domain.Task, TaskExtra, error) {
	t := domain.Task{ID: id, UID: id, Name: rd.str(r, "task_name")}
	x := TaskExtra{Code: rd.str(r, "task_code"), Type: rd.str(r, "task_type"), Status: rd.str(r, "status_code")}
	var err error
	if x.PhysicalPercentComplete, _, err = rd.number(r, "phys_complete_pct"); err != nil {
		return t, x, err
	}
	planned, hasPlanned, err := rd.minutes(r, "target_drtn_hr_cnt")
	if err != nil {
		return t, x, err
	}
	remain, hasRemain, err := rd.minutes(r, "remain_drtn_hr_cnt")
	if err != nil {
		return t, x, err
	}
	if planned < 0 || remain < 0 {
		return t, x, b.f.At(r.line, "invalid_value", "TASK: activity %d has a negative duration", id)
	}
	x.PlannedDuration = planned
	if t.ActualStart, err = rd.date(r, "act_start_date"); err != nil {
		return t, x, err
	}
	if t.ActualFinish, err = rd.date(r, "act_end_date"); err != nil {
		return t, x, err
	}
	if !t.ActualStart.IsZero() && !t.ActualFinish.IsZero() && t.ActualFinish.Before(t.ActualStart) {
		b.drop("%d activities finish before they start; their actual finish was left out")
		t.ActualFinish = time.Time{}
	}
	t.Duration.Minutes, t.PercentComplete = progress(planned, hasPlanned, remain, hasRemain, t, x.Status)
	switch x.Type {
	case "TT_Mile", "TT_FinMile":
		t.Kind = domain.KindMilestone
	case "TT_LOE":
		b.drop("%d level-of-effort activities are scheduled as ordinary tasks with their own duration")
	case "TT_WBS":
		b.drop("%d WBS summary activities are scheduled as ordinary tasks with their own duration")
	}
	if err := b.constraint(rd, r, &t, &x); err != nil {
		return t, x, err
	}
	if p, ok := priorities[rd.str(r, "priority_type")]; ok {
		t.Priority = p
	} else {
		t.Priority = 500
	}
	if w, ok, err := rd.minutes(r, "target_work_qty"); err != nil {
		return t, x, err
	} else if ok && w > 0 {
		t.Work = w
	}
	if cal, ok, err := rd.id(r, "clndr_id"); err != nil {
		return t, x, err
	} else if ok {
		if b.useCalendar(cal) {
			t.CalendarID = cal
		} else {
			b.drop("%d activities name a calendar the file does not have and use the project calendar")
		}
	}
	return t, x, nil
}

// progress returns the duration Cairn schedules and the duration percent
// complete. A finished activity keeps its planned duration; one not
// started is scheduled on its remaining duration, as P6 does; one in
// progress keeps its planned duration with the share already done, so that
// what is left equals P6's remaining duration (to the nearest percent).
func progress(planned int64, hasPlanned bool, remain int64, hasRemain bool, t domain.Task, status string) (int64, int) {
	switch {
	case !t.ActualFinish.IsZero() || status == "TK_Complete":
		return planned, 100
	case t.ActualStart.IsZero():
		if hasRemain || !hasPlanned {
			return remain, 0
		}
		return planned, 0
	case !hasRemain:
		return planned, 0
	case planned <= remain:
		return remain, 0
	}
	pct := int(math.Round(100 * float64(planned-remain) / float64(planned)))
	return planned, min(pct, 99)
}

// constraint reads the primary constraint, and keeps the secondary one
// aside: Cairn applies one constraint per task.
func (b *builder) constraint(rd reader, r row, t *domain.Task, x *TaskExtra) error {
	typ := rd.str(r, "cstr_type")
	date, err := rd.date(r, "cstr_date")
	if err != nil {
		return err
	}
	if typ != "" {
		c, ok := constraints[typ]
		switch {
		case !ok:
			b.drop("%d activities have a constraint type Cairn does not know; it was left out")
		case c.NeedsDate() && date.IsZero():
			b.drop("%d activities have a constraint without a date; it was left out")
		default:
			t.Constraint = c
			if c.NeedsDate() {
				t.ConstraintDate = date
			}
		}
	}
	if x.SecondaryConstraint = rd.str(r, "cstr_type2"); x.SecondaryConstraint != "" {
		if x.SecondaryConstraintDate, err = rd.date(r, "cstr_date2"); err != nil {
			return err
		}
		b.drop("%d secondary constraints are not applied (Cairn has one constraint per task; see Extra)")
	}
	return nil
}

// computed reads what P6 computed for an activity.
func (b *builder) computed(rd reader, r row) (Computed, error) {
	var c Computed
	var err error
	for _, d := range []struct {
		field string
		dst   *time.Time
	}{
		{"early_start_date", &c.EarlyStart}, {"early_end_date", &c.EarlyFinish},
		{"late_start_date", &c.LateStart}, {"late_end_date", &c.LateFinish},
	} {
		if *d.dst, err = rd.date(r, d.field); err != nil {
			return c, err
		}
	}
	tf, hasTF, err := rd.minutes(r, "total_float_hr_cnt")
	if err != nil {
		return c, err
	}
	ff, _, err := rd.minutes(r, "free_float_hr_cnt")
	if err != nil {
		return c, err
	}
	c.TotalFloat, c.FreeFloat, c.HasFloat = tf, ff, hasTF
	if c.RemainingDuration, _, err = rd.minutes(r, "remain_drtn_hr_cnt"); err != nil {
		return c, err
	}
	c.Critical = rd.flag(r, "driving_path_flag")
	return c, nil
}
