package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// JobMention e-mails one member that a comment mentioned them.
const JobMention = "mention"

// PlainMail is a plain-text message, whole (a JobMention's payload, and
// what a JobDigest sends), so the worker needs nothing else to send it.
type PlainMail struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// CommentView is a comment with its author's name and the members it
// mentioned.
type CommentView struct {
	domain.Comment
	AuthorName string
	Mentioned  []domain.Membership
}

// Comments lists the comments on one task, risk or report of project
// key, oldest first. A draft report's comments are seen only by those
// who may see the draft.
func (a *App) Comments(ctx context.Context, key string, entity domain.CommentEntity, entityID int64) ([]CommentView, error) {
	var out []CommentView
	err := a.store.View(ctx, func(tx store.Tx) error {
		pid, err := a.access(ctx, tx, key, ActionView)
		if err != nil {
			return err
		}
		if err := a.commentable(ctx, tx, key, pid, entity, entityID); err != nil {
			return err
		}
		cs, err := tx.Comments(ctx, pid, entity, entityID)
		if err != nil {
			return err
		}
		ms, err := tx.Members(ctx, pid)
		if err != nil {
			return err
		}
		out = commentViews(cs, ms)
		return nil
	})
	return out, err
}

func commentViews(cs []domain.Comment, ms []domain.Membership) []CommentView {
	byID := map[int64]domain.Membership{}
	for _, m := range ms {
		byID[m.UserID] = m
	}
	out := make([]CommentView, len(cs))
	for i, c := range cs {
		v := CommentView{Comment: c, AuthorName: byID[c.AuthorID].Name}
		for _, id := range c.Mentions {
			if m, ok := byID[id]; ok {
				v.Mentioned = append(v.Mentioned, m)
			}
		}
		out[i] = v
	}
	return out
}

// commentable checks that the entity exists in the project and that the
// caller may see it: drafts of reports only for those who manage the
// project.
func (a *App) commentable(ctx context.Context, tx store.Tx, key string, pid int64, entity domain.CommentEntity, id int64) error {
	var err error
	switch entity {
	case domain.CommentOnTask:
		_, err = tx.Task(ctx, pid, id)
	case domain.CommentOnRisk:
		_, err = tx.Risk(ctx, pid, id)
	case domain.CommentOnReport:
		var r domain.StatusReport
		if r, err = tx.Report(ctx, pid, id); err == nil && r.Status == domain.ReportDraft {
			if _, aerr := a.access(ctx, tx, key, ActionManageProject); aerr != nil {
				err = domain.NotFound("report_not_found", "report %d does not exist in this project", id)
			}
		}
	default:
		c := domain.Comment{Entity: entity, EntityID: id}
		return c.Validate()
	}
	return err
}

// AddComment stores a comment by the signed-in user on a task, risk or
// report of project key. Each member it mentions (`@email` or `@First
// Last`) gets an in-app notification and, unless they turned mention
// e-mails off, an e-mail through the job queue; a mention of anyone who
// is not a member — or, on a draft report, who may not see drafts — is
// left as plain text. All in one transaction, with the audit event.
func (a *App) AddComment(ctx context.Context, key string, c domain.Comment) (CommentView, error) {
	if err := c.Validate(); err != nil {
		return CommentView{}, err
	}
	var out CommentView
	err := a.store.Update(ctx, func(tx store.Tx) error {
		pid, err := a.access(ctx, tx, key, ActionComment)
		if err != nil {
			return err
		}
		if err := a.commentable(ctx, tx, key, pid, c.Entity, c.EntityID); err != nil {
			return err
		}
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		ms, err := tx.Members(ctx, pid)
		if err != nil {
			return err
		}
		c.ProjectID, c.CreatedAt, c.Author = pid, a.now().UTC(), Actor(ctx)
		author := c.Author
		if pr, ok := PrincipalFrom(ctx); ok {
			c.AuthorID, c.Author, author = pr.User.ID, pr.User.Email, pr.User.Name
		}
		draft := false
		if c.Entity == domain.CommentOnReport {
			r, err := tx.Report(ctx, pid, c.EntityID)
			if err != nil {
				return err
			}
			draft = r.Status == domain.ReportDraft
		}
		var mentioned []domain.Membership
		for _, m := range ResolveMentions(c.Body, ms) {
			if m.UserID == c.AuthorID || (draft && !RoleAllows(m.Role, ActionManageProject)) {
				continue
			}
			mentioned = append(mentioned, m)
			c.Mentions = append(c.Mentions, m.UserID)
		}
		if err := tx.CreateComment(ctx, &c); err != nil {
			return err
		}
		what, link, err := a.commentTarget(ctx, tx, p, c)
		if err != nil {
			return err
		}
		for _, m := range mentioned {
			if err := a.notifyMention(ctx, tx, p, c, m, author, what, link); err != nil {
				return err
			}
		}
		out = commentViews([]domain.Comment{c}, ms)[0]
		return a.audit(ctx, tx, pid, "comment", c.ID, "create", []domain.Change{
			{Field: "on", New: string(c.Entity) + " " + strconv.FormatInt(c.EntityID, 10)}, {Field: "body", New: c.Body}})
	})
	return out, err
}

// commentTarget names what a comment is on, for people, and the web
// page that shows it.
func (a *App) commentTarget(ctx context.Context, tx store.Tx, p domain.Project, c domain.Comment) (what, link string, err error) {
	base := "/projects/" + p.Key
	switch c.Entity {
	case domain.CommentOnTask:
		t, err := tx.Task(ctx, p.ID, c.EntityID)
		if err != nil {
			return "", "", err
		}
		return t.Key(p.Key) + " " + t.Name, base + "/comments?entity=task&id=" + strconv.FormatInt(t.ID, 10), nil
	case domain.CommentOnRisk:
		r, err := tx.Risk(ctx, p.ID, c.EntityID)
		if err != nil {
			return "", "", err
		}
		return r.Key() + " " + r.Title, base + "/comments?entity=risk&id=" + strconv.FormatInt(r.ID, 10), nil
	default:
		r, err := tx.Report(ctx, p.ID, c.EntityID)
		if err != nil {
			return "", "", err
		}
		return "the status report of " + domain.FormatDate(r.PeriodEnd), base + "/reports/" + strconv.FormatInt(r.ID, 10), nil
	}
}

// notifyMention writes m's in-app notification of comment c and, if m
// wants mention e-mails, queues one.
func (a *App) notifyMention(ctx context.Context, tx store.Tx, p domain.Project, c domain.Comment, m domain.Membership,
	author, what, link string) error {
	n := domain.Notification{UserID: m.UserID, ProjectID: p.ID, CommentID: c.ID, CreatedAt: c.CreatedAt,
		Title: fmt.Sprintf("%s mentioned you on %s (%s)", author, what, p.Name), Body: link}
	if err := tx.CreateNotification(ctx, &n); err != nil {
		return err
	}
	prefs, err := tx.Preferences(ctx, m.UserID)
	if err != nil || !prefs.MentionEmail {
		return err
	}
	payload, _ := json.Marshal(PlainMail{To: m.Email, Subject: n.Title,
		Text: author + " wrote on " + what + ":\n\n" + c.Body + "\n\nSee it in Cairn: " + link + "\n"})
	j := domain.Job{Kind: JobMention, Payload: string(payload), RunAt: c.CreatedAt, CreatedAt: c.CreatedAt,
		DedupeKey: "mention:" + strconv.FormatInt(n.ID, 10)}
	_, err = tx.EnqueueJob(ctx, &j)
	return err
}

// ResolveMentions finds the members a comment body mentions: `@email`
// by address, `@First Last` by name (the longest run of the capitalised
// words after @ that is a member's full name, or a first name that only
// one member has). Each member is listed once, in order of mention.
func ResolveMentions(body string, ms []domain.Membership) []domain.Membership {
	var out []domain.Membership
	seen := map[int64]bool{}
	add := func(m domain.Membership) {
		if !seen[m.UserID] {
			seen[m.UserID] = true
			out = append(out, m)
		}
	}
	for _, cand := range domain.Mentions(body) {
		if strings.Contains(cand, "@") {
			for _, m := range ms {
				if strings.EqualFold(m.Email, cand) {
					add(m)
				}
			}
			continue
		}
		words := strings.Fields(cand)
	lengths:
		for n := len(words); n >= 1; n-- {
			name := strings.Join(words[:n], " ")
			var match []domain.Membership
			for _, m := range ms {
				full := strings.EqualFold(m.Name, name)
				first := n == 1 && strings.EqualFold(strings.Fields(m.Name + " ")[0], name)
				if full || first {
					match = append(match, m)
				}
			}
			if len(match) == 1 {
				add(match[0])
				break lengths
			}
		}
	}
	return out
}

// DeleteComment deletes a comment of project key, and the notifications
// of its mentions: the author may delete their own, and those who manage
// the project any (to take down what should not have been written).
func (a *App) DeleteComment(ctx context.Context, key string, id int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		pid, err := a.access(ctx, tx, key, ActionComment)
		if err != nil {
			return err
		}
		c, err := tx.Comment(ctx, pid, id)
		if err != nil {
			return err
		}
		if pr, ok := PrincipalFrom(ctx); ok && pr.User.ID != c.AuthorID {
			if _, err := a.access(ctx, tx, key, ActionManageProject); err != nil {
				return domain.Forbidden("not_your_comment", "you may delete only your own comments; a manager of the project may delete any")
			}
		}
		if err := tx.DeleteComment(ctx, pid, id); err != nil {
			return err
		}
		// The words stay in the create event, the record of what was
		// said; they are not copied again.
		return a.audit(ctx, tx, pid, "comment", id, "delete", []domain.Change{
			{Field: "on", Old: string(c.Entity) + " " + strconv.FormatInt(c.EntityID, 10)}})
	})
}

// ReadNotifications marks the signed-in user's notifications ids read
// (all when ids is empty), and returns how many were unread.
func (a *App) ReadNotifications(ctx context.Context, ids []int64) (int64, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return 0, nil
	}
	if p.ReadOnly {
		return 0, readOnlyError()
	}
	var n int64
	err := a.store.Update(ctx, func(tx store.Tx) (err error) {
		n, err = tx.MarkNotificationsRead(ctx, p.User.ID, ids, a.now().UTC())
		return err
	})
	return n, err
}

// Preferences returns the signed-in user's notification preferences.
func (a *App) Preferences(ctx context.Context) (domain.Preferences, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return domain.DefaultPreferences, nil
	}
	var out domain.Preferences
	err := a.store.View(ctx, func(tx store.Tx) (err error) {
		out, err = tx.Preferences(ctx, p.User.ID)
		return err
	})
	return out, err
}

// SetPreferences changes the signed-in user's notification preferences:
// edit receives the current ones to change.
func (a *App) SetPreferences(ctx context.Context, edit func(*domain.Preferences)) (domain.Preferences, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return domain.Preferences{}, domain.Invalid("signed_out", "", "preferences belong to a signed-in user")
	}
	if p.ReadOnly {
		return domain.Preferences{}, readOnlyError()
	}
	var out domain.Preferences
	err := a.store.Update(ctx, func(tx store.Tx) error {
		cur, err := tx.Preferences(ctx, p.User.ID)
		if err != nil {
			return err
		}
		edit(&cur)
		cur.UpdatedAt = a.now().UTC()
		out = cur
		return tx.SetPreferences(ctx, p.User.ID, cur)
	})
	return out, err
}
