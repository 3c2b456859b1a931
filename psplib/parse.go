package psplib

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
)

// Instance is one single-mode RCPSP instance read from a PSPLIB .sm file.
type Instance struct {
	// Name is the file's base name, such as "j3010_1.sm".
	Name string
	// Jobs counts the jobs, the dummy source and sink included.
	Jobs int
	// Horizon is the file's upper bound on the makespan (the sum of the
	// durations).
	Horizon int
	// MPMTime is the critical-path length the file states, the lower bound
	// that PSPLIB results are measured against for J60 and J120.
	MPMTime int
	// Problem holds the jobs in file order: job number k is activity k−1.
	Problem level.Problem
}

// Limits that keep a hostile file from making the parser allocate wildly.
const (
	maxJobs      = 100_000
	maxResources = 1_000
	maxNumber    = 1 << 30
)

// ParseFile reads and parses a .sm file.
func ParseFile(path string) (*Instance, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("psplib: %w", err)
	}
	return Parse(filepath.Base(path), data)
}

// Parse reads a PSPLIB single-mode instance (.sm). Name is used in error
// messages, which say file:line and what was expected there. The header
// fields "jobs", "horizon" and the resource counts, the PROJECT
// INFORMATION line (for the MPM-Time), the PRECEDENCE RELATIONS, the
// REQUESTS/DURATIONS and the RESOURCEAVAILABILITIES sections are read;
// everything else is ignored.
func Parse(name string, data []byte) (*Instance, error) {
	p := &parser{name: name, lines: strings.Split(string(data), "\n")}
	return p.parse()
}

// sectionNames are the sections Parse reads, as their title lines begin.
var sectionNames = []string{"PROJECT INFORMATION", "PRECEDENCE RELATIONS", "REQUESTS/DURATIONS", "RESOURCEAVAILABILITIES"}

type parser struct {
	name  string
	lines []string
	i     int // index of the next line
	inst  Instance
	// Line numbers of the section entries, for messages about them.
	succLines, requestLines []int
	capacityLine            int
	// renewable is the number of renewable resources the header declares,
	// -1 until seen.
	renewable int
}

// errAt returns an invalid-input error at a 1-based line.
func (p *parser) errAt(line int, format string, args ...any) error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   "invalid_psplib",
		Detail: fmt.Sprintf("%s:%d: ", p.name, line) + fmt.Sprintf(format, args...),
	}
}

// next returns the next line, trimmed, with its 1-based number.
func (p *parser) next() (string, int, bool) {
	if p.i >= len(p.lines) {
		return "", len(p.lines), false
	}
	p.i++
	return strings.TrimSpace(p.lines[p.i-1]), p.i, true
}

func (p *parser) parse() (*Instance, error) {
	p.inst = Instance{Name: p.name, Jobs: -1, MPMTime: -1}
	p.renewable = -1
	seen := map[string]bool{}
	for {
		line, num, ok := p.next()
		if !ok {
			break
		}
		upper := strings.ToUpper(line)
		section := ""
		for _, name := range sectionNames {
			if strings.HasPrefix(upper, name) {
				section = name
			}
		}
		if section != "" {
			if seen[section] {
				return nil, p.errAt(num, "section %s appears twice", section)
			}
			seen[section] = true
		}
		var err error
		switch section {
		case "PROJECT INFORMATION":
			err = p.projectInfo()
		case "PRECEDENCE RELATIONS":
			err = p.precedences()
		case "REQUESTS/DURATIONS":
			err = p.requests()
		case "RESOURCEAVAILABILITIES":
			err = p.availabilities()
		default:
			if strings.Contains(line, ":") {
				err = p.header(line, num)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return p.finish()
}

// header reads a "key : value" line of the file's head.
func (p *parser) header(line string, num int) error {
	key, value, _ := strings.Cut(line, ":")
	key = strings.ToLower(strings.TrimSpace(key))
	fields := strings.Fields(value)
	var target *int
	switch {
	case strings.HasPrefix(key, "jobs"):
		target = &p.inst.Jobs
	case key == "horizon":
		target = &p.inst.Horizon
	case key == "- renewable":
		target = &p.renewable
	case key == "- nonrenewable", key == "- doubly constrained":
		if len(fields) > 0 && fields[0] != "0" {
			return p.errAt(num, "%s resources are not supported (single-mode RCPSP has renewable resources only)", strings.TrimPrefix(key, "- "))
		}
		return nil
	default:
		return nil
	}
	if len(fields) == 0 {
		return p.errAt(num, "%q has no value", key)
	}
	v, err := p.atoi(fields[0], num, key)
	if err != nil {
		return err
	}
	*target = v
	return nil
}

// atoi parses a non-negative integer field.
func (p *parser) atoi(s string, num int, what string) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 || v > maxNumber {
		return 0, p.errAt(num, "%s: %q is not a whole number from 0 to %d", what, s, maxNumber)
	}
	return v, nil
}

// ints parses every field of a line as a non-negative integer.
func (p *parser) ints(line string, num int, what string) ([]int, error) {
	fields := strings.Fields(line)
	out := make([]int, len(fields))
	for i, f := range fields {
		v, err := p.atoi(f, num, what)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// dataLine returns the next line that is neither blank nor a header of
// column names nor a rule of dashes; it stops (ok false) at a rule of
// asterisks or the end of the file.
func (p *parser) dataLine() (string, int, bool) {
	for {
		line, num, ok := p.next()
		switch {
		case !ok:
			return "", num, false
		case strings.HasPrefix(line, "*"):
			p.i--
			return "", num, false
		case line == "", strings.HasPrefix(line, "-"), !startsWithDigit(line):
			continue
		}
		return line, num, true
	}
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func (p *parser) projectInfo() error {
	line, num, ok := p.dataLine()
	if !ok {
		return p.errAt(num, "PROJECT INFORMATION has no data line (pronr. #jobs rel.date duedate tardcost MPM-Time)")
	}
	v, err := p.ints(line, num, "PROJECT INFORMATION")
	if err != nil {
		return err
	}
	if len(v) != 6 {
		return p.errAt(num, "PROJECT INFORMATION: want 6 numbers (pronr. #jobs rel.date duedate tardcost MPM-Time), got %d", len(v))
	}
	p.inst.MPMTime = v[5]
	return nil
}

// precedences reads "jobnr. #modes #successors successors…" lines.
func (p *parser) precedences() error {
	pr := &p.inst.Problem
	for {
		line, num, ok := p.dataLine()
		if !ok {
			return nil
		}
		v, err := p.ints(line, num, "PRECEDENCE RELATIONS")
		if err != nil {
			return err
		}
		if len(v) < 3 {
			return p.errAt(num, "PRECEDENCE RELATIONS: want jobnr. #modes #successors successors…, got %d numbers", len(v))
		}
		job, modes, count := v[0], v[1], v[2]
		if job != len(pr.Succ)+1 {
			return p.errAt(num, "PRECEDENCE RELATIONS: job %d out of order (want job %d)", job, len(pr.Succ)+1)
		}
		if job > maxJobs {
			return p.errAt(num, "more than %d jobs", maxJobs)
		}
		if modes != 1 {
			return p.errAt(num, "job %d has %d modes; only single-mode (.sm) instances are supported", job, modes)
		}
		if count != len(v)-3 {
			return p.errAt(num, "job %d declares %d successors but lists %d", job, count, len(v)-3)
		}
		succ := make([]int, count)
		for i, s := range v[3:] {
			if s < 1 || s == job {
				return p.errAt(num, "job %d: %d is not a valid successor", job, s)
			}
			succ[i] = s - 1
		}
		pr.Succ = append(pr.Succ, succ)
		p.succLines = append(p.succLines, num)
	}
}

// requests reads "jobnr. mode duration R 1 … R k" lines.
func (p *parser) requests() error {
	pr := &p.inst.Problem
	for {
		line, num, ok := p.dataLine()
		if !ok {
			return nil
		}
		v, err := p.ints(line, num, "REQUESTS/DURATIONS")
		if err != nil {
			return err
		}
		if len(v) < 3 {
			return p.errAt(num, "REQUESTS/DURATIONS: want jobnr. mode duration and one request per resource, got %d numbers", len(v))
		}
		job := v[0]
		if job != len(pr.Durations)+1 {
			return p.errAt(num, "REQUESTS/DURATIONS: job %d out of order (want job %d)", job, len(pr.Durations)+1)
		}
		if job > maxJobs || len(v)-3 > maxResources {
			return p.errAt(num, "too large: at most %d jobs and %d resources", maxJobs, maxResources)
		}
		if v[1] != 1 {
			return p.errAt(num, "job %d: mode %d; only single-mode (.sm) instances are supported", job, v[1])
		}
		if len(pr.Demand) > 0 && len(v)-3 != len(pr.Demand[0]) {
			return p.errAt(num, "job %d has %d resource requests, job 1 has %d", job, len(v)-3, len(pr.Demand[0]))
		}
		pr.Durations = append(pr.Durations, v[2])
		pr.Demand = append(pr.Demand, v[3:])
		p.requestLines = append(p.requestLines, num)
	}
}

// availabilities reads the line of resource capacities.
func (p *parser) availabilities() error {
	line, num, ok := p.dataLine()
	if !ok {
		return p.errAt(num, "RESOURCEAVAILABILITIES has no line of capacities")
	}
	v, err := p.ints(line, num, "RESOURCEAVAILABILITIES")
	if err != nil {
		return err
	}
	if len(v) > maxResources {
		return p.errAt(num, "more than %d resources", maxResources)
	}
	p.inst.Problem.Capacity = v
	p.capacityLine = num
	return nil
}

// finish checks that the sections agree with each other and the header.
func (p *parser) finish() (*Instance, error) {
	pr := &p.inst.Problem
	end := len(p.lines)
	if end > 0 && strings.TrimSpace(p.lines[end-1]) == "" {
		end-- // the empty string after the final newline is no line
	}
	switch {
	case p.inst.Jobs < 0:
		return nil, p.errAt(end, `missing header line "jobs (incl. supersource/sink ): N"`)
	case p.succLines == nil:
		return nil, p.errAt(end, "missing section PRECEDENCE RELATIONS")
	case p.requestLines == nil:
		return nil, p.errAt(end, "missing section REQUESTS/DURATIONS")
	case p.capacityLine == 0:
		return nil, p.errAt(end, "missing section RESOURCEAVAILABILITIES")
	case p.inst.MPMTime < 0:
		return nil, p.errAt(end, "missing section PROJECT INFORMATION (with the MPM-Time)")
	}
	n := p.inst.Jobs
	if len(pr.Succ) != n {
		return nil, p.errAt(p.succLines[len(p.succLines)-1], "PRECEDENCE RELATIONS lists %d jobs, the header says %d", len(pr.Succ), n)
	}
	if len(pr.Durations) != n {
		return nil, p.errAt(p.requestLines[len(p.requestLines)-1], "REQUESTS/DURATIONS lists %d jobs, the header says %d", len(pr.Durations), n)
	}
	k := len(pr.Capacity)
	if p.renewable >= 0 && p.renewable != k {
		return nil, p.errAt(p.capacityLine, "%d capacities, the header says %d renewable resources", k, p.renewable)
	}
	if len(pr.Demand[0]) != k {
		return nil, p.errAt(p.requestLines[0], "%d resource requests per job, but %d capacities", len(pr.Demand[0]), k)
	}
	for j, succ := range pr.Succ {
		for _, s := range succ {
			if s >= n {
				return nil, p.errAt(p.succLines[j], "job %d: successor %d does not exist (jobs 1..%d)", j+1, s+1, n)
			}
		}
	}
	for j, row := range pr.Demand {
		for r, q := range row {
			if q > pr.Capacity[r] && pr.Durations[j] > 0 {
				return nil, p.errAt(p.requestLines[j], "job %d requests %d units of R %d, which has %d", j+1, q, r+1, pr.Capacity[r])
			}
		}
	}
	if job := cyclic(pr.Succ); job >= 0 {
		return nil, p.errAt(p.succLines[job], "job %d lies on a cycle of precedences", job+1)
	}
	inst := p.inst
	return &inst, nil
}

// cyclic returns a job on a precedence cycle, or -1 when there is none.
func cyclic(succ [][]int) int {
	indeg := make([]int, len(succ))
	for _, ss := range succ {
		for _, s := range ss {
			indeg[s]++
		}
	}
	queue := []int{}
	for j, d := range indeg {
		if d == 0 {
			queue = append(queue, j)
		}
	}
	for len(queue) > 0 {
		j := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, s := range succ[j] {
			indeg[s]--
			if indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	for j, d := range indeg {
		if d > 0 {
			return j
		}
	}
	return -1
}
