package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/internal/pgtest"
)

// TestUserAndTokenCommands creates the first admin and a token with the
// CLI, exactly as the README says, and uses the token against a real
// `cairn serve` on the same database.
func TestUserAndTokenCommands(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { userAndTokenCommands(t, filepath.Join(t.TempDir(), "cairn.db")) })
	t.Run("postgres", func(t *testing.T) { userAndTokenCommands(t, pgtest.Schema(t)) })
}

func userAndTokenCommands(t *testing.T, db string) {
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"", []string{"user", "add", "--db", db, "--email", "ann@example.com", "--password-stdin"}, 1, "the password is empty"},
		{"short\n", []string{"user", "add", "--db", db, "--email", "ann@example.com", "--password-stdin"}, 1, "use at least 10"},
		{"long enough pw", []string{"user", "add", "--db", db, "--email", "ann@example.com"}, 2, "--password-stdin"},
		{"long enough pw", []string{"user", "add", "--db", db, "--password-stdin"}, 2, "--email is required"},
		{"long enough pw", []string{"user", "add", "--db", db, "--email", "not-an-email", "--password-stdin"}, 1, "not an email address"},
		{"", []string{"user"}, 2, "give a command"},
		{"", []string{"user", "frob"}, 2, `unknown command "frob"`},
		{"", []string{"token", "create", "--db", db, "--email", "ann@example.com"}, 2, "--name are required"},
	} {
		code, _, errs := runCLI(t, tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}

	code, out, errs := runCLI(t, "correct horse battery\n", "user", "add", "--db", db, "--email", "Ann@Example.com",
		"--name", "Ann Lee", "--admin", "--password-stdin")
	if code != 0 || !strings.Contains(out, "site administrator ann@example.com") {
		t.Fatalf("user add: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "another password", "user", "add", "--db", db, "--email", "ann@example.com", "--password-stdin"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("second user add: exit %d %s", code, errs)
	}
	runCLI(t, "bobs password!", "user", "add", "--db", db, "--email", "bob@example.com", "--password-stdin")
	code, out, _ = runCLI(t, "", "user", "list", "--db", db)
	if code != 0 || !regexp.MustCompile(`ann@example.com\s+Ann Lee\s+UTC\s+yes\s+-`).MatchString(out) || !strings.Contains(out, "bob@example.com") {
		t.Fatalf("user list: exit %d\n%s", code, out)
	}

	token := func(args ...string) string {
		t.Helper()
		code, out, errs := runCLI(t, "", append([]string{"token", "create", "--db", db}, args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "cairn_") {
			t.Fatalf("token create %v: exit %d\n%s%s", args, code, out, errs)
		}
		return lines[len(lines)-1]
	}
	annToken := token("--email", "ann@example.com", "--name", "laptop")
	roToken := token("--email", "ann@example.com", "--name", "dashboard", "--expires", "90d", "--read-only")
	bobToken := token("--email", "bob@example.com", "--name", "script")
	if code, _, errs := runCLI(t, "", "token", "create", "--db", db, "--email", "ann@example.com", "--name", "x", "--expires", "soon"); code != 2 || !strings.Contains(errs, "90d") {
		t.Fatalf("bad --expires: exit %d %s", code, errs)
	}

	url, stop := startServe(t, db)
	defer stop()
	call := func(method, path, token string) int {
		t.Helper()
		req, _ := http.NewRequest(method, url+path, strings.NewReader(`{"key":"NET","name":"Net","start":"2027-01-04"}`))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for _, tc := range []struct {
		method, path, token string
		status              int
	}{
		{"GET", "/api/v1/projects", "", 401},
		{"GET", "/healthz", "", 200},
		{"GET", "/api/v1/projects", annToken, 200},
		{"POST", "/api/v1/projects", roToken, 403},
		{"POST", "/api/v1/projects", annToken, 201},
		{"GET", "/api/v1/projects/NET", bobToken, 404},
		{"GET", "/api/v1/projects/NET", roToken, 200},
	} {
		if got := call(tc.method, tc.path, tc.token); got != tc.status {
			t.Errorf("%s %s with token %.12s: %d, want %d", tc.method, tc.path, tc.token, got, tc.status)
		}
	}
	if code, out, errs := runCLI(t, "", "user", "disable", "--db", db, "--email", "bob@example.com"); code != 0 || !strings.Contains(out, "disabled bob@example.com") {
		t.Fatalf("user disable: exit %d %s%s", code, out, errs)
	}
	if got := call("GET", "/api/v1/projects", bobToken); got != 401 {
		t.Fatalf("token of a disabled user: %d", got)
	}
}

// startServe runs `cairn serve` on a free port over db and returns its URL
// and a function that stops it.
func startServe(t *testing.T, db string) (string, func()) {
	return startServeWith(t, func(string) string { return "" }, "--db", db)
}

// startServeWith runs `cairn serve` on a free port with the given
// environment and extra arguments, waits until it reports its address,
// and returns it with a function that stops the server as SIGTERM would
// and checks that it shut down cleanly.
func startServeWith(t *testing.T, getenv func(string) string, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: pw, getenv: getenv}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		pw.Close()
	}()
	url := ""
	sc := bufio.NewScanner(pr)
	re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			url = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		cancel()
		t.Fatal("server did not report its address")
	}
	return url, func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d", code)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	}
}

// TestShutdownEndsEventStreams stops a server that has a client on a live
// event stream: the stream must end so that the graceful shutdown
// completes well inside its grace period (an hour here), instead of
// waiting for the client to leave.
func TestShutdownEndsEventStreams(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	url, stop := startServeWith(t, func(k string) string { return map[string]string{"CAIRN_DB": db}[k] }, "--demo", "--shutdown-timeout", "1h")
	res, err := http.Get(url + "/api/v1/projects/NET/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("events: status %d", res.StatusCode)
	}
	ended := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, res.Body); ended <- err }()
	stop() // fails the test unless serve exits 0 within 20 s
	select {
	case <-ended:
	case <-time.After(20 * time.Second):
		t.Error("the event stream is still open after shutdown")
	}
}
