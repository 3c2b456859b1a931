// Package planfile reads and writes Cairn's plan-as-code format: a whole
// project — calendars, resources and a nested task tree with dependencies —
// in one YAML file a person can write by hand, review in a diff and keep in
// version control. docs/plan-format.md is the reference.
//
// Parse turns a file into a validated *domain.Plan; Write turns a plan back
// into the same format, so Parse(Write(p)) gives p again. Every error Parse
// returns is a *domain.Error whose Detail starts with "FILE:LINE: " and
// whose Field is a path such as "tasks.survey.duration".
package planfile

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest plan file Parse accepts, in bytes. A plan of
// thousands of tasks is a few hundred kilobytes; the limit keeps a
// mistaken upload from exhausting memory.
const MaxSize = 32 << 20

// Parse reads a plan file. filename is only used in error messages; data
// must be UTF-8 YAML no larger than MaxSize. IDs in the plan are local to it:
// the project is 1, calendars, tasks (depth first, in document order) and
// resources are numbered from 1, and the project calendar is calendar 1.
// The plan is validated (domain.Plan.Validate) before it is returned.
func Parse(filename string, data []byte) (*domain.Plan, error) {
	if filename == "" {
		filename = "plan.yaml"
	}
	d := newDecoder(filename)
	if len(data) > MaxSize {
		return nil, d.errAt(1, "", "too_large", "the file is %d MiB; plan files are limited to %d MiB",
			(len(data)+1<<20-1)>>20, MaxSize>>20)
	}
	root, err := d.readYAML(data)
	if err != nil {
		return nil, err
	}
	if err := d.decodePlan(root); err != nil {
		return nil, err
	}
	if err := d.plan.Validate(); err != nil {
		return nil, d.locate(err)
	}
	return d.plan, nil
}

// ParseFile reads and parses the plan file at path, naming path in errors.
// Failing to read the file is reported as the operating system's error.
func ParseFile(path string) (*domain.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("planfile: %w", err)
	}
	defer f.Close()
	// Read one byte past the limit so that Parse can refuse an oversized
	// file without the whole of it being read into memory.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("planfile: reading %s: %w", path, err)
	}
	return Parse(path, data)
}

// readYAML parses data into a node tree, refusing what a plan file may not
// hold: invalid UTF-8, control characters, several documents and aliases.
func (d *decoder) readYAML(data []byte) (root *yaml.Node, err error) {
	if err := d.checkText(data); err != nil {
		return nil, err
	}
	defer func() {
		// The YAML library reports its own errors by panicking and
		// recovering; anything else escaping it is a bug in the library,
		// which must not bring down a server reading an upload.
		if r := recover(); r != nil {
			root, err = nil, d.errAt(1, "", "yaml_syntax", "the YAML parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, d.errAt(1, "", "empty", "the file is empty; a plan starts with project: and its key, name and start")
		}
		return nil, d.syntaxError(data, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, d.errAt(next.Line, "", "multiple_documents", "a plan file holds one YAML document; remove the second ---")
	case err != io.EOF:
		return nil, d.syntaxError(data, err)
	}
	if a := findAlias(&doc); a != nil {
		return nil, d.errAt(a.Line, "", "alias", "aliases (*%s) are not allowed in plan files; write the value out in full", a.Value)
	}
	root = &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	if isNull(root) {
		return nil, d.errAt(root.Line, "", "empty", "the file is empty; a plan starts with project: and its key, name and start")
	}
	return root, nil
}

// findAlias returns the first alias node under n, without following any:
// following them is what makes "billion laughs" documents explode.
func findAlias(n *yaml.Node) *yaml.Node {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			return n
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	return nil
}
