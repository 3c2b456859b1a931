package gantt

import "time"

// header writes the column titles and the two rows of the time scale.
func (c *chart) header(s *svgWriter) {
	y := c.headerY
	right := c.width - margin
	s.rect("hdr", margin, y, right-margin, 2*hdrRowH)
	if !c.opt.Inline {
		s.label("th", "", margin+6, y+hdrRowH+4, "WBS")
		s.label("th", "", margin+c.wbsW+6, y+hdrRowH+4, "Task name")
	}
	c.scaleRow(s, c.scale.top, y, true)
	c.scaleRow(s, c.scale.bottom, y+hdrRowH, false)
	s.line("grid2", c.x0, y+hdrRowH, right, y+hdrRowH)
	s.line("grid2", margin, y+2*hdrRowH, right, y+2*hdrRowH)
	s.raw("\n")
}

// scaleRow writes one header row of cells of unit u: top-row labels sit at
// the left of their cell (cells are wide and often cut by the edges),
// bottom-row labels in the middle. A label that does not fit is left out.
func (c *chart) scaleRow(s *svgWriter, u unit, y float64, top bool) {
	left, right := c.x0, c.x0+c.tlW
	for t := floorTo(c.origin, u); t.Before(c.end); t = next(t, u) {
		a, b := max(c.x(t), left), min(c.x(next(t, u)), right)
		if !top && u == day && (t.Weekday() == time.Saturday || t.Weekday() == time.Sunday) {
			s.rect("we", a, y, b-a, hdrRowH)
		}
		if t.After(c.origin) {
			s.line("grid2", a, y, a, y+hdrRowH)
		}
		if top {
			if l := pick(b-a-8, fontSmall, labels(t, u, true)...); l != "" {
				s.label("hd", "", a+4, y+14, l)
			}
		} else if l := pick(b-a-3, fontSmall, labels(t, u, false)...); l != "" {
			s.label("hd", "middle", (a+b)/2, y+14, l)
		}
		s.maybeFlush()
	}
}

// markerLines draws the status-date and today lines over the bars, with
// their labels in the strip under the header: right of the line, unless
// that runs off the chart or into the other label, in which case the
// left-hand line's label goes to its left.
func (c *chart) markerLines(s *svgWriter) {
	type mark struct {
		x            float64
		class, label string
		left         bool
	}
	var ms []mark
	if !c.opt.StatusDate.IsZero() {
		ms = append(ms, mark{x: c.x(c.statusAt), class: "status", label: "Status date " + c.opt.StatusDate.Format("2 Jan")})
	}
	if !c.opt.Today.IsZero() {
		ms = append(ms, mark{x: c.x(c.opt.Today), class: "today", label: "Today"})
	}
	if len(ms) == 2 {
		l, r := &ms[0], &ms[1]
		if r.x < l.x {
			l, r = r, l
		}
		if l.x+4+textWidth(l.label, fontSmall, true)+6 > r.x {
			l.left = true
		}
	}
	top, bot := c.headerY+2*hdrRowH, c.bodyBottom()
	for _, m := range ms {
		s.line(m.class, m.x, top, m.x, bot)
		if m.left || m.x+4+textWidth(m.label, fontSmall, true) > c.x0+c.tlW {
			s.label(m.class+"lbl", "end", m.x-4, top+13, m.label)
		} else {
			s.label(m.class+"lbl", "", m.x+4, top+13, m.label)
		}
	}
	s.raw("\n")
}

// frame draws the outline of the table and time axis and the lines
// between their columns.
func (c *chart) frame(s *svgWriter) {
	top, bot := c.headerY, c.bodyBottom()
	s.line("grid", margin+c.wbsW, top, margin+c.wbsW, bot)
	s.line("grid2", c.x0, top, c.x0, bot)
	s.raw(`<rect class="frame"`)
	s.attr("x", margin)
	s.attr("y", top)
	s.attr("width", c.width-2*margin)
	s.attr("height", bot-top)
	s.raw("/>\n")
}
