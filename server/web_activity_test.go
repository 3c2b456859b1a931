package server

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// TestActivitySentences puts audit events into the Activity page's words.
func TestActivitySentences(t *testing.T) {
	n := activityNames{people: map[string]string{"priya@example.com": "Priya Nair"},
		entities: map[string]string{"task:7": "Configure switches", "report:3": "the status report of 2027-01-08"},
		deleted:  map[int64]bool{9: true}}
	at := time.Date(2027, 1, 8, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		ev   domain.AuditEvent
		want string
	}{
		{"a change", domain.AuditEvent{Entity: "task", EntityID: 7, Action: "update", Actor: "priya@example.com",
			Changes: []domain.Change{{Field: "duration", Old: "4d", New: "5d"}}},
			"Priya Nair changed the duration of Configure switches from 4d to 5d"},
		{"nothing changed", domain.AuditEvent{Entity: "report", EntityID: 3, Action: "update", Actor: "priya@example.com",
			Changes: []domain.Change{{Field: "decisions", Old: "a", New: "a"}}}, ""},
		{"a deleted task, by the name it had", domain.AuditEvent{Entity: "task", EntityID: 8, Action: "delete", Actor: "cli",
			Changes: []domain.Change{{Field: "name", Old: "Old task"}}}, "cli deleted task Old task"},
		{"a comment", domain.AuditEvent{Entity: "comment", EntityID: 5, Action: "create", Actor: "priya@example.com",
			Changes: []domain.Change{{Field: "on", New: "report 3"}, {Field: "body", New: "Why red?"}}},
			"Priya Nair commented on the status report of 2027-01-08: “Why red?”"},
		{"a comment deleted since", domain.AuditEvent{Entity: "comment", EntityID: 9, Action: "create", Actor: "priya@example.com",
			Changes: []domain.Change{{Field: "on", New: "task 7"}, {Field: "body", New: "my password is hunter2"}}},
			"Priya Nair commented on Configure switches (the comment was deleted since)"},
		{"overrides", domain.AuditEvent{Entity: "report", EntityID: 3, Action: "update", Actor: "priya@example.com",
			Changes: []domain.Change{{Field: "overrides", Old: "[]", New: `[{"area":"schedule","level":"red","justification":"late"}]`}}},
			"Priya Nair set the RAG levels of the status report of 2027-01-08 to schedule red (“late”)"},
		{"an import", domain.AuditEvent{Entity: "project", EntityID: 1, Action: "import", Actor: "cli"}, "cli imported project project 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.ev.At = at
			if got := n.describe(tc.ev).Sentence; got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
