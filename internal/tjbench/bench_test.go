package tjbench_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/schedule"
)

// The benchmark files are large and made on demand (see doc.go), so the
// tests and benchmarks that use them run only when pointed at them.
var (
	benchDir = flag.String("tjbench.dir", "",
		"directory of generated projects: TestWriteBenchFiles writes PREFIX.xml for every PREFIX.json, "+
			"TestBenchDirAgainstTaskJuggler compares every PREFIX.json that has a PREFIX.ref.csv")
	benchPlan = flag.String("tjbench.plan", os.Getenv("CAIRN_TJBENCH_PLAN"),
		"PREFIX.json that BenchmarkEngine schedules (default $CAIRN_TJBENCH_PLAN)")
	benchXML = flag.String("tjbench.xml", os.Getenv("CAIRN_TJBENCH_XML"),
		"MS Project XML file that BenchmarkScheduleCommand reads and schedules (default $CAIRN_TJBENCH_XML)")
)

// projects lists the PREFIX.json files of -tjbench.dir, or skips.
func projects(t *testing.T) []string {
	if *benchDir == "" {
		t.Skip("no -tjbench.dir")
	}
	files, err := filepath.Glob(filepath.Join(*benchDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PREFIX.json in %s (%v)", *benchDir, err)
	}
	return files
}

// TestWriteBenchFiles writes every project of -tjbench.dir as MS Project
// XML next to its JSON, for timing `cairn schedule FILE.xml`.
func TestWriteBenchFiles(t *testing.T) {
	for _, path := range projects(t) {
		plan := loadPlan(t, path)
		out := strings.TrimSuffix(path, ".json") + ".xml"
		fh, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := mspdi.Write(fh, plan, nil); err != nil {
			t.Fatal(err)
		}
		if err := fh.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d tasks, %d links", out, len(plan.Tasks), len(plan.Dependencies))
	}
}

// TestBenchDirAgainstTaskJuggler compares Cairn with TaskJuggler on every
// cpm-mode project of -tjbench.dir that tj3 has scheduled.
func TestBenchDirAgainstTaskJuggler(t *testing.T) {
	for _, path := range projects(t) {
		prefix := strings.TrimSuffix(path, ".json")
		if _, err := os.Stat(prefix + ".ref.csv"); err != nil {
			continue
		}
		t.Run(filepath.Base(prefix), func(t *testing.T) { checkAgainst(t, prefix) })
	}
}

// BenchmarkEngine times schedule.Compute alone on the project of
// -tjbench.plan: validation, calendar compilation, the forward and backward
// passes and the result, but not reading a file.
func BenchmarkEngine(b *testing.B) {
	if *benchPlan == "" {
		b.Skip("no -tjbench.plan or CAIRN_TJBENCH_PLAN")
	}
	plan := loadPlan(b, *benchPlan)
	b.ReportMetric(float64(len(plan.Tasks)), "tasks")
	for b.Loop() {
		if _, err := schedule.Compute(plan, schedule.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScheduleCommand times what `cairn schedule --format json
// FILE.xml` does in-process, and each of its steps, on the file of
// -tjbench.xml: read the MSPDI file, schedule it, lay out the document and
// encode it as indented JSON.
func BenchmarkScheduleCommand(b *testing.B) {
	if *benchXML == "" {
		b.Skip("no -tjbench.xml or CAIRN_TJBENCH_XML")
	}
	read := func(b *testing.B) *mspdi.File {
		f, err := mspdi.ReadFile(*benchXML)
		if err != nil {
			b.Fatal(err)
		}
		return f
	}
	opt := func(f *mspdi.File) schedule.Options { // as cmd/cairn's mspdiOptions for Project 2010+ files
		return schedule.Options{CriticalSlack: f.CriticalSlackLimit}
	}
	compute := func(b *testing.B, f *mspdi.File) *schedule.Result {
		r, err := schedule.Compute(f.Plan, opt(f))
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	encode := func(b *testing.B, f *mspdi.File, r *schedule.Result) {
		w := bufio.NewWriter(io.Discard)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(schedule.NewDocument(f.Plan, r)); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			f := read(b)
			encode(b, f, compute(b, f))
		}
	})
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			read(b)
		}
	})
	b.Run("compute", func(b *testing.B) {
		f := read(b)
		for b.Loop() {
			compute(b, f)
		}
	})
	b.Run("encode", func(b *testing.B) {
		f := read(b)
		r := compute(b, f)
		for b.Loop() {
			encode(b, f, r)
		}
	})
}
