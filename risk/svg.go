package risk

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"time"
)

// Chart geometry, in px.
const (
	svgWidth  = 880
	svgHeight = 420
	plotLeft  = 64
	plotRight = 64 // room for the cumulative axis
	plotTop   = 70
	plotBot   = 64
)

// WriteSVG draws the finish distribution: a histogram of the runs by
// finish date (bars of whole working days), the S-curve of the share of
// runs finished by each date, and lines at the planned finish and at P50,
// P80 and P95.
func WriteSVG(w io.Writer, r *Result, title string) error {
	bw := bufio.NewWriter(w)
	bins := r.Histogram(40)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="risk" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">
<title>%s</title>
<style>
.risk text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:11px;fill:#1d2430}
.risk .t{font-size:16px;font-weight:600}.risk .a{fill:#5b6472}
.risk .bar{fill:#9cc3ea}.risk .s{fill:none;stroke:#1f5fa8;stroke-width:2}
.risk .axis{stroke:#5b6472;stroke-width:1}.risk .grid{stroke:#e3e7ee;stroke-width:1}
.risk .p{stroke:#1d2430;stroke-width:1;stroke-dasharray:4 3}.risk .plan{stroke:#b45309;stroke-width:1.5}
.risk .plbl{font-weight:600}.risk .planlbl{font-weight:600;fill:#b45309}
</style>
<rect width="100%%" height="100%%" fill="#fff"/>
<text class="t" x="16" y="26">%s</text>
<text class="a" x="16" y="46">%d runs, seed %d. Bars: runs finishing on each day; line: share of runs finished by then.</text>
`, svgWidth, svgHeight, svgWidth, svgHeight, esc(title), esc(title), esc(title), r.Iterations, r.Seed)
	if len(bins) > 0 {
		drawHistogram(bw, r, bins)
	}
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}

func drawHistogram(w io.Writer, r *Result, bins []Bin) {
	plotW := float64(svgWidth - plotLeft - plotRight)
	plotH := float64(svgHeight - plotTop - plotBot)
	base := float64(plotTop) + plotH
	peak := 1
	for _, b := range bins {
		peak = max(peak, b.Runs)
	}
	lo, hi := r.cal.Ordinal(bins[0].From), r.cal.Ordinal(bins[len(bins)-1].To)
	x := func(t time.Time) float64 {
		if hi == lo {
			return plotLeft
		}
		return plotLeft + plotW*float64(r.cal.Ordinal(t)-lo)/float64(hi-lo)
	}
	// Grid and axes: quarters of the runs' peak on the left, quarters of
	// the cumulative share on the right.
	for q := 0; q <= 4; q++ {
		y := base - plotH*float64(q)/4
		fmt.Fprintf(w, `<line class="grid" x1="%d" y1="%.1f" x2="%.1f" y2="%.1f"/>`+"\n", plotLeft, y, plotLeft+plotW, y)
		fmt.Fprintf(w, `<text class="a" x="%d" y="%.1f" text-anchor="end">%d</text>`, plotLeft-6, y+4, peak*q/4)
		fmt.Fprintf(w, `<text class="a" x="%.1f" y="%.1f">%d%%</text>`+"\n", plotLeft+plotW+6, y+4, 25*q)
	}
	fmt.Fprintf(w, `<text class="a" x="%d" y="%d">runs</text><text class="a" x="%.1f" y="%d" text-anchor="end">finished by</text>`+"\n",
		8, plotTop-8, float64(svgWidth-8), plotTop-8)
	path := fmt.Sprintf("M%.1f %.1f", x(bins[0].From), base)
	for _, b := range bins {
		x0, x1 := x(b.From), x(b.To)
		h := plotH * float64(b.Runs) / float64(peak)
		fmt.Fprintf(w, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %d runs, %.0f%% finished by then</title></rect>`+"\n",
			x0+0.5, base-h, max(0.5, x1-x0-1), h, binLabel(b), b.Runs, 100*b.Cumulative)
		path += fmt.Sprintf(" L%.1f %.1f", x1, base-plotH*b.Cumulative)
	}
	fmt.Fprintf(w, `<path class="s" d="%s"/>`+"\n", path)
	fmt.Fprintf(w, `<line class="axis" x1="%d" y1="%.1f" x2="%.1f" y2="%.1f"/>`+"\n", plotLeft, base, plotLeft+plotW, base)
	// Date ticks: about eight, on bin edges.
	step := max(1, len(bins)/8)
	for k := 0; k < len(bins); k += step {
		fmt.Fprintf(w, `<text class="a" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x(bins[k].From), base+16, bins[k].From.Format("2 Jan 2006"))
	}
	marks := []struct {
		label string
		t     time.Time
	}{{"P50", r.Finish.P50}, {"P80", r.Finish.P80}, {"P95", r.Finish.P95}}
	for i, m := range marks {
		mx := x(m.t)
		fmt.Fprintf(w, `<line class="p" x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/><text class="plbl" x="%.1f" y="%d">%s %s</text>`+"\n",
			mx, plotTop, mx, base, mx+3, plotTop+12+14*i, m.label, m.t.Format("2 Jan"))
	}
	if px := x(r.Planned); r.cal.Ordinal(r.Planned) >= lo && r.cal.Ordinal(r.Planned) <= hi {
		fmt.Fprintf(w, `<line class="plan" x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/><text class="planlbl" x="%.1f" y="%.1f">planned %s: %.0f%% of runs</text>`+"\n",
			px, plotTop, px, base, px+3, base-8, r.Planned.Format("2 Jan"), 100*r.OnTime)
	}
}

// binLabel names the days of a bin: "Fri 21 May 2027" or "21–24 May 2027".
func binLabel(b Bin) string {
	last := b.To.AddDate(0, 0, -1)
	if last.Equal(b.From) {
		return b.From.Format("Mon 2 Jan 2006")
	}
	return b.From.Format("2 Jan") + "–" + last.Format("2 Jan 2006")
}

func esc(s string) string { return html.EscapeString(s) }
