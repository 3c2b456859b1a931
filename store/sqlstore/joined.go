package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// The reads below each answer in one statement what a request needs from
// several tables. On PostgreSQL every statement is a round trip, and a
// task read made four (token, role, project, task); with these it makes
// two. They are for reads outside write transactions: they take no row
// locks.

// ProjectTask reads a project by key and one of its tasks.
func (t *tx) ProjectTask(ctx context.Context, key string, id int64) (domain.Project, domain.Task, error) {
	if t.write {
		return domain.Project{}, domain.Task{}, errors.New("ProjectTask is for reads: it takes no row locks")
	}
	p, k, err := scanProjectTask(t.queryRow(ctx, "SELECT "+projectTaskColumns+` FROM projects p JOIN tasks t ON t.project_id = p.id
		WHERE p.key = ? AND t.id = ?`, key, id))
	if errors.Is(err, sql.ErrNoRows) { // which one is missing, with its error
		if p, err = t.Project(ctx, key); err != nil {
			return p, k, err
		}
		k, err = t.Task(ctx, p.ID, id)
		return p, k, err
	}
	if err != nil {
		return p, k, fmt.Errorf("read task %d of %s: %w", id, key, err)
	}
	return p, k, nil
}

// scanProjectTask scans a row of projectTaskColumns with scanProject and
// scanTask, so that the two keep one list of columns each: scanProject's
// Scan runs scanTask, whose Scan scans the row into both lists.
func scanProjectTask(row interface{ Scan(...any) error }) (p domain.Project, k domain.Task, err error) {
	p, err = scanProject(scanFunc(func(pd ...any) error {
		var kerr error
		k, kerr = scanTask(scanFunc(func(kd ...any) error { return row.Scan(append(pd, kd...)...) }))
		return kerr
	}))
	return p, k, err
}

// scanFunc is a function as a row.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// projectTaskColumns are projectColumns and taskColumns, qualified.
var projectTaskColumns = qualify("p", projectColumns) + ", " + qualify("t", taskColumns)

func qualify(table, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = table + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// APITokenRole reads the API token with the given hash, its user, and
// that user's role in the project with the given key: what every API
// request checks before it does anything. projectID is 0 when no project
// has that key, role "" when the user is not a member.
func (t *tx) APITokenRole(ctx context.Context, tokenHash, key string) (k domain.APIToken, u domain.User, projectID int64, role domain.Role, err error) {
	var pid sql.NullInt64
	var r sql.NullString
	err = t.queryRow(ctx, "SELECT "+qualify("k", tokenColumns)+", "+userColumnsOf("u")+`, p.id, m.role
		FROM api_tokens k JOIN users u ON u.id = k.user_id
		LEFT JOIN projects p ON p.key = ? LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = u.id
		WHERE k.token_hash = ?`, key, tokenHash).Scan(append(append(tokenDest(&k), userDest(&u)...), &pid, &r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return k, u, 0, "", domain.NotFound("token_not_found", "the token does not exist or was revoked")
	}
	if err != nil {
		return k, u, 0, "", fmt.Errorf("read token and role: %w", err)
	}
	return k, u, pid.Int64, domain.Role(r.String), nil
}
