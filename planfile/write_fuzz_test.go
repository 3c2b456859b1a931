package planfile

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cairnpm/cairn/domain"
)

// FuzzWrite builds plans holding arbitrary text and checks that whatever
// Validate accepts, Write writes and Parse reads back unchanged: quoting,
// block scalars and odd characters must all survive.
func FuzzWrite(f *testing.F) {
	f.Add("Office network", "Site survey", "survey", "Walk every floor.\nCount ports.\n", "London office", "alice", "Alice Martin", "Good Friday")
	f.Add("  x", "- a: b", "null", "\r\n\u2028\u0085 ", "~", "12", "true", "#x")
	f.Add("a'b\"c", "[x, y]", "café", "\t tab", "Standard", "r1", "{a}", "")
	f.Fuzz(func(t *testing.T, project, task, ref, notes, calendar, resRef, resName, holiday string) {
		p := fuzzPlan(project, task, ref, notes, calendar, resRef, resName, holiday)
		valid := *clonePlan(p)
		if valid.Validate() != nil {
			return
		}
		out, err := Write(p)
		if err != nil {
			t.Fatalf("Write of a valid plan: %v", err)
		}
		for _, s := range []string{project, task, ref, notes, calendar, resRef, resName, holiday} {
			if !utf8.ValidString(s) {
				return // written with U+FFFD in place of the bad bytes: not the same text
			}
		}
		back, err := Parse("written.yaml", out)
		if err != nil {
			t.Fatalf("Parse(Write(p)): %v\n%s", err, out)
		}
		want := &valid
		for i := range want.Tasks {
			if !validRef(want.Tasks[i].Ref) {
				want.Tasks[i].Ref = back.Tasks[i].Ref
			}
		}
		for i := range want.Resources {
			if !validRef(want.Resources[i].Ref) {
				want.Resources[i].Ref = back.Resources[i].Ref
			}
		}
		if want.Calendars[1].Name != back.Calendars[1].Name && strings.TrimSpace(calendar) == "Standard" {
			want.Calendars[1].Name = back.Calendars[1].Name // renamed so as not to clash
		}
		if diff := PlanDiff(want, back); diff != "" {
			t.Fatalf("Parse(Write(p)) differs: %s\n%s", diff, out)
		}
	})
}

func fuzzPlan(project, task, ref, notes, calendar, resRef, resName, holiday string) *domain.Plan {
	day := func(d int) time.Time { return time.Date(2027, 1, d, 0, 0, 0, 0, time.UTC) }
	p := &domain.Plan{
		Project: domain.Project{ID: 1, Key: "NET", Name: project, Description: notes, Sponsor: holiday,
			Start: day(4), CalendarID: 1, Currency: "GBP", TimeZone: "UTC", Units: domain.DefaultUnits},
		Calendars: []domain.Calendar{
			{ID: 1, ProjectID: 1, Name: "Standard", Week: domain.StandardWeek(),
				Exceptions: []domain.Exception{{Name: holiday, From: day(1), To: day(1)}}},
			{ID: 2, ProjectID: 1, Name: strings.TrimSpace(calendar), BaseID: 1},
		},
		Tasks: []domain.Task{
			{ID: 1, ProjectID: 1, UID: 1, Ref: strings.TrimSpace(ref), Name: task, Notes: notes, Priority: 500},
			{ID: 2, ProjectID: 1, UID: 2, Parent: 1, Name: "Child", Priority: 500, CalendarID: 2},
			{ID: 3, ProjectID: 1, UID: 3, Position: 1, Name: strings.TrimSpace(task) + " 2", Priority: 500},
		},
		Dependencies: []domain.Dependency{{ID: 1, ProjectID: 1, Predecessor: 1, Successor: 3, Type: domain.SS}},
		Resources: []domain.Resource{
			{ID: 1, ProjectID: 1, UID: 1, Ref: strings.TrimSpace(resRef), Name: resName, Email: notes, Group: holiday, MaxUnits: 1},
		},
		Assignments: []domain.Assignment{{ID: 1, ProjectID: 1, Task: 2, Resource: 1, Units: 1}},
	}
	return p
}
