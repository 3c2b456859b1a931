package domain

import (
	"regexp"
	"strings"
	"time"
)

// ProjectType is the kind of IT project, used for templates and reporting.
type ProjectType string

// Project types.
const (
	TypeInfrastructure  ProjectType = "infrastructure"
	TypeHardwareRollout ProjectType = "hardware_rollout"
	TypeSoftware        ProjectType = "software"
	TypeOther           ProjectType = "other"
)

// Method is how the project is delivered.
type Method string

// Delivery methods.
const (
	Predictive Method = "predictive"
	Agile      Method = "agile"
	Hybrid     Method = "hybrid"
)

// Project is a plan and everything hung on it. Key is its short, unique,
// human handle ("NET"); task keys are Key-UID ("NET-42").
type Project struct {
	ID          int64
	Key         string
	Name        string
	Description string
	Type        ProjectType
	Method      Method
	Sponsor     string
	Manager     string
	Client      string
	Start       time.Time // project-local; scheduling starts here
	StatusDate  time.Time // zero: none set
	TimeZone    string    // IANA name, e.g. "Europe/London"
	CalendarID  int64     // the project calendar; 0 until one is stored
	Currency    string    // ISO 4217, e.g. "EUR"
	Budget      int64     // minor units of Currency
	Phase       string
	Units       Units
	// WIPLimits are the board's work-in-progress limits per column.
	WIPLimits WIPLimits
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

var keyPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

// Normalize fills defaults and canonical forms before validation.
func (p *Project) Normalize() {
	p.Key = strings.ToUpper(strings.TrimSpace(p.Key))
	p.Name = strings.TrimSpace(p.Name)
	if p.Type == "" {
		p.Type = TypeOther
	}
	if p.Method == "" {
		p.Method = Predictive
	}
	if p.TimeZone == "" {
		p.TimeZone = "UTC"
	}
	if p.Currency == "" {
		p.Currency = "EUR"
	}
	p.Currency = strings.ToUpper(p.Currency)
	p.Units = p.Units.OrDefault()
}

// Validate checks p; call Normalize first.
func (p *Project) Validate() error {
	if !keyPattern.MatchString(p.Key) {
		return Invalid("invalid_key", "key", "project key %q must be 2–10 capital letters or digits, starting with a letter (e.g. NET)", p.Key)
	}
	if p.Name == "" {
		return Invalid("required", "name", "project name is required")
	}
	if len(p.Name) > 200 {
		return Invalid("too_long", "name", "project name is %d characters; keep it to 200", len(p.Name))
	}
	if p.Start.IsZero() {
		return Invalid("required", "start", "project start date is required (YYYY-MM-DD)")
	}
	switch p.Type {
	case TypeInfrastructure, TypeHardwareRollout, TypeSoftware, TypeOther:
	default:
		return Invalid("invalid_type", "type", "%q is not a project type (use infrastructure, hardware_rollout, software or other)", p.Type)
	}
	switch p.Method {
	case Predictive, Agile, Hybrid:
	default:
		return Invalid("invalid_method", "method", "%q is not a method (use predictive, agile or hybrid)", p.Method)
	}
	if _, err := time.LoadLocation(p.TimeZone); err != nil {
		return Invalid("invalid_time_zone", "time_zone", "%q is not a time zone (use an IANA name such as Europe/London)", p.TimeZone)
	}
	if len(p.Currency) != 3 {
		return Invalid("invalid_currency", "currency", "%q is not a currency code (use ISO 4217, e.g. EUR, GBP, USD)", p.Currency)
	}
	if err := p.WIPLimits.Validate(); err != nil {
		return err
	}
	if p.Budget < 0 {
		return Invalid("invalid_budget", "budget", "budget cannot be negative")
	}
	if p.Units.MinutesPerDay <= 0 || p.Units.MinutesPerDay > 1440 {
		return Invalid("invalid_units", "minutes_per_day", "minutes per day must be between 1 and 1440")
	}
	return nil
}
