package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
)

func runGantt(_ context.Context, e *env, args []string) error {
	f := newFlags("gantt", "FILE", "Schedule a plan file and draw it as a printable SVG Gantt chart: WBS, bars,\nmilestones, summaries, links, the critical path and an optional status-date line.")
	out := f.String("o", "-", "output SVG file, - for standard output")
	status := f.String("status-date", "", "draw a status-date line (YYYY-MM-DD); default: the plan's status date")
	noCritical := f.Bool("no-critical", false, "do not highlight the critical path")
	width := f.Int("width", 0, "chart width in pixels (0: fit the time span)")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn gantt plan.yaml -o gantt.svg")
	}
	plan, sopt, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	res, err := schedule.Compute(plan, sopt)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	opt := gantt.Options{StatusDate: plan.Project.StatusDate, Critical: !*noCritical, Width: *width}
	if *status != "" {
		if opt.StatusDate, err = parseDateFlag("--status-date", *status); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := gantt.Render(&buf, plan, res, opt); err != nil {
		return err
	}
	if *out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return nil
}
