package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReportStatus is where a status report is in its life.
type ReportStatus string

// A report is a draft until the PM publishes it; then it never changes.
const (
	ReportDraft     ReportStatus = "draft"
	ReportPublished ReportStatus = "published"
)

// RAGAreas are the areas a report rates, overall first.
var RAGAreas = []string{"overall", "schedule", "cost", "scope", "risk"}

// RAGOverride is a RAG value the PM chose instead of the computed one, with
// the reason, which a report must show beside the computed value.
type RAGOverride struct {
	Area          string `json:"area"`
	Level         string `json:"level"`
	Justification string `json:"justification"`
}

// StatusReport is a stored status report. Drafted and Content are the
// report document as JSON (package report's Report): as computed, and as
// the PM edited it; the domain keeps them opaque.
type StatusReport struct {
	ID          int64
	ProjectID   int64
	PeriodStart time.Time
	PeriodEnd   time.Time
	Baseline    int
	Status      ReportStatus
	Drafted     string
	Content     string
	Overrides   []RAGOverride
	CreatedBy   string
	CreatedAt   time.Time
	PublishedBy string
	PublishedAt time.Time
	Version     int64
}

// Validate checks the overrides: a known area and level, and a written
// justification for each, one per area.
func (r *StatusReport) Validate() error {
	seen := map[string]bool{}
	for i, o := range r.Overrides {
		field := "overrides." + o.Area
		switch {
		case !slices.Contains(RAGAreas, o.Area):
			return Invalid("invalid_area", "overrides["+strconv.Itoa(i)+"].area", "%q is not a report area (use overall, schedule, cost, scope or risk)", o.Area)
		case o.Level != "green" && o.Level != "amber" && o.Level != "red":
			return Invalid("invalid_level", field+".level", "%q is not a RAG level (use green, amber or red)", o.Level)
		case strings.TrimSpace(o.Justification) == "":
			return Invalid("required", field+".justification", "overriding the %s status needs a written justification: say why it differs from the computed one", o.Area)
		case seen[o.Area]:
			return Invalid("duplicate_override", field, "the %s status is overridden twice; keep one", o.Area)
		}
		seen[o.Area] = true
	}
	return nil
}
