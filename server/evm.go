package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
)

// evmQuery reads ?status_date=&baseline=&method= as cairn evm reads its
// flags: a bare date is the end of that day's work; no date is the
// project's status date, or today.
func evmQuery(r *http.Request) (app.EVMQuery, error) {
	var q app.EVMQuery
	v := r.URL.Query()
	if s := v.Get("status_date"); s != "" {
		t, err := domain.ParseDate(s)
		if err != nil {
			return q, fieldErr("status_date", err)
		}
		q.StatusDate, q.WholeDay = t, len(strings.TrimSpace(s)) == len(domain.DateLayout)
	}
	if s := v.Get("baseline"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || domain.ValidateBaselineNumber(n) != nil {
			return q, domain.Invalid("invalid_baseline", "baseline", "baseline %q does not exist; use 0 to %d", s, domain.MaxBaseline)
		}
		q.Baseline = n
	}
	if s := v.Get("method"); s != "" {
		q.Method = evm.Method(strings.ReplaceAll(s, "-", "_"))
		if !validMethod(q.Method) {
			return q, domain.Invalid("invalid_method", "method", "%q is not an EAC method (use cpi, atypical, cpi_spi or bottom_up)", s)
		}
	}
	return q, nil
}

func validMethod(m evm.Method) bool {
	for _, x := range evm.Methods {
		if x == m {
			return true
		}
	}
	return false
}

// earnedValue runs the measurement a request asks for.
func (s *Server) earnedValue(w http.ResponseWriter, r *http.Request) (*app.EarnedValue, bool) {
	q, err := evmQuery(r)
	if err == nil {
		var ev *app.EarnedValue
		if ev, err = s.app.EarnedValue(r.Context(), r.PathValue("key"), q); err == nil {
			if ev.Note != "" {
				w.Header().Set("X-Cairn-Note", ev.Note)
			}
			return ev, true
		}
	}
	s.writeError(w, r, err)
	return nil, false
}

// getEVM answers GET …/evm?status_date=&baseline=&method=&period= with
// the document of cairn evm --format json: the project's and every
// task's measures, and the project's time-phased periods.
func (s *Server) getEVM(w http.ResponseWriter, r *http.Request) {
	per := evm.Week
	if v := r.URL.Query().Get("period"); v != "" {
		p, err := evm.ParsePeriod(v)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		per = p
	}
	ev, ok := s.earnedValue(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ev.Result.WriteJSON(&buf, ev.Plan.Project.Currency, ev.Result.Series(-1, per)); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(buf.Bytes())
}

// getSCurve answers GET …/evm/scurve.svg: the S-curve of cairn evm -o.
func (s *Server) getSCurve(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.earnedValue(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ev.Result.WriteSCurve(&buf, ev.Plan.Project.Name, ev.Plan.Project.Currency); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(buf.Bytes())
}

// getBreakdown answers GET …/evm/breakdown.svg: budget and forecast by
// phase, and planned cost by resource.
func (s *Server) getBreakdown(w http.ResponseWriter, r *http.Request) {
	ev, ok := s.earnedValue(w, r)
	if !ok {
		return
	}
	byResource, err := s.app.CostByResource(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := evm.WriteBreakdown(&buf, "Cost breakdown: "+ev.Plan.Project.Name, ev.Plan.Project.Currency,
		[]string{"By phase: budget and forecast", "By resource: planned cost"}, [][]evm.Bar{ev.Result.Phases(), byResource}); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(buf.Bytes())
}

// getTrend answers GET …/evm/trend.svg?period=: CPI and SPI to date at the
// end of each period up to the status date.
func (s *Server) getTrend(w http.ResponseWriter, r *http.Request) {
	per := evm.Week
	if v := r.URL.Query().Get("period"); v != "" {
		p, err := evm.ParsePeriod(v)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		per = p
	}
	ev, ok := s.earnedValue(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ev.Result.WriteTrend(&buf, "Performance over time: "+ev.Plan.Project.Name, per); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(buf.Bytes())
}
