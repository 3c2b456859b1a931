// Package store defines how Cairn persists its domain: one Store interface
// that every backend (sqlite, postgres) implements, and that the conformance
// suite in store/storetest checks.
//
// Business rules do not live here. A store saves and loads domain values,
// enforces uniqueness and optimistic versions, and reports failures as
// domain errors (not found, conflict, precondition failed) so the layers
// above never see a driver's error.
package store

import (
	"context"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Store opens transactions. Every use case runs in exactly one.
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed when fn
	// returns nil and rolled back otherwise, so a failed use case changes
	// nothing.
	Update(ctx context.Context, fn func(Tx) error) error
	// Subscribe delivers every change committed from now on — by this
	// process or by any other node sharing the database — until ctx ends,
	// when the channel is closed. A subscriber that falls more than
	// SubscriberBuffer changes behind misses changes rather than holding
	// up writers; it can catch up from the audit trail, since every
	// Change names its audit event.
	Subscribe(ctx context.Context) (<-chan Change, error)
	// Close releases the database.
	Close() error
}

// SubscriberBuffer is how many changes a subscriber may have unread.
const SubscriberBuffer = 256

// Change announces a committed write: the audit event it recorded, without
// the field values (which can be long; read them from the audit trail).
type Change struct {
	Event     int64     `json:"event"` // the audit event's ID
	ProjectID int64     `json:"project_id"`
	Entity    string    `json:"entity"`
	EntityID  int64     `json:"entity_id"`
	Action    string    `json:"action"`
	Actor     string    `json:"actor"`
	At        time.Time `json:"at"`
}

// Page asks for one page of a list ordered by ID: the items after the
// cursor After (an ID, 0 for the first page), at most Limit of them
// (0: all).
type Page struct {
	After int64
	Limit int
}

// AuditFilter narrows an audit listing to one entity (Entity and
// EntityID) and/or to events at or after Since.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Since    time.Time
}

// Tx is one transaction. Writes that update an entity compare its Version
// with the stored one and fail with domain.KindPreconditionFailed when they
// differ, so no edit is silently lost; on success they bump Version.
type Tx interface {
	CreateProject(ctx context.Context, p *domain.Project) error
	Project(ctx context.Context, key string) (domain.Project, error)
	Projects(ctx context.Context, page Page) ([]domain.Project, error)
	UpdateProject(ctx context.Context, p *domain.Project) error
	DeleteProject(ctx context.Context, id, version int64) error

	CreateCalendar(ctx context.Context, c *domain.Calendar) error
	Calendars(ctx context.Context, projectID int64) ([]domain.Calendar, error)
	UpdateCalendar(ctx context.Context, c *domain.Calendar) error

	// CreateTask stores t and sets its ID, Version and timestamps. A zero
	// UID gets the project's next number.
	CreateTask(ctx context.Context, t *domain.Task) error
	Task(ctx context.Context, projectID, id int64) (domain.Task, error)
	Tasks(ctx context.Context, projectID int64, page Page) ([]domain.Task, error)
	// NextPosition returns a position after every child of parent (0: top level).
	NextPosition(ctx context.Context, projectID, parent int64) (int64, error)
	UpdateTask(ctx context.Context, t *domain.Task) error
	// DeleteTask removes the task, its subtree, and their links and
	// assignments. A version of 0 skips the version check.
	DeleteTask(ctx context.Context, projectID, id, version int64) error

	CreateDependency(ctx context.Context, d *domain.Dependency) error
	Dependency(ctx context.Context, projectID, id int64) (domain.Dependency, error)
	Dependencies(ctx context.Context, projectID int64, page Page) ([]domain.Dependency, error)
	UpdateDependency(ctx context.Context, d *domain.Dependency) error
	DeleteDependency(ctx context.Context, projectID, id, version int64) error

	CreateResource(ctx context.Context, r *domain.Resource) error
	Resources(ctx context.Context, projectID int64) ([]domain.Resource, error)
	UpdateResource(ctx context.Context, r *domain.Resource) error
	DeleteResource(ctx context.Context, projectID, id, version int64) error
	// SetRateChanges replaces the dated rate changes of a resource;
	// RateChanges lists a project's, by resource and date.
	SetRateChanges(ctx context.Context, projectID, resourceID int64, changes []domain.RateChange) error
	RateChanges(ctx context.Context, projectID int64) ([]domain.RateChange, error)

	// SaveBaseline replaces baseline number of a project with rows.
	SaveBaseline(ctx context.Context, projectID int64, number int, rows []domain.Baseline) error
	// Baselines lists every saved baseline row of a project.
	Baselines(ctx context.Context, projectID int64) ([]domain.Baseline, error)

	// RecordAudit appends an audit event, keeping its At; AuditEvents
	// lists a project's, oldest first. A projectID of 0 lists the events
	// that belong to no project: accounts, tokens and deleted projects.
	// CreateReport stores a drafted status report and sets its ID and
	// Version; Report and Reports read them back (Reports newest first);
	// UpdateReport saves an edit or the publication, checking Version.
	CreateReport(ctx context.Context, r *domain.StatusReport) error
	Report(ctx context.Context, projectID, id int64) (domain.StatusReport, error)
	Reports(ctx context.Context, projectID int64) ([]domain.StatusReport, error)
	UpdateReport(ctx context.Context, r *domain.StatusReport) error

	RecordAudit(ctx context.Context, e *domain.AuditEvent) error
	AuditEvents(ctx context.Context, projectID int64, f AuditFilter, page Page) ([]domain.AuditEvent, error)

	CreateAssignment(ctx context.Context, a *domain.Assignment) error
	Assignments(ctx context.Context, projectID int64) ([]domain.Assignment, error)
	DeleteAssignment(ctx context.Context, projectID, id int64) error

	// Restamp sets a stored row's version and its creation and update
	// times, so that a restored backup keeps them; a zero time leaves its
	// column as it is. Entity is "project", "task", "calendar",
	// "dependency", "resource", "assignment", "report", "time_entry",
	// "expense", "task_budget" (id: the task's), "risk",
	// "correlation_group", "risk_matrix" (id: the project's), "user" or
	// "member"; only projects, tasks, time entries, expenses, risks and
	// users have both times, members only CreatedAt.
	Restamp(ctx context.Context, entity string, id, version int64, createdAt, updatedAt time.Time) error

	AccountTx
	CostTx
	RiskTx
	DeliveryTx
	CommentTx
}

// AccountTx is the part of a transaction about people: accounts, sign-in
// sessions, API tokens, failed sign-ins and project memberships. Email
// addresses are given already normalised (domain.NormalizeEmail).
type AccountTx interface {
	// CreateUser stores u and sets its ID, Version and timestamps; an
	// email already taken is KindConflict.
	CreateUser(ctx context.Context, u *domain.User) error
	User(ctx context.Context, id int64) (domain.User, error)
	UserByEmail(ctx context.Context, email string) (domain.User, error)
	Users(ctx context.Context, page Page) ([]domain.User, error)
	// UpdateUser saves u's name, time zone, password hash and flags.
	UpdateUser(ctx context.Context, u *domain.User) error
	// HasUsers reports whether any account exists.
	HasUsers(ctx context.Context) (bool, error)

	// CreateSession stores s and sets its ID.
	CreateSession(ctx context.Context, s *domain.Session) error
	// Session returns the session whose token hashes to tokenHash, and
	// its user.
	Session(ctx context.Context, tokenHash string) (domain.Session, domain.User, error)
	ExtendSession(ctx context.Context, id int64, expiresAt time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteSessions signs a user out everywhere.
	DeleteSessions(ctx context.Context, userID int64) error
	// DeleteExpiredSessions removes sessions that expired before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) error

	// CreateAPIToken stores t and sets its ID.
	CreateAPIToken(ctx context.Context, t *domain.APIToken) error
	// APIToken returns the token that hashes to tokenHash, and its user.
	APIToken(ctx context.Context, tokenHash string) (domain.APIToken, domain.User, error)
	// APITokens lists a user's tokens, oldest first.
	APITokens(ctx context.Context, userID int64) ([]domain.APIToken, error)
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
	// DeleteAPIToken revokes token id of user userID; another user's
	// token is not found.
	DeleteAPIToken(ctx context.Context, userID, id int64) error

	// CreateFeed stores a calendar feed and sets its ID; Feed returns the
	// feed whose secret hashes to tokenHash, and its user; Feeds lists a
	// user's, oldest first; DeleteFeed revokes feed id of user userID.
	CreateFeed(ctx context.Context, f *domain.Feed) error
	Feed(ctx context.Context, tokenHash string) (domain.Feed, domain.User, error)
	Feeds(ctx context.Context, userID int64) ([]domain.Feed, error)
	DeleteFeed(ctx context.Context, userID, id int64) error

	RecordLoginFailure(ctx context.Context, f domain.LoginFailure) error
	// LoginFailures counts the failures at or after since for an account
	// and for an IP address.
	LoginFailures(ctx context.Context, account, ip string, since time.Time) (LoginFailureCounts, error)
	// ClearLoginFailures forgets an account's failures (after a success).
	ClearLoginFailures(ctx context.Context, account string) error
	// PruneLoginFailures forgets failures older than before.
	PruneLoginFailures(ctx context.Context, before time.Time) error

	// AddMember stores m (ProjectID, UserID, Role) and sets its ID and
	// Version; a user already in the project is KindConflict.
	AddMember(ctx context.Context, m *domain.Membership) error
	// Member returns a user's membership of a project.
	Member(ctx context.Context, projectID, userID int64) (domain.Membership, error)
	// Members lists a project's members with their emails and names.
	Members(ctx context.Context, projectID int64) ([]domain.Membership, error)
	// Memberships lists a user's memberships with the projects' keys.
	Memberships(ctx context.Context, userID int64) ([]domain.Membership, error)
	// UpdateMember saves m's role, checking m.Version (0: no check).
	UpdateMember(ctx context.Context, m *domain.Membership) error
	// RemoveMember removes a membership, checking version (0: no check).
	RemoveMember(ctx context.Context, projectID, id, version int64) error
	// ProjectRole returns the ID of the project with the given key and the
	// user's role in it, "" when the user is not a member.
	ProjectRole(ctx context.Context, key string, userID int64) (int64, domain.Role, error)
	// MemberProjects lists one page of the projects a user is a member of.
	MemberProjects(ctx context.Context, userID int64, page Page) ([]domain.Project, error)
}

// LoginFailureCounts are the recent failed sign-ins for one account and
// for one IP address, with the oldest of each (to say when to retry).
type LoginFailureCounts struct {
	Account, IP             int
	AccountOldest, IPOldest time.Time
}

// Stale is the error for a write whose expected version is not the stored
// one; Current carries the stored version for the client to retry with.
func Stale(entity string, id, current int64) error {
	return &domain.Error{
		Kind:   domain.KindPreconditionFailed,
		Code:   "version_mismatch",
		Detail: entity + " was changed by someone else; reload it and apply your change again",
		Err:    &VersionError{Entity: entity, ID: id, Current: current},
	}
}

// VersionError says which version is current after a stale write.
type VersionError struct {
	Entity  string
	ID      int64
	Current int64
}

func (e *VersionError) Error() string { return e.Entity + " version mismatch" }
