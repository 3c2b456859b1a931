package backup

import (
	"errors"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Conversions between the domain types and their mirrors in format.go.
// Every field of a domain struct is either carried here or named, with
// the reason, in mirror_test.go's notCarried.

// names turns a project's database IDs into the references a backup
// uses, while writing.
type names struct {
	calendar map[int64]string // calendar ID → name
	task     map[int64]int64  // task ID → UID
	resource map[int64]int64  // resource ID → UID
}

// errMoved says that a row refers to one that was not read with it: the
// database changed while the backup read it (PostgreSQL reads each list
// in its own snapshot), so Write reads again.
var errMoved = errors.New("the database changed while it was read")

func (n *names) calendarName(id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	name, ok := n.calendar[id]
	if !ok {
		return "", fmt.Errorf("calendar %d: %w", id, errMoved)
	}
	return name, nil
}

func (n *names) taskUID(id int64) (int64, error) {
	if id == 0 {
		return 0, nil
	}
	uid, ok := n.task[id]
	if !ok {
		return 0, fmt.Errorf("task %d: %w", id, errMoved)
	}
	return uid, nil
}

func (n *names) resourceUID(id int64) (int64, error) {
	uid, ok := n.resource[id]
	if !ok {
		return 0, fmt.Errorf("resource %d: %w", id, errMoved)
	}
	return uid, nil
}

// refs turns a backup's references into IDs while restoring: plan-local
// IDs while checking a backup, database IDs while writing it.
type refs struct {
	calendar map[string]int64 // name → ID
	task     map[int64]int64  // UID → ID
	resource map[int64]int64  // UID → ID
	user     map[string]int64 // e-mail → ID
}

func (r *refs) calendarID(field, name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	id, ok := r.calendar[name]
	if !ok {
		return 0, domain.Invalid("unknown_calendar", field, "there is no calendar %q in this project", name)
	}
	return id, nil
}

func (r *refs) taskID(field string, uid int64, optional bool) (int64, error) {
	if uid == 0 && optional {
		return 0, nil
	}
	id, ok := r.task[uid]
	if !ok {
		return 0, domain.Invalid("unknown_task", field, "there is no task with uid %d in this project", uid)
	}
	return id, nil
}

func (r *refs) userID(field, email string) (int64, error) {
	id, ok := r.user[email]
	if !ok {
		return 0, domain.Invalid("unknown_user", field, "there is no user %q in the backup", email)
	}
	return id, nil
}

func (r *refs) resourceID(field string, uid int64) (int64, error) {
	id, ok := r.resource[uid]
	if !ok {
		return 0, domain.Invalid("unknown_resource", field, "there is no resource with uid %d in this project", uid)
	}
	return id, nil
}

// Times.

func formatWall(t time.Time) string { return domain.FormatDateTime(t) }

func formatInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseWall reads a project-local time; "" is the zero time.
func parseWall(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(domain.DateTimeLayout, s)
	if err != nil {
		return time.Time{}, domain.Invalid("invalid_time", field, "%q is not a local time (YYYY-MM-DDTHH:MM:SS)", s)
	}
	return t, nil
}

// parseInstant reads an RFC 3339 instant; "" is the zero time.
func parseInstant(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, domain.Invalid("invalid_time", field, "%q is not an RFC 3339 time (e.g. 2027-01-04T09:30:00Z)", s)
	}
	return t.UTC(), nil
}

// timeFields parses several times, stopping at the first error.
type timeFields struct{ err error }

func (p *timeFields) wall(field, s string) time.Time {
	if p.err != nil {
		return time.Time{}
	}
	t, err := parseWall(field, s)
	p.err = err
	return t
}

func (p *timeFields) instant(field, s string) time.Time {
	if p.err != nil {
		return time.Time{}
	}
	t, err := parseInstant(field, s)
	p.err = err
	return t
}

// Users.

func userToMirror(u domain.User) User {
	return User{Email: u.Email, Name: u.Name, TimeZone: u.TimeZone, PasswordHash: u.PasswordHash, SiteAdmin: u.SiteAdmin,
		Disabled: u.Disabled, Version: u.Version, CreatedAt: formatInstant(u.CreatedAt), UpdatedAt: formatInstant(u.UpdatedAt)}
}

func userFromMirror(m User) (domain.User, error) {
	var p timeFields
	u := domain.User{Email: m.Email, Name: m.Name, TimeZone: m.TimeZone, PasswordHash: m.PasswordHash, SiteAdmin: m.SiteAdmin,
		Disabled: m.Disabled, Version: m.Version, CreatedAt: p.instant("created_at", m.CreatedAt),
		UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	return u, p.err
}

// Projects.

func projectToMirror(p domain.Project, n *names) (ProjectFields, error) {
	cal, err := n.calendarName(p.CalendarID)
	return ProjectFields{Key: p.Key, Name: p.Name, Description: p.Description, Type: string(p.Type), Method: string(p.Method),
		Sponsor: p.Sponsor, Manager: p.Manager, Client: p.Client, Start: formatWall(p.Start), StatusDate: formatWall(p.StatusDate),
		TimeZone: p.TimeZone, Calendar: cal, Currency: p.Currency, Budget: p.Budget, Phase: p.Phase,
		Units:     Units{MinutesPerDay: p.Units.MinutesPerDay, MinutesPerWeek: p.Units.MinutesPerWeek, DaysPerMonth: p.Units.DaysPerMonth},
		WIPLimits: wipToMirror(p.WIPLimits),
		Version:   p.Version, CreatedAt: formatInstant(p.CreatedAt), UpdatedAt: formatInstant(p.UpdatedAt)}, err
}

func wipToMirror(l domain.WIPLimits) map[string]int {
	if len(l) == 0 {
		return nil
	}
	out := make(map[string]int, len(l))
	for status, n := range l {
		out[string(status)] = n
	}
	return out
}

func wipFromMirror(m map[string]int) domain.WIPLimits {
	if len(m) == 0 {
		return nil
	}
	out := make(domain.WIPLimits, len(m))
	for status, n := range m {
		out[domain.WorkflowStatus(status)] = n
	}
	return out
}

func projectFromMirror(m ProjectFields, r *refs) (domain.Project, error) {
	var p timeFields
	out := domain.Project{Key: m.Key, Name: m.Name, Description: m.Description, Type: domain.ProjectType(m.Type),
		Method: domain.Method(m.Method), Sponsor: m.Sponsor, Manager: m.Manager, Client: m.Client,
		Start: p.wall("start", m.Start), StatusDate: p.wall("status_date", m.StatusDate), TimeZone: m.TimeZone,
		Currency: m.Currency, Budget: m.Budget, Phase: m.Phase,
		Units:     domain.Units{MinutesPerDay: m.Units.MinutesPerDay, MinutesPerWeek: m.Units.MinutesPerWeek, DaysPerMonth: m.Units.DaysPerMonth},
		WIPLimits: wipFromMirror(m.WIPLimits),
		Version:   m.Version, CreatedAt: p.instant("created_at", m.CreatedAt), UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	if p.err != nil {
		return out, p.err
	}
	var err error
	out.CalendarID, err = r.calendarID("calendar", m.Calendar)
	return out, err
}

// Calendars.

func calendarToMirror(c domain.Calendar, n *names) (Calendar, error) {
	base, err := n.calendarName(c.BaseID)
	out := Calendar{Name: c.Name, Base: base, Version: c.Version}
	days := out.Week.days()
	for d, ivs := range c.Week {
		if ivs != nil {
			s := intervalsToMirror(ivs)
			if s == nil {
				s = []string{}
			}
			*days[d] = &s
		}
	}
	for _, ex := range c.Exceptions {
		out.Exceptions = append(out.Exceptions, Exception{Name: ex.Name, From: formatWall(ex.From), To: formatWall(ex.To),
			Working: intervalsToMirror(ex.Working)})
	}
	return out, err
}

func calendarFromMirror(m Calendar, r *refs) (domain.Calendar, error) {
	out := domain.Calendar{Name: m.Name, Version: m.Version}
	for d, day := range m.Week.days() {
		if *day == nil {
			continue
		}
		ivs, err := intervalsFromMirror("week."+weekdays[d], **day)
		if err != nil {
			return out, err
		}
		if ivs == nil {
			ivs = []domain.Interval{}
		}
		out.Week[d] = ivs
	}
	for i, ex := range m.Exceptions {
		f := fmt.Sprintf("exceptions[%d]", i)
		var p timeFields
		e := domain.Exception{Name: ex.Name, From: p.wall(f+".from", ex.From), To: p.wall(f+".to", ex.To)}
		if p.err != nil {
			return out, p.err
		}
		var err error
		if e.Working, err = intervalsFromMirror(f+".working", ex.Working); err != nil {
			return out, err
		}
		out.Exceptions = append(out.Exceptions, e)
	}
	var err error
	out.BaseID, err = r.calendarID("base", m.Base)
	return out, err
}

// weekdays are the keys of Week, Sunday first as in time.Weekday.
var weekdays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// days returns w's fields in time.Weekday order.
func (w *Week) days() [7]**[]string {
	return [7]**[]string{&w.Sun, &w.Mon, &w.Tue, &w.Wed, &w.Thu, &w.Fri, &w.Sat}
}

func intervalsToMirror(ivs []domain.Interval) []string {
	var out []string
	for _, iv := range ivs {
		out = append(out, iv.String())
	}
	return out
}

func intervalsFromMirror(field string, ss []string) ([]domain.Interval, error) {
	var out []domain.Interval
	for i, s := range ss {
		iv, err := domain.ParseInterval(s)
		if err != nil {
			return nil, domain.WithField(err, fmt.Sprintf("%s[%d]", field, i))
		}
		out = append(out, iv)
	}
	return out, nil
}

// Tasks and links.

func taskToMirror(t domain.Task, n *names) (Task, error) {
	parent, err1 := n.taskUID(t.Parent)
	cal, err2 := n.calendarName(t.CalendarID)
	return Task{UID: t.UID, Ref: t.Ref, Parent: parent, Position: t.Position, Name: t.Name, Kind: string(t.Kind),
		Mode: string(t.Mode), Duration: Duration{Minutes: t.Duration.Minutes, Elapsed: t.Duration.Elapsed}, Work: t.Work,
		Constraint: string(t.Constraint), ConstraintDate: formatWall(t.ConstraintDate), Deadline: formatWall(t.Deadline),
		Start: formatWall(t.Start), Finish: formatWall(t.Finish), Priority: t.Priority, PercentComplete: t.PercentComplete,
		Status: string(t.Status), ActualStart: formatWall(t.ActualStart), ActualFinish: formatWall(t.ActualFinish), Calendar: cal,
		FixedCost: t.FixedCost, FixedCostAccrual: string(t.FixedCostAccrual), Notes: t.Notes, RemainingWork: remainingToMirror(t.RemainingWork),
		Version: t.Version, CreatedAt: formatInstant(t.CreatedAt), UpdatedAt: formatInstant(t.UpdatedAt)}, errors.Join(err1, err2)
}

func remainingToMirror(r domain.RemainingWork) *int64 {
	if !r.Set {
		return nil
	}
	return &r.Minutes
}

func remainingFromMirror(m *int64) domain.RemainingWork {
	if m == nil {
		return domain.RemainingWork{}
	}
	return domain.RemainingWork{Minutes: *m, Set: true}
}

func taskFromMirror(m Task, r *refs) (domain.Task, error) {
	var p timeFields
	t := domain.Task{UID: m.UID, Ref: m.Ref, Position: m.Position, Name: m.Name, Kind: domain.TaskKind(m.Kind),
		Mode: domain.SchedulingMode(m.Mode), Duration: domain.Duration{Minutes: m.Duration.Minutes, Elapsed: m.Duration.Elapsed},
		Work: m.Work, Constraint: domain.ConstraintType(m.Constraint), ConstraintDate: p.wall("constraint_date", m.ConstraintDate),
		Deadline: p.wall("deadline", m.Deadline), Start: p.wall("start", m.Start), Finish: p.wall("finish", m.Finish),
		Priority: m.Priority, PercentComplete: m.PercentComplete, Status: domain.WorkflowStatus(m.Status), ActualStart: p.wall("actual_start", m.ActualStart),
		ActualFinish: p.wall("actual_finish", m.ActualFinish), FixedCost: m.FixedCost,
		FixedCostAccrual: domain.Accrual(m.FixedCostAccrual), Notes: m.Notes, RemainingWork: remainingFromMirror(m.RemainingWork),
		Version:   m.Version,
		CreatedAt: p.instant("created_at", m.CreatedAt), UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	if p.err != nil {
		return t, p.err
	}
	var err error
	if t.Parent, err = r.taskID("parent", m.Parent, true); err != nil {
		return t, err
	}
	t.CalendarID, err = r.calendarID("calendar", m.Calendar)
	return t, err
}

func dependencyToMirror(d domain.Dependency, n *names) (Dependency, error) {
	pred, err1 := n.taskUID(d.Predecessor)
	succ, err2 := n.taskUID(d.Successor)
	return Dependency{Predecessor: pred, Successor: succ, Type: string(d.Type),
		Lag:     Lag{Minutes: d.Lag.Minutes, Elapsed: d.Lag.Elapsed, Percent: d.Lag.Percent, IsPercent: d.Lag.IsPercent},
		Version: d.Version}, errors.Join(err1, err2)
}

func dependencyFromMirror(m Dependency, r *refs) (domain.Dependency, error) {
	d := domain.Dependency{Type: domain.DependencyType(m.Type), Version: m.Version,
		Lag: domain.Lag{Minutes: m.Lag.Minutes, Elapsed: m.Lag.Elapsed, Percent: m.Lag.Percent, IsPercent: m.Lag.IsPercent}}
	var err error
	if d.Predecessor, err = r.taskID("predecessor", m.Predecessor, false); err != nil {
		return d, err
	}
	d.Successor, err = r.taskID("successor", m.Successor, false)
	return d, err
}

// Resources and assignments.

func resourceToMirror(res domain.Resource, n *names) (Resource, error) {
	cal, err := n.calendarName(res.CalendarID)
	out := Resource{UID: res.UID, Ref: res.Ref, Name: res.Name, Kind: string(res.Kind), Email: res.Email, Group: res.Group,
		MaxUnits: res.MaxUnits, Calendar: cal, StandardRate: res.StandardRate, OvertimeRate: res.OvertimeRate,
		CostPerUse: res.CostPerUse, Accrual: string(res.Accrual), Version: res.Version}
	for _, a := range res.Availability {
		out.Availability = append(out.Availability, Availability{From: formatWall(a.From), To: formatWall(a.To), Units: a.Units})
	}
	return out, err
}

func resourceFromMirror(m Resource, r *refs) (domain.Resource, error) {
	res := domain.Resource{UID: m.UID, Ref: m.Ref, Name: m.Name, Kind: domain.ResourceKind(m.Kind), Email: m.Email,
		Group: m.Group, MaxUnits: m.MaxUnits, StandardRate: m.StandardRate, OvertimeRate: m.OvertimeRate,
		CostPerUse: m.CostPerUse, Accrual: domain.Accrual(m.Accrual), Version: m.Version}
	for i, a := range m.Availability {
		var p timeFields
		f := fmt.Sprintf("availability[%d]", i)
		res.Availability = append(res.Availability, domain.Availability{From: p.wall(f+".from", a.From), To: p.wall(f+".to", a.To), Units: a.Units})
		if p.err != nil {
			return res, p.err
		}
	}
	var err error
	res.CalendarID, err = r.calendarID("calendar", m.Calendar)
	return res, err
}

func rateChangeToMirror(c domain.RateChange, n *names) (RateChange, error) {
	res, err := n.resourceUID(c.Resource)
	return RateChange{Resource: res, From: formatWall(c.From), StandardRate: c.StandardRate, OvertimeRate: c.OvertimeRate,
		CostPerUse: c.CostPerUse}, err
}

func rateChangeFromMirror(m RateChange, r *refs) (domain.RateChange, error) {
	from, err := parseWall("from", m.From)
	c := domain.RateChange{From: from, StandardRate: m.StandardRate, OvertimeRate: m.OvertimeRate, CostPerUse: m.CostPerUse}
	if err != nil {
		return c, err
	}
	c.Resource, err = r.resourceID("resource", m.Resource)
	return c, err
}

func assignmentToMirror(a domain.Assignment, n *names) (Assignment, error) {
	task, err1 := n.taskUID(a.Task)
	res, err2 := n.resourceUID(a.Resource)
	return Assignment{Task: task, Resource: res, Units: a.Units, Work: a.Work, OvertimeWork: a.OvertimeWork, Cost: a.Cost,
		Contour: string(a.Contour), Version: a.Version}, errors.Join(err1, err2)
}

func assignmentFromMirror(m Assignment, r *refs) (domain.Assignment, error) {
	a := domain.Assignment{Units: m.Units, Work: m.Work, OvertimeWork: m.OvertimeWork, Cost: m.Cost,
		Contour: domain.Contour(m.Contour), Version: m.Version}
	var err error
	if a.Task, err = r.taskID("task", m.Task, false); err != nil {
		return a, err
	}
	a.Resource, err = r.resourceID("resource", m.Resource)
	return a, err
}

// Time, expenses and budgets.

func timeEntryToMirror(e domain.TimeEntry, n *names) (TimeEntry, error) {
	task, err := n.taskUID(e.Task)
	return TimeEntry{Task: task, Email: e.Email, Date: formatWall(e.Date), Minutes: e.Minutes, Note: e.Note,
		Status: string(e.Status), Reviewer: e.ReviewerEmail, ReviewComment: e.ReviewComment,
		ReviewedAt: formatInstant(e.ReviewedAt), Version: e.Version, CreatedAt: formatInstant(e.CreatedAt),
		UpdatedAt: formatInstant(e.UpdatedAt)}, err
}

func timeEntryFromMirror(m TimeEntry, r *refs) (domain.TimeEntry, error) {
	var p timeFields
	e := domain.TimeEntry{Email: m.Email, Date: p.wall("date", m.Date), Minutes: m.Minutes, Note: m.Note,
		Status: domain.TimeStatus(m.Status), ReviewerEmail: m.Reviewer, ReviewComment: m.ReviewComment,
		ReviewedAt: p.instant("reviewed_at", m.ReviewedAt), Version: m.Version, CreatedAt: p.instant("created_at", m.CreatedAt),
		UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	if p.err != nil {
		return e, p.err
	}
	var err error
	if e.Task, err = r.taskID("task", m.Task, false); err != nil {
		return e, err
	}
	if e.User, err = r.userID("email", m.Email); err != nil {
		return e, err
	}
	if m.Reviewer != "" {
		e.Reviewer, err = r.userID("reviewer", m.Reviewer)
	}
	return e, err
}

func expenseToMirror(e domain.Expense, n *names) (Expense, error) {
	task, err := n.taskUID(e.Task)
	return Expense{Task: task, Date: formatWall(e.Date), Amount: e.Amount, Description: e.Description, Supplier: e.Supplier,
		Reference: e.Reference, CreatedBy: e.CreatedBy, Version: e.Version, CreatedAt: formatInstant(e.CreatedAt),
		UpdatedAt: formatInstant(e.UpdatedAt)}, err
}

func expenseFromMirror(m Expense, r *refs) (domain.Expense, error) {
	var p timeFields
	e := domain.Expense{Date: p.wall("date", m.Date), Amount: m.Amount, Description: m.Description, Supplier: m.Supplier,
		Reference: m.Reference, CreatedBy: m.CreatedBy, Version: m.Version, CreatedAt: p.instant("created_at", m.CreatedAt),
		UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	if p.err != nil {
		return e, p.err
	}
	var err error
	e.Task, err = r.taskID("task", m.Task, false)
	return e, err
}

func taskBudgetToMirror(b domain.TaskBudget, n *names) (TaskBudget, error) {
	task, err := n.taskUID(b.Task)
	return TaskBudget{Task: task, Amount: b.Amount, Version: b.Version}, err
}

func taskBudgetFromMirror(m TaskBudget, r *refs) (domain.TaskBudget, error) {
	b := domain.TaskBudget{Amount: m.Amount, Version: m.Version}
	var err error
	b.Task, err = r.taskID("task", m.Task, false)
	return b, err
}

// Status reports.

func reportToMirror(r domain.StatusReport, _ *names) (Report, error) {
	out := Report{PeriodStart: formatWall(r.PeriodStart), PeriodEnd: formatWall(r.PeriodEnd), Baseline: r.Baseline,
		Status: string(r.Status), Drafted: r.Drafted, Content: r.Content, CreatedBy: r.CreatedBy,
		CreatedAt: formatInstant(r.CreatedAt), PublishedBy: r.PublishedBy, PublishedAt: formatInstant(r.PublishedAt), Version: r.Version}
	for _, o := range r.Overrides {
		out.Overrides = append(out.Overrides, RAGOverride{Area: o.Area, Level: o.Level, Justification: o.Justification})
	}
	return out, nil
}

func reportFromMirror(m Report, _ *refs) (domain.StatusReport, error) {
	var p timeFields
	r := domain.StatusReport{PeriodStart: p.wall("period_start", m.PeriodStart), PeriodEnd: p.wall("period_end", m.PeriodEnd),
		Baseline: m.Baseline, Status: domain.ReportStatus(m.Status), Drafted: m.Drafted, Content: m.Content,
		CreatedBy: m.CreatedBy, CreatedAt: p.instant("created_at", m.CreatedAt), PublishedBy: m.PublishedBy,
		PublishedAt: p.instant("published_at", m.PublishedAt), Version: m.Version}
	for _, o := range m.Overrides {
		r.Overrides = append(r.Overrides, domain.RAGOverride{Area: o.Area, Level: o.Level, Justification: o.Justification})
	}
	return r, p.err
}

// Baselines and members.

func baselineToMirror(b domain.Baseline, n *names) (Baseline, error) {
	task, err := n.taskUID(b.Task)
	return Baseline{Number: b.Number, Task: task, Start: formatWall(b.Start), Finish: formatWall(b.Finish),
		Duration: b.Duration, Work: b.Work, Cost: b.Cost}, err
}

func baselineFromMirror(m Baseline, r *refs) (domain.Baseline, error) {
	var p timeFields
	b := domain.Baseline{Number: m.Number, Start: p.wall("start", m.Start), Finish: p.wall("finish", m.Finish),
		Duration: m.Duration, Work: m.Work, Cost: m.Cost}
	if p.err != nil {
		return b, p.err
	}
	var err error
	b.Task, err = r.taskID("task", m.Task, false)
	return b, err
}

func memberToMirror(m domain.Membership) Member {
	return Member{Email: m.Email, Role: string(m.Role), Version: m.Version, CreatedAt: formatInstant(m.CreatedAt)}
}

func memberFromMirror(m Member, r *refs) (domain.Membership, error) {
	created, err := parseInstant("created_at", m.CreatedAt)
	out := domain.Membership{Email: m.Email, Role: domain.Role(m.Role), Version: m.Version, CreatedAt: created}
	if err != nil {
		return out, err
	}
	id, ok := r.user[m.Email]
	if !ok {
		return out, domain.Invalid("unknown_user", "email", "there is no user %q in the backup", m.Email)
	}
	out.UserID = id
	return out, nil
}
