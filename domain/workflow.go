package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// WorkflowStatus is where a task stands on the team's board. It is kept
// consistent with percent complete: done means 100%, and a task without a
// status of its own takes one from its progress (see Task.WorkflowStatus).
type WorkflowStatus string

// Workflow statuses, in board order.
const (
	StatusNone       WorkflowStatus = "" // not set: follows percent complete
	StatusTodo       WorkflowStatus = "todo"
	StatusInProgress WorkflowStatus = "in_progress"
	StatusReview     WorkflowStatus = "review"
	StatusDone       WorkflowStatus = "done"
)

// WorkflowStatuses lists the statuses in board order.
var WorkflowStatuses = []WorkflowStatus{StatusTodo, StatusInProgress, StatusReview, StatusDone}

// Label is the status as a board column heads it.
func (s WorkflowStatus) Label() string {
	switch s {
	case StatusTodo:
		return "To do"
	case StatusInProgress:
		return "In progress"
	case StatusReview:
		return "Review"
	case StatusDone:
		return "Done"
	}
	return "Not set"
}

// ParseWorkflowStatus reads a status; "" means not set.
func ParseWorkflowStatus(s string) (WorkflowStatus, error) {
	st := WorkflowStatus(strings.ToLower(strings.TrimSpace(s)))
	if st == StatusNone || slices.Contains(WorkflowStatuses, st) {
		return st, nil
	}
	return "", Invalid("invalid_status", "status", "%q is not a workflow status (use todo, in_progress, review or done)", s)
}

// WorkflowStatus returns the task's status, derived from its progress
// when none is set: 0% is to do, 100% done, anything between in progress.
func (t *Task) WorkflowStatus() WorkflowStatus {
	if t.Status != StatusNone {
		return t.Status
	}
	switch {
	case t.PercentComplete >= 100:
		return StatusDone
	case t.PercentComplete > 0:
		return StatusInProgress
	}
	return StatusTodo
}

// SetStatus moves the task to status s and keeps its progress consistent:
// done is 100% complete; a task moved back to do from 100% starts again
// at 0%, and one moved to in progress or review from 100% is no longer
// finished (99%).
func (t *Task) SetStatus(s WorkflowStatus) {
	t.Status = s
	switch {
	case s == StatusDone:
		t.PercentComplete = 100
	case s == StatusTodo && t.PercentComplete >= 100:
		t.PercentComplete = 0
	case s != StatusNone && t.PercentComplete >= 100:
		t.PercentComplete = 99
	}
}

// SetPercentComplete records progress and keeps an explicit status
// consistent with it: 100% is done, less than 100% is not, and a task
// with progress has started.
func (t *Task) SetPercentComplete(pct int) {
	t.PercentComplete = pct
	switch {
	case t.Status == StatusNone:
	case pct >= 100:
		t.Status = StatusDone
	case t.Status == StatusDone:
		t.Status = StatusInProgress
		if pct == 0 {
			t.Status = StatusTodo
		}
	case t.Status == StatusTodo && pct > 0:
		t.Status = StatusInProgress
	}
}

// WIPLimits caps how many tasks a board column should hold, per status;
// a missing or zero entry means no limit. Limits are advice: a board
// shows a column past its limit as a warning and lets the move happen.
type WIPLimits map[WorkflowStatus]int

// MaxWIPLimit is the largest limit a column may have.
const MaxWIPLimit = 999

// String writes the limits as "in_progress=3,review=2", in board order,
// leaving out columns without a limit.
func (l WIPLimits) String() string {
	var parts []string
	for _, s := range WorkflowStatuses {
		if n := l[s]; n > 0 {
			parts = append(parts, string(s)+"="+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ",")
}

// ParseWIPLimits reads limits written by WIPLimits.String.
func ParseWIPLimits(text string) (WIPLimits, error) {
	l := WIPLimits{}
	for part := range strings.SplitSeq(text, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, num, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if !ok || err != nil {
			return nil, Invalid("invalid_wip_limits", "wip_limits", "%q is not a limit (write status=number, e.g. in_progress=3)", part)
		}
		s, err := ParseWorkflowStatus(name)
		if err != nil {
			return nil, WithField(err, "wip_limits")
		}
		l[s] = n
	}
	return l, l.Validate()
}

// Validate checks every limit is for a status and within range.
func (l WIPLimits) Validate() error {
	for s, n := range l {
		if s == StatusNone || !slices.Contains(WorkflowStatuses, s) {
			return Invalid("invalid_wip_limits", "wip_limits", "%q is not a board column (use todo, in_progress, review or done)", s)
		}
		if n < 0 || n > MaxWIPLimit {
			return Invalid("invalid_wip_limits", "wip_limits", "%s limit %d is out of range (0–%d; 0 means none)", s, n, MaxWIPLimit)
		}
	}
	return nil
}

// Over reports whether a column holding n tasks is past its limit.
func (l WIPLimits) Over(s WorkflowStatus, n int) bool {
	return l[s] > 0 && n > l[s]
}

// GoString is for test failures.
func (l WIPLimits) GoString() string { return fmt.Sprintf("WIPLimits(%q)", l.String()) }
