package domain

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestAvailability(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2027, m, day, 0, 0, 0, 0, time.UTC) }
	r := Resource{Name: "Bob", Kind: Work, MaxUnits: 1, Availability: []Availability{
		{From: d(4, 1), Units: 2},                 // the team doubles for good from April
		{From: d(3, 1), To: d(3, 15), Units: 0.5}, // half-time for two weeks
	}}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		at   time.Time
		want float64
	}{{d(2, 28), 1}, {d(3, 1), 0.5}, {d(3, 14).Add(23 * time.Hour), 0.5}, {d(3, 15), 1}, {d(4, 1), 2}, {d(12, 31), 2}} {
		if got := r.UnitsAt(tt.at); got != tt.want {
			t.Errorf("UnitsAt(%s) = %g, want %g", tt.at, got, tt.want)
		}
	}
	if r.PeakUnits() != 2 {
		t.Errorf("PeakUnits = %g", r.PeakUnits())
	}
	bad := []struct {
		name  string
		avail []Availability
		code  string
	}{
		{"no start", []Availability{{Units: 1}}, "required"},
		{"ends before it starts", []Availability{{From: d(3, 2), To: d(3, 1), Units: 1}}, "invalid_period"},
		{"negative units", []Availability{{From: d(3, 1), Units: -1}}, "invalid_units"},
		{"NaN units", []Availability{{From: d(3, 1), Units: math.NaN()}}, "invalid_units"},
		{"overlap", []Availability{{From: d(3, 1), To: d(3, 10), Units: 1}, {From: d(3, 5), Units: 1}}, "overlapping_periods"},
		{"open-ended then more", []Availability{{From: d(3, 1), Units: 1}, {From: d(4, 1), Units: 1}}, "overlapping_periods"},
	}
	for _, b := range bad {
		r := Resource{Name: "X", Kind: Work, MaxUnits: 1, Availability: b.avail}
		var e *Error
		if err := r.Validate(); err == nil || !errors.As(err, &e) || e.Code != b.code {
			t.Errorf("%s: %v, want %s", b.name, err, b.code)
		}
	}
}

func TestContours(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Contour
		mean float64
	}{{"", Flat, 1}, {"Back-loaded", BackLoaded, 0.6}, {"front loaded", FrontLoaded, 0.6}, {"bell", Bell, 0.5}, {"turtle", Turtle, 0.7}} {
		c, err := ParseContour(tt.in)
		if err != nil || c != tt.want || math.Abs(c.Mean()-tt.mean) > 1e-9 {
			t.Errorf("ParseContour(%q) = %q, %v, mean %g; want %q, mean %g", tt.in, c, err, c.Mean(), tt.want, tt.mean)
		}
		if ContourOf(ContourCode(c)) != c {
			t.Errorf("%q does not survive its MSPDI code", c)
		}
	}
	if _, err := ParseContour("wavy"); err == nil {
		t.Error("an unknown contour was accepted")
	}
	a := Assignment{Task: 1, Resource: 1, Units: 1, Contour: "wavy"}
	if err := a.Validate(); err == nil {
		t.Error("an assignment with an unknown contour was accepted")
	}
}
