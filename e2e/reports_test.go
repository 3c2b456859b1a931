package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TestBrowserReports: the PM drafts this week's report from the Reports
// tab, is told that an override needs a justification, overrides the
// schedule with one, meets the conflict dialog when someone else saved
// the draft first, and publishes; a viewer then sees the published
// report read-only, with its glossary links working, and never the PM's
// next draft.
func TestBrowserReports(t *testing.T) {
	e := newEnv(t)
	e.user("sam.patel@harbourside.example", "Sam Patel", "owner", false)
	e.user("vic.viewer@harbourside.example", "Vic Viewer", "viewer", false)

	sam := e.tab()
	e.login(sam, "sam.patel@harbourside.example")
	e.open(sam, "/projects/NET/reports")
	e.checkLabels(sam, "reports")
	e.do(sam, "draft this week's report", chromedp.Click(`#draft-form button[type=submit]`))
	e.waitFor(sam, "the draft's page", `!!document.getElementById('report-form') && document.readyState === 'complete' && !!window.cairn`)
	id := eval[string](e, sam, `document.getElementById('report-form').dataset.id`)
	e.checkLabels(sam, "report draft")
	e.checkContrast(sam, "report draft")

	// An override without a justification is stopped before it is sent.
	eval[bool](e, sam, `(() => { document.getElementById('rp-level-schedule').value = 'red'; return true; })()`)
	e.do(sam, "save without a justification", chromedp.Click(`#report-form button[type=submit]`))
	e.waitFor(sam, "the justification message", `!document.getElementById('report-form-error').hidden &&
		document.getElementById('report-form-error').textContent.includes('justification')`)

	e.fill(sam, "#rp-why-schedule", "The switch supplier confirmed a two-week delay")
	e.fill(sam, "#rp-summary", "Switch delivery slips two weeks; the pilot moves with it.")
	e.fill(sam, "#rp-decisions", "Approve a second supplier?")
	e.do(sam, "save the draft", chromedp.Click(`#report-form button[type=submit]`))
	e.waitFor(sam, "the saved override in the report", `document.querySelector('.report-doc') &&
		document.querySelector('.report-doc').textContent.includes('The switch supplier confirmed a two-week delay') &&
		document.querySelector('.report-doc').textContent.includes('Approve a second supplier?') &&
		document.getElementById('rp-level-schedule').value === 'red'`)

	// Someone else edits the draft: this page's save is refused and says so.
	ctx := app.WithActor(context.Background(), "cli")
	rid := int64(0)
	for _, c := range id {
		rid = rid*10 + int64(c-'0')
	}
	summary := "Edited elsewhere."
	if _, err := e.app.EditReport(ctx, "NET", rid, 0, app.ReportEdit{Summary: &summary}); err != nil {
		t.Fatal(err)
	}
	e.fill(sam, "#rp-summary", "My version.")
	e.do(sam, "save a stale draft", chromedp.Click(`#report-form button[type=submit]`))
	e.waitFor(sam, "the conflict dialog", `!document.getElementById('conflict').hidden &&
		document.getElementById('conflict-text').textContent.includes('changed by someone else')`)
	e.open(sam, "/projects/NET/reports/"+id)
	e.do(sam, "publish", chromedp.Click(`#publish`))
	e.waitFor(sam, "the published report", `!document.getElementById('report-form') &&
		document.getElementById('report-state').textContent.includes('Published')`)
	if s := eval[string](e, sam, `document.getElementById('diff-h').parentElement.textContent`); !strings.Contains(s, "first published report") {
		t.Errorf("the first report's diff section says %q", s)
	}
	e.screenshot(sam, "report")

	// The PM's next draft stays theirs.
	e.open(sam, "/projects/NET/reports")
	e.do(sam, "draft another report", chromedp.Click(`#draft-form button[type=submit]`))
	e.waitFor(sam, "the second draft", `!!document.getElementById('report-form') && document.getElementById('report-form').dataset.id !== '`+id+`'`)

	vic := e.incognito()
	e.login(vic, "vic.viewer@harbourside.example")
	e.open(vic, "/projects/NET/reports")
	if n := eval[int](e, vic, `document.querySelectorAll('table.reports tbody tr').length`); n != 1 {
		t.Errorf("the viewer sees %d reports, want the published one alone", n)
	}
	if eval[bool](e, vic, `!!document.getElementById('draft-form')`) {
		t.Error("the viewer is offered to draft a report")
	}
	e.do(vic, "open the published report", chromedp.Click(`table.reports tbody a`))
	e.waitFor(vic, "the report, read-only", `!!document.querySelector('.report-doc') && !document.getElementById('report-form') &&
		document.querySelector('.report-doc').textContent.includes('Edited elsewhere.') &&
		document.querySelector('.report-doc').textContent.includes('The switch supplier confirmed a two-week delay')`)
	e.checkContrast(vic, "report (viewer)")
	e.do(vic, "click a glossary term", chromedp.Click(`.report-doc a.term`))
	e.waitFor(vic, "the term's explanation", `location.hash.startsWith('#g-') && !!document.querySelector(location.hash) &&
		document.querySelector(location.hash).matches('.report-doc dt')`)

	// The viewer asks the PM about it; the mention notifies Sam.
	e.checkLabels(vic, "report (viewer)")
	e.fill(vic, "#comment-body", "@Sam Patel why is the schedule red?")
	e.do(vic, "post a comment", chromedp.Click(`#comment-form button[type=submit]`))
	e.waitFor(vic, "the comment", `!!document.querySelector('.comment-list') &&
		document.querySelector('.comment-list').textContent.includes('why is the schedule red?') &&
		document.querySelector('.comment-list').textContent.includes('told Sam Patel')`)
	sctx := app.WithPrincipal(ctx, app.Principal{User: e.userByEmail("sam.patel@harbourside.example")})
	ns, err := e.app.Notifications(sctx)
	if err != nil || len(ns) != 1 || !strings.Contains(ns[0].Title, "Vic Viewer mentioned you") {
		t.Errorf("Sam's notifications %+v, %v", ns, err)
	}

	// Sam sees it on My work, follows it to the report, and marks it read.
	e.open(sam, "/")
	e.waitFor(sam, "the notification", `!!document.querySelector('#notifications a') &&
		document.querySelector('#notifications').textContent.includes('Vic Viewer mentioned you')`)
	if href := eval[string](e, sam, `document.querySelector('#notifications a').getAttribute('href')`); href != "/projects/NET/reports/"+id {
		t.Errorf("the notification links to %q", href)
	}
	e.checkLabels(sam, "my work")
	e.do(sam, "mark all read", chromedp.Click(`#notes-read`))
	e.waitFor(sam, "no unread notifications", `!document.getElementById('notifications')`)
	if ns, err := e.app.Notifications(sctx); err != nil || len(ns) != 1 || ns[0].ReadAt.IsZero() {
		t.Errorf("after marking read: %+v, %v", ns, err)
	}

	e.do(sam, "turn the daily digest on", chromedp.Click(`#prefs-form input[name=daily_digest]`))
	e.waitFor(sam, "the preference saved", `document.getElementById('flash').textContent.includes('Saved your preferences')`)
	if p, err := e.app.Preferences(sctx); err != nil || !p.DailyDigest || !p.MentionEmail {
		t.Errorf("preferences %+v, %v; want the digest on and mention e-mails still on", p, err)
	}

	// The Activity tab tells the story in words.
	e.open(sam, "/projects/NET/activity")
	for _, want := range []string{"Sam Patel published the status report of", "to schedule red (“The switch supplier confirmed a two-week delay”)", "Vic Viewer commented on", "why is the schedule red?"} {
		if s := eval[string](e, sam, `document.querySelector('.activity').textContent`); !strings.Contains(s, want) {
			t.Errorf("the activity feed lacks %q:\n%.600s", want, s)
		}
	}
	e.checkContrast(sam, "activity")
	e.screenshot(sam, "activity")

	// Tasks have their discussion too; the mention links to it.
	_, tasks, err := e.app.Tasks(ctx, "NET", store.Page{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/projects/NET/comments?entity=task&id=%d", tasks[2].ID)
	e.open(vic, page)
	e.checkLabels(vic, "task comments")
	e.fill(vic, "#comment-body", "@sam.patel@harbourside.example is this task late?")
	e.do(vic, "comment on a task", chromedp.Click(`#comment-form button[type=submit]`))
	e.waitFor(vic, "the task's comment", `!!document.querySelector('.comment-list') &&
		document.querySelector('.comment-list').textContent.includes('is this task late?')`)
	e.open(sam, "/")
	e.waitFor(sam, "the task mention", `!!document.querySelector('#notifications a')`)
	if href := eval[string](e, sam, `document.querySelector('#notifications a').getAttribute('href')`); href != page {
		t.Errorf("the task mention links to %q, want %q", href, page)
	}
}

// userByEmail reads an account.
func (e *env) userByEmail(email string) domain.User {
	e.t.Helper()
	us, err := e.app.Users(context.Background(), store.Page{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, u := range us {
		if u.Email == email {
			return u
		}
	}
	e.t.Fatalf("no user %s", email)
	return domain.User{}
}
