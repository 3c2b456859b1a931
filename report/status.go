package report

import (
	"fmt"
	"math"

	"github.com/cairnpm/cairn/domain"
)

// status collects an area's level and reasons; the level is the worst any
// reason raised, and reasons are kept worst first.
type status struct {
	byLevel map[Level][]string
}

func (s *status) add(l Level, format string, args ...any) {
	if s.byLevel == nil {
		s.byLevel = map[Level][]string{}
	}
	s.byLevel[l] = append(s.byLevel[l], sentence(fmt.Sprintf(format, args...)))
}

func (s *status) result() Status {
	out := Status{Level: Green, Reasons: []string{}}
	for _, l := range []Level{Red, Amber, Green} {
		if len(s.byLevel[l]) > 0 && out.Level == Green {
			out.Level = l
		}
		out.Reasons = append(out.Reasons, s.byLevel[l]...)
	}
	return out
}

// scheduleStatus judges the forecast finish and milestones against the
// baseline, deadlines, constraints that cannot be met, and SPI(t).
func (d *drafter) scheduleStatus() Status {
	var s status
	slip, planned, ok := d.projectSlip()
	if ok {
		l := grade(slip, d.th.SlipAmberDays, d.th.SlipRedDays)
		s.add(l, "the forecast finish, %s, is %s (%s)", day(d.res.Finish, d.year), relative(slip), day(planned, d.year))
	} else {
		s.add(Green, "no baseline is saved, so slippage cannot be measured; save one to compare against")
	}
	for _, r := range d.res.Tasks {
		t := d.task[r.ID]
		if r.Milestone && !d.done(r.ID) {
			if sl, ok := d.slip[r.ID]; ok && sl >= d.th.SlipAmberDays {
				s.add(grade(sl, d.th.SlipAmberDays, d.th.SlipRedDays), "%s is forecast for %s, %s", r.Name, day(r.Finish, d.year), relative(sl))
			}
		}
		if !t.Deadline.IsZero() && r.Finish.After(deadlineEnd(t.Deadline)) && !d.done(r.ID) {
			s.add(Red, "%s is forecast to finish on %s, after its %s deadline", r.Name, day(r.Finish, d.year), day(t.Deadline, d.year))
		}
	}
	negative := 0
	for _, r := range d.res.Tasks {
		if !r.Summary && r.TotalFloat < 0 && d.task[r.ID].Deadline.IsZero() {
			negative++
		}
	}
	if negative > 0 {
		s.add(Red, "%s cannot meet the dates fixed for them (negative float): the work before them takes longer than the time left", count(negative, "task", "tasks"))
	}
	if c := d.in.Cost; c != nil {
		idx, name := c.SPI, "work is being done at %s of the planned rate (SPI %.2f)"
		if c.SPIt > 0 {
			idx, name = c.SPIt, "time is being earned at %s of the planned rate (SPI(t) %.2f)"
		}
		if l := gradeLow(idx, d.th.IndexAmber, d.th.IndexRed); idx > 0 && l != Green {
			s.add(l, name, percent(idx), idx)
		}
	}
	return s.result()
}

// deadlineEnd is the end of a deadline given as a bare date.
func deadlineEnd(t domainTime) domainTime {
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.AddDate(0, 0, 1)
	}
	return t
}

// costStatus judges spending by CPI and the forecast overrun.
func (d *drafter) costStatus() (Status, *Budget) {
	var s status
	c := d.in.Cost
	if c == nil || c.BAC <= 0 {
		s.add(Green, "no budget is set, so cost is not tracked; set one in the project's settings")
		return s.result(), nil
	}
	cur := d.plan.Project.Currency
	dec := domain.CurrencyDecimals(cur)
	overrun := 100 * float64(c.EAC-c.BAC) / float64(c.BAC)
	if l := grade(overrun, d.th.OverrunAmberPct, d.th.OverrunRedPct); overrun > 0 {
		s.add(l, "the forecast cost, %s, is %.0f%% over the budget of %s", money(c.EAC, dec, cur), overrun, money(c.BAC, dec, cur))
	} else {
		s.add(Green, "the forecast cost, %s, is within the budget of %s", money(c.EAC, dec, cur), money(c.BAC, dec, cur))
	}
	if l := gradeLow(c.CPI, d.th.IndexAmber, d.th.IndexRed); c.CPI > 0 && l != Green {
		s.add(l, "each %s 1.00 spent has earned %s %.2f of planned work (CPI %.2f)", cur, cur, c.CPI, c.CPI)
	}
	units := func(m int64) float64 { return float64(m) / math.Pow10(dec) }
	b := &Budget{Currency: cur, BAC: units(c.BAC), AC: units(c.AC), EAC: units(c.EAC), VAC: units(c.VAC)}
	b.Note = fmt.Sprintf("%s spent of %s; forecast %s", money(c.AC, dec, cur), money(c.BAC, dec, cur), money(c.EAC, dec, cur))
	return s.result(), b
}

// scopeStatus judges work added since the baseline.
func (d *drafter) scopeStatus() Status {
	var s status
	if len(d.base) == 0 {
		s.add(Green, "no baseline is saved, so scope changes cannot be measured")
		return s.result()
	}
	added := 0
	for _, t := range d.plan.Tasks {
		if _, ok := d.base[t.ID]; !ok && !d.summaries[t.ID] {
			added++
		}
	}
	pct := 100 * float64(added) / float64(len(d.base))
	if added == 0 {
		s.add(Green, "no work has been added since the baseline")
	} else {
		s.add(grade(pct, d.th.ScopeAmberPct, d.th.ScopeRedPct), "%s added since the baseline (%.0f%% more)", count(added, "task was", "tasks were"), pct)
	}
	return s.result()
}

// riskStatus judges the worst open risk and the chance of meeting the
// deadline.
func (d *drafter) riskStatus() Status {
	var s status
	if len(d.in.Risks) == 0 && d.in.Forecast == nil {
		s.add(Green, "no open risks are recorded")
	}
	for _, r := range d.risks() {
		if r.MaxScore <= 0 {
			continue
		}
		pct := 100 * float64(r.Score) / float64(r.MaxScore)
		if l := grade(pct, d.th.RiskAmberPct, d.th.RiskRedPct); l != Green {
			s.add(l, "risk %q scores %d of %d", r.Title, r.Score, r.MaxScore)
		}
	}
	if f := d.in.Forecast; f != nil {
		l := gradeLow(100*f.Probability, d.th.ChanceAmberPct, d.th.ChanceRedPct)
		s.add(l, "there is a %s chance of finishing by the %s deadline", percent(f.Probability), day(f.Deadline, d.year))
	}
	if len(s.byLevel) == 0 {
		s.add(Green, "no open risk is above the amber threshold")
	}
	return s.result()
}
