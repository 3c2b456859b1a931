package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/level"
)

// maxLevelSchedules bounds the search one request may ask for.
const maxLevelSchedules = 20_000

// getLevel answers GET …/level: the project's schedule levelled so that no
// one is over-allocated, with each moved task's delay and cause. It is a
// preview — nothing is stored — so viewing the project is enough.
// Query: seed, schedules, within_slack, skip (UIDs, comma-separated),
// status_date.
func (s *Server) getLevel(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opt := level.PlanOptions{Seed: 1, Schedules: level.DefaultPlanSchedules}
	if v := q.Get("seed"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			s.writeError(w, r, domain.Invalid("invalid_seed", "seed", "seed %q is not a whole number ≥ 0", v))
			return
		}
		opt.Seed = seed
	}
	if v := q.Get("schedules"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLevelSchedules {
			s.writeError(w, r, domain.Invalid("invalid_schedules", "schedules", "schedules %q must be a whole number from 1 to %d", v, maxLevelSchedules))
			return
		}
		opt.Schedules = n
	}
	if v := q.Get("within_slack"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.writeError(w, r, domain.Invalid("invalid_within_slack", "within_slack", "within_slack %q is not true or false", v))
			return
		}
		opt.WithinSlack = b
	}
	if v := q.Get("status_date"); v != "" {
		d, err := domain.ParseDate(v)
		if err != nil {
			s.writeError(w, r, domain.WithField(err, "status_date"))
			return
		}
		opt.Schedule.StatusDate = d
	}
	plan, err := s.app.Plan(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if opt.Skip, err = skipUIDs(plan, q.Get("skip")); err != nil {
		s.writeError(w, r, err)
		return
	}
	l, err := level.LevelPlan(r.Context(), plan, opt)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, level.NewDocument(plan, l))
}

// skipUIDs turns a comma-separated list of task UIDs into task IDs.
func skipUIDs(p *domain.Plan, v string) ([]int64, error) {
	if v == "" {
		return nil, nil
	}
	byUID := make(map[int64]int64, len(p.Tasks))
	for _, t := range p.Tasks {
		byUID[t.UID] = t.ID
	}
	var ids []int64
	for _, f := range strings.Split(v, ",") {
		uid, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		id, ok := byUID[uid]
		if err != nil || !ok {
			return nil, domain.Invalid("unknown_task", "skip", "skip names %q, which is not the number of a task in %s", strings.TrimSpace(f), p.Project.Key)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
