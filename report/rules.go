package report

import "fmt"

// Thresholds are where each area turns amber and red. A project can set
// its own; the zero value means DefaultThresholds.
type Thresholds struct {
	// SlipAmberDays and SlipRedDays: the forecast finish, or a milestone,
	// later than its baseline by this many working days.
	SlipAmberDays, SlipRedDays float64
	// IndexAmber and IndexRed: SPI(t) (or SPI without earned schedule)
	// and CPI below these.
	IndexAmber, IndexRed float64
	// OverrunAmberPct and OverrunRedPct: the forecast cost above the
	// budget by this share, in percent.
	OverrunAmberPct, OverrunRedPct float64
	// ScopeAmberPct and ScopeRedPct: tasks added since the baseline, in
	// percent of the tasks it holds.
	ScopeAmberPct, ScopeRedPct float64
	// RiskAmberPct and RiskRedPct: the worst open risk's score in percent
	// of the matrix's highest score (on a 5×5 matrix, 10 and 16 of 25).
	RiskAmberPct, RiskRedPct float64
	// ChanceAmberPct and ChanceRedPct: the Monte Carlo chance of meeting
	// the deadline below these, in percent.
	ChanceAmberPct, ChanceRedPct float64
}

// DefaultThresholds are the thresholds a project starts with.
func DefaultThresholds() Thresholds {
	return Thresholds{
		SlipAmberDays: 1, SlipRedDays: 10,
		IndexAmber: 0.95, IndexRed: 0.85,
		OverrunAmberPct: 5, OverrunRedPct: 10,
		ScopeAmberPct: 10, ScopeRedPct: 25,
		RiskAmberPct: 40, RiskRedPct: 64,
		ChanceAmberPct: 80, ChanceRedPct: 50,
	}
}

// orDefault returns t, or the defaults when t is the zero value.
func (t Thresholds) orDefault() Thresholds {
	if t == (Thresholds{}) {
		return DefaultThresholds()
	}
	return t
}

// Validate checks that each amber threshold comes before its red one.
func (t Thresholds) Validate() error {
	pairs := []struct {
		name       string
		amber, red float64
		higherBad  bool
	}{
		{"slip_days", t.SlipAmberDays, t.SlipRedDays, true},
		{"index", t.IndexAmber, t.IndexRed, false},
		{"overrun_pct", t.OverrunAmberPct, t.OverrunRedPct, true},
		{"scope_pct", t.ScopeAmberPct, t.ScopeRedPct, true},
		{"risk_pct", t.RiskAmberPct, t.RiskRedPct, true},
		{"chance_pct", t.ChanceAmberPct, t.ChanceRedPct, false},
	}
	for _, p := range pairs {
		if p.higherBad && p.amber > p.red || !p.higherBad && p.amber < p.red {
			return fmt.Errorf("thresholds: %s: amber %g is beyond red %g; amber must come first", p.name, p.amber, p.red)
		}
	}
	return nil
}

// grade levels a value that is bad when high (slip, overrun) against its
// amber and red thresholds.
func grade(v, amber, red float64) Level {
	switch {
	case v >= red:
		return Red
	case v >= amber:
		return Amber
	}
	return Green
}

// gradeLow levels a value that is bad when low (an index, a chance).
func gradeLow(v, amber, red float64) Level {
	switch {
	case v < red:
		return Red
	case v < amber:
		return Amber
	}
	return Green
}
