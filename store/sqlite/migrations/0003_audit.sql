-- Audit trail: every write, with each field's old and new value.
CREATE TABLE audit_events (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    entity     TEXT    NOT NULL,
    entity_id  INTEGER NOT NULL,
    action     TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    changes    TEXT    NOT NULL -- JSON list of {field, old, new}
);
CREATE INDEX audit_events_entity ON audit_events(project_id, entity, entity_id, id);
CREATE INDEX audit_events_at ON audit_events(project_id, at);
