package app

import (
	"context"
	"crypto/rand"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// FeedPrefix starts every calendar feed secret, so that one found pasted
// somewhere says what it is.
const FeedPrefix = "cairnfeed_"

// NewFeed is a calendar feed to create: of a project's milestones and
// deadlines (Project, a key), or of the signed-in user's assigned tasks
// (Project "").
type NewFeed struct {
	Name    string
	Project string
}

// CreateFeed makes a calendar feed for the signed-in user and returns its
// secret, which is shown once and stored only as a hash (as API tokens
// are). A project feed needs permission to view the project; a read-only
// token may not make feeds.
func (a *App) CreateFeed(ctx context.Context, in NewFeed) (string, domain.Feed, error) {
	p, err := signedIn(ctx)
	if err != nil {
		return "", domain.Feed{}, err
	}
	if err := a.Authorize(ctx, "", ActionManageTokens); err != nil {
		return "", domain.Feed{}, err
	}
	f := domain.Feed{UserID: p.User.ID, Name: in.Name}
	if err := f.Validate(); err != nil {
		return "", f, err
	}
	secret := FeedPrefix + rand.Text()
	f.TokenHash, f.CreatedAt = hashToken(secret), a.now().UTC()
	err = a.store.Update(ctx, func(tx store.Tx) error {
		if in.Project != "" {
			id, err := a.access(ctx, tx, in.Project, ActionView)
			if err != nil {
				return err
			}
			f.ProjectID, f.ProjectKey = id, in.Project
		}
		if err := tx.CreateFeed(ctx, &f); err != nil {
			return err
		}
		return a.audit(ctx, tx, 0, "feed", f.ID, "create", domain.Diff(nil, [][2]string{
			{"user", p.User.Email}, {"name", f.Name}, {"project", f.ProjectKey}}))
	})
	if err != nil {
		return "", domain.Feed{}, err
	}
	return secret, f, nil
}

// Feeds lists the signed-in user's calendar feeds.
func (a *App) Feeds(ctx context.Context) (fs []domain.Feed, err error) {
	p, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	err = a.store.View(ctx, func(tx store.Tx) error {
		fs, err = tx.Feeds(ctx, p.User.ID)
		return err
	})
	return fs, err
}

// RevokeFeed deletes one of the signed-in user's calendar feeds: its URL
// stops working at once.
func (a *App) RevokeFeed(ctx context.Context, id int64) error {
	p, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if err := a.Authorize(ctx, "", ActionManageTokens); err != nil {
		return err
	}
	return a.store.Update(ctx, func(tx store.Tx) error {
		if err := tx.DeleteFeed(ctx, p.User.ID, id); err != nil {
			return err
		}
		return a.audit(ctx, tx, 0, "feed", id, "delete", nil)
	})
}

// FeedContent is what a calendar feed shows: its owner, and the plans it
// draws on with their schedules.
type FeedContent struct {
	Feed  domain.Feed
	User  domain.User
	Plans []ScheduledPlan
}

// ScheduledPlan is a plan with its computed schedule.
type ScheduledPlan struct {
	Plan   *domain.Plan
	Result *schedule.Result
}

// errNoFeed is the one answer for every feed that does not work: unknown,
// revoked, of a disabled user, or of a project its owner may no longer
// see. The URL is the credential, so the answer says nothing more.
var errNoFeed = domain.NotFound("feed_not_found", "there is no such calendar feed; it may have been revoked")

// FeedContent reads the feed whose secret is in the URL, with its owner's
// permissions: the project of a project feed, or for a personal feed
// every project the owner may see that assigns them work.
func (a *App) FeedContent(ctx context.Context, secret string) (FeedContent, error) {
	var c FeedContent
	if !strings.HasPrefix(secret, FeedPrefix) {
		return c, errNoFeed
	}
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		c.Feed, c.User, err = tx.Feed(ctx, hashToken(secret))
		return err
	})
	if domain.IsNotFound(err) || err == nil && c.User.Disabled {
		return c, errNoFeed
	}
	if err != nil {
		return c, err
	}
	owner := WithPrincipal(ctx, Principal{User: c.User, ReadOnly: true})
	keys := []string{c.Feed.ProjectKey}
	if c.Feed.ProjectID == 0 {
		if keys, err = a.feedProjects(owner); err != nil {
			return c, err
		}
	}
	for _, key := range keys {
		if err := a.Authorize(owner, key, ActionView); err != nil {
			if c.Feed.ProjectID != 0 && (domain.IsNotFound(err) || domain.ErrorKind(err) == domain.KindForbidden) {
				return c, errNoFeed
			}
			return c, err
		}
		plan, res, err := a.Schedule(owner, key)
		if err != nil {
			return c, err
		}
		c.Plans = append(c.Plans, ScheduledPlan{Plan: plan, Result: res})
	}
	return c, nil
}

// feedProjects lists the keys of the projects ctx's user may see that
// have a resource with the user's e-mail.
func (a *App) feedProjects(ctx context.Context) ([]string, error) {
	p, _ := PrincipalFrom(ctx)
	projects, err := a.Projects(ctx, store.Page{})
	if err != nil {
		return nil, err
	}
	var keys []string
	err = a.store.View(ctx, func(tx store.Tx) error {
		for _, pr := range projects {
			rs, err := tx.Resources(ctx, pr.ID)
			if err != nil {
				return err
			}
			for _, r := range rs {
				if r.Email != "" && domain.NormalizeEmail(r.Email) == p.User.Email {
					keys = append(keys, pr.Key)
					break
				}
			}
		}
		return nil
	})
	return keys, err
}
