package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
)

// TestEventStream edits a task through one node and reads the change from
// another node's event stream: two servers on one PostgreSQL database, as
// `cairn serve` runs on several machines, and one server on SQLite.
func TestEventStream(t *testing.T) {
	ctx := context.Background()
	node := func(st store.Store) string {
		t.Cleanup(func() { st.Close() })
		srv, err := server.New(app.New(st, nil), discard(), server.Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		return ts.URL
	}
	t.Run("postgres, two nodes", func(t *testing.T) {
		url := pgtest.Schema(t)
		a, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		b, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		checkEventStream(t, node(a), node(b))
	})
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cairn.db"))
		if err != nil {
			t.Fatal(err)
		}
		u := node(st)
		checkEventStream(t, u, u)
	})
}

func checkEventStream(t *testing.T, writer, reader string) {
	w := client{t, writer}
	w.must(201, "POST", "/api/v1/projects", `{"key":"LIVE","name":"Live","start":"2027-03-01"}`)
	task := w.must(201, "POST", "/api/v1/projects/LIVE/tasks", `{"name":"Rack switches","duration":"2d"}`)
	id := int64(task["id"].(float64))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", reader+"/api/v1/projects/LIVE/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("status %d, content type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(res.Body)
	if !lines.Scan() || lines.Text() != ": connected" {
		t.Fatalf("first line %q, want the connected comment", lines.Text())
	}
	// Subscribed: now the edit, through the other node.
	w.must(200, "PATCH", "/api/v1/projects/LIVE/tasks/"+itoa(id), `{"duration":"3d"}`)
	var event struct {
		id, name string
		data     map[string]any
	}
	for lines.Scan() {
		l := lines.Text()
		switch {
		case strings.HasPrefix(l, "id: "):
			event.id = strings.TrimPrefix(l, "id: ")
		case strings.HasPrefix(l, "event: "):
			event.name = strings.TrimPrefix(l, "event: ")
		case strings.HasPrefix(l, "data: "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(l, "data: ")), &event.data); err != nil {
				t.Fatal(err)
			}
		}
		if l == "" && event.data != nil {
			break
		}
	}
	if event.name != "change" || event.data["entity"] != "task" || int64(event.data["entity_id"].(float64)) != id ||
		event.data["action"] != "update" || event.id != itoa(int64(event.data["event"].(float64))) {
		t.Fatalf("event %+v; want the task's update, with its audit event as id", event)
	}
	// The event names an audit event that the changes listing has.
	changes := w.must(200, "GET", "/api/v1/projects/LIVE/changes?since=2000-01-01T00:00:00Z", "")
	found := false
	for _, c := range changes["events"].([]any) {
		if itoa(int64(c.(map[string]any)["id"].(float64))) == event.id {
			found = true
		}
	}
	if !found {
		t.Errorf("audit event %s is not among the project's changes: %v", event.id, changes)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
