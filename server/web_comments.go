package server

import (
	"net/http"
	"strconv"

	"github.com/cairnpm/cairn/domain"
)

// commentsPage serves the discussion of one task or risk
// (?entity=task|risk&id=N): what it is, a link to where it is edited,
// and its comments with the form to add one. A report's comments are on
// the report's own page, which this page sends the browser to.
func (w *web) commentsPage(rw http.ResponseWriter, r *http.Request) {
	entity, id, err := commentTarget(r)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	key := r.PathValue("key")
	if entity == domain.CommentOnReport {
		http.Redirect(rw, r, "/projects/"+key+"/reports/"+itoa64(id)+"#comments", http.StatusSeeOther)
		return
	}
	tab := map[domain.CommentEntity]string{domain.CommentOnTask: "plan", domain.CommentOnRisk: "risks"}[entity]
	v := w.loadProject(rw, r, tab)
	if v == nil {
		return
	}
	var what, back string
	switch entity {
	case domain.CommentOnTask:
		for _, t := range v.Plan.Tasks {
			if t.ID == id {
				what = t.Key(key) + " " + t.Name
			}
		}
		back = "/projects/" + key + "/plan?task=" + strconv.FormatInt(id, 10) + "#row-" + strconv.FormatInt(id, 10)
	case domain.CommentOnRisk:
		_, k, err := w.s.app.Risk(r.Context(), key, id)
		if err != nil {
			w.renderError(rw, r, err)
			return
		}
		what, back = k.Key()+" "+k.Title, "/projects/"+key+"/risks"
	}
	cs, err := w.commentsOf(r, v, entity, id)
	if err != nil {
		w.renderError(rw, r, err)
		return
	}
	w.render(rw, r, "comments", http.StatusOK, map[string]any{
		"Title": "Comments on " + what + " · " + v.Project.Name, "P": v, "What": what, "Back": back,
		"Entity": string(entity), "Comments": cs,
	})
}
