package schedule

import (
	"time"

	"github.com/cairnpm/cairn/domain"
)

// linkType is a dependency type as the passes use it: a small integer,
// so the passes compare bytes rather than strings.
type linkType uint8

const (
	linkFS linkType = iota
	linkSS
	linkFF
	linkSF
)

// fromStart reports whether the link counts from its predecessor's start.
func (t linkType) fromStart() bool { return t == linkSS || t == linkSF }

// toStart reports whether the link constrains its successor's start.
func (t linkType) toStart() bool { return t == linkFS || t == linkSS }

// lagKind says how an edge's lag is measured.
type lagKind uint8

const (
	lagWorking lagKind = iota // working minutes of the project calendar
	lagElapsed                // clock minutes
	lagPercent                // percent of the predecessor's duration
)

// edge carries a dependency (dep >= 0) or a structural relation (dep < 0)
// between two nodes. A dependency's type and lag are copied in, so the
// passes never reach back into the plan's dependency records.
type edge struct {
	from, to int32
	dep      int32 // index into plan.Dependencies, or -1
	typ      linkType
	lagKind  lagKind
	lag      int64 // minutes, or percent for lagPercent
}

// structural is a summary relation: a parent's "in" reaching a child, or
// a child rolling up into its parent's start or finish.
func structural(from, to int) edge {
	return edge{from: int32(from), to: int32(to), dep: -1}
}

// linkEdge is dependency d (index di) from node from to node to.
func linkEdge(d *domain.Dependency, di, from, to int) edge {
	e := edge{from: int32(from), to: int32(to), dep: int32(di), lag: d.Lag.Minutes}
	switch d.Type {
	case domain.SS:
		e.typ = linkSS
	case domain.FF:
		e.typ = linkFF
	case domain.SF:
		e.typ = linkSF
	}
	switch {
	case d.Lag.IsPercent:
		e.lagKind, e.lag = lagPercent, d.Lag.Percent
	case d.Lag.Elapsed:
		e.lagKind = lagElapsed
	}
	return e
}

// lagMinutes converts an edge's lag into working minutes, given the date it
// counts from (as an ordinal) and the predecessor's duration.
func (n *network) lagMinutes(e edge, from int64, predDur int64, forward bool) int64 {
	switch e.lagKind {
	case lagPercent:
		return predDur * e.lag / 100
	case lagElapsed:
		if forward {
			t := n.cal.FinishOf(from).Add(time.Duration(e.lag) * time.Minute)
			return n.cal.Ordinal(t) - from
		}
		t := n.cal.StartOf(from).Add(-time.Duration(e.lag) * time.Minute)
		return from - n.cal.Ordinal(t)
	}
	return e.lag
}
