package planio

import (
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Preview is what importing a file would create: the checks the import
// makes have passed, and the plan schedules from Start to Finish.
type Preview struct {
	Format      Format
	Project     domain.Project
	Tasks       int
	Summaries   int
	Milestones  int
	Links       int
	Resources   int
	Assignments int
	Calendars   int
	Start       time.Time
	Finish      time.Time
	Notes       []string
}

// Preview checks and schedules the file's plan without storing anything.
func (f *File) Preview() (*Preview, error) {
	plan := f.Plan
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	res, err := schedule.Compute(plan, f.Options)
	if err != nil {
		return nil, err
	}
	p := &Preview{Format: f.Format, Project: plan.Project, Tasks: len(plan.Tasks), Summaries: len(plan.Summaries()),
		Links: len(plan.Dependencies), Resources: len(plan.Resources), Assignments: len(plan.Assignments),
		Calendars: len(plan.Calendars), Start: res.Start, Finish: res.Finish, Notes: append([]string{}, f.Notes...)}
	for _, t := range plan.Tasks {
		if t.Kind == domain.KindMilestone {
			p.Milestones++
		}
	}
	return p, nil
}
