package planfile

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// calendars returns the calendar: block (nil for the Standard calendar)
// and the calendars: list, naming each calendar uniquely.
func (w *writer) calendars() (*yaml.Node, *yaml.Node, error) {
	cals := w.p.Calendars
	proj := slices.IndexFunc(cals, func(c domain.Calendar) bool { return c.ID == w.p.Project.CalendarID })
	taken := map[string]bool{}
	if proj < 0 {
		taken["Standard"] = true // what a file without calendar: gets
	}
	w.calName = make(map[int64]string, len(cals))
	for _, c := range cals {
		name := strings.TrimSpace(c.Name)
		for k := 2; taken[name]; k++ {
			name = fmt.Sprintf("%s (%d)", strings.TrimSpace(c.Name), k)
		}
		taken[name] = true
		w.calName[c.ID] = name
	}
	var projNode *yaml.Node
	list := seqNode()
	for i := range cals {
		n, err := w.calendar(&cals[i])
		if err != nil {
			return nil, nil, err
		}
		switch {
		case i != proj:
			list.Content = append(list.Content, n)
		case !isStandard(&cals[i], w.calName[cals[i].ID]):
			projNode = n
		}
	}
	if len(list.Content) == 0 {
		list = nil
	}
	return projNode, list, nil
}

// isStandard reports whether c is what a plan file without calendar: gets.
func isStandard(c *domain.Calendar, name string) bool {
	return name == "Standard" && c.BaseID == 0 && len(c.Exceptions) == 0 && sameWeek(c.Week, domain.StandardWeek())
}

func sameWeek(a, b [7][]domain.Interval) bool {
	for d := range a {
		if !slices.Equal(a[d], b[d]) {
			return false
		}
	}
	return true
}

func (w *writer) calendar(c *domain.Calendar) (*yaml.Node, error) {
	m := mapNode()
	put(m, "name", text(w.calName[c.ID]))
	if c.BaseID != 0 {
		base, ok := w.calName[c.BaseID]
		if !ok {
			return nil, domain.Invalid("unknown_calendar", "calendars."+w.calName[c.ID]+".base", "base calendar %d is not in the plan", c.BaseID)
		}
		put(m, "base", text(base))
	}
	put(m, "week", weekNode(c))
	var holidays, working []*yaml.Node
	for _, ex := range c.Exceptions {
		n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		from, to := domain.FormatDate(ex.From), domain.FormatDate(ex.To)
		if to == "" || to == from {
			put(n, "date", plain(from))
		} else {
			put(n, "from", plain(from))
			put(n, "to", plain(to))
		}
		if len(ex.Working) > 0 {
			put(n, "hours", plain(domain.FormatIntervals(ex.Working)))
			working = append(working, n)
		} else {
			holidays = append(holidays, n)
		}
		put(n, "name", text(ex.Name))
	}
	put(m, "holidays", seqOf(holidays))
	put(m, "working_days", seqOf(working))
	return m, nil
}

// weekNode writes a calendar's week: every day when the calendar has no
// base and differs from the standard week, the days it sets when it has a
// base, and nothing otherwise.
func weekNode(c *domain.Calendar) *yaml.Node {
	if c.BaseID == 0 && sameWeek(c.Week, domain.StandardWeek()) {
		return nil
	}
	m := mapNode()
	for i := range 7 {
		day := time.Weekday((i + 1) % 7) // Monday first
		ivs := c.Week[day]
		if ivs == nil && c.BaseID != 0 {
			continue // inherited from the base
		}
		v := "off"
		if len(ivs) > 0 {
			v = domain.FormatIntervals(ivs)
		}
		put(m, weekdays[day], plain(v))
	}
	if len(m.Content) == 0 {
		return nil
	}
	return m
}
