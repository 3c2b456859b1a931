package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TestFeeds makes a project feed and a personal feed, reads them by
// their secrets, and checks that a feed stops working when revoked, when
// its owner loses access to the project, or is disabled.
func TestFeeds(t *testing.T) {
	a, _ := newApp(t)
	cli := WithActor(context.Background(), "cli")
	for _, email := range []string{"ann@example.com", "bob@example.com"} {
		if _, err := a.AddUser(cli, NewUser{Email: email, Password: "long enough password"}); err != nil {
			t.Fatal(err)
		}
	}
	plan := &domain.Plan{Project: domain.Project{Key: "NET", Name: "Network", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		Tasks: []domain.Task{{ID: 1, Name: "Cable", Duration: domain.Duration{Minutes: 960}},
			{ID: 2, Name: "Go live", Kind: domain.KindMilestone, Deadline: time.Date(2027, 1, 15, 17, 0, 0, 0, time.UTC)}},
		Resources:   []domain.Resource{{ID: 1, Name: "Bob", Email: "Bob@Example.com"}},
		Assignments: []domain.Assignment{{ID: 1, Task: 1, Resource: 1, Units: 1}}}
	plan.Project.Normalize()
	for i := range plan.Tasks {
		plan.Tasks[i].Normalize()
	}
	plan.Resources[0].Normalize()
	if _, err := a.ImportPlan(cli, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddMember(cli, "NET", "bob@example.com", domain.RoleViewer); err != nil {
		t.Fatal(err)
	}
	bob := as(t, a, "bob@example.com")
	ann := as(t, a, "ann@example.com")

	if _, _, err := a.CreateFeed(ann, NewFeed{Name: "phone", Project: "NET"}); domain.ErrorKind(err) != domain.KindNotFound {
		t.Fatalf("a non-member's project feed: %v", err)
	}
	if _, _, err := a.CreateFeed(context.Background(), NewFeed{Name: "x"}); domain.ErrorKind(err) != domain.KindUnauthorized {
		t.Fatalf("a feed for nobody: %v", err)
	}
	projSecret, projFeed, err := a.CreateFeed(bob, NewFeed{Name: "phone", Project: "NET"})
	if err != nil {
		t.Fatal(err)
	}
	mineSecret, _, err := a.CreateFeed(bob, NewFeed{Name: "my tasks"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(projSecret, FeedPrefix) || projFeed.ProjectKey != "NET" {
		t.Fatalf("feed %q %+v", projSecret, projFeed)
	}
	c, err := a.FeedContent(context.Background(), projSecret)
	if err != nil || len(c.Plans) != 1 || c.Plans[0].Plan.Project.Key != "NET" || c.User.Email != "bob@example.com" {
		t.Fatalf("project feed: %+v, %v", c, err)
	}
	c, err = a.FeedContent(context.Background(), mineSecret)
	if err != nil || len(c.Plans) != 1 {
		t.Fatalf("personal feed: %d plans, %v", len(c.Plans), err)
	}
	fs, err := a.Feeds(bob)
	if err != nil || len(fs) != 2 {
		t.Fatalf("bob's feeds: %+v %v", fs, err)
	}
	for _, bad := range []string{"", "cairn_x", FeedPrefix + "nope"} {
		if _, err := a.FeedContent(context.Background(), bad); err != errNoFeed {
			t.Errorf("feed %q: %v", bad, err)
		}
	}

	// Removed from the project: its feed stops; the personal one is empty.
	m, err := a.Members(cli, "NET")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.RemoveMember(cli, "NET", "bob@example.com", m[len(m)-1].Version); err != nil {
		t.Fatal(err)
	}
	if _, err := a.FeedContent(context.Background(), projSecret); err != errNoFeed {
		t.Fatalf("feed of a project bob left: %v", err)
	}
	if c, err := a.FeedContent(context.Background(), mineSecret); err != nil || len(c.Plans) != 0 {
		t.Fatalf("personal feed after leaving: %d plans, %v", len(c.Plans), err)
	}
	if err := a.RevokeFeed(ann, fs[1].ID); domain.ErrorKind(err) != domain.KindNotFound {
		t.Fatalf("ann revoking bob's feed: %v", err)
	}
	if _, err := a.SetUserDisabled(cli, "bob@example.com", true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.FeedContent(context.Background(), mineSecret); err != errNoFeed {
		t.Fatalf("feed of a disabled user: %v", err)
	}
	if err := a.RevokeFeed(bob, fs[1].ID); err != nil {
		t.Fatal(err)
	}
}

// as returns a context signed in as the user with the given email.
func as(t *testing.T, a *App, email string) context.Context {
	t.Helper()
	var u domain.User
	us, err := a.Users(WithActor(context.Background(), "cli"), store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range us {
		if x.Email == email {
			u = x
		}
	}
	return WithPrincipal(context.Background(), Principal{User: u})
}
