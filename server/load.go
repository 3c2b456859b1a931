package server

import (
	"net/http"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/load"
)

// getLoad answers GET …/load?per=day|week: each work resource's demand
// against capacity per period, and its over-allocations.
func (s *Server) getLoad(w http.ResponseWriter, r *http.Request) {
	g, per := load.Week, r.URL.Query().Get("per")
	switch per {
	case "", "week":
		per = "week"
	case "day":
		g = load.Day
	default:
		s.writeError(w, r, domain.Invalid("invalid_period", "per", "per %q is not day or week", per))
		return
	}
	plan, res, err := s.app.Schedule(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep := load.Compute(plan, res, g)
	type periodJSON struct {
		Start           string `json:"start"`
		End             string `json:"end"`
		CapacityMinutes int64  `json:"capacity_minutes"`
		DemandMinutes   int64  `json:"demand_minutes"`
		Over            bool   `json:"over"`
	}
	type resourceJSON struct {
		ID       int64        `json:"id"`
		Name     string       `json:"name"`
		MaxUnits float64      `json:"max_units"`
		Periods  []periodJSON `json:"periods"`
	}
	type overJSON struct {
		Resource  int64   `json:"resource"`
		Name      string  `json:"name"`
		Start     string  `json:"start"`
		End       string  `json:"end"`
		PeakUnits float64 `json:"peak_units"`
		MaxUnits  float64 `json:"max_units"`
		Tasks     []int64 `json:"tasks"`
	}
	out := struct {
		Per             string         `json:"per"`
		Resources       []resourceJSON `json:"resources"`
		OverAllocations []overJSON     `json:"over_allocations"`
	}{Per: per, Resources: []resourceJSON{}, OverAllocations: []overJSON{}}
	for _, rl := range rep.Resources {
		rj := resourceJSON{ID: rl.ID, Name: rl.Name, MaxUnits: rl.MaxUnits, Periods: make([]periodJSON, len(rl.Periods))}
		for i, p := range rl.Periods {
			rj.Periods[i] = periodJSON{domain.FormatDate(p.Start), domain.FormatDate(p.End), p.Capacity, p.Demand, p.Over()}
		}
		out.Resources = append(out.Resources, rj)
	}
	for _, o := range rep.OverAllocations {
		out.OverAllocations = append(out.OverAllocations, overJSON{o.Resource, o.Name, domain.FormatDateTime(o.Start),
			domain.FormatDateTime(o.End), o.Peak, o.MaxUnits, o.Tasks})
	}
	writeJSON(w, http.StatusOK, out)
}
