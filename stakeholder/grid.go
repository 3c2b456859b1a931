// Package stakeholder draws the stakeholder register's power/interest
// grid. It is an engine: domain values in, SVG out, no I/O of its own.
package stakeholder

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// Quadrant is where a stakeholder sits on the power/interest grid, and
// what the grid advises doing with them (Mendelow's matrix).
type Quadrant struct {
	Name   string // "Manage closely"
	Advice string
}

// The four quadrants: power and interest of 4 or 5 count as high, 3 or
// below as low, so the middle of the scale falls on the cautious side.
var (
	ManageClosely = Quadrant{"Manage closely", "high power, high interest: involve them in decisions and report to them often"}
	KeepSatisfied = Quadrant{"Keep satisfied", "high power, low interest: meet their needs without detail they did not ask for"}
	KeepInformed  = Quadrant{"Keep informed", "low power, high interest: tell them regularly how things stand"}
	Monitor       = Quadrant{"Monitor", "low power, low interest: watch for changes, with little communication"}
)

// QuadrantOf returns the quadrant of s.
func QuadrantOf(s domain.Stakeholder) Quadrant {
	high := func(n int) bool { return n >= 4 }
	switch {
	case high(s.Power) && high(s.Interest):
		return ManageClosely
	case high(s.Power):
		return KeepSatisfied
	case high(s.Interest):
		return KeepInformed
	}
	return Monitor
}

// Grid layout, in SVG user units.
const (
	gridLeft, gridTop, gridSize = 70.0, 40.0, 400.0
	cell                        = gridSize / 5
	legendLine                  = 18.0
)

// dot is where stakeholder i's dot goes: the middle of its cell, or
// spread around the middle in rows of three when others share the cell.
func dot(ss []domain.Stakeholder, i int) (x, y float64) {
	s := ss[i]
	k, n := 0, 0 // how many share the cell; how many of them come before i
	for j, o := range ss {
		if o.Power == s.Power && o.Interest == s.Interest {
			if j < i {
				n++
			}
			k++
		}
	}
	rows := (k + 2) / 3
	row, col := n/3, n%3
	inRow := min(3, k-row*3)
	x = gridLeft + cell*(float64(s.Interest)-0.5) + (float64(col)-float64(inRow-1)/2)*22
	y = gridTop + gridSize - cell*(float64(s.Power)-0.5) + (float64(row)-float64(rows-1)/2)*22
	return x, y
}

// truncate shortens s to n characters, marking the cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// WriteGrid draws the power/interest grid of a project's stakeholders:
// interest along the bottom, power up the side, the four quadrants
// labelled with their advice, and each stakeholder as a numbered dot
// keyed to their names below the grid. People who share a cell are
// spread around its middle. The SVG is an image with a title and a
// description that lists everyone and their quadrant, and each dot has
// its own title, so a screen reader gets the same facts as the eye.
func WriteGrid(w io.Writer, project string, ss []domain.Stakeholder) error {
	var b strings.Builder
	width, height := gridLeft+gridSize+20, gridTop+gridSize+60+legendLine*float64((len(ss)+1)/2)+8
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="grid-title grid-desc" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`,
		width, height, width, height)
	fmt.Fprintf(&b, `<title id="grid-title">Stakeholders of %s by power and interest</title>`, html.EscapeString(project))
	fmt.Fprintf(&b, `<desc id="grid-desc">%s</desc>`, html.EscapeString(describe(ss)))
	quadrants := []struct {
		q    Quadrant
		x, y float64
		fill string
	}{
		{KeepSatisfied, gridLeft, gridTop, "#fff4dc"},
		{ManageClosely, gridLeft + 3*cell, gridTop, "#fde8e8"},
		{Monitor, gridLeft, gridTop + 2*cell, "#f5f7f8"},
		{KeepInformed, gridLeft + 3*cell, gridTop + 2*cell, "#e7f0fb"},
	}
	for _, q := range quadrants {
		wq, hq := 3*cell, 2*cell
		if q.x > gridLeft {
			wq = 2 * cell
		}
		if q.y > gridTop {
			hq = 3 * cell
		}
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="%s" stroke="#d0d5da"><title>%s: %s</title></rect>`,
			q.x, q.y, wq, hq, q.fill, q.q.Name, q.q.Advice)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="#50575e" font-weight="600">%s</text>`, q.x+6, q.y+16, q.q.Name)
	}
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" fill="#50575e">%d</text>`, gridLeft+cell*(float64(i)-0.5), gridTop+gridSize+16, i)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end" fill="#50575e">%d</text>`, gridLeft-8, gridTop+gridSize-cell*(float64(i)-0.5)+4, i)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">Interest</text>`, gridLeft+gridSize/2, gridTop+gridSize+40)
	fmt.Fprintf(&b, `<text transform="translate(20 %.0f) rotate(-90)" text-anchor="middle">Power</text>`, gridTop+gridSize/2)
	for i, s := range ss {
		cx, cy := dot(ss, i)
		fmt.Fprintf(&b, `<g><title>%s</title><circle cx="%.0f" cy="%.0f" r="9" fill="#1d4f91"/><text x="%.0f" y="%.0f" text-anchor="middle" fill="#fff" font-size="10">%d</text></g>`,
			html.EscapeString(label(s)), cx, cy, cx, cy+3.5, i+1)
	}
	for i, s := range ss { // the key: number and name, in two columns
		x, y := 20.0+float64(i%2)*(width/2), gridTop+gridSize+68+float64(i/2)*legendLine
		who := s.Name
		if s.Organisation != "" {
			who += " (" + s.Organisation + ")"
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f"><tspan font-weight="600">%d</tspan> %s</text>`, x, y, i+1, html.EscapeString(truncate(who, 32)))
	}
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// label says who a stakeholder is and where they sit.
func label(s domain.Stakeholder) string {
	who := s.Name
	if s.Organisation != "" {
		who += " (" + s.Organisation + ")"
	}
	return fmt.Sprintf("%s, %s: power %d, interest %d, %s", who, s.Role, s.Power, s.Interest, strings.ToLower(QuadrantOf(s).Name))
}

// describe lists everyone on the grid, numbered as the dots are.
func describe(ss []domain.Stakeholder) string {
	if len(ss) == 0 {
		return "The register has no stakeholders yet."
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%d. %s.", i+1, label(s))
	}
	return "Interest from 1 to 5 across, power from 1 to 5 up. " + strings.Join(parts, " ")
}
