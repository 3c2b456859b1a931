package schedule

import (
	"strconv"

	"github.com/cairnpm/cairn/domain"
)

// Document is the JSON form of a schedule, shared by the REST API
// (GET /api/v1/projects/{key}/schedule) and `cairn schedule --format json`.
// Dates are project-local, YYYY-MM-DDTHH:MM:SS.
type Document struct {
	Project string        `json:"project"`
	Start   string        `json:"start"`
	Finish  string        `json:"finish"`
	Tasks   []DocumentRow `json:"tasks"`
}

// DocumentRow is one task of a Document.
type DocumentRow struct {
	ID                int64  `json:"id"`
	UID               int64  `json:"uid"`
	Key               string `json:"key"`
	Outline           string `json:"outline"`
	Name              string `json:"name"`
	Start             string `json:"start"`
	Finish            string `json:"finish"`
	EarlyStart        string `json:"early_start"`
	EarlyFinish       string `json:"early_finish"`
	LateStart         string `json:"late_start"`
	LateFinish        string `json:"late_finish"`
	DurationMinutes   int64  `json:"duration_minutes"`
	TotalFloatMinutes int64  `json:"total_float_minutes"`
	FreeFloatMinutes  int64  `json:"free_float_minutes"`
	WorkMinutes       int64  `json:"work_minutes"`
	PercentComplete   int    `json:"percent_complete"`
	Critical          bool   `json:"critical"`
	NearCritical      bool   `json:"near_critical"`
	Summary           bool   `json:"summary"`
	Milestone         bool   `json:"milestone"`
}

// NewDocument lays out r, computed from p, for JSON.
func NewDocument(p *domain.Plan, r *Result) Document {
	d := Document{
		Project: p.Project.Key,
		Start:   dateTime(r.Start),
		Finish:  dateTime(r.Finish),
		Tasks:   make([]DocumentRow, len(r.Tasks)),
	}
	for i, t := range r.Tasks {
		d.Tasks[i] = DocumentRow{
			ID: t.ID, UID: t.UID, Key: p.Project.Key + "-" + itoa(t.UID), Outline: t.Outline, Name: t.Name,
			Start: dateTime(t.Start), Finish: dateTime(t.Finish),
			EarlyStart: dateTime(t.EarlyStart), EarlyFinish: dateTime(t.EarlyFinish),
			LateStart: dateTime(t.LateStart), LateFinish: dateTime(t.LateFinish),
			DurationMinutes: t.Duration, TotalFloatMinutes: t.TotalFloat, FreeFloatMinutes: t.FreeFloat,
			WorkMinutes: t.Work, PercentComplete: t.PercentComplete,
			Critical: t.Critical, NearCritical: t.NearCritical, Summary: t.Summary, Milestone: t.Milestone,
		}
	}
	return d
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
