package domain

import (
	"strings"
	"time"
)

// Accrual says when a cost is incurred over the span of its task: all at
// the start, all at the finish, or spread evenly over the working time in
// between. It is MS Project's "accrue at" (FixedCostAccrual on tasks,
// AccrueAt on resources). Empty means prorated, MS Project's default.
type Accrual string

// Accruals.
const (
	AccrueStart    Accrual = "start"
	AccrueProrated Accrual = "prorated"
	AccrueEnd      Accrual = "end"
)

// ParseAccrual reads an accrual in any case; "" is prorated.
func ParseAccrual(s string) (Accrual, error) {
	switch a := Accrual(strings.ToLower(strings.TrimSpace(s))); a {
	case "":
		return AccrueProrated, nil
	case AccrueStart, AccrueProrated, AccrueEnd:
		return a, nil
	case "finish":
		return AccrueEnd, nil
	}
	return "", Invalid("invalid_accrual", "", "%q is not an accrual (use start, prorated or end)", s)
}

// Or returns a, or prorated when a is empty.
func (a Accrual) Or() Accrual {
	if a == "" {
		return AccrueProrated
	}
	return a
}

// RateChange is a resource's rates from a date on: a row of MS Project's
// cost rate table A with its effective date. Before a resource's first
// change its Resource rates apply; each change holds until the next.
type RateChange struct {
	Resource     int64     // resource ID
	From         time.Time // project-local: the rates apply from this instant
	StandardRate int64     // minor units per hour (per unit for materials)
	OvertimeRate int64     // minor units per hour
	CostPerUse   int64     // minor units
}

// Validate checks r on its own.
func (r *RateChange) Validate() error {
	if r.Resource == 0 {
		return Invalid("required", "resource", "a rate change needs a resource")
	}
	if r.From.IsZero() {
		return Invalid("required", "from", "a rate change needs the date it applies from (YYYY-MM-DD)")
	}
	if r.StandardRate < 0 || r.OvertimeRate < 0 || r.CostPerUse < 0 {
		return Invalid("invalid_rate", "rate", "rates cannot be negative")
	}
	return nil
}
