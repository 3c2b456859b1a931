package risk

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Heatmap is a probability × impact matrix with risks placed on it, for
// WriteHeatmap.
type Heatmap struct {
	Title string
	// Size is the number of levels of probability and of impact.
	Size int
	// Medium and High are the scores (probability × impact) from which a
	// cell is medium or high; below Medium it is low.
	Medium, High int
	Risks        []HeatmapRisk
}

// HeatmapRisk is one risk on a heat map.
type HeatmapRisk struct {
	Key, Title          string // "R3", "Switches arrive late"
	Probability, Impact int    // 1..Size; others are left off the map
}

// Heat map geometry, in px.
const (
	heatCell = 64
	heatLeft = 96
	heatTop  = 64
	heatBot  = 64
)

// WriteHeatmap draws the matrix as SVG: probability rising upwards,
// impact to the right, each cell coloured by its score's band (low,
// medium, high) and showing how many risks it holds. Each cell has a
// title that names its scores, band and risks, so a screen reader or a
// hover says what the colours do.
func WriteHeatmap(w io.Writer, h Heatmap) error {
	if h.Size < 1 {
		return fmt.Errorf("heat map: size %d", h.Size)
	}
	bw := bufio.NewWriter(w)
	width, height := heatLeft+h.Size*heatCell+24, heatTop+h.Size*heatCell+heatBot
	cells := make([][]HeatmapRisk, h.Size*h.Size)
	placed := 0
	for _, r := range h.Risks {
		if r.Probability >= 1 && r.Probability <= h.Size && r.Impact >= 1 && r.Impact <= h.Size {
			i := (r.Probability-1)*h.Size + r.Impact - 1
			cells[i] = append(cells[i], r)
			placed++
		}
	}
	summary := fmt.Sprintf("%d risks on a %d×%d matrix of probability and impact", placed, h.Size, h.Size)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="heat" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="heat-title heat-desc">
<title id="heat-title">%s</title>
<desc id="heat-desc">%s. Each cell is coloured by its score (probability × impact): green low, amber medium (from %d), red high (from %d).</desc>
<style>
.heat text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:11px;fill:#1d2430}
.heat .t{font-size:16px;font-weight:600}.heat .a{fill:#5b6472}.heat .n{font-size:18px;font-weight:600}
.heat .low{fill:#cfe8c2}.heat .medium{fill:#ffe29a}.heat .high{fill:#f6b0aa}
.heat rect{stroke:#fff;stroke-width:2}
</style>
<rect width="100%%" height="100%%" fill="#fff" style="stroke:none"/>
<text class="t" x="16" y="26">%s</text>
<text class="a" x="16" y="46">%s</text>
`, width, height, width, height, esc(h.Title), esc(summary), h.Medium, h.High, esc(h.Title), esc(summary))
	for p := h.Size; p >= 1; p-- {
		y := heatTop + (h.Size-p)*heatCell
		fmt.Fprintf(bw, `<text class="a" x="%d" y="%d" text-anchor="end">%d</text>`+"\n", heatLeft-8, y+heatCell/2+4, p)
		for i := 1; i <= h.Size; i++ {
			x := heatLeft + (i-1)*heatCell
			rs := cells[(p-1)*h.Size+i-1]
			score := p * i
			band := "low"
			switch {
			case score >= h.High:
				band = "high"
			case score >= h.Medium:
				band = "medium"
			}
			fmt.Fprintf(bw, `<g><title>%s</title><rect class="%s" x="%d" y="%d" width="%d" height="%d"/>`,
				esc(cellTitle(p, i, score, band, rs)), band, x, y, heatCell, heatCell)
			if len(rs) > 0 {
				fmt.Fprintf(bw, `<text class="n" x="%d" y="%d" text-anchor="middle">%d</text>`, x+heatCell/2, y+heatCell/2+6, len(rs))
			}
			fmt.Fprintln(bw, "</g>")
		}
	}
	base := heatTop + h.Size*heatCell
	for i := 1; i <= h.Size; i++ {
		fmt.Fprintf(bw, `<text class="a" x="%d" y="%d" text-anchor="middle">%d</text>`+"\n", heatLeft+(i-1)*heatCell+heatCell/2, base+16, i)
	}
	fmt.Fprintf(bw, `<text class="a" x="%d" y="%d" text-anchor="middle">Impact →</text>`+"\n", heatLeft+h.Size*heatCell/2, base+38)
	fmt.Fprintf(bw, `<text class="a" x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">Probability →</text>`+"\n",
		heatLeft-40, heatTop+h.Size*heatCell/2, heatLeft-40, heatTop+h.Size*heatCell/2)
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}

// cellTitle says what a cell holds: "Probability 4, impact 3 (score 12,
// high): R1 Switches late; R4 Asbestos".
func cellTitle(p, i, score int, band string, rs []HeatmapRisk) string {
	s := fmt.Sprintf("Probability %d, impact %d (score %d, %s): ", p, i, score, band)
	if len(rs) == 0 {
		return s + "no risks"
	}
	names := make([]string, len(rs))
	for k, r := range rs {
		names[k] = strings.TrimSpace(r.Key + " " + r.Title)
	}
	return s + strings.Join(names, "; ")
}
