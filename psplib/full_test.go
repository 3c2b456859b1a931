package psplib_test

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/cairnpm/cairn/psplib"
)

// The full benchmark runs only on request, against a PSPLIB set on disk:
//
//	go test ./psplib -run TestFull -psplib.dir ../../shared/testdata/psplib/j30 -psplib.schedules 1000 -v
var (
	fullDir       = flag.String("psplib.dir", "", "PSPLIB directory of .sm files to benchmark (TestFull)")
	fullSchedules = flag.Int("psplib.schedules", 1000, "schedules per instance for TestFull")
	fullSeed      = flag.Uint64("psplib.seed", 1, "seed for TestFull")
	fullWorkers   = flag.Int("psplib.workers", 0, "workers for TestFull (0 = GOMAXPROCS)")
	fullJSON      = flag.String("psplib.json", "", "file to write TestFull's JSON report to")
)

func TestFull(t *testing.T) {
	if *fullDir == "" {
		t.Skip("set -psplib.dir to run the PSPLIB benchmark")
	}
	rep, err := psplib.Bench(context.Background(), *fullDir, *fullSchedules, *fullSeed, *fullWorkers)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteText(os.Stdout); err != nil {
		t.Fatal(err)
	}
	if *fullJSON != "" {
		f, err := os.Create(*fullJSON)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := rep.WriteJSON(f); err != nil {
			t.Fatal(err)
		}
	}
}
