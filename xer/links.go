package xer

import (
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// linkTypes maps P6's pred_type to Cairn's link types.
var linkTypes = map[string]domain.DependencyType{
	"PR_FS": domain.FS, "PR_SS": domain.SS, "PR_FF": domain.FF, "PR_SF": domain.SF,
}

// links reads TASKPRED: relationships with their lags in working hours.
func (b *builder) links() error {
	t := b.doc.tables["TASKPRED"]
	rd := reader{t, b.f}
	seen := map[[2]int64]bool{}
	for _, r := range tableRows(t) {
		if !b.ours(rd.str(r, "proj_id")) {
			continue
		}
		if pp := rd.str(r, "pred_proj_id"); b.projID != "" && pp != "" && pp != b.projID {
			b.drop("%d relationships to activities of other projects were left out")
			continue
		}
		succ, ok1, err := rd.id(r, "task_id")
		if err != nil {
			return err
		}
		pred, ok2, err := rd.id(r, "pred_task_id")
		if err != nil {
			return err
		}
		_, known1 := b.taskIndex[succ]
		_, known2 := b.taskIndex[pred]
		if !ok1 || !ok2 || !known1 || !known2 {
			b.drop("%d relationships name an activity the file does not have and were left out")
			continue
		}
		typ, ok := linkTypes[rd.str(r, "pred_type")]
		if !ok {
			return fieldErr(b.f, r, t, "pred_type", rd.str(r, "pred_type"), "a relationship type", "PR_FS, PR_SS, PR_FF or PR_SF")
		}
		lag, _, err := rd.minutes(r, "lag_hr_cnt")
		if err != nil {
			return err
		}
		switch key := [2]int64{pred, succ}; {
		case pred == succ:
			b.drop("%d relationships of an activity to itself were left out")
			continue
		case seen[key]:
			b.drop("%d repeated relationships between the same two activities were left out")
			continue
		default:
			seen[key] = true
		}
		b.plan.Dependencies = append(b.plan.Dependencies, domain.Dependency{
			ID: int64(len(b.plan.Dependencies) + 1), Predecessor: pred, Successor: succ, Type: typ,
			Lag: domain.Lag{Minutes: lag},
		})
		b.depLines = append(b.depLines, r.line)
	}
	return nil
}

// resourceKinds maps P6's rsrc_type to Cairn's resource kinds.
var resourceKinds = map[string]domain.ResourceKind{
	"RT_Labor": domain.Work, "RT_Equip": domain.Work, "RT_Mat": domain.Material,
}

// resources reads RSRC, with each resource's availability and standard
// rate from RSRCRATE (the row in force at the project start).
func (b *builder) resources() error {
	t := b.doc.tables["RSRC"]
	rd := reader{t, b.f}
	rates, err := b.rates()
	if err != nil {
		return err
	}
	names := map[int64]string{}
	parents := map[int64]int64{}
	refs := map[string]int{}
	for _, r := range tableRows(t) {
		id, err := rd.key(r, "rsrc_id")
		if err != nil {
			return err
		}
		if _, dup := names[id]; dup {
			return b.f.At(r.line, "duplicate_id", "RSRC.rsrc_id %d is used by two resources", id)
		}
		res := domain.Resource{ID: id, UID: id, Name: rd.str(r, "rsrc_name"), Email: rd.str(r, "email_addr"),
			Ref: handle(rd.str(r, "rsrc_short_name"))}
		if res.Name == "" {
			res.Name = rd.str(r, "rsrc_short_name")
		}
		names[id] = res.Name
		if res.Kind = resourceKinds[rd.str(r, "rsrc_type")]; res.Kind == "" {
			res.Kind = domain.Work
		}
		if parent, ok, err := rd.id(r, "parent_rsrc_id"); err != nil {
			return err
		} else if ok {
			parents[id] = parent
		}
		if cal, ok, err := rd.id(r, "clndr_id"); err != nil {
			return err
		} else if ok && b.useCalendar(cal) {
			res.CalendarID = cal
		}
		if rt, ok := rates[id]; ok {
			res.MaxUnits = min(rt.maxUnits, 1000)
			res.StandardRate = rt.cost
		}
		refs[res.Ref]++
		b.plan.Resources = append(b.plan.Resources, res)
		b.resLines = append(b.resLines, r.line)
	}
	for i := range b.plan.Resources {
		res := &b.plan.Resources[i]
		res.Group = names[parents[res.ID]]
		if res.Ref == "" || refs[res.Ref] > 1 {
			res.Ref = ""
		}
	}
	return nil
}

// rate is a resource's availability and standard rate.
type rate struct {
	maxUnits float64 // 1 = one full-time resource
	cost     int64   // minor units of the currency per hour
	start    time.Time
}

// rates reads RSRCRATE: for each resource, the row in force at the
// project start (the latest starting by then), else its first row. P6
// keeps max_qty_per_hr 0 for "not limited"; that reads as 100%.
func (b *builder) rates() (map[int64]rate, error) {
	t := b.doc.tables["RSRCRATE"]
	rd := reader{t, b.f}
	out := map[int64]rate{}
	scale := 1.0
	for range domain.CurrencyDecimals(b.plan.Project.Currency) {
		scale *= 10
	}
	for _, r := range tableRows(t) {
		id, ok, err := rd.id(r, "rsrc_id")
		if err != nil || !ok {
			if err == nil {
				continue
			}
			return nil, err
		}
		start, err := rd.date(r, "start_date")
		if err != nil {
			return nil, err
		}
		units, _, err := rd.number(r, "max_qty_per_hr")
		if err != nil {
			return nil, err
		}
		cost, _, err := rd.number(r, "cost_per_qty")
		if err != nil {
			return nil, err
		}
		if units < 0 || cost < 0 {
			return nil, b.f.At(r.line, "invalid_value", "RSRCRATE: resource %d has a negative rate or availability", id)
		}
		cand := rate{maxUnits: units, cost: int64(cost*scale + 0.5), start: start}
		if prev, seen := out[id]; !seen || b.laterInForce(cand, prev) {
			out[id] = cand
		}
	}
	return out, nil
}

// laterInForce reports whether rate x describes a resource at the project
// start better than y: a rate in force then beats one that is not; of two
// in force, the later; of two not yet, the earlier.
func (b *builder) laterInForce(x, y rate) bool {
	ps := b.plan.Project.Start
	xIn, yIn := !x.start.After(ps), !y.start.After(ps)
	switch {
	case xIn != yIn:
		return xIn
	case xIn:
		return !x.start.Before(y.start)
	default:
		return x.start.Before(y.start)
	}
}

// assignments reads TASKRSRC. Units are units per hour (1 = 100%);
// work is the actual plus remaining quantity in hours, else the planned.
func (b *builder) assignments() error {
	t := b.doc.tables["TASKRSRC"]
	rd := reader{t, b.f}
	known := make(map[int64]bool, len(b.plan.Resources))
	for _, r := range b.plan.Resources {
		known[r.ID] = true
	}
	for _, r := range tableRows(t) {
		if !b.ours(rd.str(r, "proj_id")) {
			continue
		}
		task, _, err := rd.id(r, "task_id")
		if err != nil {
			return err
		}
		res, hasRes, err := rd.id(r, "rsrc_id")
		if err != nil {
			return err
		}
		if _, ok := b.taskIndex[task]; !ok {
			b.drop("%d assignments name an activity the file does not have and were left out")
			continue
		}
		if !hasRes {
			b.drop("%d role assignments without a resource were left out")
			continue
		}
		if !known[res] {
			b.drop("%d assignments name a resource the file does not have and were left out")
			continue
		}
		a := domain.Assignment{ID: int64(len(b.plan.Assignments) + 1), Task: task, Resource: res}
		if err := b.quantities(rd, r, &a); err != nil {
			return err
		}
		b.plan.Assignments = append(b.plan.Assignments, a)
		b.asgLines = append(b.asgLines, r.line)
	}
	return nil
}

// quantities reads an assignment's units and work.
func (b *builder) quantities(rd reader, r row, a *domain.Assignment) error {
	var vals [6]float64
	for i, name := range []string{"target_qty_per_hr", "remain_qty_per_hr", "target_qty", "act_reg_qty", "act_ot_qty", "remain_qty"} {
		v, _, err := rd.number(r, name)
		if err != nil {
			return err
		}
		if v < 0 {
			return fieldErr(b.f, r, rd.t, name, rd.str(r, name), "a quantity", "it cannot be negative")
		}
		vals[i] = v
	}
	units := vals[0]
	if units == 0 {
		units = vals[1]
	}
	if units > 1000 {
		b.drop("%d assignments have more than 100000% units; they were capped")
		units = 1000
	}
	a.Units = units
	work := vals[3] + vals[4] + vals[5]
	if work == 0 {
		work = vals[2]
	}
	a.Work = int64(work*60 + 0.5)
	a.OvertimeWork = min(int64(vals[4]*60+0.5), a.Work)
	return nil
}

// memos reads TASKMEMO, P6's notebook topics, into task notes as plain
// text.
func (b *builder) memos() error {
	t := b.doc.tables["TASKMEMO"]
	rd := reader{t, b.f}
	for _, r := range tableRows(t) {
		id, _, err := rd.id(r, "task_id")
		if err != nil {
			return err
		}
		i, ok := b.taskIndex[id]
		if !ok {
			continue
		}
		text := plainText(rd.str(r, "task_memo"))
		if text == "" {
			continue
		}
		if n := &b.plan.Tasks[i].Notes; *n == "" {
			*n = text
		} else {
			*n += "\n\n" + text
		}
	}
	return nil
}

var (
	breakTags = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
)

// plainText turns a P6 memo (HTML, with line breaks written as two DEL
// characters) into plain text.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\x7f\x7f", "\n")
	s = breakTags.ReplaceAllString(s, "\n")
	s = anyTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
