package domain

import "time"

// MaxBaseline is the highest baseline number; MS Project keeps Baseline
// and Baseline1–10, and so does Cairn (0–10).
const MaxBaseline = 10

// Baseline is one task's saved plan in baseline Number: the dates,
// duration, work and cost it had when the baseline was taken. Variance is
// measured against it.
type Baseline struct {
	Number   int
	Task     int64 // task ID
	Start    time.Time
	Finish   time.Time
	Duration int64 // working minutes
	Work     int64 // working minutes
	Cost     int64 // minor units
}

// ValidateBaselineNumber checks that n is 0–10.
func ValidateBaselineNumber(n int) error {
	if n < 0 || n > MaxBaseline {
		return Invalid("invalid_baseline", "number", "baseline %d does not exist; use 0 to %d", n, MaxBaseline)
	}
	return nil
}
