package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
)

// TestCommentMentions: an @mention of a member, by address or by name,
// gives them an in-app notification and (unless they turned it off) a
// queued e-mail; a mention of someone who is not a member notifies
// nobody; a mention on a draft report notifies only those who may see
// drafts. Viewers may comment; a read-only token may not; a member may
// not delete another's comment, a manager may.
func TestCommentMentions(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			e := newAuthEnv(t, b.open(t), server.Options{})
			ctx := context.Background()
			for email, name := range map[string]string{"owner@example.com": "Olive Owner", "priya@example.com": "Priya Nair",
				"sam@example.com": "Sam Patel", "vic@example.com": "Vic Viewer", "out@example.com": "Oscar Outsider"} {
				if _, err := e.app.AddUser(ctx, app.NewUser{Email: email, Name: name, Password: password}); err != nil {
					t.Fatal(err)
				}
			}
			owner := who{bearer: e.token("owner@example.com", false)}
			priya := who{bearer: e.token("priya@example.com", false)}
			sam := who{bearer: e.token("sam@example.com", false)}
			vic := who{bearer: e.token("vic@example.com", false)}
			out := who{bearer: e.token("out@example.com", false)}
			ro := who{bearer: e.token("priya@example.com", true)}
			e.must(201, owner, "POST", "/api/v1/projects", `{"key":"COM","name":"Comments","start":"2027-01-04"}`)
			for email, role := range map[string]string{"priya@example.com": "member", "sam@example.com": "manager", "vic@example.com": "viewer"} {
				e.must(201, owner, "POST", "/api/v1/projects/COM/members", `{"email":"`+email+`","role":"`+role+`"}`)
			}
			task := itoa(num(e.must(201, owner, "POST", "/api/v1/projects/COM/tasks", `{"name":"Configure switches","duration":"4d"}`)["id"]))
			onTask := "/api/v1/projects/COM/comments?entity=task&id=" + task

			c := e.must(201, vic, "POST", onTask, `{"body":"@Priya Nair and @sam@example.com: is this late? cc @out@example.com @Oscar Outsider"}`)
			if ms, _ := json.Marshal(c["mentions"]); string(ms) != `[{"email":"priya@example.com","name":"Priya Nair"},{"email":"sam@example.com","name":"Sam Patel"}]` {
				t.Errorf("mentions %s", ms)
			}
			notes := func(as who) []any {
				return e.must(200, as, "GET", "/api/v1/notifications", "")["notifications"].([]any)
			}
			for _, as := range []who{priya, sam} {
				ns := notes(as)
				if len(ns) != 1 || !strings.Contains(ns[0].(map[string]any)["title"].(string), "Vic Viewer mentioned you on COM-1 Configure switches") ||
					ns[0].(map[string]any)["link"] != "/projects/COM/comments?entity=task&id="+task {
					t.Errorf("notifications %v", ns)
				}
			}
			if ns := notes(out); len(ns) != 0 {
				t.Errorf("a non-member was notified: %v", ns)
			}
			if ns := notes(owner); len(ns) != 0 {
				t.Errorf("the owner, not mentioned, was notified: %v", ns)
			}
			var jobs []domain.Job
			if err := e.st.View(ctx, func(tx store.Tx) (err error) { jobs, err = tx.Jobs(ctx, "mention:"); return err }); err != nil {
				t.Fatal(err)
			}
			if len(jobs) != 2 || !strings.Contains(jobs[0].Payload, `"to":"priya@example.com"`) {
				t.Errorf("mention e-mails queued %+v", jobs)
			}

			// Sam turns mention e-mails off: notified in the app, not mailed.
			e.must(200, sam, "PUT", "/api/v1/me/preferences", `{"mention_email":false}`)
			if p := e.must(200, sam, "GET", "/api/v1/me/preferences", ""); p["mention_email"] != false || p["daily_digest"] != false {
				t.Errorf("preferences %v", p)
			}
			e.must(201, priya, "POST", onTask, `{"body":"@Sam Patel yes, by a day"}`)
			if err := e.st.View(ctx, func(tx store.Tx) (err error) { jobs, err = tx.Jobs(ctx, "mention:"); return err }); err != nil {
				t.Fatal(err)
			}
			if len(notes(sam)) != 2 || len(jobs) != 2 {
				t.Errorf("sam's notifications %d, e-mails queued %d; want 2 and still 2", len(notes(sam)), len(jobs))
			}
			if r := e.must(200, sam, "POST", "/api/v1/notifications/read", `{}`); num(r["marked"]) != 2 {
				t.Errorf("marked %v", r)
			}
			if ns := notes(sam); ns[0].(map[string]any)["read_at"] == nil {
				t.Errorf("not read: %v", ns)
			}

			// A draft report: the member mentioned cannot see it, so is not told.
			rep := itoa(num(e.must(201, owner, "POST", "/api/v1/projects/COM/reports", `{"period_end":"2027-01-08"}`)["id"]))
			onReport := "/api/v1/projects/COM/comments?entity=report&id=" + rep
			d := e.must(201, owner, "POST", onReport, `{"body":"@Priya Nair @Sam Patel please check before I publish"}`)
			if ms, _ := json.Marshal(d["mentions"]); string(ms) != `[{"email":"sam@example.com","name":"Sam Patel"}]` {
				t.Errorf("mentions on a draft %s", ms)
			}
			if r := e.do(priya, "GET", onReport, ""); r.status != 404 {
				t.Errorf("a member reads a draft's comments: %d", r.status)
			}

			// Permissions.
			if r := e.do(ro, "POST", onTask, `{"body":"read-only"}`); r.status != 403 {
				t.Errorf("read-only token comments: %d", r.status)
			}
			if r := e.do(out, "POST", onTask, `{"body":"outsider"}`); r.status != 404 {
				t.Errorf("non-member comments: %d", r.status)
			}
			id := itoa(num(c["id"]))
			if r := e.do(priya, "DELETE", "/api/v1/projects/COM/comments/"+id, ""); r.status != 403 {
				t.Errorf("a member deletes another's comment: %d", r.status)
			}
			e.must(204, sam, "DELETE", "/api/v1/projects/COM/comments/"+id, "")
			if ns := notes(priya); len(ns) != 0 {
				t.Errorf("notifications of a deleted comment stay: %v", ns)
			}
			list := e.must(200, vic, "GET", onTask, "")["comments"].([]any)
			if len(list) != 1 || list[0].(map[string]any)["author_name"] != "Priya Nair" {
				t.Errorf("comments %v", list)
			}
		})
	}
}
