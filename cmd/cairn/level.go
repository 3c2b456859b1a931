package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

func runLevel(ctx context.Context, e *env, args []string) error {
	f := newFlags("level", "FILE", "Level the resources of a plan file (YAML, or MS Project XML): delay tasks, never before their\n"+
		"early start, so that no one is asked for more than their units, and print the levelled schedule\n"+
		"with each task that moved, by how much and why. Tasks of priority 1000, and those named by --skip,\n"+
		"are not levelled; must-start-on/must-finish-on and started tasks stay where they are.")
	format := f.String("format", "text", "output: text or json")
	seed := f.Uint64("seed", 1, "random seed; the same seed gives the same levelled schedule")
	schedules := f.Int("schedules", level.DefaultPlanSchedules, "schedules the search may generate (each forward or backward pass counts)")
	within := f.Bool("within-slack", false, "delay tasks only within their total float; conflicts that need more stay and are listed")
	skip := f.String("skip", "", "tasks not to level, by plan-file id or UID, comma-separated (e.g. cutover,hypercare)")
	status := f.String("status-date", "", "reschedule uncompleted work after this date (YYYY-MM-DD); default: none")
	out := f.String("o", "", "also write the levelled plan, as a YAML plan file, to this file")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn level plan.yaml")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q is not text or json", *format)
	}
	if *schedules < 1 {
		return usagef("--schedules must be at least 1")
	}
	plan, sopt, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	opt := level.PlanOptions{Schedule: sopt, Schedules: *schedules, Seed: *seed, WithinSlack: *within}
	if *status != "" {
		if opt.Schedule.StatusDate, err = parseDateFlag("--status-date", *status); err != nil {
			return err
		}
	}
	if opt.Skip, err = skipFlag(plan, *skip); err != nil {
		return err
	}
	l, err := level.LevelPlan(ctx, plan, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if *out != "" {
		data, err := planfile.Write(l.Plan)
		if err != nil {
			return fmt.Errorf("levelled plan: %w", err)
		}
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	}
	if *format == "json" {
		return level.NewDocument(plan, l).WriteJSON(e.stdout)
	}
	if err := writeTable(e.stdout, l.Plan, schedule.NewDocument(l.Plan, l.Result)); err != nil {
		return err
	}
	return writeMoves(e.stdout, plan, l)
}

// skipFlag turns --skip's task ids (plan-file ids, or UIDs) into task IDs.
func skipFlag(p *domain.Plan, v string) ([]int64, error) {
	var ids []int64
	for name := range strings.SplitSeq(v, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		found := false
		for _, t := range p.Tasks {
			if t.Ref == name || strconv.FormatInt(t.UID, 10) == name {
				ids, found = append(ids, t.ID), true
				break
			}
		}
		if !found {
			return nil, usagef("--skip: no task has id or UID %q", name)
		}
	}
	return ids, nil
}

// writeMoves prints the tasks that moved, with delay and cause, and the
// conflicts levelling left.
func writeMoves(w io.Writer, plan *domain.Plan, l *level.Levelled) error {
	u := plan.Project.Units
	names := make(map[int64]string, len(plan.Tasks))
	for _, t := range plan.Tasks {
		names[t.ID] = t.Name
	}
	resNames := make(map[int64]string, len(plan.Resources))
	for _, r := range plan.Resources {
		resNames[r.ID] = r.Name
	}
	list := func(ids []int64) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = names[id]
		}
		return strings.Join(s, "; ")
	}
	moved := 0
	for i, m := range l.Tasks {
		if m.Delay > 0 && !l.Result.Tasks[i].Summary {
			moved++
		}
	}
	fmt.Fprintf(w, "\nLevelled: finish %s (was %s); %d tasks moved; %d schedules searched.\n",
		short(domain.FormatDateTime(l.Result.Finish)), short(domain.FormatDateTime(l.Unlevelled.Finish)), moved, l.Schedules)
	if moved > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "WBS\tTASK\tDELAY\tNEW START\tCAUSE")
		for i, m := range l.Tasks {
			rt := l.Result.Tasks[i]
			if m.Delay <= 0 || rt.Summary {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", rt.Outline, rt.Name, days(m.Delay, u), short(domain.FormatDateTime(m.Start)),
				cause(m.Cause, names, resNames, list))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(l.Unresolved) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nConflicts left:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RESOURCE\tTASK\tWITH\tWHY")
	for _, c := range l.Unresolved {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", resNames[c.Resource], names[c.Task], list(c.With), reasonText[c.Reason])
	}
	return tw.Flush()
}

func cause(c *level.Cause, names, resNames map[int64]string, list func([]int64) string) string {
	if c == nil {
		return ""
	}
	var parts []string
	if c.Resource != 0 {
		parts = append(parts, "waits for "+resNames[c.Resource]+" (busy on "+list(c.With)+")")
	}
	if c.Predecessor != 0 {
		parts = append(parts, "follows "+names[c.Predecessor])
	}
	return strings.Join(parts, "; ")
}

var reasonText = map[level.ConflictReason]string{
	level.ReasonWithinSlack:  "not enough slack",
	level.ReasonNotLevelled:  "not to be levelled",
	level.ReasonAsLate:       "as late as possible",
	level.ReasonFixed:        "fixed dates or started",
	level.ReasonOverMaxUnits: "needs more units than the resource has",
}
