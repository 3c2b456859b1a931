package riskfile

import (
	"fmt"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
	"go.yaml.in/yaml/v3"
)

// groups reads the groups: section.
func (d *decoder) groups(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return d.errAt(n.Line, "invalid_groups", "groups: is a list, e.g. - {correlation: 0.5, tasks: [a, b]}")
	}
	for _, item := range n.Content {
		f, err := d.mapping(item, "group", "name", "correlation", "tasks")
		if err != nil {
			return err
		}
		g := risk.Group{Name: scalar(f["name"])}
		if f["tasks"] == nil || f["correlation"] == nil {
			return d.errAt(item.Line, "required", "a group needs tasks: and correlation:")
		}
		ts, err := d.taskList(f["tasks"])
		if err != nil {
			return err
		}
		for _, t := range ts {
			g.Tasks = append(g.Tasks, t.ID)
		}
		if g.Correlation, err = d.fraction(f["correlation"], "correlation"); err != nil {
			return err
		}
		d.out.Groups = append(d.out.Groups, g)
	}
	return nil
}

// events reads the events: section.
func (d *decoder) events(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return d.errAt(n.Line, "invalid_events", "events: is a list of risks, each with probability:, tasks: and delay: or cost:")
	}
	ids := map[string]bool{}
	for _, item := range n.Content {
		f, err := d.mapping(item, "event", "id", "name", "probability", "tasks", "delay", "cost")
		if err != nil {
			return err
		}
		ev := risk.Event{ID: scalar(f["id"]), Name: scalar(f["name"])}
		if ev.ID == "" {
			ev.ID = fmt.Sprintf("R%d", len(d.out.Events)+1)
		}
		if ids[ev.ID] {
			return d.errAt(item.Line, "duplicate_id", "event id %s is used twice", short(ev.ID))
		}
		ids[ev.ID] = true
		if ev.Name == "" {
			ev.Name = ev.ID
		}
		if f["probability"] == nil || f["tasks"] == nil {
			return d.errAt(item.Line, "required", "an event needs probability: and tasks:")
		}
		if ev.Probability, err = d.fraction(f["probability"], "probability"); err != nil {
			return err
		}
		ts, err := d.taskList(f["tasks"])
		if err != nil {
			return err
		}
		for _, t := range ts {
			ev.Tasks = append(ev.Tasks, t.ID)
		}
		if dn := f["delay"]; dn != nil {
			if ev.DelayMin, ev.DelayMax, err = d.delay(dn, ts); err != nil {
				return err
			}
		}
		if cn := f["cost"]; cn != nil {
			if ev.CostMin, ev.CostMax, err = d.cost(cn); err != nil {
				return err
			}
		}
		d.out.Events = append(d.out.Events, ev)
	}
	return nil
}

// delay reads "2d" or "2d 10d", in the same kind of time as its tasks.
func (d *decoder) delay(n *yaml.Node, ts []*domain.Task) (lo, hi int64, err error) {
	parts := strings.Fields(scalar(n))
	if len(parts) < 1 || len(parts) > 2 {
		return 0, 0, d.errAt(n.Line, "invalid_delay", "delay: is one duration or a range, e.g. 2d 10d")
	}
	var v []int64
	for _, p := range parts {
		m, err := d.duration(ts[0], n, p)
		if err != nil {
			return 0, 0, err
		}
		v = append(v, m)
	}
	for _, t := range ts[1:] {
		if t.Duration.Elapsed != ts[0].Duration.Elapsed {
			return 0, 0, d.errAt(n.Line, "invalid_delay", "one event cannot delay both tasks in working time and tasks in elapsed time")
		}
	}
	lo, hi = v[0], v[len(v)-1]
	if lo < 0 || hi < lo {
		return 0, 0, d.errAt(n.Line, "invalid_delay", "a delay range goes from the shortest to the longest, at least 0")
	}
	return lo, hi, nil
}

// cost reads "1500.00" or "500 2000.00" in the project's currency.
func (d *decoder) cost(n *yaml.Node) (lo, hi int64, err error) {
	parts := strings.Fields(scalar(n))
	if len(parts) < 1 || len(parts) > 2 {
		return 0, 0, d.errAt(n.Line, "invalid_cost", "cost: is an amount or a range, e.g. 500 2000.00")
	}
	var v []int64
	for _, p := range parts {
		m, err := domain.ParseMoney(p, d.plan.Project.Currency)
		if err != nil {
			return 0, 0, d.wrap(n.Line, err)
		}
		if m < -(1<<50) || m > 1<<50 {
			return 0, 0, d.errAt(n.Line, "invalid_cost", "%s is too large an amount", short(p))
		}
		v = append(v, m)
	}
	lo, hi = v[0], v[len(v)-1]
	if hi < lo {
		return 0, 0, d.errAt(n.Line, "invalid_cost", "a cost range goes from the lowest to the highest")
	}
	return lo, hi, nil
}
