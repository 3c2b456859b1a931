package mspdi

import "time"

// rawTask is a Task element as read, before it is placed in the plan.
// Money is in hundredths of the currency unit, as the file stores it.
type rawTask struct {
	line   int
	uid    int64
	hasUID bool
	name   string
	notes  string

	active, isNull, external, subproject bool
	manual, milestone, summary, critical bool
	effortDriven, estimated, leveling    bool

	level    int64
	hasLevel bool
	outline  int64 // outline level implied by OutlineNumber, -1 if none
	typ      int64
	priority int64
	percent  int64
	format   int64 // DurationFormat

	duration, manualDuration, work    int64
	hasManualDuration                 bool
	actualDuration, remainingDuration int64

	start, finish, manualStart, manualFinish time.Time
	es, ef, ls, lf                           time.Time
	totalSlack, freeSlack                    int64

	constraint                int64
	constraintDate, deadline  time.Time
	actualStart, actualFinish time.Time

	cost, fixedCost, actualCost, bcws, bcwp, acwp int64
	fixedAccrual                                  int64
	has                                           CostFields // which cost fields were present
	calendarUID                                   int64

	links     []rawLink
	baselines []Baseline
	custom    []int64 // FieldIDs of custom fields set on the task
}

// rawLink is a PredecessorLink as read.
type rawLink struct {
	line         int
	pred         int64
	hasPred      bool
	typ          int64
	lag, format  int64
	crossProject bool
}

// task reads Project/Tasks/Task.
func (d *decoder) task() error {
	t := &rawTask{line: d.lx.tokLine, active: true, calendarUID: -1, priority: 500, format: 7, outline: -1, fixedAccrual: 3}
	for {
		d.ctx = "Task"
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "UID":
			t.uid, err = d.uid()
			t.hasUID = true
		case "Name":
			t.name, err = d.str()
		case "Notes":
			t.notes, err = d.str()
		case "Active":
			t.active, err = d.bool()
		case "IsNull":
			t.isNull, err = d.bool()
		case "ExternalTask":
			t.external, err = d.bool()
		case "IsSubproject":
			t.subproject, err = d.bool()
		case "Manual":
			t.manual, err = d.bool()
		case "Milestone":
			t.milestone, err = d.bool()
		case "Summary":
			t.summary, err = d.bool()
		case "Critical":
			t.critical, err = d.bool()
		case "EffortDriven":
			t.effortDriven, err = d.bool()
		case "Estimated":
			t.estimated, err = d.bool()
		case "OutlineLevel":
			t.level, err = d.int()
			t.hasLevel = true
		case "OutlineNumber":
			t.outline, err = d.outlineLevel()
		case "Type":
			t.typ, err = d.int()
		case "Priority":
			t.priority, err = d.int()
		case "PercentComplete":
			t.percent, err = d.int()
		case "DurationFormat":
			t.format, err = d.int()
		case "Duration":
			t.duration, err = d.duration()
		case "ManualDuration":
			t.manualDuration, err = d.duration()
			t.hasManualDuration = true
		case "Work":
			t.work, err = d.duration()
		case "ActualDuration":
			t.actualDuration, err = d.duration()
		case "RemainingDuration":
			t.remainingDuration, err = d.duration()
		case "Start":
			t.start, err = d.date()
		case "Finish":
			t.finish, err = d.date()
		case "ManualStart":
			t.manualStart, err = d.date()
		case "ManualFinish":
			t.manualFinish, err = d.date()
		case "EarlyStart":
			t.es, err = d.date()
		case "EarlyFinish":
			t.ef, err = d.date()
		case "LateStart":
			t.ls, err = d.date()
		case "LateFinish":
			t.lf, err = d.date()
		case "TotalSlack":
			t.totalSlack, err = d.scaled(-1)
		case "FreeSlack":
			t.freeSlack, err = d.scaled(-1)
		case "ConstraintType":
			t.constraint, err = d.int()
			if _, ok := constraintType(t.constraint); err == nil && !ok {
				err = d.f.At(d.line, "bad_value", "Task ConstraintType %d is not a constraint type (0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT)", t.constraint)
			}
		case "ConstraintDate":
			t.constraintDate, err = d.optDate()
		case "Deadline":
			t.deadline, err = d.optDate()
		case "ActualStart":
			t.actualStart, err = d.optDate()
		case "ActualFinish":
			t.actualFinish, err = d.optDate()
		case "Cost":
			t.cost, err = d.scaled(0)
			t.has |= HasCost
		case "FixedCost":
			t.fixedCost, err = d.scaled(0)
		case "FixedCostAccrual":
			t.fixedAccrual, err = d.int()
		case "ActualCost":
			t.actualCost, err = d.scaled(0)
			t.has |= HasActualCost
		case "BCWS":
			t.bcws, err = d.scaled(0)
			t.has |= HasBCWS
		case "BCWP":
			t.bcwp, err = d.scaled(0)
			t.has |= HasBCWP
		case "ACWP":
			t.acwp, err = d.scaled(0)
			t.has |= HasACWP
		case "CalendarUID":
			t.calendarUID, err = d.int()
		case "LevelingDelay":
			var delay int64
			delay, err = d.scaled(0)
			t.leveling = delay != 0
		case "PredecessorLink":
			var l rawLink
			l, err = d.link()
			t.links = append(t.links, l)
		case "Baseline":
			var b Baseline
			b, err = d.baseline()
			t.baselines = append(t.baselines, b)
		case "ExtendedAttribute":
			var id int64
			id, err = d.customField()
			t.custom = append(t.custom, id)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	if !t.hasUID {
		return d.f.At(t.line, "missing", "a Task has no UID")
	}
	d.tasks = append(d.tasks, t)
	return nil
}

// outlineLevel reads an OutlineNumber ("1.2.3") as the level it implies.
func (d *decoder) outlineLevel() (int64, error) {
	v, err := d.value()
	if err != nil {
		return 0, err
	}
	v = trim(v)
	if len(v) == 0 {
		return -1, nil
	}
	if len(v) == 1 && v[0] == '0' {
		return 0, nil
	}
	level := int64(1)
	for _, c := range v {
		if c == '.' {
			level++
		}
	}
	return level, nil
}

// link reads Task/PredecessorLink.
func (d *decoder) link() (rawLink, error) {
	l := rawLink{line: d.lx.tokLine, typ: 1, format: 7}
	for {
		d.ctx = "PredecessorLink"
		ok, err := d.child()
		if err != nil || !ok {
			if err == nil && !l.hasPred {
				err = d.f.At(l.line, "missing", "a PredecessorLink has no PredecessorUID")
			}
			return l, err
		}
		switch string(d.lx.name) {
		case "PredecessorUID":
			l.pred, err = d.uid()
			l.hasPred = true
		case "Type":
			l.typ, err = d.int()
			if _, ok := linkType(l.typ); err == nil && !ok {
				err = d.f.At(d.line, "bad_value", "PredecessorLink Type %d is not a link type (0 FF, 1 FS, 2 SF, 3 SS)", l.typ)
			}
		case "LinkLag":
			l.lag, err = d.int()
		case "LagFormat":
			l.format, err = d.int()
		case "CrossProject":
			l.crossProject, err = d.bool()
		default:
			err = d.skip()
		}
		if err != nil {
			return l, err
		}
	}
}

// baseline reads Task/Baseline. Cost is left in hundredths; build
// converts it once the currency is known.
func (d *decoder) baseline() (Baseline, error) {
	var b Baseline
	for {
		d.ctx = "Baseline"
		ok, err := d.child()
		if err != nil || !ok {
			return b, err
		}
		switch string(d.lx.name) {
		case "Number":
			var n int64
			n, err = d.int()
			b.Number = int(n)
		case "Start":
			b.Start, err = d.optDate()
		case "Finish":
			b.Finish, err = d.optDate()
		case "Duration":
			b.Duration, err = d.duration()
		case "Work":
			b.Work, err = d.duration()
		case "Cost":
			b.Cost, err = d.scaled(0)
			b.HasCost = true
		default:
			err = d.skip()
		}
		if err != nil {
			return b, err
		}
	}
}

// rawResource is a Resource element as read. Rates are kept as text until
// the currency, and so the number of decimals, is known.
type rawResource struct {
	line                   int
	uid                    int64
	hasUID                 bool
	name, email, group     string
	typ                    int64
	isNull, isCost         bool
	maxUnits               float64
	hasMaxUnits            bool
	standardRate, overtime string
	costPerUse             int64 // hundredths
	accrueAt               int64 // 1 start, 2 end, 3 prorated
	rates                  []rawRate
	avail                  []rawAvail
	calendarUID            int64
	custom                 []int64
}

// rawAvail is a row of a resource's availability table, as read.
type rawAvail struct {
	from, to time.Time
	units    float64
	hasUnits bool
}

// rawRate is a row of a resource's cost rate table, as read.
type rawRate struct {
	line                   int
	table                  int64 // 0 is table A, the one assignments use by default
	from                   time.Time
	standardRate, overtime string
	costPerUse             int64 // hundredths
}

// resource reads Project/Resources/Resource.
func (d *decoder) resource() error {
	r := rawResource{line: d.lx.tokLine, typ: 1, calendarUID: -1, accrueAt: 3}
	for {
		d.ctx = "Resource"
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "UID":
			r.uid, err = d.uid()
			r.hasUID = true
		case "Name":
			r.name, err = d.str()
		case "EmailAddress":
			r.email, err = d.str()
		case "Group":
			r.group, err = d.str()
		case "Type":
			r.typ, err = d.int()
		case "IsNull":
			r.isNull, err = d.bool()
		case "IsCostResource":
			r.isCost, err = d.bool()
		case "MaxUnits":
			r.maxUnits, err = d.float()
			r.hasMaxUnits = true
		case "StandardRate":
			r.standardRate, err = d.money()
		case "OvertimeRate":
			r.overtime, err = d.money()
		case "CostPerUse":
			r.costPerUse, err = d.scaled(0)
		case "AccrueAt":
			r.accrueAt, err = d.int()
		case "Rates":
			r.rates, err = d.rates(r.rates)
		case "AvailabilityPeriods":
			r.avail, err = d.availability(r.avail)
		case "CalendarUID":
			r.calendarUID, err = d.int()
		case "ExtendedAttribute":
			var id int64
			id, err = d.customField()
			r.custom = append(r.custom, id)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	if !r.hasUID {
		return d.f.At(r.line, "missing", "a Resource has no UID")
	}
	d.resources = append(d.resources, r)
	return nil
}

// rates reads Resource/Rates, the rows of the resource's cost rate tables.
func (d *decoder) rates(rows []rawRate) ([]rawRate, error) {
	for {
		d.ctx = "Rates"
		ok, err := d.child()
		if err != nil || !ok {
			return rows, err
		}
		if string(d.lx.name) != "Rate" {
			if err := d.skip(); err != nil {
				return rows, err
			}
			continue
		}
		r, err := d.rate()
		if err != nil {
			return rows, err
		}
		rows = append(rows, r)
	}
}

// availability reads Resource/AvailabilityPeriods.
func (d *decoder) availability(rows []rawAvail) ([]rawAvail, error) {
	for {
		d.ctx = "AvailabilityPeriods"
		ok, err := d.child()
		if err != nil || !ok {
			return rows, err
		}
		if string(d.lx.name) != "AvailabilityPeriod" {
			if err := d.skip(); err != nil {
				return rows, err
			}
			continue
		}
		var a rawAvail
		for {
			d.ctx = "AvailabilityPeriod"
			ok, err := d.child()
			if err != nil {
				return rows, err
			}
			if !ok {
				break
			}
			switch string(d.lx.name) {
			case "AvailableFrom":
				a.from, err = d.optDate()
			case "AvailableTo":
				a.to, err = d.optDate()
			case "AvailableUnits":
				a.units, err = d.float()
				a.hasUnits = true
			default:
				err = d.skip()
			}
			if err != nil {
				return rows, err
			}
		}
		rows = append(rows, a)
	}
}

// rate reads Resource/Rates/Rate.
func (d *decoder) rate() (rawRate, error) {
	r := rawRate{line: d.lx.tokLine}
	for {
		d.ctx = "Rate"
		ok, err := d.child()
		if err != nil || !ok {
			return r, err
		}
		switch string(d.lx.name) {
		case "RateTable":
			r.table, err = d.int()
		case "RatesFrom":
			r.from, err = d.optDate()
		case "StandardRate":
			r.standardRate, err = d.money()
		case "OvertimeRate":
			r.overtime, err = d.money()
		case "CostPerUse":
			r.costPerUse, err = d.scaled(0)
		default:
			err = d.skip()
		}
		if err != nil {
			return r, err
		}
	}
}

// money reads an amount as text after checking that it is a number.
func (d *decoder) money() (string, error) {
	v, err := d.value()
	if err != nil || empty(v) {
		return "", err
	}
	if _, ok := parseScaled(v, 0); !ok {
		return "", d.bad(v, "an amount")
	}
	return string(trim(v)), nil
}

// rawAssignment is an Assignment element as read.
type rawAssignment struct {
	line            int
	task, resource  int64
	hasTask, hasRes bool
	units           float64
	work, overtime  int64
	contour         int64
	actualWork      int64
	cost, actual    int64 // hundredths
	has             CostFields
	timephased      bool
}

// assignment reads Project/Assignments/Assignment.
func (d *decoder) assignment() error {
	a := rawAssignment{line: d.lx.tokLine, units: 1}
	for {
		d.ctx = "Assignment"
		ok, err := d.child()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.lx.name) {
		case "TaskUID":
			a.task, err = d.uid()
			a.hasTask = true
		case "ResourceUID":
			a.resource, err = d.uid()
			a.hasRes = true
		case "Units":
			a.units, err = d.float()
		case "Work":
			a.work, err = d.duration()
		case "OvertimeWork":
			a.overtime, err = d.duration()
		case "WorkContour":
			a.contour, err = d.int()
		case "ActualWork":
			a.actualWork, err = d.duration()
		case "Cost":
			a.cost, err = d.scaled(0)
			a.has |= HasCost
		case "ActualCost":
			a.actual, err = d.scaled(0)
			a.has |= HasActualCost
		case "TimephasedData":
			a.timephased = true
			err = d.skip()
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	if !a.hasTask || !a.hasRes {
		return d.f.At(a.line, "missing", "an Assignment needs a TaskUID and a ResourceUID")
	}
	d.assigns = append(d.assigns, a)
	return nil
}
