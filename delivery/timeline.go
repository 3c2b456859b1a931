package delivery

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/report"
)

// WriteTimeline draws a report's milestones as an SVG timeline: one row
// each, a hollow diamond at the baseline date and a filled one at the
// forecast, joined by a line whose colour says late (red: after the
// baseline, or past a deadline, drawn as a red bar) or not (green).
// Nothing is written when there are no dated milestones. The SVG has a
// title and a description, and each row a title, for screen readers.
func WriteTimeline(w io.Writer, ms []report.Milestone) error {
	type row struct {
		m                            report.Milestone
		baseline, forecast, deadline time.Time
	}
	var rows []row
	var lo, hi time.Time
	widen := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if hi.IsZero() || t.After(hi) {
			hi = t
		}
	}
	for _, m := range ms {
		f, err := domain.ParseDate(m.Forecast)
		if err != nil {
			continue
		}
		b, _ := domain.ParseDate(m.Baseline)
		dl, _ := domain.ParseDate(m.Deadline)
		rows = append(rows, row{m, b, f, dl})
		widen(f)
		widen(b)
		widen(dl)
	}
	if len(rows) == 0 {
		return nil
	}
	const left, width, rowH, top = 220.0, 360.0, 28.0, 24.0
	span := hi.Sub(lo).Hours()
	if span <= 0 {
		span = 24
	}
	x := func(t time.Time) float64 { return left + width*t.Sub(lo).Hours()/span }
	height := top + rowH*float64(len(rows)) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="tl-title tl-desc" width="600" height="%.0f" viewBox="0 0 600 %.0f" font-family="sans-serif" font-size="11">`, height, height)
	fmt.Fprintf(&b, `<title id="tl-title">Milestone timeline</title><desc id="tl-desc">%d milestones from %s to %s: hollow diamonds at the baseline dates, filled at the forecast dates, red bars at deadlines.</desc>`,
		len(rows), domain.FormatDate(lo), domain.FormatDate(hi))
	fmt.Fprintf(&b, `<text x="%.0f" y="14" fill="#50575e">%s</text><text x="%.0f" y="14" text-anchor="end" fill="#50575e">%s</text>`,
		left, domain.FormatDate(lo), left+width, domain.FormatDate(hi))
	for i, r := range rows {
		y := top + rowH*float64(i) + rowH/2
		colour := "#0a5a2a"
		late := !r.deadline.IsZero() && r.forecast.After(r.deadline)
		if r.m.VarianceDays > 0 || late {
			colour = "#8a1414"
		}
		label := r.m.Name
		if r.m.Done {
			label += " (done)"
		}
		note := baselineNote(r.m)
		if !r.deadline.IsZero() {
			note += ", deadline " + r.m.Deadline
			if late {
				note += " (missed)"
			}
		}
		fmt.Fprintf(&b, `<g><title>%s: forecast %s%s</title>`, html.EscapeString(label), r.m.Forecast, note)
		fmt.Fprintf(&b, `<text x="0" y="%.1f" dy="4">%s</text>`, y, html.EscapeString(truncate(label, 34)))
		if !r.baseline.IsZero() {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>`, x(r.baseline), y, x(r.forecast), y, colour)
			fmt.Fprintf(&b, `<path d="%s" fill="#fff" stroke="#50575e"/>`, diamond(x(r.baseline), y))
		}
		if !r.deadline.IsZero() {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#8a1414" stroke-width="2"/>`, x(r.deadline), y-9, x(r.deadline), y+9)
		}
		fmt.Fprintf(&b, `<path d="%s" fill="%s"/></g>`, diamond(x(r.forecast), y), colour)
	}
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

func baselineNote(m report.Milestone) string {
	if m.Baseline == "" {
		return ""
	}
	return fmt.Sprintf(", baseline %s (%s)", m.Baseline, html.EscapeString(m.Note))
}

func diamond(x, y float64) string {
	return fmt.Sprintf("M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y-6, x+6, y, x, y+6, x-6, y)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
