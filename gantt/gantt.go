package gantt

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Options tune a chart. The zero value draws a plain chart: no critical
// path highlight, no baseline, no status-date or today line, auto width.
type Options struct {
	// Title heads the chart; empty means the project's name.
	Title string
	// StatusDate, when set, draws a dashed vertical line labelled
	// "Status date" at that time. A bare date (midnight) means the end of
	// that day, as progress "as of 30 April" includes the 30th.
	StatusDate time.Time
	// Baseline maps task IDs to their baseline start and finish, drawn as
	// a thin grey bar under each task's bar. Nil draws no baseline; tasks
	// missing from the map have none.
	Baseline map[int64][2]time.Time
	// Critical highlights critical tasks, and links between two critical
	// tasks, in red. The CLI turns it on by default.
	Critical bool
	// Today, when set, draws a solid vertical line labelled "Today". The
	// renderer never reads the clock; pass the time to show.
	Today time.Time
	// Width is the width of the whole chart in px, task table included;
	// 0 sizes the time axis from the span (up to 36 px a day, about 960 px
	// for long plans). The time axis is never narrower than 200 px, so a
	// very small Width is exceeded.
	Width int
	// Inline draws only the time axis, for a web page that shows the task
	// table itself, row for row beside it: no XML prolog, style sheet,
	// title, legend or table (the page styles the classes), the header
	// at the top (HeaderHeight) and rows RowHeight px tall. The root
	// carries data-origin (the axis origin, "2006-01-02T15:04:05") and
	// data-px-per-day, and each task's group data-task (its ID), so a
	// script can turn a drag into dates.
	Inline bool
}

// RowHeight is the height of a task row in px.
const RowHeight = rowH

// HeaderHeight is the height in px of the header above the first row of
// an Inline chart: the two scale rows, and the strip that labels the
// status-date and today lines when either is drawn.
func HeaderHeight(opt Options) float64 {
	h := 2 * hdrRowH
	if !opt.StatusDate.IsZero() || !opt.Today.IsZero() {
		h += stripH
	}
	return h
}

// Layout in px. Rows are 24 px, the header two rows of 20 px.
const (
	margin      = 16.0
	titleH      = 88.0 // title, subtitle and legend
	hdrRowH     = 20.0
	stripH      = 18.0 // labels of the status-date and today lines
	rowH        = 24.0
	indentW     = 14.0 // per WBS level
	stub        = 6.0  // length of a link's first and last segment
	msHalf      = 7.0  // half the width of a milestone diamond
	sumH        = 5.0  // thickness of a summary bar
	targetW     = 960.0
	maxPxDay    = 36.0
	minTimeline = 200.0
	padLeftPx   = 16.0 // room left of the first bar for link stubs
	padRightPx  = 72.0 // room right of the last bar for a milestone's date
	minNameW    = 180.0
	maxNameW    = 380.0
)

// Render writes an SVG Gantt chart of the schedule r computed from plan p.
// Rows follow r.Tasks (WBS order); p supplies the outline numbers, the
// links, the units for float and percent complete. The output depends
// only on its inputs, byte for byte.
func Render(w io.Writer, p *domain.Plan, r *schedule.Result, opt Options) error {
	if p == nil || r == nil {
		return errors.New("gantt: nothing to draw: the plan or its schedule is nil")
	}
	c := newChart(p, r, opt)
	s := &svgWriter{w: w, buf: make([]byte, 0, flushAt+flushAt/4)}
	c.draw(s)
	s.flush()
	if s.err != nil {
		return fmt.Errorf("gantt: writing the chart: %w", s.err)
	}
	return nil
}

// row is one task line of the chart.
type row struct {
	t       *schedule.Task
	outline string
	level   int // 0 for top-level tasks
	percent int
	base    [2]time.Time
	hasBase bool
	g       geom
}

// shape is how a row's task is drawn.
type shape int

const (
	noShape shape = iota
	barShape
	summaryShape
	milestoneShape
)

// geom is where a task's shape sits. x0 and x1 are its visual left and
// right ends (a milestone's tips), top, mid and bot its vertical extent.
type geom struct {
	shape          shape
	x0, x1, cx     float64
	rowTop         float64
	top, mid, bot  float64
	baseTop, baseH float64
}

// chart is a laid-out chart, ready to draw.
type chart struct {
	p     *domain.Plan
	r     *schedule.Result
	opt   Options
	units domain.Units
	title string
	rows  []row
	byID  map[int64]int
	// statusAt is where the status-date line goes.
	statusAt time.Time

	// time axis
	origin, end time.Time
	pxPerDay    float64
	scale       timescale

	// layout
	width, height float64
	wbsW, nameW   float64
	x0, tlW       float64 // left edge and width of the time axis
	headerY       float64
	bodyY         float64
	strip         bool
}

func newChart(p *domain.Plan, r *schedule.Result, opt Options) *chart {
	opt.StatusDate, opt.Today = wall(opt.StatusDate), wall(opt.Today)
	c := &chart{p: p, r: r, opt: opt, units: p.Project.Units.OrDefault(), statusAt: opt.StatusDate}
	if !opt.StatusDate.IsZero() && opt.StatusDate.Equal(floorTo(opt.StatusDate, day)) {
		c.statusAt = opt.StatusDate.AddDate(0, 0, 1) // a bare date: the end of that day
	}
	c.title = firstOf(opt.Title, p.Project.Name, p.Project.Key, "Gantt chart")
	idx := p.TaskIndex()
	c.rows = make([]row, len(r.Tasks))
	c.byID = make(map[int64]int, len(r.Tasks))
	for i := range r.Tasks {
		t := &r.Tasks[i]
		rw := row{t: t, outline: t.Outline}
		rw.level = strings.Count(rw.outline, ".")
		if j, ok := idx[t.ID]; ok {
			rw.percent = min(max(p.Tasks[j].PercentComplete, 0), 100)
		}
		if b, ok := opt.Baseline[t.ID]; ok && !b[0].IsZero() && !b[1].IsZero() {
			rw.base, rw.hasBase = [2]time.Time{wall(b[0]), wall(b[1])}, true
		}
		c.rows[i] = rw
		c.byID[t.ID] = i
	}
	c.layoutColumns()
	c.layoutTime()
	c.layoutRows()
	return c
}

// wall reads t as a plan date: its clock reading, as UTC.
func wall(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return domain.Wall(t)
}

func firstOf(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

// Fonts, in px.
const (
	fontName  = 12.0
	fontSmall = 11.0
	fontTitle = 18.0
)

func (c *chart) layoutColumns() {
	if c.opt.Inline {
		c.x0 = margin
		return
	}
	wbs := textWidth("WBS", fontSmall, true)
	name := textWidth("Task name", fontName, true)
	for i := range c.rows {
		rw := &c.rows[i]
		wbs = max(wbs, textWidth(rw.outline, fontSmall, false))
		name = max(name, float64(rw.level)*indentW+textWidth(rw.t.Name, fontName, rw.t.Summary))
	}
	c.wbsW = wbs + 16
	c.nameW = min(max(name+16, minNameW), maxNameW)
	c.x0 = margin + c.wbsW + c.nameW
}

// span returns the earliest and latest time the chart must show.
func (c *chart) span() (lo, hi time.Time) {
	add := func(t time.Time) {
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
	add(c.r.Start)
	add(c.r.Finish)
	for i := range c.rows {
		rw := &c.rows[i]
		add(rw.t.Start)
		add(rw.t.Finish)
		if rw.hasBase {
			add(rw.base[0])
			add(rw.base[1])
		}
	}
	add(c.statusAt)
	add(c.opt.Today)
	if lo.IsZero() {
		lo = c.p.Project.Start
	}
	if hi.Sub(lo) < 24*time.Hour {
		hi = lo.Add(24 * time.Hour)
	}
	return lo, hi
}

// layoutTime picks the scale and the px per day. x is linear in
// wall-clock time; the axis runs from a little before the earliest date
// to a little after the latest, cut at whole days (weeks on a month
// scale), so the cells at the edges may be partial.
func (c *chart) layoutTime() {
	lo, hi := c.span()
	days := hi.Sub(lo).Hours() / 24
	align := func(px float64) {
		c.scale = chooseScale(px)
		pad := func(x float64) time.Duration { return time.Duration(x / px * 24 * float64(time.Hour)) }
		c.origin = floorTo(lo.Add(-pad(padLeftPx)), c.scale.edge())
		c.end = ceilTo(hi.Add(pad(padRightPx)), c.scale.edge())
	}
	if c.opt.Width <= 0 {
		c.pxPerDay = min(maxPxDay, targetW/days)
		align(c.pxPerDay)
		c.tlW = c.days(c.end) * c.pxPerDay
	} else {
		c.tlW = max(float64(c.opt.Width)-c.x0-margin, minTimeline)
		px := c.tlW / days
		for range 3 { // a coarser scale pads more; settle in a step or two
			align(px)
			px = c.tlW / c.days(c.end)
			if chooseScale(px) == c.scale {
				break
			}
		}
		c.pxPerDay = px
	}
	c.width = c.x0 + c.tlW + margin
	if c.opt.Width > 0 {
		c.width = max(c.width, float64(c.opt.Width))
	}
}

// days returns the days from the axis origin to t.
func (c *chart) days(t time.Time) float64 {
	return t.Sub(c.origin).Hours() / 24
}

// x returns the x of time t.
func (c *chart) x(t time.Time) float64 {
	return c.x0 + c.days(t)*c.pxPerDay
}

func (c *chart) layoutRows() {
	c.headerY = titleH
	if c.opt.Inline {
		c.headerY = 0
	}
	c.strip = !c.opt.StatusDate.IsZero() || !c.opt.Today.IsZero()
	c.bodyY = c.headerY + 2*hdrRowH
	if c.strip {
		c.bodyY += stripH
	}
	c.height = c.bodyBottom() + margin
	barTop := 6.0 // bars sit mid-row, or higher to make room for a baseline
	if c.opt.Baseline != nil {
		barTop = 4
	}
	for i := range c.rows {
		c.rows[i].g = c.geometry(&c.rows[i], c.bodyY+float64(i)*rowH, barTop)
	}
}

func (c *chart) bodyBottom() float64 {
	return c.bodyY + float64(max(len(c.rows), 1))*rowH
}

// geometry places a row's shape; bars are 12 px tall.
func (c *chart) geometry(rw *row, top, barTop float64) geom {
	t := rw.t
	g := geom{rowTop: top, baseTop: top + barTop + 13.5, baseH: 4}
	if t.Start.IsZero() || t.Finish.IsZero() {
		return g
	}
	xs, xf := c.x(t.Start), c.x(t.Finish)
	switch {
	case t.Milestone:
		g.shape, g.cx = milestoneShape, xf
		g.x0, g.x1 = xf-msHalf, xf+msHalf
		g.mid = top + barTop + 6
		g.top, g.bot = g.mid-msHalf, g.mid+msHalf
	case t.Summary:
		g.shape, g.x0, g.x1 = summaryShape, xs, max(xf, xs+1)
		g.top = top + barTop + 1
		g.bot, g.mid = g.top+sumH, g.top+sumH/2
	default:
		g.shape, g.x0, g.x1 = barShape, xs, max(xf, xs+2)
		g.top, g.bot, g.mid = top+barTop, top+barTop+12, top+barTop+6
	}
	return g
}
