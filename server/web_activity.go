package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// activityDays is how far back the Activity page looks, and
// activityMax how many events it shows at most.
const (
	activityDays = 30
	activityMax  = 300
)

// activityItem is one event of the feed, in words.
type activityItem struct {
	At       time.Time
	Sentence string
	Details  []string // further changes of the same event
}

// activity serves the Activity tab: the project's recent changes and
// comments in words, newest first ("Priya Nair changed the duration of
// Configure switches from 4d to 5d").
func (w *web) activity(rw http.ResponseWriter, r *http.Request) {
	v := w.loadProject(rw, r, "activity")
	if v == nil {
		return
	}
	since := time.Now().AddDate(0, 0, -activityDays)
	evs, err := w.s.app.Changes(r.Context(), v.Project.Key, store.AuditFilter{Since: since}, store.Page{Limit: 1000})
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	names := activityNames{people: map[string]string{}, entities: map[string]string{}}
	if ms, err := w.s.app.Members(r.Context(), v.Project.Key); err == nil {
		for _, m := range ms {
			names.people[m.Email] = m.Name
		}
	}
	for _, t := range v.Plan.Tasks {
		names.entities["task:"+itoa64(t.ID)] = t.Name
	}
	if rs, err := w.s.app.Reports(r.Context(), v.Project.Key, v.CanManage); err == nil {
		for _, rep := range rs {
			names.entities["report:"+itoa64(rep.ID)] = "the status report of " + domain.FormatDate(rep.PeriodEnd)
		}
	}
	if _, rs, err := w.s.app.Risks(r.Context(), v.Project.Key, app.RiskFilter{}); err == nil {
		for _, k := range rs {
			names.entities["risk:"+itoa64(k.ID)] = k.Key() + " " + k.Title
		}
	}
	slices.Reverse(evs)
	var items []activityItem
	names.entities["project:"+itoa64(v.Project.ID)] = v.Project.Name
	names.deleted = map[int64]bool{} // comments deleted since: their words are not repeated
	for _, ev := range evs {
		if ev.Entity == "comment" && ev.Action == "delete" {
			names.deleted[ev.EntityID] = true
		}
	}
	for _, ev := range evs {
		if len(items) == activityMax {
			break
		}
		if it := names.describe(ev); it.Sentence != "" {
			items = append(items, it)
		}
	}
	w.render(rw, r, "activity", http.StatusOK, map[string]any{
		"Title": "Activity · " + v.Project.Name, "P": v, "Items": items, "Days": activityDays,
	})
}

// activityNames turns e-mail addresses and entity ids into names.
type activityNames struct {
	people   map[string]string // email → name
	entities map[string]string // "task:12" → name
	deleted  map[int64]bool    // comments deleted
}

func (n activityNames) who(actor string) string {
	if name := n.people[actor]; name != "" {
		return name
	}
	return actor
}

// what names an event's entity: by its name now, or the name it had
// (a deleted task's), or its kind and number.
func (n activityNames) what(ev domain.AuditEvent) string {
	if name := n.entities[ev.Entity+":"+itoa64(ev.EntityID)]; name != "" {
		return name
	}
	for _, c := range ev.Changes {
		if c.Field == "name" || c.Field == "title" || c.Field == "email" {
			return strings.TrimSpace(orWord(c.Old, c.New))
		}
	}
	return strings.ReplaceAll(ev.Entity, "_", " ") + " " + strconv.FormatInt(ev.EntityID, 10)
}

// fieldLabel says an audited field as people do.
func fieldLabel(f string) string {
	switch f {
	case "percent_complete":
		return "% complete"
	case "wip_limits":
		return "WIP limits"
	}
	return strings.ReplaceAll(f, "_", " ")
}

// describe puts one audit event into words; an empty sentence means the
// event says nothing worth showing (an update that changed nothing).
func (n activityNames) describe(ev domain.AuditEvent) activityItem {
	who, what := n.who(ev.Actor), n.what(ev)
	item := activityItem{At: ev.At}
	change := func(c domain.Change) string {
		if c.Field == "overrides" {
			return "set the RAG levels of " + what + " to " + overridesText(c.New)
		}
		c.Old, c.New = clip(c.Old), clip(c.New)
		switch {
		case c.Old == "":
			return "set the " + fieldLabel(c.Field) + " of " + what + " to " + c.New
		case c.New == "":
			return "cleared the " + fieldLabel(c.Field) + " of " + what + " (was " + c.Old + ")"
		}
		return "changed the " + fieldLabel(c.Field) + " of " + what + " from " + c.Old + " to " + c.New
	}
	kind := strings.ReplaceAll(ev.Entity, "_", " ")
	switch {
	case ev.Entity == "comment" && ev.Action == "create":
		on, body := "", ""
		for _, c := range ev.Changes {
			switch c.Field {
			case "on":
				if k, id, ok := strings.Cut(c.New, " "); ok {
					on = n.entities[k+":"+id]
					if on == "" {
						on = c.New
					}
				}
			case "body":
				body = c.New
			}
		}
		if n.deleted[ev.EntityID] {
			item.Sentence = who + " commented on " + on + " (the comment was deleted since)"
			break
		}
		item.Sentence = who + " commented on " + on + ": “" + clip(body) + "”"
	case ev.Entity == "comment" && ev.Action == "delete":
		item.Sentence = who + " deleted a comment"
	case ev.Entity == "report" && ev.Action == "publish":
		item.Sentence = who + " published " + what
	case ev.Entity == "report" && ev.Action == "create":
		item.Sentence = who + " drafted " + what
	case ev.Action == "create":
		item.Sentence = who + " added " + kind + " " + what
	case ev.Action == "delete":
		item.Sentence = who + " deleted " + kind + " " + what
	case ev.Action == "update" && slices.ContainsFunc(ev.Changes, func(c domain.Change) bool { return c.Old != c.New }):
		for _, c := range ev.Changes {
			if c.Old == c.New {
				continue // recorded, but not a change
			}
			if item.Sentence == "" {
				item.Sentence = who + " " + change(c)
			} else {
				item.Details = append(item.Details, change(c))
			}
		}
	case ev.Action == "update":
		// recorded, but nothing changed: left out
	default:
		verb := map[string]string{"import": "imported", "save": "saved", "submit": "submitted", "approve": "approved",
			"reject": "rejected", "restore": "restored"}[ev.Action]
		item.Sentence = who + " " + orWord(verb, ev.Action) + " " + kind + " " + what
	}
	return item
}

// clip shortens a long value (a report's summary) for the feed.
func clip(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}

// overridesText says a report's RAG overrides (as audited, JSON) in
// words: "schedule red (supplier late)", or "as computed".
func overridesText(j string) string {
	var os []domain.RAGOverride
	if err := json.Unmarshal([]byte(j), &os); err != nil || len(os) == 0 {
		return "as computed"
	}
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = o.Area + " " + o.Level + " (“" + clip(o.Justification) + "”)"
	}
	return strings.Join(parts, ", ")
}
