package sqlstore_test

import (
	"context"
	"maps"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/internal/pgtest"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/postgres"
	"github.com/cairnpm/cairn/store/sqlite"
	"github.com/cairnpm/cairn/store/sqlstore"
	"github.com/cairnpm/cairn/store/storetest"
)

// The reads beyond store.Tx that app finds by type assertion.
type outlineTx interface {
	TaskParents(ctx context.Context, projectID int64) (ids, parents []int64, err error)
	DependencyEnds(ctx context.Context, projectID int64) (preds, succs []int64, fromFinish []bool, err error)
	ProjectTask(ctx context.Context, key string, id int64) (domain.Project, domain.Task, error)
	APITokenRole(ctx context.Context, tokenHash, key string) (domain.APIToken, domain.User, int64, domain.Role, error)
}

func openBoth(t *testing.T) map[string]*sqlstore.DB {
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lite.Close() })
	pg, err := postgres.Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close() })
	return map[string]*sqlstore.DB{"sqlite": lite, "postgres": pg}
}

func TestOutlineReads(t *testing.T) {
	ctx := context.Background()
	for name, st := range openBoth(t) {
		t.Run(name, func(t *testing.T) {
			var net, ops domain.Project
			var sum, a, b, other domain.Task
			err := st.Update(ctx, func(tx store.Tx) error {
				net, ops = storetest.NewProject("NET"), storetest.NewProject("OPS")
				for _, p := range []*domain.Project{&net, &ops} {
					if err := tx.CreateProject(ctx, p); err != nil {
						return err
					}
				}
				for _, k := range []struct {
					t       *domain.Task
					project int64
					parent  *domain.Task
				}{{&sum, net.ID, nil}, {&a, net.ID, &sum}, {&b, net.ID, &sum}, {&other, ops.ID, nil}} {
					*k.t = domain.Task{ProjectID: k.project, Name: "T", Kind: domain.KindTask, Mode: domain.Auto, Constraint: domain.ASAP}
					if k.parent != nil {
						k.t.Parent = k.parent.ID
					}
					if err := tx.CreateTask(ctx, k.t); err != nil {
						return err
					}
				}
				u := storetest.NewUser("member@example.com")
				if err := tx.CreateUser(ctx, &u); err != nil {
					return err
				}
				k := domain.APIToken{UserID: u.ID, Name: "t", TokenHash: "hash-of-t", CreatedAt: u.CreatedAt}
				if err := tx.CreateAPIToken(ctx, &k); err != nil {
					return err
				}
				if err := tx.AddMember(ctx, &domain.Membership{ProjectID: net.ID, UserID: u.ID, Role: domain.RoleMember}); err != nil {
					return err
				}
				for _, d := range []domain.Dependency{{Predecessor: a.ID, Successor: b.ID, Type: domain.SS}, {Predecessor: b.ID, Successor: a.ID, Type: domain.FF}} {
					d.ProjectID = net.ID
					if err := tx.CreateDependency(ctx, &d); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			err = st.View(ctx, func(stx store.Tx) error {
				tx := stx.(outlineTx)
				ids, parents, err := tx.TaskParents(ctx, net.ID)
				if err != nil {
					return err
				}
				got := map[int64]int64{}
				for i := range ids {
					got[ids[i]] = parents[i]
				}
				if want := map[int64]int64{sum.ID: 0, a.ID: sum.ID, b.ID: sum.ID}; !maps.Equal(got, want) {
					t.Errorf("TaskParents = %v, want %v", got, want)
				}
				preds, succs, fin, err := tx.DependencyEnds(ctx, net.ID)
				if err != nil {
					return err
				}
				ends := map[[2]int64]bool{}
				for i := range preds {
					ends[[2]int64{preds[i], succs[i]}] = fin[i]
				}
				if want := map[[2]int64]bool{{a.ID, b.ID}: false, {b.ID, a.ID}: true}; !maps.Equal(ends, want) {
					t.Errorf("DependencyEnds = %v, want %v (SS from the start, FF from the finish)", ends, want)
				}
				p, k, err := tx.ProjectTask(ctx, "NET", b.ID)
				if err != nil || p.ID != net.ID || p.Key != "NET" || k.ID != b.ID || k.Parent != sum.ID || k.Name != "T" {
					t.Errorf("ProjectTask(NET, b) = %+v, %+v, %v", p, k, err)
				}
				for _, c := range []struct {
					key     string
					project int64
					role    domain.Role
				}{{"NET", net.ID, domain.RoleMember}, {"OPS", ops.ID, ""}, {"NOPE", 0, ""}} {
					k, u, pid, role, err := tx.APITokenRole(ctx, "hash-of-t", c.key)
					if err != nil || k.Name != "t" || u.Email != "member@example.com" || pid != c.project || role != c.role {
						t.Errorf("APITokenRole(%s) = %s, %s, %d, %q, %v; want project %d, role %q", c.key, k.Name, u.Email, pid, role, err, c.project, c.role)
					}
				}
				if _, _, _, _, err := tx.APITokenRole(ctx, "no such hash", "NET"); code(err) != "token_not_found" {
					t.Errorf("APITokenRole of an unknown token: %v", err)
				}
				for _, c := range []struct {
					key  string
					id   int64
					code string
				}{{"NET", other.ID, "task_not_found"}, {"NOPE", a.ID, "project_not_found"}, {"NET", 999999, "task_not_found"}} {
					if _, _, err := tx.ProjectTask(ctx, c.key, c.id); code(err) != c.code {
						t.Errorf("ProjectTask(%s, %d): %v, want %s", c.key, c.id, err, c.code)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func code(err error) string {
	if de, ok := err.(*domain.Error); ok {
		return de.Code
	}
	return ""
}
