package main

import (
	"context"
	"time"

	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cairnpm/cairn/planio"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

func runSchedule(_ context.Context, e *env, args []string) error {
	f := newFlags("schedule", "FILE", "Schedule a plan file (YAML, see docs/plan-format.md; or MS Project XML, P6 XER or CSV)\nwith the critical path method and print every task's dates and float.")
	format := f.String("format", "table", "output: table or json")
	critical := f.String("critical-slack", "", "total float at or below which a task is critical (e.g. 1d; default 0, or the MS Project file's limit)")
	near := f.String("near-critical", "", "mark tasks with float up to this much as near-critical (e.g. 5d)")
	status := f.String("status-date", "", "reschedule uncompleted work after this date (YYYY-MM-DD); default: none")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn schedule plan.yaml")
	}
	if *format != "table" && *format != "json" {
		return usagef("--format %q is not table or json", *format)
	}
	plan, opt, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	if err := slackFlag("--critical-slack", *critical, plan.Project.Units, &opt.CriticalSlack); err != nil {
		return err
	}
	if err := slackFlag("--near-critical", *near, plan.Project.Units, &opt.NearCriticalSlack); err != nil {
		return err
	}
	if *status != "" {
		if opt.StatusDate, err = parseDateFlag("--status-date", *status); err != nil {
			return err
		}
	}
	res, err := schedule.Compute(plan, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	doc := schedule.NewDocument(plan, res)
	if *format == "json" {
		return doc.WriteJSON(e.stdout)
	}
	return writeTable(e.stdout, plan, doc)
}

// loadPlanFile reads a plan in any format Cairn imports (see planio).
func loadPlanFile(path string) (*domain.Plan, schedule.Options, error) {
	f, err := planio.ReadFile(path, time.Now())
	if err != nil {
		return nil, schedule.Options{}, err
	}
	return f.Plan, f.Options, nil
}

// isMSPDI tells an MS Project XML file from the other formats.
func isMSPDI(path string) bool {
	f, err := planio.DetectFile(path)
	return err == nil && f == planio.MSPDI
}

// writeTable prints a schedule as an aligned text table.
func writeTable(w io.Writer, plan *domain.Plan, doc schedule.Document) error {
	u := plan.Project.Units
	fmt.Fprintf(w, "%s  %s\nStart %s   Finish %s\n\n", plan.Project.Key, plan.Project.Name, doc.Start, doc.Finish)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WBS\tTASK\tDURATION\tSTART\tFINISH\tTOTAL FLOAT\tFREE FLOAT\t")
	for _, t := range doc.Tasks {
		name := strings.Repeat("  ", strings.Count(t.Outline, ".")) + t.Name
		if t.Milestone {
			name += " ◆"
		}
		mark := ""
		switch {
		case t.Critical:
			mark = "critical"
		case t.NearCritical:
			mark = "near-critical"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Outline, name,
			days(t.DurationMinutes, u), short(t.Start), short(t.Finish),
			days(t.TotalFloatMinutes, u), days(t.FreeFloatMinutes, u), mark)
	}
	return tw.Flush()
}

// days shows working minutes as days with at most one decimal: "12.9d".
func days(minutes int64, u domain.Units) string {
	d := float64(minutes) / float64(u.OrDefault().MinutesPerDay)
	return strconv.FormatFloat(math.Round(d*10)/10, 'f', -1, 64) + "d"
}

// short drops the seconds from a date-time for the table.
func short(dt string) string {
	if len(dt) >= 16 {
		return strings.Replace(dt[:16], "T", " ", 1)
	}
	return dt
}

// slackFlag reads a float threshold such as "2d" into working minutes.
func slackFlag(name, v string, u domain.Units, dst *int64) error {
	if v == "" {
		return nil
	}
	d, err := domain.ParseDuration(v, u)
	if err != nil || d.Elapsed {
		return usagef("%s %q is not an amount of working time (try 2d or 4h)", name, v)
	}
	*dst = d.Minutes
	return nil
}
