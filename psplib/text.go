package psplib

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// WriteText writes the summary for people: the average deviations the
// literature reports, how many optima and best-known makespans were
// reached, and how long it took.
func (r *Report) WriteText(w io.Writer) error {
	s := r.Summary
	ew := &errWriter{w: w}
	ew.printf("PSPLIB %s: %d instances from %s, %d schedules each (seed %d, %d workers)\n",
		s.Set, s.Instances, s.Dir, s.Budget, s.Seed, s.Workers)
	ew.printf("  deviation from critical-path bound (MPM-Time): %6.2f%%\n", s.DevMPM)
	if s.WithOptimum > 0 {
		ew.printf("  deviation from optimum:                        %6.2f%%  (%d of %d optimal, %.1f%%)\n",
			s.DevOptimum, s.Optimal, s.WithOptimum, share(s.Optimal, s.WithOptimum))
	}
	if s.WithBestKnown > 0 {
		ew.printf("  deviation from best known:                     %6.2f%%  (%d of %d reached, %.1f%%)\n",
			s.DevBestKnown, s.BestKnownReached, s.WithBestKnown, share(s.BestKnownReached, s.WithBestKnown))
	}
	ew.printf("  schedules generated: %d; time: %s\n", s.Generated, s.Elapsed.Round(time.Millisecond))
	return ew.err
}

// WriteJSON writes the report's JSON form, {"results":[…]}, on one line.
func (r *Report) WriteJSON(w io.Writer) error {
	return json.NewEncoder(w).Encode(r)
}

func share(part, whole int) float64 {
	return 100 * float64(part) / float64(max(1, whole))
}

// errWriter keeps the first write error so a run of printf calls needs
// one check.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
