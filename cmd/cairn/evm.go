package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/planio"
	"github.com/cairnpm/cairn/schedule"
)

func runEVM(_ context.Context, e *env, args []string) error {
	f := newFlags("evm", "FILE", "Measure the earned value of a plan file (YAML, or MS Project XML) at a status date against a\n"+
		"baseline: planned value, earned value (by percent complete), actual cost, their variances and\n"+
		"indices, estimates at completion, and earned schedule (ES, SV(t), SPI(t), forecast finish),\n"+
		"for the project and every task. A plan without the baseline is measured against its current\n"+
		"plan, and says so.")
	status := f.String("status-date", "", "measure as of this date: YYYY-MM-DD (the end of that day) or YYYY-MM-DDTHH:MM (required)")
	baseline := f.Int("baseline", 0, "baseline number to measure against, 0–10")
	format := f.String("format", "text", "output: text or json")
	method := f.String("eac", "cpi", "EAC method behind eac, etc and vac: cpi (BAC/CPI), atypical (AC+BAC−EV), cpi-spi, bottom-up")
	period := f.String("period", "week", "time-phased periods of the JSON document: day, week or month")
	out := f.String("o", "", "also draw the S-curve (PV, EV, AC, EAC, forecast finish) to this .svg file")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one plan file, e.g. cairn evm plan.yaml --status-date 2027-03-01")
	}
	if *status == "" {
		return usagef("--status-date is required: the date to measure at, e.g. --status-date 2027-03-01")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q is not text or json", *format)
	}
	if *baseline < 0 || *baseline > domain.MaxBaseline {
		return usagef("--baseline %d does not exist; use 0 to %d", *baseline, domain.MaxBaseline)
	}
	meth := evm.Method(strings.ReplaceAll(*method, "-", "_"))
	if !validMethod(meth) {
		return usagef("--eac %q is not an EAC method (use cpi, atypical, cpi-spi or bottom-up)", *method)
	}
	per, err := evm.ParsePeriod(*period)
	if err != nil {
		return usagef("--period %q is not day, week or month", *period)
	}
	if *out != "" && !strings.EqualFold(filepathExt(*out), ".svg") {
		return usagef("-o %q: the S-curve is SVG; give a file name ending in .svg", *out)
	}
	in, err := loadEVMInput(pos[0])
	if err != nil {
		return err
	}
	r, note, err := in.measure(*status, *baseline, meth)
	if err != nil {
		return err
	}
	if *out != "" {
		var buf bytes.Buffer
		if err := r.WriteSCurve(&buf, in.plan.Project.Name, in.plan.Project.Currency); err != nil {
			return err
		}
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	}
	if note != "" {
		fmt.Fprintln(e.stderr, "cairn evm: "+note)
	}
	if *format == "json" {
		return r.WriteJSON(e.stdout, in.plan.Project.Currency, r.Series(-1, per))
	}
	return writeEVM(e.stdout, in.plan, r, note)
}

func validMethod(m evm.Method) bool {
	for _, x := range evm.Methods {
		if x == m {
			return true
		}
	}
	return false
}

func filepathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && !strings.ContainsAny(name[i:], `/\`) {
		return name[i:]
	}
	return ""
}

// evmInput is a plan file read for earned value: the plan with its
// baselines, how to schedule it, and, for MS Project files, the actual
// costs MS Project stored.
type evmInput struct {
	path    string
	plan    *domain.Plan
	opt     schedule.Options
	actuals map[int64]int64 // task ID → MS Project's ActualCost of a task without subtasks
}

// loadEVMInput reads a YAML plan file or an MS Project XML file.
func loadEVMInput(path string) (*evmInput, error) {
	in := &evmInput{path: path}
	if !isMSPDI(path) {
		p, err := planfile.ParseFile(path)
		in.plan = p
		return in, err
	}
	f, err := mspdi.ReadFile(path)
	if err != nil {
		return nil, err
	}
	in.plan, in.opt = f.Plan, planio.MSPDIOptions(f)
	if len(in.plan.Baselines) == 0 {
		in.plan.Baselines = f.PlanBaselines()
	}
	summary := in.plan.Summaries()
	in.actuals = map[int64]int64{}
	for _, t := range in.plan.Tasks {
		if c := f.Reference[t.ID].Costs; !summary[t.ID] && c.Has&mspdi.HasActualCost != 0 {
			in.actuals[t.ID] = c.ActualCost
		}
	}
	return in, nil
}

// measure schedules, costs and measures the plan at the status date
// given as a flag. When the plan has no row of the baseline, the current
// plan stands in for it, and note says so.
func (in *evmInput) measure(statusFlag string, baseline int, meth evm.Method) (*evm.Result, string, error) {
	p := in.plan
	cal, err := projectCalendar(p)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.path, err)
	}
	status, err := statusDate(statusFlag, cal)
	if err != nil {
		return nil, "", err
	}
	opt := in.opt
	opt.StatusDate = status
	s, err := schedule.Compute(p, opt)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.path, err)
	}
	c, err := cost.Compute(p, s, cost.Options{StatusDate: status})
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.path, err)
	}
	note := ""
	if !hasBaseline(p, baseline) {
		// The plan as scheduled without the status date, which moves
		// work not done to after it, stands in for the baseline.
		note = fmt.Sprintf("the plan has no baseline %d; its current plan stands in for it, so PV follows the current schedule", baseline)
		bs, err := schedule.Compute(p, in.opt)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", in.path, err)
		}
		bc, err := cost.Compute(p, bs, cost.Options{})
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", in.path, err)
		}
		p.Baselines = append(p.Baselines, bc.Baseline(p, bs, baseline)...)
	}
	eopt := evm.Options{StatusDate: status, Baseline: baseline, Method: meth, Actuals: in.actualCurves(c, status)}
	r, err := evm.Compute(p, s, c, eopt)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.path, err)
	}
	return r, note, nil
}

// actualCurves phases the actual costs MS Project stored as the cost
// engine phases its own: over the part of each task done.
func (in *evmInput) actualCurves(c *cost.Result, status time.Time) map[int64]*cost.Curve {
	if len(in.actuals) == 0 {
		return nil
	}
	out := make(map[int64]*cost.Curve, len(in.actuals))
	for _, t := range c.Tasks {
		ac, ok := in.actuals[t.ID]
		if !ok || ac == t.OwnActual.Total() {
			continue
		}
		if t.OwnActual.Total() != 0 {
			out[t.ID] = cost.Rephase(t.OwnActual, t.Calendar, t.Start, t.Finish, t.Start, t.Finish, ac)
			continue
		}
		at := minTime(t.Start, status)
		out[t.ID] = cost.FromEntries([]cost.Entry{{Date: at, Amount: ac}})
	}
	return out
}

func hasBaseline(p *domain.Plan, n int) bool {
	for _, b := range p.Baselines {
		if b.Number == n {
			return true
		}
	}
	return false
}

// projectCalendar compiles the plan's project calendar, or Standard.
func projectCalendar(p *domain.Plan) (*calendar.Calendar, error) {
	for _, c := range p.Calendars {
		if c.ID == p.Project.CalendarID {
			return calendar.New(c, p.Calendars...)
		}
	}
	return calendar.Standard(), nil
}

// statusDate reads --status-date. A bare date means the end of that
// day: the end of its working time, or 23:59 on a day without any.
func statusDate(v string, cal *calendar.Calendar) (time.Time, error) {
	t, err := domain.ParseDate(v)
	if err != nil {
		return time.Time{}, usagef("--status-date %q is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)", v)
	}
	if len(strings.TrimSpace(v)) != len(domain.DateLayout) {
		return t, nil
	}
	if cal.WorkingMinutesOn(t) > 0 {
		return cal.PrevWorkingEnd(t.Add(24 * time.Hour)), nil
	}
	return t.Add(24*time.Hour - time.Minute), nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// writeEVM prints the project's measures with plain-language readings
// of the indices, then a table of every task.
func writeEVM(w io.Writer, p *domain.Plan, r *evm.Result, note string) error {
	cur := p.Project.Currency
	m := r.Project
	money := func(v int64) string { return groupMoney(v, cur) }
	fmt.Fprintf(w, "%s  %s — earned value at %s against baseline %d", p.Project.Key, p.Project.Name, short(domain.FormatDateTime(r.StatusDate)), r.Baseline)
	if cur != "" {
		fmt.Fprintf(w, " (%s)", cur)
	}
	fmt.Fprintln(w)
	if note != "" {
		fmt.Fprintf(w, "Note: %s.\n", note)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  BAC %s   PV %s   EV %s   AC %s\n", money(m.BAC), money(m.PV), money(m.EV), money(m.AC))
	fmt.Fprintf(w, "  SV %s   CV %s   SPI %s   CPI %s   TCPI %s\n", money(m.SV), money(m.CV), ratio(m.SPI), ratio(m.CPI), ratio(m.TCPI))
	fmt.Fprintf(w, "  EAC %s (%s)   ETC %s   VAC %s\n", estimate(m.EAC, cur), methodName(r.Method), estimate(m.ETC, cur), estimate(m.VAC, cur))
	fmt.Fprintf(w, "  EAC by method: ")
	for i, meth := range evm.Methods {
		if i > 0 {
			fmt.Fprint(w, "   ")
		}
		fmt.Fprintf(w, "%s %s", methodName(meth), estimate(m.Forecasts[i], cur))
	}
	fmt.Fprintln(w)
	if !math.IsNaN(m.ESDays) {
		fmt.Fprintf(w, "  ES %s (%s of %s planned days)   AT %s   SV(t) %s   SPI(t) %s", domain.FormatDate(m.ES),
			dayCount(m.ESDays), dayCount(m.PDDays), dayCount(m.ATDays), signedDays(m.SVt), ratio(m.SPIt))
		if !m.IEACt.IsZero() {
			fmt.Fprintf(w, "   forecast finish %s (IEAC(t) %s)", domain.FormatDate(m.IEACt), dayCount(m.IEACtDays))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	for _, line := range explain(m) {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "WBS\tTASK\tBAC\tPV\tEV\tAC\tSV\tCV\tSPI\tCPI\tEAC\tSV(t)\t")
	for _, t := range r.Tasks {
		name := strings.Repeat("  ", strings.Count(t.Outline, ".")) + t.Name
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", t.Outline, clipName(name, 40),
			money(t.BAC), money(t.PV), money(t.EV), money(t.AC), money(t.SV), money(t.CV),
			ratio(t.SPI), ratio(t.CPI), estimate(t.EAC, cur), signedDays(t.SVt))
	}
	return tw.Flush()
}

// explain says in plain words what the project's indices mean.
func explain(m evm.Measures) []string {
	var out []string
	if !math.IsNaN(m.SPI) {
		out = append(out, fmt.Sprintf("SPI %s: for each 1.00 of work planned by the status date, %s was done.", ratio(m.SPI), ratio(m.SPI)))
	}
	if !math.IsNaN(m.CPI) {
		out = append(out, fmt.Sprintf("CPI %s: each 1.00 spent earned %s of planned work.", ratio(m.CPI), ratio(m.CPI)))
	}
	if !math.IsNaN(m.SPIt) {
		out = append(out, fmt.Sprintf("SPI(t) %s: each working day has moved the project %s of a day along its baseline.", ratio(m.SPIt), ratio(m.SPIt)))
	}
	if !math.IsNaN(m.TCPI) && m.BAC != m.EV {
		out = append(out, fmt.Sprintf("TCPI %s: to finish on budget, each 1.00 still to spend must earn %s.", ratio(m.TCPI), ratio(m.TCPI)))
	}
	if len(out) == 0 {
		out = append(out, "Nothing is planned, earned or spent by the status date yet.")
	}
	return out
}

func methodName(m evm.Method) string {
	switch m {
	case evm.CPI:
		return "BAC/CPI"
	case evm.Atypical:
		return "AC+BAC−EV"
	case evm.CPISPI:
		return "AC+(BAC−EV)/(CPI×SPI)"
	}
	return "bottom-up"
}

func ratio(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func estimate(e evm.Estimate, cur string) string {
	if !e.Defined {
		return "–"
	}
	return groupMoney(e.Amount, cur)
}

func dayCount(d float64) string {
	if math.IsNaN(d) {
		return "–"
	}
	return fmt.Sprintf("%.1fd", d)
}

func signedDays(d float64) string {
	if math.IsNaN(d) {
		return "–"
	}
	if math.Round(d*10) == 0 {
		return "0.0d"
	}
	return fmt.Sprintf("%+.1fd", d)
}

func clipName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// groupMoney writes minor units as currency units with thousands
// separators: "12,500.00".
func groupMoney(minor int64, currency string) string {
	s := domain.FormatMoney(minor, currency)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if hasFrac {
		whole += "." + frac
	}
	return sign + whole
}
