package backup_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/backup/backuptest"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TestRiskRoundTrip checks that the risk register and the simulation's
// inputs survive a backup and a restore: R2 keeps its number after R1 was
// deleted (the next risk is R3), the matrix, estimates and group come
// back, and the history names them by reference.
func TestRiskRoundTrip(t *testing.T) {
	src := openSQLite(t)
	backuptest.Populate(t, src)
	data := backupOf(t, src)
	for _, want := range []string{`"risk_matrix": {`, `"number": 2`, `"ref": "risk:2"`, `"entity": "risk"`, `"ref": "deleted:1"`,
		`"ref": "group:1"`, `"Cabling crew"`, `"distribution": "lognormal"`, `"field": "estimate"`} {
		if !strings.Contains(data, want) {
			t.Errorf("the backup has no %s", want)
		}
	}
	dst := openSQLite(t)
	if _, err := restore(t, dst, data, false); err != nil {
		t.Fatal(err)
	}
	ctx := app.WithActor(context.Background(), "cli")
	a := app.New(dst, nil)
	v, rs, err := a.Risks(ctx, "NET", app.RiskFilter{})
	if err != nil || len(rs) != 1 || rs[0].Key() != "R2" || v.Matrix.Size != 6 || len(rs[0].TaskImpact.Tasks) != 1 || rs[0].TaskImpact.CostMax != 150000 {
		t.Fatalf("restored register: matrix %+v, risks %+v, %v", v.Matrix, rs, err)
	}
	_, next, err := a.CreateRisk(ctx, "NET", func(_ domain.Project, r *domain.Risk) error { r.Title = "After the restore"; return nil })
	if err != nil || next.Key() != "R3" {
		t.Errorf("the next risk: %s, %v", next.Key(), err)
	}
	evs, err := a.RiskHistory(ctx, "NET", rs[0].ID, store.Page{})
	if err != nil || len(evs) != 2 {
		t.Errorf("the restored risk's history: %+v, %v", evs, err)
	}
	if _, err := a.Simulate(ctx, "NET", app.SimulateOptions{Iterations: 50}); err != nil {
		t.Errorf("simulating the restored project: %v", err)
	}
}
