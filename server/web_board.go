package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// boardCard is a task on the board.
type boardCard struct {
	ID, Version int64
	Key, Name   string
	Percent     int
	Finish      time.Time
	Critical    bool
	Others      string // assignees beyond the lane's
	Status      domain.WorkflowStatus
}

// boardColumn is one status column of one lane.
type boardColumn struct {
	Status domain.WorkflowStatus
	Cards  []boardCard
}

// boardLane is one assignee's row of columns.
type boardLane struct {
	ID      string // for the drag-and-drop group: cards stay in their lane
	Name    string
	Columns []boardColumn
}

// boardHead is a column's heading: its count across lanes and its limit.
type boardHead struct {
	Status domain.WorkflowStatus
	Count  int
	Limit  int
	Over   bool
}

// board is the Board page: a Kanban of the project's tasks by workflow
// status, in swimlanes by assignee, with the WIP limits shown and a
// warning on every column past its limit.
func (w *web) board(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "board")
	if v == nil {
		return
	}
	lanes, heads := boardOf(v)
	var over []string
	for _, h := range heads {
		if h.Over {
			over = append(over, h.Status.Label()+" holds "+strconv.Itoa(h.Count)+" tasks, over its limit of "+strconv.Itoa(h.Limit))
		}
	}
	w.render(rw, r, "board", http.StatusOK, map[string]any{
		"Title": "Board · " + v.Project.Name, "P": v, "Lanes": lanes, "Heads": heads,
		"Statuses": domain.WorkflowStatuses, "Over": strings.Join(over, "; "), "Fragment": "board-body",
	})
}

// boardOf sorts the plan's work (tasks, not summaries or milestones) into
// lanes, one per resource with work on the board and one for unassigned
// work, and counts each column.
func boardOf(v *projectView) ([]boardLane, []boardHead) {
	p := v.Plan
	sched := map[int64]int{}
	for i, t := range v.Res.Tasks {
		sched[t.ID] = i
	}
	parents := map[int64]bool{}
	for _, t := range p.Tasks {
		parents[t.Parent] = true
	}
	assigned := map[int64][]int64{}
	for _, a := range p.Assignments {
		assigned[a.Task] = append(assigned[a.Task], a.Resource)
	}
	resName := map[int64]string{}
	for _, res := range p.Resources {
		resName[res.ID] = res.Name
	}
	laneOf := map[int64]*boardLane{}
	var order []int64
	lane := func(id int64) *boardLane {
		if l, ok := laneOf[id]; ok {
			return l
		}
		l := &boardLane{ID: "lane-" + strconv.FormatInt(id, 10), Name: resName[id]}
		if id == 0 {
			l.Name = "Unassigned"
		}
		for _, s := range domain.WorkflowStatuses {
			l.Columns = append(l.Columns, boardColumn{Status: s})
		}
		laneOf[id] = l
		order = append(order, id)
		return l
	}
	counts := map[domain.WorkflowStatus]int{}
	for _, k := range p.Tasks {
		if parents[k.ID] || k.Kind == domain.KindMilestone {
			continue
		}
		c := boardCard{ID: k.ID, Version: k.Version, Key: k.Key(p.Project.Key), Name: k.Name,
			Percent: k.PercentComplete, Status: k.WorkflowStatus()}
		if i, ok := sched[k.ID]; ok {
			c.Finish, c.Critical = v.Res.Tasks[i].Finish, v.Res.Tasks[i].Critical
		}
		owner := int64(0)
		if rs := assigned[k.ID]; len(rs) > 0 {
			owner = rs[0]
			var others []string
			for _, id := range rs[1:] {
				others = append(others, resName[id])
			}
			c.Others = strings.Join(others, ", ")
		}
		l := lane(owner)
		for i := range l.Columns {
			if l.Columns[i].Status == c.Status {
				l.Columns[i].Cards = append(l.Columns[i].Cards, c)
			}
		}
		counts[c.Status]++
	}
	// Lanes in the order of the plan's resources, unassigned last.
	var lanes []boardLane
	for _, res := range p.Resources {
		if l, ok := laneOf[res.ID]; ok {
			lanes = append(lanes, *l)
		}
	}
	if l, ok := laneOf[0]; ok {
		lanes = append(lanes, *l)
	}
	heads := make([]boardHead, len(domain.WorkflowStatuses))
	for i, s := range domain.WorkflowStatuses {
		heads[i] = boardHead{Status: s, Count: counts[s], Limit: p.Project.WIPLimits[s], Over: p.Project.WIPLimits.Over(s, counts[s])}
	}
	return lanes, heads
}
