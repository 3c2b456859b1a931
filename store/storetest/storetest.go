// Package storetest is the conformance suite every store.Store backend
// must pass. A backend's test calls Run with a function that opens a fresh,
// empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Opener returns a new, empty store for one test.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"ProjectRoundTrip", testProjectRoundTrip},
		{"ProjectDuplicateKey", testProjectDuplicateKey},
		{"ProjectNotFound", testProjectNotFound},
		{"ProjectVersion", testProjectVersion},
		{"ProjectsPagination", testProjectsPagination},
		{"ProjectDeleteCascades", testProjectDeleteCascades},
		{"WIPLimits", testWIPLimits},
		{"TaskRoundTrip", testTaskRoundTrip},
		{"TaskUIDs", testTaskUIDs},
		{"TaskVersion", testTaskVersion},
		{"TaskDeleteSubtree", testTaskDeleteSubtree},
		{"TaskOtherProject", testTaskOtherProject},
		{"DuplicateRef", testDuplicateRef},
		{"DependencyRoundTrip", testDependencyRoundTrip},
		{"DependencyUnknownTask", testDependencyUnknownTask},
		{"CalendarRoundTrip", testCalendarRoundTrip},
		{"ResourcesAndAssignments", testResourcesAndAssignments},
		{"Baselines", testBaselines},
		{"Costs", testCosts},
		{"TimeEntries", testTimeEntries},
		{"ExpensesAndBudgets", testExpensesAndBudgets},
		{"Audit", testAudit},
		{"SiteAudit", testSiteAudit},
		{"Restamp", testRestamp},
		{"Rollback", testRollback},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
		{"LoginFailures", testLoginFailures},
		{"Memberships", testMemberships},
		{"Feeds", testFeeds},
		{"Subscribe", testSubscribe},
		{"Reports", testReports},
		{"Risks", testRisks},
		{"RiskMatrix", testRiskMatrix},
		{"EstimatesAndGroups", testEstimatesAndGroups},
		{"Stakeholders", testStakeholders},
		{"Jobs", testJobs},
		{"Notifications", testNotifications},
		{"Comments", testComments},
		{"NotificationsRead", testNotificationsRead},
		{"Preferences", testPreferences},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

var start = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

// NewProject returns a valid project with the given key.
func NewProject(key string) domain.Project {
	p := domain.Project{Key: key, Name: "Project " + key, Start: start, TimeZone: "Europe/London", Currency: "GBP"}
	p.Normalize()
	return p
}

func update(t *testing.T, s store.Store, fn func(store.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func view(t *testing.T, s store.Store, fn func(store.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), fn); err != nil {
		t.Fatalf("view: %v", err)
	}
}

func createProject(t *testing.T, s store.Store, key string) domain.Project {
	t.Helper()
	p := NewProject(key)
	update(t, s, func(tx store.Tx) error { return tx.CreateProject(context.Background(), &p) })
	return p
}

func createTask(t *testing.T, s store.Store, k *domain.Task) {
	t.Helper()
	k.Normalize()
	update(t, s, func(tx store.Tx) error { return tx.CreateTask(context.Background(), k) })
}

func wantKind(t *testing.T, err error, kind domain.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", kind)
	}
	if got := domain.ErrorKind(err); got != kind {
		t.Fatalf("got %s (%v), want %s", got, err, kind)
	}
}

func testProjectRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := NewProject("NET")
	p.Description, p.Sponsor, p.Budget = "Replace the core switches", "CIO", 18000000
	p.StatusDate = time.Date(2027, 2, 1, 17, 0, 0, 0, time.UTC)
	update(t, s, func(tx store.Tx) error { return tx.CreateProject(ctx, &p) })
	if p.ID == 0 || p.Version != 1 {
		t.Fatalf("create set ID %d version %d", p.ID, p.Version)
	}
	var got domain.Project
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Project(ctx, "NET"); return err })
	if got.Name != p.Name || got.Budget != p.Budget || !got.Start.Equal(p.Start) || !got.StatusDate.Equal(p.StatusDate) ||
		got.Units != p.Units || got.Sponsor != "CIO" || got.TimeZone != "Europe/London" {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, p)
	}
	if !got.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("created at %v, want %v", got.CreatedAt, p.CreatedAt)
	}
}

// testWIPLimits stores a project's board limits and changes them.
func testWIPLimits(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := NewProject("NET")
	p.WIPLimits = domain.WIPLimits{domain.StatusInProgress: 3, domain.StatusReview: 2}
	update(t, s, func(tx store.Tx) error { return tx.CreateProject(ctx, &p) })
	var got domain.Project
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Project(ctx, "NET"); return err })
	if got.WIPLimits.String() != "in_progress=3,review=2" {
		t.Fatalf("created with limits %q, want in_progress=3,review=2", got.WIPLimits)
	}
	got.WIPLimits = domain.WIPLimits{domain.StatusTodo: 10}
	update(t, s, func(tx store.Tx) error { return tx.UpdateProject(ctx, &got) })
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Project(ctx, "NET"); return err })
	if got.WIPLimits.String() != "todo=10" {
		t.Fatalf("updated limits %q, want todo=10", got.WIPLimits)
	}
}

func testProjectDuplicateKey(t *testing.T, s store.Store) {
	createProject(t, s, "NET")
	p := NewProject("NET")
	err := s.Update(context.Background(), func(tx store.Tx) error { return tx.CreateProject(context.Background(), &p) })
	wantKind(t, err, domain.KindConflict)
}

func testProjectNotFound(t *testing.T, s store.Store) {
	err := s.View(context.Background(), func(tx store.Tx) error {
		_, err := tx.Project(context.Background(), "NOPE")
		return err
	})
	wantKind(t, err, domain.KindNotFound)
}

func testProjectVersion(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	stale := p
	p.Name = "Renamed"
	update(t, s, func(tx store.Tx) error { return tx.UpdateProject(ctx, &p) })
	if p.Version != 2 {
		t.Fatalf("version after update = %d, want 2", p.Version)
	}
	stale.Name = "Lost"
	err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateProject(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	var ve *store.VersionError
	if !errors.As(err, &ve) || ve.Current != 2 {
		t.Fatalf("stale write error %v does not carry current version 2", err)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteProject(ctx, p.ID, 1) })
	wantKind(t, err, domain.KindPreconditionFailed)
	// Version 0 means "no precondition": last writer wins.
	p.Version, p.Name = 0, "Forced"
	update(t, s, func(tx store.Tx) error { return tx.UpdateProject(ctx, &p) })
	if p.Version != 3 {
		t.Fatalf("version after unconditional update = %d, want 3", p.Version)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteProject(ctx, p.ID+100, 0) })
	wantKind(t, err, domain.KindNotFound)
}

func testProjectsPagination(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := range 5 {
		createProject(t, s, fmt.Sprintf("P%d", i))
	}
	var all []string
	var after int64
	for {
		var page []domain.Project
		view(t, s, func(tx store.Tx) (err error) {
			page, err = tx.Projects(ctx, store.Page{After: after, Limit: 2})
			return err
		})
		if len(page) == 0 {
			break
		}
		for _, p := range page {
			all = append(all, p.Key)
		}
		after = page[len(page)-1].ID
	}
	if fmt.Sprint(all) != "[P0 P1 P2 P3 P4]" {
		t.Fatalf("pages gave %v", all)
	}
}

func testProjectDeleteCascades(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a := domain.Task{ProjectID: p.ID, Name: "A"}
	b := domain.Task{ProjectID: p.ID, Name: "B"}
	createTask(t, s, &a)
	createTask(t, s, &b)
	update(t, s, func(tx store.Tx) error {
		return tx.CreateDependency(ctx, &domain.Dependency{ProjectID: p.ID, Predecessor: a.ID, Successor: b.ID, Type: domain.FS})
	})
	update(t, s, func(tx store.Tx) error { return tx.DeleteProject(ctx, p.ID, p.Version) })
	q := createProject(t, s, "NET") // the key is free again
	view(t, s, func(tx store.Tx) error {
		tasks, err := tx.Tasks(ctx, p.ID, store.Page{})
		if err != nil {
			return err
		}
		if len(tasks) != 0 {
			return fmt.Errorf("%d tasks survived their project", len(tasks))
		}
		deps, err := tx.Dependencies(ctx, p.ID, store.Page{})
		if len(deps) != 0 {
			return fmt.Errorf("%d dependencies survived their project", len(deps))
		}
		_ = q
		return err
	})
}

func testTaskRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	parent := domain.Task{ProjectID: p.ID, Name: "Design", Ref: "design"}
	createTask(t, s, &parent)
	k := domain.Task{
		ProjectID: p.ID, Name: "Site survey", Ref: "survey", Parent: parent.ID, Position: 3,
		Duration: domain.Duration{Minutes: 3 * 480}, Work: 24 * 60, Constraint: domain.SNET,
		ConstraintDate: start.Add(24 * time.Hour), Deadline: start.Add(240 * time.Hour), Priority: 700,
		PercentComplete: 40, Status: domain.StatusReview, ActualStart: start.Add(8 * time.Hour), Notes: "Bring the floor plans",
		Mode: domain.Auto, Kind: domain.KindTask,
	}
	createTask(t, s, &k)
	var got domain.Task
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Task(ctx, p.ID, k.ID); return err })
	k.CreatedAt, k.UpdatedAt = got.CreatedAt, got.UpdatedAt
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", k) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, k)
	}
	m := domain.Task{ProjectID: p.ID, Name: "Go live", Kind: domain.KindMilestone, Duration: domain.Duration{Minutes: 3, Elapsed: true}}
	createTask(t, s, &m)
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Task(ctx, p.ID, m.ID); return err })
	if got.Kind != domain.KindMilestone || got.Duration.Minutes != 0 {
		t.Fatalf("milestone came back as %+v", got)
	}
}

func testTaskUIDs(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	q := createProject(t, s, "OPS")
	a := domain.Task{ProjectID: p.ID, Name: "A"}
	createTask(t, s, &a)
	b := domain.Task{ProjectID: p.ID, Name: "B", UID: 40}
	createTask(t, s, &b)
	c := domain.Task{ProjectID: p.ID, Name: "C"}
	createTask(t, s, &c)
	d := domain.Task{ProjectID: q.ID, Name: "D"}
	createTask(t, s, &d)
	if a.UID != 1 || b.UID != 40 || c.UID != 41 || d.UID != 1 {
		t.Fatalf("uids %d %d %d %d, want 1 40 41 1", a.UID, b.UID, c.UID, d.UID)
	}
	dup := domain.Task{ProjectID: p.ID, Name: "Dup", UID: 40}
	dup.Normalize()
	err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateTask(ctx, &dup) })
	wantKind(t, err, domain.KindConflict)
}

func testTaskVersion(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	k := domain.Task{ProjectID: p.ID, Name: "A"}
	createTask(t, s, &k)
	stale := k
	k.Name = "A2"
	update(t, s, func(tx store.Tx) error { return tx.UpdateTask(ctx, &k) })
	stale.Name = "lost"
	err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateTask(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, k.ID, 1) })
	wantKind(t, err, domain.KindPreconditionFailed)
	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, k.ID, k.Version) })
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.Task(ctx, p.ID, k.ID); return err })
	wantKind(t, err, domain.KindNotFound)
}

func testTaskDeleteSubtree(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	root := domain.Task{ProjectID: p.ID, Name: "Phase"}
	createTask(t, s, &root)
	child := domain.Task{ProjectID: p.ID, Name: "Child", Parent: root.ID}
	createTask(t, s, &child)
	grand := domain.Task{ProjectID: p.ID, Name: "Grandchild", Parent: child.ID}
	createTask(t, s, &grand)
	other := domain.Task{ProjectID: p.ID, Name: "Other"}
	createTask(t, s, &other)
	update(t, s, func(tx store.Tx) error {
		return tx.CreateDependency(ctx, &domain.Dependency{ProjectID: p.ID, Predecessor: grand.ID, Successor: other.ID, Type: domain.FS})
	})
	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, root.ID, 0) })
	view(t, s, func(tx store.Tx) error {
		tasks, err := tx.Tasks(ctx, p.ID, store.Page{})
		if err != nil {
			return err
		}
		if len(tasks) != 1 || tasks[0].ID != other.ID {
			return fmt.Errorf("after deleting the phase, tasks are %+v", tasks)
		}
		deps, err := tx.Dependencies(ctx, p.ID, store.Page{})
		if err == nil && len(deps) != 0 {
			return fmt.Errorf("a link to a deleted task survived")
		}
		return err
	})
}

func testTaskOtherProject(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	q := createProject(t, s, "OPS")
	k := domain.Task{ProjectID: p.ID, Name: "A"}
	createTask(t, s, &k)
	err := s.View(ctx, func(tx store.Tx) error { _, err := tx.Task(ctx, q.ID, k.ID); return err })
	wantKind(t, err, domain.KindNotFound)
	err = s.Update(ctx, func(tx store.Tx) error { return tx.DeleteTask(ctx, q.ID, k.ID, 0) })
	wantKind(t, err, domain.KindNotFound)
}

func testDuplicateRef(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a := domain.Task{ProjectID: p.ID, Name: "A", Ref: "design"}
	createTask(t, s, &a)
	b := domain.Task{ProjectID: p.ID, Name: "B", Ref: "design"}
	b.Normalize()
	err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateTask(ctx, &b) })
	wantKind(t, err, domain.KindConflict)
	// Tasks without a ref do not collide.
	c := domain.Task{ProjectID: p.ID, Name: "C"}
	d := domain.Task{ProjectID: p.ID, Name: "D"}
	createTask(t, s, &c)
	createTask(t, s, &d)
}

func testDependencyRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a := domain.Task{ProjectID: p.ID, Name: "A"}
	b := domain.Task{ProjectID: p.ID, Name: "B"}
	createTask(t, s, &a)
	createTask(t, s, &b)
	lags := []domain.Lag{{Minutes: 960}, {Minutes: -480}, {Minutes: 2880, Elapsed: true}, {Percent: 50, IsPercent: true}}
	for i, lag := range lags {
		d := domain.Dependency{ProjectID: p.ID, Predecessor: a.ID, Successor: b.ID, Type: domain.SS, Lag: lag}
		update(t, s, func(tx store.Tx) error { return tx.CreateDependency(ctx, &d) })
		var got domain.Dependency
		view(t, s, func(tx store.Tx) (err error) { got, err = tx.Dependency(ctx, p.ID, d.ID); return err })
		if got != d {
			t.Fatalf("lag %d: got %+v, want %+v", i, got, d)
		}
		dup := d
		err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateDependency(ctx, &dup) })
		wantKind(t, err, domain.KindConflict)
		d.Type = domain.FF
		update(t, s, func(tx store.Tx) error { return tx.UpdateDependency(ctx, &d) })
		update(t, s, func(tx store.Tx) error { return tx.DeleteDependency(ctx, p.ID, d.ID, d.Version) })
	}
}

func testDependencyUnknownTask(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a := domain.Task{ProjectID: p.ID, Name: "A"}
	createTask(t, s, &a)
	d := domain.Dependency{ProjectID: p.ID, Predecessor: a.ID, Successor: a.ID + 999, Type: domain.FS}
	err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateDependency(ctx, &d) })
	wantKind(t, err, domain.KindInvalid)
}

func testCalendarRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	base := domain.Calendar{ProjectID: p.ID, Name: "Standard", Week: domain.StandardWeek(),
		Exceptions: []domain.Exception{
			{Name: "Good Friday", From: time.Date(2027, 3, 26, 0, 0, 0, 0, time.UTC)},
			{Name: "Cut-over", From: time.Date(2027, 3, 6, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 3, 7, 0, 0, 0, 0, time.UTC),
				Working: []domain.Interval{{Start: 480, End: 720}}},
		}}
	update(t, s, func(tx store.Tx) error { return tx.CreateCalendar(ctx, &base) })
	night := domain.Calendar{ProjectID: p.ID, Name: "Night", BaseID: base.ID}
	night.Week[1] = []domain.Interval{{Start: 1320, End: 1440}}
	update(t, s, func(tx store.Tx) error { return tx.CreateCalendar(ctx, &night) })
	p.CalendarID = base.ID
	update(t, s, func(tx store.Tx) error { return tx.UpdateProject(ctx, &p) })
	var cals []domain.Calendar
	view(t, s, func(tx store.Tx) (err error) { cals, err = tx.Calendars(ctx, p.ID); return err })
	if len(cals) != 2 {
		t.Fatalf("got %d calendars", len(cals))
	}
	if fmt.Sprintf("%+v", cals[0]) != fmt.Sprintf("%+v", base) || fmt.Sprintf("%+v", cals[1]) != fmt.Sprintf("%+v", night) {
		t.Fatalf("round trip:\n got %+v\nwant %+v / %+v", cals, base, night)
	}
	if cals[1].Week[0] != nil || cals[0].Week[0] == nil {
		t.Fatalf("nil (inherit) and empty (off) weekdays must stay distinct")
	}
	base.Exceptions = nil
	update(t, s, func(tx store.Tx) error { return tx.UpdateCalendar(ctx, &base) })
	dup := domain.Calendar{ProjectID: p.ID, Name: "Night"}
	err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateCalendar(ctx, &dup) })
	wantKind(t, err, domain.KindConflict)
}

func testResourcesAndAssignments(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	k := domain.Task{ProjectID: p.ID, Name: "Cabling"}
	createTask(t, s, &k)
	r := domain.Resource{ProjectID: p.ID, Name: "Alice", Ref: "alice", Kind: domain.Work, MaxUnits: 0.5,
		StandardRate: 8500, OvertimeRate: 12000, CostPerUse: 100, Email: "alice@example.com", Group: "Network",
		Availability: []domain.Availability{{From: start, To: start.AddDate(0, 0, 14), Units: 0.25}, {From: start.AddDate(0, 1, 0), Units: 1}}}
	update(t, s, func(tx store.Tx) error { return tx.CreateResource(ctx, &r) })
	a := domain.Assignment{ProjectID: p.ID, Task: k.ID, Resource: r.ID, Units: 0.5, Work: 960, OvertimeWork: 120, Contour: domain.BackLoaded}
	update(t, s, func(tx store.Tx) error { return tx.CreateAssignment(ctx, &a) })
	view(t, s, func(tx store.Tx) error {
		rs, err := tx.Resources(ctx, p.ID)
		if err != nil {
			return err
		}
		if len(rs) != 1 || !reflect.DeepEqual(rs[0], r) {
			return fmt.Errorf("resources %+v, want %+v", rs, r)
		}
		as, err := tx.Assignments(ctx, p.ID)
		if err != nil {
			return err
		}
		if len(as) != 1 || as[0] != a {
			return fmt.Errorf("assignments %+v, want %+v", as, a)
		}
		return nil
	})
	r.Name = "Alice M."
	update(t, s, func(tx store.Tx) error { return tx.UpdateResource(ctx, &r) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteResource(ctx, p.ID, r.ID, r.Version) })
	view(t, s, func(tx store.Tx) error {
		as, err := tx.Assignments(ctx, p.ID)
		if err == nil && len(as) != 0 {
			return fmt.Errorf("assignment survived its resource")
		}
		return err
	})
}

func testRollback(t *testing.T, s store.Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		p := NewProject("NET")
		if err := tx.CreateProject(ctx, &p); err != nil {
			return err
		}
		k := domain.Task{ProjectID: p.ID, Name: "A"}
		k.Normalize()
		if err := tx.CreateTask(ctx, &k); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.Project(ctx, "NET"); return err })
	wantKind(t, err, domain.KindNotFound)
}

// testConcurrentWriters runs many writers at once; each must succeed, and
// no update may be lost.
func testConcurrentWriters(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	k := domain.Task{ProjectID: p.ID, Name: "Counter"}
	createTask(t, s, &k)
	const writers = 32
	errs := make(chan error, writers)
	for range writers {
		go func() {
			errs <- s.Update(ctx, func(tx store.Tx) error {
				cur, err := tx.Task(ctx, p.ID, k.ID)
				if err != nil {
					return err
				}
				cur.Priority++
				return tx.UpdateTask(ctx, &cur)
			})
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Errorf("writer: %v", err)
		}
	}
	var got domain.Task
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Task(ctx, p.ID, k.ID); return err })
	if got.Priority != k.Priority+writers {
		t.Fatalf("priority %d after %d increments from %d: updates were lost", got.Priority, writers, k.Priority)
	}
}

func testBaselines(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	a := domain.Task{ProjectID: p.ID, Name: "A"}
	b := domain.Task{ProjectID: p.ID, Name: "B"}
	createTask(t, s, &a)
	createTask(t, s, &b)
	day := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
	rows := []domain.Baseline{
		{Number: 0, Task: a.ID, Start: day, Finish: day.Add(9 * time.Hour), Duration: 480, Work: 960, Cost: 12345},
		{Number: 0, Task: b.ID, Start: day.Add(24 * time.Hour), Finish: day.Add(33 * time.Hour), Duration: 480},
	}
	update(t, s, func(tx store.Tx) error { return tx.SaveBaseline(ctx, p.ID, 0, rows) })
	later := []domain.Baseline{{Number: 3, Task: a.ID, Start: day, Finish: day, Duration: 0}}
	update(t, s, func(tx store.Tx) error { return tx.SaveBaseline(ctx, p.ID, 3, later) })
	// Saving baseline 0 again replaces it.
	rows[1].Cost = 99
	update(t, s, func(tx store.Tx) error { return tx.SaveBaseline(ctx, p.ID, 0, rows) })
	var got []domain.Baseline
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Baselines(ctx, p.ID); return err })
	want := append(append([]domain.Baseline{}, rows...), later...)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("baselines\n got %v\nwant %v", got, want)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteTask(ctx, p.ID, a.ID, 0) })
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Baselines(ctx, p.ID); return err })
	if len(got) != 1 || got[0].Task != b.ID {
		t.Fatalf("after deleting A, baselines are %v", got)
	}
}

// testCosts round-trips what costing a plan needs beyond rates: a
// task's fixed cost and its accrual, a resource's accrual, a cost
// resource's amount on an assignment, and dated rate changes.
func testCosts(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	task := domain.Task{ProjectID: p.ID, Name: "Cut-over", FixedCost: -12345, FixedCostAccrual: domain.AccrueEnd}
	createTask(t, s, &task)
	ann := domain.Resource{ProjectID: p.ID, Name: "Ann", Kind: domain.Work, MaxUnits: 1, StandardRate: 8000, Accrual: domain.AccrueStart}
	travel := domain.Resource{ProjectID: p.ID, Name: "Travel", Kind: domain.Cost}
	asg := domain.Assignment{ProjectID: p.ID, Task: task.ID, Units: 1, Cost: 35050}
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateResource(ctx, &ann); err != nil {
			return err
		}
		if err := tx.CreateResource(ctx, &travel); err != nil {
			return err
		}
		asg.Resource = travel.ID
		return tx.CreateAssignment(ctx, &asg)
	})
	day := time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	changes := []domain.RateChange{
		{Resource: ann.ID, From: day, StandardRate: 8500, OvertimeRate: 12750},
		{Resource: ann.ID, From: day.AddDate(0, 3, 0).Add(8 * time.Hour), StandardRate: 9000, CostPerUse: 2500},
	}
	update(t, s, func(tx store.Tx) error { return tx.SetRateChanges(ctx, p.ID, ann.ID, changes) })
	var gotTask domain.Task
	var gotRes []domain.Resource
	var gotAsg []domain.Assignment
	var gotRates []domain.RateChange
	view(t, s, func(tx store.Tx) (err error) {
		if gotTask, err = tx.Task(ctx, p.ID, task.ID); err != nil {
			return err
		}
		if gotRes, err = tx.Resources(ctx, p.ID); err != nil {
			return err
		}
		if gotAsg, err = tx.Assignments(ctx, p.ID); err != nil {
			return err
		}
		gotRates, err = tx.RateChanges(ctx, p.ID)
		return err
	})
	if gotTask.FixedCost != task.FixedCost || gotTask.FixedCostAccrual != task.FixedCostAccrual {
		t.Errorf("task fixed cost %d %q, want %d %q", gotTask.FixedCost, gotTask.FixedCostAccrual, task.FixedCost, task.FixedCostAccrual)
	}
	if len(gotRes) != 2 || gotRes[0].Accrual != domain.AccrueStart || gotRes[1].Accrual != "" {
		t.Errorf("resource accruals %+v", gotRes)
	}
	if len(gotAsg) != 1 || gotAsg[0].Cost != 35050 {
		t.Errorf("assignments %+v", gotAsg)
	}
	if !reflect.DeepEqual(gotRates, changes) {
		t.Errorf("rate changes\n got %+v\nwant %+v", gotRates, changes)
	}
	// Setting them again replaces them; deleting the resource drops them.
	update(t, s, func(tx store.Tx) error { return tx.SetRateChanges(ctx, p.ID, ann.ID, changes[1:]) })
	view(t, s, func(tx store.Tx) (err error) { gotRates, err = tx.RateChanges(ctx, p.ID); return err })
	if !reflect.DeepEqual(gotRates, changes[1:]) {
		t.Errorf("after replacing: %+v", gotRates)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteResource(ctx, p.ID, ann.ID, ann.Version) })
	view(t, s, func(tx store.Tx) (err error) { gotRates, err = tx.RateChanges(ctx, p.ID); return err })
	if len(gotRates) != 0 {
		t.Errorf("after deleting the resource: %+v", gotRates)
	}
}

func testAudit(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "NET")
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	events := []domain.AuditEvent{
		{ProjectID: p.ID, Entity: "task", EntityID: 7, Action: "create", Actor: "ann@example.com", At: at,
			Changes: []domain.Change{{Field: "name", New: "Order"}}},
		{ProjectID: p.ID, Entity: "task", EntityID: 7, Action: "update", Actor: "bob@example.com", At: at.Add(time.Hour),
			Changes: []domain.Change{{Field: "duration", Old: "2d", New: "3d"}}},
		{ProjectID: p.ID, Entity: "task", EntityID: 8, Action: "create", Actor: "ann@example.com", At: at.Add(48 * time.Hour)},
		{ProjectID: 0, Entity: "project", EntityID: 99, Action: "delete", Actor: "ann@example.com", At: at},
	}
	for i := range events {
		update(t, s, func(tx store.Tx) error { return tx.RecordAudit(ctx, &events[i]) })
	}
	var got []domain.AuditEvent
	view(t, s, func(tx store.Tx) (err error) {
		got, err = tx.AuditEvents(ctx, p.ID, store.AuditFilter{Entity: "task", EntityID: 7}, store.Page{})
		return err
	})
	if len(got) != 2 || got[1].Changes[0] != events[1].Changes[0] || got[1].Actor != "bob@example.com" || !got[1].At.Equal(events[1].At) {
		t.Fatalf("history of task 7: %+v", got)
	}
	view(t, s, func(tx store.Tx) (err error) {
		got, err = tx.AuditEvents(ctx, p.ID, store.AuditFilter{Since: at.Add(24 * time.Hour)}, store.Page{})
		return err
	})
	if len(got) != 1 || got[0].EntityID != 8 || len(got[0].Changes) != 0 {
		t.Fatalf("events since a day later: %+v", got)
	}
}

// NewUser returns a valid user with the given email (already normalised).
func NewUser(email string) domain.User {
	u := domain.User{Email: email, PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"}
	u.Normalize()
	return u
}

func createUser(t *testing.T, s store.Store, email string) domain.User {
	t.Helper()
	u := NewUser(email)
	update(t, s, func(tx store.Tx) error { return tx.CreateUser(context.Background(), &u) })
	return u
}

func testUsers(t *testing.T, s store.Store) {
	ctx := context.Background()
	var some bool
	view(t, s, func(tx store.Tx) (err error) { some, err = tx.HasUsers(ctx); return err })
	if some {
		t.Fatal("a new store has users")
	}
	ann := NewUser("ann@example.com")
	ann.Name, ann.TimeZone, ann.SiteAdmin = "Ann Lee", "Europe/Paris", true
	update(t, s, func(tx store.Tx) error { return tx.CreateUser(ctx, &ann) })
	if ann.ID == 0 || ann.Version != 1 || ann.CreatedAt.IsZero() {
		t.Fatalf("create set %+v", ann)
	}
	dup := NewUser("ann@example.com")
	err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateUser(ctx, &dup) })
	wantKind(t, err, domain.KindConflict)

	var got domain.User
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.UserByEmail(ctx, "ann@example.com"); return err })
	if got.ID != ann.ID || got.Name != "Ann Lee" || got.TimeZone != "Europe/Paris" || !got.SiteAdmin || got.Disabled ||
		got.PasswordHash != ann.PasswordHash || !got.CreatedAt.Equal(ann.CreatedAt) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, ann)
	}
	view(t, s, func(tx store.Tx) (err error) { some, err = tx.HasUsers(ctx); return err })
	if !some {
		t.Fatal("HasUsers is false after CreateUser")
	}
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.UserByEmail(ctx, "bob@example.com"); return err })
	wantKind(t, err, domain.KindNotFound)

	stale := got
	got.Disabled, got.PasswordHash = true, "$argon2id$new"
	update(t, s, func(tx store.Tx) error { return tx.UpdateUser(ctx, &got) })
	if got.Version != 2 {
		t.Fatalf("version after update %d", got.Version)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.UpdateUser(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.User(ctx, ann.ID); return err })
	if !got.Disabled || got.PasswordHash != "$argon2id$new" {
		t.Fatalf("update lost: %+v", got)
	}
	createUser(t, s, "bob@example.com")
	var all []domain.User
	view(t, s, func(tx store.Tx) (err error) { all, err = tx.Users(ctx, store.Page{}); return err })
	if len(all) != 2 || all[0].Email != "ann@example.com" || all[1].Email != "bob@example.com" {
		t.Fatalf("users %+v", all)
	}
}

func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann := createUser(t, s, "ann@example.com")
	now := time.Now().UTC()
	live := domain.Session{TokenHash: "live", UserID: ann.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	old := domain.Session{TokenHash: "old", UserID: ann.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)}
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateSession(ctx, &live); err != nil {
			return err
		}
		return tx.CreateSession(ctx, &old)
	})
	var got domain.Session
	var u domain.User
	view(t, s, func(tx store.Tx) (err error) { got, u, err = tx.Session(ctx, "live"); return err })
	if got.ID != live.ID || got.UserID != ann.ID || u.Email != "ann@example.com" || !got.ExpiresAt.Equal(live.ExpiresAt.Truncate(time.Microsecond)) {
		t.Fatalf("session %+v user %+v", got, u)
	}
	later := now.Add(48 * time.Hour)
	update(t, s, func(tx store.Tx) error { return tx.ExtendSession(ctx, live.ID, later) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteExpiredSessions(ctx, now) })
	view(t, s, func(tx store.Tx) (err error) { got, _, err = tx.Session(ctx, "live"); return err })
	if !got.ExpiresAt.Equal(later.Truncate(time.Microsecond)) {
		t.Fatalf("extended to %v, want %v", got.ExpiresAt, later)
	}
	err := s.View(ctx, func(tx store.Tx) error { _, _, err := tx.Session(ctx, "old"); return err })
	wantKind(t, err, domain.KindNotFound)
	update(t, s, func(tx store.Tx) error { return tx.DeleteSession(ctx, "live") })
	err = s.View(ctx, func(tx store.Tx) error { _, _, err := tx.Session(ctx, "live"); return err })
	wantKind(t, err, domain.KindNotFound)

	again := domain.Session{TokenHash: "again", UserID: ann.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	update(t, s, func(tx store.Tx) error { return tx.CreateSession(ctx, &again) })
	update(t, s, func(tx store.Tx) error { return tx.DeleteSessions(ctx, ann.ID) })
	err = s.View(ctx, func(tx store.Tx) error { _, _, err := tx.Session(ctx, "again"); return err })
	wantKind(t, err, domain.KindNotFound)
}

func testAPITokens(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	now := time.Now().UTC().Truncate(time.Microsecond)
	ci := domain.APIToken{UserID: ann.ID, Name: "CI", TokenHash: "h1", ReadOnly: true, ExpiresAt: now.Add(time.Hour), CreatedAt: now}
	script := domain.APIToken{UserID: ann.ID, Name: "script", TokenHash: "h2", CreatedAt: now}
	update(t, s, func(tx store.Tx) error {
		if err := tx.CreateAPIToken(ctx, &ci); err != nil {
			return err
		}
		return tx.CreateAPIToken(ctx, &script)
	})
	var got domain.APIToken
	var u domain.User
	view(t, s, func(tx store.Tx) (err error) { got, u, err = tx.APIToken(ctx, "h1"); return err })
	if got.ID != ci.ID || !got.ReadOnly || got.Name != "CI" || !got.ExpiresAt.Equal(ci.ExpiresAt) || !got.LastUsedAt.IsZero() || u.ID != ann.ID {
		t.Fatalf("token %+v user %+v", got, u)
	}
	update(t, s, func(tx store.Tx) error { return tx.TouchAPIToken(ctx, script.ID, now) })
	var list []domain.APIToken
	view(t, s, func(tx store.Tx) (err error) { list, err = tx.APITokens(ctx, ann.ID); return err })
	if len(list) != 2 || list[1].Name != "script" || !list[1].LastUsedAt.Equal(now) || !list[1].ExpiresAt.IsZero() || list[1].ReadOnly {
		t.Fatalf("tokens %+v", list)
	}
	err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteAPIToken(ctx, bob.ID, ci.ID) })
	wantKind(t, err, domain.KindNotFound)
	update(t, s, func(tx store.Tx) error { return tx.DeleteAPIToken(ctx, ann.ID, ci.ID) })
	err = s.View(ctx, func(tx store.Tx) error { _, _, err := tx.APIToken(ctx, "h1"); return err })
	wantKind(t, err, domain.KindNotFound)
}

func testLoginFailures(t *testing.T, s store.Store) {
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, f := range []domain.LoginFailure{
		{Account: "ann@example.com", IP: "192.0.2.1", At: now.Add(-time.Hour)}, // outside the window
		{Account: "ann@example.com", IP: "192.0.2.1", At: now.Add(-10 * time.Minute)},
		{Account: "ann@example.com", IP: "192.0.2.2", At: now.Add(-5 * time.Minute)},
		{Account: "bob@example.com", IP: "192.0.2.1", At: now},
	} {
		update(t, s, func(tx store.Tx) error { return tx.RecordLoginFailure(ctx, f) })
	}
	since := now.Add(-15 * time.Minute)
	var c store.LoginFailureCounts
	view(t, s, func(tx store.Tx) (err error) {
		c, err = tx.LoginFailures(ctx, "ann@example.com", "192.0.2.1", since)
		return err
	})
	if c.Account != 2 || c.IP != 2 || !c.AccountOldest.Equal(now.Add(-10*time.Minute)) || !c.IPOldest.Equal(now.Add(-10*time.Minute)) {
		t.Fatalf("counts %+v", c)
	}
	update(t, s, func(tx store.Tx) error { return tx.ClearLoginFailures(ctx, "ann@example.com") })
	update(t, s, func(tx store.Tx) error { return tx.PruneLoginFailures(ctx, since) })
	view(t, s, func(tx store.Tx) (err error) {
		c, err = tx.LoginFailures(ctx, "ann@example.com", "192.0.2.1", time.Time{})
		return err
	})
	if c.Account != 0 || c.IP != 1 || !c.AccountOldest.IsZero() {
		t.Fatalf("after clear and prune: %+v", c)
	}
}

func testMemberships(t *testing.T, s store.Store) {
	ctx := context.Background()
	net, ops := createProject(t, s, "NET"), createProject(t, s, "OPS")
	ann, bob := createUser(t, s, "ann@example.com"), createUser(t, s, "bob@example.com")
	m := domain.Membership{ProjectID: net.ID, UserID: ann.ID, Role: domain.RoleOwner}
	update(t, s, func(tx store.Tx) error {
		if err := tx.AddMember(ctx, &m); err != nil {
			return err
		}
		return tx.AddMember(ctx, &domain.Membership{ProjectID: net.ID, UserID: bob.ID, Role: domain.RoleViewer})
	})
	dup := domain.Membership{ProjectID: net.ID, UserID: ann.ID, Role: domain.RoleViewer}
	err := s.Update(ctx, func(tx store.Tx) error { return tx.AddMember(ctx, &dup) })
	wantKind(t, err, domain.KindConflict)
	err = s.Update(ctx, func(tx store.Tx) error {
		return tx.AddMember(ctx, &domain.Membership{ProjectID: 9999, UserID: ann.ID, Role: domain.RoleViewer})
	})
	wantKind(t, err, domain.KindInvalid)

	var members []domain.Membership
	view(t, s, func(tx store.Tx) (err error) { members, err = tx.Members(ctx, net.ID); return err })
	if len(members) != 2 || members[0].Email != "ann@example.com" || members[0].Role != domain.RoleOwner ||
		members[1].Role != domain.RoleViewer || members[1].ProjectKey != "NET" {
		t.Fatalf("members %+v", members)
	}
	for _, tc := range []struct {
		key  string
		user int64
		role domain.Role
	}{{"NET", ann.ID, domain.RoleOwner}, {"NET", bob.ID, domain.RoleViewer}, {"OPS", ann.ID, ""}} {
		var role domain.Role
		view(t, s, func(tx store.Tx) (err error) { _, role, err = tx.ProjectRole(ctx, tc.key, tc.user); return err })
		if role != tc.role {
			t.Errorf("role of %d in %s = %q, want %q", tc.user, tc.key, role, tc.role)
		}
	}
	err = s.View(ctx, func(tx store.Tx) error { _, _, err := tx.ProjectRole(ctx, "NOPE", ann.ID); return err })
	wantKind(t, err, domain.KindNotFound)

	var ps []domain.Project
	view(t, s, func(tx store.Tx) (err error) { ps, err = tx.MemberProjects(ctx, bob.ID, store.Page{}); return err })
	if len(ps) != 1 || ps[0].Key != "NET" {
		t.Fatalf("bob's projects %+v", ps)
	}
	update(t, s, func(tx store.Tx) error {
		return tx.AddMember(ctx, &domain.Membership{ProjectID: ops.ID, UserID: bob.ID, Role: domain.RoleMember})
	})
	var mine []domain.Membership
	view(t, s, func(tx store.Tx) (err error) { mine, err = tx.Memberships(ctx, bob.ID); return err })
	if len(mine) != 2 || mine[1].ProjectKey != "OPS" || mine[1].Role != domain.RoleMember {
		t.Fatalf("bob's memberships %+v", mine)
	}

	stale := m
	m.Role = domain.RoleManager
	update(t, s, func(tx store.Tx) error { return tx.UpdateMember(ctx, &m) })
	if m.Version != 2 {
		t.Fatalf("version after role change %d", m.Version)
	}
	stale.Role = domain.RoleViewer
	err = s.Update(ctx, func(tx store.Tx) error { return tx.UpdateMember(ctx, &stale) })
	wantKind(t, err, domain.KindPreconditionFailed)
	var got domain.Membership
	view(t, s, func(tx store.Tx) (err error) { got, err = tx.Member(ctx, net.ID, ann.ID); return err })
	if got.Role != domain.RoleManager {
		t.Fatalf("role %q after update", got.Role)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.RemoveMember(ctx, net.ID, m.ID, 1) })
	wantKind(t, err, domain.KindPreconditionFailed)
	update(t, s, func(tx store.Tx) error { return tx.RemoveMember(ctx, net.ID, m.ID, 2) })
	err = s.View(ctx, func(tx store.Tx) error { _, err := tx.Member(ctx, net.ID, ann.ID); return err })
	wantKind(t, err, domain.KindNotFound)

	// Deleting a project takes its memberships with it.
	update(t, s, func(tx store.Tx) error { return tx.DeleteProject(ctx, ops.ID, 0) })
	view(t, s, func(tx store.Tx) (err error) { mine, err = tx.Memberships(ctx, bob.ID); return err })
	if len(mine) != 1 || mine[0].ProjectKey != "NET" {
		t.Fatalf("after deleting OPS, bob's memberships %+v", mine)
	}
}
