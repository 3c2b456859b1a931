package backup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/backup"
	"github.com/cairnpm/cairn/backup/backuptest"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
)

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// backupOf writes a backup of s without its "created" line, which is the
// only part that differs between backups of the same data.
func backupOf(t *testing.T, s store.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := backup.Write(context.Background(), s, &buf); err != nil {
		t.Fatal(err)
	}
	return created.ReplaceAllString(buf.String(), "")
}

var created = regexp.MustCompile(`(?m)^  "created": .*\n`)

// populatedBackup is a backup of backuptest.Populate's data.
func populatedBackup(t *testing.T) string {
	t.Helper()
	s := openSQLite(t)
	backuptest.Populate(t, s)
	var buf bytes.Buffer
	if err := backup.Write(context.Background(), s, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func restore(t *testing.T, s store.Store, data string, force bool) (backup.Summary, error) {
	t.Helper()
	return backup.Restore(context.Background(), s, strings.NewReader(data), force)
}

func TestRoundTrip(t *testing.T) {
	src := openSQLite(t)
	backuptest.Populate(t, src)
	first := backupOf(t, src)
	dst := openSQLite(t)
	sum, err := restore(t, dst, first, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Users != 2 || sum.Projects != 1 || sum.Tasks < 50 || sum.AuditEvents < 15 {
		t.Errorf("summary %+v", sum)
	}
	if second := backupOf(t, dst); second != first {
		t.Fatalf("the backup of the restored database differs:\n%s", firstDiff(first, second))
	}
	pg, err := postgres.Open(context.Background(), pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if _, err := restore(t, pg, first, false); err != nil {
		t.Fatal(err)
	}
	if second := backupOf(t, pg); second != first {
		t.Fatalf("the backup of the database restored into PostgreSQL differs:\n%s", firstDiff(first, second))
	}
	for _, want := range []string{`"ref": "deleted:1"`, `"old": "uid:`, `"ref": "link:`, `"ref": "email:bob@example.com"`,
		`"entity": "token"`, `"password_hash": "$argon2id$`} {
		if !strings.Contains(first, want) {
			t.Errorf("the backup has no %s", want)
		}
	}
	if strings.Contains(first, `"id"`) {
		t.Error("the backup holds database IDs")
	}
	// The restored account signs in with its old password.
	if _, _, err := app.New(dst, nil).Login(context.Background(), "ann@example.com", "correct horse battery", "127.0.0.1"); err != nil {
		t.Fatalf("sign-in after restore: %v", err)
	}
}

func TestRestoreIntoNonEmpty(t *testing.T) {
	data := populatedBackup(t)
	s := openSQLite(t)
	if _, err := restore(t, s, data, false); err != nil {
		t.Fatal(err)
	}
	before := backupOf(t, s)
	_, err := restore(t, s, data, false)
	if domain.ErrorKind(err) != domain.KindConflict || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("restore into a full database: %v", err)
	}
	if backupOf(t, s) != before {
		t.Fatal("a refused restore changed the database")
	}

	// --force replaces projects, updates the backup's users and keeps
	// others; the same backup twice gives the same database.
	ctx := app.WithActor(context.Background(), "cli")
	a := app.New(s, nil)
	if _, err := a.AddUser(ctx, app.NewUser{Email: "cy@example.com", Password: "cys long password"}); err != nil {
		t.Fatal(err)
	}
	p := domain.Project{Key: "NEW", Name: "Made after the backup", Start: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}
	p.Normalize()
	if _, err := a.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := restore(t, s, data, true); err != nil {
		t.Fatal(err)
	}
	after := backupOf(t, s)
	var f backup.File
	if err := json.Unmarshal([]byte(after), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Projects) != 1 || f.Projects[0].Project.Key != "NET" || len(f.Users) != 3 || f.Users[2].Email != "cy@example.com" {
		t.Fatalf("after --force: %d projects, users %+v", len(f.Projects), f.Users)
	}
	if n := strings.Count(after, `"action": "revoke"`) + strings.Count(after, `"entity": "token"`); n != strings.Count(before, `"entity": "token"`) {
		t.Errorf("--force repeated the events of no project: %d token events, want %d", n, strings.Count(before, `"entity": "token"`))
	}
}

// TestRestoreRollsBack fails the restore's last write and checks that
// the first ones were undone.
func TestRestoreRollsBack(t *testing.T) {
	data := populatedBackup(t)
	s := &failingStore{Store: openSQLite(t), failAfter: 20}
	_, err := restore(t, s, data, false)
	if !errors.Is(err, errInjected) {
		t.Fatalf("restore: %v", err)
	}
	if got := backupOf(t, s.Store); strings.Contains(got, `"key"`) || strings.Contains(got, "@example.com") {
		t.Fatalf("a failed restore left data behind:\n%s", got)
	}
}

var errInjected = errors.New("injected failure")

// failingStore fails the nth audit event recorded.
type failingStore struct {
	store.Store
	failAfter int
}

func (s *failingStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.Update(ctx, func(tx store.Tx) error { return fn(&failingTx{Tx: tx, left: &s.failAfter}) })
}

type failingTx struct {
	store.Tx
	left *int
}

func (t *failingTx) RecordAudit(ctx context.Context, e *domain.AuditEvent) error {
	if *t.left--; *t.left < 0 {
		return errInjected
	}
	return t.Tx.RecordAudit(ctx, e)
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "one is longer"
}
