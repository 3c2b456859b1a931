package csvplan

import (
	"errors"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// links reads the Predecessors cells.
func (rd *reader) links(p *domain.Plan, rows []row, ids map[string]int64) {
	known := func(s string) bool { _, ok := ids[s]; return ok }
	for _, r := range rows {
		v := rd.cell(r.rec, colPredecessors)
		if v == "" {
			continue
		}
		ls, err := predecessors(v, known, rd.units)
		if err != nil {
			what := "an ID in the ID column"
			if rd.col[colID] < 0 {
				what = "a row number (1 for the first task)"
			}
			rd.fail(r.rec, colPredecessors, "%s: %v; each entry is %s, a link type and a lag, such as 3FS+2d;5SS", rd.label(colPredecessors), err, what)
			continue
		}
		seen := map[int64]bool{}
		for _, l := range ls {
			pred := ids[l.ref]
			switch {
			case pred == r.task.ID:
				rd.fail(r.rec, colPredecessors, "%s: the task names itself (%s); remove that entry", rd.label(colPredecessors), l.ref)
			case seen[pred]:
				rd.fail(r.rec, colPredecessors, "%s: %s is named twice; keep one link to it", rd.label(colPredecessors), l.ref)
			default:
				seen[pred] = true
				p.Dependencies = append(p.Dependencies, domain.Dependency{ID: int64(len(p.Dependencies) + 1),
					Predecessor: pred, Successor: r.task.ID, Type: l.typ, Lag: l.lag})
			}
		}
	}
}

// assign reads Resource Names: each name becomes a work resource.
func (rd *reader) assign(p *domain.Plan, rows []row) {
	byName := map[string]int64{}
	for _, r := range rows {
		v := unescapeText(rd.cell(r.rec, colResources))
		if v == "" {
			continue
		}
		as, err := assignees(v)
		if err != nil {
			rd.fail(r.rec, colResources, "%s %q: %v; write names separated by semicolons, units in brackets: Alice[50%%];Bob", rd.label(colResources), v, err)
			continue
		}
		for _, a := range as {
			id, ok := byName[a.name]
			if !ok {
				id = int64(len(p.Resources) + 1)
				byName[a.name] = id
				p.Resources = append(p.Resources, domain.Resource{ID: id, UID: id, Name: a.name, Kind: domain.Work})
			}
			p.Assignments = append(p.Assignments, domain.Assignment{ID: int64(len(p.Assignments) + 1), Task: r.task.ID, Resource: id, Units: a.units})
		}
	}
	refs := map[string]int{}
	for _, res := range p.Resources {
		refs[handle(res.Name)]++
	}
	for i := range p.Resources {
		if h := handle(p.Resources[i].Name); refs[h] == 1 {
			p.Resources[i].Ref = h
		}
	}
}

// handle makes a plan-file handle from a name: "Alice Martin" →
// "alice-martin".
func handle(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	h := strings.TrimRight(b.String(), "-")
	if len(h) > 100 {
		h = strings.TrimRight(h[:100], "-")
	}
	return h
}

// placeInvalid reports a validation error of the plan at the row (and
// cell) it is about.
func (rd *reader) placeInvalid(err error, p *domain.Plan, rows []row) {
	var e *domain.Error
	if !errors.As(err, &e) || len(rows) == 0 || strings.HasPrefix(e.Field, "project") {
		rd.failAt(1, 1, "%v", err)
		return
	}
	at, c := rows[0].rec, colName
	name, rest, _ := strings.Cut(e.Field, "[")
	i, _ := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
	switch {
	case name == "tasks" && i < len(rows):
		at = rows[i].rec
	case name == "dependencies" && rest != "" && i < len(p.Dependencies):
		at, c = rows[p.Dependencies[i].Successor-1].rec, colPredecessors
	case name == "dependencies":
		if cyc := domain.FindCycle(p.Tasks, p.Dependencies); len(cyc) > 1 {
			at, c = rows[cyc[1]-1].rec, colPredecessors
		}
	}
	rd.fail(at, c, "%s", e.Detail)
}
