package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// validateStructure checks, inside the write transaction, that the plan
// still has a shape the scheduler accepts, so that a write that breaks it
// is rolled back: the WBS is a tree, no link joins a summary and its own
// subtask, and the links close no cycle. succ, when not 0, is the
// successor of a link just written: a cycle that link closes is reported
// starting there.
//
// It reads only each task's parent and each link's ends, and searches the
// graph once. It used to load the whole plan and compute its schedule:
// 130 ms on a 10,000-task project, with SQLite's one writer held all the
// while.
func validateStructure(ctx context.Context, tx store.Tx, p domain.Project, succ int64) error {
	s, err := readShape(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if a, b, ok := s.summaryLink(); ok {
		names, err := taskNames(ctx, tx, p.ID, []int64{s.ids[a], s.ids[b]})
		if err != nil {
			return err
		}
		return domain.Invalid("summary_link", "dependencies", "%s and %s are a summary task and its own subtask; link a sibling instead",
			names[0], names[1])
	}
	cycle, throughSummary := s.cycle(succ)
	if cycle == nil {
		return nil
	}
	ids := make([]int64, len(cycle))
	for i, k := range cycle {
		ids[i] = s.ids[k]
	}
	names, err := taskNames(ctx, tx, p.ID, ids)
	if err != nil {
		return err
	}
	through := ""
	if throughSummary {
		through = " through summary tasks"
	}
	return domain.Invalid("dependency_cycle", "dependencies", "the links form a cycle%s: %s; remove one of these links",
		through, strings.Join(names, " → "))
}

// structureReader is a transaction that can read just a plan's shape, as
// sqlstore's can; other stores' are read in full.
type structureReader interface {
	TaskParents(ctx context.Context, projectID int64) (ids, parents []int64, err error)
	DependencyEnds(ctx context.Context, projectID int64) (preds, succs []int64, fromFinish []bool, err error)
}

// shape is a plan's structure by task index: each task's parent, and each
// link's ends and which end of its predecessor it leaves from.
type shape struct {
	ids        []int64
	parent     []int32 // -1 at the top
	pred, succ []int32
	fromFinish []bool
	index      map[int64]int32
}

func readShape(ctx context.Context, tx store.Tx, projectID int64) (*shape, error) {
	var ids, parents, preds, succs []int64
	var fromFinish []bool
	var err error
	if r, ok := storeTx(tx).(structureReader); ok {
		if ids, parents, err = r.TaskParents(ctx, projectID); err != nil {
			return nil, err
		}
		if preds, succs, fromFinish, err = r.DependencyEnds(ctx, projectID); err != nil {
			return nil, err
		}
	} else {
		ts, err := tx.Tasks(ctx, projectID, store.Page{})
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			ids, parents = append(ids, t.ID), append(parents, t.Parent)
		}
		ds, err := tx.Dependencies(ctx, projectID, store.Page{})
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			preds, succs = append(preds, d.Predecessor), append(succs, d.Successor)
			fromFinish = append(fromFinish, d.Type == domain.FS || d.Type == domain.FF)
		}
	}
	s := &shape{ids: ids, parent: make([]int32, len(ids)), pred: make([]int32, len(preds)), succ: make([]int32, len(preds)),
		fromFinish: fromFinish, index: make(map[int64]int32, len(ids))}
	for i, id := range ids {
		s.index[id] = int32(i)
	}
	find := func(id int64) (int32, error) {
		if k, ok := s.index[id]; ok {
			return k, nil
		}
		return 0, fmt.Errorf("project %d: task %d is named but not stored", projectID, id)
	}
	for i, p := range parents {
		s.parent[i] = -1
		if p != 0 {
			if s.parent[i], err = find(p); err != nil {
				return nil, err
			}
		}
	}
	for i := range preds {
		if s.pred[i], err = find(preds[i]); err != nil {
			return nil, err
		}
		if s.succ[i], err = find(succs[i]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// isAncestor reports whether task a is an ancestor of task b. The walk is
// bounded, so a broken tree cannot make it loop.
func (s *shape) isAncestor(a, b int32) bool {
	for cur, steps := s.parent[b], 0; cur >= 0 && steps < len(s.parent); cur, steps = s.parent[cur], steps+1 {
		if cur == a {
			return true
		}
	}
	return false
}

// summaryLink finds a link between a summary and its own subtask.
func (s *shape) summaryLink() (a, b int32, ok bool) {
	for i := range s.pred {
		if s.isAncestor(s.pred[i], s.succ[i]) || s.isAncestor(s.succ[i], s.pred[i]) {
			return s.pred[i], s.succ[i], true
		}
	}
	return 0, 0, false
}

// The graph the scheduler orders, as in schedule's network: a task
// without subtasks is one node; a summary is three, "in" (what its
// predecessors impose on its subtasks), "start" and "finish" (rolled up
// from its subtasks). A summary's in reaches each child, each child
// reaches its parent's start and finish, and a link leaves its
// predecessor's start or finish and enters its successor.
type graph struct {
	node  []int32 // per task: its node (leaf) or its in node (summary)
	leaf  []bool  // per task
	task  []int32 // per node: its task
	at    []int32 // edges out of node k: to[at[k]:at[k+1]]
	to    []int32
	chain []bool // per edge: a structural edge (summary to child or back), not a link
}

func (s *shape) graph() *graph {
	n := len(s.ids)
	g := &graph{node: make([]int32, n), leaf: make([]bool, n)}
	for i := range g.leaf {
		g.leaf[i] = true
	}
	for _, p := range s.parent {
		if p >= 0 {
			g.leaf[p] = false
		}
	}
	for i := range n {
		g.node[i] = int32(len(g.task))
		g.task = append(g.task, int32(i))
		if !g.leaf[i] {
			g.task = append(g.task, int32(i), int32(i))
		}
	}
	target := func(i int32) int32 { return g.node[i] }
	source := func(i int32, finish bool) int32 {
		switch {
		case g.leaf[i]:
			return g.node[i]
		case finish:
			return g.node[i] + 2
		}
		return g.node[i] + 1
	}
	type edge struct {
		from, to int32
		chain    bool
	}
	edges := make([]edge, 0, 3*n+len(s.pred))
	for i, p := range s.parent {
		if p >= 0 {
			c := int32(i)
			edges = append(edges, edge{g.node[p], target(c), true},
				edge{source(c, false), g.node[p] + 1, true}, edge{source(c, true), g.node[p] + 2, true})
		}
	}
	for i := range s.pred {
		edges = append(edges, edge{source(s.pred[i], s.fromFinish[i]), target(s.succ[i]), false})
	}
	g.at = make([]int32, len(g.task)+1)
	for _, e := range edges {
		g.at[e.from+1]++
	}
	for k := range len(g.task) {
		g.at[k+1] += g.at[k]
	}
	g.to, g.chain = make([]int32, len(edges)), make([]bool, len(edges))
	fill := append([]int32(nil), g.at[:len(g.task)]...)
	for _, e := range edges {
		g.to[fill[e.from]], g.chain[fill[e.from]] = e.to, e.chain
		fill[e.from]++
	}
	return g
}

// cycle finds a cycle in the scheduler's graph and returns its tasks, the
// first repeated at the end, and whether it runs through a summary's link
// to its subtasks. The search starts at the task with ID first (if any),
// so that a cycle closed by a link into it is the one reported.
func (s *shape) cycle(first int64) (tasks []int32, throughSummary bool) {
	g := s.graph()
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, len(g.task))
	var stack []frame
	roots := make([]int32, 0, len(g.task)+1)
	if k, ok := s.index[first]; ok {
		roots = append(roots, g.node[k])
	}
	for k := range g.task {
		roots = append(roots, int32(k))
	}
	for _, root := range roots {
		if color[root] != white {
			continue
		}
		color[root] = grey
		stack = append(stack[:0], frame{root, g.at[root]})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == g.at[top.node+1] {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			e := top.next
			top.next++
			switch next := g.to[e]; color[next] {
			case white:
				color[next] = grey
				stack = append(stack, frame{next, g.at[next]})
			case grey:
				return g.path(stack, next)
			}
		}
	}
	return nil, false
}

// frame is a node on the search's stack and the next of its edges to try.
type frame struct{ node, next int32 }

// path turns the open part of the search, from node start to the top of
// the stack, into the tasks of the cycle.
func (g *graph) path(stack []frame, start int32) (tasks []int32, throughSummary bool) {
	from := 0
	for i, f := range stack {
		if f.node == start {
			from = i
		}
	}
	for _, f := range stack[from:] {
		if t := g.task[f.node]; len(tasks) == 0 || tasks[len(tasks)-1] != t {
			tasks = append(tasks, t)
		}
		throughSummary = throughSummary || g.chain[f.next-1]
	}
	if tasks[len(tasks)-1] != tasks[0] {
		tasks = append(tasks, tasks[0])
	}
	return tasks, throughSummary
}

// taskNames returns the quoted names of the tasks with the given IDs.
func taskNames(ctx context.Context, tx store.Tx, projectID int64, ids []int64) ([]string, error) {
	names := make([]string, len(ids))
	for i, id := range ids {
		t, err := tx.Task(ctx, projectID, id)
		if err != nil {
			return nil, err
		}
		names[i] = strconv.Quote(t.Name)
	}
	return names, nil
}
