package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// Both backends keep times as ISO 8601 text: wall-clock dates as
// YYYY-MM-DDTHH:MM:SS and instants as RFC 3339 UTC. Text sorts in time
// order and reads the same everywhere (see docs/decisions/0003).

// wall encodes a project-local time; the zero time is NULL.
func wall(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(domain.DateTimeLayout)
}

// instantLayout has a fixed width, so stored instants sort as text in
// time order (RFC3339Nano drops trailing zeros, which breaks that).
const instantLayout = "2006-01-02T15:04:05.000000000Z"

// instant encodes a moment in UTC.
func instant(t time.Time) string {
	return t.UTC().Format(instantLayout)
}

// wallScan reads a nullable wall-clock time column.
type wallScan struct{ t *time.Time }

func (w wallScan) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*w.t = time.Time{}
		return nil
	case string:
		return w.parse(v)
	case []byte:
		return w.parse(string(v))
	case time.Time:
		*w.t = domain.Wall(v)
		return nil
	}
	return fmt.Errorf("wall time: unexpected %T", src)
}

func (w wallScan) parse(s string) error {
	t, err := time.Parse(domain.DateTimeLayout, s)
	if err != nil {
		return fmt.Errorf("wall time %q: %w", s, err)
	}
	*w.t = t
	return nil
}

// instantScan reads an RFC 3339 instant column.
type instantScan struct{ t *time.Time }

func (w instantScan) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*w.t = v.UTC()
		return nil
	default:
		return fmt.Errorf("instant: unexpected %T", src)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("instant %q: %w", s, err)
	}
	*w.t = t
	return nil
}

// nullID encodes a reference where 0 means none.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idScan reads a nullable reference as 0 for none.
type idScan struct{ id *int64 }

func (s idScan) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.id = n.Int64
	return nil
}

// nullText encodes a string where "" means NULL (for unique handles).
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// textScan reads a nullable text column as "" for NULL.
type textScan struct{ s *string }

func (s textScan) Scan(src any) error {
	var n sql.NullString
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.s = n.String
	return nil
}

// wipScan reads a project's WIP limits from their text form.
type wipScan struct{ l *domain.WIPLimits }

func (s wipScan) Scan(src any) error {
	var n sql.NullString
	if err := n.Scan(src); err != nil {
		return err
	}
	l, err := domain.ParseWIPLimits(n.String)
	*s.l = l
	return err
}

// boolInt encodes a bool as 0/1, which both backends store as an integer.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsonScan decodes a JSON text column into v.
type jsonScan struct{ v any }

func (j jsonScan) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return fmt.Errorf("json column: unexpected %T", src)
	}
	return json.Unmarshal(b, j.v)
}
