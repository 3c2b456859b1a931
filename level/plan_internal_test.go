package level

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
)

// readPlan reads a plan file or an MS Project XML file.
func readPlan(t testing.TB, path string) *domain.Plan {
	t.Helper()
	if strings.HasSuffix(path, ".xml") {
		f, err := mspdi.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return f.Plan
	}
	p, err := planfile.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLevelledScheduleAgrees checks that the levelling's own placement of
// every task — links, lags, summaries, task and resource calendars —
// agrees with the schedule engine's placement of the levelled plan, on
// the demo plan, every MS Project file in testdata and generated plans.
func TestLevelledScheduleAgrees(t *testing.T) {
	files, _ := filepath.Glob("../testdata/mspdi/*.xml")
	more, _ := filepath.Glob("../testdata/mspdi/converted-from-mpp/*.xml")
	files = append(append([]string{"../demo/office-network.yaml"}, files...), more...)
	for _, path := range append(files, "generated-1", "generated-2", "enriched-1", "enriched-2") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			for _, within := range []bool{false, true} {
				var p *domain.Plan
				if seed, ok := strings.CutPrefix(path, "generated-"); ok {
					p = generatedPlan(300, 10, uint64(seed[0]))
				} else if seed, ok := strings.CutPrefix(path, "enriched-"); ok {
					p = enriched(300, 10, uint64(seed[0]))
				} else {
					p = readPlan(t, path)
				}
				l, dec, err := levelPlan(context.Background(), p, PlanOptions{Seed: 1, Schedules: 60, WithinSlack: within})
				if err != nil {
					t.Fatal(err)
				}
				net := dec.net
				ord := map[int64][2]int64{}
				for _, rt := range l.Result.Tasks {
					ord[rt.ID] = [2]int64{net.cal.Ordinal(rt.Start), net.cal.Ordinal(rt.Finish)}
				}
				bad := 0
				for k := range int32(len(net.kind)) {
					if net.kind[k] != kindLeaf || net.mode[k] == modeAsLate {
						continue
					}
					task := &p.Tasks[net.task[k]]
					got := ord[task.ID]
					if got != [2]int64{dec.s[k], dec.f[k]} {
						bad++
						if bad <= 5 {
							t.Errorf("within slack %v: %q: schedule puts it at %v–%v, levelling at %v–%v",
								within, task.Name, got[0], got[1], dec.s[k], dec.f[k])
						}
					}
				}
			}
		})
	}
}
