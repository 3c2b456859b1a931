package level_test

import (
	"math/rand/v2"
	"testing"

	"github.com/cairnpm/cairn/level"
)

// BenchmarkSolve levels a random 120-activity project with 1,000
// schedules on one worker, the size and budget of PSPLIB's J120 runs.
func BenchmarkSolve(b *testing.B) {
	p := randomProblem(rand.New(rand.NewPCG(9, 9)), 120, 4, 0.03)
	const schedules = 1000
	for b.Loop() {
		if _, err := level.Solve(b.Context(), p, level.Options{Schedules: schedules, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*schedules), "ns/schedule")
}
