package domain

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
)

// StakeholderRole is what a stakeholder is to the project.
type StakeholderRole string

// The roles of the stakeholder register.
const (
	StakeholderSponsor  StakeholderRole = "sponsor"
	StakeholderClient   StakeholderRole = "client"
	StakeholderBoard    StakeholderRole = "board"
	StakeholderUser     StakeholderRole = "user"
	StakeholderSupplier StakeholderRole = "supplier"
)

// StakeholderRoles lists the roles in the order the register shows them.
var StakeholderRoles = []StakeholderRole{StakeholderSponsor, StakeholderClient, StakeholderBoard, StakeholderUser, StakeholderSupplier}

// Stakeholder is a person with power over or interest in a project: a
// Cairn user (UserID, often a viewer) or just a name and an e-mail
// address. Power and Interest are 1 (low) to 5 (high).
type Stakeholder struct {
	ID           int64
	ProjectID    int64
	Name         string
	Organisation string
	Role         StakeholderRole
	Power        int
	Interest     int
	Email        string // normalised; "" when they get no e-mail
	UserID       int64  // 0: not a Cairn user
	Notes        string
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Validate checks a stakeholder's fields, saying which is wrong and how.
func (s *Stakeholder) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	s.Organisation = strings.TrimSpace(s.Organisation)
	s.Email = NormalizeEmail(s.Email)
	switch {
	case s.Name == "":
		return Invalid("required", "name", "a stakeholder needs a name")
	case !slices.Contains(StakeholderRoles, s.Role):
		return Invalid("invalid_role", "role", "%q is not a stakeholder role (use sponsor, client, board, user or supplier)", s.Role)
	case s.Power < 1 || s.Power > 5:
		return Invalid("invalid_power", "power", "power is 1 (low) to 5 (high), not %d", s.Power)
	case s.Interest < 1 || s.Interest > 5:
		return Invalid("invalid_interest", "interest", "interest is 1 (low) to 5 (high), not %d", s.Interest)
	}
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email {
			return Invalid("invalid_email", "email", "%q is not an e-mail address", s.Email)
		}
	}
	return nil
}

// Channel is how a report reaches its readers.
type Channel string

// The delivery channels.
const (
	ChannelEmail   Channel = "email"
	ChannelWebhook Channel = "webhook"
	ChannelInApp   Channel = "inapp"
)

// WebhookFormat is the payload shape a webhook receiver expects.
type WebhookFormat string

// Webhook payloads: Slack's incoming webhooks, Microsoft Teams' (a
// MessageCard), or Cairn's own JSON.
const (
	WebhookSlack WebhookFormat = "slack"
	WebhookTeams WebhookFormat = "teams"
	WebhookCairn WebhookFormat = "cairn"
)

// DeliverySchedule sends a project's status report every week on Weekday
// at Minute (after midnight, in the project's time zone) to a group of
// stakeholders — those whose role is in Roles, and those listed in
// Stakeholders — over one channel. A webhook schedule posts once to
// WebhookURL, whatever its group.
type DeliverySchedule struct {
	ID            int64
	ProjectID     int64
	Name          string
	Weekday       time.Weekday
	Minute        int // 0–1439
	PeriodDays    int
	Baseline      int
	Channel       Channel
	Roles         []StakeholderRole
	Stakeholders  []int64
	WebhookURL    string
	WebhookFormat WebhookFormat
	// WebhookSecret signs webhook payloads (HMAC-SHA256). It must be kept
	// as it is to sign with; see docs/decisions/0022.
	WebhookSecret string
	Enabled       bool
	CreatedBy     string
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Validate checks a schedule's fields.
func (d *DeliverySchedule) Validate() error {
	d.Name = strings.TrimSpace(d.Name)
	switch {
	case d.Name == "":
		return Invalid("required", "name", "a delivery schedule needs a name, such as \"Weekly to the board\"")
	case d.Weekday < time.Sunday || d.Weekday > time.Saturday:
		return Invalid("invalid_weekday", "weekday", "weekday is 0 (Sunday) to 6 (Saturday), not %d", d.Weekday)
	case d.Minute < 0 || d.Minute >= 24*60:
		return Invalid("invalid_time", "time", "the time of day is 00:00 to 23:59")
	case d.PeriodDays < 1 || d.PeriodDays > 366:
		return Invalid("invalid_period", "period_days", "a report's period is 1 to 366 days long, not %d", d.PeriodDays)
	case d.Channel != ChannelEmail && d.Channel != ChannelWebhook && d.Channel != ChannelInApp:
		return Invalid("invalid_channel", "channel", "%q is not a channel (use email, webhook or inapp)", d.Channel)
	}
	for _, r := range d.Roles {
		if !slices.Contains(StakeholderRoles, r) {
			return Invalid("invalid_role", "roles", "%q is not a stakeholder role (use sponsor, client, board, user or supplier)", r)
		}
	}
	if d.Channel != ChannelWebhook {
		if len(d.Roles) == 0 && len(d.Stakeholders) == 0 {
			return Invalid("required", "roles", "say who gets the report: stakeholder roles, stakeholder ids, or both")
		}
		d.WebhookURL, d.WebhookFormat, d.WebhookSecret = "", "", ""
		return nil
	}
	u, err := url.Parse(d.WebhookURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Invalid("invalid_url", "webhook_url", "%q is not an http(s) URL", d.WebhookURL)
	}
	if d.WebhookFormat == "" {
		d.WebhookFormat = WebhookCairn
	}
	if d.WebhookFormat != WebhookSlack && d.WebhookFormat != WebhookTeams && d.WebhookFormat != WebhookCairn {
		return Invalid("invalid_format", "webhook_format", "%q is not a webhook format (use slack, teams or cairn)", d.WebhookFormat)
	}
	return nil
}

// Occurrence is the latest time at or before now when the schedule is
// due, in loc: the last Weekday at Minute past midnight. Walking by
// calendar days keeps the wall-clock time across daylight-saving changes.
func (d *DeliverySchedule) Occurrence(now time.Time, loc *time.Location) time.Time {
	local := now.In(loc)
	for back := 0; back <= 7; back++ {
		day := time.Date(local.Year(), local.Month(), local.Day()-back, 0, 0, 0, 0, loc)
		if day.Weekday() != d.Weekday {
			continue
		}
		at := time.Date(day.Year(), day.Month(), day.Day(), d.Minute/60, d.Minute%60, 0, 0, loc)
		if !at.After(now) {
			return at
		}
	}
	return time.Time{} // not reached: a week back always has the weekday
}

// Next is the first time after now when the schedule falls due, in loc.
func (d *DeliverySchedule) Next(now time.Time, loc *time.Location) time.Time {
	local := now.In(loc)
	for ahead := 0; ahead <= 7; ahead++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+ahead, 0, 0, 0, 0, loc)
		at := time.Date(day.Year(), day.Month(), day.Day(), d.Minute/60, d.Minute%60, 0, 0, loc)
		if day.Weekday() == d.Weekday && at.After(now) {
			return at
		}
	}
	return time.Time{} // not reached
}

// Includes reports whether the schedule's group holds stakeholder s.
func (d *DeliverySchedule) Includes(s Stakeholder) bool {
	return slices.Contains(d.Roles, s.Role) || slices.Contains(d.Stakeholders, s.ID)
}

// Job is a unit of background work in the queue every node shares.
type Job struct {
	ID          int64
	Kind        string
	Payload     string // JSON
	DedupeKey   string // "": no deduplication
	RunAt       time.Time
	Attempts    int
	MaxAttempts int
	LockedBy    string
	LockedUntil time.Time
	DoneAt      time.Time
	FailedAt    time.Time
	LastError   string
	CreatedAt   time.Time
}

// Notification is a message shown to a user in the app, such as a
// published report delivered in-app or a comment that mentioned them
// (CommentID).
type Notification struct {
	ID        int64
	UserID    int64
	ProjectID int64
	ReportID  int64
	CommentID int64
	Title     string
	Body      string
	CreatedAt time.Time
	ReadAt    time.Time
}
