package schedule_test

import (
	"fmt"
	"testing"

	"github.com/cairnpm/cairn/schedule"
)

func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		p := schedule.SyntheticPlan(n, 1)
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := schedule.Compute(p, schedule.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSyntheticSchedules(t *testing.T) {
	p := schedule.SyntheticPlan(2_000, 7)
	res, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	critical := 0
	for _, tk := range res.Tasks {
		if tk.Critical && !tk.Summary {
			critical++
		}
		if tk.TotalFloat < 0 {
			t.Fatalf("%v: negative float without constraints", tk)
		}
		if tk.LateStart.Before(tk.EarlyStart) {
			t.Fatalf("%v: late start before early start", tk)
		}
	}
	if critical == 0 {
		t.Fatal("no critical path")
	}
}
