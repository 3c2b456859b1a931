package backup

import (
	"errors"
	"fmt"

	"github.com/cairnpm/cairn/domain"
)

// Conversions of the risk register and the simulation's inputs (issue 9)
// between the domain and the backup format.

func riskMatrixToMirror(m domain.RiskMatrix) *RiskMatrix {
	if m.Version == 0 { // the default, never stored
		return nil
	}
	return &RiskMatrix{Size: m.Size, Medium: m.Medium, High: m.High, Version: m.Version}
}

func riskMatrixFromMirror(m *RiskMatrix) (domain.RiskMatrix, error) {
	if m == nil {
		return domain.DefaultRiskMatrix(), nil
	}
	out := domain.RiskMatrix{Size: m.Size, Medium: m.Medium, High: m.High, Version: max(m.Version, 1)}
	return out, out.Validate()
}

func assessmentToMirror(a domain.Assessment) Assessment {
	pair := func(s domain.Score) [2]int { return [2]int{s.Probability, s.Impact} }
	return Assessment{Schedule: pair(a.Schedule), Cost: pair(a.Cost), Quality: pair(a.Quality)}
}

func assessmentFromMirror(m Assessment) domain.Assessment {
	score := func(p [2]int) domain.Score { return domain.Score{Probability: p[0], Impact: p[1]} }
	return domain.Assessment{Schedule: score(m.Schedule), Cost: score(m.Cost), Quality: score(m.Quality)}
}

// taskUIDs names tasks by UID.
func (n *names) taskUIDs(ids []int64) ([]int64, error) {
	var out []int64
	for _, id := range ids {
		uid, err := n.taskUID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, uid)
	}
	return out, nil
}

// taskIDs resolves task UIDs.
func (r *refs) taskIDs(field string, uids []int64) ([]int64, error) {
	var out []int64
	for i, uid := range uids {
		id, err := r.taskID(fmt.Sprintf("%s[%d]", field, i), uid, false)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

func riskToMirror(k domain.Risk, n *names) (Risk, error) {
	actions, err1 := n.taskUIDs(k.Actions)
	tasks, err2 := n.taskUIDs(k.TaskImpact.Tasks)
	q := k.TaskImpact
	return Risk{Number: k.Number, Title: k.Title, Description: k.Description, Category: k.Category, Cause: k.Cause,
		Event: k.Event, Effect: k.Effect, Owner: k.Owner, Status: string(k.Status), Trigger: k.Trigger,
		Proximity: formatWall(k.Proximity), Response: string(k.Response), ResponsePlan: k.ResponsePlan, Actions: actions,
		Initial: assessmentToMirror(k.Initial), Current: assessmentToMirror(k.Current), Target: assessmentToMirror(k.Target),
		ReviewedOn: formatWall(k.ReviewedOn), NextReview: formatWall(k.NextReview), OccurredOn: formatWall(k.OccurredOn),
		ActionOwner: k.ActionOwner, Resolution: k.Resolution,
		TaskImpact: TaskImpact{Probability: q.Probability, Tasks: tasks, DelayMin: q.DelayMin, DelayMax: q.DelayMax,
			DelayElapsed: q.DelayElapsed, CostMin: q.CostMin, CostMax: q.CostMax},
		Version: k.Version, CreatedAt: formatInstant(k.CreatedAt), UpdatedAt: formatInstant(k.UpdatedAt)}, errors.Join(err1, err2)
}

func riskFromMirror(m Risk, r *refs) (domain.Risk, error) {
	var p timeFields
	q := m.TaskImpact
	k := domain.Risk{Number: m.Number, Title: m.Title, Description: m.Description, Category: m.Category, Cause: m.Cause,
		Event: m.Event, Effect: m.Effect, Owner: m.Owner, Status: domain.RiskStatus(m.Status), Trigger: m.Trigger,
		Proximity: p.wall("proximity", m.Proximity), Response: domain.ResponseStrategy(m.Response), ResponsePlan: m.ResponsePlan,
		Initial: assessmentFromMirror(m.Initial), Current: assessmentFromMirror(m.Current), Target: assessmentFromMirror(m.Target),
		ReviewedOn: p.wall("reviewed_on", m.ReviewedOn), NextReview: p.wall("next_review", m.NextReview),
		OccurredOn: p.wall("occurred_on", m.OccurredOn), ActionOwner: m.ActionOwner, Resolution: m.Resolution,
		TaskImpact: domain.RiskTaskImpact{Probability: q.Probability, DelayMin: q.DelayMin, DelayMax: q.DelayMax,
			DelayElapsed: q.DelayElapsed, CostMin: q.CostMin, CostMax: q.CostMax},
		Version: m.Version, CreatedAt: p.instant("created_at", m.CreatedAt), UpdatedAt: p.instant("updated_at", m.UpdatedAt)}
	if p.err != nil {
		return k, p.err
	}
	var err error
	if k.Actions, err = r.taskIDs("actions", m.Actions); err != nil {
		return k, err
	}
	k.TaskImpact.Tasks, err = r.taskIDs("task_impact.tasks", q.Tasks)
	return k, err
}

func estimateToMirror(e domain.TaskEstimate, n *names) (Estimate, error) {
	task, err := n.taskUID(e.TaskID)
	return Estimate{Task: task, Distribution: string(e.Distribution), Optimistic: e.Optimistic, MostLikely: e.MostLikely,
		Pessimistic: e.Pessimistic, P10: e.P10, P90: e.P90, Elapsed: e.Elapsed}, err
}

func estimateFromMirror(m Estimate, r *refs) (domain.TaskEstimate, error) {
	e := domain.TaskEstimate{Distribution: domain.EstimateDistribution(m.Distribution), Optimistic: m.Optimistic,
		MostLikely: m.MostLikely, Pessimistic: m.Pessimistic, P10: m.P10, P90: m.P90, Elapsed: m.Elapsed}
	var err error
	e.TaskID, err = r.taskID("task", m.Task, false)
	return e, err
}

func groupToMirror(g domain.CorrelationGroup, n *names) (CorrelationGroup, error) {
	tasks, err := n.taskUIDs(g.Tasks)
	return CorrelationGroup{Name: g.Name, Correlation: g.Correlation, Tasks: tasks, Version: g.Version}, err
}

func groupFromMirror(m CorrelationGroup, r *refs) (domain.CorrelationGroup, error) {
	g := domain.CorrelationGroup{Name: m.Name, Correlation: m.Correlation, Version: m.Version}
	var err error
	g.Tasks, err = r.taskIDs("tasks", m.Tasks)
	return g, err
}

// checkRisks checks the register and the simulation's inputs as the app
// and the store would: risks valid on the matrix with numbers used once,
// estimates valid and one per task, groups valid with a task in one at
// most.
func checkRisks(cp checkedProject) error {
	numbers := map[int64]bool{}
	for i, k := range cp.risks {
		path := fmt.Sprintf("risks[%d]", i)
		if k.Number < 1 || numbers[k.Number] {
			return invalid(path+".number", "risk number %d is not a positive number used once", k.Number)
		}
		numbers[k.Number] = true
		if err := k.Validate(cp.riskMatrix); err != nil {
			return domain.WithField(err, path)
		}
	}
	estimated := map[int64]bool{}
	for i, e := range cp.estimates {
		if err := e.Validate(); err != nil {
			return domain.WithField(err, fmt.Sprintf("estimates[%d]", i))
		}
		if estimated[e.TaskID] {
			return invalid(fmt.Sprintf("estimates[%d].task", i), "the task has two estimates")
		}
		estimated[e.TaskID] = true
	}
	grouped, names := map[int64]bool{}, map[string]bool{}
	for i, g := range cp.groups {
		path := fmt.Sprintf("correlation_groups[%d]", i)
		if err := g.Validate(); err != nil {
			return domain.WithField(err, path)
		}
		if names[g.Name] {
			return invalid(path+".name", "two groups are called %q", g.Name)
		}
		names[g.Name] = true
		for _, id := range g.Tasks {
			if grouped[id] {
				return invalid(path+".tasks", "a task is in two groups")
			}
			grouped[id] = true
		}
	}
	return nil
}

// risks writes the risk matrix, the risks, the estimates and the
// correlation groups, with the tasks' new IDs.
func (w *writer) risks(projectID int64, cp checkedProject, tasks map[int64]int64, r *auditRefs, stamps *[]stamp) error {
	newIDs := func(ids []int64) []int64 {
		var out []int64
		for _, id := range ids {
			out = append(out, tasks[id])
		}
		return out
	}
	if m := cp.riskMatrix; m.Version > 0 {
		m.ProjectID, m.Version = projectID, 0
		if err := w.tx.SetRiskMatrix(w.ctx, &m); err != nil {
			return err
		}
		*stamps = appendVersion(*stamps, "risk_matrix", projectID, cp.riskMatrix.Version)
	}
	for _, k := range cp.risks {
		want := k
		k.ID, k.ProjectID, k.Actions, k.TaskImpact.Tasks = 0, projectID, newIDs(k.Actions), newIDs(k.TaskImpact.Tasks)
		if err := w.tx.CreateRisk(w.ctx, &k); err != nil {
			return fmt.Errorf("risk R%d: %w", want.Number, err)
		}
		r.risk[want.Number] = k.ID
		*stamps = append(*stamps, stamp{"risk", k.ID, want.Version, want.CreatedAt, want.UpdatedAt})
	}
	for _, e := range cp.estimates {
		e.ProjectID, e.TaskID = projectID, tasks[e.TaskID]
		if err := w.tx.SetTaskEstimate(w.ctx, e); err != nil {
			return err
		}
	}
	for i, g := range cp.groups {
		version := g.Version
		g.ID, g.ProjectID, g.Tasks = 0, projectID, newIDs(g.Tasks)
		if err := w.tx.CreateCorrelationGroup(w.ctx, &g); err != nil {
			return fmt.Errorf("correlation group %q: %w", g.Name, err)
		}
		r.group[int64(i+1)] = g.ID
		*stamps = appendVersion(*stamps, "correlation_group", g.ID, version)
	}
	return nil
}
