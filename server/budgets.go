package server

import (
	"net/http"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// budgetsJSON is a project's budget and the budgets of its phases and
// cost accounts. Allocated is what budgets lower in the WBS take of a
// budget (the nearest ones only), unallocated what is left of it.
type budgetsJSON struct {
	Currency    string           `json:"currency"`
	Budget      string           `json:"budget"`
	Allocated   string           `json:"allocated"`
	Unallocated string           `json:"unallocated"`
	Budgets     []budgetLineJSON `json:"budgets"`
}

type budgetLineJSON struct {
	Task        int64  `json:"task"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Summary     bool   `json:"summary"`
	Budget      string `json:"budget"`
	Allocated   string `json:"allocated"`
	Unallocated string `json:"unallocated"`
	Version     int64  `json:"version"`
}

// taskBudgetJSON is one task's budget, as set.
type taskBudgetJSON struct {
	Task    int64  `json:"task"`
	Budget  string `json:"budget"`
	Version int64  `json:"version"`
}

func toBudgetsJSON(b app.Budgets) budgetsJSON {
	cur := b.Project.Currency
	task := make(map[int64]domain.Task, len(b.Tasks))
	summary := map[int64]bool{}
	for _, t := range b.Tasks {
		task[t.ID] = t
		summary[t.Parent] = true
	}
	amount := make(map[int64]int64, len(b.Budgets))
	for _, x := range b.Budgets {
		amount[x.Task] = x.Amount
	}
	// What each budget hands down: the budgets nearest below it.
	allocated := map[int64]int64{}
	var top int64
	for _, x := range b.Budgets {
		parent := task[x.Task].Parent
		for parent != 0 {
			if _, ok := amount[parent]; ok {
				break
			}
			parent = task[parent].Parent
		}
		if parent == 0 {
			top += x.Amount
		} else {
			allocated[parent] += x.Amount
		}
	}
	out := budgetsJSON{Currency: cur, Budget: domain.FormatMoney(b.Project.Budget, cur), Allocated: domain.FormatMoney(top, cur),
		Unallocated: domain.FormatMoney(b.Project.Budget-top, cur), Budgets: make([]budgetLineJSON, len(b.Budgets))}
	for i, x := range b.Budgets {
		t := task[x.Task]
		out.Budgets[i] = budgetLineJSON{Task: x.Task, Key: t.Key(b.Project.Key), Name: t.Name, Summary: summary[x.Task],
			Budget: domain.FormatMoney(x.Amount, cur), Allocated: domain.FormatMoney(allocated[x.Task], cur),
			Unallocated: domain.FormatMoney(x.Amount-allocated[x.Task], cur), Version: x.Version}
	}
	return out
}

// listBudgets answers GET …/budgets.
func (s *Server) listBudgets(w http.ResponseWriter, r *http.Request) {
	b, err := s.app.Budgets(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toBudgetsJSON(b))
}

// putBudget answers PUT …/budgets/{id} {"budget": "7000.00"}: the budget
// of task id, a phase or cost account.
func (s *Server) putBudget(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "task")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in struct {
		Budget *string `json:"budget"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	if in.Budget == nil {
		s.writeError(w, r, domain.Invalid("required", "budget", "give the budget, such as \"7000.00\"; DELETE removes it"))
		return
	}
	var cur string
	b, err := s.app.SetTaskBudget(r.Context(), r.PathValue("key"), id, version, func(p domain.Project) (int64, error) {
		cur = p.Currency
		a, err := domain.ParseMoney(*in.Budget, p.Currency)
		if err != nil {
			return 0, fieldErr("budget", err)
		}
		return a, nil
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, b.Version)
	writeJSON(w, http.StatusOK, taskBudgetJSON{Task: b.Task, Budget: domain.FormatMoney(b.Amount, cur), Version: b.Version})
}

// deleteBudget answers DELETE …/budgets/{id}.
func (s *Server) deleteBudget(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "task", s.app.DeleteTaskBudget)
}
