package server

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
)

// simulateQuery reads the query of the simulation routes: iterations
// (1–app.MaxIterations, default 10,000), seed (default 1, as for cairn
// simulate), status_date and target (dates).
func simulateQuery(r *http.Request) (opt app.SimulateOptions, target time.Time, err error) {
	q := r.URL.Query()
	opt.Seed = 1
	if v := q.Get("iterations"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > app.MaxIterations {
			return opt, target, domain.Invalid("invalid_iterations", "iterations", "iterations %q must be a whole number from 1 to %d", v, app.MaxIterations)
		}
		opt.Iterations = n
	}
	if v := q.Get("seed"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return opt, target, domain.Invalid("invalid_seed", "seed", "seed %q is not a whole number ≥ 0", v)
		}
		opt.Seed = seed
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"status_date", &opt.StatusDate}, {"target", &target}} {
		if v := q.Get(d.name); v != "" {
			t, err := domain.ParseDate(v)
			if err != nil {
				return opt, target, domain.WithField(err, d.name)
			}
			*d.dst = t
		}
	}
	return opt, target, nil
}

// simulate answers GET …/simulate: the project's Monte Carlo simulation
// as `cairn simulate --format json` prints it, from the tasks' estimates,
// the correlation groups and the open risks' task impacts. The cost
// distribution is left out for those who may not see costs. Leaving the
// request cancels the simulation.
func (s *Server) simulate(w http.ResponseWriter, r *http.Request) {
	opt, target, err := simulateQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sim, err := s.app.Simulate(r.Context(), r.PathValue("key"), opt)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	doc := risk.NewDocument(sim.Plan, sim.Result, target)
	if !sim.Costs {
		doc.Cost = nil
	}
	writeJSON(w, http.StatusOK, doc)
}

// simulateFinishSVG answers GET …/simulate/finish.svg: the finish
// distribution of the same simulation as a chart.
func (s *Server) simulateFinishSVG(w http.ResponseWriter, r *http.Request) {
	opt, _, err := simulateQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sim, err := s.app.Simulate(r.Context(), r.PathValue("key"), opt)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := risk.WriteSVG(&buf, sim.Result, sim.Plan.Project.Name+" — finish date"); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeSVG(w, buf.Bytes())
}

// simulateTornadoSVG answers GET …/simulate/tornado.svg: the tasks whose
// uncertainty drives the finish most, from the same simulation.
func (s *Server) simulateTornadoSVG(w http.ResponseWriter, r *http.Request) {
	opt, _, err := simulateQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sim, err := s.app.Simulate(r.Context(), r.PathValue("key"), opt)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := risk.WriteTornado(&buf, sim.Result, sim.Plan.Project.Name+" — what drives the finish", 10); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeSVG(w, buf.Bytes())
}
