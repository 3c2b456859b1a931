// Package backup writes a whole Cairn database to one JSON file, and
// restores such a file into a database of either backend: every user
// (with its password hash), every project with its plan, baselines,
// members and audit history, and the audit events of no project. The
// format is in format.go and docs/decisions/0015-backup-restore.md.
//
// Sessions, API tokens and failed sign-ins are not backed up: they are
// secrets or short-lived, and people sign in and make new tokens again.
package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// readAttempts is how often Write reads the database when it changed
// under the read (see errMoved).
const readAttempts = 3

// Write writes a backup of everything in s to w.
func Write(ctx context.Context, s store.Store, w io.Writer) error {
	var (
		f   *File
		err error
	)
	for range readAttempts {
		if f, err = read(ctx, s); !errors.Is(err, errMoved) {
			break
		}
	}
	if err != nil {
		if errors.Is(err, errMoved) {
			return fmt.Errorf("backup: %w; it is busy, try again (or stop the server while backing up)", err)
		}
		return fmt.Errorf("backup: %w", err)
	}
	f.Created = formatInstant(time.Now())
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("backup: write: %w", err)
	}
	return nil
}

// read reads the whole database in one read transaction.
func read(ctx context.Context, s store.Store) (f *File, err error) {
	err = s.View(ctx, func(tx store.Tx) error {
		f, err = readTx(ctx, tx)
		return err
	})
	return f, err
}

// readTx reads the whole database in tx.
func readTx(ctx context.Context, tx store.Tx) (*File, error) {
	f := &File{Format: Format, Version: Version, Users: []User{}, Projects: []Project{}, Audit: []Event{}}
	users, err := tx.Users(ctx, store.Page{})
	if err != nil {
		return nil, err
	}
	projects, err := tx.Projects(ctx, store.Page{})
	if err != nil {
		return nil, err
	}
	a := auditNames{project: map[int64]string{}, user: map[int64]string{}, deleted: map[string]map[int64]int{}}
	for _, u := range users {
		a.user[u.ID] = u.Email
		f.Users = append(f.Users, userToMirror(u))
	}
	for _, p := range projects {
		a.project[p.ID] = p.Key
	}
	for _, p := range projects {
		bp, err := readProject(ctx, tx, p, a.project, a.user)
		if err != nil {
			return nil, fmt.Errorf("project %s: %w", p.Key, err)
		}
		f.Projects = append(f.Projects, bp)
	}
	events, err := tx.AuditEvents(ctx, 0, store.AuditFilter{}, store.Page{})
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		f.Audit = append(f.Audit, eventToMirror(e, &a))
	}
	return f, nil
}

// readProject reads one project and everything in it.
func readProject(ctx context.Context, tx store.Tx, p domain.Project, projects, users map[int64]string) (Project, error) {
	var (
		out Project
		err error
		d   projectData
	)
	if d, err = loadProject(ctx, tx, p.ID); err != nil {
		return out, err
	}
	n := names{calendar: map[int64]string{}, task: map[int64]int64{}, resource: map[int64]int64{}}
	for _, c := range d.calendars {
		n.calendar[c.ID] = c.Name
	}
	for _, t := range d.tasks {
		n.task[t.ID] = t.UID
	}
	for _, r := range d.resources {
		n.resource[r.ID] = r.UID
	}
	a := auditNames{project: projects, user: users, task: n.task, calendar: n.calendar,
		dependency: map[int64]string{}, member: map[int64]string{}, report: map[int64]int64{}, entry: map[int64]int64{},
		expense: map[int64]int64{}, risk: map[int64]int64{}, group: map[int64]int64{}, deleted: map[string]map[int64]int{}}
	if out.Project, err = projectToMirror(p, &n); err != nil {
		return out, err
	}
	out.Calendars, err = convert(d.calendars, &n, calendarToMirror)
	if err != nil {
		return out, err
	}
	if out.Tasks, err = convert(d.tasks, &n, taskToMirror); err != nil {
		return out, err
	}
	if out.Dependencies, err = convert(d.dependencies, &n, dependencyToMirror); err != nil {
		return out, err
	}
	for i, dep := range out.Dependencies {
		a.dependency[d.dependencies[i].ID] = linkKey(dep.Predecessor, dep.Successor)
	}
	if out.Resources, err = convert(d.resources, &n, resourceToMirror); err != nil {
		return out, err
	}
	if out.Assignments, err = convert(d.assignments, &n, assignmentToMirror); err != nil {
		return out, err
	}
	if out.Baselines, err = convert(d.baselines, &n, baselineToMirror); err != nil {
		return out, err
	}
	if out.RateChanges, err = convert(d.rateChanges, &n, rateChangeToMirror); err != nil {
		return out, err
	}
	if out.TimeEntries, err = convert(d.timeEntries, &n, timeEntryToMirror); err != nil {
		return out, err
	}
	if out.Expenses, err = convert(d.expenses, &n, expenseToMirror); err != nil {
		return out, err
	}
	if out.TaskBudgets, err = convert(d.taskBudgets, &n, taskBudgetToMirror); err != nil {
		return out, err
	}
	for i, e := range d.timeEntries {
		a.entry[e.ID] = int64(i + 1)
	}
	for i, e := range d.expenses {
		a.expense[e.ID] = int64(i + 1)
	}
	out.RiskMatrix = riskMatrixToMirror(d.riskMatrix)
	if out.Risks, err = convert(d.risks, &n, riskToMirror); err != nil {
		return out, err
	}
	if out.Estimates, err = convert(d.estimates, &n, estimateToMirror); err != nil {
		return out, err
	}
	if out.CorrelationGroups, err = convert(d.groups, &n, groupToMirror); err != nil {
		return out, err
	}
	for _, k := range d.risks {
		a.risk[k.ID] = k.Number
	}
	for i, g := range d.groups {
		a.group[g.ID] = int64(i + 1)
	}
	slices.Reverse(d.reports) // the store lists them newest first
	for i, rep := range d.reports {
		a.report[rep.ID] = int64(i + 1)
	}
	if out.Reports, err = convert(d.reports, &n, reportToMirror); err != nil {
		return out, err
	}
	out.Members = []Member{}
	for _, m := range d.members {
		a.member[m.ID] = m.Email
		out.Members = append(out.Members, memberToMirror(m))
	}
	out.Audit = []Event{}
	for _, e := range d.events {
		out.Audit = append(out.Audit, eventToMirror(e, &a))
	}
	return out, nil
}

// projectData is what a project holds, as the store lists it.
type projectData struct {
	calendars    []domain.Calendar
	tasks        []domain.Task
	dependencies []domain.Dependency
	resources    []domain.Resource
	assignments  []domain.Assignment
	baselines    []domain.Baseline
	rateChanges  []domain.RateChange
	reports      []domain.StatusReport
	timeEntries  []domain.TimeEntry
	expenses     []domain.Expense
	taskBudgets  []domain.TaskBudget
	riskMatrix   domain.RiskMatrix
	risks        []domain.Risk
	estimates    []domain.TaskEstimate
	groups       []domain.CorrelationGroup
	members      []domain.Membership
	events       []domain.AuditEvent
}

func loadProject(ctx context.Context, tx store.Tx, id int64) (d projectData, err error) {
	if d.calendars, err = tx.Calendars(ctx, id); err != nil {
		return d, err
	}
	if d.tasks, err = tx.Tasks(ctx, id, store.Page{}); err != nil {
		return d, err
	}
	if d.dependencies, err = tx.Dependencies(ctx, id, store.Page{}); err != nil {
		return d, err
	}
	if d.resources, err = tx.Resources(ctx, id); err != nil {
		return d, err
	}
	if d.assignments, err = tx.Assignments(ctx, id); err != nil {
		return d, err
	}
	if d.baselines, err = tx.Baselines(ctx, id); err != nil {
		return d, err
	}
	if d.rateChanges, err = tx.RateChanges(ctx, id); err != nil {
		return d, err
	}
	if d.reports, err = tx.Reports(ctx, id); err != nil {
		return d, err
	}
	if d.timeEntries, err = tx.TimeEntries(ctx, store.TimeFilter{ProjectID: id}); err != nil {
		return d, err
	}
	if d.expenses, err = tx.Expenses(ctx, id, store.Page{}); err != nil {
		return d, err
	}
	if d.taskBudgets, err = tx.TaskBudgets(ctx, id); err != nil {
		return d, err
	}
	if d.riskMatrix, err = tx.RiskMatrix(ctx, id); err != nil {
		return d, err
	}
	if d.risks, err = tx.Risks(ctx, id); err != nil {
		return d, err
	}
	if d.estimates, err = tx.TaskEstimates(ctx, id); err != nil {
		return d, err
	}
	if d.groups, err = tx.CorrelationGroups(ctx, id); err != nil {
		return d, err
	}
	if d.members, err = tx.Members(ctx, id); err != nil {
		return d, err
	}
	d.events, err = tx.AuditEvents(ctx, id, store.AuditFilter{}, store.Page{})
	return d, err
}

// convert maps a list through to, never returning nil (the file shows
// an empty list as []).
func convert[D, M any](in []D, n *names, to func(D, *names) (M, error)) ([]M, error) {
	out := make([]M, 0, len(in))
	for _, v := range in {
		m, err := to(v, n)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
