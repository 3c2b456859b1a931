package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// calendarJSON is a project calendar as the API shows and takes it. Days
// are "08:00-12:00, 13:00-17:00", or "" when not worked.
type calendarJSON struct {
	Name       string            `json:"name"`
	Week       map[string]string `json:"week"`
	Exceptions []exceptionJSON   `json:"exceptions"`
	Version    int64             `json:"version,omitempty"`
}

// exceptionJSON is a holiday (no working time) or a special working day.
type exceptionJSON struct {
	Name    string `json:"name"`
	From    string `json:"from"`
	To      string `json:"to,omitempty"`
	Working string `json:"working,omitempty"`
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func toCalendarJSON(c domain.Calendar) calendarJSON {
	j := calendarJSON{Name: c.Name, Week: map[string]string{}, Exceptions: []exceptionJSON{}, Version: c.Version}
	for _, d := range weekdays {
		j.Week[strings.ToLower(d.String())] = domain.FormatIntervals(c.Week[d])
	}
	for _, ex := range c.Exceptions {
		e := exceptionJSON{Name: ex.Name, From: domain.FormatDate(ex.From), Working: domain.FormatIntervals(ex.Working)}
		if !ex.To.IsZero() && !ex.To.Equal(ex.From) {
			e.To = domain.FormatDate(ex.To)
		}
		j.Exceptions = append(j.Exceptions, e)
	}
	return j
}

// apply sets the days given in the week and, when given, replaces the
// exceptions.
func (in *calendarJSON) apply(c *domain.Calendar) error {
	if in.Name != "" {
		c.Name = in.Name
	}
	for name, text := range in.Week {
		i := -1
		for k, d := range weekdays {
			if strings.EqualFold(name, d.String()) || strings.EqualFold(name, d.String()[:3]) {
				i = k
			}
		}
		if i < 0 {
			return domain.Invalid("invalid_weekday", "week", "%q is not a day of the week (use monday … sunday)", name)
		}
		ivs, err := domain.ParseIntervals(text)
		if err != nil {
			return domain.WithField(err, "week."+strings.ToLower(weekdays[i].String()))
		}
		if ivs == nil {
			ivs = []domain.Interval{} // not worked, rather than inherited
		}
		c.Week[weekdays[i]] = ivs
	}
	if in.Exceptions == nil {
		return nil
	}
	c.Exceptions = nil
	for i, e := range in.Exceptions {
		field := "exceptions[" + itoa(i) + "]"
		from, err := domain.ParseDate(e.From)
		if err != nil {
			return fieldErr(field+".from", err)
		}
		ex := domain.Exception{Name: strings.TrimSpace(e.Name), From: from}
		if e.To != "" {
			if ex.To, err = domain.ParseDate(e.To); err != nil {
				return fieldErr(field+".to", err)
			}
		}
		if ex.Working, err = domain.ParseIntervals(e.Working); err != nil {
			return domain.WithField(err, field+".working")
		}
		c.Exceptions = append(c.Exceptions, ex)
	}
	return nil
}

func (s *Server) getCalendar(w http.ResponseWriter, r *http.Request) {
	_, c, err := s.app.ProjectCalendar(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, c.Version)
	writeJSON(w, http.StatusOK, toCalendarJSON(c))
}

func (s *Server) patchCalendar(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in calendarJSON
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.app.UpdateProjectCalendar(r.Context(), r.PathValue("key"), version, in.apply)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, c.Version)
	writeJSON(w, http.StatusOK, toCalendarJSON(c))
}
