package xer

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/cairnpm/cairn/domain"
)

// maxWBSDepth bounds how deep WBS elements nest; P6 itself allows far
// fewer levels.
const maxWBSDepth = 1000

// wbsNode is one PROJWBS row of the project.
type wbsNode struct {
	id, parent int64
	seq        int64
	line       int
	name       string
	code       string
	used       bool  // has activities beneath it
	taskID     int64 // its ID in the plan, once numbered
}

// tasks reads the project's WBS (PROJWBS) and activities (TASK). WBS
// elements with activities beneath them become summary tasks; the
// project's root node is the project itself.
func (b *builder) tasks() error {
	nodes, order, err := b.wbs()
	if err != nil {
		return err
	}
	t := b.doc.tables["TASK"]
	rd := reader{t, b.f}
	var maxID int64
	type activity struct {
		task  domain.Task
		wbs   int64
		extra TaskExtra
		ref   Computed
		line  int
	}
	acts := make([]activity, 0, len(tableRows(t)))
	b.plan.Tasks = make([]domain.Task, 0, len(tableRows(t))+len(order))
	seen := make(map[int64]int, len(tableRows(t)))
	for _, r := range tableRows(t) {
		if !b.ours(rd.str(r, "proj_id")) {
			continue
		}
		id, err := rd.key(r, "task_id")
		if err != nil {
			return err
		}
		if prev, dup := seen[id]; dup {
			return b.f.At(r.line, "duplicate_id", "TASK.task_id %d is also used by the activity on line %d", id, prev)
		}
		seen[id] = r.line
		task, extra, err := b.activity(rd, r, id)
		if err != nil {
			return err
		}
		ref, err := b.computed(rd, r)
		if err != nil {
			return err
		}
		wbs, _, err := rd.id(r, "wbs_id")
		if err != nil {
			return err
		}
		if n := nodes[wbs]; n == nil && wbs != 0 {
			b.drop("%d activities name a WBS element the file does not have and were put at the top level")
		}
		for n := nodes[wbs]; n != nil && !n.used; n = nodes[n.parent] {
			n.used = true
		}
		maxID = max(maxID, id)
		acts = append(acts, activity{task, wbs, extra, ref, r.line})
	}
	// Number the WBS elements that hold activities after the largest
	// activity id, in WBS order.
	next := maxID
	for _, n := range order {
		if n.used {
			next++
			n.taskID = next
		} else {
			b.drop("%d WBS elements without activities were left out")
		}
	}
	if next > math.MaxInt32 {
		return b.f.At(b.projLine, "too_many", "activity and WBS ids run past %d", math.MaxInt32)
	}
	pos := map[int64]int64{} // next position under each parent task ID
	place := func(parent int64) int64 { pos[parent]++; return pos[parent] }
	for _, n := range order {
		if !n.used {
			continue
		}
		parent := int64(0)
		if p := nodes[n.parent]; p != nil {
			parent = p.taskID
		}
		b.addTask(domain.Task{ID: n.taskID, UID: n.taskID, Name: n.name, Parent: parent, Position: place(parent)}, n.line)
	}
	for _, a := range acts {
		if n := nodes[a.wbs]; n != nil {
			a.task.Parent = n.taskID
		}
		a.task.Position = place(a.task.Parent)
		b.addTask(a.task, a.line)
		b.out.Extra[a.task.ID] = a.extra
		b.out.Reference[a.task.ID] = a.ref
	}
	b.refs()
	return nil
}

// addTask appends t to the plan, remembering the line it came from.
func (b *builder) addTask(t domain.Task, line int) {
	if t.Name == "" {
		t.Name = "Activity " + strconv.FormatInt(t.UID, 10)
		b.drop("%d activities or WBS elements have no name and were named after their id")
	}
	t.Name = truncate(t.Name, 500)
	b.taskIndex[t.ID] = len(b.plan.Tasks)
	b.plan.Tasks = append(b.plan.Tasks, t)
	b.taskLines = append(b.taskLines, line)
}

// refs gives each activity its Activity ID as plan-file handle when that
// is unique; repeated codes keep no handle.
func (b *builder) refs() {
	count := map[string]int{}
	for _, t := range b.plan.Tasks {
		if h := handle(b.out.Extra[t.ID].Code); h != "" {
			count[h]++
		}
	}
	for i := range b.plan.Tasks {
		t := &b.plan.Tasks[i]
		h := handle(b.out.Extra[t.ID].Code)
		switch {
		case h == "":
		case count[h] > 1:
			b.drop("%d activities share their Activity ID with another and have no handle")
		default:
			t.Ref = h
		}
	}
}

// wbs reads the project's PROJWBS rows into nodes by wbs_id, and returns
// them depth first in P6's order (seq_num, then file order). The root
// node (proj_node_flag Y) is left out: it is the project.
func (b *builder) wbs() (map[int64]*wbsNode, []*wbsNode, error) {
	t := b.doc.tables["PROJWBS"]
	rd := reader{t, b.f}
	nodes := map[int64]*wbsNode{}
	var all []*wbsNode
	for _, r := range tableRows(t) {
		if !b.ours(rd.str(r, "proj_id")) || rd.flag(r, "proj_node_flag") {
			continue
		}
		id, ok, err := rd.id(r, "wbs_id")
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			continue // P6 numbers from 1; an empty id is a root written by a converter
		}
		if nodes[id] != nil {
			return nil, nil, b.f.At(r.line, "duplicate_id", "PROJWBS.wbs_id %d is used twice", id)
		}
		parent, _, err := rd.id(r, "parent_wbs_id")
		if err != nil {
			return nil, nil, err
		}
		seq, _, err := rd.number(r, "seq_num")
		if err != nil {
			return nil, nil, err
		}
		n := &wbsNode{id: id, parent: parent, seq: int64(seq), line: r.line, name: rd.str(r, "wbs_name"), code: rd.str(r, "wbs_short_name")}
		nodes[id] = n
		all = append(all, n)
	}
	kids := map[int64][]*wbsNode{}
	for _, n := range all {
		if nodes[n.parent] == nil {
			n.parent = 0
		}
		kids[n.parent] = append(kids[n.parent], n)
	}
	for _, list := range kids {
		slices.SortStableFunc(list, func(x, y *wbsNode) int { return cmp.Compare(x.seq, y.seq) })
	}
	// Depth first without recursion, so that a hostile nesting depth
	// cannot exhaust the stack.
	order := make([]*wbsNode, 0, len(all))
	type frame struct {
		list  []*wbsNode
		next  int
		depth int
	}
	stack := []frame{{list: kids[0]}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.list) {
			stack = stack[:len(stack)-1]
			continue
		}
		n := top.list[top.next]
		top.next++
		if top.depth >= maxWBSDepth {
			return nil, nil, b.f.At(n.line, "too_deep", "PROJWBS: the WBS is nested more than %d levels deep", maxWBSDepth)
		}
		order = append(order, n)
		stack = append(stack, frame{list: kids[n.id], depth: top.depth + 1})
	}
	if len(order) < len(all) { // a parent loop: the nodes on it hang nowhere
		placed := make(map[int64]bool, len(order))
		for _, n := range order {
			placed[n.id] = true
		}
		for _, n := range all {
			if !placed[n.id] {
				return nil, nil, b.f.At(n.line, "wbs_cycle", "PROJWBS: WBS element %d is its own ancestor through parent_wbs_id", n.id)
			}
		}
	}
	return nodes, order, nil
}
