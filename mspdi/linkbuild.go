package mspdi

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// links turns the kept tasks' PredecessorLinks into dependencies,
// numbered from 1 in file order. Links MS Project could not have meant
// for this plan — to skipped tasks or other projects, duplicates, loops
// onto the task itself or its own summary — are dropped and counted.
func (b *builder) links() {
	type pair struct{ a, c int64 }
	n := 0
	for _, t := range b.d.tasks {
		n += len(t.links)
	}
	seen := make(map[pair]bool, n)
	b.plan.Dependencies = make([]domain.Dependency, 0, n)
	b.depLines = make([]int, 0, n)
	for _, t := range b.d.tasks {
		succ, kept := b.taskID[t.uid]
		if !kept || len(t.links) == 0 {
			continue
		}
		for _, l := range t.links {
			pred, ok := b.taskID[l.pred]
			switch {
			case l.crossProject:
				b.notes.add(noteCrossProject)
			case !ok:
				b.notes.add(noteLinkSkipped)
			case pred == succ:
				b.notes.add(noteLinkSelf)
			case seen[pair{pred, succ}]:
				b.notes.add(noteLinkDup)
			case b.ancestor(pred, succ) || b.ancestor(succ, pred):
				b.notes.add(noteLinkSummary)
			default:
				seen[pair{pred, succ}] = true
				typ, _ := linkType(l.typ)
				b.plan.Dependencies = append(b.plan.Dependencies, domain.Dependency{
					ID: int64(len(b.plan.Dependencies) + 1), ProjectID: 1,
					Predecessor: pred, Successor: succ, Type: typ, Lag: lagOf(l.lag, l.format),
				})
				b.depLines = append(b.depLines, l.line)
			}
		}
	}
}

// ancestor reports whether task a is a summary above task c.
func (b *builder) ancestor(a, c int64) bool {
	for p := b.plan.Tasks[b.taskIdx[c]].Parent; p != 0; p = b.plan.Tasks[b.taskIdx[p]].Parent {
		if p == a {
			return true
		}
	}
	return false
}

// resources converts the file's resources, leaving out UID 0, the
// placeholder MS Project keeps for unassigned work, and blank rows.
func (b *builder) resources() {
	seen := map[int64]bool{}
	custom := map[int64]int{}
	holders := 0
	for i := range b.d.resources {
		r := &b.d.resources[i]
		switch {
		case r.uid == 0:
			continue
		case r.uid < 0:
			b.notes.say("resource UID %d is not a valid UID; the resource was skipped", r.uid)
			continue
		case seen[r.uid]:
			b.notes.add(noteDupUID)
			continue
		case r.isNull:
			b.notes.add(noteNullRes)
			continue
		}
		seen[r.uid] = true
		res := domain.Resource{
			ID: r.uid, ProjectID: 1, UID: r.uid,
			Name:         clip(strings.TrimSpace(r.name), 500),
			Kind:         domain.Work,
			Email:        strings.TrimSpace(r.email),
			Group:        strings.TrimSpace(r.group),
			MaxUnits:     r.maxUnits,
			CalendarID:   b.calendarRef(r.calendarUID),
			StandardRate: b.rate(r.standardRate),
			OvertimeRate: b.rate(r.overtime),
			CostPerUse:   b.minor(r.costPerUse),
			Accrual:      accrual(r.accrueAt),
		}
		b.rateTable(&res, r.rates)
		b.availability(&res, r.avail)
		switch {
		case r.isCost || r.typ == 2:
			res.Kind = domain.Cost
		case r.typ == 0:
			res.Kind = domain.Material
		}
		if !r.hasMaxUnits && res.Kind == domain.Work {
			res.MaxUnits = 1
		}
		if res.Name == "" {
			res.Name = "Resource " + strconv.FormatInt(r.uid, 10)
			b.notes.add(noteUnnamedRes)
		}
		b.plan.Resources = append(b.plan.Resources, res)
		b.resLines = append(b.resLines, r.line)
		for _, f := range r.custom {
			custom[f]++
		}
		if len(r.custom) > 0 {
			holders++
		}
	}
	b.customNotes(custom, holders, "resource", "resources")
}

// rateTable reads a resource's cost rate table A: its first row holds
// the resource's rates, and each later row becomes a rate change from its
// RatesFrom on. Tables B–E, which assignments must ask for, are left out.
func (b *builder) rateTable(res *domain.Resource, rows []rawRate) {
	var a []rawRate
	for _, r := range rows {
		if r.table == 0 {
			a = append(a, r)
		} else {
			b.notes.add(noteRateTables)
		}
	}
	slices.SortStableFunc(a, func(x, y rawRate) int { return x.from.Compare(y.from) })
	for i, r := range a {
		std, ot, cpu := b.rate(r.standardRate), b.rate(r.overtime), b.minor(r.costPerUse)
		if i == 0 {
			res.StandardRate, res.OvertimeRate, res.CostPerUse = std, ot, cpu
			continue
		}
		if r.from.IsZero() || r.from.Equal(a[i-1].from) {
			b.notes.say("a rate of resource %q has no date of its own and was skipped", res.Name)
			continue
		}
		b.plan.RateChanges = append(b.plan.RateChanges, domain.RateChange{
			Resource: res.ID, From: r.from, StandardRate: std, OvertimeRate: ot, CostPerUse: cpu,
		})
	}
}

// assignments converts the assignments of kept resources to kept tasks,
// numbered from 1 in file order.
func (b *builder) assignments() {
	b.plan.Assignments = make([]domain.Assignment, 0, len(b.d.assigns))
	res := make(map[int64]bool, len(b.plan.Resources))
	costRes := map[int64]bool{}
	for _, r := range b.plan.Resources {
		res[r.ID] = true
		costRes[r.ID] = r.Kind == domain.Cost
	}
	for i := range b.d.assigns {
		a := &b.d.assigns[i]
		if a.timephased {
			b.notes.add(noteTimephased)
		}
		task, ok := b.taskID[a.task]
		switch {
		case a.resource <= 0: // -65535 from MS Project, -1 from Aspose, 0
			b.notes.add(notePlaceholderA)
			continue
		case !res[a.resource]:
			b.notes.add(noteAssignRes)
			continue
		case !ok:
			b.notes.add(noteAssignTask)
			continue
		}
		if a.work < 0 {
			b.notes.add(noteNegDuration)
		}
		asg := domain.Assignment{
			ID: int64(len(b.plan.Assignments) + 1), ProjectID: 1,
			Task: task, Resource: a.resource, Units: a.units, Work: max(a.work, 0),
			OvertimeWork: min(max(a.overtime, 0), max(a.work, 0)),
		}
		if c := domain.ContourOf(int(a.contour)); c != domain.Flat {
			asg.Contour = c
		}
		if costRes[a.resource] {
			asg.Cost = b.minor(a.cost)
		}
		b.plan.Assignments = append(b.plan.Assignments, asg)
		b.file.Assignments = append(b.file.Assignments, AssignmentComputed{
			Cost: b.minor(a.cost), ActualCost: b.minor(a.actual), ActualWork: a.actualWork, Has: a.has,
		})
		b.asgLines = append(b.asgLines, a.line)
	}
}

// availability turns a resource's availability table into dated periods.
// A period that covers all of time — MS Project writes one from 1984 to
// 2049 for every resource — is the resource's maximum units, not a
// period. Rows without units, and rows the domain would refuse
// (overlapping, ending before they start), are left out and noted.
func (b *builder) availability(res *domain.Resource, rows []rawAvail) {
	var out []domain.Availability
	for _, a := range rows {
		switch {
		case !a.hasUnits:
			continue
		case (a.from.IsZero() || a.from.Year() <= 1984) && (a.to.IsZero() || a.to.Year() >= 2049):
			res.MaxUnits = a.units
			continue
		}
		p := domain.Availability{From: a.from, Units: a.units}
		if a.from.IsZero() {
			p.From = time.Date(1984, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if !a.to.IsZero() && a.to.Year() < 2049 {
			// MS Project's AvailableTo is the last minute of the period
			// (…T23:59 or …T17:00); the period runs to the next midnight.
			p.To = time.Date(a.to.Year(), a.to.Month(), a.to.Day()+1, 0, 0, 0, 0, time.UTC)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return
	}
	check := *res
	check.Availability = out
	if err := check.Validate(); err != nil {
		b.notes.say("resource %q: its availability table was left out (%v)", res.Name, err)
		return
	}
	res.Availability = check.Availability
}
