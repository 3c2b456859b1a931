package xer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/xer"
)

// BenchmarkReadTestXer reads P6's sample export (83 activities, 86
// relationships, 12 calendars, 90 assignments; 66 KiB).
func BenchmarkReadTestXer(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "primavera", "testXer.xer"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xer.Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
