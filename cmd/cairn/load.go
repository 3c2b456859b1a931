package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/load"
	"github.com/cairnpm/cairn/schedule"
)

func runLoad(_ context.Context, e *env, args []string) error {
	f := newFlags("load", "FILE", "Schedule a plan file and show how busy each resource is: an over-allocation report\n(who, when, by how much, on which tasks) and, with -o, an SVG histogram per resource.")
	out := f.String("o", "", "write the histogram as SVG to this file")
	per := f.String("per", "week", "period of the histogram: day or week")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn load plan.yaml -o load.svg")
	}
	g := load.Week
	switch *per {
	case "week":
	case "day":
		g = load.Day
	default:
		return usagef("--per %q is not day or week", *per)
	}
	plan, opt, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	res, err := schedule.Compute(plan, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	rep := load.Compute(plan, res, g)
	if *out != "" {
		var buf bytes.Buffer
		if err := load.WriteSVG(&buf, rep, plan.Project.Name); err != nil {
			return err
		}
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	}
	return writeOverAllocations(e, plan, rep)
}

// writeOverAllocations prints the over-allocation report as a table.
func writeOverAllocations(e *env, plan *domain.Plan, rep *load.Report) error {
	if len(rep.OverAllocations) == 0 {
		fmt.Fprintln(e.stdout, "No resource is over-allocated.")
		return nil
	}
	names := make(map[int64]string, len(plan.Tasks))
	for _, t := range plan.Tasks {
		names[t.ID] = t.Name
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RESOURCE\tFROM\tTO\tASSIGNED\tAVAILABLE\tTASKS")
	for _, o := range rep.OverAllocations {
		var tasks []string
		for _, id := range o.Tasks {
			tasks = append(tasks, names[id])
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f%%\t%.0f%%\t%s\n", o.Name, short(domain.FormatDateTime(o.Start)), short(domain.FormatDateTime(o.End)),
			o.Peak*100, o.MaxUnits*100, strings.Join(tasks, "; "))
	}
	return tw.Flush()
}
