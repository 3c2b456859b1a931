package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/risk"
)

// scoreJSON is one dimension's score with its place on the matrix.
type scoreJSON struct {
	Dimension   string `json:"dimension,omitempty"`
	Probability int    `json:"probability"`
	Impact      int    `json:"impact"`
	Score       int    `json:"score"`
	Band        string `json:"band"`
}

// assessmentJSON scores a risk in each dimension; null: not scored.
type assessmentJSON struct {
	Schedule *scoreJSON `json:"schedule"`
	Cost     *scoreJSON `json:"cost"`
	Quality  *scoreJSON `json:"quality"`
}

// taskImpactJSON is a risk quantified for the simulation. The cost range
// is absent for readers who may not see costs.
type taskImpactJSON struct {
	Probability     float64 `json:"probability"`
	Tasks           []int64 `json:"tasks"`
	DelayMin        string  `json:"delay_min"`
	DelayMax        string  `json:"delay_max"`
	DelayMinMinutes int64   `json:"delay_min_minutes"`
	DelayMaxMinutes int64   `json:"delay_max_minutes"`
	CostMin         *string `json:"cost_min,omitempty"`
	CostMax         *string `json:"cost_max,omitempty"`
}

// riskJSON is a risk as the API shows it.
type riskJSON struct {
	ID           int64           `json:"id"`
	Key          string          `json:"key"`
	Number       int64           `json:"number"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	Category     string          `json:"category"`
	Cause        string          `json:"cause"`
	Event        string          `json:"event"`
	Effect       string          `json:"effect"`
	Owner        string          `json:"owner"`
	Status       string          `json:"status"`
	Trigger      string          `json:"trigger"`
	Proximity    *string         `json:"proximity"`
	Response     string          `json:"response"`
	ResponsePlan string          `json:"response_plan"`
	Actions      []int64         `json:"actions"`
	Initial      assessmentJSON  `json:"initial"`
	Current      assessmentJSON  `json:"current"`
	Target       assessmentJSON  `json:"target"`
	Score        *scoreJSON      `json:"score"`
	ReviewedOn   *string         `json:"reviewed_on"`
	NextReview   *string         `json:"next_review"`
	OccurredOn   *string         `json:"occurred_on"`
	ActionOwner  string          `json:"action_owner"`
	Resolution   string          `json:"resolution"`
	TaskImpact   *taskImpactJSON `json:"task_impact"`
	Version      int64           `json:"version"`
	CreatedAt    string          `json:"created_at"`
	UpdatedAt    string          `json:"updated_at"`
}

func toScoreJSON(m domain.RiskMatrix, dimension string, s domain.Score) *scoreJSON {
	if s.IsZero() {
		return nil
	}
	return &scoreJSON{Dimension: dimension, Probability: s.Probability, Impact: s.Impact, Score: s.Value(), Band: string(m.Band(s.Value()))}
}

func toAssessmentJSON(m domain.RiskMatrix, a domain.Assessment) assessmentJSON {
	return assessmentJSON{Schedule: toScoreJSON(m, "", a.Schedule), Cost: toScoreJSON(m, "", a.Cost), Quality: toScoreJSON(m, "", a.Quality)}
}

func toRiskJSON(v app.RiskView, r domain.Risk) riskJSON {
	p, m := v.Project, v.Matrix
	j := riskJSON{ID: r.ID, Key: r.Key(), Number: r.Number, Title: r.Title, Description: r.Description, Category: r.Category,
		Cause: r.Cause, Event: r.Event, Effect: r.Effect, Owner: r.Owner, Status: string(r.Status), Trigger: r.Trigger,
		Proximity: optDate(r.Proximity), Response: string(r.Response), ResponsePlan: r.ResponsePlan, Actions: orEmpty(r.Actions),
		Initial: toAssessmentJSON(m, r.Initial), Current: toAssessmentJSON(m, r.Current), Target: toAssessmentJSON(m, r.Target),
		ReviewedOn: optDate(r.ReviewedOn), NextReview: optDate(r.NextReview), OccurredOn: optDate(r.OccurredOn),
		ActionOwner: r.ActionOwner, Resolution: r.Resolution, Version: r.Version,
		CreatedAt: r.CreatedAt.Format(time.RFC3339), UpdatedAt: r.UpdatedAt.Format(time.RFC3339)}
	if d, s := r.Score(); d != "" {
		j.Score = toScoreJSON(m, d, s)
	}
	if q := r.TaskImpact; !q.IsZero() {
		d := func(min int64) string { return domain.Duration{Minutes: min, Elapsed: q.DelayElapsed}.Format(p.Units) }
		j.TaskImpact = &taskImpactJSON{Probability: q.Probability, Tasks: orEmpty(q.Tasks), DelayMin: d(q.DelayMin), DelayMax: d(q.DelayMax),
			DelayMinMinutes: q.DelayMin, DelayMaxMinutes: q.DelayMax}
		if v.Costs {
			lo, hi := domain.FormatMoney(q.CostMin, p.Currency), domain.FormatMoney(q.CostMax, p.Currency)
			j.TaskImpact.CostMin, j.TaskImpact.CostMax = &lo, &hi
		}
	}
	return j
}

func orEmpty(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// scoreInput is one dimension's score in a request.
type scoreInput struct {
	Probability int `json:"probability"`
	Impact      int `json:"impact"`
}

// assessmentInput changes the dimensions present; null clears one.
type assessmentInput struct {
	Schedule Opt[json.RawMessage] `json:"schedule"`
	Cost     Opt[json.RawMessage] `json:"cost"`
	Quality  Opt[json.RawMessage] `json:"quality"`
}

// applyAssessment applies the JSON object raw (an assessmentInput) to a;
// field names it in errors.
func applyAssessment(raw json.RawMessage, a *domain.Assessment, field string) error {
	var in assessmentInput
	if err := strict(raw, &in, field); err != nil {
		return err
	}
	for i, d := range []struct {
		o   Opt[json.RawMessage]
		dst *domain.Score
	}{{in.Schedule, &a.Schedule}, {in.Cost, &a.Cost}, {in.Quality, &a.Quality}} {
		var sc scoreInput
		switch {
		case d.o.Null:
			*d.dst = domain.Score{}
		case d.o.Set:
			if err := strict(d.o.Value, &sc, field+"."+domain.RiskDimensions[i]); err != nil {
				return err
			}
			*d.dst = domain.Score{Probability: sc.Probability, Impact: sc.Impact}
		}
	}
	return nil
}

// strict decodes the JSON value raw into v as decode does a body:
// unknown fields are refused. Errors name field as the place of raw.
func strict(raw json.RawMessage, v any, field string) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return domain.WithField(jsonError(err), field)
	}
	return nil
}

// taskImpactInput changes the fields present of a risk's task impact.
type taskImpactInput struct {
	Probability Opt[float64] `json:"probability"`
	Tasks       Opt[[]int64] `json:"tasks"`
	DelayMin    Opt[string]  `json:"delay_min"`
	DelayMax    Opt[string]  `json:"delay_max"`
	CostMin     Opt[string]  `json:"cost_min"`
	CostMax     Opt[string]  `json:"cost_max"`
}

func (in *taskImpactInput) apply(p domain.Project, q *domain.RiskTaskImpact) error {
	if in.Probability.Set {
		q.Probability = in.Probability.Value
	}
	if in.Tasks.Set {
		q.Tasks = in.Tasks.Value
	}
	for _, d := range []struct {
		o     Opt[string]
		dst   *int64
		field string
	}{{in.DelayMin, &q.DelayMin, "task_impact.delay_min"}, {in.DelayMax, &q.DelayMax, "task_impact.delay_max"}} {
		if !d.o.Set {
			continue
		}
		v, err := domain.ParseDuration(orWord(d.o.Value, "0"), p.Units)
		if err != nil {
			return fieldErr(d.field, err)
		}
		*d.dst = v.Minutes
		if v.Minutes != 0 {
			q.DelayElapsed = v.Elapsed
		}
	}
	for _, c := range []struct {
		o     Opt[string]
		dst   *int64
		field string
	}{{in.CostMin, &q.CostMin, "task_impact.cost_min"}, {in.CostMax, &q.CostMax, "task_impact.cost_max"}} {
		if !c.o.Set {
			continue
		}
		v, err := domain.ParseMoney(orWord(c.o.Value, "0"), p.Currency)
		if err != nil {
			return fieldErr(c.field, err)
		}
		*c.dst = v
	}
	if in.DelayMin.Set && !in.DelayMax.Set && q.DelayMax < q.DelayMin {
		q.DelayMax = q.DelayMin // one delay given: a fixed delay
	}
	if in.CostMin.Set && !in.CostMax.Set && q.CostMax < q.CostMin {
		q.CostMax = q.CostMin
	}
	return nil
}

// riskInput is the body of POST and PATCH on risks.
type riskInput struct {
	Title        Opt[string]          `json:"title"`
	Description  Opt[string]          `json:"description"`
	Category     Opt[string]          `json:"category"`
	Cause        Opt[string]          `json:"cause"`
	Event        Opt[string]          `json:"event"`
	Effect       Opt[string]          `json:"effect"`
	Owner        Opt[string]          `json:"owner"`
	Status       Opt[string]          `json:"status"`
	Trigger      Opt[string]          `json:"trigger"`
	Proximity    Opt[string]          `json:"proximity"`
	Response     Opt[string]          `json:"response"`
	ResponsePlan Opt[string]          `json:"response_plan"`
	Actions      Opt[[]int64]         `json:"actions"`
	Initial      Opt[json.RawMessage] `json:"initial"`
	Current      Opt[json.RawMessage] `json:"current"`
	Target       Opt[json.RawMessage] `json:"target"`
	ReviewedOn   Opt[string]          `json:"reviewed_on"`
	NextReview   Opt[string]          `json:"next_review"`
	OccurredOn   Opt[string]          `json:"occurred_on"`
	ActionOwner  Opt[string]          `json:"action_owner"`
	Resolution   Opt[string]          `json:"resolution"`
	TaskImpact   Opt[json.RawMessage] `json:"task_impact"`
}

func (in *riskInput) apply(p domain.Project, r *domain.Risk) error {
	for _, t := range []struct {
		o   Opt[string]
		dst *string
	}{{in.Title, &r.Title}, {in.Description, &r.Description}, {in.Category, &r.Category}, {in.Cause, &r.Cause},
		{in.Event, &r.Event}, {in.Effect, &r.Effect}, {in.Owner, &r.Owner}, {in.Trigger, &r.Trigger},
		{in.ResponsePlan, &r.ResponsePlan}, {in.ActionOwner, &r.ActionOwner}, {in.Resolution, &r.Resolution}} {
		if t.o.Set {
			*t.dst = t.o.Value
		}
	}
	if in.Status.Set {
		st, err := domain.ParseRiskStatus(in.Status.Value)
		if err != nil {
			return err
		}
		r.Status = st
	}
	if in.Response.Set {
		rs, err := domain.ParseResponseStrategy(in.Response.Value)
		if err != nil {
			return err
		}
		r.Response = rs
	}
	if in.Actions.Set {
		r.Actions = in.Actions.Value
	}
	for _, a := range []struct {
		o     Opt[json.RawMessage]
		dst   *domain.Assessment
		field string
	}{{in.Initial, &r.Initial, "initial"}, {in.Current, &r.Current, "current"}, {in.Target, &r.Target, "target"}} {
		switch {
		case a.o.Null:
			*a.dst = domain.Assessment{}
		case a.o.Set:
			if err := applyAssessment(a.o.Value, a.dst, a.field); err != nil {
				return err
			}
		}
	}
	for _, d := range []struct {
		o     Opt[string]
		dst   *time.Time
		field string
	}{{in.Proximity, &r.Proximity, "proximity"}, {in.ReviewedOn, &r.ReviewedOn, "reviewed_on"},
		{in.NextReview, &r.NextReview, "next_review"}, {in.OccurredOn, &r.OccurredOn, "occurred_on"}} {
		if err := setDate(d.o, d.dst, d.field); err != nil {
			return err
		}
	}
	switch {
	case in.TaskImpact.Null:
		r.TaskImpact = domain.RiskTaskImpact{}
	case in.TaskImpact.Set:
		var q taskImpactInput
		if err := strict(in.TaskImpact.Value, &q, "task_impact"); err != nil {
			return err
		}
		return q.apply(p, &r.TaskImpact)
	}
	return nil
}

// listRisks answers GET …/risks: the register, filtered by status, owner
// and category and sorted by number, score, proximity or next review.
func (s *Server) listRisks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := app.RiskFilter{Status: domain.RiskStatus(q.Get("status")), Owner: q.Get("owner"), Category: q.Get("category"), Sort: q.Get("sort")}
	v, rs, err := s.app.Risks(r.Context(), r.PathValue("key"), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Risks []riskJSON `json:"risks"`
	}{Risks: make([]riskJSON, len(rs))}
	for i, k := range rs {
		out.Risks[i] = toRiskJSON(v, k)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createRisk(w http.ResponseWriter, r *http.Request) {
	var in riskInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, k, err := s.app.CreateRisk(r.Context(), r.PathValue("key"), in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+v.Project.Key+"/risks/"+itoa64(k.ID))
	setETag(w, k.Version)
	writeJSON(w, http.StatusCreated, toRiskJSON(v, k))
}

func (s *Server) getRisk(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "risk")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, k, err := s.app.Risk(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, k.Version)
	writeJSON(w, http.StatusOK, toRiskJSON(v, k))
}

func (s *Server) patchRisk(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "risk")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in riskInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, k, err := s.app.UpdateRisk(r.Context(), r.PathValue("key"), id, version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, k.Version)
	writeJSON(w, http.StatusOK, toRiskJSON(v, k))
}

func (s *Server) deleteRisk(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "risk", s.app.DeleteRisk)
}

// riskHistory answers GET …/risks/{id}/history: every change to one risk.
func (s *Server) riskHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "risk")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	evs, err := s.app.RiskHistory(r.Context(), r.PathValue("key"), id, pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeEvents(w, pg, evs)
}

// riskHeatmap answers GET …/risks/heatmap.svg: the matrix with the
// number of risks in each cell. Query: assessment (initial, current —
// the default, falling back to initial for a risk not yet reassessed — or
// target), dimension (worst — the default —, schedule, cost or quality)
// and status (default open; "all" for every risk).
func (s *Server) riskHeatmap(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	assessment, dimension, status := orWord(q.Get("assessment"), "current"), orWord(q.Get("dimension"), "worst"), orWord(q.Get("status"), "open")
	if assessment != "initial" && assessment != "current" && assessment != "target" {
		s.writeError(w, r, domain.Invalid("invalid_assessment", "assessment", "assessment %q is not initial, current or target", assessment))
		return
	}
	if _, ok := (domain.Assessment{}).Dimension(dimension); !ok && dimension != "worst" {
		s.writeError(w, r, domain.Invalid("invalid_dimension", "dimension", "dimension %q is not worst, schedule, cost or quality", dimension))
		return
	}
	f := app.RiskFilter{Status: domain.RiskStatus(status)}
	if status == "all" {
		f.Status = ""
	}
	v, rs, err := s.app.Risks(r.Context(), r.PathValue("key"), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := risk.Heatmap{Size: v.Matrix.Size, Medium: v.Matrix.Medium, High: v.Matrix.High,
		Title: v.Project.Name + " — " + assessment + " risks (" + dimension + ")"}
	for _, k := range rs {
		var sc domain.Score
		a := map[string]domain.Assessment{"initial": k.Initial, "current": k.Current, "target": k.Target}[assessment]
		if assessment == "current" && a.IsZero() {
			a = k.Initial
		}
		if dimension == "worst" {
			_, sc = a.Worst()
		} else {
			sc, _ = a.Dimension(dimension)
		}
		h.Risks = append(h.Risks, risk.HeatmapRisk{Key: k.Key(), Title: k.Title, Probability: sc.Probability, Impact: sc.Impact})
	}
	var buf bytes.Buffer
	if err := risk.WriteHeatmap(&buf, h); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeSVG(w, buf.Bytes())
}

// writeSVG answers with an SVG document that styles itself with an
// inline <style>; its policy allows that, and nothing else.
func writeSVG(w http.ResponseWriter, svg []byte) {
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(svg)
}

// riskMatrixJSON is a project's risk matrix.
type riskMatrixJSON struct {
	Size       int `json:"size"`
	Thresholds struct {
		Medium int `json:"medium"`
		High   int `json:"high"`
	} `json:"thresholds"`
	Bands []riskBandJSON `json:"bands"`
}

type riskBandJSON struct {
	Band string `json:"band"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

func toRiskMatrixJSON(m domain.RiskMatrix) riskMatrixJSON {
	j := riskMatrixJSON{Size: m.Size}
	j.Thresholds.Medium, j.Thresholds.High = m.Medium, m.High
	j.Bands = []riskBandJSON{{"low", 1, m.Medium - 1}, {"medium", m.Medium, m.High - 1}, {"high", m.High, m.Size * m.Size}}
	return j
}

// riskMatrixInput is the body of PATCH …/risk-matrix.
type riskMatrixInput struct {
	Size       Opt[int]             `json:"size"`
	Thresholds Opt[json.RawMessage] `json:"thresholds"`
}

// thresholdsInput is the thresholds object of a riskMatrixInput.
type thresholdsInput struct {
	Medium Opt[int] `json:"medium"`
	High   Opt[int] `json:"high"`
}

func (s *Server) getRiskMatrix(w http.ResponseWriter, r *http.Request) {
	m, err := s.app.RiskMatrix(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if m.Version > 0 {
		setETag(w, m.Version)
	}
	writeJSON(w, http.StatusOK, toRiskMatrixJSON(m))
}

func (s *Server) patchRiskMatrix(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in riskMatrixInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var t thresholdsInput
	if in.Thresholds.Set && !in.Thresholds.Null {
		if err := strict(in.Thresholds.Value, &t, "thresholds"); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	m, err := s.app.UpdateRiskMatrix(r.Context(), r.PathValue("key"), version, func(m *domain.RiskMatrix) error {
		if in.Size.Set {
			if in.Size.Value != m.Size && !in.Thresholds.Set {
				// Scale the thresholds with the matrix unless new ones are given.
				m.Medium = max(2, m.Medium*in.Size.Value*in.Size.Value/(m.Size*m.Size))
				m.High = max(m.Medium+1, m.High*in.Size.Value*in.Size.Value/(m.Size*m.Size))
			}
			m.Size = in.Size.Value
		}
		if in.Thresholds.Set {
			if t.Medium.Set {
				m.Medium = t.Medium.Value
			}
			if t.High.Set {
				m.High = t.High.Value
			}
		}
		return nil
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if m.Version > 0 {
		setETag(w, m.Version)
	}
	writeJSON(w, http.StatusOK, toRiskMatrixJSON(m))
}
