package backup

// The backup format, version 1 (docs/decisions/0015-backup-restore.md).
// These types mirror the domain types field by field, so that the format
// is written down in one place and does not change when a domain struct
// does; mirror_test.go fails when a domain struct gains a field that no
// mirror carries. Database IDs never appear: references use project keys,
// task and resource UIDs, calendar names and e-mail addresses, so the same
// data always gives the same file.
//
// Project-local wall-clock times are written "2006-01-02T15:04:05";
// instants (creation, update, audit times) as RFC 3339 in UTC with
// nanoseconds; an absent time is omitted.

// Format names a Cairn backup in its "format" field.
const Format = "cairn-backup"

// Version is the version of the format this package writes and reads. A
// reader refuses other versions, and fields it does not know, rather than
// drop what a newer Cairn wrote.
const Version = 1

// File is a whole backup.
type File struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Created  string    `json:"created"`
	Users    []User    `json:"users"`
	Projects []Project `json:"projects"`
	// Audit holds the events of no project: accounts, API tokens and
	// deleted projects.
	Audit []Event `json:"audit"`
}

// User is an account. Sessions, API tokens and failed sign-ins are not
// backed up: tokens are secrets, and their owners make new ones.
type User struct {
	Email        string `json:"email"`
	Name         string `json:"name"`
	TimeZone     string `json:"time_zone"`
	PasswordHash string `json:"password_hash"`
	SiteAdmin    bool   `json:"site_admin,omitempty"`
	Disabled     bool   `json:"disabled,omitempty"`
	Version      int64  `json:"version"`
	CreatedAt    string `json:"created_at,omitempty"`
	UpdatedAt    string `json:"updated_at,omitempty"`
}

// Project is one project and everything in it.
type Project struct {
	Project      ProjectFields `json:"project"`
	Calendars    []Calendar    `json:"calendars"`
	Tasks        []Task        `json:"tasks"`
	Dependencies []Dependency  `json:"dependencies"`
	Resources    []Resource    `json:"resources"`
	Assignments  []Assignment  `json:"assignments"`
	Baselines    []Baseline    `json:"baselines"`
	RateChanges  []RateChange  `json:"rate_changes"`
	Reports      []Report      `json:"reports"` // oldest first
	TimeEntries  []TimeEntry   `json:"time_entries"`
	Expenses     []Expense     `json:"expenses"`
	TaskBudgets  []TaskBudget  `json:"task_budgets"`
	// The risk register and the simulation's inputs; RiskMatrix is
	// absent while the project has the default matrix.
	RiskMatrix        *RiskMatrix        `json:"risk_matrix,omitempty"`
	Risks             []Risk             `json:"risks"`
	Estimates         []Estimate         `json:"estimates"`
	CorrelationGroups []CorrelationGroup `json:"correlation_groups"` // by creation
	Members           []Member           `json:"members"`
	Audit             []Event            `json:"audit"`
}

// ProjectFields are a project's own fields.
type ProjectFields struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Type        string `json:"type"`
	Method      string `json:"method"`
	Sponsor     string `json:"sponsor,omitempty"`
	Manager     string `json:"manager,omitempty"`
	Client      string `json:"client,omitempty"`
	Start       string `json:"start"`
	StatusDate  string `json:"status_date,omitempty"`
	TimeZone    string `json:"time_zone"`
	Calendar    string `json:"calendar,omitempty"` // the project calendar's name
	Currency    string `json:"currency"`
	Budget      int64  `json:"budget,omitempty"`
	Phase       string `json:"phase,omitempty"`
	Units       Units  `json:"units"`
	// WIPLimits are the board's work-in-progress limits by status.
	WIPLimits map[string]int `json:"wip_limits,omitempty"`
	Version   int64          `json:"version"`
	CreatedAt string         `json:"created_at,omitempty"`
	UpdatedAt string         `json:"updated_at,omitempty"`
}

// Units are a project's duration units.
type Units struct {
	MinutesPerDay  int64 `json:"minutes_per_day"`
	MinutesPerWeek int64 `json:"minutes_per_week"`
	DaysPerMonth   int64 `json:"days_per_month"`
}

// Calendar is a working-time calendar, named uniquely in its project.
type Calendar struct {
	Name       string      `json:"name"`
	Base       string      `json:"base,omitempty"` // the base calendar's name
	Week       Week        `json:"week"`
	Exceptions []Exception `json:"exceptions,omitempty"`
	Version    int64       `json:"version"`
}

// Week holds each weekday's working times ("08:00-12:00"); an absent day
// inherits from the base calendar, an empty list is a day off.
type Week struct {
	Sun *[]string `json:"sun,omitempty"`
	Mon *[]string `json:"mon,omitempty"`
	Tue *[]string `json:"tue,omitempty"`
	Wed *[]string `json:"wed,omitempty"`
	Thu *[]string `json:"thu,omitempty"`
	Fri *[]string `json:"fri,omitempty"`
	Sat *[]string `json:"sat,omitempty"`
}

// Exception is a calendar's exception for a span of days.
type Exception struct {
	Name    string   `json:"name,omitempty"`
	From    string   `json:"from"`
	To      string   `json:"to,omitempty"`
	Working []string `json:"working,omitempty"`
}

// Task is a task; Parent is the parent's UID, 0 at the top level.
type Task struct {
	UID              int64    `json:"uid"`
	Ref              string   `json:"ref,omitempty"`
	Parent           int64    `json:"parent,omitempty"`
	Position         int64    `json:"position"`
	Name             string   `json:"name"`
	Kind             string   `json:"kind"`
	Mode             string   `json:"mode"`
	Duration         Duration `json:"duration"`
	Work             int64    `json:"work,omitempty"`
	Constraint       string   `json:"constraint"`
	ConstraintDate   string   `json:"constraint_date,omitempty"`
	Deadline         string   `json:"deadline,omitempty"`
	Start            string   `json:"start,omitempty"`
	Finish           string   `json:"finish,omitempty"`
	Priority         int      `json:"priority"`
	PercentComplete  int      `json:"percent_complete,omitempty"`
	Status           string   `json:"status,omitempty"` // the board column; absent: follows percent complete
	ActualStart      string   `json:"actual_start,omitempty"`
	ActualFinish     string   `json:"actual_finish,omitempty"`
	Calendar         string   `json:"calendar,omitempty"` // the task calendar's name
	FixedCost        int64    `json:"fixed_cost,omitempty"`
	FixedCostAccrual string   `json:"fixed_cost_accrual,omitempty"`
	Notes            string   `json:"notes,omitempty"`
	RemainingWork    *int64   `json:"remaining_work,omitempty"` // someone's estimate of the work left, minutes; absent: none
	Version          int64    `json:"version"`
	CreatedAt        string   `json:"created_at,omitempty"`
	UpdatedAt        string   `json:"updated_at,omitempty"`
}

// Duration is a length of time in minutes, working or elapsed.
type Duration struct {
	Minutes int64 `json:"minutes"`
	Elapsed bool  `json:"elapsed,omitempty"`
}

// Dependency is a link between two tasks, named by their UIDs.
type Dependency struct {
	Predecessor int64  `json:"predecessor"`
	Successor   int64  `json:"successor"`
	Type        string `json:"type"`
	Lag         Lag    `json:"lag"`
	Version     int64  `json:"version"`
}

// Lag is a link's lag or lead.
type Lag struct {
	Minutes   int64 `json:"minutes,omitempty"`
	Elapsed   bool  `json:"elapsed,omitempty"`
	Percent   int64 `json:"percent,omitempty"`
	IsPercent bool  `json:"is_percent,omitempty"`
}

// Resource is a person, machine, material or cost, with its UID.
type Resource struct {
	UID          int64   `json:"uid"`
	Ref          string  `json:"ref,omitempty"`
	Name         string  `json:"name"`
	Kind         string  `json:"kind"`
	Email        string  `json:"email,omitempty"`
	Group        string  `json:"group,omitempty"`
	MaxUnits     float64 `json:"max_units"`
	Calendar     string  `json:"calendar,omitempty"`
	StandardRate int64   `json:"standard_rate,omitempty"`
	OvertimeRate int64   `json:"overtime_rate,omitempty"`
	CostPerUse   int64   `json:"cost_per_use,omitempty"`
	Accrual      string  `json:"accrual,omitempty"`
	// Availability changes MaxUnits over dated periods.
	Availability []Availability `json:"availability,omitempty"`
	Version      int64          `json:"version"`
}

// Availability is a resource's maximum units from a time (to a time;
// absent: from then on).
type Availability struct {
	From  string  `json:"from"`
	To    string  `json:"to,omitempty"`
	Units float64 `json:"units"`
}

// RateChange is a resource's (by UID) rates from a time on.
type RateChange struct {
	Resource     int64  `json:"resource"`
	From         string `json:"from"`
	StandardRate int64  `json:"standard_rate,omitempty"`
	OvertimeRate int64  `json:"overtime_rate,omitempty"`
	CostPerUse   int64  `json:"cost_per_use,omitempty"`
}

// Assignment puts a resource (by UID) on a task (by UID).
type Assignment struct {
	Task         int64   `json:"task"`
	Resource     int64   `json:"resource"`
	Units        float64 `json:"units"`
	Work         int64   `json:"work,omitempty"`
	OvertimeWork int64   `json:"overtime_work,omitempty"`
	Cost         int64   `json:"cost,omitempty"`
	Contour      string  `json:"contour,omitempty"` // absent: flat
	Version      int64   `json:"version"`
}

// Baseline is one task's row of a saved baseline.
type Baseline struct {
	Number   int    `json:"number"`
	Task     int64  `json:"task"`
	Start    string `json:"start,omitempty"`
	Finish   string `json:"finish,omitempty"`
	Duration int64  `json:"duration,omitempty"`
	Work     int64  `json:"work,omitempty"`
	Cost     int64  `json:"cost,omitempty"`
}

// Report is a status report: drafted from the project's data (Drafted,
// the report as computed, as JSON text), edited (Content), and published.
type Report struct {
	PeriodStart string        `json:"period_start"`
	PeriodEnd   string        `json:"period_end"`
	Baseline    int           `json:"baseline"`
	Status      string        `json:"status"`
	Drafted     string        `json:"drafted,omitempty"`
	Content     string        `json:"content,omitempty"`
	Overrides   []RAGOverride `json:"overrides,omitempty"`
	CreatedBy   string        `json:"created_by,omitempty"`
	CreatedAt   string        `json:"created_at,omitempty"`
	PublishedBy string        `json:"published_by,omitempty"`
	PublishedAt string        `json:"published_at,omitempty"`
	Version     int64         `json:"version"`
}

// RAGOverride is a red/amber/green status set by hand, with the reason.
type RAGOverride struct {
	Area          string `json:"area"`
	Level         string `json:"level"`
	Justification string `json:"justification"`
}

// TimeEntry is the time a user (by e-mail) logged on a task (by UID) on
// a day, and its review.
type TimeEntry struct {
	Task          int64  `json:"task"`
	Email         string `json:"email"`
	Date          string `json:"date"`
	Minutes       int64  `json:"minutes"`
	Note          string `json:"note,omitempty"`
	Status        string `json:"status"`
	Reviewer      string `json:"reviewer,omitempty"` // e-mail
	ReviewComment string `json:"review_comment,omitempty"`
	ReviewedAt    string `json:"reviewed_at,omitempty"`
	Version       int64  `json:"version"`
	CreatedAt     string `json:"created_at,omitempty"`
	UpdatedAt     string `json:"updated_at,omitempty"`
}

// Expense is money spent on a task (by UID).
type Expense struct {
	Task        int64  `json:"task"`
	Date        string `json:"date"`
	Amount      int64  `json:"amount"`
	Description string `json:"description"`
	Supplier    string `json:"supplier,omitempty"`
	Reference   string `json:"reference,omitempty"`
	CreatedBy   string `json:"created_by,omitempty"`
	Version     int64  `json:"version"`
	CreatedAt   string `json:"created_at,omitempty"`
	UpdatedAt   string `json:"updated_at,omitempty"`
}

// TaskBudget is what a task (by UID) may spend.
type TaskBudget struct {
	Task    int64 `json:"task"`
	Amount  int64 `json:"amount"`
	Version int64 `json:"version"`
}

// RiskMatrix is the project's probability × impact matrix.
type RiskMatrix struct {
	Size    int   `json:"size"`
	Medium  int   `json:"medium"`
	High    int   `json:"high"`
	Version int64 `json:"version"`
}

// Risk is an entry of the risk register. Tasks are named by UID, people
// by e-mail; scores are [probability, impact] pairs per dimension.
type Risk struct {
	Number       int64      `json:"number"`
	Title        string     `json:"title"`
	Description  string     `json:"description,omitempty"`
	Category     string     `json:"category,omitempty"`
	Cause        string     `json:"cause,omitempty"`
	Event        string     `json:"event,omitempty"`
	Effect       string     `json:"effect,omitempty"`
	Owner        string     `json:"owner,omitempty"`
	Status       string     `json:"status"`
	Trigger      string     `json:"trigger,omitempty"`
	Proximity    string     `json:"proximity,omitempty"`
	Response     string     `json:"response,omitempty"`
	ResponsePlan string     `json:"response_plan,omitempty"`
	Actions      []int64    `json:"actions,omitempty"`
	Initial      Assessment `json:"initial"`
	Current      Assessment `json:"current"`
	Target       Assessment `json:"target"`
	ReviewedOn   string     `json:"reviewed_on,omitempty"`
	NextReview   string     `json:"next_review,omitempty"`
	OccurredOn   string     `json:"occurred_on,omitempty"`
	ActionOwner  string     `json:"action_owner,omitempty"`
	Resolution   string     `json:"resolution,omitempty"`
	TaskImpact   TaskImpact `json:"task_impact"`
	Version      int64      `json:"version"`
	CreatedAt    string     `json:"created_at,omitempty"`
	UpdatedAt    string     `json:"updated_at,omitempty"`
}

// Assessment scores a risk per dimension: [probability, impact], [0, 0]
// when not scored.
type Assessment struct {
	Schedule [2]int `json:"schedule"`
	Cost     [2]int `json:"cost"`
	Quality  [2]int `json:"quality"`
}

// TaskImpact is a risk as an event of the simulation.
type TaskImpact struct {
	Probability  float64 `json:"probability,omitempty"` // percent
	Tasks        []int64 `json:"tasks,omitempty"`       // UIDs
	DelayMin     int64   `json:"delay_min,omitempty"`   // minutes
	DelayMax     int64   `json:"delay_max,omitempty"`
	DelayElapsed bool    `json:"delay_elapsed,omitempty"`
	CostMin      int64   `json:"cost_min,omitempty"` // minor units
	CostMax      int64   `json:"cost_max,omitempty"`
}

// Estimate is a task's (by UID) three-point estimate, in minutes.
type Estimate struct {
	Task         int64  `json:"task"`
	Distribution string `json:"distribution"`
	Optimistic   int64  `json:"optimistic,omitempty"`
	MostLikely   int64  `json:"most_likely,omitempty"`
	Pessimistic  int64  `json:"pessimistic,omitempty"`
	P10          int64  `json:"p10,omitempty"`
	P90          int64  `json:"p90,omitempty"`
	Elapsed      bool   `json:"elapsed,omitempty"`
}

// CorrelationGroup is a group of tasks (by UID) whose durations move
// together in the simulation.
type CorrelationGroup struct {
	Name        string  `json:"name"`
	Correlation float64 `json:"correlation"`
	Tasks       []int64 `json:"tasks"`
	Version     int64   `json:"version"`
}

// Member is a user's role in the project; the user is named by e-mail.
type Member struct {
	Email     string `json:"email"`
	Role      string `json:"role"`
	Version   int64  `json:"version"`
	CreatedAt string `json:"created_at,omitempty"`
}

// Event is an audit event. Ref names the entity it is about without a
// database ID (see audit.go): "key:NET", "uid:12", "link:3-7",
// "email:ann@example.com", "calendar:Night", "number:0" (a baseline),
// "report:2", "entry:3", "expense:1" (the second status report, third
// time entry, first expense in the project's lists), "risk:4" (risk R4),
// "group:1" (the first correlation group), or "deleted:N"
// for the Nth entity of its kind, in order of appearance, that no longer
// exists (or, like API tokens, is not backed up). Field changes that hold
// database IDs (a task's parent and calendar, a link's tasks) use the same
// references.
type Event struct {
	Entity  string   `json:"entity"`
	Ref     string   `json:"ref"`
	Action  string   `json:"action"`
	Actor   string   `json:"actor"`
	At      string   `json:"at"`
	Changes []Change `json:"changes,omitempty"`
}

// Change is one field's old and new value in an audit event.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}
