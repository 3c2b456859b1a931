package backup

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Summary counts what a restore wrote.
type Summary struct {
	Users, Projects, Tasks, AuditEvents int
}

// Restore reads a backup from r and writes it into s, in one
// transaction: if anything is wrong, nothing changes. Every row gets a
// new database ID; project keys, task and resource UIDs, versions and
// creation times are kept, and every reference is pointed at the new
// rows.
//
// s must hold no projects and no users, unless force is set. With force
// the restore replaces: every project in s is deleted (with its history)
// and the backup's are written; a user whose e-mail is in the backup
// takes the backup's name, password hash and flags, and other users stay
// as they are. The events of no project are added to those s has,
// leaving out any it already holds.
func Restore(ctx context.Context, s store.Store, r io.Reader, force bool) (Summary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Summary{}, fmt.Errorf("read backup: %w", err)
	}
	f, err := Parse(data)
	if err != nil {
		return Summary{}, err
	}
	c, err := check(f)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	err = s.Update(ctx, func(tx store.Tx) error {
		w := &writer{ctx: ctx, tx: tx}
		sum, err = w.restore(c, force)
		return err
	})
	if err != nil {
		return Summary{}, err
	}
	return sum, nil
}

// writer writes a checked backup inside one transaction.
type writer struct {
	ctx context.Context
	tx  store.Tx
}

func (w *writer) restore(c *checked, force bool) (Summary, error) {
	sum := Summary{Users: len(c.users), Projects: len(c.projects)}
	if err := w.clear(force); err != nil {
		return sum, err
	}
	users, err := w.users(c.users)
	if err != nil {
		return sum, err
	}
	projects := map[string]int64{}
	ids := make([]int64, len(c.projects))
	trails := make([]*auditRefs, len(c.projects))
	for i, cp := range c.projects {
		if ids[i], trails[i], err = w.project(cp, users); err != nil {
			return sum, fmt.Errorf("restore project %s: %w", cp.plan.Project.Key, err)
		}
		trails[i].project, trails[i].user = projects, users
		projects[cp.plan.Project.Key] = ids[i]
		sum.Tasks += len(cp.plan.Tasks)
	}
	for i, cp := range c.projects {
		n, err := w.audit(ids[i], cp.audit, trails[i], nil)
		if err != nil {
			return sum, fmt.Errorf("restore project %s: %w", cp.plan.Project.Key, err)
		}
		sum.AuditEvents += n
	}
	known, err := w.tx.AuditEvents(w.ctx, 0, store.AuditFilter{}, store.Page{})
	if err != nil {
		return sum, err
	}
	n, err := w.audit(0, c.audit, &auditRefs{project: projects, user: users}, known)
	sum.AuditEvents += n
	if err != nil {
		return sum, err
	}
	return sum, verify(w.ctx, w.tx, c)
}

// clear refuses a database with data in it, or with force deletes its
// projects.
func (w *writer) clear(force bool) error {
	projects, err := w.tx.Projects(w.ctx, store.Page{})
	if err != nil {
		return err
	}
	users, err := w.tx.Users(w.ctx, store.Page{})
	if err != nil {
		return err
	}
	if !force {
		if len(projects) > 0 || len(users) > 0 {
			return domain.Conflict("database_not_empty", "", "the database is not empty (%d projects, %d users): restore into a new database, "+
				"or give --force to replace its projects and the backup's users (see docs/decisions/0015-backup-restore.md)", len(projects), len(users))
		}
		return nil
	}
	for _, p := range projects {
		if err := w.tx.DeleteProject(w.ctx, p.ID, 0); err != nil {
			return fmt.Errorf("delete project %s: %w", p.Key, err)
		}
	}
	return nil
}

// users writes the backup's users, updating those whose e-mail exists,
// and returns their IDs by e-mail.
func (w *writer) users(users []domain.User) (map[string]int64, error) {
	ids := make(map[string]int64, len(users))
	for _, u := range users {
		want := u
		old, err := w.tx.UserByEmail(w.ctx, u.Email)
		switch {
		case err == nil:
			u.ID, u.Version = old.ID, old.Version
			err = w.tx.UpdateUser(w.ctx, &u)
		case domain.ErrorKind(err) == domain.KindNotFound:
			err = w.tx.CreateUser(w.ctx, &u)
		}
		if err == nil {
			err = w.tx.Restamp(w.ctx, "user", u.ID, want.Version, want.CreatedAt, want.UpdatedAt)
		}
		if err != nil {
			return nil, fmt.Errorf("restore user %s: %w", u.Email, err)
		}
		ids[u.Email] = u.ID
	}
	return ids, nil
}

// stamp is a row to give back its version and times once written.
type stamp struct {
	entity           string
	id, version      int64
	created, updated time.Time
}

// project writes one project in the order of the backup, so that the
// new IDs keep the old order, and returns its ID and audit references.
func (w *writer) project(cp checkedProject, users map[string]int64) (int64, *auditRefs, error) {
	p, plan := cp.plan.Project, &cp.plan
	var stamps []stamp
	p.ID, p.CalendarID = 0, 0
	if err := w.tx.CreateProject(w.ctx, &p); err != nil {
		return 0, nil, err
	}
	r := &auditRefs{task: map[int64]int64{}, calendar: map[string]int64{}, dependency: map[string]int64{}, member: map[string]int64{},
		report: map[int64]int64{}, entry: map[int64]int64{}, expense: map[int64]int64{}, risk: map[int64]int64{}, group: map[int64]int64{}}
	cals, err := w.calendars(p.ID, plan.Calendars, &stamps)
	if err != nil {
		return 0, nil, err
	}
	if plan.Project.CalendarID != 0 {
		p.CalendarID = cals[plan.Project.CalendarID]
		if err := w.tx.UpdateProject(w.ctx, &p); err != nil {
			return 0, nil, err
		}
	}
	stamps = append(stamps, stamp{"project", p.ID, plan.Project.Version, plan.Project.CreatedAt, plan.Project.UpdatedAt})
	tasks, err := w.tasks(p.ID, plan.Tasks, cals, &stamps)
	if err != nil {
		return 0, nil, err
	}
	uid := map[int64]int64{}
	for _, t := range plan.Tasks {
		r.task[t.UID], uid[t.ID] = tasks[t.ID], t.UID
	}
	for _, c := range plan.Calendars {
		r.calendar[c.Name] = cals[c.ID]
	}
	for _, d := range plan.Dependencies {
		key, version := linkKey(uid[d.Predecessor], uid[d.Successor]), d.Version
		d.ID, d.ProjectID, d.Predecessor, d.Successor = 0, p.ID, tasks[d.Predecessor], tasks[d.Successor]
		if err := w.tx.CreateDependency(w.ctx, &d); err != nil {
			return 0, nil, err
		}
		r.dependency[key] = d.ID
		stamps = appendVersion(stamps, "dependency", d.ID, version)
	}
	resources := map[int64]int64{}
	for _, res := range plan.Resources {
		old, version := res.ID, res.Version
		res.ID, res.ProjectID, res.CalendarID = 0, p.ID, cals[res.CalendarID]
		if err := w.tx.CreateResource(w.ctx, &res); err != nil {
			return 0, nil, err
		}
		resources[old] = res.ID
		stamps = appendVersion(stamps, "resource", res.ID, version)
	}
	for _, a := range plan.Assignments {
		version := a.Version
		a.ID, a.ProjectID, a.Task, a.Resource = 0, p.ID, tasks[a.Task], resources[a.Resource]
		if err := w.tx.CreateAssignment(w.ctx, &a); err != nil {
			return 0, nil, err
		}
		stamps = appendVersion(stamps, "assignment", a.ID, version)
	}
	if err := w.baselines(p.ID, plan.Baselines, tasks); err != nil {
		return 0, nil, err
	}
	if err := w.rateChanges(p.ID, plan.RateChanges, resources); err != nil {
		return 0, nil, err
	}
	for i, rep := range cp.reports {
		version := rep.Version
		rep.ID, rep.ProjectID = 0, p.ID
		if err := w.tx.CreateReport(w.ctx, &rep); err != nil {
			return 0, nil, err
		}
		r.report[int64(i+1)] = rep.ID
		stamps = appendVersion(stamps, "report", rep.ID, version)
	}
	if err := w.costs(p.ID, cp, tasks, users, r, &stamps); err != nil {
		return 0, nil, err
	}
	if err := w.risks(p.ID, cp, tasks, r, &stamps); err != nil {
		return 0, nil, err
	}
	for _, m := range cp.members {
		want := m
		m.ID, m.ProjectID, m.UserID = 0, p.ID, users[m.Email]
		if err := w.tx.AddMember(w.ctx, &m); err != nil {
			return 0, nil, fmt.Errorf("member %s: %w", m.Email, err)
		}
		r.member[m.Email] = m.ID
		stamps = append(stamps, stamp{"member", m.ID, want.Version, want.CreatedAt, time.Time{}})
	}
	for _, s := range stamps {
		if err := w.tx.Restamp(w.ctx, s.entity, s.id, s.version, s.created, s.updated); err != nil {
			return 0, nil, err
		}
	}
	return p.ID, r, nil
}

// appendVersion adds a row whose version is not the 1 it was created
// with.
func appendVersion(stamps []stamp, entity string, id, version int64) []stamp {
	if version == 1 {
		return stamps
	}
	return append(stamps, stamp{entity: entity, id: id, version: version})
}

// calendars writes calendars in order, setting a base that comes later
// once it exists, and maps plan-local IDs to new ones.
func (w *writer) calendars(projectID int64, cals []domain.Calendar, stamps *[]stamp) (map[int64]int64, error) {
	ids := map[int64]int64{0: 0}
	var later []domain.Calendar
	for _, c := range cals {
		want := c
		base, ok := ids[c.BaseID]
		c.ID, c.ProjectID, c.BaseID = 0, projectID, base
		if err := w.tx.CreateCalendar(w.ctx, &c); err != nil {
			return nil, err
		}
		ids[want.ID] = c.ID
		if !ok {
			c.BaseID = want.BaseID
			later = append(later, c)
		}
		if !ok || want.Version != 1 {
			*stamps = append(*stamps, stamp{entity: "calendar", id: c.ID, version: want.Version})
		}
	}
	for _, c := range later {
		c.BaseID = ids[c.BaseID]
		if err := w.tx.UpdateCalendar(w.ctx, &c); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// tasks writes tasks in order, setting a parent that comes later once it
// exists, and maps plan-local IDs to new ones.
func (w *writer) tasks(projectID int64, tasks []domain.Task, cals map[int64]int64, stamps *[]stamp) (map[int64]int64, error) {
	ids := map[int64]int64{0: 0}
	var later []domain.Task
	for _, t := range tasks {
		old, want := t.ID, t
		parent, ok := ids[t.Parent]
		t.ID, t.ProjectID, t.Parent, t.CalendarID = 0, projectID, parent, cals[t.CalendarID]
		if err := w.tx.CreateTask(w.ctx, &t); err != nil {
			return nil, fmt.Errorf("task %d: %w", t.UID, err)
		}
		ids[old] = t.ID
		if !ok {
			t.Parent = want.Parent
			later = append(later, t)
		}
		*stamps = append(*stamps, stamp{"task", t.ID, want.Version, want.CreatedAt, want.UpdatedAt})
	}
	for _, t := range later {
		t.Parent = ids[t.Parent]
		if err := w.tx.UpdateTask(w.ctx, &t); err != nil {
			return nil, fmt.Errorf("task %d: %w", t.UID, err)
		}
	}
	return ids, nil
}

// baselines writes the baseline rows, number by number.
func (w *writer) baselines(projectID int64, rows []domain.Baseline, tasks map[int64]int64) error {
	byNumber := map[int][]domain.Baseline{}
	for _, b := range rows {
		b.Task = tasks[b.Task]
		byNumber[b.Number] = append(byNumber[b.Number], b)
	}
	for n := 0; n <= domain.MaxBaseline; n++ {
		if len(byNumber[n]) > 0 {
			if err := w.tx.SaveBaseline(w.ctx, projectID, n, byNumber[n]); err != nil {
				return err
			}
		}
	}
	return nil
}

// costs writes time entries, expenses and task budgets.
func (w *writer) costs(projectID int64, cp checkedProject, tasks map[int64]int64, users map[string]int64, r *auditRefs, stamps *[]stamp) error {
	for i, e := range cp.timeEntries {
		want := e
		e.ID, e.ProjectID, e.Task, e.User = 0, projectID, tasks[e.Task], users[e.Email]
		if e.ReviewerEmail != "" {
			e.Reviewer = users[e.ReviewerEmail]
		}
		if err := w.tx.CreateTimeEntry(w.ctx, &e); err != nil {
			return err
		}
		r.entry[int64(i+1)] = e.ID
		*stamps = append(*stamps, stamp{"time_entry", e.ID, want.Version, want.CreatedAt, want.UpdatedAt})
	}
	for i, e := range cp.expenses {
		want := e
		e.ID, e.ProjectID, e.Task = 0, projectID, tasks[e.Task]
		if err := w.tx.CreateExpense(w.ctx, &e); err != nil {
			return err
		}
		r.expense[int64(i+1)] = e.ID
		*stamps = append(*stamps, stamp{"expense", e.ID, want.Version, want.CreatedAt, want.UpdatedAt})
	}
	for _, b := range cp.taskBudgets {
		version := b.Version
		b.ProjectID, b.Task, b.Version = projectID, tasks[b.Task], 0
		if err := w.tx.SetTaskBudget(w.ctx, &b); err != nil {
			return err
		}
		*stamps = appendVersion(*stamps, "task_budget", b.Task, version)
	}
	return nil
}

// rateChanges writes the dated rate changes, resource by resource.
func (w *writer) rateChanges(projectID int64, changes []domain.RateChange, resources map[int64]int64) error {
	byResource := map[int64][]domain.RateChange{}
	var order []int64
	for _, c := range changes {
		if byResource[c.Resource] == nil {
			order = append(order, c.Resource)
		}
		c.Resource = resources[c.Resource]
		byResource[c.Resource] = append(byResource[c.Resource], c)
	}
	for _, old := range order {
		id := resources[old]
		if err := w.tx.SetRateChanges(w.ctx, projectID, id, byResource[id]); err != nil {
			return err
		}
	}
	return nil
}

// audit records a trail's events, leaving out those in known (the same
// entity kind, action, actor and time), and counts those it recorded.
func (w *writer) audit(projectID int64, events []Event, r *auditRefs, known []domain.AuditEvent) (int, error) {
	type key struct {
		entity, action, actor string
		at                    int64
	}
	have := map[key]bool{}
	for _, e := range known {
		have[key{e.Entity, e.Action, e.Actor, e.At.UnixNano()}] = true
	}
	n := 0
	for i, m := range events {
		e, err := eventFromMirror(m, r)
		if err != nil {
			return n, domain.WithField(err, fmt.Sprintf("audit[%d]", i))
		}
		if have[key{e.Entity, e.Action, e.Actor, e.At.UnixNano()}] {
			continue
		}
		e.ProjectID = projectID
		if err := w.tx.RecordAudit(w.ctx, &e); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
