package backup

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// verify reads back, in the restore's transaction, what the restore
// wrote, and fails when the database did not keep a value the backup
// holds: a field this store cannot hold (yet), which would otherwise be
// lost without a word. Values the backup leaves out are not compared,
// nor is the audit history, whose deleted:N numbers may be renumbered.
func verify(ctx context.Context, tx store.Tx, c *checked) error {
	got, err := readTx(ctx, tx)
	if err != nil {
		return err
	}
	users := map[string]User{}
	for _, u := range got.Users {
		users[u.Email] = u
	}
	for i, u := range c.users {
		if err := compare(fmt.Sprintf("users[%d]", i), reflect.ValueOf(userToMirror(u)), reflect.ValueOf(users[u.Email])); err != nil {
			return err
		}
	}
	projects := map[string]Project{}
	for _, p := range got.Projects {
		projects[p.Project.Key] = p
	}
	for i, cp := range c.projects {
		want, err := canonical(cp)
		if err != nil {
			return err
		}
		have := projects[want.Project.Key]
		have.Audit = nil
		if err := compare(fmt.Sprintf("projects[%d]", i), reflect.ValueOf(want), reflect.ValueOf(have)); err != nil {
			return err
		}
	}
	return nil
}

// canonical writes a checked project as a backup would, without its
// audit history, with baseline rows in the order the store lists them.
func canonical(cp checkedProject) (Project, error) {
	p := &cp.plan
	n := names{calendar: map[int64]string{}, task: map[int64]int64{}, resource: map[int64]int64{}}
	for _, c := range p.Calendars {
		n.calendar[c.ID] = c.Name
	}
	for _, t := range p.Tasks {
		n.task[t.ID] = t.UID
	}
	for _, r := range p.Resources {
		n.resource[r.ID] = r.UID
	}
	var (
		out Project
		err error
	)
	rates := slices.Clone(p.RateChanges)
	slices.SortStableFunc(rates, func(a, b domain.RateChange) int { // by resource (plan-local ID order) and date
		if a.Resource != b.Resource {
			return int(a.Resource - b.Resource)
		}
		return a.From.Compare(b.From)
	})
	baselines := slices.Clone(p.Baselines)
	slices.SortStableFunc(baselines, func(a, b domain.Baseline) int {
		if a.Number != b.Number {
			return a.Number - b.Number
		}
		return int(a.Task - b.Task) // plan-local task IDs follow the order the tasks are written in
	})
	out.Project, err = projectToMirror(p.Project, &n)
	if err == nil {
		out.Calendars, err = convert(p.Calendars, &n, calendarToMirror)
	}
	if err == nil {
		out.Tasks, err = convert(p.Tasks, &n, taskToMirror)
	}
	if err == nil {
		out.Dependencies, err = convert(p.Dependencies, &n, dependencyToMirror)
	}
	if err == nil {
		out.Resources, err = convert(p.Resources, &n, resourceToMirror)
	}
	if err == nil {
		out.Assignments, err = convert(p.Assignments, &n, assignmentToMirror)
	}
	if err == nil {
		out.Baselines, err = convert(baselines, &n, baselineToMirror)
	}
	if err == nil {
		out.RateChanges, err = convert(rates, &n, rateChangeToMirror)
	}
	if err == nil {
		out.Reports, err = convert(cp.reports, &n, reportToMirror)
	}
	entries := slices.Clone(cp.timeEntries)
	slices.SortStableFunc(entries, func(a, b domain.TimeEntry) int { return a.Date.Compare(b.Date) }) // as the store lists them
	if err == nil {
		out.TimeEntries, err = convert(entries, &n, timeEntryToMirror)
	}
	if err == nil {
		out.Expenses, err = convert(cp.expenses, &n, expenseToMirror)
	}
	budgets := slices.Clone(cp.taskBudgets)
	slices.SortStableFunc(budgets, func(a, b domain.TaskBudget) int { return int(a.Task - b.Task) }) // by task, as listed
	if err == nil {
		out.TaskBudgets, err = convert(budgets, &n, taskBudgetToMirror)
	}
	out.RiskMatrix = riskMatrixToMirror(cp.riskMatrix)
	if err == nil {
		out.Risks, err = convert(cp.risks, &n, riskToMirror)
	}
	estimates := slices.Clone(cp.estimates)
	slices.SortStableFunc(estimates, func(a, b domain.TaskEstimate) int { return int(a.TaskID - b.TaskID) }) // by task, as listed
	if err == nil {
		out.Estimates, err = convert(estimates, &n, estimateToMirror)
	}
	if err == nil {
		out.CorrelationGroups, err = convert(cp.groups, &n, groupToMirror)
	}
	for _, m := range cp.members {
		out.Members = append(out.Members, memberToMirror(m))
	}
	return out, err
}

// compare checks that got holds every value want does.
func compare(path string, want, got reflect.Value) error {
	switch want.Kind() {
	case reflect.Struct:
		for i := range want.NumField() {
			name, _, _ := strings.Cut(want.Type().Field(i).Tag.Get("json"), ",")
			if err := compare(join(path, name), want.Field(i), got.Field(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Pointer:
		if want.IsNil() {
			return nil
		}
		if got.IsNil() {
			return lost(path, "a value", "none")
		}
		return compare(path, want.Elem(), got.Elem())
	case reflect.Slice:
		if want.Len() == 0 {
			return nil
		}
		if got.Len() != want.Len() {
			return lost(path, fmt.Sprintf("%d entries", want.Len()), fmt.Sprint(got.Len()))
		}
		for i := range want.Len() {
			if err := compare(fmt.Sprintf("%s[%d]", path, i), want.Index(i), got.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if want.Len() == 0 || reflect.DeepEqual(want.Interface(), got.Interface()) {
			return nil
		}
		return lost(path, fmt.Sprintf("%v", want.Interface()), fmt.Sprintf("%v", got.Interface()))
	}
	if want.IsZero() || want.Equal(got) {
		return nil
	}
	return lost(path, fmt.Sprintf("%#v", want.Interface()), fmt.Sprintf("%#v", got.Interface()))
}

func lost(path, want, got string) error {
	return &domain.Error{Kind: domain.KindInvalid, Code: "not_kept", Field: path,
		Detail: fmt.Sprintf("the database did not keep %s (it holds %s): this Cairn cannot hold everything in the backup; "+
			"restore it with the version of Cairn that wrote it, or a newer one", want, got)}
}
