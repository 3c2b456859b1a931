package server

import "github.com/cairnpm/cairn/app"

// costRoutes are the routes of timesheets, expenses, budgets and earned
// value (docs/decisions/0019-timesheets-and-budget.md), part of the route
// table. Timesheets hold hours, not money: anyone in the project reads
// their own, and managers and owners everyone's; expenses, budgets and
// earned value are costs, for those who may see them.
func (s *Server) costRoutes() []route {
	return []route{
		{"GET /api/v1/projects/{key}/timesheets", s.listTimesheets, need(app.ActionView)},
		{"POST /api/v1/projects/{key}/timesheets", s.logTime, need(app.ActionLogTime)},
		{"PATCH /api/v1/projects/{key}/timesheets/{id}", s.patchTimeEntry, need(app.ActionLogTime)},
		{"DELETE /api/v1/projects/{key}/timesheets/{id}", s.deleteTimeEntry, need(app.ActionLogTime)},
		{"POST /api/v1/projects/{key}/timesheets/submit", s.submitWeek, need(app.ActionLogTime)},
		{"POST /api/v1/projects/{key}/timesheets/approve", s.approveWeek, need(app.ActionApproveTime)},
		{"POST /api/v1/projects/{key}/timesheets/reject", s.rejectWeek, need(app.ActionApproveTime)},

		{"GET /api/v1/projects/{key}/expenses", s.listExpenses, need(app.ActionViewCosts)},
		{"POST /api/v1/projects/{key}/expenses", s.createExpense, need(app.ActionManageCosts)},
		{"GET /api/v1/projects/{key}/expenses/{id}", s.getExpense, need(app.ActionViewCosts)},
		{"PATCH /api/v1/projects/{key}/expenses/{id}", s.patchExpense, need(app.ActionManageCosts)},
		{"DELETE /api/v1/projects/{key}/expenses/{id}", s.deleteExpense, need(app.ActionManageCosts)},

		{"GET /api/v1/projects/{key}/budgets", s.listBudgets, need(app.ActionViewCosts)},
		{"PUT /api/v1/projects/{key}/budgets/{id}", s.putBudget, need(app.ActionManageCosts)},
		{"DELETE /api/v1/projects/{key}/budgets/{id}", s.deleteBudget, need(app.ActionManageCosts)},

		{"GET /api/v1/projects/{key}/evm", s.getEVM, need(app.ActionViewCosts)},
		{"GET /api/v1/projects/{key}/evm/scurve.svg", s.getSCurve, need(app.ActionViewCosts)},
		{"GET /api/v1/projects/{key}/evm/breakdown.svg", s.getBreakdown, need(app.ActionViewCosts)},
		{"GET /api/v1/projects/{key}/evm/trend.svg", s.getTrend, need(app.ActionViewCosts)},
	}
}
