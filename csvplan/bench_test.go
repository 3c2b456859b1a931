package csvplan_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/csvplan"
)

// taskList writes a CSV task list of n rows: summaries of 10 tasks each,
// finish-to-start chains with an occasional start-to-start link and lag,
// two people per task.
func taskList(n int) []byte {
	var b strings.Builder
	b.WriteString("ID,Outline Level,Name,Duration,Start,Predecessors,Resource Names,% Complete,Notes\n")
	for i := 1; i <= n; i++ {
		if i%11 == 1 {
			fmt.Fprintf(&b, "%d,1,Phase %d,,,,,,\n", i, i/11+1)
			continue
		}
		pred := ""
		switch {
		case i%11 == 2 && i > 11:
			pred = fmt.Sprintf("%dSS+2d", i-10)
		case i%11 != 2:
			pred = fmt.Sprint(i - 1)
		}
		fmt.Fprintf(&b, "%d,2,Task %d of the rollout,%dd,2027-01-04,%s,Person %d[50%%];Person %d,%d%%,\"Check, then sign off\"\n",
			i, i, 1+i%5, pred, i%40, (i+7)%40, i%3*25)
	}
	return []byte(b.String())
}

// BenchmarkRead10000 reads a 10,000-row task list.
func BenchmarkRead10000(b *testing.B) {
	data := taskList(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := csvplan.Read(bytes.NewReader(data), "big.csv", csvplan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Plan.Tasks) != 10_000 {
			b.Fatalf("%d tasks", len(f.Plan.Tasks))
		}
	}
}
