package load

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
)

// Chart sizes, in px.
const (
	chartLeft   = 190 // resource names
	chartRow    = 110 // height of one resource's histogram
	chartTop    = 56
	chartBottom = 28
	barMax      = 24 // widest bar
)

// WriteSVG draws a histogram per resource: demand per period as bars
// (the part above capacity in red), capacity as a line, hours on the axis.
func WriteSVG(w io.Writer, rep *Report, title string) error {
	bw := bufio.NewWriter(w)
	periods := 0
	for _, r := range rep.Resources {
		periods = max(periods, len(r.Periods))
	}
	bar := float64(barMax)
	if periods > 0 {
		bar = math.Max(3, math.Min(barMax, 900/float64(periods)))
	}
	width := chartLeft + int(bar*float64(periods)) + 40
	height := chartTop + chartRow*len(rep.Resources) + chartBottom
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="load" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="Resource load: %s">
<title>Resource load: %s</title>
<style>
.load text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#1d2430}
.load .t{font-size:16px;font-weight:600}.load .n{font-size:13px;font-weight:600}.load .a{font-size:10px;fill:#5b6472}
.load .ok{fill:#4a90d9}.load .over{fill:#d64541}.load .cap{fill:none;stroke:#1d2430;stroke-width:1.5;stroke-dasharray:4 3}
.load .grid{stroke:#dde2ea;stroke-width:1}
</style>
<rect width="100%%" height="100%%" fill="#fff"/>
<text class="t" x="16" y="26">%s</text>
<text class="a" x="16" y="44">Hours of work per period; dashed line: capacity; red: over-allocated</text>
`, width, height, width, height, esc(title), esc(title), esc(title))
	for i, r := range rep.Resources {
		drawResource(bw, r, chartTop+i*chartRow, bar)
	}
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}

func drawResource(w io.Writer, r Resource, top int, bar float64) {
	peak := int64(1)
	for _, p := range r.Periods {
		peak = max(peak, p.Demand, p.Capacity)
	}
	plot := float64(chartRow - 30)
	y := func(minutes int64) float64 { return float64(top) + 8 + plot - plot*float64(minutes)/float64(peak) }
	base := y(0)
	fmt.Fprintf(w, `<g class="resource"><text class="n" x="16" y="%d">%s</text><text class="a" x="16" y="%d">max %d%%, peak %.0f h</text>`+"\n",
		top+24, esc(r.Name), top+40, int(math.Round(r.MaxUnits*100)), float64(peak)/60)
	fmt.Fprintf(w, `<line class="grid" x1="%d" y1="%.1f" x2="%.1f" y2="%.1f"/>`+"\n", chartLeft, base, chartLeft+bar*float64(len(r.Periods)), base)
	capPath := ""
	for k, p := range r.Periods {
		x := float64(chartLeft) + bar*float64(k)
		within := min(p.Demand, p.Capacity)
		if within > 0 {
			fmt.Fprintf(w, `<rect class="ok" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %.1f h of %.1f h</title></rect>`+"\n",
				x+0.5, y(within), bar-1, base-y(within), p.Start.Format("Mon 2 Jan 2006"), float64(p.Demand)/60, float64(p.Capacity)/60)
		}
		if p.Over() {
			fmt.Fprintf(w, `<rect class="over" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: over by %.1f h</title></rect>`+"\n",
				x+0.5, y(p.Demand), bar-1, y(within)-y(p.Demand), p.Start.Format("Mon 2 Jan 2006"), float64(p.Demand-p.Capacity)/60)
		}
		op := "L"
		if k == 0 {
			op = "M"
		}
		capPath += fmt.Sprintf("%s%.1f %.1f H%.1f ", op, x, y(p.Capacity), x+bar)
	}
	if capPath != "" {
		fmt.Fprintf(w, `<path class="cap" d="%s"/>`+"\n", capPath)
	}
	if n := len(r.Periods); n > 0 {
		fmt.Fprintf(w, `<text class="a" x="%d" y="%.1f">%s</text><text class="a" x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n",
			chartLeft, base+12, r.Periods[0].Start.Format("2 Jan"), float64(chartLeft)+bar*float64(n), base+12, r.Periods[n-1].Start.Format("2 Jan 2006"))
	}
	fmt.Fprintln(w, "</g>")
}

func esc(s string) string { return html.EscapeString(s) }
