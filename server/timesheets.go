package server

import (
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// timeEntryJSON is a timesheet entry as the API shows it. Entries carry
// hours, not money: their cost is in the earned value, for those who may
// see costs.
type timeEntryJSON struct {
	ID            int64   `json:"id"`
	Task          int64   `json:"task"`
	User          string  `json:"user"`
	Date          string  `json:"date"`
	Week          string  `json:"week"`
	Hours         float64 `json:"hours"`
	Minutes       int64   `json:"minutes"`
	Note          string  `json:"note"`
	Status        string  `json:"status"`
	Reviewer      *string `json:"reviewer"`
	ReviewComment string  `json:"review_comment"`
	ReviewedAt    *string `json:"reviewed_at"`
	Version       int64   `json:"version"`
	CreatedAt     string  `json:"created_at"`
	UpdatedAt     string  `json:"updated_at"`
}

func toTimeEntryJSON(e domain.TimeEntry) timeEntryJSON {
	j := timeEntryJSON{ID: e.ID, Task: e.Task, User: e.Email, Date: domain.FormatDate(e.Date), Week: domain.FormatWeek(e.Date),
		Hours: roundHours(e.Minutes), Minutes: e.Minutes, Note: e.Note, Status: string(e.Status), ReviewComment: e.ReviewComment,
		Version: e.Version, CreatedAt: e.CreatedAt.Format(time.RFC3339), UpdatedAt: e.UpdatedAt.Format(time.RFC3339)}
	if e.ReviewerEmail != "" {
		j.Reviewer = &e.ReviewerEmail
	}
	if !e.ReviewedAt.IsZero() {
		at := e.ReviewedAt.UTC().Format(time.RFC3339)
		j.ReviewedAt = &at
	}
	return j
}

// roundHours shows minutes as hours, to two decimals.
func roundHours(minutes int64) float64 { return math.Round(float64(minutes)/60*100) / 100 }

// timesheetJSON is a set of entries: a list, or a week just submitted or
// reviewed, with their total.
type timesheetJSON struct {
	Week         *string         `json:"week"`
	User         *string         `json:"user"`
	Entries      []timeEntryJSON `json:"entries"`
	TotalHours   float64         `json:"total_hours"`
	TotalMinutes int64           `json:"total_minutes"`
}

func toTimesheetJSON(week time.Time, user string, es []domain.TimeEntry) timesheetJSON {
	out := timesheetJSON{Entries: make([]timeEntryJSON, len(es))}
	for i, e := range es {
		out.Entries[i] = toTimeEntryJSON(e)
		out.TotalMinutes += e.Minutes
	}
	out.TotalHours = roundHours(out.TotalMinutes)
	if !week.IsZero() {
		w := domain.FormatWeek(week)
		out.Week = &w
	}
	if user != "" {
		out.User = &user
	}
	return out
}

// timeInput is the body of POST …/timesheets.
type timeInput struct {
	User    Opt[string]  `json:"user"`
	Task    Opt[int64]   `json:"task"`
	Date    Opt[string]  `json:"date"`
	Hours   Opt[float64] `json:"hours"`
	Minutes Opt[int64]   `json:"minutes"`
	Note    Opt[string]  `json:"note"`
}

// timePatch is the body of PATCH …/timesheets/{id}: the same but user.
type timePatch struct {
	Task    Opt[int64]   `json:"task"`
	Date    Opt[string]  `json:"date"`
	Hours   Opt[float64] `json:"hours"`
	Minutes Opt[int64]   `json:"minutes"`
	Note    Opt[string]  `json:"note"`
}

// apply copies the fields present onto e.
func (in *timePatch) apply(e *domain.TimeEntry) error {
	if in.Task.Set {
		e.Task = in.Task.Value
	}
	if in.Date.Set {
		d, err := parseDay(in.Date.Value, "date")
		if err != nil {
			return err
		}
		e.Date = d
	}
	if in.Hours.Set && in.Minutes.Set {
		return domain.Invalid("ambiguous_hours", "hours", "give hours or minutes, not both")
	}
	if in.Hours.Set {
		h := in.Hours.Value
		if h > 1e6 || h < -1e6 {
			return domain.Invalid("invalid_hours", "hours", "%v hours is more than the 24 hours of a day", h)
		}
		e.Minutes = int64(math.Round(h * 60))
	}
	if in.Minutes.Set {
		e.Minutes = in.Minutes.Value
	}
	if in.Note.Set {
		e.Note = in.Note.Value
	}
	return nil
}

// parseDay reads a YYYY-MM-DD date.
func parseDay(v, field string) (time.Time, error) {
	d, err := time.Parse(domain.DateLayout, strings.TrimSpace(v))
	if err != nil {
		return d, domain.Invalid("invalid_date", field, "%q is not a date (use YYYY-MM-DD)", v)
	}
	return d, nil
}

// listTimesheets answers GET …/timesheets?user=&week=&status=: the
// caller's own entries, or someone else's (user=EMAIL) or everyone's
// (user=all) for managers and owners.
func (s *Server) listTimesheets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tq := app.TimeQuery{User: q.Get("user")}
	if tq.User == "all" {
		tq.User = "*"
	}
	if v := q.Get("week"); v != "" {
		week, err := domain.ParseWeek(v)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		tq.Week = week
	}
	if v := q.Get("status"); v != "" {
		st, err := domain.ParseTimeStatus(v)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		tq.Status = st
	}
	es, err := s.app.TimeEntries(r.Context(), r.PathValue("key"), tq)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	user := ""
	if tq.User != "*" {
		user = domain.NormalizeEmail(tq.User)
		if p, ok := app.PrincipalFrom(r.Context()); ok && user == "" {
			user = p.User.Email
		}
	}
	writeJSON(w, http.StatusOK, toTimesheetJSON(tq.Week, user, es))
}

// logTime answers POST …/timesheets: hours on a task on a day.
func (s *Server) logTime(w http.ResponseWriter, r *http.Request) {
	var in timeInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var e domain.TimeEntry
	patch := timePatch{Task: in.Task, Date: in.Date, Hours: in.Hours, Minutes: in.Minutes, Note: in.Note}
	if err := patch.apply(&e); err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.app.LogTime(r.Context(), r.PathValue("key"), app.TimeInput{User: in.User.Value, Task: e.Task, Date: e.Date,
		Minutes: e.Minutes, Note: e.Note})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/timesheets/"+itoa64(e.ID))
	setETag(w, e.Version)
	writeJSON(w, http.StatusCreated, toTimeEntryJSON(e))
}

// patchTimeEntry answers PATCH …/timesheets/{id}.
func (s *Server) patchTimeEntry(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "time_entry")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in timePatch
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.app.UpdateTimeEntry(r.Context(), r.PathValue("key"), id, version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, e.Version)
	writeJSON(w, http.StatusOK, toTimeEntryJSON(e))
}

// deleteTimeEntry answers DELETE …/timesheets/{id}.
func (s *Server) deleteTimeEntry(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "time_entry", s.app.DeleteTimeEntry)
}

// weekInput is the body of submitting, approving and rejecting a week.
type weekInput struct {
	User    string `json:"user"`
	Week    string `json:"week"`
	Comment string `json:"comment"`
}

func (in *weekInput) week() (time.Time, error) {
	if strings.TrimSpace(in.Week) == "" {
		return time.Time{}, domain.Invalid("required", "week", "say which week (YYYY-Www, such as 2027-W02, or a date in it)")
	}
	return domain.ParseWeek(in.Week)
}

// submitWeek answers POST …/timesheets/submit {"week": …}: the caller's
// (or, for managers, user's) drafts of the week go for approval.
func (s *Server) submitWeek(w http.ResponseWriter, r *http.Request) {
	var in struct {
		User string `json:"user"`
		Week string `json:"week"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	wi := weekInput{User: in.User, Week: in.Week}
	week, err := wi.week()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	es, err := s.app.SubmitWeek(r.Context(), r.PathValue("key"), in.User, week)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTimesheetJSON(week, weekUser(r, in.User, es), es))
}

// approveWeek answers POST …/timesheets/approve {"user", "week", "comment"}.
func (s *Server) approveWeek(w http.ResponseWriter, r *http.Request) { s.reviewWeek(w, r, true) }

// rejectWeek answers POST …/timesheets/reject {"user", "week", "comment"}.
func (s *Server) rejectWeek(w http.ResponseWriter, r *http.Request) { s.reviewWeek(w, r, false) }

func (s *Server) reviewWeek(w http.ResponseWriter, r *http.Request, approve bool) {
	var in weekInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	week, err := in.week()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	es, err := s.app.ReviewWeek(r.Context(), r.PathValue("key"), in.User, week, approve, in.Comment)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTimesheetJSON(week, weekUser(r, in.User, es), es))
}

// weekUser is whose week an answer is about.
func weekUser(r *http.Request, user string, es []domain.TimeEntry) string {
	if len(es) > 0 {
		return es[0].Email
	}
	if user != "" {
		return domain.NormalizeEmail(user)
	}
	p, _ := app.PrincipalFrom(r.Context())
	return p.User.Email
}
