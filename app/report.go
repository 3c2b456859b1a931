package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cairnpm/cairn/cost"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/evm"
	"github.com/cairnpm/cairn/report"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/store"
)

// ReportPeriod says which report to draft: the period ending on End
// (a date), Days long, against baseline Baseline.
type ReportPeriod struct {
	End      time.Time
	Days     int
	Baseline int
}

func (rp ReportPeriod) validate() error {
	if rp.End.IsZero() {
		return domain.Invalid("required", "period_end", "a report needs the last day of its period (YYYY-MM-DD)")
	}
	if rp.Days < 1 || rp.Days > 366 {
		return domain.Invalid("invalid_period", "period_days", "a report's period is 1 to 366 days long, not %d", rp.Days)
	}
	return domain.ValidateBaselineNumber(rp.Baseline)
}

// DraftReportDocument drafts the report of project key for a period
// without storing it: the schedule at the end of the period, earned value
// against the baseline's budget, and the computed RAG and summary.
func (a *App) DraftReportDocument(ctx context.Context, key string, rp ReportPeriod) (*report.Report, error) {
	if err := rp.validate(); err != nil {
		return nil, err
	}
	plan, err := a.Plan(ctx, key)
	if err != nil {
		return nil, err
	}
	var risks []report.Risk
	err = a.store.View(ctx, func(tx store.Tx) error {
		risks, err = openRisks(ctx, tx, plan.Project.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return draftReport(plan, rp, risks, a.reportForecast(ctx, key, plan, rp))
}

func draftReport(plan *domain.Plan, rp ReportPeriod, risks []report.Risk, forecast *report.Forecast) (*report.Report, error) {
	status := rp.End.AddDate(0, 0, 1) // work is measured at the end of the period's last day
	res, err := schedule.Compute(plan, schedule.Options{StatusDate: status})
	if err != nil {
		return nil, err
	}
	return report.Draft(report.Input{Plan: plan, Result: res, Baseline: rp.Baseline,
		PeriodStart: rp.End.AddDate(0, 0, 1-rp.Days), PeriodEnd: rp.End,
		Cost: earnedValue(plan, res, status, rp.Baseline), Risks: risks, Forecast: forecast})
}

// openRisks lists the project's open risks as a report shows them, scored
// by their current (else initial) assessment's worst dimension on the
// project's matrix.
func openRisks(ctx context.Context, tx store.Tx, projectID int64) ([]report.Risk, error) {
	m, err := tx.RiskMatrix(ctx, projectID)
	if err != nil {
		return nil, err
	}
	rs, err := tx.Risks(ctx, projectID)
	if err != nil {
		return nil, err
	}
	var out []report.Risk
	for _, r := range rs {
		if r.Status != domain.RiskOpen {
			continue
		}
		as := r.Current
		if as.IsZero() {
			as = r.Initial
		}
		_, worst := as.Worst()
		out = append(out, report.Risk{Title: r.Title, Owner: r.Owner, Score: worst.Value(), MaxScore: m.Size * m.Size,
			Response: strings.TrimSpace(string(r.Response) + " " + r.ResponsePlan)})
	}
	return out, nil
}

// forecastRuns is how many Monte Carlo runs a report's forecast takes:
// enough for a percentage to the nearest point.
const forecastRuns = 2000

// reportForecast is the Monte Carlo chance of finishing by the plan's
// latest deadline, when the plan has a deadline and uncertain durations or
// risk events; nil otherwise, or when the simulation cannot run.
func (a *App) reportForecast(ctx context.Context, key string, plan *domain.Plan, rp ReportPeriod) *report.Forecast {
	var deadline time.Time
	for _, t := range plan.Tasks {
		if t.Deadline.After(deadline) {
			deadline = t.Deadline
		}
	}
	if deadline.IsZero() {
		return nil
	}
	sim, err := a.Simulate(ctx, key, SimulateOptions{Iterations: forecastRuns, Seed: 1, StatusDate: rp.End.AddDate(0, 0, 1)})
	if err != nil || !sim.Result.Finish.P95.After(sim.Result.Finish.P10) {
		return nil // no spread: the schedule's own dates say it all
	}
	by := deadline
	if by.Hour() == 0 && by.Minute() == 0 {
		by = by.AddDate(0, 0, 1) // a bare date is the end of that day
	}
	return &report.Forecast{Deadline: deadline, Probability: sim.Result.ProbabilityBy(by), P80: sim.Result.Finish.P80}
}

// earnedValue measures the project's cost position at the status date, or
// nil when it has no budgeted baseline to measure against.
func earnedValue(plan *domain.Plan, res *schedule.Result, status time.Time, baseline int) *report.Cost {
	c, err := cost.Compute(plan, res, cost.Options{StatusDate: status})
	if err != nil {
		return nil
	}
	ev, err := evm.Compute(plan, res, c, evm.Options{StatusDate: status, Baseline: baseline})
	if err != nil || ev.Project.BAC <= 0 {
		return nil
	}
	m := ev.Project
	known := func(v float64) float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0 // undefined: the report leaves it out
		}
		return v
	}
	return &report.Cost{BAC: m.BAC, AC: m.AC, EAC: m.EAC.Amount, VAC: m.VAC.Amount,
		CPI: known(m.CPI), SPI: known(m.SPI), SPIt: known(m.SPIt)}
}

// StoredReport is a stored report with its document as the PM edited it
// and with their overrides applied.
type StoredReport struct {
	domain.StatusReport
	Document *report.Report
}

// stored decodes r's document and applies its overrides.
func stored(r domain.StatusReport) (StoredReport, error) {
	var doc report.Report
	if err := json.Unmarshal([]byte(r.Content), &doc); err != nil {
		return StoredReport{}, fmt.Errorf("report %d: %w", r.ID, err)
	}
	if err := doc.Apply(overrides(r.Overrides)); err != nil {
		return StoredReport{}, fmt.Errorf("report %d: %w", r.ID, err)
	}
	return StoredReport{StatusReport: r, Document: &doc}, nil
}

func overrides(os []domain.RAGOverride) []report.Override {
	out := make([]report.Override, len(os))
	for i, o := range os {
		out[i] = report.Override{Area: o.Area, Level: report.Level(o.Level), Justification: o.Justification}
	}
	return out
}

// CreateReport drafts the period's report and stores it as a draft.
func (a *App) CreateReport(ctx context.Context, key string, rp ReportPeriod) (StoredReport, error) {
	if err := rp.validate(); err != nil {
		return StoredReport{}, err
	}
	plan, err := a.Plan(ctx, key)
	if err != nil {
		return StoredReport{}, err
	}
	forecast := a.reportForecast(ctx, key, plan, rp) // outside the write: it takes a while
	var out StoredReport
	err = a.store.Update(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		plan, err := loadPlan(ctx, tx, p)
		if err != nil {
			return err
		}
		risks, err := openRisks(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		doc, err := draftReport(plan, rp, risks, forecast)
		if err != nil {
			return err
		}
		text, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		r := domain.StatusReport{ProjectID: p.ID, PeriodStart: rp.End.AddDate(0, 0, 1-rp.Days), PeriodEnd: rp.End,
			Baseline: rp.Baseline, Status: domain.ReportDraft, Drafted: string(text), Content: string(text),
			CreatedBy: Actor(ctx), CreatedAt: a.now().UTC()}
		if err := tx.CreateReport(ctx, &r); err != nil {
			return err
		}
		if out, err = stored(r); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "report", r.ID, "create", []domain.Change{
			{Field: "period_end", New: domain.FormatDate(rp.End)}, {Field: "overall", New: string(doc.RAG.Overall.Level)}})
	})
	return out, err
}

// Reports lists a project's reports, newest first; drafts only when
// withDrafts (the caller may manage the project).
func (a *App) Reports(ctx context.Context, key string, withDrafts bool) ([]StoredReport, error) {
	var out []StoredReport
	err := a.store.View(ctx, func(tx store.Tx) error {
		p, err := tx.Project(ctx, key)
		if err != nil {
			return err
		}
		rs, err := tx.Reports(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Status == domain.ReportDraft && !withDrafts {
				continue
			}
			s, err := stored(r)
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// Report returns one report; a draft is not found unless withDrafts.
func (a *App) Report(ctx context.Context, key string, id int64, withDrafts bool) (StoredReport, error) {
	var out StoredReport
	err := a.store.View(ctx, func(tx store.Tx) error {
		r, err := reportOf(ctx, tx, key, id, withDrafts)
		if err != nil {
			return err
		}
		out, err = stored(r)
		return err
	})
	return out, err
}

func reportOf(ctx context.Context, tx store.Tx, key string, id int64, withDrafts bool) (domain.StatusReport, error) {
	p, err := tx.Project(ctx, key)
	if err != nil {
		return domain.StatusReport{}, err
	}
	r, err := tx.Report(ctx, p.ID, id)
	if err == nil && r.Status == domain.ReportDraft && !withDrafts {
		return r, domain.NotFound("report_not_found", "report %d does not exist in this project", id)
	}
	return r, err
}

// ReportEdit is what the PM may change in a draft: nil fields stay.
type ReportEdit struct {
	Summary   *string
	Decisions *[]string
	Overrides *[]domain.RAGOverride
}

// EditReport changes a draft's summary, decisions or RAG overrides.
// version is the version the caller last saw (0: do not check). A
// published report cannot change.
func (a *App) EditReport(ctx context.Context, key string, id, version int64, e ReportEdit) (StoredReport, error) {
	return a.changeReport(ctx, key, id, version, "update", func(r *domain.StatusReport, doc *report.Report) ([]domain.Change, error) {
		var changes []domain.Change
		if e.Summary != nil && strings.TrimSpace(*e.Summary) != doc.Summary {
			s := strings.TrimSpace(*e.Summary)
			if s == "" {
				return nil, domain.Invalid("required", "summary", "the summary cannot be empty; it is what sponsors read first")
			}
			changes = append(changes, domain.Change{Field: "summary", Old: doc.Summary, New: s})
			doc.Summary = s
		}
		if e.Decisions != nil {
			changes = append(changes, domain.Change{Field: "decisions", Old: strings.Join(doc.Decisions, "\n"), New: strings.Join(*e.Decisions, "\n")})
			doc.Decisions = append([]string{}, *e.Decisions...)
		}
		if e.Overrides != nil {
			old, _ := json.Marshal(r.Overrides)
			r.Overrides = *e.Overrides
			if err := r.Validate(); err != nil {
				return nil, err
			}
			if err := (&report.Report{}).Apply(overrides(r.Overrides)); err != nil {
				return nil, domain.Invalid("invalid_override", "overrides", "%v", err)
			}
			now, _ := json.Marshal(r.Overrides)
			changes = append(changes, domain.Change{Field: "overrides", Old: string(old), New: string(now)})
		}
		return changes, nil
	})
}

// PublishReport publishes a draft: from now on it never changes.
func (a *App) PublishReport(ctx context.Context, key string, id, version int64) (StoredReport, error) {
	return a.changeReport(ctx, key, id, version, "publish", func(r *domain.StatusReport, _ *report.Report) ([]domain.Change, error) {
		r.Status, r.PublishedBy, r.PublishedAt = domain.ReportPublished, Actor(ctx), a.now().UTC()
		return []domain.Change{{Field: "status", Old: string(domain.ReportDraft), New: string(domain.ReportPublished)}}, nil
	})
}

// changeReport loads a draft, lets edit change it, and saves and audits
// the change in one transaction.
func (a *App) changeReport(ctx context.Context, key string, id, version int64, action string,
	edit func(*domain.StatusReport, *report.Report) ([]domain.Change, error)) (StoredReport, error) {
	var out StoredReport
	err := a.store.Update(ctx, func(tx store.Tx) error {
		r, err := reportOf(ctx, tx, key, id, true)
		if err != nil {
			return err
		}
		if err := checkVersion("report", r.ID, version, r.Version); err != nil {
			return err
		}
		if r.Status == domain.ReportPublished {
			return domain.Conflict("report_published", "", "report %d was published on %s and cannot change; draft a new one", r.ID, domain.FormatDate(r.PublishedAt))
		}
		var doc report.Report
		if err := json.Unmarshal([]byte(r.Content), &doc); err != nil {
			return fmt.Errorf("report %d: %w", r.ID, err)
		}
		changes, err := edit(&r, &doc)
		if err != nil {
			return err
		}
		text, err := json.Marshal(&doc)
		if err != nil {
			return err
		}
		r.Content = string(text)
		if err := tx.UpdateReport(ctx, &r); err != nil {
			return err
		}
		if out, err = stored(r); err != nil {
			return err
		}
		return a.audit(ctx, tx, r.ProjectID, "report", r.ID, action, changes)
	})
	return out, err
}

// ReportDiff compares a report with the last one published before it,
// returning that one's ID (0 when there is none) and the changes.
func (a *App) ReportDiff(ctx context.Context, key string, id int64, withDrafts bool) (int64, []report.Change, error) {
	var prevID int64
	var changes []report.Change
	err := a.store.View(ctx, func(tx store.Tx) error {
		cur, err := reportOf(ctx, tx, key, id, withDrafts)
		if err != nil {
			return err
		}
		rs, err := tx.Reports(ctx, cur.ProjectID)
		if err != nil {
			return err
		}
		for _, r := range rs { // newest first
			if r.ID < cur.ID && r.Status == domain.ReportPublished {
				prev, err := stored(r)
				if err != nil {
					return err
				}
				now, err := stored(cur)
				if err != nil {
					return err
				}
				prevID, changes = r.ID, report.Diff(prev.Document, now.Document)
				return nil
			}
		}
		return nil
	})
	return prevID, changes, err
}
