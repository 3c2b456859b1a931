package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// barX is the left edge of a task's bar in the Gantt chart, in chart px.
func barX(e *env, ctx context.Context, id int64) float64 {
	return eval[float64](e, ctx, fmt.Sprintf(`Number(document.querySelector('#plan-body g[data-task="%d"] rect.bar').getAttribute('x'))`, id))
}

// rowID is the database ID of the task in the row numbered uid.
func rowID(e *env, ctx context.Context, uid int) int64 {
	return int64(eval[float64](e, ctx, fmt.Sprintf(`Number(document.querySelector('#plan-table tr[data-uid="%d"]').dataset.id)`, uid)))
}

// cell is the selector of an editable cell of the row numbered uid.
func cell(uid int, field string) string {
	return fmt.Sprintf(`#plan-table tr[data-uid="%d"] [data-field="%s"]`, uid, field)
}

// TestBrowserPlan signs in, starts a project from the Portfolio page,
// adds tasks, links two by typing "1FS+2d" and sees the successor move in
// the Gantt chart, sees and hides the critical path, links by dragging
// between bars, moves a bar, edits with Enter and indents with the
// keyboard.
func TestBrowserPlan(t *testing.T) {
	e := newEnv(t)
	e.user("pat@example.com", "Pat Manager", "", false)
	ctx := e.tab()
	e.login(ctx, "pat@example.com")

	e.open(ctx, "/portfolio")
	e.checkLabels(ctx, "portfolio")
	e.do(ctx, "fill the new project form",
		chromedp.SendKeys("#np-name", "Data centre move"),
		chromedp.SendKeys("#np-key", "dcm"),
		chromedp.SetValue("#np-start", "2027-03-01"),
		chromedp.Click(`#new-project button[type=submit]`),
	)
	e.waitFor(ctx, "the new project's plan", `location.pathname === '/projects/DCM/plan' && !!window.cairnPlan`)

	for i, task := range [][2]string{{"Pack servers", "3d"}, {"Move racks", "2d"}, {"Unpack and test", "2d"}} {
		e.do(ctx, "add "+task[0],
			chromedp.SetValue("#new-task-duration", task[1]),
			chromedp.SendKeys("#new-task-name", task[0]+kb.Enter))
		e.waitFor(ctx, task[0]+" in the table", fmt.Sprintf(`document.querySelectorAll('#plan-table tbody tr').length === %d`, i+1))
	}
	e.checkLabels(ctx, "plan")
	pack, move, unpack := rowID(e, ctx, 1), rowID(e, ctx, 2), rowID(e, ctx, 3)
	before := barX(e, ctx, move)
	if !near(before, barX(e, ctx, pack)) {
		t.Fatalf("unlinked tasks should start together: %v and %v", barX(e, ctx, pack), before)
	}

	// Link by typing: Move racks after Pack servers, with two days' lag.
	e.do(ctx, "type a predecessor", chromedp.SendKeys(cell(2, "predecessors"), "1FS+2d"+kb.Enter))
	e.waitFor(ctx, "the link in the row", `JSON.parse(document.querySelector('#plan-table tr[data-uid="2"]').dataset.preds).length === 1`)
	px := eval[float64](e, ctx, `Number(document.querySelector('#plan-body svg').dataset.pxPerDay)`)
	after := barX(e, ctx, move)
	// Pack servers takes Mon 1 to Wed 3 March; two working days of lag
	// put Move racks on Mon 8 March: seven days later.
	if !near(after-before, 7*px) {
		t.Errorf("the successor's bar moved %.1f px, want 7 days (%.1f px)", after-before, 7*px)
	}
	if got := eval[string](e, ctx, `document.querySelector('#plan-table tr[data-uid="2"] [data-field=start]').value`); got != "2027-03-08" {
		t.Errorf("Move racks starts %s in the table, want 2027-03-08", got)
	}
	_, deps, err := e.app.Dependencies(context.Background(), "DCM", store.Page{})
	if err != nil || len(deps) != 1 || deps[0].Predecessor != pack || deps[0].Lag.Minutes != 2*480 {
		t.Fatalf("stored links %+v, %v", deps, err)
	}

	// The critical path: the linked chain is red, the free task is not.
	for id, want := range map[int64]bool{pack: true, move: true, unpack: false} {
		got := eval[bool](e, ctx, fmt.Sprintf(`!!document.querySelector('#plan-body g.critical[data-task="%d"]')`, id))
		if got != want {
			t.Errorf("task %d: critical in the chart %v, want %v", id, got, want)
		}
	}
	e.do(ctx, "hide the critical path", chromedp.Click(`#plan-toggles input[name=critical][type=checkbox]`))
	e.waitFor(ctx, "no critical bars", `!document.querySelector('#plan-body g.critical')`)
	e.do(ctx, "show the critical path", chromedp.Click(`#plan-toggles input[name=critical][type=checkbox]`))
	e.waitFor(ctx, "critical bars again", `!!document.querySelector('#plan-body g.critical')`)

	// Link by dragging from Move racks' handle onto Unpack and test.
	e.center(ctx, fmt.Sprintf(`#plan-body g[data-task="%d"] circle.link-handle`, move))
	from := e.at(ctx, fmt.Sprintf(`#plan-body g[data-task="%d"] circle.link-handle`, move))
	to := e.at(ctx, fmt.Sprintf(`#plan-body g[data-task="%d"] rect.bar`, unpack))
	e.drag(ctx, from, to)
	e.waitFor(ctx, "the dragged link", fmt.Sprintf(`document.querySelector(%q).value === '2'`, cell(3, "predecessors")))
	if x := barX(e, ctx, unpack); !(x > barX(e, ctx, move)) {
		t.Errorf("Unpack and test (x %.1f) should now follow Move racks (x %.1f)", x, barX(e, ctx, move))
	}

	// Drag Pack servers a week later: it gets a start-no-earlier-than
	// constraint, and its successors follow.
	if got := eval[string](e, ctx, `document.querySelector('#plan-table tr[data-uid="2"]').dataset.start`); got != "2027-03-08T08:00:00" {
		t.Fatalf("Move racks starts %s before the drag", got)
	}
	bar := e.center(ctx, fmt.Sprintf(`#plan-body g[data-task="%d"] rect.bar`, pack))
	e.drag(ctx, point{bar.X - 4, bar.Y}, point{bar.X - 4 + 7*px, bar.Y})
	e.waitFor(ctx, "Pack servers moved", fmt.Sprintf(`document.querySelector(%q).value === '2027-03-08'`, cell(1, "start")))
	if k := e.task("DCM", pack); k.Constraint != domain.SNET || k.ConstraintDate.Format("2006-01-02") != "2027-03-08" {
		t.Errorf("after the drag Pack servers has %s %v, want SNET 2027-03-08", k.Constraint, k.ConstraintDate)
	}
	if got := eval[string](e, ctx, `document.querySelector('#plan-table tr[data-uid="2"]').dataset.start`); got != "2027-03-15T08:00:00" {
		t.Errorf("Move racks starts %s after its predecessor moved a week, want 2027-03-15T08:00:00", got)
	}

	// Drag the end of Unpack and test (Wed 17 to Thu 18 March) four days
	// later, to Monday: two working days more.
	end := e.center(ctx, fmt.Sprintf(`#plan-body g[data-task="%d"] rect.bar`, unpack))
	w := eval[float64](e, ctx, fmt.Sprintf(`document.querySelector('#plan-body g[data-task="%d"] rect.bar').getBoundingClientRect().width`, unpack))
	e.drag(ctx, point{end.X + w/2 - 2, end.Y}, point{end.X + w/2 - 2 + 4*px, end.Y})
	e.waitFor(ctx, "Unpack and test longer", fmt.Sprintf(`document.querySelector(%q).value === '4d'`, cell(3, "duration")))

	// Enter saves a cell and moves down.
	e.fill(ctx, cell(1, "duration"), "4d")
	e.press(ctx, kb.Enter)
	e.waitFor(ctx, "focus one row down", fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, cell(2, "duration")))
	e.waitFor(ctx, "the duration saved", fmt.Sprintf(`document.querySelector(%q).defaultValue === '4d'`, cell(1, "duration")))
	if k := e.task("DCM", pack); k.Duration.Minutes != 4*480 {
		t.Errorf("duration %v, want 4d", k.Duration)
	}

	// Tab moves across the row, in reading order; Esc undoes the cell.
	e.do(ctx, "focus a name", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).focus()`, cell(1, "name"))))
	for _, next := range []string{"duration", "start", "finish", "percent_complete", "predecessors"} {
		e.press(ctx, kb.Tab)
		e.waitFor(ctx, "Tab to "+next, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, cell(1, next)))
	}
	e.fill(ctx, cell(1, "duration"), "9d")
	e.press(ctx, kb.Escape)
	if got := eval[string](e, ctx, fmt.Sprintf(`document.querySelector(%q).value`, cell(1, "duration"))); got != "4d" {
		t.Errorf("Esc left the duration at %q, want 4d", got)
	}

	// Alt+Shift+→ indents a new task under the one above; ← outdents.
	e.do(ctx, "add a fourth task", chromedp.SendKeys("#new-task-name", "Label the cables"+kb.Enter))
	e.waitFor(ctx, "the fourth row", `document.querySelectorAll('#plan-table tbody tr').length === 4`)
	label := rowID(e, ctx, 4)
	e.do(ctx, "focus to indent", chromedp.Evaluate[chromedp.Void](`document.querySelector('#plan-table tr[data-uid="4"] [data-field=name]').focus()`))
	e.press(ctx, kb.ArrowRight, chromedp.ModifierAlt, chromedp.ModifierShift)
	e.waitFor(ctx, "the indented row", `document.querySelector('#plan-table tr[data-uid="4"]').dataset.parent !== '0'`)
	if k := e.task("DCM", label); k.Parent != unpack {
		t.Errorf("after indenting, the parent is %d, want %d (the task above)", k.Parent, unpack)
	}
	if got := eval[string](e, ctx, `document.querySelector('#plan-table tr[data-uid="4"] .outline').textContent`); got != "3.1" {
		t.Errorf("the indented task's WBS is %q, want 3.1", got)
	}
	e.do(ctx, "focus to outdent", chromedp.Evaluate[chromedp.Void](`document.querySelector('#plan-table tr[data-uid="4"] [data-field=name]').focus()`))
	e.press(ctx, kb.ArrowLeft, chromedp.ModifierAlt, chromedp.ModifierShift)
	e.waitFor(ctx, "the outdented row", `document.querySelector('#plan-table tr[data-uid="4"]').dataset.parent === '0'`)
	e.screenshot(ctx, "plan-new-project")

	// Import a plan file from the Portfolio page.
	file := filepath.Join(t.TempDir(), "lab.yaml")
	plan := "project:\n  key: LAB\n  name: Test lab\n  start: 2027-04-05\ntasks:\n  - id: order\n    name: Order kit\n    duration: 3d\n  - id: build\n    name: Build the lab\n    duration: 2d\n    after: order\n"
	if err := os.WriteFile(file, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	e.open(ctx, "/portfolio")
	e.do(ctx, "choose a plan file", chromedp.SetUploadFiles("#ip-file", []string{file}))
	e.waitFor(ctx, "the preview of what the import would create", `document.getElementById('ip-preview').textContent.includes('Would create Test lab (LAB): 2 tasks')`)
	e.do(ctx, "import it", chromedp.Click(`#import-plan button[type=submit]`))
	e.waitFor(ctx, "the imported project", `location.pathname === '/projects/LAB' && document.body.textContent.includes('Test lab')`)
}

// TestBrowserBoard drags cards between columns: the status is stored,
// and a column past its WIP limit shows a warning; the "Move to" list
// does the same from the keyboard.
func TestBrowserBoard(t *testing.T) {
	e := newEnv(t)
	e.user("lead@example.com", "Lee Lead", "manager", false)
	if _, err := e.app.UpdateProject(context.Background(), "NET", 0, func(p *domain.Project) error {
		p.WIPLimits = domain.WIPLimits{domain.StatusInProgress: 1}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ctx := e.tab()
	e.login(ctx, "lead@example.com")

	// Assign a second person on the plan: the card says so.
	e.open(ctx, "/projects/NET/plan")
	e.fill(ctx, cell(15, "assignees"), "Sam Patel, priya.nair@harbourside.example [50%]")
	e.press(ctx, kb.Enter)
	e.waitFor(ctx, "the assignees saved", fmt.Sprintf(`document.querySelector(%q).defaultValue === 'Sam Patel, Priya Nair [50%%]'`, cell(15, "assignees")))
	quotes := rowID(e, ctx, 15)
	plan, err := e.app.Plan(context.Background(), "NET")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range plan.Assignments {
		if a.Task == quotes {
			n++
		}
	}
	if n != 2 {
		t.Errorf("NET-15 has %d assignments after the edit, want 2", n)
	}

	e.open(ctx, "/projects/NET/board")
	if got := eval[string](e, ctx, fmt.Sprintf(`document.querySelector('#card-%d').textContent`, quotes)); !strings.Contains(got, "with Priya Nair") {
		t.Errorf("the card of NET-15 does not name Priya Nair: %q", got)
	}
	e.checkLabels(ctx, "board")

	moveFirst := func(what string) int64 {
		id := int64(eval[float64](e, ctx, `Number(document.querySelector('ul.cards[data-status=todo] li.card').dataset.id)`))
		lane := eval[string](e, ctx, fmt.Sprintf(`document.querySelector('#card-%d').closest('ul').dataset.lane`, id))
		e.center(ctx, fmt.Sprintf(`#card-%d`, id))
		from := e.at(ctx, fmt.Sprintf(`#card-%d .card-name`, id))
		to := e.at(ctx, fmt.Sprintf(`ul.cards[data-lane=%q][data-status=in_progress]`, lane))
		e.drag(ctx, from, to)
		e.waitFor(ctx, what, fmt.Sprintf(`(document.querySelector('#card-%d')||{}).dataset?.status === 'in_progress'`, id))
		return id
	}
	first := moveFirst("the first card in progress")
	if k := e.task("NET", first); k.WorkflowStatus() != domain.StatusInProgress {
		t.Fatalf("stored status %q, want in_progress", k.WorkflowStatus())
	}
	if eval[bool](e, ctx, `!!document.getElementById('wip-warning')`) {
		t.Error("one card in progress, limit 1: no warning expected")
	}
	moveFirst("the second card in progress")
	e.waitFor(ctx, "the WIP warning", `!!document.getElementById('wip-warning') && document.querySelector('#head-in_progress.over') !== null`)
	e.screenshot(ctx, "board-wip-warning")

	// From the keyboard: the card's "Move to" list.
	e.do(ctx, "move to done by the list", chromedp.SetValue(fmt.Sprintf(`select[data-move="%d"]`, first), "done"),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('select[data-move="%d"]').dispatchEvent(new Event('change', {bubbles: true}))`, first)))
	e.waitFor(ctx, "the card in done", fmt.Sprintf(`document.querySelector('#card-%d').dataset.status === 'done'`, first))
	if k := e.task("NET", first); k.Status != domain.StatusDone || k.PercentComplete != 100 {
		t.Errorf("after moving to done: %q at %d%%, want done at 100%%", k.Status, k.PercentComplete)
	}
}

// TestBrowserViewer signs in as a viewer: the same pages, with no edit
// controls, and the server refuses an edit sent anyway.
func TestBrowserViewer(t *testing.T) {
	e := newEnv(t)
	e.user("vera@example.com", "Vera Viewer", "viewer", false)
	ctx := e.tab()
	e.login(ctx, "vera@example.com")
	for _, page := range []struct{ path, controls string }{
		{"/projects/NET/plan", `[data-field], #new-task, #save-baseline, circle.link-handle`},
		{"/projects/NET/board", `select[data-move]`},
		{"/projects/NET/settings", `#member-add, #project-form button[type=submit], .member-remove, #calendar-form button, #add-holiday`},
	} {
		e.open(ctx, page.path)
		if n := eval[int](e, ctx, fmt.Sprintf(`document.querySelectorAll(%q).length`, page.controls)); n != 0 {
			t.Errorf("%s: a viewer sees %d edit controls (%s)", page.path, n, page.controls)
		}
		if !eval[bool](e, ctx, `!!document.querySelector('.readonly-note')`) {
			t.Errorf("%s does not say it is read only", page.path)
		}
		e.checkLabels(ctx, page.path)
	}
	if !eval[bool](e, ctx, `document.querySelector('#project-form fieldset').disabled`) {
		t.Error("the viewer's project details form is not disabled")
	}
	e.open(ctx, "/projects/NET/plan")
	e.screenshot(ctx, "plan-viewer")
	status := eval[int](e, ctx, `cairn.api('PATCH', '/api/v1/projects/NET/tasks/'+document.querySelector('#plan-table tr[data-id]').dataset.id, {name: 'Renamed'})
		.then(() => 200, err => err.status)`)
	if status != 403 {
		t.Errorf("a viewer's PATCH answered %d, want 403", status)
	}
	if !eval[bool](e, ctx, `document.getElementById('flash').textContent.includes('may not change its plan')`) {
		t.Errorf("the refusal is not explained: %q", eval[string](e, ctx, `document.getElementById('flash').textContent`))
	}
}

// TestBrowserEditConflict edits one plan from two tabs. A change saved in
// one shows up in the other at once; but when the other is in the middle
// of typing, its page is left alone, and its save, made on a stale
// version, ends in a clear message and a reload, not an overwrite.
func TestBrowserEditConflict(t *testing.T) {
	e := newEnv(t)
	e.user("mia@example.com", "Mia Member", "member", false)
	a := e.tab()
	e.login(a, "mia@example.com")
	b := e.tab() // the same browser: the same session
	e.open(a, "/projects/NET/plan")
	e.open(b, "/projects/NET/plan")
	e.waitFor(b, "tab B's change stream", `document.documentElement.dataset.live === 'open'`)

	// Live: tab A renames NET-2; tab B, idle, shows it without a reload.
	e.fill(a, cell(2, "name"), "Kick-off with the whole team")
	e.press(a, kb.Enter)
	e.waitFor(a, "tab A saved", fmt.Sprintf(`document.querySelector(%q).defaultValue === 'Kick-off with the whole team'`, cell(2, "name")))
	e.waitFor(b, "tab B updated live", fmt.Sprintf(`document.querySelector(%q).value === 'Kick-off with the whole team'`, cell(2, "name")))

	// Conflict: tab B starts typing a new name for NET-3; tab A saves
	// another first.
	id := rowID(e, a, 3)
	e.fill(b, cell(3, "name"), "Charter, short version")
	e.fill(a, cell(3, "name"), "Charter and business case v2")
	e.press(a, kb.Enter)
	e.waitFor(a, "tab A saved NET-3", fmt.Sprintf(`document.querySelector(%q).defaultValue === 'Charter and business case v2'`, cell(3, "name")))
	e.waitFor(b, "tab B told its page is out of date", `!document.getElementById('live-notice').hidden`)
	if got := eval[string](e, b, fmt.Sprintf(`document.querySelector(%q).value`, cell(3, "name"))); got != "Charter, short version" {
		t.Fatalf("tab B's typing was replaced by %q", got)
	}
	e.do(b, "focus tab B's cell", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).focus()`, cell(3, "name"))))
	e.press(b, kb.Enter)
	e.waitFor(b, "the conflict message", `!document.getElementById('conflict').hidden`)
	msg := eval[string](e, b, `document.getElementById('conflict').textContent`)
	if !strings.Contains(msg, "changed by someone else") || !strings.Contains(msg, "NET-3") || !strings.Contains(msg, "not saved") {
		t.Errorf("conflict message %q does not say what happened", msg)
	}
	e.screenshot(b, "plan-edit-conflict")
	if k := e.task("NET", id); k.Name != "Charter and business case v2" {
		t.Fatalf("the stale tab overwrote the name: %q", k.Name)
	}
	e.do(b, "reload", chromedp.Click("#conflict-reload"))
	e.waitFor(b, "the other edit after reloading", fmt.Sprintf(`!!window.cairnPlan && document.querySelector(%q).value === 'Charter and business case v2'`, cell(3, "name")))
}

// TestBrowserPages opens every page as the demo project's manager, checks
// the form controls are labelled, and saves screenshots; narrow ones too.
func TestBrowserPages(t *testing.T) {
	e := newEnv(t)
	// What a newcomer sees first: `cairn serve --demo`, no accounts yet.
	first := e.tab()
	e.open(first, "/")
	e.waitFor(first, "the demo's card", `document.querySelector('.project-card') !== null && document.body.textContent.includes('no accounts yet')`)
	e.checkContrast(first, "first screen")
	e.screenshot(first, "first-screen")

	e.user("sam.patel@harbourside.example", "Sam Patel", "owner", false)
	showProgress(t, e)
	ctx := e.tab()
	e.login(ctx, "sam.patel@harbourside.example")
	pages := []struct{ name, path, ready string }{
		{"my-work", "/", `!!document.querySelector('#mine-h')`},
		{"portfolio", "/portfolio", `!!document.querySelector('.portfolio')`},
		{"overview", "/projects/NET", `!!document.querySelector('.summary-band')`},
		{"plan", "/projects/NET/plan?baseline=0", `!!document.querySelector('#plan-body svg .base')`},
		{"board", "/projects/NET/board", `!!document.querySelector('.board')`},
		{"resources", "/projects/NET/resources", `!!document.querySelector('svg.hist')`},
		{"settings", "/projects/NET/settings", `!!document.querySelector('#members')`},
	}
	for _, p := range pages {
		e.open(ctx, p.path)
		e.waitFor(ctx, p.name, p.ready)
		e.checkLabels(ctx, p.name)
		e.checkContrast(ctx, p.name)
		e.screenshot(ctx, p.name)
	}
	if n := eval[int](e, ctx, `document.querySelectorAll('#members tbody tr').length`); n < 1 {
		t.Errorf("settings lists %d members", n)
	}

	// Settings: add a member, change their role, set a WIP limit.
	e.user("newbie@example.com", "Nia Newbie", "", false)
	e.fill(ctx, "#mem-email", "newbie@example.com")
	e.do(ctx, "add a member", chromedp.Click(`#member-add button[type=submit]`))
	e.waitFor(ctx, "the new member's row, after the reload", `document.readyState === 'complete' && !!document.querySelector('#members tr[data-email="newbie@example.com"]')`)
	e.do(ctx, "make them a viewer", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#members tr[data-email="newbie@example.com"] select');
		s.value = 'viewer'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	e.waitFor(ctx, "the role changed", `document.getElementById('flash').textContent.includes('is now viewer')`)
	e.fill(ctx, "#wip-in_progress", "3")
	e.do(ctx, "save the WIP limits", chromedp.Click(`#wip-form button[type=submit]`))
	e.waitFor(ctx, "the limits saved", `document.getElementById('flash').textContent.includes('WIP limits')`)
	if p, err := e.app.Project(context.Background(), "NET"); err != nil || p.WIPLimits[domain.StatusInProgress] != 3 {
		t.Errorf("WIP limits after saving: %v, %v", p.WIPLimits, err)
	}
	// A holiday on a day of the critical path moves the finish.
	_, before, err := e.app.Schedule(context.Background(), "NET")
	if err != nil {
		t.Fatal(err)
	}
	e.do(ctx, "add a holiday row", chromedp.Click("#add-holiday"))
	e.fill(ctx, "#holidays tbody tr:last-child input[name=name]", "Office move")
	e.fill(ctx, "#holidays tbody tr:last-child input[name=from]", "2027-03-22") // staging starts that day
	e.do(ctx, "save the calendar", chromedp.Click(`#calendar-form button[type=submit]`))
	e.waitFor(ctx, "the calendar saved", `document.getElementById('flash').textContent.includes('Saved the calendar')`)
	e.checkLabels(ctx, "settings with a new holiday row")
	_, after, err := e.app.Schedule(context.Background(), "NET")
	if err != nil {
		t.Fatal(err)
	}
	if !after.Finish.After(before.Finish) {
		t.Errorf("a holiday on the critical path left the finish at %v (was %v)", after.Finish, before.Finish)
	}

	ms, err := e.app.Members(context.Background(), "NET")
	if err != nil || !slices.ContainsFunc(ms, func(m domain.Membership) bool { return m.Email == "newbie@example.com" && m.Role == domain.RoleViewer }) {
		t.Errorf("members after the edits: %+v, %v", ms, err)
	}

	// Portfolio: filter and sort without reloading.
	if _, err := e.app.CreateProject(context.Background(), domain.Project{Key: "OPS", Name: "Server refresh", Start: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.AddMember(context.Background(), "OPS", "sam.patel@harbourside.example", domain.RoleOwner); err != nil {
		t.Fatal(err)
	}
	e.open(ctx, "/portfolio")
	e.waitFor(ctx, "two projects", `document.querySelectorAll('.portfolio tbody tr').length === 2`)
	e.do(ctx, "filter", chromedp.SendKeys("#pf-q", "refresh"))
	e.waitFor(ctx, "one project left", `document.querySelectorAll('.portfolio tbody tr').length === 1 && document.querySelector('.portfolio tbody').textContent.includes('OPS')`)
	e.do(ctx, "sort by health", chromedp.Click(`.portfolio thead th:nth-child(2) a`))
	e.waitFor(ctx, "sorted by health", `document.querySelector('.portfolio thead th:nth-child(2)').getAttribute('aria-sort') === 'ascending' && location.search.includes('sort=health')`)
	e.open(ctx, "/")
	if !eval[bool](e, ctx, `document.querySelector('#mine-h').parentElement.textContent.includes('NET-')`) {
		t.Error("My work lists none of Sam's tasks")
	}
	e.do(ctx, "narrow screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1)))
	for _, p := range []struct{ name, path string }{{"narrow-plan", "/projects/NET/plan"}, {"narrow-board", "/projects/NET/board"}} {
		e.open(ctx, p.path)
		if w := eval[float64](e, ctx, `document.documentElement.scrollWidth`); w > 420 {
			t.Errorf("%s: the page is %v px wide on a 390 px screen", p.path, w)
		}
		e.screenshot(ctx, p.name)
	}
}

// showProgress gives the demo a baseline and some progress, as a project
// a couple of weeks in: the first phase done, the survey under way, and a
// critical task two days longer than planned, so the finish slips.
func showProgress(t *testing.T, e *env) {
	ctx := context.Background()
	if _, err := e.app.SaveBaseline(ctx, "NET", 0); err != nil {
		t.Fatal(err)
	}
	_, ts, err := e.app.Tasks(ctx, "NET", store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	progress := map[string]int{"Project kick-off": 100, "Project charter and business case": 100,
		"Stakeholder and communications plan": 100, "Charter approved": 100, "Site survey, all floors": 60,
		"Audit of the current network": 40, "Configure core switches": 0}
	for _, k := range ts {
		pct, ok := progress[k.Name]
		if !ok {
			continue
		}
		_, err := e.app.UpdateTask(ctx, "NET", k.ID, 0, func(_ domain.Project, k *domain.Task) error {
			k.SetPercentComplete(pct)
			if k.Name == "Configure core switches" { // found to need two more days
				k.Duration.Minutes += 2 * 480
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.app.UpdateProject(ctx, "NET", 0, func(p *domain.Project) error {
		p.StatusDate, err = domain.ParseDate("2027-01-13")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
