package app

import (
	"context"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TimeInput is time to log: hours on a task on a day.
type TimeInput struct {
	// User is whose time it is, by email; "" is the signed-in user's.
	// Logging someone else's time needs permission to approve time.
	User    string
	Task    int64
	Date    time.Time // the day, project-local
	Minutes int64
	Note    string
}

// TimeQuery selects timesheet entries of a project.
type TimeQuery struct {
	// User is whose entries, by email: "" for the signed-in user's, "*"
	// for everyone's. Anyone else's need permission to approve time.
	User   string
	Week   time.Time // a week's Monday; zero: every date
	Status domain.TimeStatus
}

// LogTime records time the user worked on a task of the project on a
// day: a draft until the week is submitted. The day may not be after
// today (in the project's time zone), and nobody logs more than 24 hours
// on one day over all their projects.
func (a *App) LogTime(ctx context.Context, key string, in TimeInput) (domain.TimeEntry, error) {
	var e domain.TimeEntry
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		u, err := a.timeUser(ctx, tx, key, in.User)
		if err != nil {
			return err
		}
		if err := mayLogTime(ctx, tx, p, u); err != nil {
			return err
		}
		e = domain.TimeEntry{ProjectID: p.ID, Task: in.Task, User: u.ID, Email: u.Email, Date: in.Date,
			Minutes: in.Minutes, Note: strings.TrimSpace(in.Note), Status: domain.TimeDraft}
		if err := a.checkEntry(ctx, tx, p, &e); err != nil {
			return err
		}
		if err := tx.CreateTimeEntry(ctx, &e); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "time_entry", e.ID, "create", domain.Diff(nil, e.Fields()))
	})
	return e, err
}

// UpdateTimeEntry applies edit to a draft or rejected entry (which
// becomes a draft again): the user's own, or anyone's for managers and
// owners. version is the version the caller last saw (0: do not check).
func (a *App) UpdateTimeEntry(ctx context.Context, key string, id, version int64, edit func(*domain.TimeEntry) error) (domain.TimeEntry, error) {
	var e domain.TimeEntry
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if e, err = ownEntry(ctx, tx, p, id, version); err != nil {
			return err
		}
		before := e.Fields()
		if err := edit(&e); err != nil {
			return err
		}
		e.ID, e.ProjectID, e.Status = id, p.ID, domain.TimeDraft
		e.Note = strings.TrimSpace(e.Note)
		if err := a.checkEntry(ctx, tx, p, &e); err != nil {
			return err
		}
		if err := tx.UpdateTimeEntry(ctx, &e); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "time_entry", e.ID, "update", domain.Diff(before, e.Fields()))
	})
	return e, err
}

// DeleteTimeEntry removes a draft or rejected entry: the user's own, or
// anyone's for managers and owners.
func (a *App) DeleteTimeEntry(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		e, err := ownEntry(ctx, tx, p, id, version)
		if err != nil {
			return err
		}
		if err := tx.DeleteTimeEntry(ctx, p.ID, id, e.Version); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "time_entry", id, "delete", domain.Diff(e.Fields(), nil))
	})
}

// TimeEntries lists the project's entries that q selects, by date.
func (a *App) TimeEntries(ctx context.Context, key string, q TimeQuery) (es []domain.TimeEntry, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		f := store.TimeFilter{ProjectID: p.ID, Status: q.Status}
		if q.User == "*" {
			if err := mayReview(ctx, tx, key); err != nil {
				return err
			}
		} else {
			u, err := a.timeUser(ctx, tx, key, q.User)
			if err != nil {
				return err
			}
			f.User = u.ID
		}
		if !q.Week.IsZero() {
			f.From, f.To = q.Week, q.Week.AddDate(0, 0, 7)
		}
		es, err = tx.TimeEntries(ctx, f)
		return err
	})
	return es, err
}

// SubmitWeek sends the user's draft and rejected entries of the week
// (Monday to Sunday) for approval, and returns all the week's entries.
func (a *App) SubmitWeek(ctx context.Context, key, user string, week time.Time) (es []domain.TimeEntry, err error) {
	err = a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		u, err := a.timeUser(ctx, tx, key, user)
		if err != nil {
			return err
		}
		if es, err = weekEntries(ctx, tx, p, u.ID, week); err != nil {
			return err
		}
		n := 0
		for i := range es {
			if !es[i].Editable() {
				continue
			}
			n++
			before := es[i].Fields()
			es[i].Status = domain.TimeSubmitted
			if err := a.saveEntry(ctx, tx, &es[i], before); err != nil {
				return err
			}
		}
		if n == 0 {
			return domain.Invalid("nothing_to_submit", "week", "%s has no draft or rejected time in week %s of project %s to submit; log time first",
				u.Email, domain.FormatWeek(week), p.Key)
		}
		return nil
	})
	return es, err
}

// ReviewWeek approves or rejects the time a user submitted for the week,
// with a comment (required to reject). Nobody reviews their own time.
// Approval needs a work resource of the project with the user's email,
// whose rates cost the hours; approved time is actual work and cost.
func (a *App) ReviewWeek(ctx context.Context, key, user string, week time.Time, approve bool, comment string) (es []domain.TimeEntry, err error) {
	comment = strings.TrimSpace(comment)
	err = a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		if strings.TrimSpace(user) == "" {
			return domain.Invalid("required", "user", "say whose timesheet to review (user: their email)")
		}
		u, err := a.timeUser(ctx, tx, key, user)
		if err != nil {
			return err
		}
		pr, signedIn := PrincipalFrom(ctx)
		if signedIn && pr.User.ID == u.ID {
			return domain.Forbidden("own_timesheet", "you cannot approve or reject your own timesheet; another manager or owner of project %s must", p.Key)
		}
		if !approve && comment == "" {
			return domain.Invalid("required", "comment", "say why the timesheet is rejected, so that %s can correct it", u.Email)
		}
		if len(comment) > 2000 {
			return domain.Invalid("too_long", "comment", "keep the comment to 2,000 characters")
		}
		if approve {
			rs, err := tx.Resources(ctx, p.ID)
			if err != nil {
				return err
			}
			if _, err := resourceOf(rs, u.Email); err != nil {
				return err
			}
		}
		if es, err = weekEntries(ctx, tx, p, u.ID, week); err != nil {
			return err
		}
		status := domain.TimeRejected
		if approve {
			status = domain.TimeApproved
		}
		n := 0
		for i := range es {
			if es[i].Status != domain.TimeSubmitted {
				continue
			}
			n++
			before := es[i].Fields()
			es[i].Status, es[i].ReviewComment, es[i].ReviewedAt = status, comment, a.now().UTC()
			es[i].Reviewer, es[i].ReviewerEmail = pr.User.ID, pr.User.Email
			if err := a.saveEntry(ctx, tx, &es[i], before); err != nil {
				return err
			}
		}
		if n == 0 {
			return domain.Invalid("nothing_to_review", "week", "%s has no submitted time in week %s of project %s; they submit the week first",
				u.Email, domain.FormatWeek(week), p.Key)
		}
		return nil
	})
	return es, err
}

func (a *App) saveEntry(ctx context.Context, tx store.Tx, e *domain.TimeEntry, before [][2]string) error {
	if err := tx.UpdateTimeEntry(ctx, e); err != nil {
		return err
	}
	return a.audit(ctx, tx, e.ProjectID, "time_entry", e.ID, "update", domain.Diff(before, e.Fields()))
}

func weekEntries(ctx context.Context, tx store.Tx, p domain.Project, user int64, week time.Time) ([]domain.TimeEntry, error) {
	if week.IsZero() {
		return nil, domain.Invalid("required", "week", "say which week (YYYY-Www, or a date in it)")
	}
	return tx.TimeEntries(ctx, store.TimeFilter{ProjectID: p.ID, User: user, From: week, To: week.AddDate(0, 0, 7)})
}

// timeUser returns whose time a request is about: the user with the given
// email, or the principal when it is "". Anyone else's time needs
// permission to approve time; trusted callers must name the user.
func (a *App) timeUser(ctx context.Context, tx store.Tx, key, email string) (domain.User, error) {
	email = domain.NormalizeEmail(email)
	pr, signedIn := PrincipalFrom(ctx)
	switch {
	case email == "" && !signedIn:
		return domain.User{}, domain.Invalid("required", "user", "say whose time it is (user: their email)")
	case email == "" || (signedIn && email == pr.User.Email):
		return pr.User, nil
	case signedIn:
		if err := mayReview(ctx, tx, key); err != nil {
			return domain.User{}, err
		}
	}
	u, err := tx.UserByEmail(ctx, email)
	if domain.IsNotFound(err) {
		return u, domain.Invalid("unknown_user", "user", "no account has the email %q", email)
	}
	return u, err
}

// mayReview checks that the principal may see and act on other people's
// time: managers, owners and site admins may. A read-only token may read
// it; the route table keeps such tokens from writing.
func mayReview(ctx context.Context, tx store.Tx, key string) error {
	p, signedIn := PrincipalFrom(ctx)
	if !signedIn || p.User.SiteAdmin {
		return nil
	}
	_, role, err := tx.ProjectRole(ctx, key, p.User.ID)
	if err != nil || RoleAllows(role, ActionApproveTime) {
		return err
	}
	return notYours()
}

func notYours() error {
	return domain.Forbidden("not_your_timesheet", "you may see and change only your own timesheet; managers and owners see everyone's")
}

// mayLogTime checks that u is a member of p whose role lets them log time.
func mayLogTime(ctx context.Context, tx store.Tx, p domain.Project, u domain.User) error {
	m, err := tx.Member(ctx, p.ID, u.ID)
	if domain.IsNotFound(err) || (err == nil && !RoleAllows(m.Role, ActionLogTime)) {
		return domain.Invalid("not_a_member", "user", "%s is not a member of project %s who logs time (members, managers and owners do)", u.Email, p.Key)
	}
	return err
}

// ownEntry reads an entry that the principal may change: their own, or
// anyone's for a manager or owner, and still a draft or rejected.
func ownEntry(ctx context.Context, tx store.Tx, p domain.Project, id, version int64) (domain.TimeEntry, error) {
	e, err := tx.TimeEntry(ctx, p.ID, id)
	if err != nil {
		return e, err
	}
	if pr, signedIn := PrincipalFrom(ctx); signedIn && pr.User.ID != e.User {
		if err := mayReview(ctx, tx, p.Key); err != nil {
			return e, err
		}
	}
	if err := checkVersion("timesheet entry", e.ID, version, e.Version); err != nil {
		return e, err
	}
	if !e.Editable() {
		return e, domain.Conflict("timesheet_locked", "status", "this entry is %s: only draft and rejected entries change (a manager can reject the week to reopen it)", e.Status)
	}
	return e, nil
}

// checkEntry checks an entry about to be saved: valid on its own, on a
// task of the project, not after today, and at most 24 hours on its day
// with the user's other entries in every project.
func (a *App) checkEntry(ctx context.Context, tx store.Tx, p domain.Project, e *domain.TimeEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if _, err := tx.Task(ctx, p.ID, e.Task); domain.IsNotFound(err) {
		return domain.Invalid("unknown_task", "task", "task %d does not exist in project %s", e.Task, p.Key)
	} else if err != nil {
		return err
	}
	if today := a.localToday(p); e.Date.After(today) {
		return domain.Invalid("future_date", "date", "%s is after today (%s in %s); log time once it is worked",
			domain.FormatDate(e.Date), domain.FormatDate(today), p.TimeZone)
	}
	day, err := tx.TimeEntries(ctx, store.TimeFilter{User: e.User, From: e.Date, To: e.Date.AddDate(0, 0, 1)})
	if err != nil {
		return err
	}
	total := e.Minutes
	for _, o := range day {
		if o.ID == e.ID {
			continue
		}
		if o.ProjectID == p.ID && o.Task == e.Task {
			return domain.Conflict("already_logged", "date", "%s h are already logged on task %d on %s (entry %d); change that entry instead",
				domain.FormatHours(o.Minutes), e.Task, domain.FormatDate(e.Date), o.ID)
		}
		total += o.Minutes
	}
	if total > domain.MinutesPerCalendarDay {
		return domain.Invalid("too_many_hours", "hours", "%s h would make %s h logged by %s on %s over all projects; a day has 24",
			domain.FormatHours(e.Minutes), domain.FormatHours(total), e.Email, domain.FormatDate(e.Date))
	}
	return nil
}

// localToday is the date in the project's time zone.
func (a *App) localToday(p domain.Project) time.Time {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	y, m, d := a.now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// resourceOf finds the work resource whose email is the user's: the one
// whose rates cost the user's time.
func resourceOf(rs []domain.Resource, email string) (*domain.Resource, error) {
	var found *domain.Resource
	for i := range rs {
		r := &rs[i]
		if r.Kind != domain.Work || domain.NormalizeEmail(r.Email) != email {
			continue
		}
		if found != nil {
			return nil, domain.Invalid("ambiguous_resource", "user", "resources %q and %q both have the email %s; keep it on one, whose rates cost that person's time",
				found.Name, r.Name, email)
		}
		found = r
	}
	if found == nil {
		return nil, domain.Invalid("no_resource", "user", "no work resource of the project has the email %s, so their hours have no rate: "+
			"set it as that person's resource's email (resources[].email in the plan file)", email)
	}
	return found, nil
}
