package risk

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strings"
)

// WriteTornado draws the tasks whose uncertainty moves the finish most: a
// bar per task, longest first, for the correlation between its duration
// and the project's finish over the runs (the tornado chart), with how
// often the task was critical. top bounds the bars (10 if 0 or less).
func WriteTornado(w io.Writer, r *Result, title string, top int) error {
	if top <= 0 {
		top = 10
	}
	var ts []TaskStats
	for _, t := range r.Tasks {
		if !t.Summary && t.Uncertain && !math.IsNaN(t.Sensitivity) {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(a, b TaskStats) int {
		return cmp.Or(cmp.Compare(math.Abs(b.Sensitivity), math.Abs(a.Sensitivity)), cmp.Compare(a.UID, b.UID))
	})
	if len(ts) > top {
		ts = ts[:top]
	}
	const width, rowH, labelW, font = 960.0, 28.0, 300.0, `system-ui,-apple-system,"Segoe UI",Roboto,sans-serif`
	height := 96 + rowH*float64(max(len(ts), 1)) + 30
	mid := labelW + (width-labelW-120)/2
	half := (width - labelW - 120) / 2
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family='%s' font-size="12" role="img" aria-labelledby="tornado-title tornado-desc">`+"\n",
		width, height, width, height, font)
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	fmt.Fprintf(&b, `<title id="tornado-title">%s</title>`, html.EscapeString(title))
	b.WriteString(`<desc id="tornado-desc">Tasks whose duration moves the finish most: the correlation between each task's duration and the project's finish over the runs, and how often the task was critical.</desc>` + "\n")
	fmt.Fprintf(&b, `<text x="24" y="30" font-size="18" font-weight="700" fill="#1f2933">%s</text>`+"\n", html.EscapeString(title))
	b.WriteString(`<text x="24" y="52" fill="#3e4c59">What drives the finish: the longer the bar, the more the task's duration moves the project's finish. Critical: share of runs it was on the critical path.</text>` + "\n")
	fmt.Fprintf(&b, `<line x1="%.1f" y1="70" x2="%.1f" y2="%.1f" stroke="#52606d"/>`+"\n", mid, mid, height-30)
	if len(ts) == 0 {
		fmt.Fprintf(&b, `<text x="24" y="%g" fill="#3e4c59">No task has an uncertain duration, so none drives the finish more than another.</text>`+"\n", 96+rowH/2)
	}
	for i, t := range ts {
		y := 80 + float64(i)*rowH
		wdt := math.Abs(t.Sensitivity) * half
		x, colour := mid, "#b91c1c"
		if t.Sensitivity < 0 {
			x, colour = mid-wdt, "#2563eb"
		}
		name := []rune(t.Name)
		if len(name) > 40 {
			name = append(name[:39], '…')
		}
		fmt.Fprintf(&b, `<g><title>%s: correlation with the finish %.2f; critical in %.0f%% of runs</title>`, html.EscapeString(t.Name), t.Sensitivity, 100*t.Criticality)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" fill="#1f2933" text-anchor="end">%s</text>`, labelW-8, y+15, html.EscapeString(string(name)))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="16" fill="%s"/>`, x, y+3, math.Max(wdt, 1), colour)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#3e4c59" font-size="11">%.2f · critical %.0f%%</text></g>`+"\n", mid+half+8, y+15, t.Sensitivity, 100*t.Criticality)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
