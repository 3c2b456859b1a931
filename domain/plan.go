package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Plan is a whole project in memory: what a plan file holds, what the
// scheduler reads and what an import writes. IDs inside a Plan only need to
// be unique within it.
type Plan struct {
	Project      Project
	Calendars    []Calendar // Project.CalendarID names the project calendar
	Tasks        []Task
	Dependencies []Dependency
	Resources    []Resource
	Assignments  []Assignment
	Baselines    []Baseline // saved baselines of any number, per task
}

// TaskIndex maps task IDs to their index in p.Tasks.
func (p *Plan) TaskIndex() map[int64]int {
	m := make(map[int64]int, len(p.Tasks))
	for i, t := range p.Tasks {
		m[t.ID] = i
	}
	return m
}

// Children maps each task ID (0 for the root) to its children's IDs in
// WBS order (by Position, then ID).
func (p *Plan) Children() map[int64][]int64 {
	kids := make(map[int64][]int64)
	order := make([]int, len(p.Tasks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := &p.Tasks[a], &p.Tasks[b]
		return cmp.Or(cmp.Compare(ta.Position, tb.Position), cmp.Compare(ta.ID, tb.ID))
	})
	for _, i := range order {
		t := &p.Tasks[i]
		kids[t.Parent] = append(kids[t.Parent], t.ID)
	}
	return kids
}

// WBSOrder returns task IDs depth first, as a WBS table lists them, with
// each task's outline number ("1.2.3"). Tasks whose parent is missing are
// left out; Validate reports them.
func (p *Plan) WBSOrder() (ids []int64, outline map[int64]string) {
	kids := p.Children()
	outline = make(map[int64]string, len(p.Tasks))
	ids = make([]int64, 0, len(p.Tasks))
	type frame struct {
		prefix string
		list   []int64
		next   int
	}
	stack := []frame{{list: kids[0]}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.list) {
			stack = stack[:len(stack)-1]
			continue
		}
		id := top.list[top.next]
		top.next++
		if _, seen := outline[id]; seen {
			continue // a parent cycle; Validate reports it
		}
		num := top.prefix + strconv.Itoa(top.next)
		outline[id] = num
		ids = append(ids, id)
		if c := kids[id]; len(c) > 0 {
			stack = append(stack, frame{prefix: num + ".", list: c})
		}
	}
	return ids, outline
}

// Summaries returns the set of task IDs that have children.
func (p *Plan) Summaries() map[int64]bool {
	s := make(map[int64]bool)
	for _, t := range p.Tasks {
		if t.Parent != 0 {
			s[t.Parent] = true
		}
	}
	return s
}

// Validate checks every part of p and how the parts fit: parents exist and
// form a tree, links join existing tasks, refs are unique, and the links
// have no cycle. The first problem found is returned, naming where it is.
func (p *Plan) Validate() error {
	p.Project.Normalize()
	if err := p.Project.Validate(); err != nil {
		return WithField(err, "project")
	}
	for i := range p.Calendars {
		if err := p.Calendars[i].Validate(); err != nil {
			return WithField(err, fmt.Sprintf("calendars[%d]", i))
		}
	}
	idx := p.TaskIndex()
	if len(idx) != len(p.Tasks) {
		return Invalid("duplicate_id", "tasks", "two tasks share an id")
	}
	refs := make(map[string]int)
	uids := make(map[int64]int, len(p.Tasks))
	cals := make(map[int64]bool, len(p.Calendars))
	for _, c := range p.Calendars {
		cals[c.ID] = true
	}
	for i, c := range p.Calendars {
		if c.BaseID != 0 && !cals[c.BaseID] {
			return Invalid("unknown_calendar", fmt.Sprintf("calendars[%d].base", i), "base calendar %d of %q does not exist", c.BaseID, c.Name)
		}
	}
	for i := range p.Tasks {
		t := &p.Tasks[i]
		t.Normalize()
		if err := t.Validate(); err != nil {
			return WithField(err, taskField(t, i))
		}
		if t.Parent != 0 {
			if _, ok := idx[t.Parent]; !ok {
				return Invalid("unknown_parent", taskField(t, i)+".parent", "parent %d does not exist", t.Parent)
			}
		}
		if t.UID != 0 {
			if j, dup := uids[t.UID]; dup {
				return Conflict("duplicate_uid", taskField(t, i)+".uid", "uid %d is already used by task %q; uids must be unique", t.UID, p.Tasks[j].Name)
			}
			uids[t.UID] = i
		}
		if t.CalendarID != 0 && !cals[t.CalendarID] {
			return Invalid("unknown_calendar", taskField(t, i)+".calendar", "calendar %d does not exist", t.CalendarID)
		}
		if t.Ref != "" {
			if j, dup := refs[t.Ref]; dup {
				return Conflict("duplicate_ref", taskField(t, i)+".id", "id %q is already used by task %q; ids must be unique", t.Ref, p.Tasks[j].Name)
			}
			refs[t.Ref] = i
		}
	}
	if err := p.checkParentCycles(idx); err != nil {
		return err
	}
	if err := p.checkDependencies(idx); err != nil {
		return err
	}
	for i, b := range p.Baselines {
		if err := ValidateBaselineNumber(b.Number); err != nil {
			return WithField(err, fmt.Sprintf("baselines[%d]", i))
		}
		if _, ok := idx[b.Task]; !ok {
			return Invalid("unknown_task", fmt.Sprintf("baselines[%d].task", i), "baseline %d names task %d, which is not in the plan", b.Number, b.Task)
		}
	}
	return p.checkResources(idx, cals)
}

func taskField(t *Task, i int) string {
	if t.Ref != "" {
		return "tasks." + t.Ref
	}
	return fmt.Sprintf("tasks[%d]", i)
}

func (p *Plan) checkParentCycles(idx map[int64]int) error {
	for i := range p.Tasks {
		seen := 0
		for cur := p.Tasks[i].Parent; cur != 0; cur = p.Tasks[idx[cur]].Parent {
			if cur == p.Tasks[i].ID || seen > len(p.Tasks) {
				return Invalid("parent_cycle", taskField(&p.Tasks[i], i)+".parent", "task %q is its own ancestor; pick a parent outside its subtree", p.Tasks[i].Name)
			}
			seen++
		}
	}
	return nil
}

// isAncestor reports whether a is an ancestor of b.
func (p *Plan) isAncestor(idx map[int64]int, a, b int64) bool {
	for cur := p.Tasks[idx[b]].Parent; cur != 0; cur = p.Tasks[idx[cur]].Parent {
		if cur == a {
			return true
		}
	}
	return false
}

func (p *Plan) checkDependencies(idx map[int64]int) error {
	type pair struct{ a, b int64 }
	seen := make(map[pair]bool, len(p.Dependencies))
	for i := range p.Dependencies {
		d := &p.Dependencies[i]
		f := depField(i)
		d.Type = DependencyType(strings.ToUpper(string(d.Type)))
		if d.Type == "" {
			d.Type = FS
		}
		if err := d.Validate(); err != nil {
			return WithField(err, f)
		}
		if _, ok := idx[d.Predecessor]; !ok {
			return Invalid("unknown_task", f+".predecessor", "predecessor %d is not a task of this project", d.Predecessor)
		}
		if _, ok := idx[d.Successor]; !ok {
			return Invalid("unknown_task", f+".successor", "successor %d is not a task of this project", d.Successor)
		}
		if p.isAncestor(idx, d.Predecessor, d.Successor) || p.isAncestor(idx, d.Successor, d.Predecessor) {
			return Invalid("summary_link", f, "%q and %q are a summary task and its own subtask; link a sibling instead",
				p.Tasks[idx[d.Predecessor]].Name, p.Tasks[idx[d.Successor]].Name)
		}
		k := pair{d.Predecessor, d.Successor}
		if seen[k] {
			return Conflict("duplicate_dependency", f, "%q already links to %q; edit that link instead", p.Tasks[idx[d.Predecessor]].Name, p.Tasks[idx[d.Successor]].Name)
		}
		seen[k] = true
	}
	if cyc := FindCycle(p.Tasks, p.Dependencies); cyc != nil {
		names := make([]string, len(cyc))
		for i, id := range cyc {
			names[i] = strconv.Quote(p.Tasks[idx[id]].Name)
		}
		return Invalid("dependency_cycle", "dependencies", "the links form a cycle: %s; remove one of these links",
			strings.Join(names, " → "))
	}
	return nil
}

// depField names dependency i for errors; a plain concatenation, since it
// runs for every link of every plan validated.
func depField(i int) string { return "dependencies[" + strconv.Itoa(i) + "]" }

func (p *Plan) checkResources(idx map[int64]int, cals map[int64]bool) error {
	ridx := make(map[int64]bool, len(p.Resources))
	refs := make(map[string]bool, len(p.Resources))
	for i := range p.Resources {
		r := &p.Resources[i]
		r.Normalize()
		f := fmt.Sprintf("resources[%d]", i)
		if err := r.Validate(); err != nil {
			return WithField(err, f)
		}
		if r.CalendarID != 0 && !cals[r.CalendarID] {
			return Invalid("unknown_calendar", f+".calendar", "calendar %d of resource %q does not exist", r.CalendarID, r.Name)
		}
		if r.Ref != "" && refs[r.Ref] {
			return Conflict("duplicate_ref", f+".id", "resource id %q is used twice; ids must be unique", r.Ref)
		}
		refs[r.Ref] = true
		ridx[r.ID] = true
	}
	for i := range p.Assignments {
		a := &p.Assignments[i]
		f := fmt.Sprintf("assignments[%d]", i)
		if err := a.Validate(); err != nil {
			return WithField(err, f)
		}
		if _, ok := idx[a.Task]; !ok {
			return Invalid("unknown_task", f+".task", "task %d is not a task of this project", a.Task)
		}
		if !ridx[a.Resource] {
			return Invalid("unknown_resource", f+".resource", "resource %d is not a resource of this project", a.Resource)
		}
	}
	return nil
}

// FindCycle returns the IDs of tasks forming a dependency cycle, first task
// repeated at the end ("A → B → A"), or nil when the links are acyclic.
func FindCycle(tasks []Task, deps []Dependency) []int64 {
	succ := make(map[int64][]int64, len(tasks))
	for _, d := range deps {
		succ[d.Predecessor] = append(succ[d.Predecessor], d.Successor)
	}
	const (
		white = iota
		grey
		black
	)
	color := make(map[int64]int, len(tasks))
	parent := make(map[int64]int64, len(tasks))
	type frame struct {
		id   int64
		next int
	}
	for _, t := range tasks {
		if color[t.ID] != white {
			continue
		}
		stack := []frame{{id: t.ID}}
		color[t.ID] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(succ[top.id]) {
				color[top.id] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := succ[top.id][top.next]
			top.next++
			switch color[s] {
			case white:
				color[s] = grey
				parent[s] = top.id
				stack = append(stack, frame{id: s})
			case grey:
				cyc := []int64{s}
				for cur := top.id; cur != s; cur = parent[cur] {
					cyc = append(cyc, cur)
				}
				slices.Reverse(cyc[1:])
				return append(cyc, s)
			}
		}
	}
	return nil
}
