package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RiskStatus is where a risk stands: still a threat (open), no longer one
// (closed), or happened (occurred), which puts it in the issue log.
type RiskStatus string

// Risk statuses.
const (
	RiskOpen     RiskStatus = "open"
	RiskClosed   RiskStatus = "closed"
	RiskOccurred RiskStatus = "occurred"
)

// ParseRiskStatus reads a risk status in any case; "" is open.
func ParseRiskStatus(s string) (RiskStatus, error) {
	switch st := RiskStatus(strings.ToLower(strings.TrimSpace(s))); st {
	case "":
		return RiskOpen, nil
	case RiskOpen, RiskClosed, RiskOccurred:
		return st, nil
	}
	return "", Invalid("invalid_status", "status", "%q is not a risk status (use open, closed or occurred)", s)
}

// ResponseStrategy is what the project does about a risk.
type ResponseStrategy string

// Response strategies for threats; "" means none chosen yet.
const (
	ResponseNone     ResponseStrategy = ""
	ResponseAvoid    ResponseStrategy = "avoid"
	ResponseMitigate ResponseStrategy = "mitigate"
	ResponseTransfer ResponseStrategy = "transfer"
	ResponseAccept   ResponseStrategy = "accept"
)

// ParseResponseStrategy reads a response strategy in any case.
func ParseResponseStrategy(s string) (ResponseStrategy, error) {
	switch r := ResponseStrategy(strings.ToLower(strings.TrimSpace(s))); r {
	case ResponseNone, ResponseAvoid, ResponseMitigate, ResponseTransfer, ResponseAccept:
		return r, nil
	}
	return "", Invalid("invalid_response", "response", "%q is not a response strategy (use avoid, mitigate, transfer or accept)", s)
}

// Score rates one dimension of a risk on the project's matrix: a
// probability and an impact, each 1..Size. Both 0: not scored.
type Score struct {
	Probability, Impact int
}

// Value is the score's place on the matrix, Probability × Impact.
func (s Score) Value() int { return s.Probability * s.Impact }

// IsZero reports whether the dimension is not scored.
func (s Score) IsZero() bool { return s.Probability == 0 && s.Impact == 0 }

// String writes the score as "3×4", "" when not scored.
func (s Score) String() string {
	if s.IsZero() {
		return ""
	}
	return strconv.Itoa(s.Probability) + "×" + strconv.Itoa(s.Impact)
}

// RiskDimensions are the dimensions a risk is scored in, in order.
var RiskDimensions = []string{"schedule", "cost", "quality"}

// Assessment scores a risk in each dimension at one point: initially,
// now (current), or after its response (target, the residual risk).
type Assessment struct {
	Schedule, Cost, Quality Score
}

// Scores returns the assessment's scores in the order of RiskDimensions.
func (a Assessment) Scores() [3]Score { return [3]Score{a.Schedule, a.Cost, a.Quality} }

// IsZero reports whether no dimension is scored.
func (a Assessment) IsZero() bool { return a == (Assessment{}) }

// Worst returns the dimension with the highest score (the first of equal
// ones) and its score; "" when none is scored.
func (a Assessment) Worst() (dimension string, s Score) {
	for i, sc := range a.Scores() {
		if !sc.IsZero() && (dimension == "" || sc.Value() > s.Value()) {
			dimension, s = RiskDimensions[i], sc
		}
	}
	return dimension, s
}

// Dimension returns the score of a dimension by name.
func (a Assessment) Dimension(name string) (Score, bool) {
	i := slices.Index(RiskDimensions, name)
	if i < 0 {
		return Score{}, false
	}
	return a.Scores()[i], true
}

// RiskTaskImpact quantifies a risk for the Monte Carlo simulation: with
// Probability (a percentage) it occurs, and then delays each of Tasks by
// the same amount drawn from DelayMin..DelayMax and costs an amount drawn
// from CostMin..CostMax once (see docs/risk-format.md, events).
type RiskTaskImpact struct {
	Probability        float64 // percent, 0–100
	Tasks              []int64 // task IDs
	DelayMin, DelayMax int64   // minutes: working, or elapsed when DelayElapsed
	DelayElapsed       bool
	CostMin, CostMax   int64 // minor units of the project currency
}

// IsZero reports whether the risk is not quantified.
func (q RiskTaskImpact) IsZero() bool {
	return q.Probability == 0 && len(q.Tasks) == 0 && q.DelayMin == 0 && q.DelayMax == 0 && q.CostMin == 0 && q.CostMax == 0
}

// Risk is an entry of a project's risk register: a threat described as
// cause → event → effect, scored on the project's risk matrix, with an
// owner, a response, and, once it has occurred, an issue-log entry.
type Risk struct {
	ID        int64
	ProjectID int64
	Number    int64 // per project: the risk's key is "R<Number>"
	Title     string
	// Description, Category, and the risk statement: because of Cause,
	// Event may occur, which would lead to Effect.
	Description, Category string
	Cause, Event, Effect  string
	Owner                 string // email of a project member; "" for none
	Status                RiskStatus
	Trigger               string    // the sign that the risk is about to occur
	Proximity             time.Time // when it could occur (a date); zero: unknown
	Response              ResponseStrategy
	ResponsePlan          string
	Actions               []int64 // IDs of the tasks that carry out the response
	// Initial, Current and Target (residual) assessments.
	Initial, Current, Target Assessment
	ReviewedOn, NextReview   time.Time // dates
	// The issue log: when the risk occurred, who acts on it, and how it
	// was resolved.
	OccurredOn  time.Time
	ActionOwner string
	Resolution  string
	TaskImpact  RiskTaskImpact
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Key returns the risk's human key, "R12".
func (r *Risk) Key() string { return "R" + strconv.FormatInt(r.Number, 10) }

// Score is the risk's score now: the worst dimension of its current
// assessment, or of its initial one while it has no current one.
func (r *Risk) Score() (dimension string, s Score) {
	if !r.Current.IsZero() {
		return r.Current.Worst()
	}
	return r.Initial.Worst()
}

// Normalize trims text and fills defaults before validation.
func (r *Risk) Normalize() {
	for _, s := range []*string{&r.Title, &r.Category, &r.Owner, &r.ActionOwner} {
		*s = strings.TrimSpace(*s)
	}
	r.Owner, r.ActionOwner = NormalizeEmail(r.Owner), NormalizeEmail(r.ActionOwner)
	if r.Status == "" {
		r.Status = RiskOpen
	}
	r.Actions = sortedIDs(r.Actions)
	r.TaskImpact.Tasks = sortedIDs(r.TaskImpact.Tasks)
}

func sortedIDs(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Validate checks r on its own and its scores against matrix m. That
// owners are members and tasks exist is checked against the project.
func (r *Risk) Validate(m RiskMatrix) error {
	if r.Title == "" {
		return Invalid("required", "title", "a risk needs a title")
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{{"title", r.Title, 300}, {"category", r.Category, 100}, {"description", r.Description, 20000},
		{"cause", r.Cause, 5000}, {"event", r.Event, 5000}, {"effect", r.Effect, 5000}, {"trigger", r.Trigger, 5000},
		{"response_plan", r.ResponsePlan, 20000}, {"resolution", r.Resolution, 20000}} {
		if len(f.value) > f.max {
			return Invalid("too_long", f.field, "%s is %d characters; keep it to %d", f.field, len(f.value), f.max)
		}
	}
	if _, err := ParseRiskStatus(string(r.Status)); err != nil {
		return err
	}
	if _, err := ParseResponseStrategy(string(r.Response)); err != nil {
		return err
	}
	for _, a := range []struct {
		name string
		a    Assessment
	}{{"initial", r.Initial}, {"current", r.Current}, {"target", r.Target}} {
		for i, s := range a.a.Scores() {
			if err := m.CheckScore(s); err != nil {
				return WithField(err, a.name+"."+RiskDimensions[i])
			}
		}
	}
	if r.Status == RiskOccurred {
		if r.OccurredOn.IsZero() {
			return Invalid("required", "occurred_on", "a risk that occurred needs the date it occurred (YYYY-MM-DD)")
		}
		if r.ActionOwner == "" {
			return Invalid("required", "action_owner", "a risk that occurred goes to the issue log and needs an action owner (a member's email)")
		}
	}
	return r.TaskImpact.Validate()
}

// Validate checks the quantified impact on its own.
func (q RiskTaskImpact) Validate() error {
	if q.IsZero() {
		return nil
	}
	if !(q.Probability > 0 && q.Probability <= 100) {
		return Invalid("invalid_probability", "task_impact.probability", "the probability is a percentage above 0 and at most 100, e.g. 25")
	}
	if len(q.Tasks) == 0 {
		return Invalid("required", "task_impact.tasks", "a quantified risk needs the tasks it delays (their ids)")
	}
	if q.DelayMin < 0 || q.DelayMax < q.DelayMin || q.DelayMax > 1<<30 {
		return Invalid("invalid_delay", "task_impact.delay_max", "the delay is a range from the shortest to the longest, at least 0")
	}
	if q.CostMax < q.CostMin || q.CostMin < -(1<<50) || q.CostMax > 1<<50 {
		return Invalid("invalid_cost", "task_impact.cost_max", "the cost is a range from the lowest to the highest")
	}
	return nil
}

// RiskBand is a score's band on the matrix, which colours it.
type RiskBand string

// Bands, from least to most severe.
const (
	BandNone   RiskBand = ""
	BandLow    RiskBand = "low"
	BandMedium RiskBand = "medium"
	BandHigh   RiskBand = "high"
)

// RiskMatrix is a project's probability × impact matrix: Size levels of
// each (5 by default, 2 to 10), and the scores from which a risk is
// medium and high; below Medium it is low.
type RiskMatrix struct {
	ProjectID int64
	Size      int
	Medium    int
	High      int
	Version   int64 // 0: the default, never stored
}

// DefaultRiskMatrix is the 5×5 matrix: low 1–4, medium 5–10, high 12–25.
func DefaultRiskMatrix() RiskMatrix { return RiskMatrix{Size: 5, Medium: 5, High: 12} }

// Validate checks the matrix's size and thresholds.
func (m RiskMatrix) Validate() error {
	if m.Size < 2 || m.Size > 10 {
		return Invalid("invalid_size", "size", "the matrix is 2×2 to 10×10, not %d×%d", m.Size, m.Size)
	}
	if m.Medium < 2 || m.High <= m.Medium || m.High > m.Size*m.Size {
		return Invalid("invalid_thresholds", "thresholds", "thresholds must rise: 1 < medium < high ≤ %d (the top score of a %d×%d matrix)", m.Size*m.Size, m.Size, m.Size)
	}
	return nil
}

// CheckScore checks that s is unscored or on the matrix.
func (m RiskMatrix) CheckScore(s Score) error {
	if s.IsZero() {
		return nil
	}
	if s.Probability < 1 || s.Probability > m.Size {
		return Invalid("invalid_score", "probability", "probability %d is off the %d×%d matrix (use 1 to %d)", s.Probability, m.Size, m.Size, m.Size)
	}
	if s.Impact < 1 || s.Impact > m.Size {
		return Invalid("invalid_score", "impact", "impact %d is off the %d×%d matrix (use 1 to %d)", s.Impact, m.Size, m.Size, m.Size)
	}
	return nil
}

// Band returns the band of a score: none for 0.
func (m RiskMatrix) Band(score int) RiskBand {
	switch {
	case score <= 0:
		return BandNone
	case score >= m.High:
		return BandHigh
	case score >= m.Medium:
		return BandMedium
	}
	return BandLow
}

// Fields lists the matrix's auditable fields, recorded on the project.
func (m RiskMatrix) Fields() [][2]string {
	return [][2]string{{"risk_matrix", fmt.Sprintf("%d×%d", m.Size, m.Size)},
		{"risk_thresholds", fmt.Sprintf("medium from %d, high from %d", m.Medium, m.High)}}
}

// RiskCostFields are the audited fields of a risk that hold money, which
// only those who may see costs see.
var RiskCostFields = []string{"task_impact_cost"}

// Fields lists a risk's auditable fields as text, in a fixed order.
// Tasks are named by taskKey ("NET-12"), which outlives database IDs.
func (r *Risk) Fields(u Units, currency string, taskKey func(int64) string) [][2]string {
	f := [][2]string{
		{"title", r.Title}, {"description", r.Description}, {"category", r.Category},
		{"cause", r.Cause}, {"event", r.Event}, {"effect", r.Effect}, {"owner", r.Owner}, {"status", string(r.Status)},
		{"trigger", r.Trigger}, {"proximity", FormatDate(r.Proximity)}, {"response", string(r.Response)},
		{"response_plan", r.ResponsePlan}, {"actions", keyList(r.Actions, taskKey)},
	}
	for _, a := range []struct {
		name string
		a    Assessment
	}{{"initial", r.Initial}, {"current", r.Current}, {"target", r.Target}} {
		for i, s := range a.a.Scores() {
			f = append(f, [2]string{a.name + "." + RiskDimensions[i], s.String()})
		}
	}
	f = append(f, [][2]string{{"reviewed_on", FormatDate(r.ReviewedOn)}, {"next_review", FormatDate(r.NextReview)},
		{"occurred_on", FormatDate(r.OccurredOn)}, {"action_owner", r.ActionOwner}, {"resolution", r.Resolution}}...)
	q := r.TaskImpact
	var prob, delay, cost string
	if !q.IsZero() {
		prob = strconv.FormatFloat(q.Probability, 'f', -1, 64) + "%"
		d := func(m int64) string { return Duration{Minutes: m, Elapsed: q.DelayElapsed}.Format(u) }
		delay = d(q.DelayMin) + " " + d(q.DelayMax)
		cost = FormatMoney(q.CostMin, currency) + " " + FormatMoney(q.CostMax, currency)
	}
	return append(f, [][2]string{{"task_impact_probability", prob}, {"task_impact_tasks", keyList(q.Tasks, taskKey)},
		{"task_impact_delay", delay}, {"task_impact_cost", cost}}...)
}

// keyList names tasks by key, comma-separated.
func keyList(ids []int64, key func(int64) string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = key(id)
	}
	return strings.Join(s, ",")
}

// EstimateDistribution names the shape of a three-point estimate, as
// package risk reads it.
type EstimateDistribution string

// Distributions of an estimate.
const (
	DistTriangular EstimateDistribution = "triangular"
	DistPERT       EstimateDistribution = "pert"
	DistUniform    EstimateDistribution = "uniform"
	DistLognormal  EstimateDistribution = "lognormal"
)

// ParseEstimateDistribution reads a distribution name in any case; ""
// is triangular.
func ParseEstimateDistribution(s string) (EstimateDistribution, error) {
	switch d := strings.ToLower(strings.TrimSpace(s)); d {
	case "", "triangular", "triangle":
		return DistTriangular, nil
	case "pert", "beta", "pert-beta":
		return DistPERT, nil
	case "uniform":
		return DistUniform, nil
	case "lognormal":
		return DistLognormal, nil
	}
	return "", Invalid("invalid_distribution", "distribution", "%q is not a distribution (use triangular, pert, uniform or lognormal)", s)
}

// TaskEstimate is the uncertain duration of one task: optimistic, most
// likely and pessimistic durations, or for a lognormal its 10th and 90th
// percentiles, in minutes of the same kind as the task's duration
// (elapsed when Elapsed).
type TaskEstimate struct {
	ProjectID    int64
	TaskID       int64
	Distribution EstimateDistribution
	Optimistic   int64
	MostLikely   int64
	Pessimistic  int64
	P10, P90     int64
	Elapsed      bool
}

// Validate checks the estimate on its own.
func (e TaskEstimate) Validate() error {
	const limit = 1 << 30
	switch e.Distribution {
	case DistLognormal:
		if e.P10 <= 0 || e.P90 <= e.P10 || e.P90 > limit {
			return Invalid("invalid_estimate", "p90", "a lognormal estimate needs 0 < p10 < p90")
		}
	case DistTriangular, DistPERT, DistUniform:
		if e.Optimistic < 0 || e.Pessimistic < e.Optimistic || e.Pessimistic > limit {
			return Invalid("invalid_estimate", "pessimistic", "the optimistic duration must be at least 0 and at most the pessimistic one")
		}
		if e.Distribution != DistUniform && (e.MostLikely < e.Optimistic || e.MostLikely > e.Pessimistic) {
			return Invalid("invalid_estimate", "most_likely", "the most likely duration must lie between the optimistic and the pessimistic one")
		}
	default:
		return Invalid("invalid_distribution", "distribution", "%q is not a distribution (use triangular, pert, uniform or lognormal)", e.Distribution)
	}
	return nil
}

// String writes the estimate for people and the audit trail:
// "pert 4d 5d 9d", "lognormal p10 21ed p90 42ed".
func (e TaskEstimate) String(u Units) string {
	d := func(m int64) string { return Duration{Minutes: m, Elapsed: e.Elapsed}.Format(u) }
	if e.Distribution == DistLognormal {
		return "lognormal p10 " + d(e.P10) + " p90 " + d(e.P90)
	}
	if e.Distribution == DistUniform {
		return "uniform " + d(e.Optimistic) + " " + d(e.Pessimistic)
	}
	return string(e.Distribution) + " " + d(e.Optimistic) + " " + d(e.MostLikely) + " " + d(e.Pessimistic)
}

// CorrelationGroup is a set of tasks whose durations move together in
// the simulation, with one correlation (0–1) between each pair (see
// package risk). A task is in one group at most.
type CorrelationGroup struct {
	ID          int64
	ProjectID   int64
	Name        string
	Correlation float64
	Tasks       []int64 // task IDs, ascending
	Version     int64
}

// Normalize trims the name and sorts the tasks.
func (g *CorrelationGroup) Normalize() {
	g.Name = strings.TrimSpace(g.Name)
	g.Tasks = sortedIDs(g.Tasks)
}

// Validate checks the group on its own.
func (g *CorrelationGroup) Validate() error {
	if g.Name == "" {
		return Invalid("required", "name", "a correlation group needs a name, e.g. Design team")
	}
	if len(g.Name) > 200 {
		return Invalid("too_long", "name", "the name is %d characters; keep it to 200", len(g.Name))
	}
	if !(g.Correlation >= 0 && g.Correlation <= 1) {
		return Invalid("invalid_correlation", "correlation", "correlation is between 0 and 1, e.g. 0.6")
	}
	if len(g.Tasks) < 2 {
		return Invalid("required", "tasks", "a correlation group needs at least two tasks")
	}
	return nil
}

// Fields lists a group's auditable fields; tasks are named by taskKey.
func (g *CorrelationGroup) Fields(taskKey func(int64) string) [][2]string {
	return [][2]string{{"name", g.Name}, {"correlation", strconv.FormatFloat(g.Correlation, 'f', -1, 64)},
		{"tasks", keyList(g.Tasks, taskKey)}}
}
