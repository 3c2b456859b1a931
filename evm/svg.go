package evm

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Chart layout in px.
const (
	chartW, chartH   = 960.0, 520.0
	plotL, plotR     = 96.0, 36.0 // left and right margins of the plot
	plotT, plotB     = 92.0, 56.0 // top and bottom margins
	dayPeriodLimit   = 120        // spans up to this many days are drawn by day
	chartFont        = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif`
	colourPV         = "#2563eb"
	colourEV         = "#15803d"
	colourAC         = "#dc2626"
	colourForecast   = "#7c3aed"
	colourBudget     = "#52606d"
	colourStatusDate = "#6b3fc0"
)

// WriteSCurve draws the project's S-curve as SVG: cumulative planned
// value over the baseline, earned value and actual cost up to the status
// date, the budget at completion, and the forecast — a dashed line from
// today's actual cost to the estimate at completion at the forecast
// finish (IEAC(t)), or at the scheduled finish when earned schedule
// gives none. title heads the chart; currency formats the money. The
// output depends only on its inputs.
func (r *Result) WriteSCurve(w io.Writer, title, currency string) error {
	p := Day
	if r.Finish.Sub(r.Start) > dayPeriodLimit*24*time.Hour {
		p = Week
	}
	pts := r.Series(-1, p)
	m := r.Project
	forecastAt := m.IEACt
	if forecastAt.IsZero() {
		forecastAt = r.Finish
	}
	top := max(m.BAC, m.AC, 1)
	if m.EAC.Defined {
		top = max(top, m.EAC.Amount)
	}
	for _, pt := range pts {
		top = max(top, pt.PV, pt.AC)
	}
	step := niceStep(float64(top) * 1.05 / 5)
	yMax := step * math.Ceil(float64(top)*1.05/step)
	c := &chart{start: r.Start, end: maxTime(r.Finish, forecastAt), yMax: yMax}
	if !c.end.After(c.start) {
		c.end = c.start.Add(24 * time.Hour)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family='%s' font-size="12">`+"\n", chartW, chartH, chartW, chartH, chartFont)
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	fmt.Fprintf(&b, `<text x="%g" y="30" font-size="18" font-weight="700" fill="#1f2933">%s</text>`+"\n", plotL, esc(title))
	sub := fmt.Sprintf("Earned value at %s against baseline %d · SPI %s · CPI %s · SPI(t) %s",
		strings.Replace(domain.FormatDateTime(r.StatusDate)[:16], "T", " ", 1), r.Baseline, fmtRatio(m.SPI), fmtRatio(m.CPI), fmtRatio(m.SPIt))
	fmt.Fprintf(&b, `<text x="%g" y="50" fill="#3e4c59">%s</text>`+"\n", plotL, esc(sub))
	c.legend(&b)
	c.axes(&b, step, currency)
	// Budget at completion.
	y := c.y(float64(m.BAC))
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2 3"/>`+"\n", plotL, y, chartW-plotR, y, colourBudget)
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s">BAC %s</text>`+"\n", plotL+6, y-5, colourBudget, esc(groupMoney(m.BAC, currency)))
	// The curves.
	whole := r.curves[len(r.curves)-1]
	pv := []point{{r.Start, whole.pv.At(r.Start)}}
	ev := []point{{r.Start, whole.ev.At(r.Start)}}
	ac := []point{{r.Start, whole.ac.At(r.Start)}}
	for _, pt := range pts {
		pv = append(pv, point{pt.Date, pt.PV})
		if pt.Measured {
			ev, ac = append(ev, point{pt.Date, pt.EV}), append(ac, point{pt.Date, pt.AC})
		}
	}
	ev, ac = append(ev, point{r.StatusDate, m.EV}), append(ac, point{r.StatusDate, m.AC})
	c.line(&b, pv, colourPV)
	c.line(&b, ac, colourAC)
	c.line(&b, ev, colourEV)
	// The forecast.
	if m.EAC.Defined {
		fx, fy := c.x(forecastAt), c.y(float64(m.EAC.Amount))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`+"\n",
			c.x(r.StatusDate), c.y(float64(m.AC)), fx, fy, colourForecast)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>`+"\n", fx, fy, colourForecast)
		label := fmt.Sprintf("EAC %s · forecast finish %s", groupMoney(m.EAC.Amount, currency), domain.FormatDate(forecastAt))
		anchor, lx := "end", fx-8
		if lx-plotL < 300 {
			anchor, lx = "start", fx+8
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s" font-weight="700" text-anchor="%s">%s</text>`+"\n", lx, fy-8, colourForecast, anchor, esc(label))
	}
	// The status date.
	sx := c.x(r.StatusDate)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="%s" stroke-dasharray="4 3"/>`+"\n", sx, plotT, sx, chartH-plotB, colourStatusDate)
	fmt.Fprintf(&b, `<text x="%.1f" y="%g" fill="%s" font-size="11" font-weight="700" text-anchor="middle">Status date</text>`+"\n", sx, plotT-6, colourStatusDate)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// chart maps dates and money to the plot area.
type chart struct {
	start, end time.Time
	yMax       float64
}

type point struct {
	t time.Time
	v int64
}

// x places t on the time axis, clamped to the plot.
func (c *chart) x(t time.Time) float64 {
	f := float64(t.Sub(c.start)) / float64(c.end.Sub(c.start))
	f = min(max(f, 0), 1)
	return plotL + f*(chartW-plotL-plotR)
}

func (c *chart) y(v float64) float64 {
	return chartH - plotB - v/c.yMax*(chartH-plotT-plotB)
}

func (c *chart) line(b *strings.Builder, pts []point, colour string) {
	if len(pts) == 0 {
		return
	}
	fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round" points="`, colour)
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(b, "%.1f,%.1f", c.x(p.t), c.y(float64(p.v)))
	}
	b.WriteString("\"/>\n")
}

// legend names the lines above the plot.
func (c *chart) legend(b *strings.Builder) {
	x := plotL
	for _, it := range []struct{ colour, label, dash string }{
		{colourPV, "Planned value (PV)", ""}, {colourEV, "Earned value (EV)", ""},
		{colourAC, "Actual cost (AC)", ""}, {colourForecast, "Forecast (EAC)", "6 4"}, {colourBudget, "Budget (BAC)", "2 3"},
	} {
		dash := ""
		if it.dash != "" {
			dash = ` stroke-dasharray="` + it.dash + `"`
		}
		fmt.Fprintf(b, `<line x1="%.1f" y1="70" x2="%.1f" y2="70" stroke="%s" stroke-width="2.5"%s/>`, x, x+22, it.colour, dash)
		fmt.Fprintf(b, `<text x="%.1f" y="74" fill="#3e4c59" font-size="11">%s</text>`+"\n", x+28, esc(it.label))
		x += 28 + 7*float64(len(it.label)) + 18
	}
}

// axes draws the money gridlines and the date ticks.
func (c *chart) axes(b *strings.Builder, step float64, currency string) {
	for v := 0.0; v <= c.yMax+step/2; v += step {
		y := c.y(v)
		fmt.Fprintf(b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#e4e7eb"/>`, plotL, y, chartW-plotR, y)
		fmt.Fprintf(b, `<text x="%g" y="%.1f" fill="#3e4c59" font-size="11" text-anchor="end">%s</text>`+"\n", plotL-8, y+4, esc(groupMoney(int64(v), currency)))
	}
	fmt.Fprintf(b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#9aa5b1"/>`+"\n", plotL, chartH-plotB, chartW-plotR, chartH-plotB)
	days := c.end.Sub(c.start).Hours() / 24
	tick := Month
	switch {
	case days <= 21:
		tick = Day
	case days <= 150:
		tick = Week
	}
	ends := PeriodEnds(c.start, c.end, tick)
	every := max(1, len(ends)/12)
	for i, e := range ends {
		t := e.Add(time.Minute) // the start of the next period
		if t.After(c.end) || i%every != 0 {
			continue
		}
		x := c.x(t)
		label := t.Format("2 Jan")
		if tick == Month {
			label = t.Format("Jan 2006")
		}
		fmt.Fprintf(b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#9aa5b1"/>`, x, chartH-plotB, x, chartH-plotB+5)
		fmt.Fprintf(b, `<text x="%.1f" y="%g" fill="#3e4c59" font-size="11" text-anchor="middle">%s</text>`+"\n", x, chartH-plotB+19, label)
	}
}

// niceStep rounds a gridline step up to 1, 2 or 5 times a power of ten
// of minor units.
func niceStep(raw float64) float64 {
	if raw <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// groupMoney writes minor units as currency units with thousands
// separators, dropping a zero fraction: "12,500", "1,250.50".
func groupMoney(minor int64, currency string) string {
	s := domain.FormatMoney(minor, currency)
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Trim(frac, "0") == "" {
		frac = ""
	}
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	var g []string
	for len(whole) > 3 {
		g = append([]string{whole[len(whole)-3:]}, g...)
		whole = whole[:len(whole)-3]
	}
	out := sign + strings.Join(append([]string{whole}, g...), ",")
	if frac != "" {
		out += "." + frac
	}
	return out
}

func fmtRatio(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func esc(s string) string { return html.EscapeString(s) }
