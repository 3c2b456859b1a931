package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// scheduleJSON is a delivery schedule as the API shows it. The webhook
// secret appears only in the answer that made it.
type scheduleJSON struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Weekday       string   `json:"weekday"`
	Time          string   `json:"time"`
	TimeZone      string   `json:"time_zone"`
	NextRun       string   `json:"next_run"`
	PeriodDays    int      `json:"period_days"`
	Baseline      int      `json:"baseline"`
	Channel       string   `json:"channel"`
	Roles         []string `json:"roles"`
	Stakeholders  []int64  `json:"stakeholders"`
	WebhookURL    string   `json:"webhook_url,omitempty"`
	WebhookFormat string   `json:"webhook_format,omitempty"`
	WebhookSecret string   `json:"webhook_secret,omitempty"`
	Enabled       bool     `json:"enabled"`
	CreatedBy     string   `json:"created_by"`
	Version       int64    `json:"version"`
	CreatedAt     string   `json:"created_at"`
	UpdatedAt     string   `json:"updated_at"`
}

func toScheduleJSON(d domain.DeliverySchedule, p domain.Project, now time.Time) scheduleJSON {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	roles := make([]string, len(d.Roles))
	for i, r := range d.Roles {
		roles[i] = string(r)
	}
	ids := d.Stakeholders
	if ids == nil {
		ids = []int64{}
	}
	return scheduleJSON{ID: d.ID, Name: d.Name, Weekday: strings.ToLower(d.Weekday.String()), Time: app.ClockTime(d.Minute),
		TimeZone: loc.String(), NextRun: d.Next(now, loc).Format(time.RFC3339), PeriodDays: d.PeriodDays, Baseline: d.Baseline,
		Channel: string(d.Channel), Roles: roles, Stakeholders: ids, WebhookURL: d.WebhookURL,
		WebhookFormat: string(d.WebhookFormat), WebhookSecret: d.WebhookSecret, Enabled: d.Enabled, CreatedBy: d.CreatedBy,
		Version: d.Version, CreatedAt: d.CreatedAt.Format(time.RFC3339), UpdatedAt: d.UpdatedAt.Format(time.RFC3339)}
}

// scheduleInput is the body of POST and PATCH …/delivery-schedules.
type scheduleInput struct {
	Name          Opt[string]   `json:"name"`
	Weekday       Opt[string]   `json:"weekday"`
	Time          Opt[string]   `json:"time"`
	PeriodDays    Opt[int]      `json:"period_days"`
	Baseline      Opt[int]      `json:"baseline"`
	Channel       Opt[string]   `json:"channel"`
	Roles         Opt[[]string] `json:"roles"`
	Stakeholders  Opt[[]int64]  `json:"stakeholders"`
	WebhookURL    Opt[string]   `json:"webhook_url"`
	WebhookFormat Opt[string]   `json:"webhook_format"`
	Enabled       Opt[bool]     `json:"enabled"`
}

var dayNames = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// apply sets the fields present in in on d.
func (in scheduleInput) apply(d *domain.DeliverySchedule) error {
	if in.Name.Set {
		d.Name = in.Name.Value
	}
	if in.Weekday.Set {
		wd, ok := dayNames[strings.ToLower(in.Weekday.Value)]
		if !ok {
			return domain.Invalid("invalid_weekday", "weekday", "%q is not a day of the week (use monday … sunday)", in.Weekday.Value)
		}
		d.Weekday = wd
	}
	if in.Time.Set {
		t, err := time.Parse("15:04", in.Time.Value)
		if err != nil {
			return domain.Invalid("invalid_time", "time", "%q is not a time of day (use HH:MM, such as 15:00)", in.Time.Value)
		}
		d.Minute = t.Hour()*60 + t.Minute()
	}
	if in.PeriodDays.Set {
		d.PeriodDays = in.PeriodDays.Value
	}
	if in.Baseline.Set {
		d.Baseline = in.Baseline.Value
	}
	if in.Channel.Set {
		d.Channel = domain.Channel(in.Channel.Value)
	}
	if in.Roles.Set {
		d.Roles = nil
		for _, r := range in.Roles.Value {
			d.Roles = append(d.Roles, domain.StakeholderRole(strings.ToLower(r)))
		}
	}
	if in.Stakeholders.Set {
		d.Stakeholders = in.Stakeholders.Value
	}
	if in.WebhookURL.Set {
		d.WebhookURL = in.WebhookURL.Value
	}
	if in.WebhookFormat.Set {
		d.WebhookFormat = domain.WebhookFormat(in.WebhookFormat.Value)
	}
	if in.Enabled.Set {
		d.Enabled = in.Enabled.Value
	}
	return nil
}

func (s *Server) listDeliverySchedules(w http.ResponseWriter, r *http.Request) {
	p, err := s.app.Project(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ds, err := s.app.DeliverySchedules(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now()
	out := make([]scheduleJSON, len(ds))
	for i, d := range ds {
		out[i] = toScheduleJSON(d, p, now)
	}
	writeJSON(w, http.StatusOK, map[string]any{"delivery_schedules": out})
}

func (s *Server) createDeliverySchedule(w http.ResponseWriter, r *http.Request) {
	var in scheduleInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	d := domain.DeliverySchedule{PeriodDays: 7, Enabled: true, Minute: -1, Weekday: -1}
	if err := in.apply(&d); err != nil {
		s.writeError(w, r, err)
		return
	}
	if d.Weekday < 0 {
		s.writeError(w, r, domain.Invalid("required", "weekday", "say which day of the week to send the report (monday … sunday)"))
		return
	}
	if d.Minute < 0 {
		s.writeError(w, r, domain.Invalid("required", "time", "say what time to send the report (HH:MM in the project's time zone)"))
		return
	}
	d, err := s.app.CreateDeliverySchedule(r.Context(), r.PathValue("key"), d)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.answerSchedule(w, r, http.StatusCreated, d)
}

// answerSchedule writes d with its project's time zone and next run.
func (s *Server) answerSchedule(w http.ResponseWriter, r *http.Request, status int, d domain.DeliverySchedule) {
	p, err := s.app.Project(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/delivery-schedules/"+itoa64(d.ID))
	}
	setETag(w, d.Version)
	writeJSON(w, status, toScheduleJSON(d, p, time.Now()))
}

func (s *Server) getDeliverySchedule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "delivery schedule")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.app.DeliverySchedule(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.answerSchedule(w, r, http.StatusOK, d)
}

func (s *Server) patchDeliverySchedule(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "delivery schedule")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in scheduleInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	hadSecret := false
	d, err := s.app.UpdateDeliverySchedule(r.Context(), r.PathValue("key"), id, version, func(d *domain.DeliverySchedule) error {
		hadSecret = d.WebhookSecret != ""
		return in.apply(d)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if hadSecret {
		d.WebhookSecret = "" // shown once, when made
	}
	s.answerSchedule(w, r, http.StatusOK, d)
}

func (s *Server) deleteDeliverySchedule(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "delivery schedule", s.app.DeleteDeliverySchedule)
}
