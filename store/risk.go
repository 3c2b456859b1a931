package store

import (
	"context"

	"github.com/cairnpm/cairn/domain"
)

// RiskTx is the part of a transaction about uncertainty: the risk
// register, the project's risk matrix, tasks' three-point estimates and
// correlation groups (issue 9).
type RiskTx interface {
	// CreateRisk stores r with its task links and sets its ID, Version
	// and timestamps, and a zero Number to the project's next (a restore
	// keeps the numbers it had); a number taken is KindConflict.
	CreateRisk(ctx context.Context, r *domain.Risk) error
	// Risk returns one risk of a project with its task links.
	Risk(ctx context.Context, projectID, id int64) (domain.Risk, error)
	// Risks lists a project's risks by ID, with their task links.
	Risks(ctx context.Context, projectID int64) ([]domain.Risk, error)
	// UpdateRisk saves r and replaces its task links, checking Version.
	UpdateRisk(ctx context.Context, r *domain.Risk) error
	// DeleteRisk removes a risk; a version of 0 skips the check.
	DeleteRisk(ctx context.Context, projectID, id, version int64) error

	// RiskMatrix returns the project's matrix, or the default (Version 0)
	// when none is stored.
	RiskMatrix(ctx context.Context, projectID int64) (domain.RiskMatrix, error)
	// SetRiskMatrix stores m: inserted when m.Version is 0, else updated
	// if m.Version is the stored one; it then bumps m.Version.
	SetRiskMatrix(ctx context.Context, m *domain.RiskMatrix) error

	// TaskEstimate returns a task's estimate, not found when it has none.
	TaskEstimate(ctx context.Context, projectID, taskID int64) (domain.TaskEstimate, error)
	// TaskEstimates lists a project's estimates by task ID.
	TaskEstimates(ctx context.Context, projectID int64) ([]domain.TaskEstimate, error)
	// SetTaskEstimate stores or replaces a task's estimate.
	SetTaskEstimate(ctx context.Context, e domain.TaskEstimate) error
	// DeleteTaskEstimate removes a task's estimate; none is not found.
	DeleteTaskEstimate(ctx context.Context, projectID, taskID int64) error

	// CreateCorrelationGroup stores g with its tasks and sets its ID and
	// Version; a task already in a group is KindConflict.
	CreateCorrelationGroup(ctx context.Context, g *domain.CorrelationGroup) error
	CorrelationGroup(ctx context.Context, projectID, id int64) (domain.CorrelationGroup, error)
	// CorrelationGroups lists a project's groups by ID, with their tasks.
	CorrelationGroups(ctx context.Context, projectID int64) ([]domain.CorrelationGroup, error)
	// UpdateCorrelationGroup saves g and replaces its tasks, checking
	// Version.
	UpdateCorrelationGroup(ctx context.Context, g *domain.CorrelationGroup) error
	DeleteCorrelationGroup(ctx context.Context, projectID, id, version int64) error
}
