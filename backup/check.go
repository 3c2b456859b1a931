package backup

import (
	"fmt"
	"slices"

	"github.com/cairnpm/cairn/domain"
)

// checked is a backup that has passed every check Restore makes before
// it writes: domain values whose IDs are plan-local (index + 1), and
// audit events whose references all resolve.
type checked struct {
	users    []domain.User
	projects []checkedProject
	audit    []Event // the events of no project
}

// checkedProject is one project of a checked backup.
type checkedProject struct {
	plan        domain.Plan
	reports     []domain.StatusReport
	timeEntries []domain.TimeEntry // User, Reviewer: the users' index + 1
	expenses    []domain.Expense
	taskBudgets []domain.TaskBudget
	riskMatrix  domain.RiskMatrix
	risks       []domain.Risk
	estimates   []domain.TaskEstimate
	groups      []domain.CorrelationGroup
	members     []domain.Membership // UserID: the user's index + 1
	audit       []Event
}

// check checks f as a whole: each object, uniqueness, and that every
// reference names something in the backup. Errors name the JSON path.
func check(f *File) (*checked, error) {
	c := &checked{audit: f.Audit}
	users := map[string]int64{}
	for i, m := range f.Users {
		path := fmt.Sprintf("users[%d]", i)
		u, err := userFromMirror(m)
		if err == nil {
			err = u.Validate()
		}
		if err == nil && domain.NormalizeEmail(u.Email) != u.Email {
			err = domain.Invalid("invalid_email", "email", "%q: write e-mail addresses trimmed and in lower case", u.Email)
		}
		if err == nil && users[u.Email] != 0 {
			err = domain.Invalid("duplicate_email", "email", "%q is already users[%d]", u.Email, users[u.Email]-1)
		}
		if err != nil {
			return nil, domain.WithField(err, path)
		}
		u.Version = max(u.Version, 1)
		users[u.Email] = int64(i + 1)
		c.users = append(c.users, u)
	}
	projects := map[string]int64{}
	for i, bp := range f.Projects {
		path := fmt.Sprintf("projects[%d]", i)
		if j := projects[bp.Project.Key]; j != 0 {
			return nil, invalid(path+".project.key", "project %q is already projects[%d]", bp.Project.Key, j-1)
		}
		projects[bp.Project.Key] = int64(i + 1)
		cp, err := checkProject(bp, users)
		if err != nil {
			return nil, domain.WithField(err, path)
		}
		c.projects = append(c.projects, cp)
	}
	for i, cp := range c.projects {
		if err := checkAudit("audit", cp.audit, localAuditRefs(cp, projects, users)); err != nil {
			return nil, domain.WithField(err, fmt.Sprintf("projects[%d]", i))
		}
	}
	if err := checkAudit("audit", c.audit, &auditRefs{project: projects, user: users}); err != nil {
		return nil, err
	}
	return c, nil
}

// checkProject checks one project and gives its objects plan-local IDs.
func checkProject(bp Project, users map[string]int64) (checkedProject, error) {
	cp := checkedProject{audit: bp.Audit}
	r := &refs{calendar: map[string]int64{}, task: map[int64]int64{}, resource: map[int64]int64{}, user: users}
	for i, c := range bp.Calendars {
		if r.calendar[c.Name] != 0 {
			return cp, invalid(fmt.Sprintf("calendars[%d].name", i), "calendar %q is named twice", c.Name)
		}
		r.calendar[c.Name] = int64(i + 1)
	}
	for i, t := range bp.Tasks {
		if t.UID < 1 || r.task[t.UID] != 0 {
			return cp, invalid(fmt.Sprintf("tasks[%d].uid", i), "uid %d is not a positive number used by one task only", t.UID)
		}
		r.task[t.UID] = int64(i + 1)
	}
	for i, res := range bp.Resources {
		if res.UID < 1 || r.resource[res.UID] != 0 {
			return cp, invalid(fmt.Sprintf("resources[%d].uid", i), "uid %d is not a positive number used by one resource only", res.UID)
		}
		r.resource[res.UID] = int64(i + 1)
	}
	p := &cp.plan
	var err error
	if p.Project, err = projectFromMirror(bp.Project, r); err != nil {
		return cp, domain.WithField(err, "project")
	}
	p.Project.Version = max(p.Project.Version, 1)
	if err := fromMirrors("calendars", bp.Calendars, r, calendarFromMirror, &p.Calendars, func(c *domain.Calendar, id int64) {
		c.ID, c.Version = id, max(c.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("tasks", bp.Tasks, r, taskFromMirror, &p.Tasks, func(t *domain.Task, id int64) {
		t.ID, t.Version = id, max(t.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("dependencies", bp.Dependencies, r, dependencyFromMirror, &p.Dependencies, func(d *domain.Dependency, id int64) {
		d.ID, d.Version = id, max(d.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("resources", bp.Resources, r, resourceFromMirror, &p.Resources, func(res *domain.Resource, id int64) {
		res.ID, res.Version = id, max(res.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("assignments", bp.Assignments, r, assignmentFromMirror, &p.Assignments, func(a *domain.Assignment, id int64) {
		a.ID, a.Version = id, max(a.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("baselines", bp.Baselines, r, baselineFromMirror, &p.Baselines, func(*domain.Baseline, int64) {}); err != nil {
		return cp, err
	}
	if err := fromMirrors("rate_changes", bp.RateChanges, r, rateChangeFromMirror, &p.RateChanges, func(*domain.RateChange, int64) {}); err != nil {
		return cp, err
	}
	if err := fromMirrors("reports", bp.Reports, r, reportFromMirror, &cp.reports, func(rep *domain.StatusReport, id int64) {
		rep.ID, rep.Version = id, max(rep.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("time_entries", bp.TimeEntries, r, timeEntryFromMirror, &cp.timeEntries, func(e *domain.TimeEntry, id int64) {
		e.ID, e.Version = id, max(e.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("expenses", bp.Expenses, r, expenseFromMirror, &cp.expenses, func(e *domain.Expense, id int64) {
		e.ID, e.Version = id, max(e.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("task_budgets", bp.TaskBudgets, r, taskBudgetFromMirror, &cp.taskBudgets, func(b *domain.TaskBudget, _ int64) {
		b.Version = max(b.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("members", bp.Members, r, memberFromMirror, &cp.members, func(m *domain.Membership, id int64) {
		m.ID, m.Version = id, max(m.Version, 1)
	}); err != nil {
		return cp, err
	}
	if cp.riskMatrix, err = riskMatrixFromMirror(bp.RiskMatrix); err != nil {
		return cp, domain.WithField(err, "risk_matrix")
	}
	if err := fromMirrors("risks", bp.Risks, r, riskFromMirror, &cp.risks, func(k *domain.Risk, id int64) {
		k.ID, k.Version = id, max(k.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := fromMirrors("estimates", bp.Estimates, r, estimateFromMirror, &cp.estimates, func(*domain.TaskEstimate, int64) {}); err != nil {
		return cp, err
	}
	if err := fromMirrors("correlation_groups", bp.CorrelationGroups, r, groupFromMirror, &cp.groups, func(g *domain.CorrelationGroup, id int64) {
		g.ID, g.Version = id, max(g.Version, 1)
	}); err != nil {
		return cp, err
	}
	if err := checkRows(cp); err != nil {
		return cp, err
	}
	// Plan.Check normalises what it checks; give it a copy, so that the
	// restore writes exactly what the backup holds.
	copied := domain.Plan{Project: p.Project, Calendars: slices.Clone(p.Calendars), Tasks: slices.Clone(p.Tasks),
		Dependencies: slices.Clone(p.Dependencies), Resources: slices.Clone(p.Resources),
		Assignments: slices.Clone(p.Assignments), Baselines: slices.Clone(p.Baselines), RateChanges: slices.Clone(p.RateChanges)}
	if _, err := copied.Check(); err != nil {
		return cp, err
	}
	return cp, nil
}

// fromMirrors converts a list of mirrors, naming the index on an error,
// and lets set give each value its plan-local ID (index + 1).
func fromMirrors[M, D any](path string, in []M, r *refs, from func(M, *refs) (D, error), out *[]D, set func(*D, int64)) error {
	for i, m := range in {
		v, err := from(m, r)
		if err != nil {
			return domain.WithField(err, fmt.Sprintf("%s[%d]", path, i))
		}
		set(&v, int64(i+1))
		*out = append(*out, v)
	}
	return nil
}

// checkRows checks what the database would refuse and Plan.Check does
// not: calendar bases in a circle, duplicate assignments, baseline rows
// and members, and status reports.
func checkRows(cp checkedProject) error {
	p := &cp.plan
	for i, c := range p.Calendars {
		seen := map[int64]bool{c.ID: true}
		for base := c.BaseID; base != 0; base = p.Calendars[base-1].BaseID {
			if seen[base] {
				return invalid(fmt.Sprintf("calendars[%d].base", i), "the bases of calendar %q go round in a circle", c.Name)
			}
			seen[base] = true
		}
	}
	assigned := map[[2]int64]bool{}
	for i, a := range p.Assignments {
		if assigned[[2]int64{a.Task, a.Resource}] {
			return invalid(fmt.Sprintf("assignments[%d]", i), "the resource is already assigned to this task")
		}
		assigned[[2]int64{a.Task, a.Resource}] = true
	}
	rows := map[[2]int64]bool{}
	for i, b := range p.Baselines {
		if rows[[2]int64{int64(b.Number), b.Task}] {
			return invalid(fmt.Sprintf("baselines[%d]", i), "baseline %d has two rows for this task", b.Number)
		}
		rows[[2]int64{int64(b.Number), b.Task}] = true
	}
	for i, rep := range cp.reports {
		if err := rep.Validate(); err != nil {
			return domain.WithField(err, fmt.Sprintf("reports[%d]", i))
		}
		if rep.Status != domain.ReportDraft && rep.Status != domain.ReportPublished {
			return invalid(fmt.Sprintf("reports[%d].status", i), "%q is not a report status (draft or published)", rep.Status)
		}
	}
	if err := checkCosts(cp); err != nil {
		return err
	}
	if err := checkRisks(cp); err != nil {
		return err
	}
	members := map[int64]bool{}
	for i, m := range cp.members {
		if role, err := domain.ParseRole(string(m.Role)); err != nil || role != m.Role {
			return invalid(fmt.Sprintf("members[%d].role", i), "%q is not owner, manager, member or viewer", m.Role)
		}
		if members[m.UserID] {
			return invalid(fmt.Sprintf("members[%d].email", i), "%s is a member twice", m.Email)
		}
		members[m.UserID] = true
	}
	return nil
}

// checkCosts checks time entries, expenses and budgets as the store
// would: one entry per user, task and day, one budget per task.
func checkCosts(cp checkedProject) error {
	logged := map[[3]int64]bool{}
	for i, e := range cp.timeEntries {
		if err := e.Validate(); err != nil {
			return domain.WithField(err, fmt.Sprintf("time_entries[%d]", i))
		}
		k := [3]int64{e.User, e.Task, e.Date.Unix()}
		if logged[k] {
			return invalid(fmt.Sprintf("time_entries[%d]", i), "%s logged time on this task on %s twice", e.Email, domain.FormatDate(e.Date))
		}
		logged[k] = true
	}
	for i, e := range cp.expenses {
		if err := e.Validate(); err != nil {
			return domain.WithField(err, fmt.Sprintf("expenses[%d]", i))
		}
	}
	budgets := map[int64]bool{}
	for i, b := range cp.taskBudgets {
		if b.Amount < 0 {
			return invalid(fmt.Sprintf("task_budgets[%d].amount", i), "a budget cannot be negative")
		}
		if budgets[b.Task] {
			return invalid(fmt.Sprintf("task_budgets[%d].task", i), "the task has two budgets")
		}
		budgets[b.Task] = true
	}
	return nil
}

// localAuditRefs resolves a checked project's audit references to its
// plan-local IDs.
func localAuditRefs(cp checkedProject, projects, users map[string]int64) *auditRefs {
	r := &auditRefs{project: projects, user: users, task: map[int64]int64{}, calendar: map[string]int64{},
		dependency: map[string]int64{}, member: map[string]int64{}, report: map[int64]int64{}, entry: map[int64]int64{},
		expense: map[int64]int64{}, risk: map[int64]int64{}, group: map[int64]int64{}}
	for _, k := range cp.risks {
		r.risk[k.Number] = k.ID
	}
	for i, g := range cp.groups {
		r.group[int64(i+1)] = g.ID
	}
	uid := map[int64]int64{}
	for _, t := range cp.plan.Tasks {
		r.task[t.UID], uid[t.ID] = t.ID, t.UID
	}
	for _, c := range cp.plan.Calendars {
		r.calendar[c.Name] = c.ID
	}
	for _, d := range cp.plan.Dependencies {
		r.dependency[linkKey(uid[d.Predecessor], uid[d.Successor])] = d.ID
	}
	for _, m := range cp.members {
		r.member[m.Email] = m.ID
	}
	for i, rep := range cp.reports {
		r.report[int64(i+1)] = rep.ID
	}
	for i, e := range cp.timeEntries {
		r.entry[int64(i+1)] = e.ID
	}
	for i, e := range cp.expenses {
		r.expense[int64(i+1)] = e.ID
	}
	return r
}

// checkAudit resolves every event's references.
func checkAudit(path string, events []Event, r *auditRefs) error {
	for i, e := range events {
		if _, err := eventFromMirror(e, r); err != nil {
			return domain.WithField(err, fmt.Sprintf("%s[%d]", path, i))
		}
	}
	return nil
}
