package planfile_test

import (
	"testing"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/planfile"
)

func BenchmarkParseDemo(b *testing.B) {
	for b.Loop() {
		if _, err := planfile.Parse(demo.File, demo.Source); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteDemo(b *testing.B) {
	p, err := demo.Plan()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := planfile.Write(p); err != nil {
			b.Fatal(err)
		}
	}
}
