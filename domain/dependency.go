package domain

import (
	"strconv"
	"strings"
)

// DependencyType is how a successor's dates depend on its predecessor's.
type DependencyType string

// The four link types of the precedence diagramming method.
const (
	FS DependencyType = "FS" // successor starts after predecessor finishes
	SS DependencyType = "SS" // successor starts after predecessor starts
	FF DependencyType = "FF" // successor finishes after predecessor finishes
	SF DependencyType = "SF" // successor finishes after predecessor starts
)

// ParseDependencyType reads FS, SS, FF or SF in any case; "" means FS.
func ParseDependencyType(s string) (DependencyType, error) {
	switch t := DependencyType(strings.ToUpper(strings.TrimSpace(s))); t {
	case "":
		return FS, nil
	case FS, SS, FF, SF:
		return t, nil
	}
	return "", Invalid("invalid_dependency_type", "type", "%q is not a link type (use FS, SS, FF or SF)", s)
}

// Lag delays (positive) or overlaps (negative, a lead) a successor. It is
// working minutes, elapsed minutes, or a percentage of the predecessor's
// duration.
type Lag struct {
	Minutes int64 // working or elapsed minutes; unused when IsPercent
	Elapsed bool
	Percent int64 // percent of the predecessor's duration when IsPercent
	// IsPercent marks a percentage lag such as "50%" or "-25%".
	IsPercent bool
}

// ParseLag reads a lag: a signed duration ("2d", "-1d", "+4h", "3ed") or a
// signed percentage of the predecessor's duration ("50%", "-25%").
func ParseLag(s string, u Units) (Lag, error) {
	in := strings.TrimSpace(s)
	if in == "" || in == "0" {
		return Lag{}, nil
	}
	if rest, ok := strings.CutSuffix(in, "%"); ok {
		p, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(rest, "+")), 10, 64)
		if err != nil || p < -10000 || p > 10000 {
			return Lag{}, Invalid("invalid_lag", "lag", "%q is not a percentage lag (try 50%% or -25%%)", s)
		}
		return Lag{Percent: p, IsPercent: true}, nil
	}
	d, err := parseSigned(in, u)
	if err != nil {
		return Lag{}, Invalid("invalid_lag", "lag", "%q is not a lag (try 2d, -1d for a lead, 4h, 3ed or 50%%)", s)
	}
	return Lag{Minutes: d.Minutes, Elapsed: d.Elapsed}, nil
}

// Format writes l so that ParseLag reads it back: "2d", "-1d", "50%", "3ed".
// A zero lag is "0d".
func (l Lag) Format(u Units) string {
	if l.IsPercent {
		return strconv.FormatInt(l.Percent, 10) + "%"
	}
	if l.Minutes < 0 {
		return "-" + Duration{Minutes: -l.Minutes, Elapsed: l.Elapsed}.Format(u)
	}
	return Duration{Minutes: l.Minutes, Elapsed: l.Elapsed}.Format(u)
}

// IsZero reports whether l has no effect.
func (l Lag) IsZero() bool {
	if l.IsPercent {
		return l.Percent == 0
	}
	return l.Minutes == 0
}

// Dependency links a predecessor task to a successor task.
type Dependency struct {
	ID          int64
	ProjectID   int64
	Predecessor int64 // task ID
	Successor   int64 // task ID
	Type        DependencyType
	Lag         Lag
	Version     int64
}

// Validate checks d on its own; that both tasks exist and that no cycle
// forms is checked against the whole plan (see Plan.Validate).
func (d *Dependency) Validate() error {
	if d.Predecessor == 0 {
		return Invalid("required", "predecessor", "predecessor is required: give the id of the task that comes first")
	}
	if d.Successor == 0 {
		return Invalid("required", "successor", "successor is required: give the id of the task that follows")
	}
	if d.Predecessor == d.Successor {
		return Invalid("self_dependency", "successor", "a task cannot depend on itself; pick a different successor")
	}
	if _, err := ParseDependencyType(string(d.Type)); err != nil {
		return err
	}
	return nil
}
