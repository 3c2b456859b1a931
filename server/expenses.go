package server

import (
	"net/http"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// expenseJSON is an expense as the API shows it; money is a decimal
// string in the project's currency.
type expenseJSON struct {
	ID          int64  `json:"id"`
	Task        int64  `json:"task"`
	Date        string `json:"date"`
	Amount      string `json:"amount"`
	Description string `json:"description"`
	Supplier    string `json:"supplier"`
	Reference   string `json:"reference"`
	CreatedBy   string `json:"created_by"`
	Version     int64  `json:"version"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

func toExpenseJSON(p domain.Project, e domain.Expense) expenseJSON {
	return expenseJSON{ID: e.ID, Task: e.Task, Date: domain.FormatDate(e.Date), Amount: domain.FormatMoney(e.Amount, p.Currency),
		Description: e.Description, Supplier: e.Supplier, Reference: e.Reference, CreatedBy: e.CreatedBy, Version: e.Version,
		CreatedAt: e.CreatedAt.Format(time.RFC3339), UpdatedAt: e.UpdatedAt.Format(time.RFC3339)}
}

// expenseInput is the body of POST and PATCH on expenses.
type expenseInput struct {
	Task        Opt[int64]  `json:"task"`
	Date        Opt[string] `json:"date"`
	Amount      Opt[string] `json:"amount"`
	Description Opt[string] `json:"description"`
	Supplier    Opt[string] `json:"supplier"`
	Reference   Opt[string] `json:"reference"`
}

// apply copies the fields present onto e, reading money in the
// project's currency.
func (in *expenseInput) apply(p domain.Project, e *domain.Expense) error {
	if in.Task.Set {
		e.Task = in.Task.Value
	}
	if in.Date.Set {
		d, err := parseDay(in.Date.Value, "date")
		if err != nil {
			return err
		}
		e.Date = d
	}
	if in.Amount.Set {
		a, err := domain.ParseMoney(orWord(in.Amount.Value, "0"), p.Currency)
		if err != nil {
			return fieldErr("amount", err)
		}
		e.Amount = a
	}
	for _, f := range []struct {
		o   Opt[string]
		dst *string
	}{{in.Description, &e.Description}, {in.Supplier, &e.Supplier}, {in.Reference, &e.Reference}} {
		if f.o.Set {
			*f.dst = f.o.Value
		}
	}
	return nil
}

func (s *Server) listExpenses(w http.ResponseWriter, r *http.Request) {
	pg, err := page(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, es, err := s.app.Expenses(r.Context(), r.PathValue("key"), pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Expenses   []expenseJSON `json:"expenses"`
		NextCursor string        `json:"next_cursor,omitempty"`
	}{Expenses: make([]expenseJSON, len(es))}
	for i, e := range es {
		out.Expenses[i] = toExpenseJSON(p, e)
	}
	if len(es) > 0 {
		out.NextCursor = nextCursor(pg, len(es), es[len(es)-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createExpense(w http.ResponseWriter, r *http.Request) {
	var in expenseInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	e, err := s.app.AddExpense(r.Context(), r.PathValue("key"), func(proj domain.Project, e *domain.Expense) error {
		p = proj
		return in.apply(proj, e)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Key+"/expenses/"+itoa64(e.ID))
	setETag(w, e.Version)
	writeJSON(w, http.StatusCreated, toExpenseJSON(p, e))
}

func (s *Server) getExpense(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "expense")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, e, err := s.app.Expense(r.Context(), r.PathValue("key"), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, e.Version)
	writeJSON(w, http.StatusOK, toExpenseJSON(p, e))
}

func (s *Server) patchExpense(w http.ResponseWriter, r *http.Request) {
	id, version, err := target(r, "expense")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in expenseInput
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	var p domain.Project
	e, err := s.app.UpdateExpense(r.Context(), r.PathValue("key"), id, version, func(proj domain.Project, e *domain.Expense) error {
		p = proj
		return in.apply(proj, e)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, e.Version)
	writeJSON(w, http.StatusOK, toExpenseJSON(p, e))
}

func (s *Server) deleteExpense(w http.ResponseWriter, r *http.Request) {
	s.deleteBy(w, r, "expense", s.app.DeleteExpense)
}
