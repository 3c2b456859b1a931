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
	Baselines    []Baseline   // saved baselines of any number, per task
	RateChanges  []RateChange // resources' rates from dates on, by resource and date
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
	_, err := p.Check()
	return err
}

// Index is what validating a plan learns about its shape, kept so that an
// engine need not learn it again: each task's index by ID, its parent's
// index, and each link's ends as task indices.
type Index struct {
	Parent []int32 // parent's index, -1 at the top
	Pred   []int32 // per dependency: the predecessor's index
	Succ   []int32 // per dependency: the successor's index

	// Task IDs map to indices through dense when they are small positive
	// numbers (as in plan files and imports), else through sparse.
	dense  []int32
	sparse map[int64]int
}

// Find returns the index in Plan.Tasks of the task with the given ID.
func (ix *Index) Find(id int64) (int, bool) {
	if ix.sparse != nil {
		i, ok := ix.sparse[id]
		return i, ok
	}
	if id <= 0 || id >= int64(len(ix.dense)) || ix.dense[id] < 0 {
		return 0, false
	}
	return int(ix.dense[id]), true
}

// index builds the ID lookup, reporting false when two tasks share an ID.
func (ix *Index) index(tasks []Task) bool {
	maxID := int64(0)
	dense := true
	for i := range tasks {
		id := tasks[i].ID
		if id <= 0 || id > int64(4*len(tasks)+64) {
			dense = false
			break
		}
		maxID = max(maxID, id)
	}
	if dense {
		ix.dense = make([]int32, maxID+1)
		for i := range ix.dense {
			ix.dense[i] = -1
		}
		for i := range tasks {
			if ix.dense[tasks[i].ID] >= 0 {
				return false
			}
			ix.dense[tasks[i].ID] = int32(i)
		}
		return true
	}
	ix.sparse = make(map[int64]int, len(tasks))
	for i := range tasks {
		ix.sparse[tasks[i].ID] = i
	}
	return len(ix.sparse) == len(tasks)
}

// Check validates p as Validate does and returns its Index.
func (p *Plan) Check() (*Index, error) {
	ix := &Index{}
	return ix, p.check(ix)
}

func (p *Plan) check(ix *Index) error {
	p.Project.Normalize()
	if err := p.Project.Validate(); err != nil {
		return WithField(err, "project")
	}
	for i := range p.Calendars {
		if err := p.Calendars[i].Validate(); err != nil {
			return WithField(err, fmt.Sprintf("calendars[%d]", i))
		}
	}
	if !ix.index(p.Tasks) {
		return Invalid("duplicate_id", "tasks", "two tasks share an id")
	}
	refs := make(map[string]int, len(p.Tasks))
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
			if _, ok := ix.Find(t.Parent); !ok {
				return Invalid("unknown_parent", taskField(t, i)+".parent", "parent %d does not exist", t.Parent)
			}
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
	uids := make([]uint64, 0, len(p.Tasks))
	uidTask := make([]int, 0, len(p.Tasks))
	for i := range p.Tasks {
		if p.Tasks[i].UID != 0 {
			uids, uidTask = append(uids, uint64(p.Tasks[i].UID)), append(uidTask, i)
		}
	}
	if a, b, dup := firstDuplicate(uids); dup {
		t := &p.Tasks[uidTask[b]]
		return Conflict("duplicate_uid", taskField(t, uidTask[b])+".uid", "uid %d is already used by task %q; uids must be unique", t.UID, p.Tasks[uidTask[a]].Name)
	}
	parent := make([]int32, len(p.Tasks)) // index of each task's parent, -1 at the top
	ix.Parent = parent
	for i := range p.Tasks {
		parent[i] = -1
		if pid := p.Tasks[i].Parent; pid != 0 {
			pi, _ := ix.Find(pid)
			parent[i] = int32(pi)
		}
	}
	if err := p.checkParentCycles(parent); err != nil {
		return err
	}
	if err := p.checkDependencies(ix); err != nil {
		return err
	}
	for i, b := range p.Baselines {
		if err := ValidateBaselineNumber(b.Number); err != nil {
			return WithField(err, fmt.Sprintf("baselines[%d]", i))
		}
		if _, ok := ix.Find(b.Task); !ok {
			return Invalid("unknown_task", fmt.Sprintf("baselines[%d].task", i), "baseline %d names task %d, which is not in the plan", b.Number, b.Task)
		}
	}
	return p.checkResources(ix, cals)
}

func taskField(t *Task, i int) string {
	if t.Ref != "" {
		return "tasks." + t.Ref
	}
	return fmt.Sprintf("tasks[%d]", i)
}

// checkParentCycles walks each task's ancestors once: a task reached
// again while its own walk is open is its own ancestor.
func (p *Plan) checkParentCycles(parent []int32) error {
	const (
		unseen = iota
		open
		done
	)
	state := make([]uint8, len(parent))
	var path []int32
	for i := range parent {
		path = path[:0]
		cur := int32(i)
		for cur >= 0 && state[cur] == unseen {
			state[cur] = open
			path = append(path, cur)
			cur = parent[cur]
		}
		if cur >= 0 && state[cur] == open {
			t := &p.Tasks[cur]
			return Invalid("parent_cycle", taskField(t, int(cur))+".parent", "task %q is its own ancestor; pick a parent outside its subtree", t.Name)
		}
		for _, k := range path {
			state[k] = done
		}
	}
	return nil
}

// isAncestor reports whether task index a is an ancestor of task index b.
func isAncestor(parent []int32, a, b int) bool {
	for cur := parent[b]; cur >= 0; cur = parent[cur] {
		if int(cur) == a {
			return true
		}
	}
	return false
}

func (p *Plan) checkDependencies(ix *Index) error {
	parent := ix.Parent
	ix.Pred, ix.Succ = make([]int32, len(p.Dependencies)), make([]int32, len(p.Dependencies))
	for i := range p.Dependencies {
		d := &p.Dependencies[i]
		d.Type = DependencyType(strings.ToUpper(string(d.Type)))
		if d.Type == "" {
			d.Type = FS
		}
		if err := d.Validate(); err != nil {
			return WithField(err, depField(i))
		}
		a, ok := ix.Find(d.Predecessor)
		if !ok {
			return Invalid("unknown_task", depField(i)+".predecessor", "predecessor %d is not a task of this project", d.Predecessor)
		}
		b, ok := ix.Find(d.Successor)
		if !ok {
			return Invalid("unknown_task", depField(i)+".successor", "successor %d is not a task of this project", d.Successor)
		}
		if isAncestor(parent, a, b) || isAncestor(parent, b, a) {
			return Invalid("summary_link", depField(i), "%q and %q are a summary task and its own subtask; link a sibling instead",
				p.Tasks[a].Name, p.Tasks[b].Name)
		}
		ix.Pred[i], ix.Succ[i] = int32(a), int32(b)
	}
	if j, dup := duplicateLink(ix.Pred, ix.Succ, len(p.Tasks)); dup {
		return Conflict("duplicate_dependency", depField(j), "%q already links to %q; edit that link instead",
			p.Tasks[ix.Pred[j]].Name, p.Tasks[ix.Succ[j]].Name)
	}
	if cyc := findCycle(p.Tasks, ix.Pred, ix.Succ); cyc != nil {
		names := make([]string, len(cyc))
		for i, id := range cyc {
			k, _ := ix.Find(id)
			names[i] = strconv.Quote(p.Tasks[k].Name)
		}
		return Invalid("dependency_cycle", "dependencies", "the links form a cycle: %s; remove one of these links",
			strings.Join(names, " → "))
	}
	return nil
}

// firstDuplicate finds two positions i < j with equal keys, choosing the
// smallest such j. Keys no larger than a few times their number (task
// UIDs, usually) are marked in a table; others are sorted (large maps
// would cost a cache miss per key). Positions are looked for only when a
// repeat exists.
func firstDuplicate(keys []uint64) (int, int, bool) {
	var top uint64
	for _, k := range keys {
		top = max(top, k)
	}
	if dense := uint64(4*len(keys) + 64); top < dense {
		seen := make([]int32, dense) // position + 1
		for j, k := range keys {
			if seen[k] != 0 {
				return int(seen[k]) - 1, j, true
			}
			seen[k] = int32(j) + 1
		}
		return 0, 0, false
	}
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	repeated := make(map[uint64]bool)
	for k := 1; k < len(sorted); k++ {
		if sorted[k] == sorted[k-1] {
			repeated[sorted[k]] = true
		}
	}
	if len(repeated) == 0 {
		return 0, 0, false
	}
	first := make(map[uint64]int, len(repeated))
	for j, k := range keys {
		if !repeated[k] {
			continue
		}
		if i, seen := first[k]; seen {
			return i, j, true
		}
		first[k] = j
	}
	return 0, 0, false
}

// duplicateLink finds the smallest j such that link j joins the same two
// tasks, in the same direction, as an earlier link. It buckets the links
// by predecessor (a counting sort) and marks successors per bucket, so it
// runs in linear time without hashing or sorting.
func duplicateLink(pred, succ []int32, nt int) (int, bool) {
	at := make([]int32, nt+1)
	for _, a := range pred {
		at[a+1]++
	}
	for k := 1; k <= nt; k++ {
		at[k] += at[k-1]
	}
	byPred, next := make([]int32, len(pred)), slices.Clone(at[:nt])
	for i, a := range pred {
		byPred[next[a]] = int32(i)
		next[a]++
	}
	seen := make([]int32, nt) // seen[b] = a+1: a link a→b is in bucket a
	best := -1
	for a := range nt {
		for _, i := range byPred[at[a]:at[a+1]] {
			b := succ[i]
			if seen[b] == int32(a)+1 {
				if best < 0 || int(i) < best {
					best = int(i)
				}
				break // later repeats in this bucket come after i
			}
			seen[b] = int32(a) + 1
		}
	}
	return best, best >= 0
}

// depField names dependency i for errors; a plain concatenation, since it
// runs for every link of every plan validated.
func depField(i int) string { return "dependencies[" + strconv.Itoa(i) + "]" }

func (p *Plan) checkResources(ix *Index, cals map[int64]bool) error {
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
	if err := p.checkRateChanges(ridx); err != nil {
		return err
	}
	for i := range p.Assignments {
		a := &p.Assignments[i]
		f := fmt.Sprintf("assignments[%d]", i)
		if err := a.Validate(); err != nil {
			return WithField(err, f)
		}
		if _, ok := ix.Find(a.Task); !ok {
			return Invalid("unknown_task", f+".task", "task %d is not a task of this project", a.Task)
		}
		if !ridx[a.Resource] {
			return Invalid("unknown_resource", f+".resource", "resource %d is not a resource of this project", a.Resource)
		}
	}
	return nil
}

// checkRateChanges checks that rate changes name resources of the plan
// and that no resource has two on the same date.
func (p *Plan) checkRateChanges(ridx map[int64]bool) error {
	type key struct {
		res  int64
		from int64
	}
	seen := make(map[key]bool, len(p.RateChanges))
	for i := range p.RateChanges {
		c := &p.RateChanges[i]
		f := fmt.Sprintf("rate_changes[%d]", i)
		if err := c.Validate(); err != nil {
			return WithField(err, f)
		}
		if !ridx[c.Resource] {
			return Invalid("unknown_resource", f+".resource", "resource %d is not a resource of this project", c.Resource)
		}
		k := key{c.Resource, c.From.Unix()}
		if seen[k] {
			return Conflict("duplicate_rate", f+".from", "resource %d already has rates from %s; give one change per date", c.Resource, FormatDateTime(c.From))
		}
		seen[k] = true
	}
	return nil
}

// FindCycle returns the IDs of tasks forming a dependency cycle, first task
// repeated at the end ("A → B → A"), or nil when the links are acyclic.
// Links naming unknown tasks are ignored.
func FindCycle(tasks []Task, deps []Dependency) []int64 {
	idx := make(map[int64]int, len(tasks))
	for i, t := range tasks {
		idx[t.ID] = i
	}
	var pred, succ []int32
	for _, d := range deps {
		a, ok1 := idx[d.Predecessor]
		b, ok2 := idx[d.Successor]
		if ok1 && ok2 {
			pred, succ = append(pred, int32(a)), append(succ, int32(b))
		}
	}
	return findCycle(tasks, pred, succ)
}

// findCycle is FindCycle over task indices: a depth-first search on the
// links in compressed form, with no maps in the loop.
func findCycle(tasks []Task, from, to []int32) []int64 {
	n := len(tasks)
	start := make([]int32, n+1) // successors of task i: succ[start[i]:start[i+1]]
	for _, a := range from {
		start[a+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	succ := make([]int32, len(from))
	fill := append([]int32(nil), start[:n]...)
	for k, a := range from {
		succ[fill[a]] = to[k]
		fill[a]++
	}
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, n)
	parent := make([]int32, n)
	type frame struct{ node, next int32 }
	var stack []frame
	for root := range n {
		if color[root] != white {
			continue
		}
		stack = append(stack[:0], frame{node: int32(root), next: start[root]})
		color[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == start[top.node+1] {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := succ[top.next]
			top.next++
			switch color[s] {
			case white:
				color[s] = grey
				parent[s] = top.node
				stack = append(stack, frame{node: s, next: start[s]})
			case grey:
				cyc := []int64{tasks[s].ID}
				for cur := top.node; cur != s; cur = parent[cur] {
					cyc = append(cyc, tasks[cur].ID)
				}
				slices.Reverse(cyc[1:])
				return append(cyc, tasks[s].ID)
			}
		}
	}
	return nil
}
