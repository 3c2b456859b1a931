package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/report"
)

// reportAreas are the RAG areas a PM may override, in the order the
// edit form lists them.
var reportAreas = []string{"overall", "schedule", "cost", "scope", "risk"}

// reportOverride is one area's row of the draft's edit form.
type reportOverride struct {
	Area          string
	Computed      string // the level as computed
	Level         string // the PM's level; empty: keep the computed one
	Justification string
}

// reports serves the Reports tab: the project's reports, newest first
// (drafts only for those who manage the project), and a button to draft
// this week's.
func (w *web) reports(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "reports")
	if v == nil {
		return
	}
	rs, err := w.s.app.Reports(r.Context(), v.Project.Key, v.CanManage)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	end := v.Project.StatusDate
	if end.IsZero() {
		end = statusNow(v.Project).AddDate(0, 0, -1)
	}
	w.render(rw, r, "reports", http.StatusOK, map[string]any{
		"Title": "Reports · " + v.Project.Name, "P": v, "Reports": rs, "PeriodEnd": isoDate(end),
	})
}

// reportPage serves one report: the report itself as its HTML page
// renders it (glossary links and all), the edit form and Publish button
// for a draft, and for a published report what changed since the one
// published before it.
func (w *web) reportPage(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "reports")
	if v == nil {
		return
	}
	id, err := pathID(r, "report")
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	rep, err := w.s.app.Report(r.Context(), v.Project.Key, id, v.CanManage)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	body, err := reportBody(rep.Document)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	data := map[string]any{"Title": "Report " + domain.FormatDate(rep.PeriodEnd) + " · " + v.Project.Name,
		"P": v, "R": rep, "Body": body, "Draft": rep.Status == domain.ReportDraft}
	if rep.Status == domain.ReportDraft {
		data["Decisions"] = strings.Join(rep.Document.Decisions, "\n")
		data["Overrides"] = overrideRows(rep)
	} else {
		prev, changes, err := w.s.app.ReportDiff(r.Context(), v.Project.Key, id, v.CanManage)
		if err != nil {
			w.renderError(rw, r, err)
			return
		}
		data["Previous"], data["Changes"] = prev, changes
	}
	cs, err := w.commentsOf(r, v, domain.CommentOnReport, id)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	data["Comments"] = cs
	w.render(rw, r, "report", http.StatusOK, data)
}

// overrideRows lays out a draft's RAG areas for the edit form: the level
// as computed, and the PM's override with its justification, if any.
func overrideRows(rep app.StoredReport) []reportOverride {
	set := map[string]domain.RAGOverride{}
	for _, o := range rep.Overrides {
		set[o.Area] = o
	}
	rag := rep.Document.RAG
	levels := map[string]report.Status{"overall": rag.Overall, "schedule": rag.Schedule, "cost": rag.Cost,
		"scope": rag.Scope, "risk": rag.Risk}
	out := make([]reportOverride, len(reportAreas))
	for i, a := range reportAreas {
		s := levels[a]
		computed := s.Level
		if s.Computed != "" {
			computed = s.Computed
		}
		out[i] = reportOverride{Area: a, Computed: string(computed), Level: set[a].Level, Justification: set[a].Justification}
	}
	return out
}

// reportBody is the body of the report's own HTML page (what
// ?format=html and the e-mails carry), to embed in a Cairn page: the
// same words, tables and glossary links, styled by Cairn's stylesheet,
// since the page's Content-Security-Policy refuses the report's inline
// <style>. The report's template escapes everything it writes.
func reportBody(doc *report.Report) (template.HTML, error) {
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	if i := strings.Index(s, "<body>"); i >= 0 {
		s = s[i+len("<body>"):]
	}
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		s = s[:i]
	}
	return template.HTML(s), nil
}

// commentsOf is what the "comments" partial shows: the comments on one
// entity, and what the user may do with them.
func (w *web) commentsOf(r *http.Request, v *projectView, entity domain.CommentEntity, id int64) (map[string]any, error) {
	cs, err := w.s.app.Comments(r.Context(), v.Project.Key, entity, id)
	if err != nil {
		return nil, err
	}
	var me int64
	if p, ok := app.PrincipalFrom(r.Context()); ok {
		me = p.User.ID
	}
	return map[string]any{"Key": v.Project.Key, "Entity": string(entity), "ID": id, "Comments": cs, "MeID": me,
		"CanComment": w.can(r, v.Project.Key, app.ActionComment), "CanModerate": v.CanManage}, nil
}
