package gantt

import "github.com/cairnpm/cairn/domain"

// links draws every dependency as an orthogonal connector with an
// arrowhead, in the plan's order.
func (c *chart) links(s *svgWriter) {
	for i := range c.p.Dependencies {
		c.link(s, &c.p.Dependencies[i])
		s.maybeFlush()
	}
	s.raw("\n")
}

// link routes one dependency. It leaves the predecessor at its finish (FS,
// FF) or start (SS, SF) and enters the successor at its start (FS, SS) or
// finish (FF, SF); see finishToStart for FS. SS turns down left of both
// starts and enters from the left; FF turns down right of both finishes
// and enters from the right; SF leaves to the left and enters the
// successor's finish from the right, going round between the rows when
// that finish lies to the right.
func (c *chart) link(s *svgWriter, d *domain.Dependency) {
	pi, ok1 := c.byID[d.Predecessor]
	si, ok2 := c.byID[d.Successor]
	if !ok1 || !ok2 || pi == si {
		return
	}
	a, b := &c.rows[pi].g, &c.rows[si].g
	if a.shape == noShape || b.shape == noShape {
		return
	}
	critical := c.opt.Critical && c.rows[pi].t.Critical && c.rows[si].t.Critical
	if critical {
		s.raw(`<path class="link critical" marker-end="url(#` + arrowCritID + `)" d="`)
	} else {
		s.raw(`<path class="link" marker-end="url(#` + arrowID + `)" d="`)
	}
	r := route{p: path{s}, a: a, b: b}
	r.gapY, r.edgeY, r.outY = b.rowTop+rowH, b.bot, a.top
	if b.mid > a.mid { // downwards
		r.gapY, r.edgeY, r.outY = b.rowTop, b.top, a.bot
	}
	p := r.p
	switch d.Type {
	case domain.SS:
		p.M(a.x0, a.mid).H(min(a.x0, b.x0) - stub).V(b.mid).H(b.x0)
	case domain.FF:
		p.M(a.x1, a.mid).H(max(a.x1, b.x1) + stub).V(b.mid).H(b.x1)
	case domain.SF:
		if a.x0-stub >= b.x1+stub {
			p.M(a.x0, a.mid).H(a.x0 - stub).V(b.mid).H(b.x1)
		} else {
			p.M(a.x0, a.mid).H(a.x0 - stub).V(r.gapY).H(b.x1 + stub).V(b.mid).H(b.x1)
		}
	default:
		r.finishToStart()
	}
	s.raw(`"/>`)
}

// route is a link being drawn from shape a to shape b. gapY is the row
// boundary on a's side of b, edgeY the edge of b facing a, outY the edge
// of a facing b.
type route struct {
	p                 path
	a, b              *geom
	gapY, edgeY, outY float64
}

// finishToStart draws an FS link the way MS Project does: along a's row
// from its finish, then down onto the top (or up onto the bottom) of b,
// just inside b's start. Special cases keep it short and clear:
//
//   - from a milestone, it leaves the diamond's bottom (or top) tip, so it
//     does not cross the milestone's date, and enters b from the left, or
//     drops straight onto b when b starts under the diamond;
//   - onto a milestone that sits under a's bar (at its finish, typically)
//     it drops straight from the bar;
//   - when b starts too early for any of that (a lead), it goes round
//     through the gap between the rows and enters b from the left.
func (r route) finishToStart() {
	a, b, p := r.a, r.b, r.p
	land := b.x0 + min(stub, (b.x1-b.x0)/2)
	if b.shape == milestoneShape {
		land = b.cx
	}
	switch {
	case a.shape == milestoneShape && b.x0 >= a.cx+stub:
		p.M(a.cx, r.outY).V(b.mid).H(b.x0)
	case a.shape == milestoneShape && a.cx >= b.x0-4 && a.cx <= b.x1:
		p.M(a.cx, r.outY).V(r.edgeY)
	case land >= a.x1+3:
		p.M(a.x1, a.mid).H(land).V(r.edgeY)
	case b.shape == milestoneShape && b.cx >= a.x0:
		p.M(min(b.cx, a.x1), r.outY).V(r.edgeY)
	default:
		p.M(a.x1, a.mid).H(a.x1 + stub).V(r.gapY).H(b.x0 - stub).V(b.mid).H(b.x0)
	}
}
