package evm

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// Bar is one line of a cost breakdown: what was budgeted and what is now
// forecast, in minor units. Forecast < 0 means none is shown.
type Bar struct {
	Label            string
	Budget, Forecast int64
}

// Phases returns the breakdown by the plan's top-level tasks (its phases):
// each one's budget at completion and estimate at completion.
func (r *Result) Phases() []Bar {
	var out []Bar
	for _, m := range r.Tasks {
		if m.Parent != -1 {
			continue
		}
		b := Bar{Label: m.Name, Budget: m.BAC, Forecast: -1}
		if m.EAC.Defined {
			b.Forecast = m.EAC.Amount
		}
		out = append(out, b)
	}
	return out
}

// WriteBreakdown draws cost breakdowns as horizontal bars — budget, and
// forecast where there is one — one section per group ("By phase", "By
// resource"). The output depends only on its inputs.
func WriteBreakdown(w io.Writer, title, currency string, groups []string, bars [][]Bar) error {
	const rowH, gap, labelW = 26.0, 34.0, 260.0
	top := int64(1)
	rows := 0
	for _, bs := range bars {
		rows += len(bs)
		for _, b := range bs {
			top = max(top, b.Budget, b.Forecast)
		}
	}
	height := 70 + float64(rows)*rowH + float64(len(groups))*gap + 40
	width := 960.0
	scale := (width - labelW - 140) / float64(top)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family='%s' font-size="12" role="img" aria-labelledby="bd-title">`+"\n",
		width, height, width, height, chartFont)
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	fmt.Fprintf(&b, `<text id="bd-title" x="24" y="30" font-size="18" font-weight="700" fill="#1f2933">%s</text>`+"\n", esc(title))
	fmt.Fprintf(&b, `<rect x="24" y="44" width="12" height="10" fill="%s"/><text x="42" y="53" fill="#3e4c59">Budget</text>`, colourPV)
	fmt.Fprintf(&b, `<rect x="110" y="44" width="12" height="10" fill="%s"/><text x="128" y="53" fill="#3e4c59">Forecast</text>`+"\n", colourForecast)
	y := 70.0
	for gi, name := range groups {
		y += gap
		fmt.Fprintf(&b, `<text x="24" y="%.1f" font-weight="700" fill="#1f2933">%s</text>`+"\n", y-10, esc(name))
		for _, bar := range bars[gi] {
			fmt.Fprintf(&b, `<g><title>%s: budget %s%s</title>`, esc(bar.Label), esc(groupMoney(bar.Budget, currency)), forecastTitle(bar, currency))
			fmt.Fprintf(&b, `<text x="%g" y="%.1f" fill="#1f2933" text-anchor="end">%s</text>`, labelW, y+14, esc(clipLabel(bar.Label)))
			fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%.1f" height="9" fill="%s"/>`, labelW+8, y+4, math.Max(1, float64(bar.Budget)*scale), colourPV)
			if bar.Forecast >= 0 {
				colour := colourForecast
				if bar.Forecast > bar.Budget {
					colour = colourAC // over budget
				}
				fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%.1f" height="9" fill="%s"/>`, labelW+8, y+14, math.Max(1, float64(bar.Forecast)*scale), colour)
			}
			end := labelW + 8 + float64(max(bar.Budget, bar.Forecast))*scale
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#3e4c59" font-size="11">%s</text></g>`+"\n", end+6, y+14, esc(groupMoney(max(bar.Budget, bar.Forecast), currency)))
			y += rowH
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func forecastTitle(bar Bar, currency string) string {
	if bar.Forecast < 0 {
		return ""
	}
	return ", forecast " + groupMoney(bar.Forecast, currency)
}

func clipLabel(s string) string {
	r := []rune(s)
	if len(r) <= 36 {
		return s
	}
	return string(r[:35]) + "…"
}

// WriteTrend draws the cumulative CPI and SPI at the end of each period up
// to the status date, with 1.00 — on plan — marked, so a sponsor sees
// whether performance is improving. Periods before anything was earned or
// spent are left out, where the indices are undefined.
func (r *Result) WriteTrend(w io.Writer, title string, p Period) error {
	type sample struct {
		x        float64
		cpi, spi float64
		label    string
	}
	pts := r.Series(-1, p)
	var ss []sample
	yTop := 1.5
	for _, pt := range pts {
		if !pt.Measured || pt.EV == 0 || pt.AC == 0 || pt.PV == 0 {
			continue
		}
		s := sample{cpi: float64(pt.EV) / float64(pt.AC), spi: float64(pt.EV) / float64(pt.PV), label: pt.Date.Format("2 Jan")}
		yTop = math.Max(yTop, math.Max(s.cpi, s.spi)*1.1)
		ss = append(ss, s)
	}
	c := &chart{start: r.Start, end: r.StatusDate, yMax: yTop}
	if !c.end.After(c.start) {
		c.end = c.start.Add(24 * time.Hour)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family='%s' font-size="12" role="img" aria-labelledby="tr-title">`+"\n", chartW, chartH, chartW, chartH, chartFont)
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	fmt.Fprintf(&b, `<text id="tr-title" x="%g" y="30" font-size="18" font-weight="700" fill="#1f2933">%s</text>`+"\n", plotL, esc(title))
	fmt.Fprintf(&b, `<text x="%g" y="50" fill="#3e4c59">CPI and SPI to date, each period: above 1.00 is better than planned, below is worse</text>`+"\n", plotL)
	fmt.Fprintf(&b, `<rect x="%g" y="62" width="12" height="3" fill="%s"/><text x="%g" y="67" fill="#3e4c59">CPI (cost)</text>`, plotL, colourAC, plotL+18)
	fmt.Fprintf(&b, `<rect x="%g" y="62" width="12" height="3" fill="%s"/><text x="%g" y="67" fill="#3e4c59">SPI (schedule)</text>`+"\n", plotL+110, colourPV, plotL+128)
	for v := 0.0; v <= yTop+0.001; v += 0.25 {
		y := c.y(v)
		stroke := "#e4e7eb"
		if v == 1 {
			stroke = "#52606d"
		}
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="%s"/>`, plotL, y, chartW-plotR, y, stroke)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" fill="#3e4c59" font-size="11" text-anchor="end">%.2f</text>`+"\n", plotL-8, y+4, v)
	}
	if len(ss) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" fill="#3e4c59">Nothing has been earned and spent yet, so there is no trend to show.</text>`+"\n", plotL+20, chartH/2)
	}
	step := (chartW - plotL - plotR) / float64(max(1, len(ss)))
	for i := range ss {
		ss[i].x = plotL + step*(float64(i)+0.5)
	}
	for _, k := range []struct {
		colour string
		v      func(sample) float64
	}{{colourAC, func(s sample) float64 { return s.cpi }}, {colourPV, func(s sample) float64 { return s.spi }}} {
		var d strings.Builder
		for i, s := range ss {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, s.x, c.y(k.v(s)))
		}
		if len(ss) > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.TrimSpace(d.String()), k.colour)
		}
		for _, s := range ss {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %.2f</title></circle>`, s.x, c.y(k.v(s)), k.colour, s.label, k.v(s))
		}
	}
	every := max(1, len(ss)/12)
	for i, s := range ss {
		if i%every == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%g" fill="#3e4c59" font-size="11" text-anchor="middle">%s</text>`, s.x, chartH-plotB+19, s.label)
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
