package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// testReports stores a draft, edits it, publishes it, and checks that a
// stale version is refused and the list is newest first.
func testReports(t *testing.T, s store.Store) {
	ctx := context.Background()
	p := createProject(t, s, "REP")
	r := domain.StatusReport{ProjectID: p.ID, PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 6), Baseline: 1,
		Status: domain.ReportDraft, Drafted: `{"summary":"as drafted"}`, Content: `{"summary":"as drafted"}`,
		CreatedBy: "ann@example.com", CreatedAt: time.Date(2027, 1, 10, 9, 30, 0, 0, time.UTC)}
	update(t, s, func(tx store.Tx) error { return tx.CreateReport(ctx, &r) })
	if r.ID == 0 || r.Version != 1 {
		t.Fatalf("created report %+v", r)
	}
	r.Content = `{"summary":"as edited"}`
	r.Overrides = []domain.RAGOverride{{Area: "schedule", Level: "amber", Justification: "The vendor confirmed delivery."}}
	update(t, s, func(tx store.Tx) error { return tx.UpdateReport(ctx, &r) })
	stale := r
	stale.Version = 1
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateReport(ctx, &stale) }); domain.ErrorKind(err) != domain.KindPreconditionFailed {
		t.Errorf("stale update: %v, want precondition failed", err)
	}
	r.Status, r.PublishedBy, r.PublishedAt = domain.ReportPublished, "ann@example.com", time.Date(2027, 1, 11, 8, 0, 0, 0, time.UTC)
	update(t, s, func(tx store.Tx) error { return tx.UpdateReport(ctx, &r) })
	second := domain.StatusReport{ProjectID: p.ID, PeriodStart: start.AddDate(0, 0, 7), PeriodEnd: start.AddDate(0, 0, 13),
		Status: domain.ReportDraft, Drafted: "{}", Content: "{}", CreatedBy: "ann@example.com", CreatedAt: r.CreatedAt.AddDate(0, 0, 7)}
	update(t, s, func(tx store.Tx) error { return tx.CreateReport(ctx, &second) })
	view(t, s, func(tx store.Tx) error {
		got, err := tx.Report(ctx, p.ID, r.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("report read back\n%+v\nwant\n%+v", got, r)
		}
		list, err := tx.Reports(ctx, p.ID)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].ID != second.ID || list[1].ID != r.ID {
			t.Errorf("reports %v; want the newest first", list)
		}
		if _, err := tx.Report(ctx, p.ID, 999999); domain.ErrorKind(err) != domain.KindNotFound {
			t.Errorf("missing report: %v", err)
		}
		return nil
	})
}
