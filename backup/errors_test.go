package backup_test

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// small is testdata/small.json: a backup with one of everything.
func small(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit changes a backup through its JSON tree.
func edit(t *testing.T, data string, fn func(f map[string]any)) string {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		t.Fatal(err)
	}
	fn(f)
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// at walks a JSON tree: at(f, "projects", 0, "tasks", 3) is
// f.projects[0].tasks[3].
func at(v any, path ...any) map[string]any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v.(map[string]any)
}

// TestBadBackups restores broken files into an empty database and, with
// --force, into a full one: each is refused with the place named, and
// neither database changes.
func TestBadBackups(t *testing.T) {
	good := small(t)
	// Cut at a line end, as a copy interrupted between writes would, so
	// the cut never falls inside a string's escape sequence.
	half := good[:strings.LastIndex(good[:len(good)/2], "\n")+1]
	cases := []struct {
		name string
		data string
		want string
	}{
		{"truncated", half, "line " + strconv.Itoa(strings.Count(half, "\n")+1) + ", column"},
		{"truncated says so", half, "truncated"},
		{"empty", "", "not valid JSON"},
		{"not an object", "[1, 2]", "not a Cairn backup"},
		{"other format", strings.Replace(good, `"cairn-backup"`, `"trello"`, 1), `format: this is not a Cairn backup: format is "trello"`},
		{"unknown version", strings.Replace(good, `"version": 1,`, `"version": 2,`, 1), "version: backup format version 2 is not supported"},
		{"link to a missing task", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "dependencies", 1)["successor"] = 99
		}), "projects[0].dependencies[1].successor: there is no task with uid 99"},
		{"parent missing", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 3)["parent"] = 42
		}), "projects[0].tasks[3].parent: there is no task with uid 42"},
		{"parent cycle", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 0)["parent"] = 2
		}), "projects[0].tasks.build.parent"},
		{"unknown calendar", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 2)["calendar"] = "Moon"
		}), `projects[0].tasks[2].calendar: there is no calendar "Moon"`},
		{"calendar base cycle", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "calendars", 0)["base"] = "Night"
		}), "projects[0].calendars[0].base"},
		{"duplicate uid", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 1)["uid"] = 1
		}), "projects[0].tasks[1].uid"},
		{"unknown field", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 0)["colour"] = "red"
		}), `projects[0].tasks[0].colour: unknown field "colour"`},
		{"wrong type", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 2)["uid"] = "3"
		}), "projects[0].tasks[2].uid: got a JSON string, want an integer"},
		{"nested wrong type", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 2, "duration")["minutes"] = true
		}), "projects[0].tasks[2].duration.minutes: got a JSON bool"},
		{"bad time", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 2)["constraint_date"] = "next Friday"
		}), `projects[0].tasks[2].constraint_date: "next Friday" is not a local time`},
		{"bad interval", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "calendars", 1, "week")["mon"] = []any{"20:00-19:00"}
		}), "projects[0].calendars[1].week.mon[0]"},
		{"member without account", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "members", 1)["email"] = "cy@example.com"
		}), `projects[0].members[1].email: there is no user "cy@example.com"`},
		{"bad role", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "members", 1)["role"] = "king"
		}), "projects[0].members[1].role"},
		{"duplicate user", edit(t, good, func(f map[string]any) {
			at(f, "users", 1)["email"] = "ann@example.com"
		}), `users[1].email: "ann@example.com" is already users[0]`},
		{"duplicate project", edit(t, good, func(f map[string]any) {
			f["projects"] = append(f["projects"].([]any), f["projects"].([]any)[0])
		}), `projects[1].project.key: project "NET" is already projects[0]`},
		{"audit names a missing task", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "audit", 3)["ref"] = "uid:77"
		}), `projects[0].audit[3].ref: "uid:77": there is no such task`},
		{"audit change names a missing task", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "audit", 1, "changes", 1)["new"] = "uid:77"
		}), "projects[0].audit[1].changes[1].new"},
		{"audit change holds a database ID", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "audit", 1, "changes", 1)["new"] = "17"
		}), `projects[0].audit[1].changes[1].new: "17" is a database ID`},
		{"audit of no project names a missing user", edit(t, good, func(f map[string]any) {
			at(f, "audit", 0)["ref"] = "email:zed@example.com"
		}), "audit[0].ref"},
		{"token by reference", edit(t, good, func(f map[string]any) {
			at(f, "audit", 1)["ref"] = "id:3"
		}), "audit[1].ref"},
		{"invalid task", edit(t, good, func(f map[string]any) {
			at(f, "projects", 0, "tasks", 1)["percent_complete"] = 140
		}), "projects[0].tasks[1].percent_complete"},
	}
	empty := openSQLite(t)
	full := openSQLite(t)
	if _, err := restore(t, full, good, false); err != nil {
		t.Fatal(err)
	}
	before := backupOf(t, full)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, target := range []struct {
				s     store.Store
				force bool
			}{{empty, false}, {full, true}} {
				_, err := restore(t, target.s, tc.data, target.force)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got %v, want an error saying %q", err, tc.want)
				}
				if k := domain.ErrorKind(err); k != domain.KindInvalid && k != domain.KindConflict {
					t.Errorf("error kind %s, want invalid", k)
				}
			}
		})
	}
	if got := backupOf(t, empty); strings.Contains(got, `"key"`) || strings.Contains(got, "@") {
		t.Error("a refused restore wrote into the empty database")
	}
	if backupOf(t, full) != before {
		t.Error("a refused restore --force changed the database")
	}
}

// TestRestoreRefusesWhatTheStoreDrops restores into a store that loses
// task notes, as a store without a new field's column would: the
// restore fails, naming the field, and nothing is written.
func TestRestoreRefusesWhatTheStoreDrops(t *testing.T) {
	s := &droppingStore{Store: openSQLite(t)}
	_, err := restore(t, s, small(t), false)
	if err == nil || !strings.Contains(err.Error(), `projects[0].tasks[2].notes: the database did not keep "Weekend work"`) {
		t.Fatalf("got %v", err)
	}
	if got := backupOf(t, s.Store); strings.Contains(got, `"key"`) {
		t.Error("the failed restore wrote data")
	}
}

type droppingStore struct{ store.Store }

func (s *droppingStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.Update(ctx, func(tx store.Tx) error { return fn(droppingTx{tx}) })
}

type droppingTx struct{ store.Tx }

func (t droppingTx) CreateTask(ctx context.Context, k *domain.Task) error {
	k.Notes = ""
	return t.Tx.CreateTask(ctx, k)
}
