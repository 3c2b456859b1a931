// Package demo holds Cairn's demo plan, "Office network upgrade": a
// realistic infrastructure project to explore the product with and to test
// against.
package demo

import (
	_ "embed"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

// File is the demo plan file's name, for error messages and exports.
const File = "office-network.yaml"

// Source is the demo plan file as written, in the plan-file format.
//
//go:embed office-network.yaml
var Source []byte

// Plan parses the demo plan. Each call returns a new plan, which the caller
// may change.
func Plan() (*domain.Plan, error) {
	return planfile.Parse(File, Source)
}
