package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/server"
)

// hammer sends requests from many goroutines at once with one bearer
// token. Unlike authEnv.do it reports failures as errors, since only the
// test's own goroutine may call t.Fatal.
type hammer struct {
	base, token string
	client      *http.Client
}

func newHammer(e *authEnv, token string) *hammer {
	tr := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}
	e.t.Cleanup(tr.CloseIdleConnections)
	return &hammer{base: e.url, token: token, client: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

func (h *hammer) do(method, path, body string, headers ...string) (response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.base+path, rd)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+h.token)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := h.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}, err
}

// lockFailure reports an answer that only a lock could explain: a server
// error, or a body that speaks of locks or deadlocks.
func lockFailure(r response) error {
	body := strings.ToLower(string(r.body))
	if r.status >= 500 || strings.Contains(body, "locked") || strings.Contains(body, "deadlock") || strings.Contains(body, "busy") {
		return fmt.Errorf("status %d: %s", r.status, r.body)
	}
	return nil
}

// concurrencyEnv is a signed-in owner's project with one task, on a real
// server over the given backend.
func concurrencyEnv(t *testing.T, backend int) (*hammer, string) {
	e := newAuthEnv(t, backends[backend].open(t), server.Options{})
	e.addUser("owner@example.com", false)
	owner := who{bearer: e.token("owner@example.com", false)}
	e.must(201, owner, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	tk := e.must(201, owner, "POST", "/api/v1/projects/NET/tasks", `{"name":"Shared","notes":""}`)
	return newHammer(e, owner.bearer), "/api/v1/projects/NET/tasks/" + strconv.FormatInt(num(tk["id"]), 10)
}

// TestConcurrentReadModifyWrite: 50 writers each read a task and append
// their mark to its notes with If-Match, retrying on 412. Every mark must
// survive: a lost update would drop one.
func TestConcurrentReadModifyWrite(t *testing.T) {
	const writers = 50
	for i, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			h, path := concurrencyEnv(t, i)
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			retries := make(chan int, writers)
			for w := range writers {
				wg.Go(func() {
					n, err := appendMark(h, path, fmt.Sprintf("[w%d]", w))
					errs <- err
					retries <- n
				})
			}
			wg.Wait()
			close(errs)
			close(retries)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			total := 0
			for n := range retries {
				total += n
			}
			r, err := h.do("GET", path, "")
			if err != nil || r.status != 200 {
				t.Fatalf("GET after the writers: %v %d %s", err, r.status, r.body)
			}
			got := r.json(t)
			notes := got["notes"].(string)
			for w := range writers {
				if mark := fmt.Sprintf("[w%d]", w); strings.Count(notes, mark) != 1 {
					t.Errorf("mark %s appears %d times in the notes, want once", mark, strings.Count(notes, mark))
				}
			}
			if v := num(got["version"]); v != 1+writers {
				t.Errorf("version %d after %d writes to a new task, want %d", v, writers, 1+writers)
			}
			t.Logf("%d writers, %d retries after 412", writers, total)
		})
	}
}

// appendMark reads the task and writes its notes with mark appended, with
// If-Match, until the write is not stale. It returns how often it retried.
func appendMark(h *hammer, path, mark string) (int, error) {
	for try := 0; try < 500; try++ {
		r, err := h.do("GET", path, "")
		if err != nil {
			return try, err
		}
		if r.status != 200 {
			return try, fmt.Errorf("%s: GET: status %d: %s", mark, r.status, r.body)
		}
		var tk struct{ Notes string }
		if err := json.Unmarshal(r.body, &tk); err != nil {
			return try, err
		}
		body, _ := json.Marshal(map[string]string{"notes": tk.Notes + mark})
		w, err := h.do("PATCH", path, string(body), "If-Match", r.header.Get("ETag"))
		switch {
		case err != nil:
			return try, err
		case w.status == http.StatusOK:
			return try, nil
		case w.status != http.StatusPreconditionFailed:
			return try, fmt.Errorf("%s: PATCH: status %d: %s", mark, w.status, w.body)
		}
		// Back off with jitter, so the losers of a round do not all come
		// back together.
		time.Sleep(time.Duration(rand.IntN(5000<<min(try, 4))) * time.Microsecond)
	}
	return 500, fmt.Errorf("%s: still stale after 500 tries", mark)
}

// TestConcurrentBlindWrites: at concurrency 8, 32 and 64, PATCHes without
// If-Match to a few shared tasks and creates of new tasks all succeed.
// Without If-Match there is no real conflict, so a 412, a 409, a 5xx or a
// "database is locked" would be the server failing for want of a lock.
// Every PATCH must also count: each bumps the task's version once.
func TestConcurrentBlindWrites(t *testing.T) {
	const opsPerWorker = 4
	for i, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			h, path := concurrencyEnv(t, i)
			patched, created := 0, 0
			for _, workers := range []int{8, 32, 64} {
				var wg sync.WaitGroup
				errs := make(chan error, workers*opsPerWorker)
				for w := range workers {
					wg.Go(func() {
						for op := range opsPerWorker {
							errs <- blindWrite(h, path, w, op)
						}
					})
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					if err != nil {
						t.Errorf("concurrency %d: %v", workers, err)
					}
				}
				patched += workers * opsPerWorker / 2
				created += workers * opsPerWorker / 2
			}
			r, err := h.do("GET", path, "")
			if err != nil || r.status != 200 {
				t.Fatalf("GET: %v %d %s", err, r.status, r.body)
			}
			if v := num(r.json(t)["version"]); v != int64(1+patched) {
				t.Errorf("version %d after %d PATCHes to a new task, want %d: a write was lost", v, patched, 1+patched)
			}
			r, err = h.do("GET", "/api/v1/projects/NET/tasks?limit=1000", "")
			if err != nil || r.status != 200 {
				t.Fatalf("list: %v %d %s", err, r.status, r.body)
			}
			if n := len(r.json(t)["tasks"].([]any)); n != 1+created {
				t.Errorf("%d tasks after %d creates, want %d", n, created, 1+created)
			}
		})
	}
}

// blindWrite is worker w's op-th write: alternately a PATCH without
// If-Match of the shared task and a create.
func blindWrite(h *hammer, path string, w, op int) error {
	var r response
	var err error
	want := http.StatusOK
	if op%2 == 0 {
		body := fmt.Sprintf(`{"percent_complete":%d,"notes":"w%d op%d"}`, (w+op)%101, w, op)
		r, err = h.do("PATCH", path, body)
	} else {
		want = http.StatusCreated
		r, err = h.do("POST", "/api/v1/projects/NET/tasks", fmt.Sprintf(`{"name":"w%d op%d","duration":"2d"}`, w, op))
	}
	if err != nil {
		return err
	}
	if err := lockFailure(r); err != nil {
		return err
	}
	if r.status != want {
		return fmt.Errorf("w%d op%d: status %d, want %d: %s", w, op, r.status, want, r.body)
	}
	return nil
}

// TestClientGoneIsNotAServerError: a request whose client hung up fails in
// the store with context.Canceled. That is nobody's failure, so it is
// answered 499 (and logged quietly), not counted as a 500.
func TestClientGoneIsNotAServerError(t *testing.T) {
	srv, err := server.New(app.New(backends[0].open(t), nil), discard(), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/projects", nil).WithContext(ctx))
	if rec.Code != 499 {
		t.Fatalf("status %d, want 499: %s", rec.Code, rec.Body)
	}
}
