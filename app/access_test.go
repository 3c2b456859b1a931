package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store/sqlite"
)

// cheap makes password hashing fast for tests that are not about it.
var cheap = PasswordParams{MemoryKiB: 64, Time: 1, Threads: 1}

func newApp(t *testing.T) (*App, *time.Time) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(st, nil)
	a.passwords = cheap
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	a.now = func() time.Time { return now }
	return a, &now
}

func wantKind(t *testing.T, err error, kind domain.Kind) {
	t.Helper()
	if got := domain.ErrorKind(err); err == nil || got != kind {
		t.Fatalf("got %v (%s), want %s", err, got, kind)
	}
}

func TestPasswordHash(t *testing.T) {
	a := New(nil, nil)
	ctx := context.Background()
	h1, err := a.hashPassword(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := a.hashPassword(ctx, "correct horse battery")
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") || h1 == h2 {
		t.Fatalf("hashes %s and %s: want PHC argon2id with per-hash salts", h1, h2)
	}
	if ok, stale, err := a.verifyPassword(ctx, h1, "correct horse battery"); !ok || stale || err != nil {
		t.Fatalf("right password: ok %v stale %v err %v", ok, stale, err)
	}
	if ok, _, _ := a.verifyPassword(ctx, h1, "correct horse batterY"); ok {
		t.Fatal("wrong password verified")
	}
	a.passwords = cheap
	if _, stale, _ := a.verifyPassword(ctx, h1, "correct horse battery"); !stale {
		t.Fatal("a hash with other parameters is not reported stale")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaA"} {
		if _, _, err := a.verifyPassword(ctx, bad, "x"); err == nil {
			t.Errorf("hash %q accepted", bad)
		}
	}
}

func TestDecide(t *testing.T) {
	user := Principal{User: domain.User{ID: 1, Email: "u@example.com"}}
	admin := Principal{User: domain.User{ID: 2, SiteAdmin: true}}
	readOnly := user
	readOnly.ReadOnly = true
	tests := []struct {
		name   string
		p      Principal
		role   domain.Role
		action Action
		want   domain.Kind // "" for allowed
	}{
		{"owner deletes", user, domain.RoleOwner, ActionDeleteProject, ""},
		{"manager cannot delete", user, domain.RoleManager, ActionDeleteProject, domain.KindForbidden},
		{"manager manages members", user, domain.RoleManager, ActionManageMembers, ""},
		{"manager cannot touch owners", user, domain.RoleManager, ActionManageOwners, domain.KindForbidden},
		{"manager sees costs", user, domain.RoleManager, ActionViewCosts, ""},
		{"member edits plan", user, domain.RoleMember, ActionEditPlan, ""},
		{"member cannot see costs", user, domain.RoleMember, ActionViewCosts, domain.KindForbidden},
		{"member cannot change settings", user, domain.RoleMember, ActionManageProject, domain.KindForbidden},
		{"viewer views", user, domain.RoleViewer, ActionView, ""},
		{"viewer cannot edit", user, domain.RoleViewer, ActionEditPlan, domain.KindForbidden},
		{"non-member gets not found", user, "", ActionView, domain.KindNotFound},
		{"admin without role", admin, "", ActionDeleteProject, ""},
		{"read-only owner reads", readOnly, domain.RoleOwner, ActionViewCosts, ""},
		{"read-only owner cannot write", readOnly, domain.RoleOwner, ActionEditPlan, domain.KindForbidden},
		{"read-only non-member still not found", readOnly, "", ActionEditPlan, domain.KindNotFound},
		{"anyone creates projects", user, "", ActionCreateProject, ""},
		{"read-only cannot create projects", readOnly, "", ActionCreateProject, domain.KindForbidden},
		{"read-only cannot make tokens", readOnly, "", ActionManageTokens, domain.KindForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := decide(tc.p, "NET", tc.role, tc.action)
			if tc.want == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.want != "" {
				wantKind(t, err, tc.want)
			}
		})
	}
}

func TestLoginRateLimit(t *testing.T) {
	a, now := newApp(t)
	a.SetLoginLimits(LoginLimits{Window: 15 * time.Minute, PerAccount: 3, PerIP: 5})
	ctx := context.Background()
	if _, err := a.AddUser(ctx, NewUser{Email: "Ann@Example.com", Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1"); err != nil {
		t.Fatalf("sign-in with the right password: %v", err)
	}
	for range 3 {
		_, _, err := a.Login(ctx, "ANN@example.com", "wrong password!", "192.0.2.1")
		wantKind(t, err, domain.KindUnauthorized)
		*now = now.Add(time.Minute)
	}
	_, _, err := a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.9")
	wantKind(t, err, domain.KindRateLimited)
	if !strings.Contains(err.Error(), "12 minutes") {
		t.Errorf("rate-limit message %q does not say when to retry (12 minutes)", err)
	}
	*now = now.Add(12 * time.Minute)
	if _, _, err := a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}

	// One address trying many accounts, none of which exist.
	for i := range 5 {
		_, _, err := a.Login(ctx, "nobody"+string(rune('a'+i))+"@example.com", "whatever password", "198.51.100.7")
		wantKind(t, err, domain.KindUnauthorized)
	}
	_, _, err = a.Login(ctx, "ann@example.com", "correct horse battery", "198.51.100.7")
	wantKind(t, err, domain.KindRateLimited)
}

func TestSessionExpiry(t *testing.T) {
	a, now := newApp(t)
	ctx := context.Background()
	if _, err := a.AddUser(ctx, NewUser{Email: "ann@example.com", Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	token, _, err := a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	// Used every 10 days, the session lasts until its maximum age.
	for day := 10; day < 30; day += 10 {
		*now = now.Add(10 * 24 * time.Hour)
		if p, err := a.SessionPrincipal(ctx, token); err != nil || p.User.Email != "ann@example.com" {
			t.Fatalf("day %d: %v", day, err)
		}
	}
	*now = now.Add(10 * 24 * time.Hour) // day 30
	_, err = a.SessionPrincipal(ctx, token)
	wantKind(t, err, domain.KindUnauthorized)

	// Left idle for 14 days, it ends.
	token, _, _ = a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	*now = now.Add(14 * 24 * time.Hour)
	_, err = a.SessionPrincipal(ctx, token)
	wantKind(t, err, domain.KindUnauthorized)

	// Logout and disabling end it at once.
	token, _, _ = a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	if err := a.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	_, err = a.SessionPrincipal(ctx, token)
	wantKind(t, err, domain.KindUnauthorized)
	token, _, _ = a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	if _, err := a.SetUserDisabled(ctx, "ann@example.com", true); err != nil {
		t.Fatal(err)
	}
	_, err = a.SessionPrincipal(ctx, token)
	wantKind(t, err, domain.KindUnauthorized)
	_, _, err = a.Login(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	wantKind(t, err, domain.KindUnauthorized)
}

func TestTokens(t *testing.T) {
	a, now := newApp(t)
	ctx := context.Background()
	ann, err := a.AddUser(ctx, NewUser{Email: "ann@example.com", Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	secret, k, err := a.CreateToken(ctx, "ann@example.com", NewToken{Name: "CI", ExpiresAt: now.Add(time.Hour), ReadOnly: true})
	if err != nil || !strings.HasPrefix(secret, "cairn_") || len(secret) < 30 {
		t.Fatalf("token %q: %v", secret, err)
	}
	p, err := a.TokenPrincipal(ctx, secret)
	if err != nil || p.User.ID != ann.ID || !p.ReadOnly {
		t.Fatalf("principal %+v: %v", p, err)
	}
	ctxAnn := WithPrincipal(ctx, p)
	_, _, err = a.CreateToken(ctxAnn, "ann@example.com", NewToken{Name: "escalate"})
	wantKind(t, err, domain.KindForbidden)
	ks, err := a.Tokens(ctxAnn)
	if err != nil || len(ks) != 1 || ks[0].ID != k.ID || !ks[0].LastUsedAt.Equal(*now) {
		t.Fatalf("tokens %+v: %v", ks, err)
	}
	*now = now.Add(time.Hour)
	_, err = a.TokenPrincipal(ctx, secret)
	wantKind(t, err, domain.KindUnauthorized)
	_, _, err = a.CreateToken(ctx, "ann@example.com", NewToken{Name: "late", ExpiresAt: now.Add(-time.Second)})
	wantKind(t, err, domain.KindInvalid)
	for _, bad := range []string{"", "cairn_", "cairn_nope", secret[6:]} {
		_, err = a.TokenPrincipal(ctx, bad)
		wantKind(t, err, domain.KindUnauthorized)
	}
}
