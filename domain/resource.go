package domain

import "strings"

// ResourceKind says what a resource is and how its cost accrues.
type ResourceKind string

// Resource kinds.
const (
	Work     ResourceKind = "work"     // people and equipment: time-based
	Material ResourceKind = "material" // consumed by quantity
	Cost     ResourceKind = "cost"     // a fixed amount per assignment (travel, licences)
)

// Resource is a person, a piece of equipment, a material or a cost.
// Rates are money in minor units of the project currency, per hour
// (standard, overtime) or per use.
type Resource struct {
	ID           int64
	ProjectID    int64
	UID          int64
	Ref          string // plan-file handle ("alice")
	Name         string
	Kind         ResourceKind
	Email        string
	Group        string
	MaxUnits     float64 // 1.0 = 100% of one full-time resource
	CalendarID   int64   // 0: the project calendar
	StandardRate int64   // minor units per hour
	OvertimeRate int64   // minor units per hour
	CostPerUse   int64   // minor units
	// Accrual says when the cost of the resource's work is incurred on
	// each task; cost per use is always incurred at the start.
	Accrual Accrual
	// Availability changes MaxUnits over dated periods.
	Availability []Availability
	Version      int64
}

// Normalize fills defaults.
func (r *Resource) Normalize() {
	r.Name = strings.TrimSpace(r.Name)
	if r.Kind == "" {
		r.Kind = Work
	}
	if r.MaxUnits == 0 && r.Kind == Work {
		r.MaxUnits = 1
	}
}

// Validate checks r.
func (r *Resource) Validate() error {
	if r.Name == "" {
		return Invalid("required", "name", "resource name is required")
	}
	switch r.Kind {
	case Work, Material, Cost:
	default:
		return Invalid("invalid_kind", "kind", "%q is not a resource kind (use work, material or cost)", r.Kind)
	}
	if !(r.MaxUnits >= 0 && r.MaxUnits <= 1000) { // also refuses NaN
		return Invalid("invalid_units", "max_units", "max units must be between 0%% and 100000%%")
	}
	if r.StandardRate < 0 || r.OvertimeRate < 0 || r.CostPerUse < 0 {
		return Invalid("invalid_rate", "rate", "rates cannot be negative")
	}
	if _, err := ParseAccrual(string(r.Accrual)); err != nil {
		return WithField(err, "accrual")
	}
	return r.validateAvailability()
}

// Assignment puts a resource on a task at some units (1.0 = 100%).
type Assignment struct {
	ID        int64
	ProjectID int64
	Task      int64 // task ID
	Resource  int64 // resource ID
	Units     float64
	Work      int64 // working minutes; 0: derived from duration × units
	// OvertimeWork is the part of Work done as overtime, outside the
	// resource's working time: it counts as work but does not lengthen
	// the assignment.
	OvertimeWork int64
	// Cost is the amount of a cost resource's assignment (travel, a
	// licence), in minor units; work and material resources cost their
	// rates instead and leave it 0.
	Cost int64
	// Contour shapes the work over the task; "" is flat.
	Contour Contour
	Version int64
}

// Validate checks a on its own.
func (a *Assignment) Validate() error {
	if a.Task == 0 {
		return Invalid("required", "task", "assignment needs a task")
	}
	if a.Resource == 0 {
		return Invalid("required", "resource", "assignment needs a resource")
	}
	if !(a.Units >= 0 && a.Units <= 1000) { // also refuses NaN
		return Invalid("invalid_units", "units", "units must be between 0%% and 100000%%")
	}
	if a.Work < 0 {
		return Invalid("invalid_work", "work", "work cannot be negative")
	}
	if a.OvertimeWork < 0 || a.OvertimeWork > a.Work {
		return Invalid("invalid_overtime", "overtime_work", "overtime must be between 0 and the assignment's work")
	}
	if a.Contour != "" && a.Contour != Flat {
		if _, err := ParseContour(string(a.Contour)); err != nil || ContourCode(a.Contour) == 0 {
			return Invalid("invalid_contour", "contour", "%q is not a work contour (use flat, back-loaded, front-loaded, double-peak, early-peak, late-peak, bell or turtle)", a.Contour)
		}
	}
	return nil
}
