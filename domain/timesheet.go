package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TimeStatus is where a timesheet entry is in its review.
type TimeStatus string

// Timesheet statuses. An entry starts as a draft; its user submits the
// week; a manager approves or rejects it. Only approved time is actual
// work and cost; a rejected entry goes back to its user to correct.
const (
	TimeDraft     TimeStatus = "draft"
	TimeSubmitted TimeStatus = "submitted"
	TimeApproved  TimeStatus = "approved"
	TimeRejected  TimeStatus = "rejected"
)

// ParseTimeStatus reads a timesheet status.
func ParseTimeStatus(s string) (TimeStatus, error) {
	switch st := TimeStatus(strings.ToLower(strings.TrimSpace(s))); st {
	case TimeDraft, TimeSubmitted, TimeApproved, TimeRejected:
		return st, nil
	}
	return "", Invalid("invalid_status", "status", "%q is not a timesheet status (draft, submitted, approved or rejected)", s)
}

// MinutesPerCalendarDay bounds the time one person can log on one day,
// over every task and project.
const MinutesPerCalendarDay = 24 * 60

// TimeEntry is the time a user worked on a task on one day. There is at
// most one entry per user, task and day.
type TimeEntry struct {
	ID        int64
	ProjectID int64
	Task      int64     // task ID
	User      int64     // user ID
	Email     string    // the user's, read with the entry
	Date      time.Time // the day, project-local midnight
	Minutes   int64
	Note      string
	Status    TimeStatus
	// Reviewer is the user who approved or rejected the entry (0: nobody
	// yet, or a trusted caller); ReviewComment says why.
	Reviewer      int64
	ReviewerEmail string // read with the entry
	ReviewComment string
	ReviewedAt    time.Time
	Version       int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Validate checks e on its own; the limits over several entries (a day's
// total) are the application's.
func (e *TimeEntry) Validate() error {
	switch {
	case e.Task == 0:
		return Invalid("required", "task", "say which task the time was spent on (its id)")
	case e.User == 0:
		return Invalid("required", "user", "a timesheet entry needs a user")
	case e.Date.IsZero():
		return Invalid("required", "date", "say which day the time was spent (YYYY-MM-DD)")
	case e.Minutes <= 0:
		return Invalid("invalid_hours", "hours", "log more than 0 hours; to take time off a day, delete its entry")
	case e.Minutes > MinutesPerCalendarDay:
		return Invalid("invalid_hours", "hours", "%s is more than the 24 hours of a day", FormatHours(e.Minutes))
	case utf8.RuneCountInString(e.Note) > 2000:
		return Invalid("too_long", "note", "keep the note to 2,000 characters")
	}
	_, err := ParseTimeStatus(string(e.Status))
	return err
}

// Editable reports whether the entry's user may still change or delete
// it: drafts, and rejected entries being corrected. Submitted entries wait
// for review; approved ones are actuals.
func (e *TimeEntry) Editable() bool {
	return e.Status == TimeDraft || e.Status == TimeRejected
}

// Fields lists a timesheet entry's auditable fields as text.
func (e *TimeEntry) Fields() [][2]string {
	return [][2]string{
		{"task", id(e.Task)}, {"user", e.Email}, {"date", FormatDate(e.Date)}, {"hours", FormatHours(e.Minutes)},
		{"note", e.Note}, {"status", string(e.Status)}, {"reviewer", e.ReviewerEmail}, {"review_comment", e.ReviewComment},
	}
}

// FormatHours writes minutes as hours with at most two decimals: 450 is
// "7.5", 20 is "0.33".
func FormatHours(minutes int64) string {
	return strconv.FormatFloat(math.Round(float64(minutes)/60*100)/100, 'f', -1, 64)
}

// Expense is money spent on a task outside timesheets: an invoice, a
// purchase. Amount is minor units of the project currency; a negative one
// is a credit note.
type Expense struct {
	ID          int64
	ProjectID   int64
	Task        int64     // task ID
	Date        time.Time // the day it was incurred, project-local midnight
	Amount      int64
	Description string
	Supplier    string
	Reference   string // invoice or order number
	CreatedBy   string // who entered it
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Normalize trims e's text.
func (e *Expense) Normalize() {
	e.Description = strings.TrimSpace(e.Description)
	e.Supplier = strings.TrimSpace(e.Supplier)
	e.Reference = strings.TrimSpace(e.Reference)
}

// Validate checks e.
func (e *Expense) Validate() error {
	switch {
	case e.Task == 0:
		return Invalid("required", "task", "say which task the expense belongs to (its id)")
	case e.Date.IsZero():
		return Invalid("required", "date", "say on which day the expense was incurred (YYYY-MM-DD)")
	case e.Amount == 0:
		return Invalid("invalid_amount", "amount", "an expense needs an amount other than 0 (a negative amount is a credit)")
	case e.Description == "":
		return Invalid("required", "description", "say what the expense was for")
	}
	for _, f := range []struct{ name, v string }{{"description", e.Description}, {"supplier", e.Supplier}, {"reference", e.Reference}} {
		if utf8.RuneCountInString(f.v) > 500 {
			return Invalid("too_long", f.name, "keep the %s to 500 characters", f.name)
		}
	}
	return nil
}

// Fields lists an expense's auditable fields as text.
func (e *Expense) Fields(currency string) [][2]string {
	return [][2]string{
		{"task", id(e.Task)}, {"date", FormatDate(e.Date)}, {"amount", FormatMoney(e.Amount, currency)},
		{"description", e.Description}, {"supplier", e.Supplier}, {"reference", e.Reference},
	}
}

// TaskBudget is the budget of one element of the WBS — a phase or a cost
// account, which in Cairn are summary tasks (or tasks) — in minor units of
// the project currency. The project's own budget is Project.Budget.
type TaskBudget struct {
	ProjectID int64
	Task      int64 // task ID
	Amount    int64
	Version   int64
}

// Validate checks b.
func (b *TaskBudget) Validate() error {
	if b.Task == 0 {
		return Invalid("required", "task", "a budget belongs to a task (a phase or cost account)")
	}
	if b.Amount < 0 {
		return Invalid("invalid_money", "budget", "a budget cannot be negative")
	}
	return nil
}

// WeekStart returns the Monday that starts the week (Monday to Sunday)
// of day, at midnight.
func WeekStart(day time.Time) time.Time {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// ParseWeek reads an ISO week ("2027-W02") or a date ("2027-01-06", the
// week it falls in) and returns the week's Monday.
func ParseWeek(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if y, w, ok := strings.Cut(strings.ToUpper(s), "-W"); ok {
		year, err1 := strconv.Atoi(y)
		week, err2 := strconv.Atoi(w)
		if err1 == nil && err2 == nil && len(y) == 4 && week >= 1 && week <= 53 {
			// ISO 8601: week 1 is the week with the year's first Thursday,
			// so it holds 4 January.
			mon := WeekStart(time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)).AddDate(0, 0, 7*(week-1))
			if wy, _ := mon.ISOWeek(); wy == year {
				return mon, nil
			}
		}
		return time.Time{}, Invalid("invalid_week", "week", "%q is not a week (use YYYY-Www, such as 2027-W02, or a date in the week)", s)
	}
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, Invalid("invalid_week", "week", "%q is not a week (use YYYY-Www, such as 2027-W02, or a date in the week)", s)
	}
	return WeekStart(d), nil
}

// FormatWeek writes the ISO week of day: "2027-W02".
func FormatWeek(day time.Time) string {
	y, w := day.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
