package planfile

import (
	"math"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// taskWriter holds what writing one task needs to know about the others.
type taskWriter struct {
	*writer
	index map[int64]int                 // task ID → index in p.Tasks
	kids  map[int64][]int64             // task ID → children in WBS order
	after map[int64][]domain.Dependency // successor ID → its links
	uses  map[int64][]domain.Assignment // task ID → its assignments
	uid   []bool                        // by index: whether the uid can be written
}

// tasks writes the task tree in WBS order.
func (w *writer) tasks() (*yaml.Node, error) {
	ts := w.p.Tasks
	refs := uniqueRefs(len(ts), "t", func(i int) (string, int64) { return ts[i].Ref, ts[i].UID })
	w.taskRef = make(map[int64]string, len(ts))
	for i, t := range ts {
		w.taskRef[t.ID] = refs[i]
	}
	tw := &taskWriter{
		writer: w,
		index:  w.p.TaskIndex(),
		kids:   w.p.Children(),
		after:  map[int64][]domain.Dependency{},
		uses:   map[int64][]domain.Assignment{},
		uid:    writableUIDs(len(ts), func(i int) int64 { return ts[i].UID }),
	}
	for _, d := range w.p.Dependencies {
		tw.after[d.Successor] = append(tw.after[d.Successor], d)
	}
	for _, a := range w.p.Assignments {
		tw.uses[a.Task] = append(tw.uses[a.Task], a)
	}
	return tw.list(0)
}

func (tw *taskWriter) list(parent int64) (*yaml.Node, error) {
	var items []*yaml.Node
	for _, id := range tw.kids[parent] {
		n, err := tw.task(id)
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	return seqOf(items), nil
}

func (tw *taskWriter) task(id int64) (*yaml.Node, error) {
	i := tw.index[id]
	t := &tw.p.Tasks[i]
	m := mapNode()
	put(m, "id", text(tw.taskRef[id]))
	if tw.uid[i] {
		put(m, "uid", plain(strconv.FormatInt(t.UID, 10)))
	}
	put(m, "name", text(t.Name))
	if t.Kind == domain.KindMilestone {
		put(m, "milestone", plain("true"))
	}
	if t.Mode == domain.Manual {
		put(m, "mode", plain(string(domain.Manual)))
		put(m, "start", date(t.Start))
		put(m, "finish", date(t.Finish))
	}
	if t.Duration != (domain.Duration{}) {
		put(m, "duration", plain(t.Duration.Format(tw.units)))
	}
	if t.Work != 0 {
		put(m, "work", plain(domain.Duration{Minutes: t.Work}.Format(tw.units)))
	}
	assign, err := tw.assign(t)
	if err != nil {
		return nil, err
	}
	put(m, "assign", assign)
	put(m, "after", tw.links(t))
	tw.schedule(m, t)
	cal, err := tw.calendarRef(t.CalendarID, "tasks."+tw.taskRef[id])
	if err != nil {
		return nil, err
	}
	put(m, "calendar", cal)
	if t.FixedCost != 0 {
		put(m, "fixed_cost", plain(domain.FormatMoney(t.FixedCost, tw.currency)))
	}
	put(m, "fixed_cost_accrual", textUnless(string(t.FixedCostAccrual.Or()), string(domain.AccrueProrated)))
	put(m, "notes", text(t.Notes))
	kids, err := tw.list(id)
	put(m, "tasks", kids)
	return m, err
}

// schedule writes the constraint, deadline, priority and progress.
func (tw *taskWriter) schedule(m *yaml.Node, t *domain.Task) {
	if c := domain.ConstraintType(strings.ToUpper(string(t.Constraint))); c != domain.ASAP {
		v := string(c)
		if c.NeedsDate() {
			v += " " + date(t.ConstraintDate).Value
		}
		put(m, "constraint", plain(v))
	}
	put(m, "deadline", date(t.Deadline))
	if t.Priority != 500 {
		put(m, "priority", plain(strconv.Itoa(t.Priority)))
	}
	if t.PercentComplete != 0 {
		put(m, "percent_complete", plain(strconv.Itoa(t.PercentComplete)))
	}
	put(m, "actual_start", date(t.ActualStart))
	put(m, "actual_finish", date(t.ActualFinish))
}

// links writes the task's predecessors as after: entries.
func (tw *taskWriter) links(t *domain.Task) *yaml.Node {
	var entries []string
	for _, d := range tw.after[t.ID] {
		e := tw.taskRef[d.Predecessor]
		if typ := domain.DependencyType(strings.ToUpper(string(d.Type))); typ != domain.FS {
			e += " " + string(typ)
		}
		if d.Lag != (domain.Lag{}) {
			lag := d.Lag.Format(tw.units)
			if !d.Lag.IsPercent && d.Lag.Minutes > 0 {
				lag = "+" + lag
			}
			e += " " + lag
		}
		entries = append(entries, e)
	}
	return oneOrList(entries)
}

// assign writes the task's assignments as assign: entries.
func (tw *taskWriter) assign(t *domain.Task) (*yaml.Node, error) {
	var entries []string
	for _, a := range tw.uses[t.ID] {
		if math.IsNaN(a.Units) {
			return nil, domain.Invalid("invalid_units", "tasks."+tw.taskRef[t.ID]+".assign", "assignment units are not a number")
		}
		e := tw.resRef[a.Resource]
		if tw.costRes[a.Resource] {
			if a.Cost != 0 {
				e += " " + domain.FormatMoney(a.Cost, tw.currency)
			}
			entries = append(entries, e)
			continue
		}
		switch {
		case a.Units == 1:
		case tw.material[a.Resource]:
			e += " " + strconv.FormatFloat(a.Units, 'f', -1, 64) // a quantity, not a share of time
		default:
			e += " " + formatUnits(a.Units)
		}
		if a.Work != 0 {
			e += " " + domain.Duration{Minutes: a.Work}.Format(tw.units)
		}
		if a.Contour != "" && a.Contour != domain.Flat {
			e += " " + string(a.Contour)
		}
		entries = append(entries, e)
	}
	return oneOrList(entries), nil
}

// oneOrList writes one entry as a value and several as a list, on one
// line when it is short.
func oneOrList(entries []string) *yaml.Node {
	switch len(entries) {
	case 0:
		return nil
	case 1:
		return plain(entries[0])
	}
	items := make([]*yaml.Node, len(entries))
	width := 0
	for i, e := range entries {
		items[i] = plain(e)
		width += len(e) + 2
	}
	n := seqOf(items)
	if width <= 60 {
		n.Style = yaml.FlowStyle
	}
	return n
}
