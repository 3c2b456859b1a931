package domain

import (
	"strconv"
	"time"
)

// Change is one field's old and new value, as text.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AuditEvent records one write: who did what to which entity, when, and
// each field's old and new value. Every write records one, in the same
// transaction.
type AuditEvent struct {
	ID        int64
	ProjectID int64
	Entity    string // "project", "task", "dependency", "baseline", "plan"
	EntityID  int64
	Action    string // "create", "update", "delete", "import", "save"
	Actor     string
	At        time.Time
	Changes   []Change
}

// Fields lists a task's auditable fields as text, in a fixed order.
func (t *Task) Fields(u Units) [][2]string {
	return [][2]string{
		{"name", t.Name}, {"ref", t.Ref}, {"parent", id(t.Parent)}, {"position", strconv.FormatInt(t.Position, 10)},
		{"kind", string(t.Kind)}, {"mode", string(t.Mode)}, {"duration", t.Duration.Format(u)},
		{"work", Duration{Minutes: t.Work}.Format(u)}, {"constraint", string(t.Constraint)},
		{"constraint_date", FormatDateTime(t.ConstraintDate)}, {"deadline", FormatDateTime(t.Deadline)},
		{"start", FormatDateTime(t.Start)}, {"finish", FormatDateTime(t.Finish)},
		{"priority", strconv.Itoa(t.Priority)}, {"percent_complete", strconv.Itoa(t.PercentComplete)},
		{"status", string(t.Status)},
		{"actual_start", FormatDateTime(t.ActualStart)}, {"actual_finish", FormatDateTime(t.ActualFinish)},
		{"calendar", id(t.CalendarID)}, {"notes", t.Notes}, {"remaining_work", t.RemainingWork.Format(u)},
	}
}

// Fields lists a project's auditable fields as text.
func (p *Project) Fields() [][2]string {
	return [][2]string{
		{"key", p.Key}, {"name", p.Name}, {"description", p.Description}, {"type", string(p.Type)},
		{"method", string(p.Method)}, {"sponsor", p.Sponsor}, {"manager", p.Manager}, {"client", p.Client},
		{"start", FormatDate(p.Start)}, {"status_date", FormatDate(p.StatusDate)}, {"time_zone", p.TimeZone},
		{"currency", p.Currency}, {"budget", FormatMoney(p.Budget, p.Currency)}, {"phase", p.Phase},
		{"minutes_per_day", strconv.FormatInt(p.Units.MinutesPerDay, 10)}, {"wip_limits", p.WIPLimits.String()},
	}
}

// Fields lists a dependency's auditable fields as text.
func (d *Dependency) Fields(u Units) [][2]string {
	return [][2]string{
		{"predecessor", id(d.Predecessor)}, {"successor", id(d.Successor)}, {"type", string(d.Type)}, {"lag", d.Lag.Format(u)},
	}
}

// Diff compares two field lists of the same entity and returns the fields
// that changed. A nil old list means a creation, a nil new one a deletion:
// every non-empty field is reported.
func Diff(old, new [][2]string) []Change {
	var out []Change
	switch {
	case old == nil:
		for _, f := range new {
			if f[1] != "" {
				out = append(out, Change{Field: f[0], New: f[1]})
			}
		}
	case new == nil:
		for _, f := range old {
			if f[1] != "" {
				out = append(out, Change{Field: f[0], Old: f[1]})
			}
		}
	default:
		for i := range old {
			if old[i][1] != new[i][1] {
				out = append(out, Change{Field: old[i][0], Old: old[i][1], New: new[i][1]})
			}
		}
	}
	return out
}

func id(v int64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}
