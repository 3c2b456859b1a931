package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/cairnpm/cairn/schedule"
)

// domainTime keeps the signatures short.
type domainTime = time.Time

// summary writes the report's opening paragraph: where the key date
// stands and why, the chance of meeting the deadline, spending, progress
// in the period, and the overall status.
func (d *drafter) summary(r *Report) string {
	var parts []string
	parts = append(parts, d.keyDate())
	if f := d.in.Forecast; f != nil {
		parts = append(parts, sentence(fmt.Sprintf("there is a %s chance of finishing by the %s deadline", percent(f.Probability), day(f.Deadline, d.year))))
	}
	if r.Budget != nil {
		parts = append(parts, r.RAG.Cost.Reasons[0])
	}
	parts = append(parts, d.progress(r))
	o := r.RAG.Overall
	if o.Level == Green {
		parts = append(parts, "Overall the project is on track (green).")
	} else {
		var areas []string
		for _, a := range []struct {
			name string
			s    Status
		}{{"schedule", r.RAG.Schedule}, {"cost", r.RAG.Cost}, {"scope", r.RAG.Scope}, {"risk", r.RAG.Risk}} {
			if a.s.Level == o.Level {
				areas = append(areas, a.name)
			}
		}
		parts = append(parts, fmt.Sprintf("Overall status is %s, set by %s.", o.Level, list(areas)))
	}
	return strings.Join(parts, " ")
}

// keyDate is the first sentence: the unfinished milestone that slipped
// most (or, when none has, the next one), or else the project's finish,
// against its plan, and the task its slip came from.
func (d *drafter) keyDate() string {
	var key *schedule.Task
	for i := range d.res.Tasks {
		r := &d.res.Tasks[i]
		if !r.Milestone || d.done(r.ID) {
			continue
		}
		sl, ok := d.slip[r.ID]
		switch {
		case !ok:
		case key == nil:
			key = r
		case sl >= 0.5 && sl > d.slip[key.ID]+0.01:
			key = r
		case d.slip[key.ID] < 0.5 && r.Finish.Before(key.Finish):
			key = r
		}
	}
	if key != nil {
		r, sl := key, d.slip[key.ID]
		s := fmt.Sprintf("%s is forecast for %s, %s", r.Name, day(r.Finish, d.year), relative(sl))
		if sl >= 0.5 {
			if k, ok := d.driver(r.ID); ok && k != r.ID {
				s += ", because " + d.task[k].Name + " slipped"
			}
		}
		return sentence(s)
	}
	slip, _, ok := d.projectSlip()
	if !ok {
		return sentence(fmt.Sprintf("the project is forecast to finish on %s; no baseline is saved to compare with", day(d.res.Finish, d.year)))
	}
	return sentence(fmt.Sprintf("the project is forecast to finish on %s, %s", day(d.res.Finish, d.year), relative(slip)))
}

// progress says what was finished and what starts next.
func (d *drafter) progress(r *Report) string {
	var done, all int64
	for _, t := range d.res.Tasks {
		if !t.Summary {
			all += t.Duration
			done += t.Duration * int64(t.PercentComplete) / 100
		}
	}
	pct := 0.0
	if all > 0 {
		pct = float64(done) / float64(all)
	}
	next := "nothing starts next"
	if n := len(r.NextSteps); n > 0 {
		next = count(n, "starts", "start") + " next"
	}
	return fmt.Sprintf("The project is %s complete; %s finished this period and %s.", percent(pct),
		count(len(r.Accomplishments), "task was", "tasks were"), next)
}
