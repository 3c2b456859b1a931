package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store"
)

// TestBackupRestore builds a database with the CLI and the app layer,
// backs it up, restores it into an empty SQLite database and into
// PostgreSQL, and checks that backing those up gives the same file.
func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	cli(t, "", "import", "../../demo/office-network.yaml", "--db", src)
	cli(t, "correct horse battery\n", "user", "add", "--db", src, "--email", "ann@example.com", "--admin", "--password-stdin")
	cli(t, "bobs long password\n", "user", "add", "--db", src, "--email", "bob@example.com", "--password-stdin")
	edit(t, src)

	first := filepath.Join(dir, "first.json")
	cli(t, "", "backup", "--db", src, "-o", first)
	want := withoutCreated(t, readFile(t, first))
	if info, err := os.Stat(first); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode %v (%v); it holds password hashes, want 0600", info.Mode(), err)
	}

	for _, target := range []struct{ name, db string }{
		{"sqlite", filepath.Join(dir, "copy.db")},
		{"postgres", pgtest.Schema(t)},
	} {
		t.Run(target.name, func(t *testing.T) {
			out := cli(t, "", "restore", "--db", target.db, first)
			if !strings.Contains(out, "restored 2 users, 1 projects (54 tasks)") {
				t.Errorf("restore said %q", out)
			}
			if got := withoutCreated(t, cli(t, "", "backup", "--db", target.db, "-o", "-")); got != want {
				t.Fatalf("the backup of the restored database differs from the original:\n%s", lineDiff(want, got))
			}
		})
	}

	t.Run("refuses a full database", func(t *testing.T) {
		code, _, errs := runCLI(t, "", "restore", "--db", src, first)
		if code != 1 || !strings.Contains(errs, "not empty") || !strings.Contains(errs, "--force") {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if got := withoutCreated(t, cli(t, "", "backup", "--db", src, "-o", "-")); got != want {
			t.Fatal("a refused restore changed the database")
		}
		cli(t, "", "restore", "--db", src, "--force", first)
		if got := withoutCreated(t, cli(t, "", "backup", "--db", src, "-o", "-")); got != want {
			t.Fatalf("restore --force of the database's own backup changed it:\n%s", lineDiff(want, got))
		}
	})

	t.Run("bad files", func(t *testing.T) {
		good := readFile(t, first)
		link := regexp.MustCompile(`"successor": \d+`).FindStringIndex(good)
		empty := filepath.Join(dir, "empty.db")
		for _, tc := range []struct{ name, data, want string }{
			{"truncated", good[:len(good)*2/3], "truncated"},
			{"unknown version", strings.Replace(good, `"version": 1,`, `"version": 7,`, 1), "version: backup format version 7 is not supported"},
			{"link to a missing task", good[:link[0]] + `"successor": 9999` + good[link[1]:], "projects[0].dependencies[0].successor: there is no task with uid 9999"},
		} {
			path := writeFile(t, "bad.json", tc.data)
			for _, args := range [][]string{{"--db", empty}, {"--db", src, "--force"}} {
				code, _, errs := runCLI(t, "", append([]string{"restore", path}, args...)...)
				if code != 1 || !strings.Contains(errs, tc.want) || !strings.Contains(errs, "nothing was restored") {
					t.Errorf("%s %v: exit %d, %q; want %q", tc.name, args, code, errs, tc.want)
				}
			}
		}
		if got := withoutCreated(t, cli(t, "", "backup", "--db", src, "-o", "-")); got != want {
			t.Error("a refused restore --force changed the database")
		}
		var f struct{ Users, Projects []any }
		if err := json.Unmarshal([]byte(cli(t, "", "backup", "--db", empty, "-o", "-")), &f); err != nil || len(f.Users)+len(f.Projects) != 0 {
			t.Errorf("a refused restore wrote into the empty database (%v)", err)
		}
	})

	if code, _, errs := runCLI(t, "", "backup", "--db", src); code != 2 || !strings.Contains(errs, "-o is required") {
		t.Errorf("backup without -o: exit %d %s", code, errs)
	}
}

// edit works on the imported project through the app layer, as the web
// UI would: a member, task edits, a new task and a baseline, all audited.
func edit(t *testing.T, db string) {
	t.Helper()
	ctx := app.WithActor(context.Background(), "ann@example.com")
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := app.New(st, nil)
	check := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check(a.AddMember(ctx, "NET", "bob@example.com", domain.RoleMember))
	_, tasks, err := a.Tasks(ctx, "NET", store.Page{})
	check(nil, err)
	k := tasks[len(tasks)-1]
	check(a.UpdateTask(ctx, "NET", k.ID, k.Version, func(_ domain.Project, k *domain.Task) error {
		k.PercentComplete, k.ActualStart, k.Notes = 25, time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC), "Started early"
		return nil
	}))
	check(a.CreateTask(ctx, "NET", func(_ domain.Project, k *domain.Task) error {
		k.Name, k.Parent, k.Duration = "Update the network diagrams", tasks[0].ID, domain.Duration{Minutes: 480}
		return nil
	}))
	check(a.SaveBaseline(ctx, "NET", 0))
}

func cli(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, stdin, args...)
	if code != 0 {
		t.Fatalf("cairn %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withoutCreated drops the backup's creation time, the one line that
// differs between backups of the same data.
func withoutCreated(t *testing.T, backup string) string {
	t.Helper()
	out := regexp.MustCompile(`(?m)^  "created": "[^"]*",\n`).ReplaceAllString(backup, "")
	if out == backup {
		t.Fatalf("no creation time in the backup:\n%.300s", backup)
	}
	return out
}

// lineDiff shows the first line where two texts differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return strings.Join(al[max(0, i-3):i+1], "\n") + "\n--- became ---\n" + strings.Join(bl[max(0, i-3):i+1], "\n")
		}
	}
	return "one text is longer than the other"
}
