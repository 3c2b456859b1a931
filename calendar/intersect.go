package calendar

// Intersect returns a calendar whose working time is the time both a and
// b work: a task on a 24-hour calendar worked by someone on office hours
// is worked in office hours. It fails when the two share no working time
// in their weekly patterns.
func Intersect(a, b *Calendar) (*Calendar, error) {
	var week [7][]span
	for d := range week {
		week[d] = intersectSpans(a.week[d].spans, b.week[d].spans)
	}
	days := make(map[int64][]span, len(a.ex)+len(b.ex))
	for _, x := range [][]int64{a.exDays.k, b.exDays.k} {
		for _, d := range x {
			days[d] = intersectSpans(a.dayOf(d).spans, b.dayOf(d).spans)
		}
	}
	return compile(week, days, "(intersection)")
}

// intersectSpans intersects two sorted lists of disjoint spans.
func intersectSpans(x, y []span) []span {
	var out []span
	for i, j := 0, 0; i < len(x) && j < len(y); {
		lo, hi := max(x[i].start, y[j].start), min(x[i].end, y[j].end)
		if lo < hi {
			out = append(out, span{lo, hi})
		}
		if x[i].end < y[j].end {
			i++
		} else {
			j++
		}
	}
	return out
}
