package planfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/planfile"
)

// FuzzParse checks that no input makes Parse panic and that every plan
// Parse accepts survives Write and Parse unchanged. The interesting inputs
// found so far are kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add(demo.Source)
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range roundTripCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range errorCases {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := planfile.Parse("fuzz.yaml", data); err != nil {
			return
		}
		roundTrip(t, "fuzz.yaml", data)
	})
}
