package report

import (
	"fmt"
	"slices"
	"strings"
)

// Override is a level the PM chose for an area, with why.
type Override struct {
	Area          string
	Level         Level
	Justification string
}

// area returns the status of a named area, or nil.
func (r *Report) area(name string) *Status {
	switch name {
	case "overall":
		return &r.RAG.Overall
	case "schedule":
		return &r.RAG.Schedule
	case "cost":
		return &r.RAG.Cost
	case "scope":
		return &r.RAG.Scope
	case "risk":
		return &r.RAG.Risk
	}
	return nil
}

// Apply sets the PM's levels over the computed ones. Each keeps the
// computed level and the justification beside it, so the report shows
// both. Unless overall is overridden too, it is the worst of the areas'
// chosen levels. It refuses an unknown area or level, or a missing
// justification.
func (r *Report) Apply(overrides []Override) error {
	for _, o := range overrides {
		s := r.area(o.Area)
		switch {
		case s == nil:
			return fmt.Errorf("%q is not a report area (use overall, schedule, cost, scope or risk)", o.Area)
		case o.Level != Green && o.Level != Amber && o.Level != Red:
			return fmt.Errorf("%q is not a RAG level (use green, amber or red)", o.Level)
		case strings.TrimSpace(o.Justification) == "":
			return fmt.Errorf("overriding the %s status needs a justification", o.Area)
		}
		if s.Computed == "" {
			s.Computed = s.Level
		}
		s.Level, s.Justification = o.Level, strings.TrimSpace(o.Justification)
	}
	if !slices.ContainsFunc(overrides, func(o Override) bool { return o.Area == "overall" }) {
		computed := r.RAG.Overall.Computed
		if computed == "" {
			computed = r.RAG.Overall.Level
		}
		level := Green
		for _, a := range []Status{r.RAG.Schedule, r.RAG.Cost, r.RAG.Scope, r.RAG.Risk} {
			level = worse(level, a.Level)
		}
		if level != computed {
			r.RAG.Overall.Computed = computed
			r.RAG.Overall.Justification = "follows the areas' levels as the project manager set them"
		}
		r.RAG.Overall.Level = level
	}
	return nil
}

// Change is one difference between two reports, in words.
type Change struct {
	What string `json:"what"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Diff lists what changed from the previous report to this one: the
// levels, each milestone's forecast, the top risks and the summary.
func Diff(prev, cur *Report) []Change {
	var out []Change
	for _, name := range []string{"overall", "schedule", "cost", "scope", "risk"} {
		a, b := prev.area(name), cur.area(name)
		if a.Level != b.Level {
			out = append(out, Change{What: name + " status", From: string(a.Level), To: string(b.Level)})
		}
	}
	before := map[string]Milestone{}
	for _, m := range prev.Milestones {
		before[m.Key] = m
	}
	for _, m := range cur.Milestones {
		p, ok := before[m.Key]
		switch {
		case !ok:
			out = append(out, Change{What: "milestone " + m.Name, From: "", To: m.Forecast})
		case p.Forecast != m.Forecast:
			out = append(out, Change{What: "milestone " + m.Name + " forecast", From: p.Forecast, To: m.Forecast})
		case p.Done != m.Done:
			out = append(out, Change{What: "milestone " + m.Name, From: "open", To: "done"})
		}
		delete(before, m.Key)
	}
	for _, m := range prev.Milestones {
		if _, gone := before[m.Key]; gone {
			out = append(out, Change{What: "milestone " + m.Name, From: m.Forecast, To: "removed"})
		}
	}
	risks := func(r *Report) []string {
		var out []string
		for _, k := range r.Risks {
			out = append(out, k.Title)
		}
		return out
	}
	if a, b := risks(prev), risks(cur); !slices.Equal(a, b) {
		out = append(out, Change{What: "top risks", From: strings.Join(a, "; "), To: strings.Join(b, "; ")})
	}
	if prev.Summary != cur.Summary {
		out = append(out, Change{What: "summary", From: prev.Summary, To: cur.Summary})
	}
	return out
}
