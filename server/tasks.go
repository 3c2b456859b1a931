package server

import (
	"net/http"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// taskJSON is a task as the API shows it. Durations appear both as text
// in the project's units ("5d") and as working minutes.
type taskJSON struct {
	ID              int64   `json:"id"`
	UID             int64   `json:"uid"`
	Key             string  `json:"key"`
	Ref             string  `json:"ref,omitempty"`
	Parent          *int64  `json:"parent"`
	Position        int64   `json:"position"`
	Name            string  `json:"name"`
	Kind            string  `json:"kind"`
	Mode            string  `json:"mode"`
	Duration        string  `json:"duration"`
	DurationMinutes int64   `json:"duration_minutes"`
	Work            string  `json:"work"`
	WorkMinutes     int64   `json:"work_minutes"`
	Constraint      string  `json:"constraint"`
	ConstraintDate  *string `json:"constraint_date"`
	Deadline        *string `json:"deadline"`
	Start           *string `json:"start"`
	Finish          *string `json:"finish"`
	Priority        int     `json:"priority"`
	PercentComplete int     `json:"percent_complete"`
	Status          string  `json:"status"`
	ActualStart     *string `json:"actual_start"`
	ActualFinish    *string `json:"actual_finish"`
	// RemainingWork is the work left as someone estimated it; null when
	// nobody has (it then follows percent complete).
	RemainingWork        *string `json:"remaining_work"`
	RemainingWorkMinutes *int64  `json:"remaining_work_minutes"`
	Notes                string  `json:"notes"`
	Version              int64   `json:"version"`
	CreatedAt            string  `json:"created_at"`
	UpdatedAt            string  `json:"updated_at"`
}

func toTaskJSON(p domain.Project, t domain.Task) taskJSON {
	j := taskJSON{
		ID: t.ID, UID: t.UID, Key: t.Key(p.Key), Ref: t.Ref, Position: t.Position, Name: t.Name,
		Kind: string(t.Kind), Mode: string(t.Mode),
		Duration: t.Duration.Format(p.Units), DurationMinutes: t.Duration.Minutes,
		Work: domain.Duration{Minutes: t.Work}.Format(p.Units), WorkMinutes: t.Work,
		Constraint: string(t.Constraint), ConstraintDate: optDateTime(t.ConstraintDate), Deadline: optDateTime(t.Deadline),
		Start: optDateTime(t.Start), Finish: optDateTime(t.Finish), Priority: t.Priority, PercentComplete: t.PercentComplete,
		Status:      string(t.WorkflowStatus()),
		ActualStart: optDateTime(t.ActualStart), ActualFinish: optDateTime(t.ActualFinish), Notes: t.Notes,
		Version: t.Version, CreatedAt: t.CreatedAt.Format(time.RFC3339), UpdatedAt: t.UpdatedAt.Format(time.RFC3339),
	}
	if t.Parent != 0 {
		parent := t.Parent
		j.Parent = &parent
	}
	if t.RemainingWork.Set {
		text, minutes := t.RemainingWork.Format(p.Units), t.RemainingWork.Minutes
		j.RemainingWork, j.RemainingWorkMinutes = &text, &minutes
	}
	return j
}

// taskInput is the body of POST and PATCH on tasks.
type taskInput struct {
	Name            Opt[string] `json:"name"`
	Ref             Opt[string] `json:"ref"`
	Parent          Opt[int64]  `json:"parent"`
	Position        Opt[int64]  `json:"position"`
	Kind            Opt[string] `json:"kind"`
	Milestone       Opt[bool]   `json:"milestone"`
	Mode            Opt[string] `json:"mode"`
	Duration        Opt[string] `json:"duration"`
	DurationMinutes Opt[int64]  `json:"duration_minutes"`
	Work            Opt[string] `json:"work"`
	Constraint      Opt[string] `json:"constraint"`
	ConstraintDate  Opt[string] `json:"constraint_date"`
	Deadline        Opt[string] `json:"deadline"`
	Start           Opt[string] `json:"start"`
	Finish          Opt[string] `json:"finish"`
	Priority        Opt[int]    `json:"priority"`
	PercentComplete Opt[int]    `json:"percent_complete"`
	Status          Opt[string] `json:"status"`
	ActualStart     Opt[string] `json:"actual_start"`
	ActualFinish    Opt[string] `json:"actual_finish"`
	Notes           Opt[string] `json:"notes"`
	RemainingWork   Opt[string] `json:"remaining_work"`
}

// apply copies the fields present in in onto t, reading durations in the
// project's units.
func (in *taskInput) apply(p domain.Project, t *domain.Task) error {
	if in.Name.Set {
		t.Name = in.Name.Value
	}
	if in.Ref.Set {
		t.Ref = in.Ref.Value
	}
	if in.Parent.Set {
		t.Parent = in.Parent.Value // null → 0: top level
	}
	if in.Position.Set {
		t.Position = in.Position.Value
	}
	if in.Kind.Set {
		t.Kind = domain.TaskKind(in.Kind.Value)
	}
	if in.Milestone.Set {
		t.Kind = domain.KindTask
		if in.Milestone.Value {
			t.Kind = domain.KindMilestone
		}
	}
	if in.Mode.Set {
		t.Mode = domain.SchedulingMode(in.Mode.Value)
	}
	if in.Duration.Set {
		d, err := domain.ParseDuration(in.Duration.Value, p.Units)
		if err != nil {
			return fieldErr("duration", err)
		}
		t.Duration = d
	}
	if in.DurationMinutes.Set {
		t.Duration = domain.Duration{Minutes: in.DurationMinutes.Value}
	}
	if in.Work.Set {
		d, err := domain.ParseDuration(orWord(in.Work.Value, "0"), p.Units)
		if err != nil || d.Elapsed {
			return domain.Invalid("invalid_work", "work", "%q is not an amount of work (try 40h or 5d)", in.Work.Value)
		}
		t.Work = d.Minutes
	}
	if in.Constraint.Set {
		c, err := domain.ParseConstraintType(in.Constraint.Value)
		if err != nil {
			return err
		}
		t.Constraint = c
		if !c.NeedsDate() {
			t.ConstraintDate = time.Time{}
		}
	}
	if in.Priority.Set {
		t.Priority = in.Priority.Value
	}
	if in.PercentComplete.Set {
		t.SetPercentComplete(in.PercentComplete.Value)
	}
	if in.Status.Set { // after progress: a status given with it wins
		s, err := domain.ParseWorkflowStatus(in.Status.Value)
		if err != nil {
			return err
		}
		t.SetStatus(s)
	}
	if in.Notes.Set {
		t.Notes = in.Notes.Value
	}
	if in.RemainingWork.Set {
		t.RemainingWork = domain.RemainingWork{}
		if !in.RemainingWork.Null {
			d, err := domain.ParseDuration(orWord(in.RemainingWork.Value, "0"), p.Units)
			if err != nil || d.Elapsed {
				return domain.Invalid("invalid_work", "remaining_work", "%q is not an amount of work (try 16h or 2d; null clears it)", in.RemainingWork.Value)
			}
			t.RemainingWork = domain.RemainingWork{Minutes: d.Minutes, Set: true}
		}
	}
	for _, d := range []struct {
		o     Opt[string]
		dst   *time.Time
		field string
	}{
		{in.ConstraintDate, &t.ConstraintDate, "constraint_date"}, {in.Deadline, &t.Deadline, "deadline"},
		{in.Start, &t.Start, "start"}, {in.Finish, &t.Finish, "finish"},
		{in.ActualStart, &t.ActualStart, "actual_start"}, {in.ActualFinish, &t.ActualFinish, "actual_finish"},
	} {
		if err := setDate(d.o, d.dst, d.field); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) listTasks(w http.ResponseWriter, r *http.Request) {
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, ts, err := s.app.Tasks(r.Context(), r.PathValue("key"), pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Tasks      []taskJSON `json:"tasks"`
		NextCursor string     `json:"next_cursor,omitempty"`
	}{Tasks: make([]taskJSON, len(ts))}
	for i, t := range ts {
		out.Tasks[i] = toTaskJSON(p, t)
	}
	if len(ts) > 0 {
		out.NextCursor = nextCursor(pg, len(ts), ts[len(ts)-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createTask(w http.ResponseWriter, r *http.Request) {
	var in taskInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	t, err := s.app.CreateTask(r.Context(), r.PathValue("key"), func(proj domain.Project, t *domain.Task) error {
		p = proj
		t.Priority = 500 // the default, as in MS Project and plan files
		return in.apply(proj, t)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key+"/tasks/"+itoa64(t.ID))
	setETag(w, t.Version)
	writeJSON(w, http.StatusCreated, toTaskJSON(p, t))
}

func (s *Server) getTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, t, err := s.app.Task(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, t.Version)
	writeJSON(w, http.StatusOK, toTaskJSON(p, t))
}

func (s *Server) patchTask(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in taskInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	t, err := s.app.UpdateTask(r.Context(), r.PathValue("key"), id, version, func(proj domain.Project, t *domain.Task) error {
		p = proj
		return in.apply(proj, t)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, t.Version)
	writeJSON(w, http.StatusOK, toTaskJSON(p, t))
}

func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "task", s.app.DeleteTask)
}
