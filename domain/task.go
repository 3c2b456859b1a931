package domain

import (
	"strconv"
	"strings"
	"time"
)

// TaskKind distinguishes ordinary tasks from milestones. Summary tasks are
// not a kind one sets: a task with children is a summary (see Plan).
type TaskKind string

// Task kinds.
const (
	KindTask      TaskKind = "task"
	KindMilestone TaskKind = "milestone"
)

// ConstraintType limits when a task may be scheduled.
type ConstraintType string

// The eight constraint types of MS Project.
const (
	ASAP ConstraintType = "ASAP" // as soon as possible (default)
	ALAP ConstraintType = "ALAP" // as late as possible
	SNET ConstraintType = "SNET" // start no earlier than
	SNLT ConstraintType = "SNLT" // start no later than
	FNET ConstraintType = "FNET" // finish no earlier than
	FNLT ConstraintType = "FNLT" // finish no later than
	MSO  ConstraintType = "MSO"  // must start on
	MFO  ConstraintType = "MFO"  // must finish on
)

// ParseConstraintType reads a constraint type in any case; "" means ASAP.
func ParseConstraintType(s string) (ConstraintType, error) {
	switch c := ConstraintType(strings.ToUpper(strings.TrimSpace(s))); c {
	case "":
		return ASAP, nil
	case ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO:
		return c, nil
	}
	return "", Invalid("invalid_constraint", "constraint", "%q is not a constraint (use ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO or MFO)", s)
}

// NeedsDate reports whether the constraint type needs a date.
func (c ConstraintType) NeedsDate() bool {
	return c != "" && c != ASAP && c != ALAP
}

// SchedulingMode says whether the engine moves a task (auto) or the user's
// dates stand (manual).
type SchedulingMode string

// Scheduling modes.
const (
	Auto   SchedulingMode = "auto"
	Manual SchedulingMode = "manual"
)

// Task is a work package: a node of the WBS. Durations and work are in
// working minutes of the task's governing calendar.
type Task struct {
	ID        int64
	ProjectID int64
	UID       int64  // per-project number: the key is ProjectKey-UID; MS Project's Unique ID on import
	Ref       string // optional plan-file handle ("design"), unique in the project
	Parent    int64  // 0: top level
	Position  int64  // order among siblings
	Name      string
	Kind      TaskKind
	Mode      SchedulingMode
	Duration  Duration
	Work      int64 // working minutes of effort; 0: not estimated
	// Constraint and its date (project-local) limit the dates.
	Constraint     ConstraintType
	ConstraintDate time.Time
	Deadline       time.Time
	// Start and Finish are the user's dates for manually scheduled tasks.
	Start, Finish   time.Time
	Priority        int // 0–1000, default 500
	PercentComplete int // 0–100
	// Status is the task's place on the board; StatusNone follows
	// PercentComplete (see WorkflowStatus).
	Status       WorkflowStatus
	ActualStart  time.Time
	ActualFinish time.Time
	CalendarID   int64 // 0: the project calendar
	// FixedCost is money the task costs whatever its resources, in minor
	// units (a negative amount is a credit); FixedCostAccrual says when it
	// is incurred.
	FixedCost        int64
	FixedCostAccrual Accrual
	// RemainingWork is the effort still to do as someone estimated it
	// (MS Project's Remaining Work); it drives the task's estimate to
	// complete.
	RemainingWork RemainingWork
	Notes         string
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Key returns the task's human key, e.g. "NET-42".
func (t *Task) Key(projectKey string) string {
	return projectKey + "-" + strconv.FormatInt(t.UID, 10)
}

// Normalize fills defaults before validation.
func (t *Task) Normalize() {
	t.Name = strings.TrimSpace(t.Name)
	t.Ref = strings.TrimSpace(t.Ref)
	if t.Kind == "" {
		t.Kind = KindTask
	}
	if t.Mode == "" {
		t.Mode = Auto
	}
	t.Constraint = ConstraintType(strings.ToUpper(string(t.Constraint)))
	if t.Constraint == "" {
		t.Constraint = ASAP
	}
	if t.Kind == KindMilestone {
		t.Duration = Duration{}
	}
}

// Validate checks t on its own. Relations (parent exists, no cycles) are
// checked against the whole plan.
func (t *Task) Validate() error {
	if t.Name == "" {
		return Invalid("required", "name", "task name is required")
	}
	if len(t.Name) > 500 {
		return Invalid("too_long", "name", "task name is %d characters; keep it to 500", len(t.Name))
	}
	switch t.Kind {
	case KindTask, KindMilestone:
	default:
		return Invalid("invalid_kind", "kind", "%q is not a task kind (use task or milestone; summaries follow from children)", t.Kind)
	}
	switch t.Mode {
	case Auto, Manual:
	default:
		return Invalid("invalid_mode", "mode", "%q is not a scheduling mode (use auto or manual)", t.Mode)
	}
	if t.Duration.Minutes < 0 {
		return Invalid("invalid_duration", "duration", "duration cannot be negative")
	}
	if t.Work < 0 {
		return Invalid("invalid_work", "work", "work cannot be negative")
	}
	if t.RemainingWork.Minutes < 0 {
		return Invalid("invalid_work", "remaining_work", "remaining work cannot be negative")
	}
	if _, err := ParseConstraintType(string(t.Constraint)); err != nil {
		return err
	}
	if t.Constraint.NeedsDate() && t.ConstraintDate.IsZero() {
		return Invalid("required", "constraint_date", "constraint %s needs a date (YYYY-MM-DD)", t.Constraint)
	}
	if t.Priority < 0 || t.Priority > 1000 {
		return Invalid("invalid_priority", "priority", "priority %d is out of range (0–1000)", t.Priority)
	}
	if t.PercentComplete < 0 || t.PercentComplete > 100 {
		return Invalid("invalid_percent", "percent_complete", "percent complete %d is out of range (0–100)", t.PercentComplete)
	}
	if _, err := ParseWorkflowStatus(string(t.Status)); err != nil {
		return err
	}
	if !t.ActualStart.IsZero() && !t.ActualFinish.IsZero() && t.ActualFinish.Before(t.ActualStart) {
		return Invalid("invalid_range", "actual_finish", "actual finish is before actual start")
	}
	if t.Mode == Manual && !t.Start.IsZero() && !t.Finish.IsZero() && t.Finish.Before(t.Start) {
		return Invalid("invalid_range", "finish", "finish is before start")
	}
	if _, err := ParseAccrual(string(t.FixedCostAccrual)); err != nil {
		return WithField(err, "fixed_cost_accrual")
	}
	if t.Parent != 0 && t.Parent == t.ID {
		return Invalid("invalid_parent", "parent", "a task cannot be its own parent")
	}
	return nil
}

// RemainingWork is an estimate of the work left on a task, in working
// minutes. Unless Set, nobody has estimated it, and the work left is what
// percent complete leaves of the planned work.
type RemainingWork struct {
	Minutes int64
	Set     bool
}

// Format writes the estimate in the project's units, "" when not set.
func (r RemainingWork) Format(u Units) string {
	if !r.Set {
		return ""
	}
	return Duration{Minutes: r.Minutes}.Format(u)
}
