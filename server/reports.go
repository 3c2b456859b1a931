package server

import (
	"bytes"
	"net/http"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/report"
)

// reportJSON is a stored report: its record and its document.
type reportJSON struct {
	ID          int64          `json:"id"`
	Status      string         `json:"status"`
	PeriodStart string         `json:"period_start"`
	PeriodEnd   string         `json:"period_end"`
	Baseline    int            `json:"baseline"`
	CreatedBy   string         `json:"created_by"`
	CreatedAt   string         `json:"created_at"`
	PublishedBy string         `json:"published_by,omitempty"`
	PublishedAt string         `json:"published_at,omitempty"`
	Version     int64          `json:"version"`
	Overall     string         `json:"overall"`
	Report      *report.Report `json:"report,omitempty"`
}

func toReportJSON(r app.StoredReport, full bool) reportJSON {
	out := reportJSON{ID: r.ID, Status: string(r.Status), PeriodStart: domain.FormatDate(r.PeriodStart),
		PeriodEnd: domain.FormatDate(r.PeriodEnd), Baseline: r.Baseline, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.Format(time.RFC3339), PublishedBy: r.PublishedBy, Version: r.Version,
		Overall: string(r.Document.RAG.Overall.Level)}
	if !r.PublishedAt.IsZero() {
		out.PublishedAt = r.PublishedAt.Format(time.RFC3339)
	}
	if full {
		out.Report = r.Document
	}
	return out
}

// mayDraft reports whether the caller may see and change drafts: they
// manage the project.
func (s *Server) mayDraft(r *http.Request) bool {
	return s.app.Authorize(r.Context(), r.PathValue("key"), app.ActionManageProject) == nil
}

// listReports answers GET …/reports: newest first, drafts only for those
// who manage the project.
func (s *Server) listReports(w http.ResponseWriter, r *http.Request) {
	rs, err := s.app.Reports(r.Context(), r.PathValue("key"), s.mayDraft(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]reportJSON, len(rs))
	for i, x := range rs {
		out[i] = toReportJSON(x, false)
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": out})
}

// createReport answers POST …/reports: drafts the period's report.
func (s *Server) createReport(w http.ResponseWriter, r *http.Request) {
	var in struct {
		PeriodEnd  string   `json:"period_end"`
		PeriodDays Opt[int] `json:"period_days"`
		Baseline   Opt[int] `json:"baseline"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	rp := app.ReportPeriod{Days: 7, Baseline: in.Baseline.Value}
	if in.PeriodDays.Set {
		rp.Days = in.PeriodDays.Value
	}
	if in.PeriodEnd != "" {
		end, err := domain.ParseDate(in.PeriodEnd)
		if err != nil {
			s.writeError(w, r, domain.WithField(err, "period_end"))
			return
		}
		rp.End = end
	}
	rep, err := s.app.CreateReport(r.Context(), r.PathValue("key"), rp)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/reports/"+itoa64(rep.ID))
	setETag(w, rep.Version)
	writeJSON(w, http.StatusCreated, toReportJSON(rep, true))
}

// getReport answers GET …/reports/{id}: JSON, or ?format=md|html for the
// report itself, to read, print or mail.
func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "report")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "md" && format != "html" {
		s.writeError(w, r, domain.Invalid("invalid_format", "format", "format %q is not json, md or html", format))
		return
	}
	rep, err := s.app.Report(r.Context(), r.PathValue("key"), id, s.mayDraft(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, rep.Version)
	var buf bytes.Buffer
	switch format {
	case "md":
		err = rep.Document.WriteMarkdown(&buf)
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	case "html":
		err = rep.Document.WriteHTML(&buf)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	default:
		writeJSON(w, http.StatusOK, toReportJSON(rep, true))
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// patchReport answers PATCH …/reports/{id}: the PM edits a draft's
// summary, decisions or RAG overrides.
func (s *Server) patchReport(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "report")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in struct {
		Summary   Opt[string]               `json:"summary"`
		Decisions Opt[[]string]             `json:"decisions"`
		Overrides Opt[[]domain.RAGOverride] `json:"overrides"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var e app.ReportEdit
	if in.Summary.Set {
		e.Summary = &in.Summary.Value
	}
	if in.Decisions.Set {
		e.Decisions = &in.Decisions.Value
	}
	if in.Overrides.Set {
		e.Overrides = &in.Overrides.Value
	}
	rep, err := s.app.EditReport(r.Context(), r.PathValue("key"), id, version, e)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, rep.Version)
	writeJSON(w, http.StatusOK, toReportJSON(rep, true))
}

// publishReport answers POST …/reports/{id}/publish.
func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "report")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.app.PublishReport(r.Context(), r.PathValue("key"), id, version)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, rep.Version)
	writeJSON(w, http.StatusOK, toReportJSON(rep, true))
}

// reportDiff answers GET …/reports/{id}/diff: what changed since the
// report published before it.
func (s *Server) reportDiff(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "report")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	prev, changes, err := s.app.ReportDiff(r.Context(), r.PathValue("key"), id, s.mayDraft(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if changes == nil {
		changes = []report.Change{}
	}
	out := map[string]any{"report": id, "changes": changes}
	if prev != 0 {
		out["previous"] = prev
	}
	writeJSON(w, http.StatusOK, out)
}
