package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
	"github.com/cairnpm/cairn/riskfile"
)

func runSimulate(ctx context.Context, e *env, args []string) error {
	f := newFlags("simulate", "FILE", "Run a plan's schedule many times with uncertain durations and risk events (Monte Carlo)\n"+
		"and print the distribution of the finish date and cost, each task's criticality and sensitivity,\n"+
		"and the risks that move the date. Estimates and risks come from --risks (docs/risk-format.md);\n"+
		"a task without an estimate keeps its planned duration.")
	risks := f.String("risks", "", "risk file with three-point estimates, correlation groups and risk events (YAML)")
	iterations := f.Int("iterations", risk.DefaultIterations, "number of runs")
	seed := f.Uint64("seed", 1, "random seed: the same seed gives the same output")
	workers := f.Int("workers", 0, "goroutines to run on (0: all cores); the output does not depend on it")
	format := f.String("format", "table", "output: table or json")
	out := f.String("o", "", "also draw the finish distribution as an SVG chart to this file (- for standard output)")
	target := f.String("target", "", "report the probability of finishing by this date (YYYY-MM-DD)")
	status := f.String("status-date", "", "reschedule uncompleted work after this date (YYYY-MM-DD)")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn simulate plan.yaml --risks plan.risks.yaml")
	}
	if *format != "table" && *format != "json" {
		return usagef("--format %q is not table or json", *format)
	}
	if *iterations < 1 || *iterations > 10_000_000 {
		return usagef("--iterations %d is out of range (1 to 10,000,000)", *iterations)
	}
	if *out == "-" && *format == "json" {
		return usagef("-o - and --format json would both write to standard output; give -o a file name")
	}
	var targetDate time.Time
	if *target != "" {
		if targetDate, err = parseDateFlag("--target", *target); err != nil {
			return err
		}
	}
	plan, opt, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	if *status != "" {
		if opt.StatusDate, err = parseDateFlag("--status-date", *status); err != nil {
			return err
		}
	}
	if err := plan.Validate(); err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	m := risk.Model{Plan: plan, Options: opt, Iterations: *iterations, Seed: *seed, Workers: *workers}
	if *risks != "" {
		r, err := riskfile.ParseFile(*risks, plan)
		if err != nil {
			return err
		}
		m.Estimates, m.Groups, m.Events = r.Estimates, r.Groups, r.Events
	}
	if len(m.Estimates) == 0 && len(m.Events) == 0 {
		fmt.Fprintln(e.stderr, "cairn simulate: no estimates or risk events, so every run is the planned schedule; give them with --risks FILE")
	}
	if isTerminal(e.stderr) {
		m.Progress = progressBar(e.stderr)
	}
	res, err := risk.Simulate(ctx, m)
	if m.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if *out != "" {
		if err := writeChart(e, *out, res, plan.Project.Name); err != nil {
			return err
		}
		if *out == "-" {
			return nil
		}
	}
	doc := risk.NewDocument(plan, res, targetDate)
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	return writeSimTable(e.stdout, plan, res, doc)
}

// isTerminal reports whether w is a terminal, where progress may be drawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressBar redraws "simulating 45%" as the runs progress.
func progressBar(w io.Writer) func(done, total int) {
	last := -1
	return func(done, total int) {
		if pct := done * 100 / total; pct != last {
			last = pct
			fmt.Fprintf(w, "\rsimulating %d%%", pct)
		}
	}
}

func writeChart(e *env, path string, res *risk.Result, name string) error {
	var buf bytes.Buffer
	if err := risk.WriteSVG(&buf, res, name+" — finish date"); err != nil {
		return err
	}
	if path == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeSimTable prints a simulation for people: the finish and cost
// percentiles, milestones, the tasks that drive the date, and the risks.
func writeSimTable(w io.Writer, p *domain.Plan, r *risk.Result, d risk.Document) error {
	fmt.Fprintf(w, "%s  %s — %d runs, seed %d\n", p.Project.Key, p.Project.Name, r.Iterations, r.Seed)
	fmt.Fprintf(w, "Planned finish %s: met or beaten in %s of runs\n", short(d.PlannedFinish), pct(r.OnTime))
	if d.Target != nil {
		fmt.Fprintf(w, "Finish by %s: %s of runs\n", d.Target.Date, pct(d.Target.Probability))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\n\tP10\tP50\tP80\tP90\tP95\tMEAN\t")
	fmt.Fprintf(tw, "finish\t%s\t%s\t%s\t%s\t%s\t%s\t\n", short(d.Finish.P10), short(d.Finish.P50), short(d.Finish.P80),
		short(d.Finish.P90), short(d.Finish.P95), short(d.Finish.Mean))
	c := d.Cost
	fmt.Fprintf(tw, "cost (%s)\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Currency, c.P10, c.P50, c.P80, c.P90, c.P95, c.Mean)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "Planned cost %s %s\n", c.Planned, c.Currency)
	if len(d.Milestones) > 0 {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\nMILESTONE\tPLANNED\tP50\tP80\tP95\tDEADLINE\tON TIME\t")
		for _, m := range d.Milestones {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", m.Name, short(m.Planned), short(m.P50), short(m.P80), short(m.P95), m.Deadline, pct(m.OnTime))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	drivers := slices.Clone(r.Tasks)
	drivers = slices.DeleteFunc(drivers, func(t risk.TaskStats) bool { return t.Summary || (t.Criticality == 0 && t.Sensitivity == 0) })
	slices.SortStableFunc(drivers, func(a, b risk.TaskStats) int {
		return cmp.Or(cmp.Compare(math.Abs(b.Sensitivity), math.Abs(a.Sensitivity)), cmp.Compare(b.Criticality, a.Criticality))
	})
	if len(drivers) > 15 {
		drivers = drivers[:15]
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nTASKS THAT DRIVE THE DATE\tSENSITIVITY\tCRITICAL IN\tMEAN DURATION\t")
	mpd := float64(p.Project.Units.OrDefault().MinutesPerDay)
	for _, t := range drivers {
		unit := "d"
		if t.Elapsed {
			unit = "ed"
		}
		fmt.Fprintf(tw, "%s\t%+.2f\t%s\t%.1f%s\t\n", t.Name, t.Sensitivity, pct(t.Criticality), t.MeanDuration/t.DayMinutes(mpd), unit)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Risks) > 0 {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\nRISK\tPROBABILITY\tOCCURRED\tMOVES THE FINISH BY\t")
		for _, e := range d.Risks {
			fmt.Fprintf(tw, "%s %s\t%s\t%s\t%.1fd\t\n", e.ID, e.Name, pct(e.Probability), pct(e.Occurred), e.FinishImpactDays)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
