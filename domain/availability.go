package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Availability is a resource's maximum units over a period — a contractor
// at 50% in March, a team that doubles for the roll-out. It runs from From
// (inclusive) to To (exclusive; zero: for good). Outside every period the
// resource's MaxUnits apply.
type Availability struct {
	From, To time.Time
	Units    float64
}

// UnitsAt returns r's maximum units at t.
func (r *Resource) UnitsAt(t time.Time) float64 {
	for _, a := range r.Availability {
		if !t.Before(a.From) && (a.To.IsZero() || t.Before(a.To)) {
			return a.Units
		}
	}
	return r.MaxUnits
}

// PeakUnits returns the most units r is ever available at.
func (r *Resource) PeakUnits() float64 {
	peak := r.MaxUnits
	for _, a := range r.Availability {
		peak = max(peak, a.Units)
	}
	return peak
}

// validateAvailability checks that the periods are well formed and do not
// overlap, and sorts them by start.
func (r *Resource) validateAvailability() error {
	slices.SortStableFunc(r.Availability, func(a, b Availability) int { return a.From.Compare(b.From) })
	for i, a := range r.Availability {
		field := "availability[" + strconv.Itoa(i) + "]"
		switch {
		case a.From.IsZero():
			return Invalid("required", field+".from", "an availability period needs a start date")
		case !a.To.IsZero() && !a.To.After(a.From):
			return Invalid("invalid_period", field+".to", "the period ends (%s) before it starts (%s)", FormatDate(a.To), FormatDate(a.From))
		case !(a.Units >= 0 && a.Units <= 1000):
			return Invalid("invalid_units", field+".units", "units must be between 0%% and 100000%%")
		case i > 0 && (r.Availability[i-1].To.IsZero() || r.Availability[i-1].To.After(a.From)):
			return Invalid("overlapping_periods", field, "the period from %s overlaps the one before it; end that one first", FormatDate(a.From))
		}
	}
	return nil
}

// Contour is how an assignment's work is spread over the task: evenly
// (flat), or shaped, as MS Project's work contours are.
type Contour string

// The contours. Each shapes the units in ten equal parts of the task's
// working time, as a share of the assignment's units (see Pattern).
const (
	Flat        Contour = "flat"
	BackLoaded  Contour = "back-loaded"
	FrontLoaded Contour = "front-loaded"
	DoublePeak  Contour = "double-peak"
	EarlyPeak   Contour = "early-peak"
	LatePeak    Contour = "late-peak"
	Bell        Contour = "bell"
	Turtle      Contour = "turtle"
)

// contours are MS Project's patterns, in percent of peak units per tenth
// of the assignment, in MSPDI WorkContour order (0 flat … 7 turtle).
var contours = []struct {
	name    Contour
	pattern [10]float64
}{
	{Flat, [10]float64{100, 100, 100, 100, 100, 100, 100, 100, 100, 100}},
	{BackLoaded, [10]float64{10, 15, 25, 50, 50, 75, 75, 100, 100, 100}},
	{FrontLoaded, [10]float64{100, 100, 100, 75, 75, 50, 50, 25, 15, 10}},
	{DoublePeak, [10]float64{25, 100, 50, 50, 100, 100, 50, 50, 100, 25}},
	{EarlyPeak, [10]float64{25, 50, 100, 100, 100, 75, 50, 25, 15, 10}},
	{LatePeak, [10]float64{10, 15, 25, 50, 75, 100, 100, 100, 50, 25}},
	{Bell, [10]float64{10, 20, 40, 80, 100, 100, 80, 40, 20, 10}},
	{Turtle, [10]float64{25, 50, 75, 100, 100, 100, 100, 75, 50, 25}},
}

// ParseContour reads a contour by name, case-insensitively; "" is flat.
func ParseContour(s string) (Contour, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Flat, nil
	}
	for _, c := range contours {
		if string(c.name) == s || strings.ReplaceAll(string(c.name), "-", "") == strings.ReplaceAll(s, " ", "") {
			return c.name, nil
		}
	}
	return "", Invalid("invalid_contour", "contour", "%q is not a work contour (use flat, back-loaded, front-loaded, double-peak, early-peak, late-peak, bell or turtle)", s)
}

// ContourCode is the contour's MSPDI WorkContour number, and ContourOf its
// inverse (unknown numbers, such as 8 "contoured" by hand, are flat).
func ContourCode(c Contour) int {
	for i, k := range contours {
		if k.name == c {
			return i
		}
	}
	return 0
}

// ContourOf returns the contour with MSPDI WorkContour number n.
func ContourOf(n int) Contour {
	if n >= 0 && n < len(contours) {
		return contours[n].name
	}
	return Flat
}

// Pattern returns the contour's units in each tenth of the assignment, as
// a share (0–1) of the assignment's units. An unknown contour is flat.
func (c Contour) Pattern() [10]float64 {
	var out [10]float64
	p := contours[ContourCode(c)].pattern
	for i, v := range p {
		out[i] = v / 100
	}
	return out
}

// Mean is the contour's average share of the assignment's units: the work
// it does over a span, relative to a flat assignment.
func (c Contour) Mean() float64 {
	sum := 0.0
	for _, v := range c.Pattern() {
		sum += v
	}
	return sum / 10
}
