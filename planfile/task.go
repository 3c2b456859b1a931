package planfile

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

var taskKeys = []string{"id", "uid", "name", "milestone", "mode", "start", "finish", "duration", "work",
	"assign", "after", "constraint", "deadline", "priority", "percent_complete",
	"actual_start", "actual_finish", "calendar", "fixed_cost", "fixed_cost_accrual", "notes", "tasks"}

// taskPath names a task as domain.Plan.Validate does.
func taskPath(t *domain.Task, i int) string {
	if t.Ref != "" {
		return "tasks." + t.Ref
	}
	return fmt.Sprintf("tasks[%d]", i)
}

// taskList reads a list of tasks, the children of parent (0: top level).
func (d *decoder) taskList(n *yaml.Node, parent int64, field string) error {
	items, err := d.list(n, field, "tasks")
	if err != nil {
		return err
	}
	for pos, item := range items {
		if err := d.task(item, parent, int64(pos)); err != nil {
			return err
		}
	}
	return nil
}

// task reads one task and, depth first, its subtasks. Tasks are numbered
// in document order, so a summary's ID is smaller than its children's.
func (d *decoder) task(n *yaml.Node, parent, pos int64) error {
	i := len(d.plan.Tasks)
	t := domain.Task{ID: int64(i + 1), ProjectID: 1, Parent: parent, Position: pos, Priority: 500}
	at := scope{fmt.Sprintf("tasks[%d]", i), fmt.Sprintf("tasks[%d]", i)}
	o, err := d.mapping(n, at, "a task")
	if err != nil {
		return err
	}
	if t.Ref, err = d.ref(o, d.tasks, "task"); err != nil {
		return err
	}
	at.v = taskPath(&t, i)
	at.f = at.v
	o.at = at
	d.rec(at, n.Line)
	if t.Name, err = o.scalar("name"); err != nil {
		return err
	}
	what := "task " + short(cmp.Or(strings.TrimSpace(t.Name), t.Ref, strconv.Itoa(i+1)))
	if err := o.only(what, taskKeys...); err != nil {
		return err
	}
	uid, _, err := o.integer("uid", 1, maxUID)
	if err != nil {
		return err
	}
	d.taskUIDs = append(d.taskUIDs, uidEntry{uid: uid, line: o.line("uid"), at: at})
	d.plan.Tasks = append(d.plan.Tasks, t) // hold the place: subtasks follow
	if t.Ref != "" {
		d.tasks[t.Ref] = i
	}
	if err := d.taskFields(o, &t); err != nil {
		return err
	}
	if err := d.taskLinks(o, &t, i); err != nil {
		return err
	}
	d.plan.Tasks[i] = t
	return d.taskList(o.get("tasks"), t.ID, at.key("tasks").f)
}

func (d *decoder) taskFields(o *object, t *domain.Task) error {
	milestone, err := o.boolean("milestone")
	if err != nil {
		return err
	}
	if milestone {
		t.Kind = domain.KindMilestone
		d.locs[o.at.v+".kind"] = loc{path: o.at.f + ".milestone", line: o.line("milestone")}
	}
	if err := d.taskSchedule(o, t); err != nil {
		return err
	}
	if t.Duration, err = o.duration("duration"); err != nil {
		return err
	}
	if milestone && t.Duration.Minutes != 0 {
		return o.failf("duration", "invalid_duration", "a milestone has no duration; remove duration: or milestone: true")
	}
	if t.Work, err = o.work("work"); err != nil {
		return err
	}
	if err := d.constraint(o, t); err != nil {
		return err
	}
	if t.Deadline, err = o.date("deadline"); err != nil {
		return err
	}
	prio, ok, err := o.integer("priority", 0, 1000)
	if err != nil {
		return err
	}
	if ok {
		t.Priority = int(prio)
	}
	if t.PercentComplete, err = percent(o); err != nil {
		return err
	}
	if t.ActualStart, err = o.date("actual_start"); err != nil {
		return err
	}
	if t.ActualFinish, err = o.date("actual_finish"); err != nil {
		return err
	}
	if t.CalendarID, err = d.calendarRef(o); err != nil {
		return err
	}
	if t.FixedCost, err = o.money("fixed_cost"); err != nil {
		return err
	}
	if t.FixedCostAccrual, err = accrual(o, "fixed_cost_accrual"); err != nil {
		return err
	}
	t.Notes, err = o.scalar("notes")
	return err
}

// accrual reads key as start, prorated or end; absent is prorated, left
// empty.
func accrual(o *object, key string) (domain.Accrual, error) {
	s, err := o.scalar(key)
	if err != nil || strings.TrimSpace(s) == "" {
		return "", err
	}
	a, err := domain.ParseAccrual(s)
	if err != nil {
		return "", o.fail(key, err)
	}
	if a == domain.AccrueProrated {
		return "", nil
	}
	return a, nil
}

// taskSchedule reads mode: and the start: and finish: of a manual task.
func (d *decoder) taskSchedule(o *object, t *domain.Task) error {
	mode, err := o.scalar("mode")
	if err != nil {
		return err
	}
	t.Mode = domain.SchedulingMode(strings.ToLower(strings.TrimSpace(mode)))
	if t.Start, err = o.date("start"); err != nil {
		return err
	}
	if t.Finish, err = o.date("finish"); err != nil {
		return err
	}
	if t.Mode != domain.Manual {
		for _, k := range []string{"start", "finish"} {
			if o.get(k) != nil {
				return o.failf(k, "manual_only", "%s: is for manually scheduled tasks; add mode: manual, or use constraint: SNET DATE", k)
			}
		}
	}
	return nil
}

// percent reads percent_complete: as 0–100, with or without "%".
func percent(o *object) (int, error) {
	s, err := o.scalar("percent_complete")
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
	if err != nil || n < 0 || n > 100 {
		return 0, o.failf("percent_complete", "invalid_percent", "percent_complete must be a whole number from 0 to 100, not %s", short(s))
	}
	return n, nil
}

// constraint reads "TYPE [DATE]", such as "SNET 2027-01-10" or "ALAP".
func (d *decoder) constraint(o *object, t *domain.Task) error {
	s, err := o.scalar("constraint")
	if err != nil || strings.TrimSpace(s) == "" {
		return err
	}
	d.locs[o.at.v+".constraint_date"] = loc{path: o.at.f + ".constraint", line: o.line("constraint")}
	typ, date, _ := strings.Cut(strings.TrimSpace(s), " ")
	if t.Constraint, err = domain.ParseConstraintType(typ); err != nil {
		return o.fail("constraint", err)
	}
	date = strings.TrimSpace(date)
	switch {
	case t.Constraint.NeedsDate() && date == "":
		return o.failf("constraint", "required", "constraint %s needs a date, e.g. %s 2027-01-10", t.Constraint, t.Constraint)
	case !t.Constraint.NeedsDate() && date != "":
		return o.failf("constraint", "invalid_constraint", "constraint %s takes no date; use SNET, SNLT, FNET, FNLT, MSO or MFO with a date", t.Constraint)
	case date != "":
		if t.ConstraintDate, err = domain.ParseDate(date); err != nil {
			return o.fail("constraint", err)
		}
	}
	return nil
}

// taskLinks notes the after: entries of task i, resolved once every task is
// read, and reads its assign: entries.
func (d *decoder) taskLinks(o *object, t *domain.Task, i int) error {
	after, lines, list, err := o.texts("after")
	if err != nil {
		return err
	}
	for j, text := range after {
		d.after = append(d.after, afterEntry{succ: i, text: text, line: lines[j], at: itemScope(o.at, "after", j, list)})
	}
	assign, lines, list, err := o.texts("assign")
	if err != nil {
		return err
	}
	seen := map[int64]int{}
	for j, text := range assign {
		at := itemScope(o.at, "assign", j, list)
		a, err := d.assignment(text, lines[j], at.f)
		if err != nil {
			return err
		}
		if prev, dup := seen[a.Resource]; dup {
			return d.conflictAt(lines[j], at.f, "duplicate_assignment", "%s is already assigned to this task (line %d); give one entry with the total units",
				short(d.plan.Resources[a.Resource-1].Name), prev)
		}
		seen[a.Resource] = lines[j]
		a.ID, a.Task = int64(len(d.plan.Assignments)+1), t.ID
		d.locs[fmt.Sprintf("assignments[%d]", len(d.plan.Assignments))] = loc{path: at.f, line: lines[j], whole: true}
		d.plan.Assignments = append(d.plan.Assignments, a)
	}
	return nil
}

// itemScope names entry j of key: "tasks.x.after[1]", or "tasks.x.after"
// when the key holds one value rather than a list.
func itemScope(at scope, key string, j int, list bool) scope {
	s := at.key(key)
	if list {
		s.f = fmt.Sprintf("%s[%d]", s.f, j)
	}
	return s
}

// assignment reads "RESOURCE [UNITS] [WORK]": "alice", "alice 50%",
// "bob 0.5 16h"; of a cost resource, "RESOURCE [AMOUNT]": "travel 350".
func (d *decoder) assignment(text string, line int, field string) (domain.Assignment, error) {
	a := domain.Assignment{ProjectID: 1, Units: 1}
	f := strings.Fields(text)
	if len(f) == 0 {
		return a, d.errAt(line, field, "required", "assign: entry is empty; name a resource id, e.g. alice 50%%")
	}
	i, ok := d.resources[f[0]]
	if !ok {
		return a, d.errAt(line, field, "unknown_resource", "no resource has id %s%s", short(f[0]), d.unknownHint(f[0], text, d.resources, resourceNames(d.plan)))
	}
	a.Resource = d.plan.Resources[i].ID
	rest := f[1:]
	if d.plan.Resources[i].Kind == domain.Cost {
		return d.costAssignment(a, rest, line, field)
	}
	if len(rest) > 0 && (strings.HasSuffix(rest[0], "%") || isDecimal(rest[0])) {
		u, err := parseUnits(rest[0])
		if err != nil {
			return a, d.wrapAt(line, field, err)
		}
		a.Units, rest = u, rest[1:]
	}
	if n := len(rest); n > 0 && isContourWord(rest[n-1]) { // "alice 50% 20h back-loaded"
		c, err := domain.ParseContour(rest[n-1])
		if err != nil {
			return a, d.wrapAt(line, field, err)
		}
		if c != domain.Flat {
			a.Contour = c
		}
		rest = rest[:n-1]
	}
	if len(rest) > 0 {
		w := strings.Join(rest, " ")
		dur, err := domain.ParseDuration(w, d.units)
		if err != nil {
			return a, d.wrapAt(line, field, err)
		}
		if dur.Elapsed {
			return a, d.errAt(line, field, "invalid_work", "work is effort in working time; %s is elapsed time (try 24h or 3d)", short(w))
		}
		a.Work = dur.Minutes
	}
	return a, nil
}

// isContourWord tells a work contour from a work amount at the end of an
// assign: entry: a contour is a word ("back-loaded", "bell"); an amount
// starts with a digit.
func isContourWord(s string) bool {
	return s != "" && (s[0] < '0' || s[0] > '9') && s[0] != '.' && s[0] != '-' && s[0] != '+'
}

// costAssignment reads the amount of a cost resource's assignment.
func (d *decoder) costAssignment(a domain.Assignment, rest []string, line int, field string) (domain.Assignment, error) {
	switch len(rest) {
	case 0:
		return a, nil
	case 1:
		m, err := domain.ParseMoney(rest[0], d.plan.Project.Currency)
		if err != nil {
			return a, d.wrapAt(line, field, err)
		}
		a.Cost = m
		return a, nil
	}
	return a, d.errAt(line, field, "invalid_assignment", "a cost resource takes one amount, e.g. travel 350.00, not %s", short(strings.Join(rest, " ")))
}

// numberTasks gives the tasks without a uid one.
func (d *decoder) numberTasks() error {
	return d.numberUIDs(d.taskUIDs, func(i int, uid int64) { d.plan.Tasks[i].UID = uid })
}

// resolveAfter turns after: entries into dependencies, now that every
// task's id is known.
func (d *decoder) resolveAfter() error {
	for _, e := range d.after {
		dep, err := d.dependency(e)
		if err != nil {
			return err
		}
		d.locs[fmt.Sprintf("dependencies[%d]", len(d.plan.Dependencies))] = loc{path: e.at.f, line: e.line, whole: true}
		d.plan.Dependencies = append(d.plan.Dependencies, dep)
	}
	return nil
}

// dependency reads "REF [TYPE] [LAG]": "survey", "survey SS",
// "build FF -1d", "test SS 50%".
func (d *decoder) dependency(e afterEntry) (domain.Dependency, error) {
	dep := domain.Dependency{ID: int64(len(d.plan.Dependencies) + 1), ProjectID: 1, Successor: d.plan.Tasks[e.succ].ID, Type: domain.FS}
	f := strings.Fields(e.text)
	if len(f) == 0 {
		return dep, d.errAt(e.line, e.at.f, "required", "after: entry is empty; name a task id, e.g. survey or survey SS +2d")
	}
	i, ok := d.tasks[f[0]]
	if !ok {
		return dep, d.errAt(e.line, e.at.f, "unknown_task", "after: no task has id %s%s", short(f[0]), d.unknownHint(f[0], e.text, d.tasks, taskNames(d.plan)))
	}
	dep.Predecessor = d.plan.Tasks[i].ID
	rest := f[1:]
	if len(rest) > 0 {
		if typ, err := domain.ParseDependencyType(rest[0]); err == nil {
			dep.Type, rest = typ, rest[1:]
		}
	}
	if len(rest) == 0 {
		return dep, nil
	}
	lag, err := domain.ParseLag(strings.Join(rest, " "), d.units)
	if err != nil {
		if isWord(rest[0]) {
			return dep, d.errAt(e.line, e.at.f, "invalid_dependency_type", "%s is not a link type (use FS, SS, FF or SF, then an optional lag such as +2d)", short(rest[0]))
		}
		return dep, d.wrapAt(e.line, e.at.f, err)
	}
	dep.Lag = lag
	return dep, nil
}

func isWord(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// unknownHint suggests ids close to ref or, when the whole entry is the
// name of something without a matching id, says to use its id.
func (d *decoder) unknownHint(ref, text string, ids map[string]int, byName map[string]string) string {
	if hint := didYouMean(ref, names(ids)); hint != "" {
		return hint
	}
	if id, ok := byName[strings.TrimSpace(text)]; ok {
		if id == "" {
			return fmt.Sprintf("; entries name an id, not a name: give %s an id: and use it", short(strings.TrimSpace(text)))
		}
		return fmt.Sprintf("; entries name an id, not a name: use %q", id)
	}
	if len(ids) == 0 {
		return " (no ids are given yet: add id: to the one you mean)"
	}
	return ""
}

func taskNames(p *domain.Plan) map[string]string {
	m := make(map[string]string, len(p.Tasks))
	for _, t := range p.Tasks {
		m[strings.TrimSpace(t.Name)] = t.Ref
	}
	return m
}

func resourceNames(p *domain.Plan) map[string]string {
	m := make(map[string]string, len(p.Resources))
	for _, r := range p.Resources {
		m[strings.TrimSpace(r.Name)] = r.Ref
	}
	return m
}
