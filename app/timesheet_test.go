package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/store"
)

// timesheetPlan: Ann costs £80 an hour until Wednesday 17 February 2027,
// then £100; Bob, the manager, £60. Today is Monday 1 March 2027.
const timesheetPlan = `
project:
  key: NET
  name: Network
  start: 2027-02-01
  time_zone: Europe/London
  currency: GBP
  budget: 20000.00
resources:
  - id: ann
    name: Ann
    email: Ann@Example.com
    rate: 80.00/h
    rates:
      - {from: 2027-02-17, rate: 100.00/h}
  - id: bob
    name: Bob
    email: bob@example.com
    rate: 60.00/h
tasks:
  - id: cable
    name: Cable
    duration: 10d
    assign: ann
  - id: kit
    name: Kit
    duration: 5d
    after: cable
`

type timesheetEnv struct {
	a                  *App
	ann, bob, carl, vi context.Context
	cable, kit         int64
}

func newTimesheetEnv(t *testing.T) *timesheetEnv {
	t.Helper()
	a, _ := newApp(t)
	ctx := context.Background()
	plan, err := planfile.Parse("plan.yaml", []byte(timesheetPlan))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportPlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	e := &timesheetEnv{a: a}
	as := func(email string, role domain.Role) context.Context {
		u, err := a.AddUser(ctx, NewUser{Email: email, Name: email, TimeZone: "Europe/London", Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.AddMember(ctx, "NET", email, role); err != nil {
			t.Fatal(err)
		}
		return WithPrincipal(ctx, Principal{User: u})
	}
	e.ann, e.bob = as("ann@example.com", domain.RoleMember), as("bob@example.com", domain.RoleManager)
	e.carl, e.vi = as("carl@example.com", domain.RoleMember), as("vi@example.com", domain.RoleViewer)
	_, ts, err := a.Tasks(ctx, "NET", store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	e.cable, e.kit = ts[0].ID, ts[1].ID
	return e
}

func date(s string) time.Time {
	d, err := time.Parse(domain.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func (e *timesheetEnv) log(t *testing.T, ctx context.Context, task int64, day string, hours float64) domain.TimeEntry {
	t.Helper()
	en, err := e.a.LogTime(ctx, "NET", TimeInput{Task: task, Date: date(day), Minutes: int64(hours * 60)})
	if err != nil {
		t.Fatalf("log %v h on %s: %v", hours, day, err)
	}
	return en
}

func wantError(t *testing.T, err error, kind domain.Kind, code, field string) {
	t.Helper()
	if err == nil || domain.ErrorKind(err) != kind {
		t.Fatalf("got %v, want a %s error", err, kind)
	}
	if de := asDomain(err); (code != "" && de.Code != code) || de.Field != field {
		t.Fatalf("got code %q field %q (%v), want %q %q", de.Code, de.Field, err, code, field)
	}
}

func asDomain(err error) *domain.Error {
	var de *domain.Error
	if errors.As(err, &de) {
		return de
	}
	return &domain.Error{}
}

// TestLogTimeRefuses checks what logging time refuses, and the field
// each refusal names.
func TestLogTimeRefuses(t *testing.T) {
	e := newTimesheetEnv(t)
	e.log(t, e.ann, e.cable, "2027-02-15", 20)
	tests := []struct {
		name  string
		ctx   context.Context
		in    TimeInput
		kind  domain.Kind
		code  string
		field string
	}{
		{"negative hours", e.ann, TimeInput{Task: e.kit, Date: date("2027-02-16"), Minutes: -60}, domain.KindInvalid, "invalid_hours", "hours"},
		{"no hours", e.ann, TimeInput{Task: e.kit, Date: date("2027-02-16")}, domain.KindInvalid, "invalid_hours", "hours"},
		{"25 hours", e.ann, TimeInput{Task: e.kit, Date: date("2027-02-16"), Minutes: 25 * 60}, domain.KindInvalid, "invalid_hours", "hours"},
		{"over 24 hours in a day", e.ann, TimeInput{Task: e.kit, Date: date("2027-02-15"), Minutes: 5 * 60}, domain.KindInvalid, "too_many_hours", "hours"},
		{"tomorrow", e.ann, TimeInput{Task: e.kit, Date: date("2027-03-02"), Minutes: 60}, domain.KindInvalid, "future_date", "date"},
		{"unknown task", e.ann, TimeInput{Task: 9999, Date: date("2027-02-16"), Minutes: 60}, domain.KindInvalid, "unknown_task", "task"},
		{"no date", e.ann, TimeInput{Task: e.kit, Minutes: 60}, domain.KindInvalid, "required", "date"},
		{"same task and day twice", e.ann, TimeInput{Task: e.cable, Date: date("2027-02-15"), Minutes: 60}, domain.KindConflict, "already_logged", "date"},
		{"a viewer", e.vi, TimeInput{Task: e.kit, Date: date("2027-02-16"), Minutes: 60}, domain.KindInvalid, "not_a_member", "user"},
		{"for someone else, as a member", e.carl, TimeInput{User: "ann@example.com", Task: e.kit, Date: date("2027-02-16"), Minutes: 60},
			domain.KindForbidden, "not_your_timesheet", ""},
		{"for an unknown user", e.bob, TimeInput{User: "nobody@example.com", Task: e.kit, Date: date("2027-02-16"), Minutes: 60},
			domain.KindInvalid, "unknown_user", "user"},
		{"trusted caller without a user", context.Background(), TimeInput{Task: e.kit, Date: date("2027-02-16"), Minutes: 60},
			domain.KindInvalid, "required", "user"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.a.LogTime(tc.ctx, "NET", tc.in)
			wantError(t, err, tc.kind, tc.code, tc.field)
		})
	}
	// Today is fine, and a manager may log time for a member.
	if _, err := e.a.LogTime(e.bob, "NET", TimeInput{User: "carl@example.com", Task: e.kit, Date: date("2027-03-01"), Minutes: 30}); err != nil {
		t.Fatal(err)
	}
}

// TestTimesheetReview follows a week through submission and review, and
// checks who may do what.
func TestTimesheetReview(t *testing.T) {
	e := newTimesheetEnv(t)
	week := date("2027-02-15")
	mon := e.log(t, e.ann, e.cable, "2027-02-15", 8)
	e.log(t, e.ann, e.cable, "2027-02-16", 8)
	e.log(t, e.ann, e.cable, "2027-02-17", 8)
	carl := e.log(t, e.carl, e.kit, "2027-02-16", 2)

	steps := []struct {
		name  string
		do    func() error
		kind  domain.Kind
		code  string
		field string
	}{
		{"someone else's entry, as a member", func() error {
			_, err := e.a.UpdateTimeEntry(e.ann, "NET", carl.ID, 0, func(x *domain.TimeEntry) error { x.Minutes = 60; return nil })
			return err
		}, domain.KindForbidden, "not_your_timesheet", ""},
		{"someone else's entry, as a manager", func() error {
			_, err := e.a.UpdateTimeEntry(e.bob, "NET", carl.ID, 0, func(x *domain.TimeEntry) error { x.Note = "fixed"; return nil })
			return err
		}, "", "", ""},
		{"everyone's, as a member", func() error { _, err := e.a.TimeEntries(e.ann, "NET", TimeQuery{User: "*"}); return err },
			domain.KindForbidden, "not_your_timesheet", ""},
		{"stale version", func() error {
			_, err := e.a.UpdateTimeEntry(e.ann, "NET", mon.ID, 7, func(x *domain.TimeEntry) error { return nil })
			return err
		}, domain.KindPreconditionFailed, "version_mismatch", ""},
		{"review before submission", func() error { _, err := e.a.ReviewWeek(e.bob, "NET", "ann@example.com", week, true, ""); return err },
			domain.KindInvalid, "nothing_to_review", "week"},
		{"submit", func() error { _, err := e.a.SubmitWeek(e.ann, "NET", "", week); return err }, "", "", ""},
		{"submit again", func() error { _, err := e.a.SubmitWeek(e.ann, "NET", "", week); return err },
			domain.KindInvalid, "nothing_to_submit", "week"},
		{"edit once submitted", func() error {
			_, err := e.a.UpdateTimeEntry(e.ann, "NET", mon.ID, 0, func(x *domain.TimeEntry) error { x.Minutes = 60; return nil })
			return err
		}, domain.KindConflict, "timesheet_locked", "status"},
		{"approve one's own", func() error { _, err := e.a.ReviewWeek(e.ann, "NET", "ann@example.com", week, true, ""); return err },
			domain.KindForbidden, "own_timesheet", ""},
		{"reject without a comment", func() error { _, err := e.a.ReviewWeek(e.bob, "NET", "ann@example.com", week, false, " "); return err },
			domain.KindInvalid, "required", "comment"},
		{"approve", func() error {
			_, err := e.a.ReviewWeek(e.bob, "NET", "ann@example.com", week, true, "thanks")
			return err
		}, "", "", ""},
		{"delete approved time", func() error { return e.a.DeleteTimeEntry(e.ann, "NET", mon.ID, 0) },
			domain.KindConflict, "timesheet_locked", "status"},
		{"submit carl's week", func() error { _, err := e.a.SubmitWeek(e.carl, "NET", "", week); return err }, "", "", ""},
		{"approve without a resource", func() error { _, err := e.a.ReviewWeek(e.bob, "NET", "carl@example.com", week, true, ""); return err },
			domain.KindInvalid, "no_resource", "user"},
		{"reject carl's week", func() error {
			_, err := e.a.ReviewWeek(e.bob, "NET", "carl@example.com", week, false, "wrong task")
			return err
		}, "", "", ""},
		{"correct a rejected entry", func() error {
			x, err := e.a.UpdateTimeEntry(e.carl, "NET", carl.ID, 0, func(x *domain.TimeEntry) error { x.Minutes = 90; return nil })
			if err == nil && (x.Status != domain.TimeDraft || x.ReviewComment != "wrong task") {
				t.Errorf("a corrected entry is %s with comment %q, want a draft that keeps the comment", x.Status, x.ReviewComment)
			}
			return err
		}, "", "", ""},
	}
	for _, s := range steps {
		err := s.do()
		if s.kind == "" {
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			continue
		}
		t.Run(s.name, func(t *testing.T) { wantError(t, err, s.kind, s.code, s.field) })
	}
	got, err := e.a.TimeEntries(e.bob, "NET", TimeQuery{User: "*", Week: week, Status: domain.TimeApproved})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ReviewerEmail != "bob@example.com" || got[0].ReviewComment != "thanks" || got[0].ReviewedAt.IsZero() {
		t.Fatalf("approved entries: %+v", got)
	}
	own, err := e.a.TimeEntries(e.carl, "NET", TimeQuery{})
	if err != nil || len(own) != 1 || own[0].Minutes != 90 {
		t.Fatalf("carl's own entries: %+v, %v", own, err)
	}
}

// TestEarnedValueFromTimesheets checks that approved hours cost the rate
// in force on their day, expenses add to the actual cost, rejected time
// adds nothing, and remaining work prices the estimate to complete.
func TestEarnedValueFromTimesheets(t *testing.T) {
	e := newTimesheetEnv(t)
	week := date("2027-02-15")
	q := EVMQuery{StatusDate: date("2027-02-19"), WholeDay: true, Method: evm.BottomUp}
	before, err := e.a.EarnedValue(e.bob, "NET", q)
	if err != nil {
		t.Fatal(err)
	}
	if before.Recorded || before.Note == "" {
		t.Errorf("without actuals or a baseline: recorded %v, note %q", before.Recorded, before.Note)
	}
	for _, d := range []string{"2027-02-15", "2027-02-16", "2027-02-17"} {
		e.log(t, e.ann, e.cable, d, 8)
	}
	e.log(t, e.carl, e.kit, "2027-02-16", 4)
	for _, ctx := range []context.Context{e.ann, e.carl} {
		if _, err := e.a.SubmitWeek(ctx, "NET", "", week); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.a.ReviewWeek(e.bob, "NET", "ann@example.com", week, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.a.ReviewWeek(e.bob, "NET", "carl@example.com", week, false, "not on this project"); err != nil {
		t.Fatal(err)
	}
	ac := func() (project, cable, kit int64) {
		t.Helper()
		ev, err := e.a.EarnedValue(e.bob, "NET", q)
		if err != nil {
			t.Fatal(err)
		}
		r := ev.Result
		return r.Project.AC, r.Tasks[0].AC, r.Tasks[1].AC
	}
	// 8 h at £80 on Monday and Tuesday, 8 h at £100 from Wednesday.
	if p, c, k := ac(); p != 208000 || c != 208000 || k != 0 {
		t.Errorf("AC project %d, cable %d, kit %d; want 208000, 208000, 0", p, c, k)
	}
	if _, err := e.a.AddExpense(e.bob, "NET", func(_ domain.Project, x *domain.Expense) error {
		*x = domain.Expense{Task: e.kit, Date: date("2027-02-18"), Amount: 50000, Description: "Patch leads", Reference: "INV-7"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.a.AddExpense(e.bob, "NET", func(_ domain.Project, x *domain.Expense) error {
		*x = domain.Expense{Task: e.kit, Date: date("2027-02-22"), Amount: 99900, Description: "After the status date"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if p, _, k := ac(); p != 258000 || k != 50000 {
		t.Errorf("with the expense: AC project %d, kit %d; want 258000, 50000", p, k)
	}

	// 16 h left on the cabling at Ann's rate at the status date.
	if _, err := e.a.UpdateTask(e.bob, "NET", e.cable, 0, func(_ domain.Project, x *domain.Task) error {
		x.RemainingWork = domain.RemainingWork{Minutes: 16 * 60, Set: true}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ev, err := e.a.EarnedValue(e.bob, "NET", q)
	if err != nil {
		t.Fatal(err)
	}
	if c := ev.Result.Tasks[0]; c.ETC.Amount != 160000 || c.EAC.Amount != 208000+160000 {
		t.Errorf("cabling ETC %d, EAC %d; want 160000 and 368000", c.ETC.Amount, c.EAC.Amount)
	}
}

func amount(v int64) func(domain.Project) (int64, error) {
	return func(domain.Project) (int64, error) { return v, nil }
}

// TestBudgetsAndExpenses checks budgets per task and expense edits.
func TestBudgetsAndExpenses(t *testing.T) {
	e := newTimesheetEnv(t)
	b, err := e.a.SetTaskBudget(e.bob, "NET", e.cable, 0, amount(700000))
	if err != nil || b.Version != 1 {
		t.Fatalf("set budget: %+v, %v", b, err)
	}
	if _, err := e.a.SetTaskBudget(e.bob, "NET", e.cable, 5, amount(1)); domain.ErrorKind(err) != domain.KindPreconditionFailed {
		t.Errorf("stale budget version: %v", err)
	}
	if _, err := e.a.SetTaskBudget(e.bob, "NET", e.cable, 0, amount(-1)); domain.ErrorKind(err) != domain.KindInvalid {
		t.Errorf("negative budget: %v", err)
	}
	if _, err := e.a.SetTaskBudget(e.bob, "NET", 9999, 0, amount(1)); domain.ErrorKind(err) != domain.KindNotFound {
		t.Errorf("budget of an unknown task: %v", err)
	}
	got, err := e.a.Budgets(e.bob, "NET")
	if err != nil || len(got.Budgets) != 1 || got.Budgets[0].Amount != 700000 || got.Project.Budget != 2000000 {
		t.Fatalf("budgets %+v, %v", got, err)
	}
	if err := e.a.DeleteTaskBudget(e.bob, "NET", e.cable, 1); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name  string
		x     domain.Expense
		field string
	}{
		{"no amount", domain.Expense{Task: e.kit, Date: date("2027-02-18"), Description: "x"}, "amount"},
		{"no description", domain.Expense{Task: e.kit, Date: date("2027-02-18"), Amount: 1, Description: "  "}, "description"},
		{"unknown task", domain.Expense{Task: 9999, Date: date("2027-02-18"), Amount: 1, Description: "x"}, "task"},
		{"no date", domain.Expense{Task: e.kit, Amount: 1, Description: "x"}, "date"},
	} {
		_, err := e.a.AddExpense(e.bob, "NET", func(_ domain.Project, x *domain.Expense) error { *x = tc.x; return nil })
		if domain.ErrorKind(err) != domain.KindInvalid || asDomain(err).Field != tc.field {
			t.Errorf("%s: %v, want invalid %s", tc.name, err, tc.field)
		}
	}
	x, err := e.a.AddExpense(e.bob, "NET", func(_ domain.Project, x *domain.Expense) error {
		*x = domain.Expense{Task: e.kit, Date: date("2027-02-18"), Amount: 1250, Description: "Taxi"}
		return nil
	})
	if err != nil || x.CreatedBy != "bob@example.com" {
		t.Fatalf("add: %+v, %v", x, err)
	}
	x, err = e.a.UpdateExpense(e.bob, "NET", x.ID, 1, func(_ domain.Project, x *domain.Expense) error { x.Amount = 1500; return nil })
	if err != nil || x.Amount != 1500 || x.Version != 2 {
		t.Fatalf("update: %+v, %v", x, err)
	}
	if err := e.a.DeleteExpense(e.bob, "NET", x.ID, 1); domain.ErrorKind(err) != domain.KindPreconditionFailed {
		t.Errorf("stale delete: %v", err)
	}
	if err := e.a.DeleteExpense(e.bob, "NET", x.ID, 2); err != nil {
		t.Fatal(err)
	}
}
