package app

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// RiskView is what a reader of a project's risks is given with them: the
// project (for units and currency), its matrix, and whether the reader
// may see money. When Costs is false the risks' cost ranges are zeroed;
// show them as hidden, not as 0.
type RiskView struct {
	Project domain.Project
	Matrix  domain.RiskMatrix
	Costs   bool
}

// RiskFilter narrows and orders a risk register. Empty fields do not
// filter; Owner and Category match without regard to case.
type RiskFilter struct {
	Status   domain.RiskStatus
	Owner    string
	Category string
	// Sort is "number" (the default), "score" (highest first, then by
	// number), "proximity" or "next_review" (soonest first, undated last).
	Sort string
}

// riskRights are what ctx's principal may do with a project's risks.
type riskRights struct {
	email  string // the principal's; "" for trusted callers
	member bool   // the principal is a member of the project
	manage bool   // change or delete any risk
	costs  bool   // see and set money
}

// riskAccess checks that ctx's principal may do action in project key and
// returns the project, read for a write when lock is set, and the
// principal's further rights over risks.
func (a *App) riskAccess(ctx context.Context, tx store.Tx, key string, action Action, lock bool) (domain.Project, riskRights, error) {
	pr, signedIn := PrincipalFrom(ctx)
	_, role, err := tx.ProjectRole(ctx, key, pr.User.ID)
	if err != nil {
		return domain.Project{}, riskRights{}, err
	}
	may := func(act Action) bool { return !signedIn || decide(pr, key, role, act) == nil }
	if signedIn {
		if err := decide(pr, key, role, action); err != nil {
			return domain.Project{}, riskRights{}, err
		}
	}
	rights := riskRights{email: pr.User.Email, member: role != "", manage: may(ActionManageRisks), costs: may(ActionViewCosts)}
	var p domain.Project
	if lock {
		p, err = tx.Project(ctx, key)
	} else {
		p, err = projectShared(ctx, tx, key)
	}
	return p, rights, err
}

// hideRiskCosts zeroes the money of risks for a reader who may not see it.
func hideRiskCosts(rs []domain.Risk) {
	for i := range rs {
		rs[i].TaskImpact.CostMin, rs[i].TaskImpact.CostMax = 0, 0
	}
}

// Risks returns a project's risk register, filtered and sorted. Viewing
// the project is enough; money is shown to those who may see costs.
func (a *App) Risks(ctx context.Context, key string, f RiskFilter) (v RiskView, rs []domain.Risk, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		v = RiskView{Project: p, Costs: rights.costs}
		if v.Matrix, err = tx.RiskMatrix(ctx, p.ID); err != nil {
			return err
		}
		rs, err = tx.Risks(ctx, p.ID)
		return err
	})
	if err != nil {
		return v, nil, err
	}
	if !v.Costs {
		hideRiskCosts(rs)
	}
	rs, err = filterRisks(rs, f)
	return v, rs, err
}

func filterRisks(rs []domain.Risk, f RiskFilter) ([]domain.Risk, error) {
	if f.Status != "" {
		if _, err := domain.ParseRiskStatus(string(f.Status)); err != nil {
			return nil, err
		}
	}
	rs = slices.DeleteFunc(rs, func(r domain.Risk) bool {
		return (f.Status != "" && r.Status != domain.RiskStatus(strings.ToLower(string(f.Status)))) ||
			(f.Owner != "" && r.Owner != domain.NormalizeEmail(f.Owner)) ||
			(f.Category != "" && !strings.EqualFold(r.Category, strings.TrimSpace(f.Category)))
	})
	date := func(t time.Time) int64 { // undated last
		if t.IsZero() {
			return 1 << 62
		}
		return t.Unix()
	}
	var by func(a, b domain.Risk) int
	switch f.Sort {
	case "", "number":
		by = func(a, b domain.Risk) int { return cmp.Compare(a.Number, b.Number) }
	case "score":
		by = func(a, b domain.Risk) int {
			_, sa := a.Score()
			_, sb := b.Score()
			return cmp.Or(cmp.Compare(sb.Value(), sa.Value()), cmp.Compare(a.Number, b.Number))
		}
	case "proximity":
		by = func(a, b domain.Risk) int {
			return cmp.Or(cmp.Compare(date(a.Proximity), date(b.Proximity)), cmp.Compare(a.Number, b.Number))
		}
	case "next_review":
		by = func(a, b domain.Risk) int {
			return cmp.Or(cmp.Compare(date(a.NextReview), date(b.NextReview)), cmp.Compare(a.Number, b.Number))
		}
	default:
		return nil, domain.Invalid("invalid_sort", "sort", "cannot sort risks by %q (use number, score, proximity or next_review)", f.Sort)
	}
	slices.SortStableFunc(rs, by)
	return rs, nil
}

// Risk returns one risk of a project.
func (a *App) Risk(ctx context.Context, key string, id int64) (v RiskView, r domain.Risk, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		v = RiskView{Project: p, Costs: rights.costs}
		if v.Matrix, err = tx.RiskMatrix(ctx, p.ID); err != nil {
			return err
		}
		r, err = tx.Risk(ctx, p.ID, id)
		return err
	})
	if err == nil && !v.Costs {
		hideRiskCosts([]domain.Risk{r})
	}
	return v, r, err
}

// CreateRisk adds a risk to a project's register. edit fills it in; the
// project is passed for its units and currency. A member may add risks
// that they own (the owner defaults to whoever adds the risk); only those
// who may see costs may give a risk a cost.
func (a *App) CreateRisk(ctx context.Context, key string, edit func(domain.Project, *domain.Risk) error) (RiskView, domain.Risk, error) {
	var v RiskView
	var r domain.Risk
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionEditRisks, true)
		if err != nil {
			return err
		}
		v = RiskView{Project: p, Costs: rights.costs}
		if v.Matrix, err = tx.RiskMatrix(ctx, p.ID); err != nil {
			return err
		}
		var fresh domain.Risk // owned by whoever adds it, if a member
		if rights.member {
			fresh.Owner = rights.email
		}
		r = fresh
		if err := edit(p, &r); err != nil {
			return err
		}
		r.ID, r.ProjectID, r.Number = 0, p.ID, 0
		if err := a.checkRisk(ctx, tx, p, v.Matrix, rights, fresh, &r); err != nil {
			return err
		}
		if err := tx.CreateRisk(ctx, &r); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, r.Actions, r.TaskImpact.Tasks)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "risk", r.ID, "create", domain.Diff(nil, r.Fields(p.Units, p.Currency, key)))
	})
	if err == nil && !v.Costs {
		hideRiskCosts([]domain.Risk{r})
	}
	return v, r, err
}

// UpdateRisk applies edit to a risk and saves it, with its audit event.
// version is the version the caller last saw (0: do not check). Members
// may change the risks they own but not hand them to someone else;
// managers and owners may change any.
func (a *App) UpdateRisk(ctx context.Context, key string, id, version int64, edit func(domain.Project, *domain.Risk) error) (RiskView, domain.Risk, error) {
	var v RiskView
	var r domain.Risk
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionEditRisks, false)
		if err != nil {
			return err
		}
		v = RiskView{Project: p, Costs: rights.costs}
		if v.Matrix, err = tx.RiskMatrix(ctx, p.ID); err != nil {
			return err
		}
		if r, err = tx.Risk(ctx, p.ID, id); err != nil {
			return err
		}
		if !rights.manage && r.Owner != rights.email {
			return domain.Forbidden("not_risk_owner", "%s is owned by %s; as a member of %s you may change only the risks you own",
				r.Key(), orNobody(r.Owner), key)
		}
		if err := checkVersion("risk", r.ID, version, r.Version); err != nil {
			return err
		}
		before := r
		before.Actions, before.TaskImpact.Tasks = slices.Clone(r.Actions), slices.Clone(r.TaskImpact.Tasks)
		if err := edit(p, &r); err != nil {
			return err
		}
		r.ID, r.ProjectID, r.Number = before.ID, p.ID, before.Number
		if err := a.checkRisk(ctx, tx, p, v.Matrix, rights, before, &r); err != nil {
			return err
		}
		if err := tx.UpdateRisk(ctx, &r); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, before.Actions, before.TaskImpact.Tasks, r.Actions, r.TaskImpact.Tasks)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "risk", r.ID, "update",
			domain.Diff(before.Fields(p.Units, p.Currency, key), r.Fields(p.Units, p.Currency, key)))
	})
	if err == nil && !v.Costs {
		hideRiskCosts([]domain.Risk{r})
	}
	return v, r, err
}

func orNobody(email string) string {
	if email == "" {
		return "nobody"
	}
	return email
}

// checkRisk normalises and validates r, which was before, against the
// project: its rights, its members and its tasks. It fills the issue log
// of a risk that has just occurred: the date (today) and the action owner
// (the risk's owner) when not given.
func (a *App) checkRisk(ctx context.Context, tx store.Tx, p domain.Project, m domain.RiskMatrix, rights riskRights, before domain.Risk, r *domain.Risk) error {
	r.Normalize()
	if !rights.manage && r.Owner != domain.NormalizeEmail(before.Owner) {
		return &domain.Error{Kind: domain.KindForbidden, Code: "forbidden", Field: "owner",
			Detail: "as a member you may add and change only risks you own; ask a manager to give the risk to someone else"}
	}
	if !rights.costs && (r.TaskImpact.CostMin != before.TaskImpact.CostMin || r.TaskImpact.CostMax != before.TaskImpact.CostMax) {
		return &domain.Error{Kind: domain.KindForbidden, Code: "forbidden", Field: "task_impact.cost_min",
			Detail: "only those who may see the project's costs (owners and managers) may set a risk's cost"}
	}
	if r.Status == domain.RiskOccurred {
		if r.OccurredOn.IsZero() {
			r.OccurredOn = a.localToday(p)
		}
		if r.ActionOwner == "" {
			r.ActionOwner = r.Owner
		}
	}
	if err := r.Validate(m); err != nil {
		return err
	}
	if err := checkMembers(ctx, tx, p, map[string]string{"owner": r.Owner, "action_owner": r.ActionOwner}); err != nil {
		return err
	}
	return checkRiskTasks(ctx, tx, p, r)
}

// checkMembers checks that each non-empty email (by field) is a member
// of the project.
func checkMembers(ctx context.Context, tx store.Tx, p domain.Project, emails map[string]string) error {
	var ms []domain.Membership
	for _, field := range []string{"owner", "action_owner"} {
		email := emails[field]
		if email == "" {
			continue
		}
		if ms == nil {
			var err error
			if ms, err = tx.Members(ctx, p.ID); err != nil {
				return err
			}
		}
		if !slices.ContainsFunc(ms, func(m domain.Membership) bool { return m.Email == email }) {
			return domain.Invalid("unknown_member", field, "%s is not a member of %s; give the email of a member (see its members)", email, p.Key)
		}
	}
	return nil
}

// projectTasks indexes a project's tasks by ID and says which are
// summaries.
func projectTasks(ctx context.Context, tx store.Tx, projectID int64) (map[int64]domain.Task, map[int64]bool, error) {
	ts, err := tx.Tasks(ctx, projectID, store.Page{})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]domain.Task, len(ts))
	summary := map[int64]bool{}
	for _, t := range ts {
		byID[t.ID] = t
		if t.Parent != 0 {
			summary[t.Parent] = true
		}
	}
	return byID, summary, nil
}

// taskKeys returns a function that names tasks by key ("NET-12") for the
// audit trail, reading the project's tasks only when lists name some.
func taskKeys(ctx context.Context, tx store.Tx, p domain.Project, lists ...[]int64) (func(int64) string, error) {
	keys := map[int64]string{}
	if slices.ContainsFunc(lists, func(l []int64) bool { return len(l) > 0 }) {
		tasks, _, err := projectTasks(ctx, tx, p.ID)
		if err != nil {
			return nil, err
		}
		for id, t := range tasks {
			keys[id] = t.Key(p.Key)
		}
	}
	return func(id int64) string {
		if k, ok := keys[id]; ok {
			return k
		}
		return "#" + strconv.FormatInt(id, 10)
	}, nil
}

// checkRiskTasks checks that a risk's action tasks exist, and that the
// tasks it delays are tasks (not summaries or milestones) whose durations
// are in the same kind of time as the delay.
func checkRiskTasks(ctx context.Context, tx store.Tx, p domain.Project, r *domain.Risk) error {
	if len(r.Actions) == 0 && len(r.TaskImpact.Tasks) == 0 {
		return nil
	}
	tasks, summary, err := projectTasks(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	for _, id := range r.Actions {
		if _, ok := tasks[id]; !ok {
			return domain.Invalid("unknown_task", "actions", "task %d does not exist in %s; give the ids of tasks in it", id, p.Key)
		}
	}
	for _, id := range r.TaskImpact.Tasks {
		t, ok := tasks[id]
		switch {
		case !ok:
			return domain.Invalid("unknown_task", "task_impact.tasks", "task %d does not exist in %s; give the ids of tasks in it", id, p.Key)
		case summary[id]:
			return domain.Invalid("summary_task", "task_impact.tasks", "%s %q is a summary task; link the risk to the tasks under it", t.Key(p.Key), t.Name)
		case t.Kind == domain.KindMilestone:
			return domain.Invalid("milestone", "task_impact.tasks", "%s %q is a milestone, which a delay cannot lengthen; link the task before it", t.Key(p.Key), t.Name)
		case t.Duration.Elapsed != r.TaskImpact.DelayElapsed && (r.TaskImpact.DelayMax > 0):
			return domain.Invalid("delay_kind", "task_impact.delay_max", "%s %q is in %s, so give the delay in the same (%s)",
				t.Key(p.Key), t.Name, timeKind(t.Duration.Elapsed), timeExample(t.Duration.Elapsed))
		}
	}
	return nil
}

func timeKind(elapsed bool) string {
	if elapsed {
		return "elapsed time"
	}
	return "working time"
}

func timeExample(elapsed bool) string {
	if elapsed {
		return "e.g. 3ed, 12eh"
	}
	return "e.g. 3d, 4h"
}

// DeleteRisk removes a risk from the register (managers and owners; a
// risk that no longer threatens is better closed, which keeps it).
func (a *App) DeleteRisk(ctx context.Context, key string, id, version int64) error {
	return a.store.Update(ctx, func(tx store.Tx) error {
		p, _, err := a.riskAccess(ctx, tx, key, ActionManageRisks, false)
		if err != nil {
			return err
		}
		r, err := tx.Risk(ctx, p.ID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("risk", r.ID, version, r.Version); err != nil {
			return err
		}
		if err := tx.DeleteRisk(ctx, p.ID, id, r.Version); err != nil {
			return err
		}
		key, err := taskKeys(ctx, tx, p, r.Actions, r.TaskImpact.Tasks)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "risk", id, "delete", domain.Diff(r.Fields(p.Units, p.Currency, key), nil))
	})
}

// RiskHistory lists the audit events of one risk, oldest first, without
// the changes of money for a reader who may not see costs.
func (a *App) RiskHistory(ctx context.Context, key string, id int64, page store.Page) (evs []domain.AuditEvent, err error) {
	var costs bool
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, rights, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		costs = rights.costs
		evs, err = tx.AuditEvents(ctx, p.ID, store.AuditFilter{Entity: "risk", EntityID: id}, page)
		return err
	})
	if err == nil && !costs {
		hideAuditCosts(evs)
	}
	return evs, err
}

// hideAuditCosts removes the changes of money from risk events.
func hideAuditCosts(evs []domain.AuditEvent) {
	for i := range evs {
		if evs[i].Entity == "risk" {
			evs[i].Changes = slices.DeleteFunc(slices.Clone(evs[i].Changes), func(c domain.Change) bool {
				return slices.Contains(domain.RiskCostFields, c.Field)
			})
		}
	}
}

// RiskMatrix returns a project's risk matrix.
func (a *App) RiskMatrix(ctx context.Context, key string) (m domain.RiskMatrix, err error) {
	err = a.store.View(ctx, func(tx store.Tx) error {
		p, _, err := a.riskAccess(ctx, tx, key, ActionView, false)
		if err != nil {
			return err
		}
		m, err = tx.RiskMatrix(ctx, p.ID)
		return err
	})
	return m, err
}

// UpdateRiskMatrix changes a project's matrix size or thresholds. A
// matrix too small for a risk's scores is refused, naming the risk, so
// that no score falls off it. The change is audited on the project.
func (a *App) UpdateRiskMatrix(ctx context.Context, key string, version int64, edit func(*domain.RiskMatrix) error) (domain.RiskMatrix, error) {
	var m domain.RiskMatrix
	err := a.store.Update(ctx, func(tx store.Tx) error {
		p, _, err := a.riskAccess(ctx, tx, key, ActionManageProject, true)
		if err != nil {
			return err
		}
		if m, err = tx.RiskMatrix(ctx, p.ID); err != nil {
			return err
		}
		if err := checkVersion("risk matrix", p.ID, version, m.Version); err != nil {
			return err
		}
		before := m
		if err := edit(&m); err != nil {
			return err
		}
		m.ProjectID, m.Version = p.ID, before.Version
		if err := m.Validate(); err != nil {
			return err
		}
		rs, err := tx.Risks(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			for _, as := range []struct {
				name string
				a    domain.Assessment
			}{{"initial", r.Initial}, {"current", r.Current}, {"target", r.Target}} {
				for i, s := range as.a.Scores() {
					if m.CheckScore(s) != nil {
						return domain.Invalid("score_off_matrix", "size", "%s's %s %s score is %s, off a %d×%d matrix; rescore it first",
							r.Key(), as.name, domain.RiskDimensions[i], s, m.Size, m.Size)
					}
				}
			}
		}
		if m == before {
			return nil
		}
		if err := tx.SetRiskMatrix(ctx, &m); err != nil {
			return err
		}
		return a.audit(ctx, tx, p.ID, "project", p.ID, "update", domain.Diff(before.Fields(), m.Fields()))
	})
	return m, err
}
