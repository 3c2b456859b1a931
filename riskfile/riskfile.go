// Package riskfile reads a risk file: the three-point estimates, risk
// events and correlation groups of a plan, kept beside the plan file (see
// docs/risk-format.md) and fed to the Monte Carlo engine in package risk.
//
//	tasks:
//	  survey: 4d 5d 8d                      # triangular
//	  hld: {estimate: 4d 5d 9d, dist: pert}
//	  lead-time: {dist: lognormal, p10: 21ed, p90: 42ed}
//	groups:
//	  - {name: Design team, correlation: 0.6, tasks: [hld, lld]}
//	events:
//	  - id: R1
//	    name: Switches arrive late
//	    probability: 25%
//	    tasks: [staging-lab]
//	    delay: 2d 10d
//	    cost: 0 1500.00
//
// Every error is a *domain.Error whose Detail starts with "FILE:LINE: ".
package riskfile

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest risk file Parse accepts, in bytes.
const MaxSize = 8 << 20

// Risks is what a risk file says about a plan, with tasks named by ID.
type Risks struct {
	Estimates map[int64]risk.Estimate
	Groups    []risk.Group
	Events    []risk.Event
}

// ParseFile reads the risk file at path for plan p.
func ParseFile(path string, p *domain.Plan) (*Risks, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("riskfile: %w", err)
	}
	return Parse(path, data, p)
}

// Parse reads a risk file for plan p, which must have been validated.
// filename is used in error messages only. Tasks are named by their
// plan-file id (ref) or, for plans without ids such as MS Project files,
// by their unique ID (uid) as a number.
func Parse(filename string, data []byte, p *domain.Plan) (*Risks, error) {
	d := &decoder{file: filename, plan: p, units: p.Project.Units.OrDefault(),
		byRef: map[string]int{}, byUID: map[int64]int{}, summary: p.Summaries(),
		out: &Risks{Estimates: map[int64]risk.Estimate{}}}
	if len(data) > MaxSize {
		return nil, d.errAt(1, "too_large", "the file is larger than %d MiB", MaxSize>>20)
	}
	for i, t := range p.Tasks {
		if t.Ref != "" {
			d.byRef[t.Ref] = i
		}
		if t.UID != 0 {
			d.byUID[t.UID] = i
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, d.syntaxError(err)
	}
	if len(doc.Content) == 0 {
		return d.out, nil // an empty file: no risks
	}
	if err := noAliases(&doc, d); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, d.errAt(root.Line, "invalid_file", "a risk file is a mapping with tasks:, groups: and events:")
	}
	for k := 0; k+1 < len(root.Content); k += 2 {
		key, val := root.Content[k], root.Content[k+1]
		var err error
		switch key.Value {
		case "tasks":
			err = d.tasks(val)
		case "groups":
			err = d.groups(val)
		case "events":
			err = d.events(val)
		default:
			err = d.errAt(key.Line, "unknown_key", "unknown section %q (use tasks, groups or events)", short(key.Value))
		}
		if err != nil {
			return nil, err
		}
	}
	return d.out, nil
}

type decoder struct {
	file    string
	plan    *domain.Plan
	units   domain.Units
	byRef   map[string]int
	byUID   map[int64]int
	summary map[int64]bool
	out     *Risks
}

func (d *decoder) errAt(line int, code, format string, args ...any) *domain.Error {
	return &domain.Error{Kind: domain.KindInvalid, Code: code,
		Detail: fmt.Sprintf("%s:%d: ", d.file, max(line, 1)) + fmt.Sprintf(format, args...)}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (d *decoder) syntaxError(err error) error {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return d.errAt(line, "yaml_syntax", "YAML syntax error: %s", msg)
}

// noAliases refuses YAML aliases, which could make a small file expand
// into a huge one.
func noAliases(n *yaml.Node, d *decoder) error {
	if n.Kind == yaml.AliasNode {
		return d.errAt(n.Line, "yaml_alias", "aliases (*name) are not allowed in a risk file; write the value out")
	}
	for _, c := range n.Content {
		if err := noAliases(c, d); err != nil {
			return err
		}
	}
	return nil
}

// task finds the task a key names and checks that it is not a summary.
func (d *decoder) task(n *yaml.Node) (*domain.Task, error) {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		return nil, d.errAt(n.Line, "invalid_task", "name a task by its id or uid")
	}
	i, ok := d.byRef[n.Value]
	if !ok {
		if uid, err := strconv.ParseInt(strings.TrimPrefix(n.Value, "#"), 10, 64); err == nil {
			i, ok = d.byUID[uid]
		}
	}
	if !ok {
		return nil, d.errAt(n.Line, "unknown_task", "no task has id or uid %s", short(n.Value))
	}
	t := &d.plan.Tasks[i]
	if d.summary[t.ID] {
		return nil, d.errAt(n.Line, "summary_task", "%s is a summary task; give estimates and risks to the tasks under it", short(n.Value))
	}
	return t, nil
}

// tasks reads the tasks: section, a mapping from task to estimate.
func (d *decoder) tasks(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n.Line, "invalid_tasks", "tasks: maps task ids to estimates, e.g. survey: 3d 5d 10d")
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		key, val := n.Content[k], n.Content[k+1]
		t, err := d.task(key)
		if err != nil {
			return err
		}
		if _, dup := d.out.Estimates[t.ID]; dup {
			return d.errAt(key.Line, "duplicate_task", "task %s has two estimates", short(key.Value))
		}
		e, err := d.estimate(t, val)
		if err != nil {
			return err
		}
		d.out.Estimates[t.ID] = e
	}
	return nil
}

// estimate reads "3d 5d 10d" or {estimate: …, dist: …, p10: …, p90: …}.
func (d *decoder) estimate(t *domain.Task, n *yaml.Node) (risk.Estimate, error) {
	var e risk.Estimate
	if t.Kind == domain.KindMilestone {
		return e, d.errAt(n.Line, "milestone", "%q is a milestone; it takes no time to estimate", t.Name)
	}
	fields := map[string]*yaml.Node{}
	switch n.Kind {
	case yaml.ScalarNode:
		fields["estimate"] = n
	case yaml.MappingNode:
		for k := 0; k+1 < len(n.Content); k += 2 {
			key := n.Content[k]
			switch key.Value {
			case "estimate", "dist", "p10", "p90":
			default:
				return e, d.errAt(key.Line, "unknown_key", "unknown key %q (use estimate, dist, p10, p90)", short(key.Value))
			}
			if n.Content[k+1].Kind != yaml.ScalarNode {
				return e, d.errAt(key.Line, "invalid_estimate", "%s: give a value", key.Value)
			}
			fields[key.Value] = n.Content[k+1]
		}
	default:
		return e, d.errAt(n.Line, "invalid_estimate", "give an estimate such as 3d 5d 10d")
	}
	if f := fields["dist"]; f != nil {
		dist, err := risk.ParseDistribution(f.Value)
		if err != nil {
			return e, d.wrap(f.Line, err)
		}
		e.Dist = dist
	}
	if e.Dist == risk.Lognormal {
		if fields["p10"] == nil || fields["p90"] == nil || fields["estimate"] != nil {
			return e, d.errAt(n.Line, "invalid_estimate", "a lognormal estimate takes p10: and p90:, e.g. {dist: lognormal, p10: 4d, p90: 12d}")
		}
		var err error
		if e.P10, err = d.duration(t, fields["p10"], fields["p10"].Value); err != nil {
			return e, err
		}
		if e.P90, err = d.duration(t, fields["p90"], fields["p90"].Value); err != nil {
			return e, err
		}
		return e, d.check(n.Line, e)
	}
	if fields["p10"] != nil || fields["p90"] != nil {
		return e, d.errAt(n.Line, "invalid_estimate", "p10: and p90: go with dist: lognormal")
	}
	f := fields["estimate"]
	if f == nil {
		return e, d.errAt(n.Line, "invalid_estimate", "estimate: is missing, e.g. estimate: 3d 5d 10d")
	}
	vals, err := d.durations(t, f)
	if err != nil {
		return e, err
	}
	switch {
	case e.Dist == risk.Uniform && len(vals) == 2:
		e.Optimistic, e.MostLikely, e.Pessimistic = vals[0], (vals[0]+vals[1])/2, vals[1]
	case len(vals) == 3:
		e.Optimistic, e.MostLikely, e.Pessimistic = vals[0], vals[1], vals[2]
	case e.Dist == risk.Uniform:
		return e, d.errAt(f.Line, "invalid_estimate", "a uniform estimate is two durations, shortest first: 3d 10d")
	default:
		return e, d.errAt(f.Line, "invalid_estimate", "an estimate is three durations, optimistic, most likely, pessimistic: 3d 5d 10d")
	}
	return e, d.check(f.Line, e)
}

func (d *decoder) check(line int, e risk.Estimate) error {
	if err := e.Validate(); err != nil {
		return d.wrap(line, err)
	}
	return nil
}

// durations reads a list of durations separated by spaces.
func (d *decoder) durations(t *domain.Task, n *yaml.Node) ([]int64, error) {
	var out []int64
	for _, f := range strings.Fields(n.Value) {
		v, err := d.duration(t, n, f)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// duration reads one duration for task t: working time, or elapsed time
// ("3ed") when t's duration is elapsed.
func (d *decoder) duration(t *domain.Task, n *yaml.Node, s string) (int64, error) {
	v, err := domain.ParseDuration(s, d.units)
	if err != nil {
		return 0, d.wrap(n.Line, err)
	}
	if v.Elapsed != t.Duration.Elapsed {
		kind := "working time (5d, 4h)"
		if t.Duration.Elapsed {
			kind = "elapsed time (5ed, 4eh)"
		}
		return 0, d.errAt(n.Line, "invalid_estimate", "%q has a duration in %s; estimate it in the same: %s is not", t.Name, kind, short(s))
	}
	return v.Minutes, nil
}

func (d *decoder) wrap(line int, err error) error {
	if de, ok := err.(*domain.Error); ok {
		return d.errAt(line, de.Code, "%s", de.Detail)
	}
	return d.errAt(line, "invalid", "%v", err)
}

// mapping returns the scalar values of a mapping node's keys, refusing
// keys outside allowed.
func (d *decoder) mapping(n *yaml.Node, what string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, d.errAt(n.Line, "invalid_"+what, "each %s is a mapping of %s", what, strings.Join(allowed, ", "))
	}
	out := map[string]*yaml.Node{}
	for k := 0; k+1 < len(n.Content); k += 2 {
		key := n.Content[k]
		ok := false
		for _, a := range allowed {
			ok = ok || key.Value == a
		}
		if !ok {
			return nil, d.errAt(key.Line, "unknown_key", "unknown key %q in a %s (use %s)", short(key.Value), what, strings.Join(allowed, ", "))
		}
		if _, dup := out[key.Value]; dup {
			return nil, d.errAt(key.Line, "duplicate_key", "%s: is given twice", key.Value)
		}
		out[key.Value] = n.Content[k+1]
	}
	return out, nil
}

// taskList reads [a, b] or a single task into tasks, checked with check.
func (d *decoder) taskList(n *yaml.Node) ([]*domain.Task, error) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []*domain.Task
	seen := map[int64]bool{}
	for _, it := range items {
		t, err := d.task(it)
		if err != nil {
			return nil, err
		}
		if seen[t.ID] {
			return nil, d.errAt(it.Line, "duplicate_task", "%s is listed twice", short(it.Value))
		}
		seen[t.ID] = true
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, d.errAt(n.Line, "required", "list at least one task")
	}
	return out, nil
}

// fraction reads "0.25" or "25%" as a number from 0 to 1.
func (d *decoder) fraction(n *yaml.Node, what string) (float64, error) {
	s := strings.TrimSpace(scalar(n))
	scale := 1.0
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(rest), 100
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v/scale >= 0 && v/scale <= 1) {
		return 0, d.errAt(n.Line, "invalid_"+what, "%s %s is not between 0 and 1 (try 0.25 or 25%%)", what, short(scalar(n)))
	}
	return v / scale, nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// short quotes s for a message, cut to a readable length.
func short(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}
