package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

func (t *tx) RecordAudit(ctx context.Context, e *domain.AuditEvent) error {
	changes, err := json.Marshal(e.Changes)
	if err != nil {
		return fmt.Errorf("audit changes: %w", err)
	}
	if e.Changes == nil {
		changes = []byte("[]")
	}
	id, err := t.insert(ctx, "audit event", "", `INSERT INTO audit_events (project_id, entity, entity_id, action, actor, at, changes)
		VALUES (?,?,?,?,?,?,?)`, nullID(e.ProjectID), e.Entity, e.EntityID, e.Action, e.Actor, instant(e.At), string(changes))
	if err != nil {
		return err
	}
	e.ID = id
	return t.announce(ctx, e)
}

func (t *tx) AuditEvents(ctx context.Context, projectID int64, f store.AuditFilter, page store.Page) ([]domain.AuditEvent, error) {
	q := `SELECT id, project_id, entity, entity_id, action, actor, at, changes FROM audit_events WHERE project_id = ?`
	args := []any{projectID}
	if projectID == 0 { // the events of no project: RecordAudit stores 0 as NULL
		q, args = `SELECT id, project_id, entity, entity_id, action, actor, at, changes FROM audit_events WHERE project_id IS NULL`, nil
	}
	if f.Entity != "" {
		q += " AND entity = ? AND entity_id = ?"
		args = append(args, f.Entity, f.EntityID)
	}
	if !f.Since.IsZero() {
		q += " AND at >= ?"
		args = append(args, instant(f.Since))
	}
	tail, pargs := pageClause(page)
	rows, err := t.query(ctx, q+tail, append(args, pargs...)...)
	if err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (domain.AuditEvent, error) {
		var e domain.AuditEvent
		err := row.Scan(&e.ID, idScan{&e.ProjectID}, &e.Entity, &e.EntityID, &e.Action, &e.Actor, instantScan{&e.At}, jsonScan{&e.Changes})
		return e, err
	})
}
