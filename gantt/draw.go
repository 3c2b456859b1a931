package gantt

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// fontStack prefers the platform's UI font and falls back to any sans-serif.
const fontStack = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif`

// Colours that the arrowheads share with the style sheet: SVG 1.1
// markers cannot take the colour of the line they end.
const (
	linkGrey    = "#66727f"
	criticalRed = "#dc3f37"
)

// style is the chart's stylesheet. Every rule is scoped to the root's
// class, so an SVG inlined in a web page styles nothing else.
const style = `.gantt text{font-family:` + fontStack + `;font-size:12px;fill:#1f2933}
.gantt .title{font-size:18px;font-weight:700}
.gantt .sub{fill:#52606d}
.gantt .wbs,.gantt .hd,.gantt .msdate,.gantt .key{font-size:11px;fill:#3e4c59}
.gantt .th{font-size:11px;font-weight:700;fill:#3e4c59}
.gantt .sum{font-weight:700}
.gantt .halo{fill:#fff;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.gantt .bg{fill:#fff}
.gantt .hdr{fill:#f1f4f8}
.gantt .zebra{fill:#f6f8fa}
.gantt .we{fill:#7b8794;fill-opacity:.09}
.gantt .grid{stroke:#e1e6ec}
.gantt .grid2{stroke:#bcc5d0}
.gantt .grid3{stroke:#eef1f4}
.gantt .frame{fill:none;stroke:#9aa5b1}
.gantt .bar{fill:#4a8fd8;stroke:#2e6db0}
.gantt .critical .bar{fill:` + criticalRed + `;stroke:#a82a24}
.gantt .done{fill:#1c4a7e}
.gantt .critical .done{fill:#7d1914}
.gantt .sumbar,.gantt .ms{fill:#27313b}
.gantt .critical .ms{fill:` + criticalRed + `;stroke:#a82a24}
.gantt .base{fill:#a9b3bf}
.gantt .link{fill:none;stroke:` + linkGrey + `}
.gantt .link.critical{stroke:` + criticalRed + `;stroke-width:1.4}
.gantt .status{stroke:#6b3fc0;stroke-width:1.5;stroke-dasharray:6 4}
.gantt .today{stroke:#d97706;stroke-width:1.5}
.gantt .statuslbl{font-size:11px;font-weight:700;fill:#6b3fc0}
.gantt .todaylbl{font-size:11px;font-weight:700;fill:#b45309}
`

// Marker and clip IDs. Two charts inlined in one page define them
// identically, so a clash is harmless.
const (
	arrowID     = "gantt-arrow"
	arrowCritID = "gantt-arrow-critical"
	clipID      = "gantt-clip"
)

func (c *chart) draw(s *svgWriter) {
	c.open(s)
	if !c.opt.Inline {
		c.heading(s)
	}
	c.stripes(s)
	if !c.opt.Inline {
		c.table(s)
	}
	s.raw(`<g clip-path="url(#` + clipID + `)">` + "\n")
	c.weekends(s)
	c.grid(s)
	c.baselines(s)
	c.links(s)
	c.bars(s)
	c.markerLines(s)
	s.raw("</g>\n")
	c.header(s)
	c.frame(s)
	s.raw("</svg>\n")
}

// open writes the prolog, the root element, its accessible name, the
// stylesheet and the shared definitions.
func (c *chart) open(s *svgWriter) {
	w, h := math.Ceil(c.width), math.Ceil(c.height)
	name := "Gantt chart: " + c.title
	if c.opt.Inline {
		s.raw(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="gantt gantt-inline"`)
		s.raw(` data-origin="` + c.origin.Format("2006-01-02T15:04:05") + `" data-px-per-day="`)
		s.buf = strconv.AppendFloat(s.buf, c.pxPerDay, 'f', -1, 64)
		s.raw(`"`)
	} else {
		s.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		s.raw(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="gantt"`)
	}
	s.attr("width", w)
	s.attr("height", h)
	s.raw(` viewBox="0 0 `)
	s.num(w)
	s.raw(" ")
	s.num(h)
	s.raw(`" role="img" aria-label="`)
	s.text(name)
	s.raw("\">\n")
	s.title(name)
	s.raw("\n<desc>")
	s.text(c.description())
	s.raw("</desc>\n")
	if !c.opt.Inline {
		s.raw("<style>\n" + style + "</style>\n")
	}
	s.raw("<defs>\n")
	for _, m := range [][2]string{{arrowID, linkGrey}, {arrowCritID, criticalRed}} {
		s.raw(`<marker id="` + m[0] + `" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">`)
		s.raw(`<path d="M0,0 L8,4 L0,8 Z" fill="` + m[1] + `"/></marker>` + "\n")
	}
	s.raw(`<clipPath id="` + clipID + `">`)
	top := c.headerY + 2*hdrRowH
	s.rect("clip", c.x0, top, c.tlW, c.bodyBottom()-top)
	s.raw("</clipPath>\n</defs>\n")
	s.rect("bg", 0, 0, w, h)
	s.raw("\n")
}

func (c *chart) description() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(c.rows)))
	b.WriteString(" tasks")
	if !c.r.Start.IsZero() {
		b.WriteString(" from " + c.r.Start.Format("2 January 2006") + " to " + c.r.Finish.Format("2 January 2006"))
	}
	b.WriteString(".")
	if c.opt.Critical {
		b.WriteString(" Critical tasks and the links between them are red.")
	}
	return b.String()
}

// heading writes the title, a line of key facts and the legend.
func (c *chart) heading(s *svgWriter) {
	avail := c.width - 2*margin
	s.label("title", "", margin, 30, fit(c.title, avail, fontTitle, true))
	var facts []string
	if k := c.p.Project.Key; k != "" && k != c.title {
		facts = append(facts, k)
	}
	if !c.r.Start.IsZero() {
		facts = append(facts, c.r.Start.Format("2 Jan 2006")+" – "+c.r.Finish.Format("2 Jan 2006"))
	}
	facts = append(facts, strconv.Itoa(len(c.rows))+" tasks")
	if !c.opt.StatusDate.IsZero() {
		facts = append(facts, "status date "+c.opt.StatusDate.Format("2 Jan 2006"))
	}
	s.label("sub", "", margin, 50, fit(strings.Join(facts, " · "), avail, fontName, false))
	s.raw("\n")
	c.legend(s, 72)
}

// legend writes sample shapes with their meaning, left to right, on the
// text baseline y; items that would run past the right edge are left out.
func (c *chart) legend(s *svgWriter, y float64) {
	type item struct {
		label string
		draw  func(x float64)
	}
	mid := y - 4
	items := []item{{"Task", func(x float64) {
		s.raw(`<g class="task">`)
		s.rect("bar", x, mid-5, 22, 10)
		s.raw("</g>")
	}}}
	if c.opt.Critical {
		items = append(items, item{"Critical", func(x float64) {
			s.raw(`<g class="task critical">`)
			s.rect("bar", x, mid-5, 22, 10)
			s.raw("</g>")
		}})
	}
	items = append(items,
		item{"Summary", func(x float64) { c.summaryPath(s, x, x+22, mid-4) }},
		item{"Milestone", func(x float64) { diamond(s, "ms", x+11, mid, 6) }})
	if c.opt.Baseline != nil {
		items = append(items, item{"Baseline", func(x float64) { s.rect("base", x, mid-2, 22, 4) }})
	}
	if !c.opt.StatusDate.IsZero() {
		items = append(items, item{"Status date", func(x float64) { s.line("status", x+11, mid-7, x+11, mid+7) }})
	}
	if !c.opt.Today.IsZero() {
		items = append(items, item{"Today", func(x float64) { s.line("today", x+11, mid-7, x+11, mid+7) }})
	}
	x := margin
	for _, it := range items {
		w := 22 + 6 + textWidth(it.label, fontSmall, false) + 18
		if x+w-18 > c.width-margin {
			break
		}
		it.draw(x)
		s.label("key", "", x+28, y, it.label)
		x += w
	}
	s.raw("\n")
}

// stripes shades every other row across table and time axis.
func (c *chart) stripes(s *svgWriter) {
	for i := 1; i < len(c.rows); i += 2 {
		s.rect("zebra", margin, c.bodyY+float64(i)*rowH, c.width-2*margin, rowH)
		s.maybeFlush()
	}
	s.raw("\n")
}

// table writes the outline numbers and names, indented by WBS level.
func (c *chart) table(s *svgWriter) {
	for i := range c.rows {
		rw := &c.rows[i]
		y := c.bodyY + float64(i)*rowH + 16
		s.label("wbs", "", margin+6, y, rw.outline)
		indent := float64(rw.level) * indentW
		name := fit(rw.t.Name, c.nameW-12-indent, fontName, rw.t.Summary)
		class := "name"
		if rw.t.Summary {
			class = "name sum"
		}
		if name == rw.t.Name {
			s.label(class, "", margin+c.wbsW+6+indent, y, name)
		} else { // cut short: the full name shows on hover
			s.raw(`<text class="` + class + `"`)
			s.attr("x", margin+c.wbsW+6+indent)
			s.attr("y", y)
			s.raw(">")
			s.title(rw.t.Name)
			s.text(name)
			s.raw("</text>")
		}
		s.raw("\n")
		s.maybeFlush()
	}
}

// weekends shades Saturdays and Sundays when the scale shows days.
func (c *chart) weekends(s *svgWriter) {
	if !c.scale.weekends {
		return
	}
	top, bot := c.headerY+2*hdrRowH, c.bodyBottom()
	for d := floorTo(c.origin, day); d.Before(c.end); d = d.AddDate(0, 0, 1) {
		wd := d.Weekday()
		if wd != time.Saturday && (wd != time.Sunday || d.After(c.origin)) {
			continue
		}
		to := d.AddDate(0, 0, 1)
		if wd == time.Saturday {
			to = d.AddDate(0, 0, 2)
		}
		x0, x1 := c.x(later(d, c.origin)), c.x(earlier(to, c.end))
		s.rect("we", x0, top, x1-x0, bot-top)
	}
	s.raw("\n")
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// grid draws vertical lines at the scale's boundaries: faint minor lines,
// light lines at bottom-row cells, darker ones at top-row cells.
func (c *chart) grid(s *svgWriter) {
	top, bot := c.headerY+2*hdrRowH, c.bodyBottom()
	levels := []struct {
		u, coarser unit
		class      string
	}{
		{c.scale.minor, c.scale.bottom, "grid3"},
		{c.scale.bottom, c.scale.top, "grid"},
		{c.scale.top, noUnit, "grid2"},
	}
	for _, l := range levels {
		if l.u == noUnit {
			continue
		}
		for t := ceilTo(c.origin, l.u); t.Before(c.end); t = next(t, l.u) {
			if !t.After(c.origin) || (l.coarser != noUnit && floorTo(t, l.coarser).Equal(t)) {
				continue // the edge, or a coarser line's place
			}
			x := c.x(t)
			s.line(l.class, x, top, x, bot)
		}
		s.raw("\n")
	}
}

// baselines draws each task's baseline as a thin grey bar under its bar,
// or a small diamond for a milestone.
func (c *chart) baselines(s *svgWriter) {
	for i := range c.rows {
		rw := &c.rows[i]
		if !rw.hasBase {
			continue
		}
		x0, x1 := c.x(rw.base[0]), c.x(rw.base[1])
		if rw.t.Milestone || x1-x0 < 1 {
			diamond(s, "base", x1, rw.g.baseTop+rw.g.baseH/2, 3.5)
		} else {
			s.rect("base", x0, rw.g.baseTop, x1-x0, rw.g.baseH)
		}
		s.maybeFlush()
	}
	s.raw("\n")
}

// bars draws each task's bar, summary bracket or milestone diamond, with
// a tooltip.
func (c *chart) bars(s *svgWriter) {
	for i := range c.rows {
		rw := &c.rows[i]
		g := &rw.g
		if g.shape == noShape {
			continue
		}
		s.raw(`<g class="` + g.shape.class())
		if c.opt.Critical && rw.t.Critical {
			s.raw(" critical")
		}
		s.raw(`"`)
		if c.opt.Inline {
			s.raw(` data-task="`)
			s.buf = strconv.AppendInt(s.buf, rw.t.ID, 10)
			s.raw(`"`)
		}
		s.raw(`>`)
		c.tooltip(s, rw)
		switch g.shape {
		case barShape:
			s.raw(`<rect class="bar" rx="2"`)
			s.attr("x", g.x0)
			s.attr("y", g.top)
			s.attr("width", g.x1-g.x0)
			s.attr("height", g.bot-g.top)
			s.raw("/>")
			if rw.percent > 0 {
				s.rect("done", g.x0, g.mid-2, (g.x1-g.x0)*float64(rw.percent)/100, 4)
			}
		case summaryShape:
			c.summaryPath(s, g.x0, g.x1, g.top)
		case milestoneShape:
			diamond(s, "ms", g.cx, g.mid, msHalf)
			// The date over a white halo of itself, so that links
			// passing behind stay clear of it.
			date := rw.t.Finish.Format("2 Jan")
			s.label("msdate halo", "", g.x1+4, g.mid+4, date)
			s.label("msdate", "", g.x1+4, g.mid+4, date)
		}
		s.raw("</g>\n")
		s.maybeFlush()
	}
}

// class names the group of a task's shape; tests and style sheets key on it.
func (sh shape) class() string {
	switch sh {
	case summaryShape:
		return "summary"
	case milestoneShape:
		return "milestone"
	}
	return "task"
}

// summaryPath draws the classic summary bar: a thick line from x0 to x1
// whose ends point down.
func (c *chart) summaryPath(s *svgWriter, x0, x1, top float64) {
	leg := min(5, (x1-x0)/2)
	s.raw(`<path class="sumbar" d="`)
	path{s}.M(x0, top).H(x1).V(top+sumH+5).L(x1-leg, top+sumH).H(x0+leg).L(x0, top+sumH+5).Z()
	s.raw(`"/>`)
}

// diamond draws a diamond of half-width r centred on (x, y).
func diamond(s *svgWriter, class string, x, y, r float64) {
	s.raw(`<path class="` + class + `" d="`)
	path{s}.M(x, y-r).L(x+r, y).L(x, y+r).L(x-r, y).Z()
	s.raw(`"/>`)
}

// tooltip writes the hover text of a task as a <title>: outline and
// name, dates, duration, float and, when known, baseline and progress,
// one to a line. It writes straight into the buffer: tooltips are most of
// a large chart's text.
func (c *chart) tooltip(s *svgWriter, rw *row) {
	t := rw.t
	s.raw("<title>")
	if rw.outline != "" {
		s.raw(rw.outline) // digits and dots
		s.raw(" ")
	}
	s.text(t.Name)
	const nl = "&#xA;"
	if t.Milestone {
		s.raw(nl + "Date: ")
		s.buf = appendStamp(s.buf, t.Finish)
	} else {
		s.raw(nl + "Start: ")
		s.buf = appendStamp(s.buf, t.Start)
		s.raw(nl + "Finish: ")
		s.buf = appendStamp(s.buf, t.Finish)
		s.raw(nl + "Duration: ")
		s.raw(c.inDays(t.Duration))
	}
	s.raw(nl + "Total float: ")
	s.raw(c.inDays(t.TotalFloat))
	if t.Critical {
		s.raw(" (critical)")
	}
	if rw.hasBase {
		s.raw(nl + "Baseline: ")
		s.buf = appendStamp(s.buf, rw.base[0])
		s.raw(" – ")
		s.buf = appendStamp(s.buf, rw.base[1])
	}
	if rw.percent > 0 {
		s.raw(nl + "Complete: ")
		s.buf = strconv.AppendInt(s.buf, int64(rw.percent), 10)
		s.raw("%")
	}
	s.raw("</title>")
}

// appendStamp appends t as "Mon 4 Jan 2027 08:00".
func appendStamp(b []byte, t time.Time) []byte {
	y, mon, d := t.Date()
	h, m, _ := t.Clock()
	b = append(b, t.Weekday().String()[:3]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, ' ')
	b = append(b, mon.String()[:3]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(y), 10)
	return append(b, ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
}

// inDays writes working minutes as working days of the project's units,
// to two decimals: "3 days", "0.5 days", "1 day".
func (c *chart) inDays(minutes int64) string {
	d := math.Round(float64(minutes)/float64(c.units.MinutesPerDay)*100) / 100
	if d == 0 {
		d = 0
	}
	s := strconv.FormatFloat(d, 'f', -1, 64)
	if d == 1 || d == -1 {
		return s + " day"
	}
	return s + " days"
}
