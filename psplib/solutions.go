package psplib

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Key names an instance within a PSPLIB set the way the solution files
// do: j3010_1.sm is parameter 10, instance 1 of set J30.
type Key struct {
	Parameter, Instance int
}

// Solutions maps instances to the makespans of a solutions file: the
// proven optima of j30opt.sm, or the best-known upper bounds of j30hrs.sm,
// j60hrs.sm and j120hrs.sm.
type Solutions map[Key]int

// ReadSolutions reads and parses a solutions file.
func ReadSolutions(path string) (Solutions, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("psplib: %w", err)
	}
	return ParseSolutions(filepath.Base(path), data)
}

// ParseSolutions reads a PSPLIB solutions file. Every line that begins
// with a number is an entry whose first three columns are the parameter,
// the instance and the makespan (further columns — CPU time, date,
// author — are ignored); other lines are headers and rules.
func ParseSolutions(name string, data []byte) (Solutions, error) {
	p := &parser{name: name}
	sol := Solutions{}
	for i, line := range strings.Split(string(data), "\n") {
		num := i + 1
		line = strings.TrimSpace(line)
		if !startsWithDigit(line) {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, p.errAt(num, "want parameter, instance and makespan, got %q", line)
		}
		var v [3]int
		for c, what := range []string{"parameter", "instance", "makespan"} {
			x, err := p.atoi(f[c], num, what)
			if err != nil {
				return nil, err
			}
			v[c] = x
		}
		key := Key{v[0], v[1]}
		if _, dup := sol[key]; dup {
			return nil, p.errAt(num, "parameter %d instance %d is listed twice", v[0], v[1])
		}
		sol[key] = v[2]
	}
	if len(sol) == 0 {
		return nil, p.errAt(1, "no solutions found (want lines of parameter, instance, makespan)")
	}
	return sol, nil
}

// InstanceKey reads the parameter and instance from an instance file name
// such as "j3010_1.sm", given the set name ("j30"); ok is false when the
// name does not follow the pattern.
func InstanceKey(name, set string) (Key, bool) {
	rest, ok := strings.CutPrefix(strings.ToLower(name), strings.ToLower(set))
	if !ok {
		return Key{}, false
	}
	rest = strings.TrimSuffix(rest, ".sm")
	par, inst, ok := strings.Cut(rest, "_")
	if !ok {
		return Key{}, false
	}
	a, err1 := strconv.Atoi(par)
	b, err2 := strconv.Atoi(inst)
	if err1 != nil || err2 != nil {
		return Key{}, false
	}
	return Key{a, b}, true
}

// SetName returns the PSPLIB set an instance belongs to, from its number
// of non-dummy jobs: "j30" for 32 jobs.
func SetName(jobs int) string {
	return "j" + strconv.Itoa(jobs-2)
}
