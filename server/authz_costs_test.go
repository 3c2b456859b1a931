package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// The authorization matrix's requests for timesheets, expenses, budgets
// and earned value (routeRules in authz_test.go has their rules).
// Timesheet entries need someone whose role lets them log time, a day not
// after today, and at most 24 hours a day: each call logs an hour on a
// day of its own.

// loggerOf is whose time a caller logs: their own, or for a site admin
// (who is no member) a member's, which admins may log.
func loggerOf(role string) string {
	switch role {
	case "member", "manager", "owner", "owner-ro":
		return strings.TrimSuffix(role, "-ro") + "@example.com"
	}
	return "member@example.com"
}

// pastDay is a day of the past no other call of the matrix uses.
func (f *fixture) pastDay() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -f.next())
}

// entry logs an hour for role's logger in project key and returns the
// entry's id.
func (f *fixture) entry(key, role string, task int64, day time.Time) int64 {
	e, err := f.e.app.LogTime(context.Background(), key, app.TimeInput{User: loggerOf(role), Task: task, Date: day, Minutes: 60})
	if err != nil {
		f.t.Fatal(err)
	}
	return e.ID
}

func (f *fixture) newTask() int64 {
	id, _ := strconv.ParseInt(f.task(), 10, 64)
	return id
}

// costProject is project TM: costPlan with the member's resource, so
// that the member's time can be approved.
func (f *fixture) costProject() int64 {
	if f.e.do(f.owner, "GET", "/api/v1/projects/TM", "").status == 404 {
		plan := strings.NewReplacer("key: TS", "key: TM", "ann@example.com", "member@example.com").Replace(costPlan)
		f.e.must(201, f.owner, "POST", "/api/v1/plans", plan)
		for _, r := range []string{"manager", "member", "viewer"} {
			f.e.must(201, f.owner, "POST", "/api/v1/projects/TM/members", `{"email":"`+r+`@example.com","role":"`+r+`"}`)
		}
	}
	tasks := f.e.must(200, f.owner, "GET", "/api/v1/projects/TM/tasks", "")["tasks"].([]any)
	return int64(num(tasks[1].(map[string]any)["id"])) // Cable
}

// submittedWeek is a week of the member's in TM, submitted for review.
func (f *fixture) submittedWeek() string {
	day := f.pastDay()
	f.entry("TM", "member", f.costProject(), day)
	if _, err := f.e.app.SubmitWeek(context.Background(), "TM", "member@example.com", domain.WeekStart(day)); err != nil {
		f.t.Fatal(err)
	}
	return domain.FormatWeek(day)
}

func (f *fixture) expense() int64 {
	x, err := f.e.app.AddExpense(context.Background(), "NET", func(_ domain.Project, x *domain.Expense) error {
		*x = domain.Expense{Task: 1, Date: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), Amount: 100, Description: "Cable ties"}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return x.ID
}

// userField names the logger in a body when it is not the caller.
func userField(role string) string {
	if role == "site-admin" {
		return `"user":"member@example.com",`
	}
	return ""
}

func init() {
	const p = "/api/v1/projects/NET"
	for pattern, req := range map[string]func(f *fixture, role string) (path, body string){
		"GET /api/v1/projects/{key}/timesheets": func(*fixture, string) (string, string) { return p + "/timesheets?week=2027-W01", "" },
		"POST /api/v1/projects/{key}/timesheets": func(f *fixture, role string) (string, string) {
			return p + "/timesheets", fmt.Sprintf(`{%s"task":%d,"date":"%s","hours":1}`, userField(role), f.newTask(), domain.FormatDate(f.pastDay()))
		},
		"PATCH /api/v1/projects/{key}/timesheets/{id}": func(f *fixture, role string) (string, string) {
			return fmt.Sprintf("%s/timesheets/%d", p, f.entry("NET", role, f.newTask(), f.pastDay())), `{"hours":2}`
		},
		"DELETE /api/v1/projects/{key}/timesheets/{id}": func(f *fixture, role string) (string, string) {
			return fmt.Sprintf("%s/timesheets/%d", p, f.entry("NET", role, f.newTask(), f.pastDay())), ""
		},
		"POST /api/v1/projects/{key}/timesheets/submit": func(f *fixture, role string) (string, string) {
			day := f.pastDay()
			f.entry("NET", role, f.newTask(), day)
			return p + "/timesheets/submit", fmt.Sprintf(`{%s"week":"%s"}`, userField(role), domain.FormatDate(day))
		},
		"POST /api/v1/projects/{key}/timesheets/approve": func(f *fixture, _ string) (string, string) {
			return "/api/v1/projects/TM/timesheets/approve", `{"user":"member@example.com","week":"` + f.submittedWeek() + `"}`
		},
		"POST /api/v1/projects/{key}/timesheets/reject": func(f *fixture, _ string) (string, string) {
			return "/api/v1/projects/TM/timesheets/reject", `{"user":"member@example.com","week":"` + f.submittedWeek() + `","comment":"no"}`
		},

		"GET /api/v1/projects/{key}/expenses": func(*fixture, string) (string, string) { return p + "/expenses", "" },
		"POST /api/v1/projects/{key}/expenses": func(*fixture, string) (string, string) {
			return p + "/expenses", `{"task":1,"date":"2027-01-04","amount":"12.50","description":"Taxi"}`
		},
		"GET /api/v1/projects/{key}/expenses/{id}": func(f *fixture, _ string) (string, string) {
			return fmt.Sprintf("%s/expenses/%d", p, f.expense()), ""
		},
		"PATCH /api/v1/projects/{key}/expenses/{id}": func(f *fixture, _ string) (string, string) {
			return fmt.Sprintf("%s/expenses/%d", p, f.expense()), `{"amount":"13.00"}`
		},
		"DELETE /api/v1/projects/{key}/expenses/{id}": func(f *fixture, _ string) (string, string) {
			return fmt.Sprintf("%s/expenses/%d", p, f.expense()), ""
		},

		"GET /api/v1/projects/{key}/budgets": func(*fixture, string) (string, string) { return p + "/budgets", "" },
		"PUT /api/v1/projects/{key}/budgets/{id}": func(*fixture, string) (string, string) {
			return p + "/budgets/1", `{"budget":"100.00"}`
		},
		"DELETE /api/v1/projects/{key}/budgets/{id}": func(f *fixture, _ string) (string, string) {
			task := f.newTask()
			if _, err := f.e.app.SetTaskBudget(context.Background(), "NET", task, 0, func(domain.Project) (int64, error) { return 100, nil }); err != nil {
				f.t.Fatal(err)
			}
			return fmt.Sprintf("%s/budgets/%d", p, task), ""
		},

		"GET /projects/{key}/budget":                func(*fixture, string) (string, string) { return "/projects/NET/budget", "" },
		"GET /projects/{key}/timesheet":             func(*fixture, string) (string, string) { return "/projects/NET/timesheet", "" },
		"GET /api/v1/projects/{key}/evm":            func(*fixture, string) (string, string) { return p + "/evm?status_date=2027-01-05", "" },
		"GET /api/v1/projects/{key}/evm/scurve.svg": func(*fixture, string) (string, string) { return p + "/evm/scurve.svg?status_date=2027-01-05", "" },
		"GET /api/v1/projects/{key}/evm/breakdown.svg": func(*fixture, string) (string, string) {
			return p + "/evm/breakdown.svg?status_date=2027-01-05", ""
		},
		"GET /api/v1/projects/{key}/evm/trend.svg": func(*fixture, string) (string, string) { return p + "/evm/trend.svg?status_date=2027-01-05", "" },
	} {
		requests[pattern] = req
	}
}
