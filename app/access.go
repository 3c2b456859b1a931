package app

import (
	"context"
	"slices"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// Principal is the signed-in user a request acts for.
type Principal struct {
	User domain.User
	// ReadOnly is set when the request came with a read-only API token.
	ReadOnly bool
}

type principalKey struct{}

// WithPrincipal returns a context that acts for p: permission checks use
// p, and writes are recorded in the audit trail under p's email.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return WithActor(context.WithValue(ctx, principalKey{}, p), p.User.Email)
}

// PrincipalFrom returns the principal of ctx, if a user is signed in.
//
// A context without a principal is a trusted caller: the CLI, which
// already holds the database, or the server while no account exists yet
// (so a fresh install works without signing in). Once an account exists,
// the server refuses every request that is not signed in before it reaches
// the app, so no request gets here without a principal.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Action is something a user may or may not do.
type Action string

// Project actions.
const (
	ActionView          Action = "view"           // see the project, its plan and schedule
	ActionViewCosts     Action = "view_costs"     // see budgets, rates and costs
	ActionEditPlan      Action = "edit_plan"      // change tasks and links
	ActionManageProject Action = "manage_project" // change the project's settings, save baselines
	ActionManageMembers Action = "manage_members" // add, change and remove managers, members and viewers
	ActionManageOwners  Action = "manage_owners"  // make, change or remove owners
	ActionDeleteProject Action = "delete_project"
	// ActionEditRisks is adding risks and changing those one owns
	// (members); ActionManageRisks is changing or deleting any risk
	// (managers and owners). See docs/decisions/0020-risk-register.md.
	ActionEditRisks   Action = "edit_risks"
	ActionManageRisks Action = "manage_risks"
	// Timesheets and costs (docs/decisions/0019-timesheets-and-budget.md).
	ActionLogTime     Action = "log_time"     // log, change and submit one's own timesheet
	ActionApproveTime Action = "approve_time" // approve or reject other people's timesheets
	ActionManageCosts Action = "manage_costs" // enter expenses and budgets
	// ActionComment is writing comments and deleting one's own; every
	// role may, viewers too (docs/decisions/0023).
	ActionComment Action = "comment"
)

// Site actions, not about one project. Every signed-in user may do them
// unless signed in with a read-only token.
const (
	ActionCreateProject Action = "create_project"
	ActionManageTokens  Action = "manage_tokens" // create and revoke one's own API tokens
	// ActionManageAccount is changing what belongs to one's account
	// alone: marking one's notifications read, one's preferences.
	ActionManageAccount Action = "manage_account"
)

// roleActions is the permission table: what each project role may do.
// Site admins may do everything in every project.
var roleActions = map[domain.Role][]Action{
	domain.RoleOwner: {ActionView, ActionViewCosts, ActionEditPlan, ActionManageProject, ActionManageMembers,
		ActionManageOwners, ActionDeleteProject, ActionEditRisks, ActionManageRisks, ActionLogTime, ActionApproveTime,
		ActionManageCosts, ActionComment},
	domain.RoleManager: {ActionView, ActionViewCosts, ActionEditPlan, ActionManageProject, ActionManageMembers,
		ActionEditRisks, ActionManageRisks, ActionLogTime, ActionApproveTime, ActionManageCosts, ActionComment},
	domain.RoleMember: {ActionView, ActionEditPlan, ActionEditRisks, ActionLogTime, ActionComment},
	domain.RoleViewer: {ActionView, ActionComment},
}

// readActions are the actions a read-only token may do.
var readActions = []Action{ActionView, ActionViewCosts}

// siteActions are the actions that are not about one project.
var siteActions = []Action{ActionCreateProject, ActionManageTokens, ActionManageAccount}

// RoleAllows reports whether a project role permits action.
func RoleAllows(role domain.Role, action Action) bool {
	return slices.Contains(roleActions[role], action)
}

// decide is the one place where permission is decided: may principal p,
// whose role in project key is role ("" for none), do action? A user who
// is not a member (and not a site admin) is told the project does not
// exist, so its existence does not leak.
func decide(p Principal, key string, role domain.Role, action Action) error {
	if slices.Contains(siteActions, action) {
		if p.ReadOnly {
			return readOnlyError()
		}
		return nil
	}
	if role == "" && !p.User.SiteAdmin {
		return domain.NotFound("project_not_found", "project %q does not exist", key)
	}
	if p.ReadOnly && !slices.Contains(readActions, action) {
		return readOnlyError()
	}
	if p.User.SiteAdmin || RoleAllows(role, action) {
		return nil
	}
	return domain.Forbidden("forbidden", "as %s of project %s you may not %s; ask an owner or manager of the project", role, key, describe(action))
}

func readOnlyError() error {
	return domain.Forbidden("read_only_token", "this API token is read-only; create a token without --read-only to make changes")
}

func describe(a Action) string {
	switch a {
	case ActionViewCosts:
		return "see its costs"
	case ActionEditPlan:
		return "change its plan"
	case ActionManageProject:
		return "change its settings or baselines"
	case ActionManageMembers:
		return "manage its members"
	case ActionManageOwners:
		return "make, change or remove owners"
	case ActionDeleteProject:
		return "delete it"
	case ActionLogTime:
		return "log time in it"
	case ActionApproveTime:
		return "approve or reject its timesheets"
	case ActionManageCosts:
		return "enter its expenses or budgets"
	case ActionEditRisks:
		return "add or change risks"
	case ActionManageRisks:
		return "change or delete risks that others own"
	case ActionComment:
		return "comment on it"
	}
	return string(a)
}

// Authorize checks that ctx's principal may do action on the project with
// the given key (ignored for site actions). It fails with KindNotFound
// when the project does not exist or the user is not a member,
// KindForbidden when the user's role does not allow the action, and
// succeeds for trusted callers (no principal).
func (a *App) Authorize(ctx context.Context, key string, action Action) error {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return nil
	}
	if slices.Contains(siteActions, action) {
		return decide(p, key, "", action)
	}
	return a.store.View(ctx, func(tx store.Tx) error {
		_, err := a.access(ctx, tx, key, action)
		return err
	})
}

// access is Authorize inside a transaction; it returns the project's ID.
func (a *App) access(ctx context.Context, tx store.Tx, key string, action Action) (int64, error) {
	p, signedIn := PrincipalFrom(ctx)
	id, role, err := tx.ProjectRole(ctx, key, p.User.ID)
	if err != nil || !signedIn {
		return id, err
	}
	return id, decide(p, key, role, action)
}

// CostVisibility says whose costs ctx's principal may see: all projects'
// (trusted callers and site admins), or those whose keys are in keys.
func (a *App) CostVisibility(ctx context.Context) (all bool, keys map[string]bool, err error) {
	p, ok := PrincipalFrom(ctx)
	if !ok || p.User.SiteAdmin {
		return true, nil, nil
	}
	keys = map[string]bool{}
	err = a.store.View(ctx, func(tx store.Tx) error {
		ms, err := tx.Memberships(ctx, p.User.ID)
		for _, m := range ms {
			if RoleAllows(m.Role, ActionViewCosts) {
				keys[m.ProjectKey] = true
			}
		}
		return err
	})
	return false, keys, err
}
