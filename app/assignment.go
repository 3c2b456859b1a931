package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Assignee names a resource to assign to a task, by its name, plan-file
// handle or email (any case), at some units (1 = 100%; 0 means 100%).
type Assignee struct {
	Resource string
	Units    float64
}

// Assigned is an assignment with its resource's name.
type Assigned struct {
	domain.Assignment
	Name string
}

// SetAssignees makes the resources assigned to a task exactly those
// given: it keeps an assignment whose resource and units stay (with its
// work and overtime), and replaces or removes the others. version is the
// task's version the caller last saw (0: do not check); the task's
// version goes up, so that two people assigning the same task cannot
// overwrite each other unawares. It returns the task and its assignments.
func (a *App) SetAssignees(ctx context.Context, key string, taskID, version int64, want []Assignee) (domain.Task, []Assigned, error) {
	var t domain.Task
	var out []Assigned
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if t, err = tx.Task(ctx, p.ID, taskID); err != nil {
			return err
		}
		if err := checkVersion("task", t.ID, version, t.Version); err != nil {
			return err
		}
		rs, err := tx.Resources(ctx, p.ID)
		if err != nil {
			return err
		}
		units, err := resolveAssignees(rs, want)
		if err != nil {
			return err
		}
		all, err := tx.Assignments(ctx, p.ID)
		if err != nil {
			return err
		}
		names := map[int64]string{}
		for _, r := range rs {
			names[r.ID] = r.Name
		}
		var before []string
		kept := map[int64]bool{}
		for _, as := range all {
			if as.Task != t.ID {
				continue
			}
			before = append(before, assigneeText(names[as.Resource], as.Units))
			if u, ok := units[as.Resource]; ok && u == as.Units && !kept[as.Resource] {
				kept[as.Resource] = true
				out = append(out, Assigned{as, names[as.Resource]})
				continue
			}
			if err := tx.DeleteAssignment(ctx, p.ID, as.ID); err != nil {
				return err
			}
		}
		var after []string
		for _, r := range rs { // in the plan's order of resources
			u, ok := units[r.ID]
			if !ok {
				continue
			}
			after = append(after, assigneeText(r.Name, u))
			if kept[r.ID] {
				continue
			}
			as := domain.Assignment{ProjectID: p.ID, Task: t.ID, Resource: r.ID, Units: u}
			if err := tx.CreateAssignment(ctx, &as); err != nil {
				return err
			}
			out = append(out, Assigned{as, r.Name})
		}
		if err := tx.UpdateTask(ctx, &t); err != nil { // a new version: the task's people changed
			return err
		}
		return a.audit(ctx, tx, p.ID, "task", t.ID, "update",
			domain.Diff([][2]string{{"assignees", strings.Join(before, ", ")}}, [][2]string{{"assignees", strings.Join(after, ", ")}}))
	})
	return t, out, err
}

// resolveAssignees finds each wanted resource, by name, handle or email,
// and maps resource IDs to units.
func resolveAssignees(rs []domain.Resource, want []Assignee) (map[int64]float64, error) {
	units := map[int64]float64{}
	for _, w := range want {
		name := strings.TrimSpace(w.Resource)
		i := slices.IndexFunc(rs, func(r domain.Resource) bool {
			return strings.EqualFold(r.Name, name) || (r.Ref != "" && strings.EqualFold(r.Ref, name)) ||
				(r.Email != "" && strings.EqualFold(r.Email, name))
		})
		if i < 0 {
			var known []string
			for _, r := range rs {
				known = append(known, r.Name)
			}
			hint := "the project has no resources yet"
			if len(known) > 0 {
				hint = "its resources are " + strings.Join(known, ", ")
			}
			return nil, domain.Invalid("unknown_resource", "assignees", "no resource %q in this project: %s", name, hint)
		}
		u := w.Units
		if u == 0 {
			u = 1
		}
		if u < 0 || u > 1000 {
			return nil, domain.Invalid("invalid_units", "assignees", "%s at %g%%: units must be between 0%% and 100000%%", name, u*100)
		}
		if _, dup := units[rs[i].ID]; dup {
			return nil, domain.Invalid("duplicate_assignee", "assignees", "%s is named twice", rs[i].Name)
		}
		units[rs[i].ID] = u
	}
	return units, nil
}

// assigneeText writes an assignment as the plan table shows it: "Sam
// Patel", or "Sam Patel [50%]" when not at 100%.
func assigneeText(name string, units float64) string {
	if units == 1 {
		return name
	}
	return name + " [" + strconv.FormatFloat(units*100, 'f', -1, 64) + "%]"
}
