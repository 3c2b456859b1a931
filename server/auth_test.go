package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store"
)

// TestOpenUntilFirstAccount: a new server needs no sign-in and says how to
// create the first admin; once an account exists, everything but the
// sign-in page, health and static files needs one.
func TestOpenUntilFirstAccount(t *testing.T) {
	e := newAuthEnv(t, backends[0].open(t), server.Options{})
	home := e.do(who{html: true}, "GET", "/", "")
	if home.status != 200 || !bytes.Contains(home.body, []byte("cairn user add")) || !bytes.Contains(home.body, []byte("--admin")) {
		t.Fatalf("open home page does not say how to create the first admin: %d\n%s", home.status, home.body)
	}
	e.must(200, who{}, "GET", "/api/v1/projects", "")
	login := e.do(who{html: true}, "GET", "/login", "")
	if !bytes.Contains(login.body, []byte("no accounts yet")) {
		t.Fatalf("sign-in page of an open server:\n%s", login.body)
	}

	e.addUser("admin@example.com", true)
	r := e.do(who{}, "GET", "/api/v1/projects", "")
	if r.status != 401 || r.header.Get("WWW-Authenticate") == "" || r.json(t)["code"] != "not_signed_in" {
		t.Fatalf("API without credentials: %d %v\n%s", r.status, r.header, r.body)
	}
	page := e.do(who{html: true}, "GET", "/projects/NET?x=1", "")
	if page.status != http.StatusSeeOther || page.header.Get("Location") != "/login?next=%2Fprojects%2FNET%3Fx%3D1" {
		t.Fatalf("page without sign-in: %d → %q", page.status, page.header.Get("Location"))
	}
	for _, path := range []string{"/healthz", "/static/cairn.css", "/login"} {
		if r := e.do(who{html: true}, "GET", path, ""); r.status != 200 {
			t.Errorf("%s needs no sign-in, got %d", path, r.status)
		}
	}
	login = e.do(who{html: true}, "GET", "/login", "")
	for _, want := range []string{`<label for="email">`, `<label for="password">`, `autocomplete="current-password"`} {
		if !bytes.Contains(login.body, []byte(want)) {
			t.Errorf("sign-in form lacks %s", want)
		}
	}
}

func TestLoginLogoutCSRF(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			e := newAuthEnv(t, b.open(t), server.Options{Demo: func(ctx context.Context) (string, error) { return "NET", nil }})
			e.addUser("ann@example.com", false)

			bad := e.form("", "/login", map[string]string{"email": "ann@example.com", "password": "not the password"})
			if bad.status != 401 || !bytes.Contains(bad.body, []byte("email or password is wrong")) || bad.header.Get("Set-Cookie") != "" {
				t.Fatalf("wrong password: %d\n%s", bad.status, bad.body)
			}
			ok := e.form("", "/login", map[string]string{"email": "ANN@example.com", "password": password, "next": "/projects/NET"})
			if ok.status != http.StatusSeeOther || ok.header.Get("Location") != "/projects/NET" {
				t.Fatalf("sign in: %d → %q", ok.status, ok.header.Get("Location"))
			}
			set := ok.header.Get("Set-Cookie")
			for _, attr := range []string{"cairn_session=", "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age="} {
				if !strings.Contains(set, attr) {
					t.Errorf("session cookie %q lacks %s", set, attr)
				}
			}
			if strings.Contains(set, "Secure") {
				t.Errorf("cookie over plain HTTP is Secure: %q", set)
			}
			evil := e.form("", "/login", map[string]string{"email": "ann@example.com", "password": password, "next": "//evil.example/"})
			if evil.header.Get("Location") != "/" {
				t.Errorf("sign-in redirects off-site to %q", evil.header.Get("Location"))
			}

			cookie, csrf := e.login("ann@example.com")
			home := e.do(who{cookie: cookie, html: true}, "GET", "/", "")
			if home.status != 200 || !bytes.Contains(home.body, []byte(`<meta name="csrf-token" content="`+csrf+`">`)) ||
				!bytes.Contains(home.body, []byte("Signed in as ann")) {
				t.Fatalf("signed-in home page: %d\n%s", home.status, home.body)
			}

			// Cookie-authenticated writes need the session's CSRF token.
			body := `{"key":"NET","name":"Net","start":"2027-01-04"}`
			r := e.do(who{cookie: cookie}, "POST", "/api/v1/projects", body)
			if r.status != 403 || r.json(t)["code"] != "csrf_token_invalid" {
				t.Fatalf("write without CSRF token: %d %s", r.status, r.body)
			}
			r = e.do(who{cookie: cookie, csrf: "forged"}, "POST", "/api/v1/projects", body)
			if r.status != 403 {
				t.Fatalf("write with a wrong CSRF token: %d %s", r.status, r.body)
			}
			p := e.must(201, who{cookie: cookie, csrf: csrf}, "POST", "/api/v1/projects", body)
			if p["budget"] == nil {
				t.Fatalf("the creator (owner) does not see the budget: %v", p)
			}
			hist := e.must(200, who{cookie: cookie}, "GET", "/api/v1/projects/NET/changes", "")
			if ev := hist["events"].([]any)[0].(map[string]any); ev["actor"] != "ann@example.com" {
				t.Fatalf("audit actor %v, want the user's email", ev["actor"])
			}
			members := e.must(200, who{cookie: cookie}, "GET", "/api/v1/projects/NET/members", "")
			if m := members["members"].([]any); len(m) != 1 || m[0].(map[string]any)["role"] != "owner" {
				t.Fatalf("the creator is not the owner: %v", members)
			}
			// Forms carry it as a field.
			if r := e.form(cookie, "/demo", map[string]string{}); r.status != 403 {
				t.Fatalf("form without CSRF token: %d", r.status)
			}
			if r := e.form(cookie, "/demo", map[string]string{"csrf_token": csrf}); r.status != http.StatusSeeOther {
				t.Fatalf("form with CSRF token: %d %s", r.status, r.body)
			}

			// Logout ends the session on the server, not only in the browser.
			if r := e.form(cookie, "/logout", map[string]string{"csrf_token": csrf}); r.status != http.StatusSeeOther ||
				!strings.Contains(r.header.Get("Set-Cookie"), "Max-Age=0") {
				t.Fatalf("logout: %d %v", r.status, r.header)
			}
			if r := e.do(who{cookie: cookie}, "GET", "/api/v1/projects", ""); r.status != 401 {
				t.Fatalf("session still works after logout: %d", r.status)
			}
		})
	}
}

func TestSecureCookieOverTLS(t *testing.T) {
	st := backends[0].open(t)
	a := app.New(st, nil)
	if _, err := a.AddUser(context.Background(), app.NewUser{Email: "ann@example.com", Password: password}); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(a, discard(), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(srv.Handler())
	defer ts.Close()
	c := ts.Client()
	c.CheckRedirect = noFollow.CheckRedirect
	res, err := c.Post(ts.URL+"/login", "application/x-www-form-urlencoded", strings.NewReader("email=ann%40example.com&password=correct+horse+battery"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if set := res.Header.Get("Set-Cookie"); res.StatusCode != http.StatusSeeOther || !strings.Contains(set, "Secure") {
		t.Fatalf("sign-in over TLS: %d, cookie %q", res.StatusCode, set)
	}
}

func TestLoginRateLimit(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			e := newAuthEnv(t, b.open(t), server.Options{})
			e.app.SetLoginLimits(app.LoginLimits{Window: 15 * time.Minute, PerAccount: 3, PerIP: 100})
			e.addUser("ann@example.com", false)
			for range 3 {
				if r := e.form("", "/login", map[string]string{"email": "ann@example.com", "password": "guess guess guess"}); r.status != 401 {
					t.Fatalf("wrong password: %d", r.status)
				}
			}
			r := e.form("", "/login", map[string]string{"email": "ann@example.com", "password": password})
			wait, _ := strconv.Atoi(r.header.Get("Retry-After"))
			if r.status != 429 || wait < 800 || wait > 900 || !bytes.Contains(r.body, []byte("too many failed sign-ins")) {
				t.Fatalf("fourth attempt: %d, Retry-After %q\n%s", r.status, r.header.Get("Retry-After"), r.body)
			}
			if r.header.Get("Set-Cookie") != "" {
				t.Fatal("a rate-limited sign-in with the right password started a session")
			}
			// Another account from the same address is not locked out.
			e.addUser("bob@example.com", false)
			e.login("bob@example.com")
		})
	}
}

func TestAPITokens(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			e := newAuthEnv(t, b.open(t), server.Options{})
			e.addUser("ann@example.com", false)
			cookie, csrf := e.login("ann@example.com")
			browser := who{cookie: cookie, csrf: csrf}

			ro := e.must(201, browser, "POST", "/api/v1/tokens", `{"name":"dashboard","read_only":true}`)
			rw := e.must(201, browser, "POST", "/api/v1/tokens", `{"name":"deploy","expires_in":"90d"}`)
			roSecret, rwSecret := ro["token"].(string), rw["token"].(string)
			if !strings.HasPrefix(roSecret, "cairn_") || ro["read_only"] != true || ro["expires_at"] != nil {
				t.Fatalf("read-only token %v", ro)
			}
			exp, err := time.Parse(time.RFC3339, rw["expires_at"].(string))
			if err != nil || exp.Sub(time.Now()) < 89*24*time.Hour {
				t.Fatalf("90-day token expires %v", rw["expires_at"])
			}

			// Stored as SHA-256, never as the secret.
			var ks []domain.APIToken
			err = e.st.View(context.Background(), func(tx store.Tx) (err error) {
				u, err := tx.UserByEmail(context.Background(), "ann@example.com")
				if err == nil {
					ks, err = tx.APITokens(context.Background(), u.ID)
				}
				return err
			})
			sum := sha256.Sum256([]byte(roSecret))
			if err != nil || len(ks) != 2 || ks[0].TokenHash != hex.EncodeToString(sum[:]) {
				t.Fatalf("stored tokens %+v: %v", ks, err)
			}

			e.must(200, who{bearer: roSecret}, "GET", "/api/v1/projects", "")
			r := e.do(who{bearer: roSecret}, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
			if r.status != 403 || r.json(t)["code"] != "read_only_token" {
				t.Fatalf("write with a read-only token: %d %s", r.status, r.body)
			}
			if r := e.do(who{bearer: roSecret}, "POST", "/api/v1/tokens", `{"name":"escalate"}`); r.status != 403 {
				t.Fatalf("a read-only token made a token: %d", r.status)
			}
			e.must(201, who{bearer: rwSecret}, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)

			list := e.must(200, who{bearer: rwSecret}, "GET", "/api/v1/tokens", "")
			toks := list["tokens"].([]any)
			if len(toks) != 2 || toks[1].(map[string]any)["last_used_at"] == nil || bytes.Contains([]byte(list["tokens"].([]any)[0].(map[string]any)["name"].(string)), []byte("cairn_")) {
				t.Fatalf("token list %v", list)
			}
			for _, tk := range toks {
				if _, ok := tk.(map[string]any)["token"]; ok {
					t.Fatalf("the list shows a secret: %v", tk)
				}
			}

			// Revoked: no longer works. Someone else's token: not found.
			e.must(204, who{bearer: rwSecret}, "DELETE", "/api/v1/tokens/"+strconv.Itoa(int(num(ro["id"]))), "")
			if r := e.do(who{bearer: roSecret}, "GET", "/api/v1/projects", ""); r.status != 401 || r.json(t)["code"] != "invalid_token" {
				t.Fatalf("revoked token: %d %s", r.status, r.body)
			}
			e.addUser("bob@example.com", false)
			bob := e.token("bob@example.com", false)
			e.must(404, who{bearer: bob}, "DELETE", "/api/v1/tokens/"+strconv.Itoa(int(num(rw["id"]))), "")

			// Expired.
			expired := "cairn_EXPIREDTOKENEXPIREDTOKEN"
			hash := sha256.Sum256([]byte(expired))
			err = e.st.Update(context.Background(), func(tx store.Tx) error {
				u, err := tx.UserByEmail(context.Background(), "ann@example.com")
				if err != nil {
					return err
				}
				return tx.CreateAPIToken(context.Background(), &domain.APIToken{UserID: u.ID, Name: "old", TokenHash: hex.EncodeToString(hash[:]),
					ExpiresAt: time.Now().Add(-time.Minute), CreatedAt: time.Now().Add(-time.Hour)})
			})
			if err != nil {
				t.Fatal(err)
			}
			if r := e.do(who{bearer: expired}, "GET", "/api/v1/projects", ""); r.status != 401 || r.json(t)["code"] != "token_expired" {
				t.Fatalf("expired token: %d %s", r.status, r.body)
			}
			for _, h := range []string{"Basic YW5uOnB3", "Bearer nonsense", "Bearer " + strings.ToUpper(rwSecret)} {
				if r := e.do(who{}, "GET", "/api/v1/projects", "", "Authorization", h); r.status != 401 {
					t.Errorf("Authorization %q: %d", h, r.status)
				}
			}
			// Disabling the user stops their tokens.
			if _, err := e.app.SetUserDisabled(context.Background(), "ann@example.com", true); err != nil {
				t.Fatal(err)
			}
			if r := e.do(who{bearer: rwSecret}, "GET", "/api/v1/projects", ""); r.status != 401 {
				t.Fatalf("token of a disabled user: %d", r.status)
			}
		})
	}
}

func TestMetricsAccess(t *testing.T) {
	e := newAuthEnv(t, backends[0].open(t), server.Options{MetricsToken: "s3cret-metrics"})
	e.addUser("ann@example.com", false) // metrics do not use accounts
	if r := e.do(who{}, "GET", "/metrics", ""); r.status != 401 {
		t.Fatalf("metrics without the token: %d", r.status)
	}
	if r := e.do(who{bearer: "wrong"}, "GET", "/metrics", ""); r.status != 401 {
		t.Fatalf("metrics with a wrong token: %d", r.status)
	}
	if r := e.do(who{bearer: "s3cret-metrics"}, "GET", "/metrics", ""); r.status != 200 || !bytes.Contains(r.body, []byte("cairn_http_requests_total")) {
		t.Fatalf("metrics with the token: %d", r.status)
	}

	local := newAuthEnv(t, backends[0].open(t), server.Options{})
	if r := local.do(who{}, "GET", "/metrics", ""); r.status != 200 {
		t.Fatalf("metrics from loopback: %d", r.status)
	}
	if r := local.do(who{}, "GET", "/metrics", "", "X-Forwarded-For", "203.0.113.9"); r.status != 403 {
		t.Fatalf("metrics through a proxy: %d", r.status)
	}
}

// TestMembersAndCosts: members are managed through the API; only owners
// and managers see budgets.
func TestMembersAndCosts(t *testing.T) {
	e := newAuthEnv(t, backends[0].open(t), server.Options{})
	for _, u := range []string{"owner", "manager", "member", "viewer"} {
		e.addUser(u+"@example.com", false)
	}
	owner := who{bearer: e.token("owner@example.com", false)}
	manager := who{bearer: e.token("manager@example.com", false)}
	member := who{bearer: e.token("member@example.com", false)}
	e.must(201, owner, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04","budget":"1000.00"}`)
	e.must(201, owner, "POST", "/api/v1/projects/NET/members", `{"email":"Manager@Example.com","role":"manager"}`)
	e.must(201, manager, "POST", "/api/v1/projects/NET/members", `{"email":"member@example.com","role":"member"}`)
	e.must(201, manager, "POST", "/api/v1/projects/NET/members", `{"email":"viewer@example.com","role":"viewer"}`)
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"unknown user", `{"email":"nobody@example.com","role":"viewer"}`, 400, "unknown_user"},
		{"bad role", `{"email":"viewer@example.com","role":"boss"}`, 400, "invalid_role"},
		{"twice", `{"email":"viewer@example.com","role":"viewer"}`, 409, "already_member"},
	} {
		if r := e.do(owner, "POST", "/api/v1/projects/NET/members", tc.body); r.status != tc.status || r.json(t)["code"] != tc.code {
			t.Errorf("%s: %d %s", tc.name, r.status, r.body)
		}
	}
	// Managers cannot make owners; owners can; the last owner cannot go.
	if r := e.do(manager, "PATCH", "/api/v1/projects/NET/members/viewer@example.com", `{"role":"owner"}`); r.status != 403 {
		t.Fatalf("manager made an owner: %d", r.status)
	}
	if r := e.do(owner, "DELETE", "/api/v1/projects/NET/members/owner@example.com", ""); r.status != 409 || r.json(t)["code"] != "last_owner" {
		t.Fatalf("removing the last owner: %d %s", r.status, r.body)
	}
	m := e.must(200, owner, "PATCH", "/api/v1/projects/NET/members/viewer@example.com", `{"role":"member"}`)
	if m["role"] != "member" || m["version"] != 2.0 {
		t.Fatalf("role change %v", m)
	}
	if r := e.do(owner, "PATCH", "/api/v1/projects/NET/members/viewer@example.com", `{"role":"viewer"}`, "If-Match", `"1"`); r.status != 412 {
		t.Fatalf("stale role change: %d", r.status)
	}
	e.must(200, owner, "PATCH", "/api/v1/projects/NET/members/viewer@example.com", `{"role":"viewer"}`, "If-Match", `"2"`)

	// Costs.
	if p := e.must(200, manager, "GET", "/api/v1/projects/NET", ""); p["budget"] != "1000.00" {
		t.Fatalf("manager sees %v", p)
	}
	for _, as := range []who{member, {bearer: e.token("viewer@example.com", false)}} {
		p := e.must(200, as, "GET", "/api/v1/projects/NET", "")
		if _, ok := p["budget"]; ok || p["name"] != "Net" {
			t.Fatalf("a member sees the budget: %v", p)
		}
		list := e.must(200, as, "GET", "/api/v1/projects", "")
		if _, ok := list["projects"].([]any)[0].(map[string]any)["budget"]; ok {
			t.Fatalf("a member sees the budget in the list: %v", list)
		}
	}
	if r := e.do(member, "GET", "/api/v1/projects/NET/plan", ""); r.status != 403 {
		t.Fatalf("a member exported the plan file with its rates: %d", r.status)
	}
	e.must(204, owner, "DELETE", "/api/v1/projects/NET/members/member@example.com", "")
	e.must(404, member, "GET", "/api/v1/projects/NET", "")
	list := e.must(200, member, "GET", "/api/v1/projects", "")
	if n := len(list["projects"].([]any)); n != 0 {
		t.Fatalf("a non-member lists %d projects", n)
	}
}

// TestOrderOfChecks: 401, then 403 (or 404 for non-members), then 412.
func TestOrderOfChecks(t *testing.T) {
	e := newAuthEnv(t, backends[0].open(t), server.Options{})
	for _, u := range []string{"owner", "viewer", "member", "outsider"} {
		e.addUser(u+"@example.com", false)
	}
	owner := who{bearer: e.token("owner@example.com", false)}
	e.must(201, owner, "POST", "/api/v1/projects", `{"key":"NET","name":"Net","start":"2027-01-04"}`)
	e.must(201, owner, "POST", "/api/v1/projects/NET/members", `{"email":"viewer@example.com","role":"viewer"}`)
	e.must(201, owner, "POST", "/api/v1/projects/NET/members", `{"email":"member@example.com","role":"member"}`)
	tk := e.must(201, owner, "POST", "/api/v1/projects/NET/tasks", `{"name":"Order"}`)
	path := "/api/v1/projects/NET/tasks/" + strconv.Itoa(int(num(tk["id"])))
	stale := []string{"If-Match", `"99"`}
	for _, tc := range []struct {
		name   string
		as     who
		status int
	}{
		{"unauthenticated", who{}, 401},
		{"non-member", who{bearer: e.token("outsider@example.com", false)}, 404},
		{"viewer", who{bearer: e.token("viewer@example.com", false)}, 403},
		{"member", who{bearer: e.token("member@example.com", false)}, 412},
	} {
		if r := e.do(tc.as, "PATCH", path, `{"name":"x"}`, stale...); r.status != tc.status {
			t.Errorf("%s with a stale If-Match: %d, want %d (%s)", tc.name, r.status, tc.status, r.body)
		}
	}
	// A non-member learns nothing: same answer as for a project that does not exist.
	out := who{bearer: e.token("outsider@example.com", false)}
	a, b := e.do(out, "GET", "/api/v1/projects/NET", ""), e.do(out, "GET", "/api/v1/projects/NOPE", "")
	strip := regexp.MustCompile(`"(instance|request_id)":"[^"]*"|NET|NOPE`)
	if a.status != 404 || string(strip.ReplaceAll(a.body, nil)) != string(strip.ReplaceAll(b.body, nil)) {
		t.Fatalf("non-member vs missing project:\n%s\n%s", a.body, b.body)
	}
}
