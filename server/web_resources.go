package server

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/load"
)

// resourceView is one resource with its load histogram.
type resourceView struct {
	domain.Resource
	Tasks int
	Chart template.HTML
	Over  []overView
}

// overView is one over-allocation and the tasks that cause it.
type overView struct {
	From, To  string
	Peak, Max int
	Tasks     []taskLink
}

type taskLink struct {
	ID        int64
	Key, Name string
}

// resources is the Resources page: the list, and each work resource's
// load per day or week as a histogram, periods past capacity in red, with
// links to the tasks that over-allocate it.
func (w *web) resources(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "resources")
	if v == nil {
		return
	}
	per, g := "week", load.Week
	if r.URL.Query().Get("per") == "day" {
		per, g = "day", load.Day
	}
	rep := load.Compute(v.Plan, v.Res, g)
	byRes := map[int64]load.Resource{}
	for _, lr := range rep.Resources {
		byRes[lr.ID] = lr
	}
	links := map[int64]taskLink{}
	for _, t := range v.Plan.Tasks {
		links[t.ID] = taskLink{ID: t.ID, Key: t.Key(v.Project.Key), Name: t.Name}
	}
	counts := map[int64]int{}
	for _, a := range v.Plan.Assignments {
		counts[a.Resource]++
	}
	var views []resourceView
	for _, res := range v.Plan.Resources {
		rv := resourceView{Resource: res, Tasks: counts[res.ID]}
		if lr, ok := byRes[res.ID]; ok {
			rv.Chart = histogram(lr, per)
		}
		for _, o := range rep.OverAllocations {
			if o.Resource != res.ID {
				continue
			}
			ov := overView{From: fmtDate(o.Start), To: fmtDate(o.End), Peak: int(o.Peak*100 + .5), Max: int(o.MaxUnits*100 + .5)}
			for _, id := range o.Tasks {
				ov.Tasks = append(ov.Tasks, links[id])
			}
			rv.Over = append(rv.Over, ov)
		}
		views = append(views, rv)
	}
	w.render(rw, r, "resources", http.StatusOK, map[string]any{
		"Title": "Resources · " + v.Project.Name, "P": v, "Resources": views, "Per": per,
	})
}

// histogram draws a resource's load as an inline SVG bar chart: one bar
// per period, its height the demand against the resource's full-time
// capacity, red past the resource's own capacity; a dashed line marks
// that capacity.
func histogram(lr load.Resource, per string) template.HTML {
	const h, top, bottom, left = 120.0, 8.0, 22.0, 40.0
	barW := 16.0
	if per == "day" {
		barW = 8
	}
	peak := lr.MaxUnits
	loads := make([]float64, len(lr.Periods))
	for i, p := range lr.Periods {
		full := float64(p.Capacity) / max(lr.MaxUnits, 0.01) // minutes at 100%
		if full > 0 {
			loads[i] = float64(p.Demand) / full
		}
		peak = max(peak, loads[i])
	}
	peak = max(peak, 1)
	width := left + float64(len(lr.Periods))*barW + 8
	y := func(u float64) float64 { return top + (h-top-bottom)*(1-u/peak) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="hist" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="Load of %s per %s: %d periods, %d over capacity">`,
		width, h, width, h, template.HTMLEscapeString(lr.Name), per, len(lr.Periods), countOver(lr))
	fmt.Fprintf(&b, `<text class="axis" x="%.0f" y="%.1f" text-anchor="end">%d%%</text>`, left-4, y(peak)+4, int(peak*100+.5))
	fmt.Fprintf(&b, `<text class="axis" x="%.0f" y="%.1f" text-anchor="end">0</text>`, left-4, y(0)+4)
	every := max(1, int(80/barW))
	for i, p := range lr.Periods {
		x := left + float64(i)*barW
		cls := "load"
		if p.Over() {
			cls = "load over"
		}
		hgt := y(0) - y(loads[i])
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %d%% (%s of %s available)</title></rect>`,
			cls, x+1, y(loads[i]), barW-2, hgt, strings.Title(per), p.Start.Format("2 Jan 2006"), //nolint:staticcheck // one ASCII word
			int(loads[i]*100+.5), hours(p.Demand), hours(p.Capacity))
		if i%every == 0 {
			fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%.0f">%s</text>`, x, h-6, p.Start.Format("2 Jan"))
		}
	}
	fmt.Fprintf(&b, `<line class="cap" x1="%.0f" x2="%.1f" y1="%.1f" y2="%.1f"><title>Capacity %d%%</title></line>`,
		left, width-8, y(lr.MaxUnits), y(lr.MaxUnits), int(lr.MaxUnits*100+.5))
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // numbers, dates and an escaped name
}

func countOver(lr load.Resource) int {
	n := 0
	for _, p := range lr.Periods {
		if p.Over() {
			n++
		}
	}
	return n
}

func hours(minutes int64) string {
	return strconv.FormatFloat(float64(minutes)/60, 'f', -1, 64) + "h"
}
